/**
 * A date column's value: a date cell or serial (also as five digits of text) as its day (a time of day dropped and said), text by
 * `parseSwedishDate`, and a date written without its year given the plan's year or the one year of
 * the plan's period that holds it (refused in words where none or several do), else assumed from
 * the clock and said. Part of the cell normaliser (`normalize-cell.ts`).
 */
import { localized } from '../i18n/t.js';
import type { CellColumn, Localized } from '../schema/types.js';
import { excelSerialToIso, isoFromUtc, periodSerialDate } from './excel-date.js';
import { parseSwedishDate, writtenDay, type ParsedDate } from './parse-date.js';
import { assumeYear } from './plan-year.js';
import { dateInPeriod, monthYearsIn } from './plan-period.js';
import { dateWords } from './date-words.js';
import { missingDayWords } from './missing-day-words.js';
import { fail, ok, refuse, type NormalizeContext, type NormalizeInfo, type NormalizeResult } from './normalize-result.js';
import { digits, numberText } from '../i18n/number-words.js';

/** The note on a date whose time of day was dropped. */
export function timeDropped(col: CellColumn, iso: string): NormalizeInfo {
  return { code: 'date-time-dropped', message: localized('date-time-dropped', { column: col.header, value: iso }) };
}

/** A date column's value (`raw`, and `text`: it as trimmed text, or null): see the file comment. */
export function toDate(col: CellColumn, raw: unknown, text: string | null, ctx: NormalizeContext): NormalizeResult {
  if (typeof raw === 'number') {
    // `20250312` typed into a cell is a number to Excel, and far past the last serial (year 9999).
    // Its year is written, so neither the plan's nor a period's is asked. A day the calendar lacks
    // (`20260229`, `20260431`) is refused in the words `29/2` gets, saying why, not as "not a date".
    if (Number.isInteger(raw) && raw >= 10_000_000) {
      const compact = parseSwedishDate(String(raw), null);
      if (compact) return ok(compact.iso, 'date-from-text');
      const missing = noSuchDay(col, String(raw), ctx);
      if (missing) return missing;
    }
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
  // Five digits are Excel's serial of a day (1900 system), as a period column reads them too
  // (`periodSerialDate`): what a date cell of an older table shows once its format is General, and
  // so what its CSV holds, or such a cell's value typed into a text date column. No date is written so.
  const serial = periodSerialDate(text);
  if (serial !== null) return ok(serial, 'date-from-serial');
  const { parsed, assumed, refused } = readDate(col, text, ctx);
  if (refused) return refused;
  if (!parsed) return noSuchDay(col, text, ctx) ?? fail(col, 'not-date', raw);
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
  if (!parsed) return noSuchDay(col, String(raw), ctx) ?? fail(col, 'not-date', raw);
  return assumed ? ok(parsed.iso, 'date-from-text', yearAssumed(col, parsed.iso)) : ok(parsed.iso, 'date-from-text');
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
/** The first leap year from `year` on. */
const leapFrom = (year: number) => [0, 1, 2, 3, 4, 5, 6, 7].map((n) => year + n).find(isLeap) as number;
/** Days of `month` (1–12) in a leap year: the most it ever has. */
const mostDays = (month: number) => new Date(Date.UTC(2000, month, 0)).getUTCDate();
/** The name of `month` (1–12) in words, `april` / `April`. */
const monthName = (month: number) => {
  const words = dateWords(`2000-${String(month).padStart(2, '0')}-01`);
  return { sv: words.sv.split(' ')[1] as string, en: words.en.split(' ')[1] as string };
};

/**
 * What the plan's title (`ctx.year`, or `ctx.period`) says of `29/2` written without its year: the
 * plan's year or period, which has no 29 February, and the days to type instead that lie inside it
 * (`28/2`, and `1/3` where the period holds the March after its February). A leap year is not
 * offered: one inside the plan would have had the day (`dateInPeriod`), and one outside it (29/2
 * 2024 for läsåret 2024/25, whose February is 2025's) is no day of the plan. Null without a plan's
 * year or period, or a period holding no February (refused as outside it before this is asked).
 */
function planFebruary(ctx: NormalizeContext): { years: Localized; instead: Localized } | null {
  const both = { sv: '28/2 eller 1/3', en: '28/2 or 1/3' };
  if (ctx.year !== undefined) return { years: { sv: `planens år, ${digits(ctx.year)},`, en: `the plan's year, ${digits(ctx.year)}` }, instead: both };
  if (!ctx.period) return null;
  const februaries = monthYearsIn(ctx.period, 2);
  if (februaries.length === 0) return null;
  const marches = new Set(monthYearsIn(ctx.period, 3));
  const years = { sv: `planens period, ${ctx.period.written},`, en: `the plan's period, ${ctx.period.written}` };
  return { years, instead: februaries.some((y) => marches.has(y)) ? both : { sv: '28/2', en: '28/2' } };
}

/**
 * The refusal of a date text whose day the calendar lacks, saying what is wrong and what to type.
 * With its year written (`29 februari 2026`, `31/4 2026`): why that year (2026 is no leap year;
 * April has 30 days) and the month's last day and the next month's first, in words
 * (`date-no-such-day-in-year`, as a round's due date is told, `missingDayWords`). Without:
 * 29 February in a year that has none (the plan's, those of its period, or the
 * two a year is assumed from: `assumeYear` tries this year and next; in a plan only days inside
 * it are offered, {@link planFebruary}), or a day past the month's
 * last (`31/4`, `30/2`). Null for a text that is no date's form: refused as `not-date` in its own words.
 */
function noSuchDay(col: CellColumn, text: string, ctx: NormalizeContext): NormalizeResult | null {
  const day = writtenDay(text);
  if (!day) return null;
  const column = col.header;
  // A year written says which February it is: why for that year (2026 is no leap year), and its days.
  const inYear = day.year === null ? null : missingDayWords(`${String(day.year).padStart(4, '0')}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`);
  if (inYear) return refuse('not-date', 'date-no-such-day-in-year', { column, value: text, why: inYear.why, last: dateWords(inYear.last), next: dateWords(inYear.next) });
  if (day.day > mostDays(day.month)) {
    const most = mostDays(day.month);
    const days = day.month === 2 ? { sv: '28 dagar (29 under skottår)', en: '28 days (29 in a leap year)' } : { sv: `${numberText(most, 'sv')} dagar`, en: `${numberText(most, 'en')} days` };
    return refuse('not-date', 'date-no-such-day', { column, value: text, month: monthName(day.month), days, last: `${day.month === 2 ? 28 : most}/${day.month}` });
  }
  if (day.month !== 2 || day.day !== 29) return null;
  if (day.year === null && (ctx.year !== undefined || ctx.period)) {
    const inPlan = planFebruary(ctx);
    return inPlan ? refuse('not-date', 'date-no-leap-day-in-plan', { column, value: text, years: inPlan.years, instead: inPlan.instead }) : null;
  }
  const clock = (ctx.now ?? new Date()).getUTCFullYear();
  const [years, from]: [Localized, number] =
    day.year !== null
      ? [{ sv: `år ${digits(day.year)}`, en: digits(day.year) }, day.year]
      : [{ sv: `${digits(clock)} och ${digits(clock + 1)} (planens titel nämner inget år)`, en: `${digits(clock)} or ${digits(clock + 1)} (the plan's title names no year)` }, clock];
  return refuse('not-date', 'date-no-leap-day', { column, value: text, years, leap: String(leapFrom(from)) });
}
