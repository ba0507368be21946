/**
 * A date range whose end gives the month and day only (`2025-01-01 – 08-01`, `2025-01-01–08-01`,
 * `2025/01/01 - 08/01`): the end date's two pairs read as a serial after a date part, so about
 * one such range in ten passed the date and Luhn checks and was refused as a personnummer. Plans
 * give periods so, the year said once.
 */
import { monthDay } from './date-then-time.js';
import { originalSpan, type NormalizedDigits } from './normalize-digits.js';

/**
 * On the normalised text of one match: a date written as a date (the century optional, one mark
 * repeated: `2025-01-01`, `25.01.01`), a dash with a space on both sides, on neither or on one,
 * then month and day split by a mark of a date (`08-01`, `08/01`, `23/10`) and nothing else.
 * Captures: the mark, the start's month and day, the dash, the end's two pairs and their mark.
 */
const SHORT_RANGE = /^(?:\d\d)?\d\d([-./])(\d\d)\1(\d\d)( ?- ?)(\d\d)([-./])(\d\d)$/;
/** The hyphens a person types inside a number's spelling (`1985-01-01-12-16`, `89-12-27_01-08`, the low line typed as one): no range dash. */
const HYPHENS = new Set(['-', '_', '\u2010', '\u2011']);

/**
 * True when the match `normal.text[from, to)` (of the original `text`, whose normal form is
 * `normal`) is a date, a range dash and a month and day that exist (`2025-01-01 – 08-01`). The
 * dash is a range's when it has a space beside it or was written as another dash than a hyphen
 * (an en or em dash, two hyphens): one hyphen alone (`1985-01-01-12-16`) is how a number is
 * written with its date part's marks, and is judged as a number. The cost: a number whose serial's
 * pairs make a month and day (about one in 27) passes when written as a date, a spaced or en dash
 * and its serial split by a date's mark (`85-01-01 – 12-16`).
 *
 * @example
 * shortDateRange('2025-01-01 – 08-01', normalizeForDigits('2025-01-01 – 08-01', 10)!, 0, 18); // true
 */
export function shortDateRange(text: string, normal: NormalizedDigits, from: number, to: number): boolean {
  const m = SHORT_RANGE.exec(normal.text.slice(from, to));
  if (m === null) return false;
  const [whole, , mm = '', dd = '', dash = '', first = '', mark = '', second = ''] = m;
  // A samordningsnummer's day (+ 60, SKV 707) is no day a range starts on: judged (`23-11-70 – 06.09`).
  if (!monthDay(mm, dd)) return false;
  // `08-01` is month and day, as in an ISO date; `23/10` and `23.10` day and month, as Swedes
  // write a date in a sentence (`10/23` and `10.23` read either way).
  if (!monthDay(first, second) && (mark === '-' || !monthDay(second, first))) return false;
  if (dash.trim() !== dash) return true;
  // Unspaced: what was written between the date's last digit and the month's first.
  const dashAt = from + whole.length - 5 - dash.length;
  const written = text.slice(originalSpan(text, normal, dashAt - 1, dashAt)[1], originalSpan(text, normal, dashAt + 1, dashAt + 2)[0]);
  return !HYPHENS.has(written);
}
