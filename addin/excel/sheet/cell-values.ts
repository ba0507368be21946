/**
 * Values crossing the Excel boundary. Excel → doc goes through the shared normalisation
 * (`shared/normalize`), so the pane and the server agree on what "12,5" or a date serial means;
 * doc → Excel writes what the dropdowns and number formats expect (labels, `x`, dates as ISO text) and
 * periods in words ("2025 kv 4"), which read back to their codes, and reference cells as the
 * names of their lists (`ref-lists.ts`), which read back to their ids.
 */
import type { CellColumn, CellValue } from '../../../shared/schema/types.js';
import type { NormalizeContext, NormalizeResult } from '../../../shared/normalize/normalize-cell.js';
import { resolveRef } from '../../../shared/normalize/resolve-ref.js';
import { shownName } from '../../../shared/normalize/ref-lookup.js';
import { isoToExcelSerial } from '../../../shared/normalize/excel-date.js';
import { periodWords } from '../../../shared/i18n/period-label.js';
import type { RefLists } from './ref-lists.js';

/** The row id in a raw id cell: its trimmed text, or null for an empty or non-text cell. */
export function idOf(raw: unknown): string | null {
  return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : null;
}

/** Whether a cell shows `x` or nothing: a multi-choice option or a boolean column. */
export function isXColumn(column: CellColumn): boolean {
  return column.option !== undefined || column.column.type === 'boolean';
}

/**
 * The value to put into a cell for a doc value; a reference cell shows its name in `lists` when
 * known (also for a partner stored by name before ids, see `shownName`).
 */
export function toExcel(column: CellColumn, value: CellValue | undefined, lang: 'sv' | 'en', lists?: RefLists): string | number | boolean {
  if (value === null || value === undefined) return '';
  const ref = column.column.ref;
  if (ref && typeof value === 'string') return shownName(lists?.lookup(ref), value);
  if (isXColumn(column)) return value === true ? 'x' : value === false ? '' : String(value);
  const def = column.column;
  // As text (`YYYY-MM-DD`), into a text-formatted cell (`numberFormatOf`); a date cell of an older table makes its serial of it.
  if (def.type === 'date' && typeof value === 'string') return value;
  if (def.type === 'period' && typeof value === 'string') return periodWords(value, lang);
  if (def.type === 'enum' && typeof value === 'string') {
    return def.options?.find((o) => o.value === value)?.label[lang] ?? value;
  }
  return value;
}

/**
 * The words Excel shows for a boolean: those of Office's display language
 * (`Office.context.displayLanguage`, which names Excel's functions and booleans: SANT and FALSKT
 * in Swedish Excel), else of `lang`, the sheet's; TRUE and FALSE for any language but Swedish,
 * as a workbook file holds them.
 */
export function booleanWords(lang: 'sv' | 'en'): readonly [string, string] {
  const office = (globalThis as { Office?: { context?: { displayLanguage?: unknown } } }).Office;
  const shown = office?.context?.displayLanguage;
  const swedish = typeof shown === 'string' ? shown.toLowerCase().startsWith('sv') : lang === 'sv';
  return swedish ? ['SANT', 'FALSKT'] : ['TRUE', 'FALSE'];
}

/**
 * A cell value as Samplan reads it from Excel: a boolean outside an x-column as the text the cell
 * shows (`SANT` in Swedish Excel, {@link booleanWords}), as an import reads a workbook's boolean
 * cell (`server/http/xlsx-read.ts`): it is text someone typed (`sant`, `TRUE`) that Excel made a
 * boolean of, in a text column kept as that text, in any other column refused in those words.
 * Anything else as it is.
 */
export function shownValue(column: CellColumn, raw: unknown, lang: 'sv' | 'en'): unknown {
  if (typeof raw !== 'boolean' || isXColumn(column)) return raw;
  return booleanWords(lang)[raw ? 0 : 1];
}

/**
 * Normalises a raw cell value read from Excel with the one shared normaliser (`shared/normalize`),
 * reference cells by `resolveRef` against `lists`, as the imports do; `ctx` says how a date typed without its year (`12/3`) is read (`planDates`: the plan's year or period).
 */
export function fromExcel(column: CellColumn, raw: unknown, ctx: NormalizeContext = {}, lists?: RefLists): NormalizeResult {
  const ref = column.column.ref;
  return resolveRef(column, raw, ref ? lists?.lookup(ref) : undefined, ctx);
}

/**
 * Whether a doc value and a normalised Excel value mean the same. An empty cell equals a
 * missing value, and for an x-column also `false` (both show as an empty cell).
 */
export function sameValue(column: CellColumn, a: CellValue | undefined, b: CellValue | undefined): boolean {
  const x = a === undefined || (a === false && isXColumn(column)) ? null : a;
  const y = b === undefined || (b === false && isXColumn(column)) ? null : b;
  return Object.is(x, y);
}

/**
 * Whether a raw cell value already shows `canonical` (so it need not be rewritten): also a date
 * serial for the same day's `YYYY-MM-DD`, as a date cell of a table made before dates were text
 * (or a date cell pasted with its format) holds it; written again it would be that serial again.
 */
export function showsValue(raw: unknown, canonical: string | number | boolean): boolean {
  if (raw === canonical) return true;
  if (typeof raw === 'number' && typeof canonical === 'string' && ISO_DAY.test(canonical)) return isoToExcelSerial(canonical) === raw;
  const empty = (v: unknown): boolean => v === '' || v === null || v === undefined;
  return empty(raw) && empty(canonical);
}

/** A stored date, `YYYY-MM-DD`. */
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Key of one cell in problem and highlight maps. */
export function cellKey(rowId: string, column: string): string {
  return `${rowId}\u0000${column}`;
}

/**
 * Key of the `index`th problem of one cell in a problem map: the first is the cell's own key
 * ({@link cellKey}), a later note (`12 mars 14:00`: the year assumed, then the time dropped)
 * the cell's key and its place, so none replaces another. The row id stays the key's first part.
 */
export function cellProblemKey(rowId: string, column: string, index: number): string {
  return index === 0 ? cellKey(rowId, column) : `${cellKey(rowId, column)}\u0000${index}`;
}
