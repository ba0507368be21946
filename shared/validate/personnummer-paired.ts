/**
 * A personnummer or samordningsnummer whose serial is written in two pairs split by a mark, after
 * the date part and any one mark or a space (`96-05-04 (59:89`, `85-01-01, 12-36`,
 * `850101 / 12.36`, `1941.06.12-51:09`, `56.09.03 54.63.`): the way phone numbers are written in
 * pairs, or a number read aloud. The other shapes (`personnummer-shapes.ts`) read a split serial
 * only after some marks; this reads it after every one, and leaves to ordinary text what a date
 * followed by a time or hours is (`date-then-time.ts`). Sources: Skatteverket SKV 704 (the
 * fields; `+` before the serial at 100 years or more) and SKV 707 (samordningsnummer, day + 60).
 */
import { currencyAfter, timeAfterDate, underscoreAt } from './date-then-time.js';
import type { NormalizedDigits } from './normalize-digits.js';
import { judgeDigits, type Verdict } from './personnummer-digits.js';

/**
 * On the normalised text (`normalize-digits.ts`: every dash and `_` is `-`, every other mark
 * ASCII): an optional century, the date as YYMMDD or with one of `-./` or a space repeated, then
 * a space or one ASCII mark with a space allowed on either side, then two pairs split by one of
 * `-.:/,` (a space allowed on either side) or a space (after a mark: `85 01 01, 12 36`); no
 * digit (nor a digit and a mark) directly before, nor a further group (a space or a mark and a
 * digit) after; a comma, a space and a number may follow (a list: `56.09.03 54.63, 85 01 01, 12 36`).
 */
export const CANDIDATE_PAIRED = /(?<!\d[-./:,]?)(\d\d)?(\d\d)([-./ ]?)(\d\d)\3(\d\d)( ?[!-/:-@[-`{-~] ?| )(\d\d)( ?[-.:/,] ?| )(\d\d)(?! ?\d|[-./:,]\d)/g;

/**
 * The verdict on one match of {@link CANDIDATE_PAIRED}: the digits by date and Luhn digit (a `+`
 * before the pairs read as aged 100 or more), except that after a date written as a date (one of
 * `-./` between its fields) the pairs may be a time or hours (see `timeAfterDate`; `text` and its
 * normal form `normal` tell whether the mark before them was written `_`), and that a
 * `+` elsewhere is no number's. One mark repeated between every field is `CANDIDATE_GROUPED`'s.
 */
export function judgePaired(m: RegExpExecArray, text: string, normal: NormalizedDigits): Verdict {
  const [, century = '', yy = '', dateSep = '', mm = '', dd = '', before = '', p1 = '', split = '', p2 = ''] = m;
  if (split.trim() === '+') return null;
  // A bare space between the pairs after a bare space (`85-01-01 12 36`) is `CANDIDATE`'s and `CANDIDATE_GROUPED`'s.
  if (split === ' ' && before === ' ') return null;
  // One mark repeated exactly (`85-01-01-12-36`, `07.01.23.12.35`) is `CANDIDATE_GROUPED`'s to judge, a phone's decision included.
  if (dateSep === before && before === split) return null;
  const underscore = before === '-' && underscoreAt(text, normal, m.index + century.length + yy.length + 2 * dateSep.length + mm.length + dd.length);
  if (dateSep !== '' && dateSep !== ' ' && timeAfterDate(before, split, p1, p2, mm, dd, underscore)) return null;
  // An amount in kronor after a date (`2026-05-12 66.03 kr`): a dot between the pairs and a currency after.
  if (dateSep !== '' && before === ' ' && split === '.' && currencyAfter(normal.text, m.index + m[0].length)) return null;
  return judgeDigits(century + yy + mm + dd + p1 + p2, before.trim() === '+' ? '+' : '');
}
