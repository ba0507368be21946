/**
 * What the cell normaliser gives back (`normalize-cell.ts`, `normalize-date.ts`): the outcome of
 * one value, its notes and how it was read, the context it is read in, and the few makers of an
 * outcome both use, so a refusal is worded one way whatever column type made it.
 */
import { localized, type MessageParam, type MessageValues } from '../i18n/t.js';
import type { MessageKey } from '../i18n/messages.js';
import type { CellColumn, CellValue, Localized } from '../schema/types.js';
import { dateText } from './excel-date.js';
import type { PlanPeriod } from './plan-period.js';
import { numberAsCellWords } from '../i18n/number-words.js';

/**
 * What the normaliser did to reach the stored value, when it did more than trim: for the
 * per-column summary of an import.
 */
export type NormalizeHow =
  | 'number-from-text'
  | 'percent-dropped'
  | 'date-from-text'
  | 'date-from-serial'
  | 'time-dropped'
  | 'period-from-text'
  | 'code-padded'
  | 'kommun-from-name'
  | 'choice-from-label'
  | 'ref-from-name'
  | 'empty-from-dash'
  | 'empty-from-missing'
  | 'empty-from-spaces'
  | 'spaces-trimmed'
  | 'breaks-trimmed';

/** A note that goes with an accepted value: shown as an info problem. */
export interface NormalizeInfo {
  code: MessageKey;
  message: Localized;
}

/**
 * The outcome of `normalizeCell`. `notes` are every note that goes with the accepted value,
 * in the order they happened: `12 mars 14:00` in a plan without a year is both `year-assumed`
 * and `date-time-dropped`, and the person needs to read both.
 */
export type NormalizeResult =
  | { ok: true; value: CellValue; how?: NormalizeHow; notes?: readonly NormalizeInfo[] }
  | { ok: false; code: MessageKey; message: Localized };

/** What the normaliser needs to know besides the value. */
export interface NormalizeContext {
  /**
   * The year of a date written without one (`12/3`): the year the plan's title names
   * (`planDates`), taken silently. Absent: the year is assumed from `now` (`assumeYear`: this
   * year, or next year for a day more than six months past) and said as `year-assumed`.
   */
  year?: number;
  /** A plan's period other than one whole calendar year (`planDates`: `läsåret 2025/26`, `ht 2025`), where `year` is absent: see `dateInPeriod`. */
  period?: PlanPeriod;
  /** The clock a year is assumed by when `year` and `period` are absent. Default: the current time. */
  now?: Date;
}

/** An accepted value, with how it was read and its notes when there are any. */
export function ok(value: CellValue, how?: NormalizeHow, ...notes: NormalizeInfo[]): NormalizeResult {
  if (notes.length > 0) return { ok: true, value, how, notes };
  return how ? { ok: true, value, how } : { ok: true, value };
}

/**
 * The value a refused cell's words repeat, quoted as the cell holds it: text trimmed, a date cell as
 * its date, a number as a cell of each language shows it typed (`numberAsCellWords`: `"1234,5"`
 * in Swedish, `"1234.5"` in English), never grouped as an amount is (`1 234,5`), which the person
 * did not type.
 */
export function shown(raw: unknown): MessageParam {
  return typeof raw === 'string' ? raw.trim() : typeof raw === 'number' && Number.isFinite(raw) ? numberAsCellWords(raw) : (dateText(raw) ?? String(raw));
}

/**
 * The refusal `code` in the words of the message `words` (another than the code's own where
 * another message says it), its values checked by the compiler for every key `words` may be.
 */
export function refuse<W extends MessageKey>(code: MessageKey, words: W, params: MessageValues<W>): NormalizeResult {
  return { ok: false, code, message: localized(words, params) };
}

/** The refusals whose words name the cell by its column and value alone. */
export type CellRefusal = 'not-boolean' | 'not-integer' | 'not-date' | 'not-period' | 'not-kommun' | 'formula-error';

/** The refusal `code` in its own words, naming the column and the value. */
export function fail(col: CellColumn, code: CellRefusal, raw: unknown): NormalizeResult {
  return refuse(code, code, { column: col.header, value: shown(raw) });
}
