/**
 * A date of birth written with the month's name alone in a cell (`8 dec 1981`, `18 december 81`,
 * `8:e dec. 1981`, `8-Dec-81`, `December 8, 1981`, `18.dec.1981`, `1981 dec 18`) or ending a cell
 * of words (`född 8 dec 1981`), as the split check (`split-personnummer.ts`)
 * reads a date part: the one-cell guard reads `8 dec 1981-9876` as a number
 * (`personnummer-month-named.ts`), and the split check read such a cell as no part at all (it holds
 * letters), so `8 dec 1981` | `9876` was stored. Read here as the same date written day first with
 * points (`08.12.1981`), which the split check reads beside the serial as it reads `18.12.1981` |
 * `9876` (`split-halves.ts`, `split-runs.ts`): the serial whole or in pairs, its `-` or `+` at the
 * date's end or in a cell of its own.
 */
import { normalizeForDigits } from './normalize-digits.js';
import { MONTH, MONTH_JOINT, MONTH_PREFIXES, monthDigits } from './personnummer-month-named.js';

/** The longest such cell worth reading: the longest name, a weekday's worth of spaces and marks. */
const MOST_UNITS = 40;

/** A month's name anywhere: what a cell needs to hold before it is normalised and read. */
const ANY_MONTH = new RegExp(MONTH_PREFIXES.join('|'), 'i');

/**
 * The dates as the guard's shapes read them (`CANDIDATE_MONTH_NAMED`, `CANDIDATE_MONTH_FIRST`,
 * `CANDIDATE_YEAR_MONTH_DAY`), regular expressions' sources: the day (`8`, `18.`, `8:e`), the
 * name, a year of two digits or four, each apart by what the guard reads between them
 * (`MONTH_JOINT`: a space, `-./` or nothing: `8 dec 1981`, `18.dec.1981`, `18dec81`); the name
 * first and a year of four; a year of four first, the name, the day. Then the serial's mark or none.
 */
const DAY_FIRST = String.raw`(?<day>\d\d?)(?:\.|:[ae])?${MONTH_JOINT}${MONTH}${MONTH_JOINT}(?<year>\d\d(?:\d\d)?)`;
const MONTH_FIRST = String.raw`${MONTH} (?<day>\d\d?)(?: ?, ?| )(?<year>\d{4})`;
const YEAR_FIRST = String.raw`(?<year>\d{4})${MONTH_JOINT}${MONTH}${MONTH_JOINT}(?<day>\d\d?)`;
const SHAPES = [DAY_FIRST, MONTH_FIRST, YEAR_FIRST];
const MARK = String.raw` ?(?<mark>[-+]?)$`;

/** Each shape alone in a cell. */
const ALONE = SHAPES.map((shape) => new RegExp(`^${shape}${MARK}`, 'iu'));

/** Each shape ending a text, after a space or a mark: no letter or digit glued before it (`SKU8dec1981`). */
const ENDING = SHAPES.map((shape) => new RegExp(String.raw`(?<![\p{L}\p{N}])${shape}${MARK}`, 'iu'));

/** `den` and weekdays written before a date (`född den 8 dec 1981`, `född onsdag den 8 dec`), as the one-cell guard reads them. */
const LEAD = /(?:(?:den|\p{L}+dag(?:en)?),? )+$/iu;

/** The date of `m`'s groups day first with points (`08.12.1981`), its mark after it. */
function dayFirst(m: RegExpExecArray): string {
  const { day = '', month = '', year = '', mark = '' } = m.groups ?? {};
  return `${day.padStart(2, '0')}.${monthDigits(month)}.${year}${mark}`;
}

/** The first of `patterns` to match `text`, or null. */
function firstMatch(patterns: readonly RegExp[], text: string): RegExpExecArray | null {
  for (const pattern of patterns) {
    const m = pattern.exec(text);
    if (m !== null) return m;
  }
  return null;
}

/**
 * `value` read as a date part written with the month's name: the date day first with points
 * (`8 dec 1981` → `08.12.1981`, `8 dec 81-` → `08.12.81-`, `18dec1981` → `18.12.1981`, `1981 dec
 * 18` → `18.12.1981`), or null: unless a text of at most
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
  const m = firstMatch(ALONE, norm);
  return m === null ? null : dayFirst(m);
}

/**
 * The date written with the month's name ending a text of words, read as {@link monthNamedDate}
 * reads it alone in a cell (`född 8 dec 1981` → `08.12.1981`, the serial's mark after it kept),
 * and where it starts in `norm`, before `den` and a weekday written before it (so that the words
 * before them are read as the words before the date, as the one-cell guard reads them), or null.
 * `norm`: the text as the guard normalises it (`normalize-digits.ts`), without the phrase marks at
 * its end. Cost: a text ending in a letter is settled by its last character, any other by its
 * last {@link MOST_UNITS} characters. The split check reads a cell of words by the part at its end (`split-worded.ts`), and a
 * date so written was none: `född 8 dec 1981` | `9876` was stored.
 *
 * @example
 * monthNamedTail('född 8 dec 1981'); // { text: '08.12.1981', at: 5 }
 * monthNamedTail('född den 8 dec 1981'); // { text: '08.12.1981', at: 5 }
 * monthNamedTail('Möte 8 dec 1981 kl'); // null
 */
export function monthNamedTail(norm: string): { text: string; at: number } | null {
  // Most texts of words end in a letter: settled by their last character.
  const last = norm.charCodeAt(norm.length - 1);
  if (!((last >= 48 && last <= 57) || last === 45 || last === 43)) return null;
  // A date so written, its mark and the spaces in it, is shorter than {@link MOST_UNITS}.
  const from = Math.max(0, norm.length - MOST_UNITS);
  const end = norm.slice(from);
  if (!ANY_MONTH.test(end)) return null;
  const m = firstMatch(ENDING, end);
  if (m === null) return null;
  const at = from + m.index;
  if (at > 0 && /[\p{L}\p{N}]/u.test(norm.charAt(at - 1))) return null;
  const lead = LEAD.exec(norm.slice(Math.max(0, at - 30), at));
  return { text: dayFirst(m), at: lead === null ? at : at - lead[0].length };
}
