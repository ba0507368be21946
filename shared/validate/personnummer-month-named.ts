/**
 * A personnummer or samordningsnummer whose date part is written with the month's name, Swedish
 * or English, whole or cut, with or without a point (`18 december 1981`, `8 dec. 1981`, `18:e
 * mars 1981`, `1:a maj 81`, `8-Dec-1981`, `December 8, 1981`): how a letter, a journal note or
 * Excel's long and `d-mmm-yy` date formats write a date of birth, every form
 * `shared/normalize/parse-date.ts` reads as a date, and the same dotted, slashed or glued
 * (`18.dec.1981`, `18dec1981`, `18DEC81`) or year first (`1981 dec 18`). Then the four last digits. The month's name
 * stands for two digits and a day's leading zero is often left out, so such a number is written
 * with as few as seven digits (`8 dec 81-9876`): the guard, which reads no text of fewer than ten
 * digits as a number, reads these shapes down to {@link MONTH_NAMED_DIGITS}
 * (`personnummer.ts`). Sources: Skatteverket SKV 704 (the date part, the Luhn check digit, `+`
 * before the serial at 100 years or more) and SKV 707 (samordningsnummer, day + 60).
 */
import { monthOf } from '../normalize/parse-date.js';
import { clockTime, currencyAfter } from './date-then-time.js';
import { labelsANumber, nameBefore } from './number-labels.js';
import { judgeDigits, type Verdict } from './personnummer-digits.js';

/** The fewest digits a number so written holds: a day of one digit, a year of two, the four last (`8 dec 81-9876`). */
export const MONTH_NAMED_DIGITS = 7;

/**
 * The first three letters of every month's name, Swedish and English (`mar` of `mars` and
 * `March`, `maj`, `may`, `okt`, `oct`), lower-case: the one list of month words every reader of a
 * date of birth written with the month's name goes by (the text guard's shapes, its gate for texts
 * of fewer than ten digits, the raw-byte net's, the split check's). Each is a word
 * `parseSwedishDate` reads (`monthOf`), which gives its month.
 */
export const MONTH_PREFIXES: readonly string[] = ['jan', 'feb', 'mar', 'apr', 'maj', 'may', 'jun', 'jul', 'aug', 'sep', 'okt', 'oct', 'nov', 'dec'];

/**
 * A month's name by its first three letters ({@link MONTH_PREFIXES}), whole or cut and misspelt
 * after them, a point after it allowed: a regular expression's source, its month in the group `month`.
 */
export const MONTH = String.raw`(?<month>${MONTH_PREFIXES.join('|')})\p{L}{0,7}\.?`;

/**
 * After the year: what stands before the serial (a `-`, `+` or `#`, a comma, colon, point or
 * slash, a space alone, or one or two words, `nr`, `pnr:`), then the four last digits, also split in pairs by a space,
 * dash, point or colon; no letter or digit after, nor a mark and a digit (another date).
 */
const TAIL = String.raw`(?<between> ?[-+#,:./]? ?|(?: ?[,:])? \p{L}{1,17}(?:[-. ]\p{L}{1,17})?[.:#]? ?)(?<serial>\d\d(?<split>[ .:-]?)\d\d)(?![\p{L}\p{N}]|[-./]\d)`;

/**
 * What stands between the day, the month's name and the year, a regular expression's source: nothing (`18dec1981`, `18DEC81`: a
 * date glued as a form's box or a batch code writes it), a space, or one of `-./` with a space
 * allowed on either side (`8-Dec-81`, `18.dec.1981`, `18/dec/1981`, `18. dec. 1981`).
 */
export const MONTH_JOINT = String.raw`(?: ?[-./] ?| ?)`;

/**
 * On the normalised text (`normalize-digits.ts`: every dash is `-`, every space one space): the
 * day of one or two digits (`18.`, `18:e`, `1:a` too), a {@link MONTH_JOINT}, the month's name, a
 * {@link MONTH_JOINT}, a year of four digits or two (or a space and a dash or apostrophe before a year of two,
 * as it is written: `född 18 dec -81`, `18 dec '81`, `’81`, whose normal form is `;81`), then
 * {@link TAIL}. No digit directly before the day.
 */
export const CANDIDATE_MONTH_NAMED = new RegExp(
  String.raw`(?<!\p{N}|\d[-./ ])(?<day>\d\d?)(?:\.|:[ae])?${MONTH_JOINT}${MONTH}(?:${MONTH_JOINT}| [-';](?=\d\d(?!\d)))(?<year>\d\d(?:\d\d)?)(?!\d)${TAIL}`,
  'giu',
);

/**
 * The year first, then the month's name and the day (`1981 dec 18-9876`, `1981-dec-18`, how a
 * year-first date is written with the month's name), each apart by a {@link MONTH_JOINT}: a year of
 * four digits (of two it would read as a day), then {@link TAIL}, and no month's name after the
 * four digits (`2025 sep 1-2026 maj 31`, a period).
 */
export const CANDIDATE_YEAR_MONTH_DAY = new RegExp(
  String.raw`(?<!\p{N}|\d[-./ ])(?<year>\d{4})${MONTH_JOINT}${MONTH}${MONTH_JOINT}(?<day>\d\d?)(?!\d)${TAIL}(?! ?(?:${MONTH_PREFIXES.join('|')}))`,
  'giu',
);

/**
 * The month's name first (`December 8, 1981`, `dec 8 1981`, `mars 8, 1981`: English dates and
 * some exports), a year of four digits (of two it would read as a day), then {@link TAIL}.
 */
export const CANDIDATE_MONTH_FIRST = new RegExp(String.raw`(?<![\p{L}\p{N}])${MONTH} (?<day>\d\d?)(?: ?, ?| )(?<year>\d{4})(?!\d)${TAIL}`, 'giu');

/**
 * The month's number, two digits, by the first three letters of its name ({@link MONTH_PREFIXES},
 * any case), or '00' for none.
 */
export function monthDigits(prefix: string): string {
  const month = monthOf(prefix);
  return month === undefined ? '00' : String(month).padStart(2, '0');
}

/** The year of four digits a personnummer of twelve digits starts with: its century 18, 19 or 20 (SKV 704). */
const CENTURY = /^(?:18|19|20)\d\d$/;

/** Whole hours from one to another (`14-16`): a time of a meeting after a date, not a serial. */
const HOURS = /^([01]\d|2[0-4])-([01]\d|2[0-4])$/;

/** `den` or a weekday before the date (`född den 8 dec 1981`, `född onsdag den 8 dec`): where the words before it are looked for. */
const LEAD = /(?:(?:den|\p{L}+dag(?:en)?),? )+$/u;

/**
 * The verdict on one match `m` of {@link CANDIDATE_MONTH_NAMED}, {@link CANDIDATE_MONTH_FIRST} or
 * {@link CANDIDATE_YEAR_MONTH_DAY} in the normalised text `norm` (`namedAnywhere`: a word in the text names the number, as
 * `findPersonnummer` reads it once per text), judged as a date written day first with marks is
 * (`personnummer-day-first.ts`): after a `-`, `+` or `#` by date and check digit
 * (`18 december 1981-9876`, `8 dec 81 - 9876`); after words only when each labels a number
 * (`8 dec 1981 nr 9876`; `18 mars 2026 kl 1430` is a time); after a space alone, a comma, colon,
 * point or slash (a date and a time or an amount: `18 december 2025 1430`, `5 maj 2026: 1500 kr`), after a
 * spaced dash before whole hours (`18 mars 2026 – 14-16`), with its last four split as a clock
 * time (`8 dec 2025-14.30`) and before a currency (`2 april 2026 - 1500 kr`) only when words
 * name the number before the date or anywhere in the text (`född 8 dec 1981 9876`).
 */
export function judgeMonthNamed(m: RegExpExecArray, norm: string, namedAnywhere: boolean): Verdict {
  const { day = '', month = '', year = '', between = '', serial: spaced = '', split = '' } = m.groups ?? {};
  const words = between.match(/\p{L}+/gu);
  const mark = between.trim();
  const serial = spaced.replace(/[ .:-]/g, '');
  const named = (): boolean => namedAnywhere || nameBefore(norm, leadStart(norm, m.index)) !== null;
  if (words !== null) {
    if (!labelsANumber(words)) return null;
  } else if (mark === '-' || mark === '+' || mark === '#') {
    if (between === ' - ' && HOURS.test(spaced) && !named()) return null;
  } else if (!named()) return null;
  if ((split === '.' || split === ':') && clockTime(serial.slice(0, 2), serial.slice(2)) && !named()) return null;
  // An amount (`2 april 2026 - 1500 kr`): no one writes a personnummer followed by a currency.
  if (currencyAfter(norm, m.index + m[0].length) && !named()) return null;
  if (year.length === 4 && !CENTURY.test(year)) return null;
  const mm = monthDigits(month);
  return judgeDigits(`${year}${mm}${day.padStart(2, '0')}${serial}`, mark === '+' ? '+' : '');
}

/** Where the words before a date at `at` of `norm` end: before `den` and a weekday written before it. */
function leadStart(norm: string, at: number): number {
  const lead = LEAD.exec(norm.slice(Math.max(0, at - 30), at));
  return lead === null ? at : at - lead[0].length;
}
