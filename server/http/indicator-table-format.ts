/**
 * The indicator table as text and as a workbook: fixed columns in Swedish or English, values as
 * numbers (or empty for "no value", never 0), status against target in words.
 */
import ExcelJS from 'exceljs';
import type { IndicatorTable, IndicatorTableRow } from '../../shared/indicators/table.js';
import type { TargetStatus } from '../../shared/indicators/compute.js';
import { toCsv, type CsvSeparator } from './csv.js';

type Lang = 'sv' | 'en';

interface Column {
  key: keyof IndicatorTableRow;
  sv: string;
  en: string;
  width: number;
  numeric?: boolean;
}

const COLUMNS: readonly Column[] = [
  { key: 'indicator', sv: 'Indikator', en: 'Indicator', width: 14 },
  { key: 'name', sv: 'Namn', en: 'Name', width: 40 },
  { key: 'unit', sv: 'Enhet', en: 'Unit', width: 14 },
  { key: 'period', sv: 'Period', en: 'Period', width: 9 },
  { key: 'kon', sv: 'Kön', en: 'Sex', width: 5 },
  { key: 'value', sv: 'Värde', en: 'Value', width: 10, numeric: true },
  { key: 'numerator', sv: 'Täljare', en: 'Numerator', width: 10, numeric: true },
  { key: 'denominator', sv: 'Nämnare', en: 'Denominator', width: 10, numeric: true },
  { key: 'unitOfMeasure', sv: 'Måttenhet', en: 'Unit of measure', width: 12 },
  { key: 'target', sv: 'Mål', en: 'Target', width: 8, numeric: true },
  { key: 'targetStatus', sv: 'Mot målet', en: 'Against target', width: 14 },
  { key: 'status', sv: 'Status', en: 'Status', width: 11 },
  { key: 'source', sv: 'Källa', en: 'Source', width: 18 },
];

const STATUS_WORDS: Record<TargetStatus, Record<Lang, string>> = {
  uppnatt: { sv: 'Uppnått', en: 'Achieved' },
  'pa-vag': { sv: 'På väg', en: 'On track' },
  'ej-pa-vag': { sv: 'Ej på väg', en: 'Not on track' },
};

function text(col: Column, row: IndicatorTableRow, lang: Lang, decimalComma: boolean): string {
  const v = row[col.key];
  if (v === null || v === undefined) return '';
  if (col.key === 'targetStatus') return STATUS_WORDS[v as TargetStatus][lang];
  if (typeof v === 'number') return decimalComma ? String(v).replace('.', ',') : String(v);
  return String(v);
}

/** The table as CSV (UTF-8 with BOM); `;` with decimal comma for Swedish Excel. */
export function indicatorTableCsv(table: IndicatorTable, lang: Lang, sep: CsvSeparator): string {
  const decimalComma = sep === ';';
  const rows: string[][] = [COLUMNS.map((c) => c[lang])];
  for (const r of table.rows) rows.push(COLUMNS.map((c) => text(c, r, lang, decimalComma)));
  return toCsv(rows, sep);
}

/** The table as a workbook: a frozen bold header, numbers as numbers, and a note of what was left out. */
export async function indicatorTableXlsx(table: IndicatorTable, lang: Lang): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Samplan';
  const sheet = wb.addWorksheet(lang === 'sv' ? 'Indikatorer' : 'Indicators', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c[lang], key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const r of table.rows) {
    const values: Record<string, ExcelJS.CellValue> = {};
    for (const c of COLUMNS) values[c.key] = c.numeric ? (r[c.key] as number | null) : text(c, r, lang, false) || null;
    sheet.addRow(values);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  if (table.validated) {
    const info = wb.addWorksheet(lang === 'sv' ? 'Om tabellen' : 'About');
    info.addRow([lang === 'sv' ? 'Validerad: rader med fel är utelämnade' : 'Validated: rows with errors are left out']);
    info.addRow([lang === 'sv' ? 'Utelämnade rader' : 'Rows left out', table.leftOut]);
    for (const [code, n] of Object.entries(table.leftOutReasons)) info.addRow([code, n]);
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
