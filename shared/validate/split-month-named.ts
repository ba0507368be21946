/**
 * A date of birth written with the month's name alone in a cell (`8 dec 1981`, `18 december 81`,
 * `8:e dec. 1981`, `8-Dec-81`, `December 8, 1981`), as the split check (`split-personnummer.ts`)
 * reads a date part: the one-cell guard reads `8 dec 1981-9876` as a number
 * (`personnummer-month-named.ts`), and the split check read such a cell as no part at all (it holds
 * letters), so `8 dec 1981` | `9876` was stored. Read here as the same date written day first with
 * points (`08.12.1981`), which the split check reads beside the serial as it reads `18.12.1981` |
 * `9876` (`split-halves.ts`, `split-runs.ts`): the serial whole or in pairs, its `-` or `+` at the
 * date's end or in a cell of its own.
 */
import { normalizeForDigits } from './normalize-digits.js';
import { MONTH, MONTH_PREFIXES, monthDigits } from './personnummer-month-named.js';

/** The longest such cell worth reading: the longest name, a weekday's worth of spaces and marks. */
const MOST_UNITS = 40;

/** A month's name anywhere: what a cell needs to hold before it is normalised and read. */
const ANY_MONTH = new RegExp(MONTH_PREFIXES.join('|'), 'i');

/**
 * As the guard's shapes read the date (`CANDIDATE_MONTH_NAMED`, `CANDIDATE_MONTH_FIRST`), alone in
 * the normalised cell: the day (`8`, `18.`, `8:e`), a space or dash, the name, a space or dash, a
 * year of two digits or four; or the name first and a year of four. Then the serial's mark or none.
 */
const DAY_FIRST = new RegExp(String.raw`^(?<day>\d\d?)(?:\.|:[ae])? ?[ -] ?${MONTH} ?[ -] ?(?<year>\d\d(?:\d\d)?) ?(?<mark>[-+]?)$`, 'iu');
const MONTH_FIRST = new RegExp(String.raw`^${MONTH} (?<day>\d\d?)(?: ?, ?| )(?<year>\d{4}) ?(?<mark>[-+]?)$`, 'iu');

/**
 * `value` read as a date part written with the month's name: the date day first with points
 * (`8 dec 1981` → `08.12.1981`, `8 dec 81-` → `08.12.81-`), or null: unless a text of at most
 * {@link MOST_UNITS} units that is such a date and nothing else, as the guard normalises it
 * (digits of any script, every dash `-`), phrase marks and spaces at its edges aside.
 *
 * @example
 * monthNamedDate('8 dec 1981'); // '08.12.1981'
 * monthNamedDate('Möte 8 dec 2025'); // null
 */
export function monthNamedDate(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MOST_UNITS || !ANY_MONTH.test(value)) return null;
  const norm = (normalizeForDigits(value, 0)?.text ?? value).trim().replace(/^["'([{;]+|["')\]};.,:]+$/g, '').trim();
  const m = DAY_FIRST.exec(norm) ?? MONTH_FIRST.exec(norm);
  if (m === null) return null;
  const { day = '', month = '', year = '', mark = '' } = m.groups ?? {};
  return `${day.padStart(2, '0')}.${monthDigits(month)}.${year}${mark}`;
}
