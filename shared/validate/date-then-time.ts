/**
 * What four digits split in two pairs are after a date written as a date (`2026-05-12`,
 * `26.05.12`): a time, hours from one to another, or the end of a range, each the shape of
 * ordinary text in a plan, rather than a personnummer's serial. The personnummer guard's shapes
 * that read a serial split in pairs (`personnummer-mixed.ts`, `personnummer-paired.ts`) ask these.
 */
import { originalSpan, type NormalizedDigits } from './normalize-digits.js';

/** True when `hh` and `mm` (two digits each) are a clock time, 00.00–23.59. */
export function clockTime(hh: string, mm: string): boolean {
  return Number(hh) <= 23 && Number(mm) <= 59;
}

/**
 * True when `from` and `to` (two digits each) are whole hours from one to another, a shift or a
 * meeting: both 24 or less and not the same. A falling range is a night shift (`22-06`), so the
 * order is not asked; `16-65` and `12-12` are no hours. Cost: a serial whose pairs are so, about
 * one in seventeen (25 × 24 of 10,000), passes when written after a date with its pairs split by a dash.
 */
export function hourRange(from: string, to: string): boolean {
  return from !== to && Number(from) <= 24 && Number(to) <= 24;
}

/** The most days in each month, 29 for February (a range's end has no year of its own). */
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when `mm` and `dd` (two digits each) are a month and a day of it. */
export function monthDay(mm: string, dd: string): boolean {
  const month = Number(mm);
  const day = Number(dd);
  return month >= 1 && month <= 12 && day >= 1 && day <= (DAYS[month - 1] as number);
}

/**
 * True when `mm2`-`dd2` is a month and day later in the year than the date's own `mm`-`dd`: a
 * period's end written after its start with a space (`2020-07-10 07-26`). An end before the start
 * is no period within one year, and stays judged.
 */
export function laterMonthDay(mm: string, dd: string, mm2: string, dd2: string): boolean {
  return monthDay(mm2, dd2) && mm2 + dd2 > mm + dd;
}

/**
 * True when the serial's pairs `p1` and `p2`, split by `split` (as normalised, spaces around it
 * allowed) and written after a date written as a date (month `mm`, day `dd`) and `before` (what
 * stands between date and pairs, as normalised), are a time or hours rather than a serial:
 * - after a space: a clock time (`2026-05-12 14:30`, `14.30`), whole hours (`2026-05-12 22-06`)
 *   or a later month and day (`2020-07-10 07-26`);
 * - after a dash with a space beside it, a comma or a bracket (`2026-05-12 – 14.30`,
 *   `2026-05-12, 14:30`, `2026-05-12 (13-15)`): a clock time or whole hours;
 * - after one of `-./` alone: a clock time split by a colon, a timestamp (`2025-06-17-11:45`);
 * - after `_` alone (`underscore`, read as a dash in the normal form): a clock time split by a
 *   colon or a dot, a file name's stamp (`export_2022-01-04_15.51.xlsx`: a file name writes its
 *   spaces `_`, and after a space such a time passes). Leak, by decision: a number whose serial's
 *   pairs are a clock time (about one in seven) written `1985-03-17_12.36`, as `1985-03-17
 *   12.36` passes; `1985-03-17_1236`, `1985_03_17_12.36` (read with `_` as spaces, no date) and
 *   `1985-03-17_12-36` (a dash: `85-03-17-12-36`) are refused.
 * Anything else is judged: a time split by a dot after a bare mark (`85-03-17-12.36`), pairs that
 * are no time (`56.09.03 54.63`, an amount written with a decimal point: Swedish writes `54,63`),
 * and marks no one writes between a date and its time (`00/07/01 / 01.35`). A date part that is
 * no day of the calendar (`96/05/88`, a samordningsnummer's day + 60, SKV 707) is no date to give
 * a time after: its pairs are judged (`96/05/88 14-09`).
 */
export function timeAfterDate(before: string, split: string, p1: string, p2: string, mm: string, dd: string, underscore = false): boolean {
  if (!monthDay(mm, dd)) return false;
  const mark = before.trim();
  const cut = split.trim();
  const clock = (cut === ':' || cut === '.') && clockTime(p1, p2);
  const hours = cut === '-' && hourRange(p1, p2);
  if (mark === '') return clock || hours || (cut === '-' && laterMonthDay(mm, dd, p1, p2));
  if ((mark === '-' && before !== mark) || mark === ',' || mark === '(') return clock || hours;
  return before === mark && '-./'.includes(mark) && (cut === ':' || (underscore && cut === '.')) && clockTime(p1, p2);
}

/**
 * True when the unit `at` of the normal form `normal` of `text` was written as `_` (the normal
 * form reads it as `-`), which a file name writes for a space (see {@link timeAfterDate}).
 */
export function underscoreAt(text: string, normal: NormalizedDigits, at: number): boolean {
  const [start, end] = originalSpan(text, normal, at, at + 1);
  return text.slice(start, end) === '_';
}

/** A currency after a number (`kr`, `kronor`, `tkr`, `SEK`, `:-`), as normalised; nothing written after it but an end. */
const CURRENCY_AFTER = /^ ?(?:(?:kr|kronor|tkr|mkr|sek)(?![\p{L}\p{N}])|:-)/iu;

/**
 * True when the normal form `norm` names a currency from `end` on: pairs split by a dot before it
 * are an amount (`2026-05-12 66.03 kr`), not a serial. No one writes a personnummer followed by
 * `kr`; a date and an amount written without its currency (`2026-05-12 66.03`) stays judged.
 */
export function currencyAfter(norm: string, end: number): boolean {
  return CURRENCY_AFTER.test(norm.slice(end, end + 8));
}
