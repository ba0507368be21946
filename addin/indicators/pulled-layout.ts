/**
 * What a pulled indicator table looks like on its sheet, as pure data: the three lines above the
 * table (title, last updated, rows left out), the columns with their headers and number formats,
 * and each table row as Excel cell values (numbers rounded as `shared/indicators/round.ts` says:
 * counts as integers, values and targets to the indicator's decimals). Text columns are formatted `@` so that a period such as
 * `2025` or a kommun code such as `0180` stays text.
 */
import { reasonName, type Lang } from '../../shared/i18n/t.js';
import type { TargetStatus } from '../../shared/indicators/compute.js';
import { roundTo, valueDecimals } from '../../shared/indicators/round.js';
import type { IndicatorTable, IndicatorTableRow } from '../../shared/indicators/table.js';

export type { Lang };

/** One cell as written to Excel; `''` is an empty cell ("no value", never 0). */
export type Cell = string | number;

/** One column of the pulled table. */
export interface PulledColumn {
  key: keyof IndicatorTableRow;
  header: Record<Lang, string>;
  numberFormat: string;
}

const TEXT = '@';
const col = (key: keyof IndicatorTableRow, sv: string, en: string, numberFormat = TEXT): PulledColumn => ({ key, header: { sv, en }, numberFormat });

/** The columns, in order; the same words as the CSV and XLSX export. */
export const PULLED_COLUMNS: readonly PulledColumn[] = [
  col('indicator', 'Indikator', 'Indicator'),
  col('name', 'Namn', 'Name'),
  col('unit', 'Enhet', 'Unit'),
  col('period', 'Period', 'Period'),
  col('kon', 'Kön', 'Sex'),
  // Values and targets are rounded to the indicator's decimals (`valueDecimals`) and shown as
  // Excel's General shows them in the reader's locale: `8`, `40`, `23,8`, never `8.0`.
  col('value', 'Värde', 'Value', 'General'),
  col('numerator', 'Täljare', 'Numerator', '#,##0'),
  col('denominator', 'Nämnare', 'Denominator', '#,##0'),
  col('unitOfMeasure', 'Måttenhet', 'Unit of measure'),
  col('target', 'Mål', 'Target', 'General'),
  col('targetStatus', 'Mot målet', 'Against target'),
  col('status', 'Status', 'Status'),
  col('source', 'Källa', 'Source'),
];

/** Number of columns. */
export const WIDTH = PULLED_COLUMNS.length;

/** Sheet row (zero-based) of the title, the "last updated" line and the left-out note. */
export const TITLE_ROW = 0;
/** Sheet row of the table's header; the body starts on the next row. */
export const HEADER_ROW = 4;

/** Status against target in words; shown with the value, never as colour alone. */
export const TARGET_STATUS_WORDS: Record<TargetStatus, Record<Lang, string>> = {
  uppnatt: { sv: 'Uppnått', en: 'Achieved' },
  'pa-vag': { sv: 'På väg', en: 'On track' },
  'ej-pa-vag': { sv: 'Ej på väg', en: 'Not on track' },
};

const VALUE_STATUS_WORDS: Record<string, Record<Lang, string>> = {
  preliminar: { sv: 'Preliminär', en: 'Preliminary' },
  definitiv: { sv: 'Definitiv', en: 'Final' },
};

/** The header row's texts. */
export function headerCells(lang: Lang): Cell[] {
  return PULLED_COLUMNS.map((c) => c.header[lang]);
}

/** One table row as cells. */
export function rowCells(row: IndicatorTableRow, lang: Lang): Cell[] {
  return PULLED_COLUMNS.map(({ key }) => {
    const v = row[key];
    if (v === null || v === undefined) return '';
    if (key === 'targetStatus') return TARGET_STATUS_WORDS[v as TargetStatus][lang];
    if (key === 'status') return VALUE_STATUS_WORDS[v as string]?.[lang] ?? String(v);
    if (typeof v !== 'number') return String(v);
    if (key === 'numerator' || key === 'denominator') return roundTo(v, 0);
    return roundTo(v, valueDecimals(row.unitOfMeasure));
  });
}

/** The identity of a row: indicator, unit, period and kön. */
export function rowKey(row: IndicatorTableRow): string {
  return `${row.indicator}\u0000${row.unit}\u0000${row.period}\u0000${row.kon}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-25 14:05` in local time, the way Swedish Excel users write it. */
export function formatTime(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The three lines above the table: title, last updated, and what validation left out and why. */
export function metaLines(table: IndicatorTable, lang: Lang, at: Date, title?: string): [string, string, string] {
  const heading = title ?? (lang === 'sv' ? 'Samplan – indikatorer (skrivskyddad, uppdateras automatiskt)' : 'Samplan – indicators (read-only, updates automatically)');
  const updated = `${lang === 'sv' ? 'Senast uppdaterad' : 'Last updated'}: ${formatTime(at)}`;
  if (!table.validated) return [heading, updated, lang === 'sv' ? 'Ej validerad: rader med fel visas.' : 'Not validated: rows with errors are shown.'];
  if (table.leftOut === 0) return [heading, updated, lang === 'sv' ? 'Validerad: inga rader utelämnade.' : 'Validated: no rows left out.'];
  const reasons = Object.entries(table.leftOutReasons)
    .sort(([, a], [, b]) => b - a)
    .map(([code, n]) => `${reasonName(code, lang)} ${n}`)
    .join(', ');
  const note =
    lang === 'sv'
      ? `Validerad: ${table.leftOut} ${table.leftOut === 1 ? 'rad' : 'rader'} med fel utelämnade (${reasons}).`
      : `Validated: ${table.leftOut} ${table.leftOut === 1 ? 'row' : 'rows'} with errors left out (${reasons}).`;
  return [heading, updated, note];
}
