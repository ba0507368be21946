/**
 * What a pulled indicator table looks like on its sheet, as pure data: the three lines above the
 * table (title, last updated, rows left out), the columns with their headers and number formats,
 * and each table row as Excel cell values (numbers rounded as `shared/indicators/round.ts` says:
 * counts as integers, values and targets to the indicator's decimals). A person reads names, not
 * codes: indicator and unit names, periods in words; the codes stay in hidden columns at the right
 * for formulas and lookups (see {@link PULLED_COLUMNS}). Text columns are formatted `@` so that a
 * period such as `2025` or a kommun code such as `0180` stays text.
 */
import { periodWords } from '../../shared/i18n/period-label.js';
import { reasonName, type Lang } from '../../shared/i18n/t.js';
import { indicatorLabel } from '../../shared/indicators/indicator-name.js';
import { roundTo, valueDecimals } from '../../shared/indicators/round.js';
import { TARGET_STATUS_WORDS } from '../../shared/indicators/target-status-words.js';
import type { IndicatorTable, IndicatorTableRow } from '../../shared/indicators/table.js';
import type { UnreadableValues } from './indicator-source.js';

export type { Lang };

/** One cell as written to Excel; `''` is an empty cell ("no value", never 0). */
export type Cell = string | number;

/**
 * How codes read as names in the sheet: the workspace's units by code (a code without a name is
 * shown as it is). Indicator names come with the rows (the catalog's), through `indicatorLabel`.
 */
export interface PulledLabels {
  lang: Lang;
  unitName(code: string): string;
}

/** Labels without unit names (every unit shown by its code): tests and a pane without units. */
export const codeLabels = (lang: Lang): PulledLabels => ({ lang, unitName: (code) => code });

/** One column of the pulled table. */
export interface PulledColumn {
  /** Stable name of the column (not shown). */
  id: string;
  header: Record<Lang, string>;
  numberFormat: string;
  /** Width in points. */
  width: number;
  /** Hidden: a code column kept for formulas and lookups. */
  hidden?: true;
  /** The cell of one table row. */
  cell(row: IndicatorTableRow, labels: PulledLabels): Cell;
}

const TEXT = '@';
const KON_WORDS: Record<string, Record<Lang, string>> = {
  T: { sv: 'Totalt', en: 'Total' },
  K: { sv: 'Kvinnor', en: 'Women' },
  M: { sv: 'Män', en: 'Men' },
};
const text = (v: string | null | undefined): Cell => (v === null || v === undefined ? '' : v);
const num = (v: number | null, decimals: number): Cell => (v === null ? '' : roundTo(v, decimals));
const col = (id: string, sv: string, en: string, width: number, cell: PulledColumn['cell'], numberFormat = TEXT): PulledColumn => ({ id, header: { sv, en }, numberFormat, width, cell });
const codeCol = (id: string, sv: string, en: string, cell: PulledColumn['cell']): PulledColumn => ({ ...col(id, sv, en, 70, cell), hidden: true });

/**
 * The columns, in order. What a person reads comes first and in words: the indicator's name (the
 * catalog's, else SKR's or the clinics' built-in one), the unit's name from the workspace, the
 * period as `shared/i18n/period-label` writes it ("2025 kv 4"), kön in words. After them, hidden,
 * the codes the same row stands for (indicator id, unit code, period code, kön `T`/`K`/`M`), for
 * formulas such as `=SAMPLAN.INDICATOR(M6; N6; O6)` and for lookups: a renamed unit or indicator
 * changes its name column, never these. Values and targets are rounded to the indicator's decimals
 * (`valueDecimals`) and shown as Excel's General shows them in the reader's locale: `8`, `40`,
 * `23,8`, never `8.0`.
 */
export const PULLED_COLUMNS: readonly PulledColumn[] = [
  col('indicator', 'Indikator', 'Indicator', 260, (r, l) => indicatorLabel(r.indicator, r.name, l.lang)),
  col('unit', 'Enhet', 'Unit', 150, (r, l) => l.unitName(r.unit)),
  col('period', 'Period', 'Period', 80, (r, l) => periodWords(r.period, l.lang)),
  col('kon', 'Kön', 'Sex', 56, (r, l) => KON_WORDS[r.kon]?.[l.lang] ?? r.kon),
  col('value', 'Värde', 'Value', 64, (r) => num(r.value, valueDecimals(r.unitOfMeasure)), 'General'),
  col('numerator', 'Täljare', 'Numerator', 64, (r) => num(r.numerator, 0), '#,##0'),
  col('denominator', 'Nämnare', 'Denominator', 70, (r) => num(r.denominator, 0), '#,##0'),
  col('unitOfMeasure', 'Måttenhet', 'Unit of measure', 90, (r) => text(r.unitOfMeasure)),
  col('target', 'Mål', 'Target', 56, (r) => num(r.target, valueDecimals(r.unitOfMeasure)), 'General'),
  col('targetStatus', 'Mot målet', 'Against target', 90, (r, l) => (r.targetStatus ? TARGET_STATUS_WORDS[r.targetStatus][l.lang] : '')),
  col('status', 'Status', 'Status', 80, (r, l) => (r.status ? (VALUE_STATUS_WORDS[r.status]?.[l.lang] ?? r.status) : '')),
  col('source', 'Källa', 'Source', 120, (r) => text(r.source)),
  codeCol('indicatorCode', 'Indikatorkod', 'Indicator code', (r) => r.indicator),
  codeCol('unitCode', 'Enhetskod', 'Unit code', (r) => r.unit),
  codeCol('periodCode', 'Periodkod', 'Period code', (r) => r.period),
  codeCol('konCode', 'Könskod', 'Sex code', (r) => r.kon),
];

/** Index of a column by its id (throws for an id not in {@link PULLED_COLUMNS}). */
export function columnIndex(id: string): number {
  const i = PULLED_COLUMNS.findIndex((c) => c.id === id);
  if (i < 0) throw new Error(`no pulled column "${id}"`);
  return i;
}

/** Number of columns. */
export const WIDTH = PULLED_COLUMNS.length;

/** Sheet row (zero-based) of the title, the "last updated" line and the left-out note. */
export const TITLE_ROW = 0;
/** Sheet row of the table's header; the body starts on the next row. */
export const HEADER_ROW = 4;

export { TARGET_STATUS_WORDS };

const VALUE_STATUS_WORDS: Record<string, Record<Lang, string>> = {
  preliminar: { sv: 'Preliminär', en: 'Preliminary' },
  definitiv: { sv: 'Definitiv', en: 'Final' },
};

/** The header row's texts. */
export function headerCells(lang: Lang): Cell[] {
  return PULLED_COLUMNS.map((c) => c.header[lang]);
}

/** One table row as cells, codes shown as names through `labels`. */
export function rowCells(row: IndicatorTableRow, labels: PulledLabels): Cell[] {
  return PULLED_COLUMNS.map((c) => c.cell(row, labels));
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

/**
 * The three lines above the table: title, last updated, and what validation left out and why.
 * `stopped` is the reason the table no longer follows the documents (in `lang`), when it does
 * not: the title then says it is not updated and the second line why, as a pulled round table's
 * do (`roundTableMeta`), so the sheet does not claim to be live. `unreadable` names the values
 * documents left out because the server cannot read them (the unit and the document, worded by
 * the caller): the third line says first that their values are left out, so the table is not
 * taken as whole.
 */
export function metaLines(table: IndicatorTable, lang: Lang, at: Date, title?: string, stopped: string | null = null, unreadable: readonly string[] = []): [string, string, string] {
  const [heading, updated, note] = tableMeta(table, lang, at, title, stopped);
  const left = unreadableValuesNote(unreadable, lang);
  return left === null ? [heading, updated, note] : [heading, updated, `${left} ${note}`];
}

/**
 * The sentence naming the values documents a source left out because the server cannot read
 * them (`names`: each worded by {@link unreadableValuesNames}), or null when none was: said above
 * a pulled table and in the pane's Indikatorer view, so neither is taken as whole.
 *
 * @example unreadableValuesNote(['Rinkeby vårdcentral (varden-rinkeby)'], 'sv')
 * // 'Värden som inte kan läsas (dokumentets sparade historik är skadad) är utelämnade: Rinkeby vårdcentral (varden-rinkeby).'
 */
export function unreadableValuesNote(names: readonly string[], lang: Lang): string | null {
  if (names.length === 0) return null;
  const list = names.join(', ');
  return lang === 'sv'
    ? `Värden som inte kan läsas (dokumentets sparade historik är skadad) är utelämnade: ${list}.`
    : `Values that cannot be read (the document's stored history is damaged) are left out: ${list}.`;
}

/** Each unreadable values document as the note names it: its unit's name and the document (`vc (doc)`), the document alone when no unit owns it. */
export function unreadableValuesNames(unreadable: readonly UnreadableValues[], unitName: (code: string) => string): string[] {
  return unreadable.map((u) => (u.ownerUnit === null ? u.doc : `${unitName(u.ownerUnit)} (${u.doc})`));
}

function tableMeta(table: IndicatorTable, lang: Lang, at: Date, title: string | undefined, stopped: string | null): [string, string, string] {
  const notUpdated = lang === 'sv' ? 'uppdateras inte längre' : 'no longer updated';
  const live = stopped === null ? (lang === 'sv' ? 'uppdateras medan Samplan-fönstret är öppet' : 'updates while the Samplan pane is open') : notUpdated;
  const standard = lang === 'sv' ? `Samplan – indikatorer (skrivskyddad; ${live})` : `Samplan – indicators (read-only; ${live})`;
  const heading = title === undefined ? standard : stopped === null ? title : `${title} (${notUpdated})`;
  const updated = `${lang === 'sv' ? 'Senast uppdaterad' : 'Last updated'}: ${formatTime(at)}${stopped === null ? '' : `. ${lang === 'sv' ? 'Uppdateras inte längre' : 'No longer updated'}: ${stopped}`}`;
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
