/**
 * A personnummer or samordningsnummer whose date part is written as a date in day-first or
 * month-first order, with its serial after it (`18.12.1981-9876`, `18/12/1981-9876`,
 * `12/18/1981-9876`, `18 12 1981 9876`, `18.12.81-9876`, `8.3.1981-9876`, `78.12.1981-9876` for a
 * samordningsnummer): a date of birth as a person writes it on a form, plus the four last digits.
 * The other shapes (`personnummer-shapes.ts`) read the date year first, as Skatteverket writes
 * it; this reads the same digits in the other two orders people write dates in. Sources:
 * Skatteverket SKV 704 (the date part and the Luhn check digit; `+` before the serial at 100
 * years or more) and SKV 707 (samordningsnummer, day + 60).
 */
import { gluedLetters, labelsANumber, nameBefore } from './number-labels.js';
import { judgeDigits, type Verdict } from './personnummer-digits.js';
import { currencyAfter, monthDay } from './date-then-time.js';

/**
 * On the normalised text (`normalize-digits.ts`: every dash and `_` is `-`, `\` and `|` are `/`,
 * every space one space): day and month of one or two digits and a year of four or two, one of
 * `-./` (a space allowed on either side) or a space between day and month and one between month
 * and year, the same or not (`18.12.1981`, `18/12 1981-9876` as `parseSwedishDate` reads `12/3
 * 2025`, `18/12-1981-9876` as forms write `10/1-12`, `18-12 1981-9876`, `18 12.1981-9876`, `18 /
 * 12 / 1981`), after a mark and a space a dash or an apostrophe before the year allowed (`född 18/12 -81, 9876`, `18/12 '81-9876`: how a year's two digits
 * are written; `;` is the normal form of `’` and any other mark); then one of the marks a date ends in before a serial
 * after an ISO date too (`-+./_:,#`, a space allowed on either side), or a space alone; then the
 * four digits, also split in pairs by a space, a dash, a dot or a colon (`18.12.1981-98 76`,
 * `18.12.1981-98.76`). No digit (nor a
 * digit and a mark or space) directly before, no digit after, nor a mark and a digit (another
 * date, `1.1.2025-2026.01.31`). A year of two digits needs two-digit day and month: with fewer the
 * text has fewer than ten digits, which the guard never reads as a number.
 */
export const CANDIDATE_DAY_FIRST = /(?<!\d[-./ ]?)(\d\d?)( ?[-./] ?| )(\d\d?)( ?[-./] ?| |(?<=[-./] ?\d\d?) [';])(\d\d(?:\d\d)?)(?: ?([-+./_:,#]) ?| )(\d\d([ .:-]?)\d\d)(?!\d|[-./]\d)/g;

/**
 * A date of birth written day or month first with marks, the same or not (`18/12-1981`, `18-12
 * 1981`: see {@link CANDIDATE_DAY_FIRST}), then one or two words, then the four
 * last digits (`18.12.1981 nr 9876`, `18/12/1981 pnr: 98-76`, `18.12.81 nummer 98.76`): judged
 * only when every word labels a number (`labelsANumber`, `number-labels.ts`), since after a date
 * people write any other word starts a note (`18.12.2025 kl 09:30`, `18.12.2025 rum 1430`), as
 * after an ISO date (`judgeWorded`, `personnummer-shapes.ts`). No digit directly before the date,
 * of letters glued before it only one or a label (`v18.12.1981 nr 9876`, `gluedLetters`), no
 * letter or digit after the serial, nor a mark and a digit after it (`nr 2025-0042`).
 */
export const CANDIDATE_DAY_FIRST_WORDED =
  /(?<!\p{N}|\d[-./ ])(\d\d?)( ?[-./] ?)(\d\d?)(?: ?[-./] ?|(?<=[-./] ?\d\d?) [';]?)(\d\d(?:\d\d)?) ?[:,]? ?(\p{L}{1,17}(?:[-. ]\p{L}{1,17})?)[.:#]? ?(\d\d[ .:-]?\d\d)(?![\p{L}\p{N}]|[-./]\d)/gu;

/** Four digits as a clock time writes them: hours 00–23, minutes 00–59. */
function clockTime(hhmm: string): boolean {
  return Number(hhmm.slice(0, 2)) <= 23 && Number(hhmm.slice(2)) <= 59;
}

/** The verdict on a date part (`first`, `second`, `year` as written) and a serial of four digits: day first, else month first. */
function judgeDate(first: string, second: string, year: string, serial: string, plus: string): Verdict {
  if (year.length === 2 && (first.length < 2 || second.length < 2)) return null;
  if (year.length === 4 && !CENTURY.test(year)) return null;
  const dayFirst = judgeDigits(year + second.padStart(2, '0') + first.padStart(2, '0') + serial, plus);
  return dayFirst ?? judgeDigits(year + first.padStart(2, '0') + second.padStart(2, '0') + serial, plus);
}

/**
 * The verdict on one match of {@link CANDIDATE_DAY_FIRST_WORDED} in the normalised text `norm`:
 * judged when its words label a number and the letters glued before may stand there (`gluedLetters`).
 */
export function judgeDayFirstWorded(m: RegExpExecArray, norm: string): Verdict {
  const [, first = '', , second = '', year = '', words = '', spacedSerial = ''] = m;
  if (!labelsANumber(words.match(/\p{L}+/gu) ?? []) || !gluedLetters(norm, m.index)) return null;
  return judgeDate(first, second, year, spacedSerial.replace(/[ .:-]/g, ''), '');
}

/** A space and a digit: one more group of digits split by spaces. */
const FURTHER_GROUP = /^ \d/;

/** The year of four digits a personnummer of twelve digits starts with: its century 18, 19 or 20 (SKV 704). */
const CENTURY = /^(?:18|19|20)\d\d$/;

/**
 * The verdict on one match of {@link CANDIDATE_DAY_FIRST} in the normalised text `norm` (where a
 * word names the number anywhere when `namedAnywhere`, read once per text: `namedInText`): the
 * digits read day first (`18.12.1981`) and, when that is no number, month first (`12/18/1981`),
 * each by its date and the Luhn check digit over the ten-digit form, whatever marks stand between
 * the date's fields (`18/12-1981-9876`, `18-12 1981-9876`). Passed by decision, as an
 * ISO date followed by a space is (`2026-05-12 1430`, see `personnummer-shapes.ts`): a date
 * written with a mark and then a space alone before the four digits (`18.12.2025 1430`,
 * `18-12 2025 1430`, a date and a time or an amount), unless words name the number before it or anywhere in the text
 * (`Pnr 18.12.1981 9876`, see `number-labels.ts`). A date written with spaces alone (`18 12 1981 9876`)
 * is no date a time follows and is judged. Two numbers joined by a dash, a space and a year
 * followed by the next (`Åk 7-9 2025-2026`, `v. 10-12 2025/2026`: grades or weeks and a school
 * year) are a range and a season, unless named: a number so written whose serial is its year
 * plus one (one in 10,000) passes with them. So, unless named, does a time or hours and an ISO
 * date after a space (`kl 10.30 2026-05-15`, `Öppet 8-12 2026-05-12`: the year and the four digits
 * split as a month and day by the mark before them), which one time in ten was refused, and an
 * amount, four digits before a currency (`Kostnad 18.12.2025 - 1500 kr`, as after a date with the
 * month's name: `personnummer-month-named.ts`). A year of four digits whose century is no
 * personnummer's (`18.12.2125-9876`) is no number. Ten digits starting with 0 in pairs written
 * with a phone's marks (`08 90 66 68 60`, `05-01-01-12-33`) are a phone, as `CANDIDATE_GROUPED`
 * and `personnummer-mixed.ts` decide.
 */
export function judgeDayFirst(m: RegExpExecArray, norm: string, namedAnywhere: boolean): Verdict {
  const [, first = '', written = '', second = '', yearWritten = '', year = '', mark = '', spacedSerial = '', split = ''] = m;
  const named = (): boolean => namedAnywhere || nameBefore(norm, m.index) !== null;
  const dateSep = written.trim() || ' ';
  const yearSep = yearWritten.trim() || ' ';
  const spaced = dateSep === ' ' && yearSep === ' ';
  if (mark === '' && !spaced && !named()) return null;
  const serial = spacedSerial.replace(/[ .:-]/g, '');
  // Four digits split by a dot or colon that make a clock time are a time (`18.12.2025, 14.30`), unless the number is named.
  if ((split === '.' || split === ':') && clockTime(serial) && !named()) return null;
  // Groups split by spaces go on past the four digits (`85 01 01 12 36 12`): a longer number.
  if (spaced && FURTHER_GROUP.test(norm.slice(m.index + m[0].length, m.index + m[0].length + 2))) return null;
  if (dateSep === '-' && yearWritten === ' ' && (mark === '-' || mark === '/') && Number(serial) === Number(year) + 1 && year.length === 4 && !named()) return null;
  // After a space, the year and the four digits split as a month and a day by the mark before
  // them make an ISO date (`kl 10.30 2026-05-15`, `Öppet 8-12 2026-05-12`): a time or hours, then a date.
  if (yearWritten === ' ' && year.length === 4 && mark === split && (mark === '-' || mark === '.') && monthDay(serial.slice(0, 2), serial.slice(2)) && !named()) return null;
  // An amount (`Kostnad 18.12.2025 - 1500 kr`): no one writes a personnummer followed by a currency.
  if (currencyAfter(norm, m.index + m[0].length) && !named()) return null;
  if (year.length === 2 && first.startsWith('0') && phoneMarks([dateSep, yearSep, mark === '' ? ' ' : mark, split])) return null;
  return judgeDate(first, second, year, serial, mark === '+' ? '+' : '');
}

/**
 * True when the marks of a match (between the date's fields, before the serial, inside it; `''`:
 * none, a space or spaces alone: `' '`) are a phone's: one mark repeated, or spaces and one `-` or `/` (after the area code).
 */
function phoneMarks(written: readonly string[]): boolean {
  const marks = new Set(written.filter((mark) => mark !== '').map((mark) => (mark.trim() === '' ? ' ' : mark.trim())));
  if (marks.size === 1) return true;
  marks.delete(' ');
  return marks.size === 1 && (marks.has('-') || marks.has('/'));
}
