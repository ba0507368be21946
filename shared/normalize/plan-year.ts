/**
 * The year a date written without one (`12/3`, `12 mars`) belongs to. A plan that names its year
 * in its title ("Aktivitetsplan Fittja 2026") gives it, silently: the coordinator wrote it once.
 * A plan of more than one year ("Aktivitetsplan 2025–2026") gives the year its period holds the
 * day in, or refuses the date (`plan-period.ts`).
 * Without one the year is assumed from the clock ({@link assumeYear}) and the normaliser says
 * which year it took (`year-assumed`), in the sheet's Problems and in an import's warnings.
 * Used by every path that normalises a document's values (sheet binding, imports), so `12/3`
 * means the same date wherever it is typed.
 */
import { isoFromUtc } from './excel-date.js';
import { parseSwedishDate, type ParsedDate } from './parse-date.js';
import { periodYear, planPeriod, type PlanPeriod } from './plan-period.js';

/**
 * The year the plan's `title` names, when its period (`planPeriod`) lies within one calendar year;
 * undefined when the title names no year, or a period of more than one (`2025–2026`, `läsåret
 * 2025/26`), where the period decides a date's year (`dateInPeriod`) or the date is refused.
 * Not how a date is read: every path (the bound sheet, a file's import, an adopted sheet) reads by {@link planDates},
 * which tells a part of a year (`ht 2025`) from the whole of it.
 */
export function planYear(title: string | null | undefined): number | undefined {
  return periodYear(planPeriod(title));
}

/** How a date written without its year is read in a plan: see {@link planDates}. At most one of the two is set. */
export interface PlanDates {
  /** The plan's one whole calendar year: a date without one takes it, silently. */
  year?: number;
  /** The plan's period other than one whole calendar year: a date without its year takes the one year of it that holds the day, else is refused (`dateInPeriod`). */
  period?: PlanPeriod;
}

/**
 * How a date written without its year is read in the plan titled `title`, as the normaliser takes
 * it (`NormalizeContext`): `{ year }` for a plan of one whole calendar year (`Aktivitetsplan 2026`:
 * taken silently); `{ period }` for any other period the title names (`läsåret 2025/26`,
 * `2025–2026`, and one of part of a year, `ht 2025`: August to December, where `10/1` is refused
 * as outside the plan rather than taken as 10 January 2025 silently, `dateInPeriod`); `{}` for
 * none (the year is assumed and said). Every path that reads a plan's values from a file or a
 * sheet asks this, so a title means the same wherever the values come from.
 * @example planDates('Plan ht 2025') // { period: { first: '2025-08', last: '2025-12', written: 'ht 2025' } }
 */
export function planDates(title: string | null | undefined): PlanDates {
  const period = planPeriod(title);
  if (!period) return {};
  const year = periodYear(period);
  return year !== undefined && period.first.endsWith('-01') && period.last.endsWith('-12') ? { year } : { period };
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
