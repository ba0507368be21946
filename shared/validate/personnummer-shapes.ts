/**
 * The shapes people write a personnummer or samordningsnummer in, as regular expressions over the
 * normalised text (`normalize-digits.ts`), each with its verdict on a match: a real date (leap
 * years; day + 60 for a samordningsnummer), the Luhn check digit, and the spellings of ordinary
 * text let through by decision. `findPersonnummer` (`personnummer.ts`) runs them in order.
 * Sources: Skatteverket SKV 704 (personnummer) and SKV 707 (samordningsnummer).
 */
import { originalSpan, type NormalizedDigits } from './normalize-digits.js';
import { candidateYears, dateKind, judgeDigits, luhnValid, PERIOD, type PersonnummerKind, type Verdict } from './personnummer-digits.js';
import { CANDIDATE_GROUPED, CANDIDATE_THOUSANDS, judgeGrouped, judgeThousands } from './personnummer-grouped.js';
import { CANDIDATE_MIXED, judgeMixed } from './personnummer-mixed.js';
import { CANDIDATE_PAIRED, judgePaired } from './personnummer-paired.js';
import { CANDIDATE_DAY_FIRST, CANDIDATE_DAY_FIRST_WORDED, judgeDayFirst, judgeDayFirstWorded } from './personnummer-day-first.js';
import { CANDIDATE_MONTH_FIRST, CANDIDATE_MONTH_NAMED, CANDIDATE_YEAR_MONTH_DAY, judgeMonthNamed } from './personnummer-month-named.js';
import { gluedLetters, labelsANumber } from './number-labels.js';
import { monthDay } from './date-then-time.js';

export { luhnValid, type PersonnummerKind, type Verdict };

/**
 * The marks read as a separator between the date part and the serial, as normalised: `-`, `+`,
 * `/`, `.`, `_`, `:`, `,`, and every other ASCII punctuation mark or symbol (`;` `*` `#` `'` `"`
 * `` ` `` `^` `=` `!` `?` `%` `&` `@` `$` `<` `>` and the brackets), which is also what every
 * other punctuation mark or symbol of Unicode becomes (`normalize-digits-classes.ts`). Any one
 * mark a person types between the parts shows the number all the same.
 */
const MARK = String.raw`[-+./_:,;!"#$%&'()*<=>?@[\]^\`{}]`;
const MARK_U = MARK.replace('\\`', '`'); // the same class where the `u` flag refuses the escaped backtick
/**
 * The marks read as a separator after an ISO date too (`1985-01-01-1236`), and `#`, which says
 * *number* (`1985-03-17 #1665`, as `nr` does); the others see {@link judge}.
 */
const PLAIN_MARKS = '-+./_:,#';
/**
 * The four last digits, also with one space or one dash in their middle (`850101-12 36`,
 * `850101-12-36`), the way phone numbers are written in pairs (a dot or colon there, see
 * {@link CANDIDATE_TIMED}). A space elsewhere in them
 * (`1 236`, `123 6`) is not read: that is how amounts are written (`230512 1 500 kr`, a date and
 * a sum). Which date parts may precede a split serial, see {@link judge}.
 */
const SERIAL = String.raw`(\d\d[ -]?\d\d)`;
/**
 * On the normalised text: an optional century, the date as YYMMDD or with one separator
 * repeated (`YY-MM-DD`, `YY.MM.DD`, `YY/MM/DD`, `YY MM DD`, `YY_MM_DD`), an optional separator
 * (a {@link MARK}, a space, or a mark with spaces around it), then the four digits of
 * {@link SERIAL}, with no digit directly before or after: a valid number inside a longer digit
 * run is not a number.
 */
/**
 * What may stand between the date part and the serial in {@link CANDIDATE} and
 * {@link CANDIDATE_SPLIT}: nothing, a space, or a {@link MARK} with spaces around it allowed, or
 * a run of up to eleven marks, a space allowed between them (`850101 - - 1236`, `850101-{1236`,
 * `191212)(1212`, `850101] [1236`, `850101)(-[1236`, `850101 -.-.-.- 1236`): each shows the
 * number all the same. Eleven marks with spaces are 23 characters, within {@link WORDED_GAP}, the
 * reach of the words between the parts, which the raw-byte net bridges after a date part
 * (`raw-scan-chain.ts`); twelve or more are a line of a form. A table row's empty cells or a
 * dotted leader between a date and four digits (`| 2026-02-14 | | | | 5928 |`) is then judged as
 * with one mark: refused about one time in ten (measured, 20 000 seeded; 0 with four marks or
 * more before). The first mark is the one judged (`+`, `#`, the plain marks after a date).
 */
const SEPARATOR = String.raw`(?: ?(${MARK})(?: ?${MARK}){0,10} ?| ?)`;
const CANDIDATE = new RegExp(String.raw`(?<!\d)(\d\d)?(\d\d)([-./ _]?)(\d\d)\3(\d\d)${SEPARATOR}${SERIAL}(?!\d)`, 'g');
/**
 * A number written as SKV 704 prescribes it, the date part as six or eight digits and `-` or `+`
 * before the serial, with more digits glued after the serial (`850101-1236850101`, two numbers
 * written without a space, `850101-12360701234567`, a number and a phone): the serial followed
 * by at least six more digits, so that no date range reads so (`850101-851231`,
 * `20260101-20261231`, `202601-202612`: six or eight digits after the dash) nor a code with a
 * short tail (`850101-12367`). The dash is what makes this a number: a bare run of digits
 * (`8501011236850101`) stays a longer number, as {@link CANDIDATE} reads it.
 */
const CANDIDATE_GLUED = /(?<!\d)(\d\d)?(\d\d)()(\d\d)(\d\d)([-+])(\d{4})(?=\d{6})/g;
/**
 * The same with digits glued before the date part (`0701234567850101-1236`, a phone and a number;
 * `3300850101-1236`, Nordea's clearing number before the number its personkonto is): four digits
 * or more, then the ten digits of the number with `-` or `+` before the serial, and nothing or six
 * digits or more after it; read as ten digits. One to three digits before stay a longer number
 * (`1850101-1236`; two are read as a century by {@link CANDIDATE}: `19850101-1236`, while
 * `12850101-1236` has none). Of random `DDDDDDDDDD-DDDD`, about 0.4 % pass the date and Luhn checks.
 */
const CANDIDATE_GLUED_BEFORE = /(?<=\d{4})(\d{6})([-+])(\d{4})(?=\d{6}|(?!\d))/g;
/**
 * The serial's pairs split by a dot or a colon (`850101-12.36`, `19850101 12:36`, `850101.12.36`):
 * read only after a date part of six or eight digits with nothing between them, how a
 * personnummer begins, and a {@link MARK} or a space (or both) before the serial; by decision, as
 * for `kl` in {@link judgeWorded}. A date written with separators and a time (`12.05.26 14.30`,
 * `2026-05-12 14:30`) does not match, nor an amount (`85010112.36`); a compact date and a time
 * (`260512 14:30`) is refused when its digits pass the date and Luhn checks (one in ten real
 * dates and times, measured), and so is a time with seconds after it (`850101-12:36:00`).
 */
const CANDIDATE_TIMED = new RegExp(String.raw`(?<!\d)(\d\d)?(\d\d)()(\d\d)(\d\d)(?: ?(${MARK}) ?| )(\d\d[.:]\d\d)(?!\d)`, 'g');
/**
 * A `#` (*number*) between the date part and the serial, the serial's pairs split by a dot or
 * colon too, or by a mark with spaces (`85-03-17 # 16.65`, `1985/03/17 #16:65`, `850317 # 16 - 65`):
 * the sign names the number, so no date part and time is read here; unsplit is {@link CANDIDATE}'s.
 */
const CANDIDATE_NUMBERED = /(?<!\d)(\d\d)?(\d\d)([-./ _]?)(\d\d)\3(\d\d) ?(#) ?(\d\d(?: ?[.:-] ?| )\d\d)(?!\d)/g;
/**
 * The same number written in groups of four, the year apart from month and day
 * (`1912 1212 1212`, `1912-1212-1212`): a century is needed, the groups have the same shapes.
 */
const CANDIDATE_SPLIT = new RegExp(String.raw`(?<!\d)(\d\d)(\d\d)([-./ _])(\d\d)(\d\d)${SEPARATOR}${SERIAL}(?!\d)`, 'g');
/**
 * Every digit apart (`8 5 0 1 0 1 - 1 2 3 6`, `1 9 8 5 0 1 0 1 1 2 3 6`, `8-5-0-1-…`): ten or
 * twelve digits with a space, a dash or a plus (spaces around it allowed) between every two of
 * them, and no further digit so spaced before or after. A run of single digits (a list of
 * one-digit scores, say) holds a number only when its digits pass the date and Luhn checks too:
 * about one in 130 of ten random single digits does (measured, 100 000 runs).
 */
const CANDIDATE_SPACED = /(?<!\d ?[-+]? ?)\d(?:(?: ?[-+] ?| )\d){9}(?:(?: ?[-+] ?| )\d(?: ?[-+] ?| )\d)?(?! ?[-+]? ?\d)/g;
/**
 * The date part cut in two at another place than its fields (`8501 01-1236`, `850 101-1236`,
 * `85 0101-1236`, `198501 01-1236`), as a line break or a slip of the space bar leaves it: two
 * groups of six (or, with the century, eight) digits in all, one space between them (a line
 * break reads as a space), then a {@link MARK} or one letter before the four last digits
 * (`8501 01.1236`, `8501 01x1236`; a look-alike letter there, `8501 01O1236`, on the second
 * reading, see `personnummer.ts`). Of random `DDDD DD.DDDD`, `DDD DDD/DDDD` and `DDDD DD` letter
 * `DDDD`, about 0.75 % pass the date and Luhn checks and are refused (0 before; measured,
 * 100 000 each). Swedish phone
 * numbers (`070-123 45 67`, `08-123 456 78`, `0771-23 45 67`) put their dash after the area code
 * and end in groups of two or three, so none has this shape; the cost is phones written the
 * American way, `070 123-4567`, of which one in 130 (random digits) is refused. Without the mark,
 * ten digits starting with 0 (`0501 01 1233`, `0501 011233`) are a phone written with spaces, so
 * they are read only when the cut is a line break (see {@link LINE_BREAK}); a phone cut by one
 * (`0701⏎234567`) is then refused about one time in 130 too. Other digits so written
 * (`8501 01 1236`) are no phone: {@link CANDIDATE_GROUPED} reads them.
 */
const CANDIDATE_REGROUPED = new RegExp(String.raw`(?<!\d ?[-+./]? ?)(\d{1,7}) (\d{1,7})( ?(?:${MARK_U}|\p{L}) ?| ?)(\d{4})(?!\d|[-./]\d)`, 'gu');
/**
 * The date part cut by a dash at another place than its fields (`8501-011236`, `85-01011236`,
 * `198501-011236`, `8501-01-1236`, `8501 - 011236`), or by a dot, slash or underscore, the
 * other separators of a date (`85.0101-1236`, `8501/01-1236`, `8501_01-1236`; random
 * `DDDD.DD-DDDD`: about 0.7 % refused, 0 before, measured): two groups of six (or, with the
 * century, eight) digits in all, that mark between them (spaces around it allowed), and the four last digits
 * directly after or after a {@link MARK} or one letter (`8501-01.1236`, `8501-01O1236`; random
 * `DDDD-DD.DDDD` and `DDDD-DD` letter `DDDD`: about 0.65 % refused, 0 before, measured).
 * Swedish phone numbers put a dash after the area code, which starts with 0 (`08-`, `0771-`,
 * `070-1234567`, `0501-123456`: 2 to 4 digits, then 5 to 8), so a ten-digit cut whose first
 * digit is 0 is read as a phone and passes (a number of someone born 2000–2009, or 1900–1909,
 * written so passes with it); one whose first digit is another is no phone in Swedish writing, nor
 * in international writing, which starts with `+` or `00` (a `+` before is not read). Twelve
 * digits are no phone number at all, but `202601-202612`, two periods of the form YYYYMM, is a
 * period range and passes.
 */
const CANDIDATE_CUT = new RegExp(String.raw`(?<![\d+] ?[-+./]? ?)(\d{1,7}) ?[-./_] ?(\d{1,7})((?:${MARK_U}|\p{L})?)(\d{4})(?!\d|[-./]\d)`, 'gu');
/**
 * One word of {@link CANDIDATE_WORDED}: one to 17 letters of any script (`samordningsnummer` has
 * 17), with a dash or dot inside it allowed once (`p-nr`, `pers.nr`, `p.nr`).
 */
const WORD = String.raw`\p{L}{1,17}(?:[-.]\p{L}{1,17})?`;
/**
 * One or two words between the date part and the serial (`850101x1236`, `850101 nr 1236`,
 * `19850101 nr: 1236`, `850101 personnummer 1236`, `850101 p nr 1236`): each a {@link WORD};
 * before the first a space, a {@link MARK} or both (`850101-nr-1236`, `850101, nr 1236`,
 * `850101 (nr) 1236`); between two a space or up to two marks, spaces allowed around them
 * (`p. nr`, `pers. nr.`); after the last up to two marks, a space allowed on either side (`nr.`,
 * `pnr:`, `nr.:`, `nr -`); the date part as {@link CANDIDATE} reads it, the serial as
 * {@link SERIAL}, with a dot or colon between its pairs, or a dash or colon with spaces
 * (`850101 nr 12-36`, `850101 nr.12.36`, `1985-03-17 nr 16 - 65`). To keep
 * identifiers out (hex hashes, base62 ids, `a850101b1236c`), no digit may stand directly after the
 * serial, nor a letter where the whole is glued together and nothing names the number
 * ({@link letterAfterPasses}: `850101 nr 1236st` and `pnr 850101x1236x` are numbers), no digit
 * directly before the date part, and of letters glued before it only
 * one or a label of the number (`P850101x1236`, `pnr850101x1236`; `gluedLetters` of
 * `number-labels.ts`: `SKU850101x1236` and `3a850101b1236` are a code's). Ids the product draws are
 * drawn again when the guard reads a number in them (`unflaggedId`, `shared/doc/ids.ts`). At most
 * {@link WORDED_GAP} characters between date part and serial; the raw-byte net (`raw-scan.ts`)
 * bridges that gap after a date part.
 */
const CANDIDATE_WORDED = new RegExp(
  String.raw`(?<!\p{N})(\d\d)?(\d\d)([-./ _]?)(\d\d)\3(\d\d)(?: ?${MARK_U})? ?${WORD}(?:(?: ?${MARK_U}{1,2} ?| )${WORD})?(?: ?(${MARK_U}{1,2}))? ?(\d\d(?: ?[.:-] ?| )?\d\d)(?!\p{N})`,
  'gu',
);
/**
 * A date part cut at another place than its fields, as {@link CANDIDATE_REGROUPED} (one space) and
 * {@link CANDIDATE_CUT} (a dash, dot, slash or underscore, spaces allowed around it) read it,
 * then one or two words before the serial, as {@link CANDIDATE_WORDED} reads them between a date
 * part and its serial, the serial as it reads it (`8501 01 nr 1236`, `8501-01 nr 12-36`,
 * `198501 01 personnummer 1236`, `8501 01, nr: 1236`). The words do what a mark or one letter
 * does after a cut date part (`8501 01 1236` is {@link CANDIDATE_GROUPED}'s); the shape's other decisions are those of the two cuts: a ten-digit date part cut by a
 * dash (or another mark) whose first digit is 0 is a phone's area code, two periods YYYYMM pass,
 * and `kl` is judged as any word (the cut part is no date people write). Of letters glued before
 * the date part only one or a label (`P8501-01 nr 1236`; see {@link CANDIDATE_WORDED}), none after
 * the serial (identifiers); at most {@link WORDED_GAP} characters between date part and serial.
 */
const CANDIDATE_CUT_WORDED = new RegExp(
  String.raw`(?<![\d+] ?[-+./]? ?)(\d{1,7})( ?[-./_] ?| )(\d{1,7})((?: ?${MARK_U})? ?${WORD}(?:(?: ?${MARK_U}{1,2} ?| )${WORD})?(?: ?${MARK_U}{1,2})? ?)(\d\d(?: ?[.:-] ?| )?\d\d)(?!\p{N})`,
  'gu',
);
/**
 * The most characters (as normalised) {@link CANDIDATE_WORDED} reads between the date part and
 * the serial: ` - samordningsnummer: ` has 22. More is no label of one number but a sentence.
 */
export const WORDED_GAP = 24;
/** Words that say a clock time follows: `kl`, `kl.` and `klockan` (lower case). */
const CLOCK_WORDS = new Set(['kl', 'klockan']);
/** Line breaks (LF, VT, FF, CR, NEL, LINE and PARAGRAPH SEPARATOR), which normalise to a space. */
const LINE_BREAK = /[\n\v\f\r\u0085\u2028\u2029]/;
/** Separators that make a date people write (`2026-05-12`), which a time may follow. */
const DATE_SEPARATORS = '-./';
/**
 * A fraction like `0,8501011236` or `3.8501011236` is a decimal, not an identity number: one
 * mark written directly before the digits (a run, `0..8501011236`, is a separator; see
 * {@link writtenAlone}).
 */
const DECIMAL_BEFORE = /\d[.,]$/;
/** `+`, before a country code. */
const PLUS = 43;
/** The four digits start another dashed date (`2026-01-01-2026-06-30`): a period, not a number. */
const DATE_AFTER = /^[-./]\d\d?[-./]\d/;

/**
 * True when the unit `i` of the normalised text was one character of the original directly
 * followed by what unit `i + 1` came from: not a run that collapsed (`..`), nor a mark with
 * invisible characters after it.
 */
function writtenAlone(normal: NormalizedDigits, i: number): boolean {
  if (normal.origin === null) return true;
  return (normal.origin[i + 1] ?? 0) - (normal.origin[i] ?? 0) === 1;
}

/**
 * The verdict on one regex match of {@link CANDIDATE} in the normalised text `normal`; `split`
 * when the date part is `CANDIDATE_SPLIT`'s groups of four, no ISO date to read a note after;
 * `labelled` when words that name the number stand between date part and serial (`nr`, `pnr`,
 * see `number-labels.ts` and {@link judgeWorded}). A `#` before the serial labels it too.
 */
function judge(m: RegExpExecArray, normal: NormalizedDigits, split: boolean, labelled = false): Verdict {
  const norm = normal.text;
  const [whole, century, yy = '', dateSep = '', mm = '', dd = '', mark = '', spacedSerial = ''] = m;
  const end = m.index + whole.length;
  const serial = spacedSerial.replace(/[ .:-]/g, '');
  // A space inside the serial only after a date part written without spaces, a dash inside it
  // only after a date part written without separators (`850101-12-36`, `19850101-12-36`) or
  // after a dashed date with its century (`1985-01-01-12-36`): ten digits in pairs
  // (`12 12 12 12 12`, `12-12-12-12-12`) are CANDIDATE_GROUPED's to judge. After a label
  // (`85-03-17 nr 16-65`, `85-03-17 # 16.65`) the four digits are the serial however split.
  const named = labelled || mark === '#';
  if (serial !== spacedSerial && dateSep === ' ' && !named) return null;
  if (/[-.:]/.test(spacedSerial) && dateSep !== '' && century === undefined && !named) return null;
  const compact = dateSep === '' && whole.length === (century ? 12 : 10);
  if (compact && DECIMAL_BEFORE.test(norm.slice(Math.max(0, m.index - 2), m.index)) && writtenAlone(normal, m.index - 1)) return null;
  // `2026-05-12 1430` is a date and a time or an amount: a dashed date with its century needs one
  // of the plain marks before the serial. The others after such a date start another field or a
  // note (`2026-05-12;1430`, a row of a Swedish CSV file; `2026-05-12 (1430)`); `#` says *number*.
  // Two-digit years (`12-12-12 1212`) and the grouped spellings do not.
  // A samordningsnummer's day (+ 60, SKV 707) is no day of the calendar: no date a note follows (`1999-12-84 (7010`).
  const dashedDate = DATE_SEPARATORS.includes(dateSep) && dateSep !== '' && century !== undefined && !split && !labelled && monthDay(mm, dd);
  const dateEnd = m.index + (century?.length ?? 0) + 6 + 2 * dateSep.length;
  // A serial glued to a date part written with marks and split in its middle is a day-first
  // date's year going on, then an hour (`17.05.2028 00:22` read as `17.05.20` and `28 00`): no
  // spelling of a number, one real date and time in ten was refused so.
  if (dateSep !== '' && serial !== spacedSerial && isDigit(norm.charCodeAt(dateEnd))) return null;
  if (dashedDate && (mark === '' ? norm.charCodeAt(dateEnd) === 32 : !PLAIN_MARKS.includes(mark))) return null;
  if (DATE_AFTER.test(norm.slice(end, end + 5))) return null;
  // `+46 10 180848`: a phone in international writing, the country code where the year would be.
  if (dateSep === ' ' && century === undefined && norm.charCodeAt(m.index - 1) === PLUS) return null;
  const kind = dateKind(candidateYears(century, Number(yy), mark), mm, dd);
  if (kind === null || !luhnValid(yy + mm + dd + serial)) return null;
  return { kind, phoneLike: compact && century === undefined && yy.startsWith('0') };
}

/**
 * The verdict on one match of {@link CANDIDATE_WORDED}: as {@link judge}, except that a word
 * after a dashed date with its century (`2026-05-12 kl 1430`) is a note, as a space there is,
 * unless every word is a label of the number (`1985-03-17 nr 1665`, `1985-03-17 p-nr: 1665`; see
 * `number-labels.ts`), and
 * that a date written with separators, the one word `kl`, `kl.` or `klockan` and a clock time
 * 00:00–23:59 is a date and a time (`26-05-12 kl 1430`, `85.01.01 kl. 12-36`): plans are full of
 * meetings given so. A date written as six or eight digits with nothing between them is how a
 * personnummer begins and not how people write a meeting's date, so `850101 kl 1236` is judged
 * as any other word between date and serial (a real date and a Luhn digit refuse it): otherwise
 * about one valid number in seven could be written past the guard as "date kl serial".
 */
function judgeWorded(m: RegExpExecArray, normal: NormalizedDigits, namedAnywhere: boolean): Verdict {
  const [whole, century, yy = '', dateSep = '', mm = '', dd = '', , spacedSerial = ''] = m;
  const dateLength = (century?.length ?? 0) + yy.length + mm.length + dd.length + 2 * dateSep.length;
  const gap = whole.length - dateLength - spacedSerial.length;
  if (gap > WORDED_GAP || !gluedLetters(normal.text, m.index)) return null;
  const words = normal.text.slice(m.index + dateLength, m.index + dateLength + gap).match(/\p{L}+/gu) ?? [];
  const labelled = labelsANumber(words);
  if (letterAfterPasses(normal.text, m, labelled || namedAnywhere)) return null;
  // A samordningsnummer's day (+ 60) is no date a note or a meeting's time follows (see `judge`).
  const asDate = monthDay(mm, dd);
  if (asDate && century !== undefined && DATE_SEPARATORS.includes(dateSep) && dateSep !== '' && !labelled) return null;
  if (asDate && dateSep !== '' && words.length === 1 && CLOCK_WORDS.has((words[0] as string).toLowerCase()) && isClockTime(spacedSerial.replace(/[ .:-]/g, ''))) return null;
  return judge(m, normal, false, labelled);
}

/**
 * True when a letter stands directly after the serial of the worded match `m` in the normalised
 * text `norm` and the match reads as an identifier's: written all together (no space between the
 * date part and the serial, `850101x1236c`, `a850101b1236c`) and no word names the number
 * (`named`: between the parts or anywhere in the text). Words set apart (`850101 nr 1236st`,
 * `Anna 850101 x 1236x`) or a label (`pnr 850101x1236x`, `Personnummer: 19121212 nr 1212a`) make it
 * a number with a letter after it, judged as any.
 */
function letterAfterPasses(norm: string, m: RegExpExecArray, named: boolean): boolean {
  const after = norm.codePointAt(m.index + m[0].length);
  if (after === undefined || !/\p{L}/u.test(String.fromCodePoint(after))) return false;
  return !named && !m[0].includes(' ');
}

/** True when the UTF-16 unit `c` is an ASCII digit. */
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** True when four digits `HHMM` are a time of day, 00:00–23:59. */
function isClockTime(hhmm: string): boolean {
  return Number(hhmm.slice(0, 2)) <= 23 && Number(hhmm.slice(2)) <= 59;
}

/** The verdict on one match of {@link CANDIDATE_SPACED}: its digits, the mark before the last four. */
function judgeSpaced(m: RegExpExecArray): Verdict {
  const gaps = m[0].split(/\d/);
  const digits = m[0].replace(/\D/g, '');
  return judgeDigits(digits, (gaps[digits.length - 4] ?? '').trim());
}

/**
 * The verdict on one match of {@link CANDIDATE_REGROUPED}: two groups making six or eight digits,
 * and a dash or plus before the serial unless the space between the groups is a line break in
 * `text` (the original, which `normal` is the normalised form of).
 */
function judgeRegrouped(m: RegExpExecArray, text: string, normal: NormalizedDigits): Verdict {
  const [, head = '', tail = '', gap = '', serial = ''] = m;
  const date = head.length + tail.length;
  if (date !== 6 && date !== 8) return null;
  const mark = gap.trim();
  if (mark === '') {
    // Everything written between the groups' digits: `8501 \n01`, a space and a line break, is one space.
    const cut = m.index + head.length;
    const from = originalSpan(text, normal, cut - 1, cut)[1];
    const to = originalSpan(text, normal, cut + 1, cut + 2)[0];
    if (!LINE_BREAK.test(text.slice(from, to))) return null;
  }
  return judgeDigits(head + tail + serial, mark);
}

/** The verdict on one match of {@link CANDIDATE_CUT}: six or eight digits cut once, no phone, no period range. */
function judgeCut(m: RegExpExecArray): Verdict {
  const [, head = '', tail = '', mark = '', serial = ''] = m;
  const date = head.length + tail.length;
  if (date === 6 && head.startsWith('0')) return null;
  if (date !== 6 && (date !== 8 || (PERIOD.test(head) && PERIOD.test(tail + serial)))) return null;
  return judgeDigits(head + tail + serial, mark);
}

/**
 * The verdict on one match of {@link CANDIDATE_CUT_WORDED} in the normalised text `norm`: as
 * {@link judgeCut}, words in place of the mark, and the letters glued before as `gluedLetters` reads them.
 */
function judgeCutWorded(m: RegExpExecArray, norm: string, namedAnywhere: boolean): Verdict {
  const [, head = '', cut = '', tail = '', words = '', spacedSerial = ''] = m;
  if (words.length > WORDED_GAP || !gluedLetters(norm, m.index)) return null;
  if (letterAfterPasses(norm, m, namedAnywhere || labelsANumber(words.match(/\p{L}+/gu) ?? []))) return null;
  const serial = spacedSerial.replace(/[ .:-]/g, '');
  const date = head.length + tail.length;
  if (cut.trim() !== '' && date === 6 && head.startsWith('0')) return null;
  if (date !== 6 && (date !== 8 || (PERIOD.test(head) && PERIOD.test(tail + serial)))) return null;
  return judgeDigits(head + tail + serial, '');
}

/**
 * The shapes of a date of birth written with the month's name (`personnummer-month-named.ts`): the
 * only ones read in a text of fewer than ten digits, down to `MONTH_NAMED_DIGITS`.
 */
export const MONTH_NAMED_SHAPES: ReadonlyArray<[RegExp, (m: RegExpExecArray, text: string, normal: NormalizedDigits, namedAnywhere: boolean) => Verdict]> = [
  [CANDIDATE_MONTH_NAMED, (m, _, normal, named) => judgeMonthNamed(m, normal.text, named)],
  [CANDIDATE_MONTH_FIRST, (m, _, normal, named) => judgeMonthNamed(m, normal.text, named)],
  [CANDIDATE_YEAR_MONTH_DAY, (m, _, normal, named) => judgeMonthNamed(m, normal.text, named)],
];

/**
 * The shapes read, in order, each with its verdict on a match (`namedAnywhere`: whether a word in
 * the text names the number, `namedInText` of `number-labels.ts`, read once per text).
 */
export const SHAPES: ReadonlyArray<[RegExp, (m: RegExpExecArray, text: string, normal: NormalizedDigits, namedAnywhere: boolean) => Verdict]> = [
  [CANDIDATE, (m, _, normal) => judge(m, normal, false)],
  [CANDIDATE_SPLIT, (m, _, normal) => judge(m, normal, true)],
  [CANDIDATE_GLUED, (m, _, normal) => judge(m, normal, false)],
  [CANDIDATE_GLUED_BEFORE, (m) => judgeDigits(`${m[1] ?? ''}${m[3] ?? ''}`, m[2] ?? '')],
  [CANDIDATE_TIMED, (m, _, normal) => judge(m, normal, false)],
  [CANDIDATE_NUMBERED, (m, _, normal) => judge(m, normal, false, true)],
  [CANDIDATE_SPACED, judgeSpaced],
  [CANDIDATE_REGROUPED, judgeRegrouped],
  [CANDIDATE_GROUPED, judgeGrouped],
  [CANDIDATE_MIXED, judgeMixed],
  [CANDIDATE_PAIRED, judgePaired],
  [CANDIDATE_DAY_FIRST, (m, _, normal, named) => judgeDayFirst(m, normal.text, named)],
  ...MONTH_NAMED_SHAPES,
  [CANDIDATE_CUT, judgeCut],
  [CANDIDATE_THOUSANDS, judgeThousands],
  [CANDIDATE_WORDED, (m, _, normal, named) => judgeWorded(m, normal, named)],
  [CANDIDATE_CUT_WORDED, (m, _, normal, named) => judgeCutWorded(m, normal.text, named)],
  // After the year-first readings: `85-01-01 nr 1236` is read year first, as CANDIDATE_WORDED does.
  [CANDIDATE_DAY_FIRST_WORDED, (m, _, normal) => judgeDayFirstWorded(m, normal.text)],
];
