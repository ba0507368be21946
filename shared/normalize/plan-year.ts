/**
 * The year a date written without one (`12/3`, `12 mars`) belongs to. A plan that names its year
 * in its title ("Aktivitetsplan Fittja 2026") gives it, silently: the coordinator wrote it once.
 * Without one the year is assumed from the clock ({@link assumeYear}) and the normaliser says
 * which year it took (`year-assumed`), in the sheet's Problems and in an import's warnings.
 * Used by every path that normalises a document's values (sheet binding, imports), so `12/3`
 * means the same date wherever it is typed.
 */
import { isoFromUtc } from './excel-date.js';
import { parseSwedishDate, type ParsedDate } from './parse-date.js';

/** The first year 2000–2099 in the plan's `title`, or undefined when the title names none. */
export function planYear(title: string | null | undefined): number | undefined {
  const m = /\b(20\d\d)\b/.exec(title ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * How far back (calendar months before `now`) a date without a year may lie and still be this
 * year's. A plan looks ahead (planned activities) and a follow-up looks back a term at most: in
 * December `12 mars` is next March (nine months back is no recent date), in June it is this
 * March (three months back, a follow-up of the spring).
 */
export const RECENT_MONTHS = 6;

/**
 * The date in `text` (trimmed) when it names no year: this year's (UTC, of `now`) if that day is
 * at most {@link RECENT_MONTHS} months before `now`, else next year's. Null when `text` is no
 * date without a year (a date with its year written, or no date).
 * @example assumeYear('12 mars', new Date('2026-12-04T12:00:00Z')) // { iso: '2027-03-12', hadTime: false }
 */
export function assumeYear(text: string, now: Date): ParsedDate | null {
  if (parseSwedishDate(text, null)) return null;
  const year = now.getUTCFullYear();
  const cutoff = isoFromUtc(Date.UTC(year, now.getUTCMonth() - RECENT_MONTHS, now.getUTCDate()));
  const same = parseSwedishDate(text, year);
  if (same && same.iso >= cutoff) return same;
  // A weekday written (`tisdag 12 mars`) or 29 February may fit one of the two years only.
  return parseSwedishDate(text, year + 1) ?? same;
}

/**
 * The two formatters of {@link dateWords}, made at its first call and kept: `toLocaleDateString`
 * with options builds a formatter at every call (about 1-2 ms each), which an import of 50,000
 * dates without their year paid once per cell, for minutes.
 */
let wordFormats: { sv: Intl.DateTimeFormat; en: Intl.DateTimeFormat } | undefined;

/** `iso` (YYYY-MM-DD) in words, `12 mars 2027` / `12 March 2027`: the date a `year-assumed` note names. */
export function dateWords(iso: string): { sv: string; en: string } {
  const date = new Date(`${iso}T00:00:00Z`);
  const opts: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };
  wordFormats ??= { sv: new Intl.DateTimeFormat('sv-SE', opts), en: new Intl.DateTimeFormat('en-GB', opts) };
  return { sv: wordFormats.sv.format(date), en: wordFormats.en.format(date) };
}
