/**
 * The personal-identity-number guard. Patient identities must never reach storage, so every
 * string written to a document passes through {@link findPersonnummer}. It looks for Swedish
 * personnummer and samordningsnummer (Skatteverket SKV 704 and 707) anywhere in a text, in any
 * spelling: the text is first normalised (`normalize-digits.ts`: digits of any script, every
 * space, dash and invisible character), then matched against the shapes people write.
 */
import { normalizeForDigits, originalSpan, severalAhead, type NormalizedDigits } from './normalize-digits.js';
import { MONTH_NAMED_SHAPES, SHAPES, type PersonnummerKind } from './personnummer-shapes.js';
import { MONTH_NAMED_DIGITS, MONTH_PREFIXES } from './personnummer-month-named.js';
import { shortDateRange } from './short-date-range.js';
import { asWellFormed } from './well-formed.js';
import { displayOrder, RLO, rtlRunsOrder } from './bidi-override.js';
import { nameBefore, namedInText } from './number-labels.js';
import { candidateYears, dateKind, judgeDigits, type Verdict } from './personnummer-digits.js';
import { clockTime } from './date-then-time.js';
import { findReservnummer } from './reservnummer.js';

export { luhnValid } from './personnummer-shapes.js';

/** What {@link findPersonnummer} found. */
export interface PersonnummerMatch {
  /** The characters as written, separators included. Never put this in a message or a log. */
  match: string;
  /** Where {@link match} starts in the text (UTF-16 index). */
  index: number;
  /** `reservnummer`: a region's reserve identity number (see `reservnummer.ts`). */
  kind: PersonnummerKind | 'reservnummer';
  /**
   * True when the match is a 10-digit number starting with 0 written bare or in a loose grouping
   * (`0701231235`, `070 123-1235`, `0 7 0 1 2 3 1 2 3 5`), which could as well be a phone number. It is refused all the same (privacy wins); tell the user to write phones with
   * spaces, like `070-123 45 67`.
   */
  phoneLike: boolean;
  /**
   * Set when the match is a date of birth with a clock time after a birth word (`född 1995-02-11
   * 00:01`, `f. 2023-02-26 kl 10.09`, `DOB 1995-02-11 14:30`): refused whatever its check digit
   * (see `findPersonnummer`); tell the user to write an age or age group instead.
   */
  birthDate?: true;
}

const MIN_DIGITS = 10;

/**
 * The first Swedish personnummer, samordningsnummer or reservnummer inside `text`, or null: the
 * first by `index` of `findNumber`'s and `findReservnummer`'s (the national reservnummer
 * `22850101-AB12`, never XX 18–21, and Region Stockholm's `99` and ten digits, see `reservnummer.ts`; kind
 * `reservnummer`, never `phoneLike`).
 */
export function findPersonnummer(given: string): PersonnummerMatch | null {
  const number = findNumber(given);
  const reserve = findReservnummer(asWellFormed(given));
  if (reserve === null || (number !== null && number.index <= reserve.index)) return number;
  return { ...reserve, kind: 'reservnummer', phoneLike: false };
}

/**
 * The first Swedish personnummer or samordningsnummer inside `text`, or null.
 *
 * Finds YYMMDD-NNNN, YYMMDD+NNNN (aged 100 or more), YYMMDDNNNN, YYYYMMDD-NNNN, YYYYMMDDNNNN,
 * a dashed date part (`YYYY-MM-DD-NNNN`, also with `.`, `/`, `_` or spaces), the year apart in
 * groups of four (`YYYY MMDD NNNN`), any one punctuation mark or symbol or a space before the
 * serial (`YYMMDD NNNN`, `YYMMDD - NNNN`, `YYYYMMDD_NNNN`, `850101;1236`, `850101#1236`,
 * `850101'1236`, `850101→1236`) or a run of up to eleven such marks (`850101)(-[1236`,
 * `850101 - - - - 1236`), the serial in pairs (`850101-12 36`, `850101-12-36`), also after any
 * mark (`96-05-04 (59:89`, `85 01 01, 12 36`; see `personnummer-paired.ts`), every digit apart
 * (`8 5 0 1 0 1 - 1 2 3 6`), the serial's pairs split by a dot or colon after a compact date part
 * and a mark or space (`850101-12.36`, `850101 12:36`), the date part cut in two before any
 * mark or one letter (`8501 01-1236`, `8501 01.1236`, `8501 01O1236`) or by a line break, or cut by
 * a dash itself (`8501-011236`, `8501-01.1236`), and a part so cut with one or two words before
 * the serial (`8501 01 nr 1236`, `8501-01 nr 12-36`),
 * ten or twelve digits in groups of two or more split by single spaces, or in three groups or
 * more by one repeated dash, dot or slash, the first digit not 0 when ten (`8501 01 1236`,
 * `850 101 1236`, `8501 011236`, `85 01 01 12 36`, `1985 0101 12 36`, `85-01-01-12-36`,
 * `85.01.01.12.36`; see `CANDIDATE_GROUPED`), whole fields with mixed marks between them
(`19 85 - 01 - 01 - 12 - 36`, `85 01 01 - 12 36`; see `personnummer-mixed.ts`), or one or two words between date and serial
 * (`850101x1236`, `850101 nr 1236`, `19850101 nr 1236`, `850101-nr-1236`, `850101 nr 12-36`,
 * also after one letter or a label glued before the date part, `P850101x1236`, `pnr850101x1236`,
 * `850101 personnummer 1236`, `850101 p nr 1236`, `850101 nr.12.36`; after a date with its
 * century written as a date only words that name the number, `1985-03-17 nr 1665`, `1985-03-17
 * p-nr: 16-65`, see `number-labels.ts`; see `CANDIDATE_WORDED` in `personnummer-shapes.ts`), a `#`
 * before the serial (`1985-03-17 # 1665`, `85-03-17 #16.65`), the number in a spreadsheet's thousands groups (`8 501 011 236`,
 * `8,501,011,236`, `198.501.011.236`), the dash form with digits glued after the serial
 * (`850101-1236850101`: six or more, so no date range `230101-231231` reads so) or before the
 * date part (`0701234567850101-1236`, `3300850101-1236`: four or more), with a real date (leap years included;
 * day + 60 for samordningsnummer) and a valid Luhn check digit. Digits of any script (fullwidth,
 * Arabic-Indic …), every kind of space, line break, dash, tilde and single horizontal stroke (`ー`,
 * `一`, `ˉ`), invisible characters (zero-width space and joiner, BOM, soft hyphen), and `O`, `o`,
 * `l`, `I`, `S`, `B` between digits (`85O1O1-1236`), and on a second reading beside one
 * (`B50101-1236`, `85010l-l236`) or, where a separator goes, as a letter (`850101O1236`), are read
 * as what they look like
 * (`normalize-digits.ts` and `normalize-digits-classes.ts` say why and at what measured cost);
 * `\` and `|` are read as `/`, `_` as `-` (`1941.06.12_51:09`), a run of one separator as one (`850101..1236`, `850101||1236`,
 * `850101…1236`).
 *
 * Allowed by decision, each the shape of ordinary text: a date in ISO form followed by another
 * mark than `-+./_:,#` or by a space (`2026-05-12;1430`, a row of a Swedish CSV file;
 * `2026-05-12 (1430)`, a note; `2026-05-12 1430`, a time); a space elsewhere in the serial
 * (`230512 1 500 kr`, a date and an amount); ten digits in groups split by spaces (or one
 * repeated dash, dot or slash) whose first is 0 (`0701 23 4567`: a phone); a date written with separators, `kl` (`kl.`, `klockan`) and a clock time
 * (`26-05-12 kl 1430`: a date and a time, see `judgeWorded`; `850101 kl 1236` is refused); a
 * ten-digit date part cut by a dash whose first digit is 0 (`0701-011236`: Swedish phone numbers
 * put a dash after an area code starting with 0); two periods YYYYMM-YYYYMM; after a date written
 * with separators and a space (or a spaced dash) a clock time (`12.05.26 14.30`, `2026-05-12 14:30`,
 * `2026-03-12 – 14:30`; `85-03-17 16:65` is no time and is judged) or whole hours (`2026-05-12 13-15`, a night shift `2026-05-12 22-06`; `85-03-17 16-65` is judged,
 * and so are pairs split by a dot that are no time, `56.09.03 54.63`; see `date-then-time.ts`); a date, a range dash and a month and
 * day (`2025-01-01 – 08-01`, `2025-01-01–08-01`, see `short-date-range.ts`; one hyphen,
 * `1985-01-01-12-10`, is judged); a time directly after eight digits (`85010112.36`, an amount).
 * None of these after words that name the number or a birth (`Pnr: 1995.02.11 06-05`, `född
 * 39-11-05 - 07-00`, `pnr 0501 01 1233`, `Personal identity number: 950211 0001`, `SSN …`; see
 * `namedBefore` in `number-labels.ts`), nor in a text where a word or a label of several words
 * names the number anywhere (`Person-nr för Anna 1995-02-11 00:01`; see `namedInText`). By
 * decision, a date of birth with a clock time right after a birth word (`född 1995-02-11 00:01`,
 * `f. 2023-02-26 kl 10.09`, `born 1995-02-11 14.30`; split by `:`, `.`, a space or nothing, after a
 * space, `kl`, a comma or a bracket) is
 * refused whatever its check digit, with `birthDate` set: a plan has no use for a birth time, a
 * birth date and time single out a person on their own, and judged by the check digit one in ten
 * was refused, which no one could foresee. Hours or a range after it (`född 2020-01-01 – 06-30`)
 * are judged as after any label. Phone numbers written
 * with spaces or area-code dashes, dates and date ranges, amounts, postal codes, kommun codes,
 * organisationsnummer (month 20 or more), timestamps and longer digit runs do not match.
 *
 * `text` is judged as stored: a lone UTF-16 surrogate counts as the U+FFFD every store and peer
 * turns it into (`850101\ud8001236` is refused as `850101\ufffd1236` is; `match` then holds the
 * U+FFFD, `index` and the length hold in `text`), see {@link asWellFormed}.
 *
 * Linear in the length of `text`; texts with fewer than ten digits (counted as normalised, so
 * `⑫⑫⑫⑫⑫` has ten) return after one quick pass, or two when they hold seven and a month's name:
 * a date of birth written with the month's name holds as few as seven (`8 dec 81-9876`, the name
 * standing for two digits and the day's leading zero left out), and only those shapes are read.
 *
 * @example
 * findPersonnummer('Ring Anna, 19121212-1212'); // { match: '19121212-1212', index: 11, kind: 'personnummer', phoneLike: false }
 * findPersonnummer('Ring 070-123 45 67'); // null
 */
function findNumber(given: string): PersonnummerMatch | null {
  // Judged as stored: a lone surrogate becomes U+FFFD in every store and peer (same length, same indices).
  const text = asWellFormed(given);
  if (text.length < MIN_DIGITS && !severalAhead(text)) return null;
  const normal = normalizeForDigits(text, MIN_DIGITS);
  if (normal === null) return monthNamedShort(text);
  const found = findWritten(text, normal) ?? underscoresAsSpaces(text);
  if (found !== null) return found;
  // Read again in the order the text is shown, when that differs from the stored order: under a
  // right-to-left override, and with right-to-left letters or marks (see `bidi-override.ts`).
  const overridden = text.includes(RLO) ? findShown(text, displayOrder(text)) : null;
  return overridden ?? findShown(text, rtlRunsOrder(text));
}

/** A month's name, Swedish or English, as {@link MONTH_NAMED_SHAPES} read it: what a text of fewer than ten digits needs to hold one. */
const MONTH_WORD = new RegExp(MONTH_PREFIXES.join('|'), 'i');

/**
 * The first number in `text`, which holds fewer than ten digits, written with the month's name
 * (`8 dec 1981-9876`, `18 dec 81-9876`: the name stands for two digits, a day's leading zero is
 * left out; see `personnummer-month-named.ts`), or null: only those shapes are read, and only
 * when the text holds {@link MONTH_NAMED_DIGITS} digits and a month's name.
 */
function monthNamedShort(text: string): PersonnummerMatch | null {
  const normal = normalizeForDigits(text, MONTH_NAMED_DIGITS);
  if (normal === null || !MONTH_WORD.test(normal.text)) return null;
  return findWritten(text, normal, MONTH_NAMED_SHAPES, MONTH_NAMED_DIGITS);
}

/**
 * The first number in `text` read with each `_` as a space, or null (also when `text` has none).
 * The normal form reads `_` as the dash it often stands for (`1941.06.12_51:09`), which makes
 * `1981_07_03 9128` an ISO date and a note — a reading let through for `2026-05-12 1430`. Read as
 * spaces the same digits are groups (`1981 07 03 9128`), which that allowance does not cover, so a
 * text with `_` must pass both readings. Same length, so `index` and `match` hold for `text`.
 */
function underscoresAsSpaces(text: string): PersonnummerMatch | null {
  if (!text.includes('_')) return null;
  const spaced = text.replace(/_/g, ' ');
  const normal = normalizeForDigits(spaced, MIN_DIGITS);
  const m = normal === null ? null : findWritten(spaced, normal);
  return m === null ? null : { ...m, match: text.slice(m.index, m.index + m.match.length) };
}

/**
 * The first number in `text` read in the display `order` (indices of `text`, see
 * `bidi-override.ts`: `"\u202E6321-101058"` shows `850101-1236`), or null. `match` is the
 * stored text from the first to the last character of the number as shown, `index` where that
 * starts in `text`.
 */
function findShown(text: string, order: readonly number[] | null): PersonnummerMatch | null {
  if (order === null) return null;
  let shown = '';
  for (const i of order) shown += text.charAt(i);
  const normal = normalizeForDigits(asWellFormed(shown), MIN_DIGITS);
  const m = normal === null ? null : findWritten(asWellFormed(shown), normal);
  if (m === null) return null;
  const at = order.slice(m.index, m.index + m.match.length);
  const start = Math.min(...at);
  const end = Math.max(...at) + 1;
  return { ...m, match: text.slice(start, end), index: start };
}

/**
 * The first number in `text` as stored (`normal` its normal form), whichever reading of look-alike
 * letters finds it: of `shapes`, in a text of `minDigits` digits or more.
 */
function findWritten(text: string, normal: NormalizedDigits, shapes = SHAPES, minDigits = MIN_DIGITS): PersonnummerMatch | null {
  let found = firstIn(text, normal, shapes);
  if (!normal.beside) return found;
  // A look-alike letter beside a digit: read again with those at a number's edge as digits
  // (`B50101-1236`, `85010l-l236`), and once more with those where a separator may go as letters
  // (`850101O1236`). Both are read: a letter inside the date part followed by a pair stands where
  // a separator could go too (`850I0I-1236`: the first `I` before `01-`), and read as a letter
  // it hid the number the edge reading holds. The first match of any reading is the first number.
  const edges = normalizeForDigits(text, minDigits, true);
  if (edges === null) return found;
  const second = lettersAsSeparators(edges);
  for (const reading of second.text === edges.text ? [edges] : [edges, second]) {
    if (reading.text === normal.text) continue;
    const other = firstIn(text, reading, shapes);
    if (other !== null && (found === null || other.index < found.index)) found = other;
  }
  return found;
}

/** The four (or two) digits before a non-digit from `i` on: the serial's length, or its first pair's. */
const SERIAL_AFTER = /^\d\d(?:\d\d)?(?!\d)/;

/**
 * `normal` with each digit read from a look-alike letter that stands where a separator goes, a
 * digit before it and four digits (or a pair) after, read as a letter again (`x`, so that the
 * shape with a word between date part and serial reads it: `850101O1236`, `85O1O1O1236`). The
 * way back to the original is kept; `normal` itself when no digit stands so.
 */
function lettersAsSeparators(normal: NormalizedDigits): NormalizedDigits {
  const { text, lookAlikes } = normal;
  let out: string | null = null;
  for (const at of lookAlikes) {
    if (!/\d/.test(text.charAt(at - 1)) || !SERIAL_AFTER.test(text.slice(at + 1, at + 6))) continue;
    out = (out ?? text).slice(0, at) + 'x' + (out ?? text).slice(at + 1);
  }
  return out === null ? normal : { ...normal, text: out };
}

/**
 * The first match of `shapes` ({@link SHAPES}) in the normalised text `normal` of `text`, or null;
 * a samordningsnummer read year first whose date, read day first, has a day of the calendar is
 * named a personnummer (`18.12.81-9876`: {@link calendarDayFirst}).
 */
function firstIn(text: string, normal: NormalizedDigits, shapes = SHAPES): PersonnummerMatch | null {
  const { text: norm } = normal;
  // Read once per text, not per match: a long text of many matches stays linear.
  const namedAnywhere = namedInText(norm);
  let first: { m: RegExpExecArray; verdict: Omit<PersonnummerMatch, 'match' | 'index'> } | null = null;
  for (const [pattern, verdictOf] of shapes) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(norm); m !== null; m = pattern.exec(norm)) {
      if (first !== null && m.index >= first.m.index) break;
      const shaped = shortDateRange(text, normal, m.index, m.index + m[0].length) ? null : verdictOf(m, text, normal, namedAnywhere);
      const verdict = shaped === null ? namedDigits(m, norm, namedAnywhere) : birthMarked(shaped, m, norm);
      if (verdict === null) {
        // Matches may overlap (a century form that fails, then its own 10-digit tail is not tried
        // because a digit precedes it), so step one character on rather than past the match.
        pattern.lastIndex = m.index + 1;
        continue;
      }
      first = { m, verdict };
      break;
    }
  }
  if (first === null) return null;
  const [start, end] = originalSpan(text, normal, first.m.index, first.m.index + first.m[0].length);
  const verdict = first.verdict.kind === 'samordningsnummer' && calendarDayFirst(norm, first.m.index) ? { ...first.verdict, kind: 'personnummer' as const } : first.verdict;
  return { match: text.slice(start, end), index: start, ...verdict };
}

/**
 * A date of two-digit fields with a mark or a space between each two (`18.12.81`, `18 12 81`,
 * `18 - 12 - 81`): what a person writes day first too.
 */
const TWO_DIGIT_FIELDS = /^(\d\d)(?: ?[-./] ?| )(\d\d)(?: ?[-./] ?| )(\d\d)(?!\d)/;

/**
 * True when the number at `at` of the normalised text `norm`, read year first as a
 * samordningsnummer, starts with a date of two-digit fields ({@link TWO_DIGIT_FIELDS}) whose day,
 * read day first, is a day of the calendar: the day decides what the number is. `18.12.81-9876`
 * read year first has the day 81, a samordningsnummer's 21 + 60 (SKV 707); read day first the day
 * 18 of a date of birth, 18 December 1981: a personnummer, as the person wrote it. The check digit
 * is the same in either order (year and day trade places two digits by two), so both readings are
 * refused; only the words naming it differ. A date part without marks is read year first as SKV
 * 704 writes it (`181281-9876` is a samordningsnummer), and one whose every reading has its day +
 * 60 stays one (`78.12.81-9873`).
 */
function calendarDayFirst(norm: string, at: number): boolean {
  const fields = TWO_DIGIT_FIELDS.exec(norm.slice(at, at + 13));
  if (fields === null) return false;
  const [, dd = '', mm = '', yy = ''] = fields;
  return dateKind(candidateYears(undefined, Number(yy), ''), mm, dd) === 'personnummer';
}

/**
 * The verdict on the digits of match `m` of the normalised text `norm` when words right before it
 * name an identity number or a birth (`Pnr: 1995.02.11 06-05`, `född 39-11-05 - 07-00`, see
 * `namedBefore`) or a word anywhere in the text names the number (`pnr Anna Ek 1995-02-11 00:01`,
 * `1995-02-11 00:01 (pnr)`, see `namedInText`; `namedAnywhere`, read once per text), else null.
 * The shapes let some spellings pass as the ordinary text they also are (a date and a time,
 * hours, a note, a range's end, a phone's grouping, two periods); so named, they are a number as
 * written, judged by date and Luhn digit alone (`+` before the serial: aged 100 or more); after a
 * birth word a date and a clock time is refused whatever its check digit (see `birthWithTime`).
 * Asked only of a match the shapes let pass.
 */
function namedDigits(m: RegExpExecArray, norm: string, namedAnywhere: boolean): Verdict {
  const named = nameBefore(norm, m.index);
  if (!namedAnywhere && named === null) return null;
  const digits = m[0].replace(/\D/g, '');
  const birth = named === 'birth' ? birthWithTime(m[0], digits) : null;
  return birth ?? judgeDigits(digits, /\+\D*\d\d\D*\d\d$/.test(m[0]) ? '+' : '');
}

/**
 * `verdict` on match `m` of `norm`, which the shapes refuse as written, marked `birthDate` when it
 * is a date of birth with a clock time after a birth word (`Barnet född 23-05-14 1612`): refused
 * either way, the user is told the same as for those refused only so (see `birthWithTime`).
 */
function birthMarked(verdict: NonNullable<Verdict>, m: RegExpExecArray, norm: string): Verdict {
  if (!CLOCK_AT_END.test(m[0]) || nameBefore(norm, m.index) !== 'birth') return verdict;
  return birthWithTime(m[0], m[0].replace(/\D/g, '')) ?? verdict;
}

/**
 * Four digits at the end of a match split as a clock time is (`00:01`, `14.30`, `14 30`, `1430`)
 * and written apart as a time is: after a space (not after a dash, plus or slash and a space), a
 * bracket, `kl`. `1985-01-01 - 1236` and `1985-01-01-1236` are a date part and its serial.
 */
const CLOCK_AT_END = /(?:[^-+/ ] |\()\d\d(?: ?[:.] ?| )?\d\d$/;

/**
 * The verdict on a match `written` (digits `digits`) that the shapes let pass, right after a birth
 * word: a date of birth and a clock time, refused whatever its check digit with `birthDate` set
 * (see `findPersonnummer`), when its date part is a day of the calendar (day + 60 too: a
 * samordningsnummer's date part, SKV 707) and its last four digits a time split as a time is;
 * else null.
 */
function birthWithTime(written: string, digits: string): Verdict {
  if ((digits.length !== 10 && digits.length !== 12) || !CLOCK_AT_END.test(written)) return null;
  const ten = digits.slice(digits.length - 10);
  if (!clockTime(ten.slice(6, 8), ten.slice(8))) return null;
  const kind = dateKind(candidateYears(digits.length === 12 ? digits.slice(0, 2) : undefined, Number(ten.slice(0, 2)), ''), ten.slice(2, 4), ten.slice(4, 6));
  return kind === null ? null : { kind, phoneLike: false, birthDate: true };
}

/** Below this, an integer has fewer than nine digits and cannot be a number (no digit is skipped). */
const NINE_DIGITS = 1e8;

/**
 * The text the guard reads a number as, or null when it cannot hold a personnummer: its decimal
 * form without the sign (`String(Math.abs(n))`) when that has ten digits or more. A number is a
 * spelling too: `198501011236`, and `850101.1236`, which is what a spreadsheet makes of
 * `850101,1236` typed into a number column in Swedish (the decimal comma is the `,` separator the
 * guard reads in a text). A decimal form of nine digits is read with the `0` a spreadsheet drops
 * in front of a number: `0501011233` typed into a cell is the number 501011233 (someone born
 * 2005; Swedish Excel's special format *Personnummer*, `000000-0000`, shows it as
 * `050101-1233`), and `050101,1233` is 50101.1233. Seven or eight digits (born in 2000, two or
 * three zeros dropped) are not read so: a county's population is a number of seven digits, and
 * about one in twenty of those would pass the date and Luhn checks. Integers below 1e8 and
 * non-finite numbers return null at once.
 *
 * @example
 * numberText(850101.1236); // '850101.1236'
 * numberText(501011233); // '0501011233'
 * numberText(42.5); // null
 */
export function numberText(n: number | bigint): string | null {
  if (typeof n === 'bigint') return String(n < 0n ? -n : n);
  const abs = Math.abs(n);
  if (!Number.isFinite(abs) || (abs < NINE_DIGITS && Number.isInteger(abs))) return null;
  const text = String(abs);
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  if (digits >= MIN_DIGITS) return text;
  // One digit short, and not written with an exponent (`1.2e-7`): the leading zero a cell drops.
  return digits === MIN_DIGITS - 1 && /^\d+(?:\.\d+)?$/.test(text) ? `0${text}` : null;
}

/**
 * {@link findPersonnummer} of a cell value of any type: a string as it is, a number as
 * {@link numberText} reads it; null for anything else (booleans, null, objects).
 *
 * @example
 * findPersonnummerInValue(850101.1236)?.kind; // 'personnummer'
 */
export function findPersonnummerInValue(value: unknown): PersonnummerMatch | null {
  if (typeof value === 'string') return findPersonnummer(value);
  if (typeof value !== 'number' && typeof value !== 'bigint') return null;
  const text = numberText(value);
  return text === null ? null : findPersonnummer(text);
}
