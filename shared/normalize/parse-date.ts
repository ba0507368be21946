/**
 * Reading dates the way Swedes write them. Every accepted form and its reading:
 *
 * | written | read as |
 * |---|---|
 * | `2025-03-12`, `2025-3-12`, `2025/3/12`, `2025.03.12`, `20250312` | 12 March 2025 |
 * | `12/3`, `12.3`, `12 mars`, `12 mar` | 12 March of the given year (the plan's year) |
 * | `12/3/2025`, `12/3 2025`, `12.3.2025`, `12.3.25`, `12 mars 2025`, `12 mar. 2025`, `12 March 2025` | 12 March 2025 |
 * | `12-mar-25`, `12-mar-2025`, `12 mar 25` (Excel's `d-mmm-yy` and `d mmm yy` formats, as a CSV holds them) | 12 March 2025 |
 * | `mars 12, 2025`, `March 12, 2025`, `mar. 12 2025` (month first, as English dates and some exports write it; the year in four digits) | 12 March 2025 |
 * | `den 12 mars 2025`, `onsdag 12 mars 2025`, `onsdag den 12 mars 2025`, `ons 12/3` (Swedish Excel's long date formats) | 12 March 2025, when the weekday is that date's |
 * | any of these followed by a time (`2025-03-12 10:00`, `2025-03-12T10:00:00Z`) | the date; `hadTime` is set |
 *
 * Day before month, always: `3/12` is 3 December, never March 12th. Anything else — and any
 * date that does not exist (`31/2`, `2025-02-30`) — is null.
 */
import { isIsoDate } from './excel-date.js';

/** A date read from text. */
export interface ParsedDate {
  /** `YYYY-MM-DD`. */
  iso: string;
  /** True when a time of day followed the date and was dropped. */
  hadTime: boolean;
}

/** Swedish and English month names and their usual abbreviations, lower-case, → 1–12. */
const MONTHS: ReadonlyMap<string, number> = (() => {
  const names = [
    ['januari', 'january', 'jan'],
    ['februari', 'february', 'feb'],
    ['mars', 'march', 'mar'],
    ['april', 'apr'],
    ['maj', 'may'],
    ['juni', 'june', 'jun'],
    ['juli', 'july', 'jul'],
    ['augusti', 'august', 'aug'],
    ['september', 'sept', 'sep'],
    ['oktober', 'october', 'okt', 'oct'],
    ['november', 'nov'],
    ['december', 'dec'],
  ];
  const map = new Map<string, number>();
  names.forEach((list, i) => list.forEach((n) => map.set(n, i + 1)));
  return map;
})();

/** The month (1–12) a Swedish or English month name or abbreviation names (any case, a point after it dropped), or undefined. */
export function monthOf(word: string): number | undefined {
  return MONTHS.get(word.toLocaleLowerCase('sv').replace(/\.$/, ''));
}

const TIME = /(?:[T ]|\s+(?:kl\.?\s*)?)\d{1,2}[:.]\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$/i;
const YEAR_FIRST = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
/** A month word, the day and a four-digit year (`mars 12, 2025`): a year of two digits would read as a day. */
const MONTH_FIRST = /^([a-zåäö]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/;
/** The same at the start of a text, a time of day perhaps after it: no weekday leads it. */
const MONTH_FIRST_START = /^[a-zåäö]+\.?\s+\d{1,2},?\s+\d{4}(?!\d)/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const DAY_FIRST = /^(\d{1,2})([/.])(\d{1,2})(?:(?:\2|\s+)(\d{4}|\d{2}))?\.?$/;
const WORDS = /^(\d{1,2})(?::e|:a)?(?:\s+|-)([a-zåäö]+)\.?(?:(?:\s+|-)(\d{4}|\d{2}))?$/;
/** A weekday and/or `den` before a date: `onsdag den 12 mars`, `ons 12/3`, `den 12 mars`. */
const LEAD = /^(?:([a-zåäö]+)\.?,?\s+)?(?:den\s+)?(?=\d)/;
/** Swedish weekdays by `Date.getUTCDay()`, Sunday first. */
const WEEKDAYS = ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'];

/** The weekday (0–6) a word names, in full or as its first three letters (`tors` too); -1 for none. */
function weekdayOf(word: string): number {
  return WEEKDAYS.findIndex((w) => w === word || w.slice(0, 3) === word || (word === 'tors' && w === 'torsdag'));
}

function iso(year: number | null, month: number, day: number): string | null {
  if (year === null) return null;
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(text) ? text : null;
}

/** A two-digit year is this century's: `25` → 2025; none written: `fallback` (null: no date). */
function fullYear(text: string | undefined, fallback: number | null): number | null {
  if (text === undefined) return fallback;
  const n = Number(text);
  return text.length === 2 ? 2000 + n : n;
}

/** A day and month a text names, and its year (null: none written), whether or not the calendar has that day. */
export interface WrittenDay {
  day: number;
  month: number;
  year: number | null;
}

/** The day, month and year of `text` in the first form it has (`year` where it writes none), unchecked. */
function partsOf(text: string, year: number | null): WrittenDay | null {
  let m = YEAR_FIRST.exec(text);
  if (m) return { year: Number(m[1]), month: Number(m[3]), day: Number(m[4]) };
  m = COMPACT.exec(text);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  m = DAY_FIRST.exec(text);
  if (m) return { year: fullYear(m[4], year), month: Number(m[3]), day: Number(m[1]) };
  m = WORDS.exec(text.toLocaleLowerCase('sv'));
  if (m) {
    const month = MONTHS.get(m[2] as string);
    return month === undefined ? null : { year: fullYear(m[3], year), month, day: Number(m[1]) };
  }
  m = MONTH_FIRST.exec(text.toLocaleLowerCase('sv'));
  const month = m ? MONTHS.get(m[1] as string) : undefined;
  return m && month !== undefined ? { year: Number(m[3]), month, day: Number(m[2]) } : null;
}

function dateOnly(text: string, year: number | null): string | null {
  const parts = partsOf(text, year);
  return parts ? iso(parts.year, parts.month, parts.day) : null;
}

/**
 * The day, month and (when written) year `text` (trimmed) names in one of the forms above, read
 * without asking whether the calendar has that day: `29/2` → `{ day: 29, month: 2, year: null }`,
 * `tisdag 31/4 2026` → `{ day: 31, month: 4, year: 2026 }`. Null for no date's form, a month
 * outside 1–12, a day outside 1–31, or a word before it that is no weekday. For the words of a
 * refusal: {@link parseSwedishDate} is null alike for `29/2` in 2026 and for `snart`.
 */
export function writtenDay(text: string): WrittenDay | null {
  if (text.length > 40) return null;
  const lower = text.toLocaleLowerCase('sv');
  const lead = /^[a-zåäö]/i.test(text) && !MONTH_FIRST_START.test(lower) ? LEAD.exec(lower) : null;
  if (lead && lead[1] !== undefined && lead[1] !== 'den' && weekdayOf(lead[1]) === -1) return null;
  const rest = lead ? text.slice(lead[0].length) : text;
  const time = TIME.exec(rest);
  const parts = partsOf(rest, null) ?? (time ? partsOf(rest.slice(0, time.index).trim(), null) : null);
  return parts && parts.month >= 1 && parts.month <= 12 && parts.day >= 1 && parts.day <= 31 ? parts : null;
}

/**
 * The date in `text` (already trimmed), or null. `year` is used where the text names none; with
 * `year` null a date without its year (`12/3`) is null.
 * @example parseSwedishDate('12 mars', 2025) // { iso: '2025-03-12', hadTime: false }
 */
export function parseSwedishDate(text: string, year: number | null): ParsedDate | null {
  if (text.length > 40) return null;
  const lower = text.toLocaleLowerCase('sv');
  const lead = /^[a-zåäö]/i.test(text) && !MONTH_FIRST_START.test(lower) ? LEAD.exec(lower) : null;
  if (!lead) return parsed(text, year);
  const word = lead[1] === 'den' ? undefined : lead[1];
  const weekday = word === undefined ? null : weekdayOf(word);
  if (weekday === -1) return null;
  const date = parsed(text.slice(lead[0].length), year);
  // A weekday written is checked against the date: a wrong one is a typo in one of them.
  return date && (weekday === null || new Date(`${date.iso}T00:00:00Z`).getUTCDay() === weekday) ? date : null;
}

function parsed(text: string, year: number | null): ParsedDate | null {
  const plain = dateOnly(text, year);
  if (plain) return { iso: plain, hadTime: false };
  const time = TIME.exec(text);
  if (!time) return null;
  const withTime = dateOnly(text.slice(0, time.index).trim(), year);
  return withTime ? { iso: withTime, hadTime: true } : null;
}
