/**
 * Reading periods in every way people write them, into the stored form (`2025`, `2025S1`,
 * `2025Q4`, `202512`; see `shared/catalog/period`). Accepted, case and spacing ignored:
 *
 * | written | stored |
 * |---|---|
 * | `2025`, the number 2025 | `2025` |
 * | `2025Q4`, `2025 Q4`, `2025-Q4`, `Q4 2025`, `Q4-2025`, `2025 kv 4`, `2025 kv4`, `kv 4 2025`, `kv 4, 2025`, `kv4 -25`, `Q4 '25`, `2025K4`, `4:e kvartalet 2025`, `fjärde kvartalet 2025` | `2025Q4` |
 * | `2025S1`, `2025 H1`, `H1 2025`, `H1-25`, `2025 halvår 1`, `halvår 1 2025`, `2025 hå1`, `första halvåret 2025` | `2025S1` |
 * | `helår 2025`, `2025 helår`, `helåret 2025` | `2025` |
 * | `202512`, `2025-12`, `2025-1`, `2025/12`, `12/2025`, `dec 2025`, `december 2025`, `dec-2025`, `dec-25`, `dec. 25`, `dec '25`, `december, 2025` | `202512` |
 * | `2025 december`, `2025-dec` | `202512` |
 * | a date on the first of a month in any spelling of `parseSwedishDate` with its year: `2025-12-01` (a workbook's date cell arrives as this), `1.12.2025`, `1/12 2025`, `1 dec 2025`, `1:a december 2025`, `20251201`; after a month word the year in two digits too, `1 dec 25` | `202512` |
 * | a range of month words that is exactly a quarter, a half-year or a year: `okt–dec 2025`, `oktober–december 2025`, `okt-dec 25`, the year on each side `okt 2025 – dec 2025`, in words `oktober till december 2025`, `från okt t.o.m. dec 2025`, the year first `2025 okt–dec`, `2025: oktober till december` | `2025Q4` |
 * | `jan–jun 2025`, `juli–december 2025` | `2025S1`, `2025S2` |
 * | `jan–dec 2025` | `2025` |
 * | a range of numeric months that is exactly a quarter, a half-year or a year: `2025-10 – 2025-12`, `2025-10 - 2025-12`, `2025-10–2025-12`, `2025-10–12`, `2025-10 till 2025-12` | `2025Q4` |
 *
 * A month word with a two-digit year (`jul-26`, what Swedish Excel shows for a date cell
 * formatted `mmm-yy`, `1 juli 26`, `jan–mar 26`) takes Excel's century: 00–29 are 2000–2029,
 * 30–99 are 1930–1999.
 *
 * Any other range of months (`feb–apr 2026`, `jan–aug 2026`, one written backwards) is refused
 * naming the range (`why: 'month-range'`): it is no period Samplan follows up by; so is a range
whose months lie in two years (`nov 2025 – jan 2026`).
 *
 * Spacing (also around the text) and case are ignored: ` Kv1  2026 `, `2026 Q1`, `H1 2026`; a
 * dash (–, —, −) is a hyphen. A date written as a timestamp at midnight (`2025-12-01T00:00:00Z`,
 * as programs write a date) is that date.
 *
 * A date is read only where its meaning is certain: a period column holds no day, and Excel
 * keeps a cell formatted as a month as that month's first day, so the first of a month is that
 * month. Any other day (`2025-12-15`, `15.12.2025`) lies in a month, a quarter, a half-year and a
 * year alike and is refused (`why: 'day'`); so is a date with a time of day. Day and month are
 * read day first, as Swedes write them, except where slashes alone part day, month and year
 * with both numbers 12 or below and unequal (`7/1/2026`): written month first, as in the United
 * States, that is another date (1 July, not 7 January), so it is refused as `ambiguous-date`
 * naming both readings, never guessed. `1/7 2026` (a space before the year) is Swedish only.
 *
 * A week (`vecka 12`, `v. 12 2026`, `2026-W12`), a season (`sommaren 2026`, `hösten 2026`) and
 * a school term (`vt 2026`, `höstterminen 2026`) and a school year or verksamhetsår across two
 * calendar years (`läsår 25/26`) are refused by name (`why: 'week' | 'season' | 'term' | 'school-year'`): Samplan follows up by year, half-year, quarter and month only
 * (`shared/catalog/period`), and none of them is one of those.
 *
 * Everything else is `not-period`, including impossible ones (`2025Q5`, `202513`), a period
 * without its year (`Q4`) and a date without its year (`1/7`).
 */
import { formatPeriod, parsePeriod, type Period } from '../catalog/period.js';
import { parseSwedishDate } from './parse-date.js';

const MONTHS: ReadonlyMap<string, number> = new Map(
  [
    ['jan', 'januari', 'january'],
    ['feb', 'februari', 'february'],
    ['mar', 'mars', 'march'],
    ['apr', 'april'],
    ['maj', 'may'],
    ['jun', 'juni', 'june'],
    ['jul', 'juli', 'july'],
    ['aug', 'augusti', 'august'],
    ['sep', 'sept', 'september'],
    ['okt', 'oct', 'oktober', 'october'],
    ['nov', 'november'],
    ['dec', 'december'],
  ].flatMap((names, i) => names.map((n) => [n, i + 1] as const)),
);

/** Words for a quarter and a half-year, lower-case. */
const QUARTER = '(?:q|k|kv|kvartal|kvartalet)';
const HALF = '(?:s|h|hå|halvår|halvåret)';
const SEP = "[\\s\\-/.,'’]*";
/**
 * A year after the period's number: four digits, or two after a separator (`kv1 -26`, `Q1 26`),
 * as Excel reads them ({@link fullYear}); two groups, the four digits' and the two's.
 */
const YEAR = `(?:${SEP}(\\d{4})|${SEP.slice(0, -1)}+(\\d{2}))`;
const ORD = '(\\d)(?::?[ae])?';

const FORMS: readonly [RegExp, (m: RegExpExecArray) => Period][] = [
  [new RegExp(`^(\\d{4})${SEP}${QUARTER}${SEP}(\\d)$`), (m) => ({ kind: 'quarter', year: +m[1]!, index: +m[2]! })],
  [new RegExp(`^${QUARTER}${SEP}(\\d)${YEAR}$`), (m) => ({ kind: 'quarter', year: fullYear(m[2] ?? m[3]!), index: +m[1]! })],
  [new RegExp(`^${ORD}\\s*${QUARTER}${YEAR}$`), (m) => ({ kind: 'quarter', year: fullYear(m[2] ?? m[3]!), index: +m[1]! })],
  [new RegExp(`^(\\d{4})${SEP}${HALF}${SEP}(\\d)$`), (m) => ({ kind: 'half', year: +m[1]!, index: +m[2]! })],
  [new RegExp(`^${HALF}${SEP}(\\d)${YEAR}$`), (m) => ({ kind: 'half', year: fullYear(m[2] ?? m[3]!), index: +m[1]! })],
  [new RegExp(`^${ORD}\\s*${HALF}${YEAR}$`), (m) => ({ kind: 'half', year: fullYear(m[2] ?? m[3]!), index: +m[1]! })],
  [/^(\d{4})[-/.](\d{1,2})$/, (m) => ({ kind: 'month', year: +m[1]!, index: +m[2]! })],
  [/^(\d{1,2})[-/.](\d{4})$/, (m) => ({ kind: 'month', year: +m[2]!, index: +m[1]! })],
];

const MONTH_WORD = /^([a-zåäö]+)\.?[\s\-/.,'’]+(\d{4}|\d{2})$/;
/** A day, a month word and a year of two digits (`1 juli 26`, `1:a jul. 26`): the year is made four. */
const DAY_MONTH_WORD_YY = /^(\d{1,2}(?::?[ae])?\.?\s*[a-zåäö]+\.?\s+)(\d{2})$/;
/** What joins the two months of a range: a dash, `till`, `till och med`, `t.o.m.`, `to`. */
const RANGE_JOIN = String.raw`(?:\s*-\s*|\s+(?:till och med|till|t\.o\.m\.?|tom|to)\s+)`;
/** What may stand before a range's first month: `från`, `fr.o.m.`, `from`. */
const RANGE_FROM = String.raw`(?:(?:från och med|från|fr\.o\.m\.?|from)\s+)?`;
/**
 * Two month words and the year: after the second (`jan–mar 2026`, `januari - mars 26`,
 * `januari till mars 2026`), after each (`jan 2026 – mar 2026`, `jan-26 - mar-26`); groups: the
 * first month, its year if written, the second month, its year.
 */
const MONTH_RANGE = new RegExp(String.raw`^${RANGE_FROM}([a-zåäö]+)\.?(?:[\s\-/.,'’]+(\d{4}|\d{2}))?${RANGE_JOIN}([a-zåäö]+)\.?[\s\-/.,'’]+(\d{4}|\d{2})$`);
/**
 * The year first, then two month words (`2026 jan–mar`, `2026: januari till mars`), the year
 * written again before the second (`2026 jan – 2026 mar`); groups: the year, the first month, the
 * second month's year if written, the second month.
 */
const YEAR_MONTH_RANGE = new RegExp(String.raw`^(\d{4})[\s\-/.,:]+${RANGE_FROM}([a-zåäö]+)\.?${RANGE_JOIN}(?:(\d{4})[\s\-/.,:]+)?([a-zåäö]+)\.?$`);
/**
 * Two numeric months `YYYY-MM` (`2026-01 – 2026-03`, `2026-01 - 2026-03`, `2026-01–03`), read
 * before dashes become hyphens: `2026-01-03` (hyphens alone, no year after them) is a date, but an
 * en or em dash, a minus, spaces around the hyphen, a word, or a year after it join two months.
 * Groups: the year, the first month, the second month's year if written, the second month.
 */
const NUMERIC_MONTH_RANGE = new RegExp(
  String.raw`^(\d{4})[-/.](\d{1,2})(?:\s*[\u2010-\u2015\u2212]\s*|\s+-\s+|-(?=\d{4}[-/.])|\s+(?:till och med|till|t\.o\.m\.?|tom|to)\s+)(?:(\d{4})[-/.])?(\d{1,2})$`,
);
const YEAR_MONTH_WORD = /^(\d{4})[\s\-/.]+([a-zåäö]+)\.?$/;
const WHOLE_YEAR = /^(?:(?:helår|helåret|år)\s+(\d{4})|(\d{4})\s+helår)$/;
/** Day, month and year parted by slashes alone: the form an American writes month first. */
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/;
const WEEK = /^(?:\d{4}[\s\-/.]*)?(?:vecka|veckan|vecko|v|vk|w|week)\.?\s*\d{1,2}(?:[\s\-/.,]+(?:\d{4}|\d{2}))?$/;
const TERM = /^(?:\d{4}\s+)?(?:vt|ht|vårtermin|vårterminen|hösttermin|höstterminen)(?:[\s\-/.,]+(?:\d{4}|\d{2}))?$/;
/** Dashes a word processor or a keyboard layout puts for a hyphen, and the minus sign. */
const DASHES = /[\u2010-\u2015\u2212]/g;
const ORDINALS = ['första', 'andra', 'tredje', 'fjärde'];
/** `första kvartalet 2026`, `andra halvåret 2026`: the ordinal word before a quarter's or half-year's word. */
const ORDINAL_WORD = /^(?:första|andra|tredje|fjärde)(?= (?:kv|halvår|hå))/;
/**
 * A time of day that is midnight (`T00:00:00Z`, `T00:00:00+02:00`, `00:00`): what a date-only
 * value carries when a program writes it out as a timestamp; the date is the one written.
 */
const MIDNIGHT = /(?:t|\s)(?:kl\.?\s*)?0?0[:.]00(?::00(?:[.,]0+)?)?\s*(?:z|[+-]\d{2}:?\d{2})?$/;
/**
 * A school year or a verksamhetsår across two calendar years (`läsår 25/26`, `läsåret 2025/2026`,
 * `verksamhetsår 2025–26`): a plan's title names one (`plan-period.ts`), so a coordinator types it
 * as a round's period too; it is none of Samplan's periods and was refused as no period at all.
 */
const SCHOOL_YEAR = /^(?:läsår|läsåret|skolår|skolåret|verksamhetsår|verksamhetsåret)\s+(?:\d{4}|\d{2})\s*[-/]\s*(?:\d{4}|\d{2})$/;
const SEASON = /^(?:\d{4}\s+)?(?:våren|vår|sommaren|sommar|hösten|höst|vintern|vinter|spring|summer|autumn|fall|winter)(?:[\s\-/.,]+(?:\d{4}|\d{2}))?$/;

/** A two-digit year as Excel reads it: 00–29 → 2000–2029, 30–99 → 1930–1999. */
function fullYear(digits: string): number {
  const n = Number(digits);
  return digits.length === 4 ? n : n < 30 ? 2000 + n : 1900 + n;
}

/** What {@link readPeriod} made of a text: the stored code, or why it is none. */
export type PeriodReading =
  | { ok: true; code: string }
  | { ok: false; why: 'not-period' | 'week' | 'season' | 'term' | 'school-year' }
  /** A date (`YYYY-MM-DD`) that is no month's first day, or one with a time of day (as written). */
  | { ok: false; why: 'day'; date: string }
  /** Slashed day and month that read as two dates (`YYYY-MM-DD` each); see the table above. */
  | { ok: false; why: 'ambiguous-date'; dayFirst: string; monthFirst: string }
  /** Months from one to another that are no quarter, half-year or year (see the table above). */
  | { ok: false; why: 'month-range' };

const NONE: PeriodReading = { ok: false, why: 'not-period' };

function valid(p: Period): PeriodReading {
  const text = formatPeriod(p);
  return parsePeriod(text) ? { ok: true, code: text } : NONE;
}

/** A date with its year written, by the first-of-month rule; null when `lower` is no date. */
function readDate(lower: string, written: string): PeriodReading | null {
  const slashed = SLASHED.exec(lower);
  if (slashed && slashed[1] !== slashed[2]) {
    const [, a, b, y] = slashed as unknown as [string, string, string, string];
    const dayFirst = parseSwedishDate(`${a}/${b}/${y}`, null);
    const monthFirst = parseSwedishDate(`${b}/${a}/${y}`, null);
    if (dayFirst && monthFirst) return { ok: false, why: 'ambiguous-date', dayFirst: dayFirst.iso, monthFirst: monthFirst.iso };
    const only = dayFirst ?? monthFirst;
    return only ? { ok: false, why: 'day', date: only.iso } : null;
  }
  const date = parseSwedishDate(lower, null);
  if (!date) return null;
  if (date.hadTime && !MIDNIGHT.test(lower)) return { ok: false, why: 'day', date: written };
  if (!date.iso.endsWith('-01')) return { ok: false, why: 'day', date: date.iso };
  return valid({ kind: 'month', year: Number(date.iso.slice(0, 4)), index: Number(date.iso.slice(5, 7)) });
}

/**
 * A range of two month words in one year: the quarter, half-year or year it is exactly, one month
 * when both are the same, `month-range` for any other and for one whose first month has another
 * year written (`nov 2025 – jan 2026`, no period); null when a word is no month.
 */
function monthRange(fromWord: string, toWord: string, year: string, fromYear?: string): PeriodReading | null {
  const from = MONTHS.get(fromWord);
  const to = MONTHS.get(toWord);
  if (from === undefined || to === undefined) return null;
  return monthNumberRange(from, to, year, fromYear);
}

/** {@link monthRange} of month numbers 1–12; null when one is no month. */
function monthNumberRange(from: number, to: number, year: string, fromYear?: string): PeriodReading | null {
  if (from < 1 || from > 12 || to < 1 || to > 12) return null;
  const y = fullYear(year);
  if (fromYear !== undefined && fullYear(fromYear) !== y) return { ok: false, why: 'month-range' };
  const months = to - from + 1;
  if (months === 1) return valid({ kind: 'month', year: y, index: from });
  if (months === 3 && from % 3 === 1) return valid({ kind: 'quarter', year: y, index: (from + 2) / 3 });
  if (months === 6 && from % 6 === 1) return valid({ kind: 'half', year: y, index: (from + 5) / 6 });
  if (months === 12) return valid({ kind: 'year', year: y, index: 1 });
  return { ok: false, why: 'month-range' };
}

function monthOf(word: string, year: string): PeriodReading | null {
  const month = MONTHS.get(word);
  return month ? valid({ kind: 'month', year: fullYear(year), index: month }) : null;
}

/**
 * The stored form of a period written `text`, or why it is none (the table above).
 * @example readPeriod(' Kv1 2026') // { ok: true, code: '2026Q1' }
 * @example readPeriod('7/1/2026') // { ok: false, why: 'ambiguous-date', dayFirst: '2026-01-07', monthFirst: '2026-07-01' }
 */
export function readPeriod(text: string): PeriodReading {
  if (text.length > 60) return NONE;
  const lower = text
    .trim()
    .toLocaleLowerCase('sv')
    .replace(/\s+/g, ' ')
    .replace(DASHES, '-')
    .replace(ORDINAL_WORD, (word) => `${ORDINALS.indexOf(word) + 1}:a`);
  const stored = lower.toUpperCase();
  if (parsePeriod(stored)) return { ok: true, code: stored };
  const numeric = NUMERIC_MONTH_RANGE.exec(text.trim().toLocaleLowerCase('sv').replace(/\s+/g, ' '));
  const byNumbers = numeric ? monthNumberRange(Number(numeric[2]), Number(numeric[4]), numeric[3] ?? (numeric[1] as string), numeric[1]) : null;
  if (byNumbers) return byNumbers;
  for (const [pattern, read] of FORMS) {
    const m = pattern.exec(lower);
    if (m) return valid(read(m));
  }
  const shortYear = DAY_MONTH_WORD_YY.exec(lower);
  const date = readDate(shortYear ? `${shortYear[1]}${fullYear(shortYear[2] as string)}` : lower, text.trim());
  if (date) return date;
  const whole = WHOLE_YEAR.exec(lower);
  if (whole) return valid({ kind: 'year', year: Number(whole[1] ?? whole[2]), index: 1 });
  const word = MONTH_WORD.exec(lower);
  const byWord = word ? monthOf(word[1] as string, word[2] as string) : null;
  if (byWord) return byWord;
  const range = MONTH_RANGE.exec(lower);
  const byRange = range ? monthRange(range[1] as string, range[3] as string, range[4] as string, range[2]) : null;
  if (byRange) return byRange;
  const yearRange = YEAR_MONTH_RANGE.exec(lower);
  const byYearRange = yearRange
    ? monthRange(yearRange[2] as string, yearRange[4] as string, yearRange[3] ?? (yearRange[1] as string), yearRange[1])
    : null;
  if (byYearRange) return byYearRange;
  const yearFirst = YEAR_MONTH_WORD.exec(lower);
  const byYearFirst = yearFirst ? monthOf(yearFirst[2] as string, yearFirst[1] as string) : null;
  if (byYearFirst) return byYearFirst;
  if (WEEK.test(lower)) return { ok: false, why: 'week' };
  if (SEASON.test(lower)) return { ok: false, why: 'season' };
  if (TERM.test(lower)) return { ok: false, why: 'term' };
  if (SCHOOL_YEAR.test(lower)) return { ok: false, why: 'school-year' };
  return NONE;
}

/**
 * The stored form of a period written `text`, or null ({@link readPeriod} says why).
 * @example parseAnyPeriod('Q4 2025') // '2025Q4'
 */
export function parseAnyPeriod(text: string): string | null {
  const reading = readPeriod(text);
  return reading.ok ? reading.code : null;
}
