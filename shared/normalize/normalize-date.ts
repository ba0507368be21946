/**
 * A date column's value: a date cell or serial as its day (a time of day dropped and said), text by
 * `parseSwedishDate`, and a date written without its year given the plan's year or the one year of
 * the plan's period that holds it (refused in words where none or several do), else assumed from
 * the clock and said. Part of the cell normaliser (`normalize-cell.ts`).
 */
import { localized } from '../i18n/t.js';
import type { CellColumn } from '../schema/types.js';
import { excelSerialToIso, isoFromUtc } from './excel-date.js';
import { parseSwedishDate, type ParsedDate } from './parse-date.js';
import { assumeYear } from './plan-year.js';
import { dateInPeriod } from './plan-period.js';
import { dateWords } from './date-words.js';
import { fail, ok, type NormalizeContext, type NormalizeInfo, type NormalizeResult } from './normalize-result.js';

/** The note on a date whose time of day was dropped. */
export function timeDropped(col: CellColumn, iso: string): NormalizeInfo {
  return { code: 'date-time-dropped', message: localized('date-time-dropped', { column: col.header, value: iso }) };
}

/** A date column's value (`raw`, and `text`: it as trimmed text, or null): see the file comment. */
export function toDate(col: CellColumn, raw: unknown, text: string | null, ctx: NormalizeContext): NormalizeResult {
  if (typeof raw === 'number') {
    // `20250312` typed into a cell is a number to Excel, and far past the last serial (year 9999).
    const compact = Number.isInteger(raw) && raw >= 10_000_000 ? parseSwedishDate(String(raw), ctx.year ?? new Date().getUTCFullYear()) : null;
    if (compact) return ok(compact.iso, 'date-from-text');
    // `12.3` typed where the point is the decimal sign is the number 12.3 to Excel, not a time
    // on 12 January 1900: read it as day.month. `1.1` could be 1 January or 1 October: refused.
    if (!Number.isInteger(raw) && raw > 0 && raw < 32) return dayMonthFromNumber(col, raw, ctx);
    const iso = excelSerialToIso(raw);
    if (iso === null) return fail(col, 'not-date', raw);
    return Number.isInteger(raw) ? ok(iso, 'date-from-serial') : ok(iso, 'time-dropped', timeDropped(col, iso));
  }
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return fail(col, 'not-date', raw);
    const iso = isoFromUtc(raw.getTime());
    return raw.getTime() % 86_400_000 === 0 ? ok(iso) : ok(iso, 'time-dropped', timeDropped(col, iso));
  }
  if (text === null) return fail(col, 'not-date', raw);
  const { parsed, assumed, refused } = readDate(col, text, ctx);
  if (refused) return refused;
  if (!parsed) return fail(col, 'not-date', raw);
  // Both can be true of one cell (`12 mars 14:00`): each note is said, the year's first.
  const notes = [...(assumed ? [yearAssumed(col, parsed.iso)] : []), ...(parsed.hadTime ? [timeDropped(col, parsed.iso)] : [])];
  if (assumed) return ok(parsed.iso, 'date-from-text', ...notes);
  if (parsed.hadTime) return ok(parsed.iso, 'time-dropped', ...notes);
  return ok(parsed.iso, parsed.iso === text ? undefined : 'date-from-text');
}

/**
 * The date in `text` with its year: as written, else the plan's (`ctx.year`, or the one year of
 * `ctx.period` that holds it: `refused` in words where none or several do), else assumed from
 * the clock (`assumed`: the caller says so, the year was never seen).
 */
function readDate(col: CellColumn, text: string, ctx: NormalizeContext): { parsed: ParsedDate | null; assumed: boolean; refused?: NormalizeResult } {
  if (ctx.year !== undefined) return { parsed: parseSwedishDate(text, ctx.year), assumed: false };
  if (ctx.period) {
    const inPeriod = dateInPeriod(text, ctx.period, col.header);
    if (!inPeriod) return { parsed: parseSwedishDate(text, null), assumed: false };
    return inPeriod.ok ? { parsed: inPeriod.date, assumed: false } : { parsed: null, assumed: false, refused: { ok: false, code: inPeriod.code, message: inPeriod.message } };
  }
  const guessed = assumeYear(text, ctx.now ?? new Date());
  return guessed ? { parsed: guessed, assumed: true } : { parsed: parseSwedishDate(text, null), assumed: false };
}

/** The note on a date whose year was assumed: the date taken, in words, and how to change it. */
function yearAssumed(col: CellColumn, iso: string): NormalizeInfo {
  return { code: 'year-assumed', message: localized('year-assumed', { column: col.header, date: dateWords(iso) }) };
}

/** A number such as 12.3 in a date column, as the day.month it was typed as; see `toDate`. */
function dayMonthFromNumber(col: CellColumn, raw: number, ctx: NormalizeContext): NormalizeResult {
  const m = /^(\d{1,2})\.(\d{1,2})$/.exec(String(raw));
  if (!m || m[2] === '1') return fail(col, 'not-date', raw);
  const { parsed, assumed, refused } = readDate(col, `${m[1]}.${m[2]}`, ctx);
  if (refused) return refused;
  if (!parsed) return fail(col, 'not-date', raw);
  return assumed ? ok(parsed.iso, 'date-from-text', yearAssumed(col, parsed.iso)) : ok(parsed.iso, 'date-from-text');
}
