/**
 * The indicator table as text and as a workbook: fixed columns in Swedish or English, values as
 * numbers (or empty for "no value", never 0), status against target and a value's status
 * (preliminär/definitiv) in words: `Preliminär`/`Definitiv`, `Preliminary`/`Final`, the labels of
 * the schema's `VALUE_STATUSES` (`indicator-values.ts`), which an import of the table reads back
 * (`enum-lookup.ts`); JSON keeps the codes. Kön stays `T`/`K`/`M`, official statistics' codes and
 * part of the natural key.
 *
 * Numbers are rounded for people: numerators and denominators (counts) to integers, values and
 * targets to one decimal, a whole number without a decimal part (`8`, never `8.0`); CSV for
 * Swedish Excel writes a decimal comma. In the workbook, numbers stay numbers with a display
 * format (thousands grouped by the reader's locale) and the code-like columns (indicator, unit,
 * period) are text cells formatted `@`, so `0180` and `2024` stay text. The first four columns
 * (indicator, unit, period, kön) are the natural key an import matches rows by.
 */
import type ExcelJS from 'exceljs';
import { slicedWorkbook } from './xlsx-stream.js';
import type { IndicatorTable, IndicatorTableRow } from '../../shared/indicators/table.js';
import type { TargetStatus } from '../../shared/indicators/compute.js';
import { roundTo } from '../../shared/indicators/round.js';
import { TARGET_STATUS_WORDS } from '../../shared/indicators/target-status-words.js';
import { VALUE_STATUSES } from '../../shared/schema/kinds/indicator-values.js';
import type { Lang } from '../../shared/i18n/t.js';
import { escapeNeutralizer, toCsv, type CsvSeparator } from './csv.js';
import type { UnreadableDoc } from '../../shared/rounds/unreadable.js';
import { addUnreadableSheet } from './unreadable-sheet.js';

interface Column {
  key: keyof IndicatorTableRow;
  sv: string;
  en: string;
  width: number;
  numeric?: boolean;
  /** Kept as text in a workbook even when it looks like a number (`0180`, `2024`). */
  code?: boolean;
}

const COLUMNS: readonly Column[] = [
  { key: 'indicator', sv: 'Indikator', en: 'Indicator', width: 14, code: true },
  { key: 'name', sv: 'Namn', en: 'Name', width: 40 },
  { key: 'unit', sv: 'Enhet', en: 'Unit', width: 14, code: true },
  { key: 'period', sv: 'Period', en: 'Period', width: 9, code: true },
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

/** Decimals a number of `col` is shown with: numerators and denominators are counts (0), the rest 1. */
function decimalsOf(col: Column): number {
  return col.key === 'numerator' || col.key === 'denominator' ? 0 : 1;
}

export { roundTo };

function numberOf(col: Column, row: IndicatorTableRow): number | null {
  const v = row[col.key];
  return typeof v === 'number' && Number.isFinite(v) ? roundTo(v, decimalsOf(col)) : null;
}

function text(col: Column, row: IndicatorTableRow, lang: Lang, decimalComma: boolean): string {
  const v = row[col.key];
  if (v === null || v === undefined) return '';
  if (col.key === 'targetStatus') return TARGET_STATUS_WORDS[v as TargetStatus][lang];
  // A status outside the schema's list (a row with an error, shown when validated=false) stays as written.
  if (col.key === 'status') return VALUE_STATUSES.find((o) => o.value === v)?.label[lang] ?? String(v);
  if (typeof v === 'number') {
    const shown = String(numberOf(col, row) ?? '');
    return decimalComma ? shown.replace('.', ',') : shown;
  }
  return String(v);
}

/** The last column of the CSV and the workbook: the unit's name. */
const UNIT_NAME = { sv: 'Enhetsnamn', en: 'Unit name' } as const;
const UNIT_NAME_KEY = 'unitName';

/**
 * The table as CSV (UTF-8 with BOM); `;` with decimal comma for Swedish Excel. The last column
 * (`Enhetsnamn`, `Unit name`) gives the unit's name from `unitNames` (the workspace's unit
 * records by code; empty for a code without a record), so a Power Query user needs no join on
 * `/units`; it comes last so that every earlier column keeps its place for a consumer that reads
 * columns by position. An import reads the table back by its headers and reports it as a column it
 * does not store, as it does `Namn`. Values documents left out as unreadable are not said in the
 * rows (a CSV is the table alone: `unreadable-sheet.ts` says why) but by the route's header and file name.
 */
export function indicatorTableCsv(table: IndicatorTable, lang: Lang, sep: CsvSeparator, unitNames: ReadonlyMap<string, string>): string {
  const decimalComma = sep === ';';
  const rows: string[][] = [[...COLUMNS.map((c) => c[lang]), UNIT_NAME[lang]]];
  for (const r of table.rows) rows.push([...COLUMNS.map((c) => text(c, r, lang, decimalComma)), unitNames.get(r.unit) ?? '']);
  return toCsv(rows, sep);
}

/**
 * The table as a workbook: a frozen bold header, numbers as numbers, and a note of what was left
 * out. The last column (`Enhetsnamn`, `Unit name`) names the unit as the CSV's does (from
 * `unitNames`, empty for a code without a record), a text cell: a name that begins with `=` is
 * written as text, never as a formula. Values documents left out because they cannot be read
 * (`unreadable`) are named on a sheet of their own, `Utelämnat`, after the table's, which stays
 * the first sheet and a clean table (`unreadable-sheet.ts`).
 */
export async function indicatorTableXlsx(table: IndicatorTable, lang: Lang, unitNames: ReadonlyMap<string, string>, unreadable: readonly UnreadableDoc[] = []): Promise<Uint8Array> {
  // Written a row at a time with the loop given back between slices (`xlsx-stream.ts`): a region's
  // values reach some 12,000 rows, and written whole they held every other request meanwhile.
  return slicedWorkbook(async (wb) => {
    wb.creator = 'Samplan';
    const sheet = wb.addWorksheet(lang === 'sv' ? 'Indikatorer' : 'Indicators', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [
      ...COLUMNS.map((c) => ({ header: c[lang], key: c.key, width: c.width, style: c.code ? { numFmt: '@' } : {} })),
      { header: UNIT_NAME[lang], key: UNIT_NAME_KEY, width: 28, style: { numFmt: '@' } },
    ];
    sheet.getRow(1).font = { bold: true };
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length + 1 } };
    for (const r of table.rows) {
      const values: Record<string, ExcelJS.CellValue> = {};
      // A text is written so that an import of the workbook reads it back (`escapeNeutralizer`).
      for (const c of COLUMNS) values[c.key] = c.numeric ? numberOf(c, r) : escapeNeutralizer(text(c, r, lang, false)) || null;
      values[UNIT_NAME_KEY] = escapeNeutralizer(unitNames.get(r.unit) ?? '') || null;
      const row = sheet.addRow(values);
      COLUMNS.forEach((c, i) => {
        const n = values[c.key];
        if (c.numeric && typeof n === 'number') row.getCell(i + 1).numFmt = Number.isInteger(n) ? '#,##0' : '#,##0.0';
      });
      row.commit();
      await wb.pause();
    }
    sheet.commit();
    addUnreadableSheet(wb, unreadable, lang, unitNames);
    if (table.validated) {
      const info = wb.addWorksheet(lang === 'sv' ? 'Om tabellen' : 'About');
      info.addRow([lang === 'sv' ? 'Validerad: rader med fel är utelämnade' : 'Validated: rows with errors are left out']);
      info.addRow([lang === 'sv' ? 'Utelämnade rader' : 'Rows left out', table.leftOut]);
      for (const [code, n] of Object.entries(table.leftOutReasons)) info.addRow([code, n]);
    }
  });
}
