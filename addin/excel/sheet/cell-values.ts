/**
 * Values crossing the Excel boundary. Excel → doc goes through the shared normalisation
 * (`shared/normalize`), so the pane and the server agree on what "12,5" or a date serial means;
 * doc → Excel writes what the dropdowns and number formats expect (labels, `x`, date serials) and
 * periods in words ("2025 kv 4"), which read back to their codes, and reference cells as the
 * names of their lists (`ref-lists.ts`), which read back to their ids.
 */
import type { CellColumn, CellValue } from '../../../shared/schema/types.js';
import { normalizeCell, type NormalizeContext, type NormalizeResult } from '../../../shared/normalize/normalize-cell.js';
import { isoToExcelSerial } from '../../../shared/normalize/excel-date.js';
import { periodWords } from '../../../shared/i18n/period-label.js';
import { localized } from '../../../shared/i18n/t.js';
import type { RefLists } from './ref-lists.js';

/** The row id in a raw id cell: its trimmed text, or null for an empty or non-text cell. */
export function idOf(raw: unknown): string | null {
  return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : null;
}

/** Whether a cell shows `x` or nothing: a multi-choice option or a boolean column. */
export function isXColumn(column: CellColumn): boolean {
  return column.option !== undefined || column.column.type === 'boolean';
}

/** The value to put into a cell for a doc value; a reference cell shows its name in `lists` when known. */
export function toExcel(column: CellColumn, value: CellValue | undefined, lang: 'sv' | 'en', lists?: RefLists): string | number | boolean {
  if (value === null || value === undefined) return '';
  const ref = column.column.ref;
  if (ref && typeof value === 'string') return lists?.lookup(ref)?.nameOf(value) ?? value;
  if (isXColumn(column)) return value === true ? 'x' : value === false ? '' : String(value);
  const def = column.column;
  if (def.type === 'date' && typeof value === 'string') return isoToExcelSerial(value) ?? value;
  if (def.type === 'period' && typeof value === 'string') return periodWords(value, lang);
  if (def.type === 'enum' && typeof value === 'string') {
    return def.options?.find((o) => o.value === value)?.label[lang] ?? value;
  }
  return value;
}

/**
 * Normalises a raw cell value read from Excel with the one shared normaliser (`shared/normalize`),
 * as the imports do; `ctx.year` is the plan's year for dates typed without one (`12/3`).
 */
export function fromExcel(column: CellColumn, raw: unknown, ctx: NormalizeContext = {}, lists?: RefLists): NormalizeResult {
  const ref = column.column.ref;
  const lookup = ref ? lists?.lookup(ref) : undefined;
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  if (!lookup || text === '') return normalizeCell(column, raw, ctx);
  const byName = lookup.idOf(text);
  if (byName !== undefined) return byName === text ? { ok: true, value: byName } : { ok: true, value: byName, how: 'ref-from-name' };
  // A form the normaliser reads (a kommun code written as 127) is still an id of the list.
  const normalized = normalizeCell(column, raw, ctx);
  if (normalized.ok && typeof normalized.value === 'string' && lookup.valid(normalized.value)) return normalized;
  return unknownRef(column, text, lookup.closest(text));
}

/** The problem of a name its list does not hold, suggesting the closest names. */
function unknownRef(column: CellColumn, text: string, closest: readonly string[]): NormalizeResult {
  const hint = closest.length === 0
    ? { sv: 'Välj ett namn ur listan.', en: 'Pick a name from the list.' }
    : { sv: `Menade du ${orList(closest, 'sv')}?`, en: `Did you mean ${orList(closest, 'en')}?` };
  return { ok: false, code: 'unknown-ref', message: localized('unknown-ref', { column: column.column.header, value: text, hint }) };
}

/** "A, B eller C" / "A, B or C". */
function orList(names: readonly string[], lang: 'sv' | 'en'): string {
  return new Intl.ListFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { type: 'disjunction' }).format(names.map((n) => `"${n}"`));
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

/** Whether a raw cell value already shows `canonical` (so it need not be rewritten). */
export function showsValue(raw: unknown, canonical: string | number | boolean): boolean {
  if (raw === canonical) return true;
  const empty = (v: unknown): boolean => v === '' || v === null || v === undefined;
  return empty(raw) && empty(canonical);
}

/** Key of one cell in problem and highlight maps. */
export function cellKey(rowId: string, column: string): string {
  return `${rowId}\u0000${column}`;
}
