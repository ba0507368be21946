/**
 * The personal-identity-number guard. Patient identities must never reach storage, so every
 * string written to a document passes through {@link findPersonnummer}. It looks for Swedish
 * personnummer and samordningsnummer (Skatteverket SKV 704 and 707) anywhere in a text, in any
 * spelling: the text is first normalised (`normalize-digits.ts`: digits of any script, every
 * space, dash and invisible character), then matched against the shapes people write.
 */
import { normalizeForDigits, originalSpan, severalAhead, type NormalizedDigits } from './normalize-digits.js';

/** What {@link findPersonnummer} found. */
export interface PersonnummerMatch {
  /** The characters as written, separators included. Never put this in a message or a log. */
  match: string;
  /** Where {@link match} starts in the text (UTF-16 index). */
  index: number;
  kind: 'personnummer' | 'samordningsnummer';
  /**
   * True when the match is a 10-digit number starting with 0 written bare or in a loose grouping
   * (`0701231235`, `070 123-1235`, `0 7 0 1 2 3 1 2 3 5`), which could as well be a phone number. It is refused all the same (privacy wins); tell the user to write phones with
   * spaces, like `070-123 45 67`.
   */
  phoneLike: boolean;
}

const MIN_DIGITS = 10;
/**
 * The marks read as a separator between the date part and the serial, as normalised: `-`, `+`,
 * `/`, `.`, `_`, `:`, `,`, and every other ASCII punctuation mark or symbol (`;` `*` `#` `'` `"`
 * `` ` `` `^` `=` `!` `?` `%` `&` `@` `$` `<` `>` and the brackets), which is also what every
 * other punctuation mark or symbol of Unicode becomes (`normalize-digits-classes.ts`). Any one
 * mark a person types between the parts shows the number all the same.
 */
const MARK = String.raw`[-+./_:,;!"#$%&'()*<=>?@[\]^\`{}]`;
/** The marks read as a separator after an ISO date too (`1985-01-01-1236`); the others see {@link judge}. */
const PLAIN_MARKS = '-+./_:,';
/**
 * The four last digits, also with one space or one dash in their middle (`850101-12 36`,
 * `850101-12-36`), the way phone numbers are written in pairs. A space elsewhere in them
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
const CANDIDATE = new RegExp(String.raw`(?<!\d)(\d\d)?(\d\d)([-./ _]?)(\d\d)\3(\d\d)(?: ?(${MARK}) ?| ?)${SERIAL}(?!\d)`, 'g');
/**
 * The same number written in groups of four, the year apart from month and day
 * (`1912 1212 1212`, `1912-1212-1212`): a century is needed, the groups have the same shapes.
 */
const CANDIDATE_SPLIT = new RegExp(String.raw`(?<!\d)(\d\d)(\d\d)([-./ _])(\d\d)(\d\d)(?: ?(${MARK}) ?| ?)${SERIAL}(?!\d)`, 'g');
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
 * break reads as a space), then a dash or a plus before the four last digits. Swedish phone
 * numbers (`070-123 45 67`, `08-123 456 78`, `0771-23 45 67`) put their dash after the area code
 * and end in groups of two or three, so none has this shape; the cost is phones written the
 * American way, `070 123-4567`, of which one in 130 (random digits) is refused. Without the mark
 * (`8501 01 1236`, `8501 011236`) the shape is a phone written with spaces, so it is read only
 * when the cut is a line break (see {@link LINE_BREAK}); a phone cut by one (`0701⏎234567`) is
 * then refused about one time in 130 too.
 */
const CANDIDATE_REGROUPED = /(?<!\d ?[-+./]? ?)(\d{1,7}) (\d{1,7})( ?[-+] ?| ?)(\d{4})(?!\d|[-./]\d)/g;
/**
 * The date part cut by a dash at another place than its fields (`8501-011236`, `85-01011236`,
 * `198501-011236`, `8501-01-1236`, `8501 - 011236`): two groups of six (or, with the century,
 * eight) digits in all, a dash between them (spaces around it allowed), and the four last digits
 * directly after or after a dash or plus.
 * Swedish phone numbers put a dash after the area code, which starts with 0 (`08-`, `0771-`,
 * `070-1234567`, `0501-123456`: 2 to 4 digits, then 5 to 8), so a ten-digit cut whose first
 * digit is 0 is read as a phone and passes (a number of someone born 2000–2009, or 1900–1909,
 * written so passes with it); one whose first digit is another is no phone in Swedish writing, nor
 * in international writing, which starts with `+` or `00` (a `+` before is not read). Twelve
 * digits are no phone number at all, but `202601-202612`, two periods of the form YYYYMM, is a
 * period range and passes.
 */
const CANDIDATE_CUT = /(?<![\d+] ?[-+./]? ?)(\d{1,7}) ?- ?(\d{1,7})([-+]?)(\d{4})(?!\d|[-./]\d)/g;
/**
 * A word between the date part and the serial (`850101x1236`, `850101 nr 1236`,
 * `19850101 nr: 1236`): one run of one to six letters of any script; before it a space, a
 * {@link MARK} or both (`850101-nr-1236`, `850101, nr 1236`, `850101 (nr) 1236`); a dash or dot
 * inside it (`p-nr`, `pers.nr`, `p.nr.`); after it up to two marks, a space allowed on either side
 * (`nr.`, `pnr:`, `nr.:`, `nr -`); the date part as {@link CANDIDATE} reads
 * it, the serial as {@link SERIAL} (`850101 nr 12-36`). To keep identifiers out (hex hashes,
 * base62 ids, `a850101b1236c`), no letter or digit may stand directly before the date part or
 * after the serial. At most {@link WORDED_GAP} characters between date part and serial keeps every
 * digit within ten bytes of the next, which the raw-byte net (`raw-scan.ts`) needs to see the number.
 */
const MARK_U = MARK.replace('\\`', '`'); // the same class where the `u` flag refuses the escaped backtick
const CANDIDATE_WORDED = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(\d\d)?(\d\d)([-./ _]?)(\d\d)\3(\d\d)(?: ?${MARK_U})? ?\p{L}{1,6}(?:[-.]\p{L}{1,6})?(?: ?(${MARK_U}{1,2}))? ?(\d\d[ -]?\d\d)(?![\p{L}\p{N}])`,
  'gu',
);
/** The most characters {@link CANDIDATE_WORDED} reads between date part and serial (` nummer: `, ` - nr. `). */
const WORDED_GAP = 9;
/** A period written YYYYMM (`202601`): a century 19 or 20, a month 01–12. */
const PERIOD = /^(?:19|20)\d\d(?:0[1-9]|1[0-2])$/;
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
/** The four digits start another dashed date (`2026-01-01-2026-06-30`): a period, not a number. */
const DATE_AFTER = /^[-./]\d\d?[-./]\d/;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Luhn over the 10-digit form: weights 2,1,2,1,... ; digit sums; total divisible by 10. */
export function luhnValid(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = (tenDigits.charCodeAt(i) - 48) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * The kind of number a date part describes, or null when it is no date. `years` are the full
 * years the YY or YYYY can stand for; a date is real when it exists in any of them.
 */
function dateKind(years: readonly number[], mm: string, dd: string): PersonnummerMatch['kind'] | null {
  const month = Number(mm);
  let day = Number(dd);
  if (month < 1 || month > 12) return null;
  let kind: PersonnummerMatch['kind'] = 'personnummer';
  if (day > 60) {
    day -= 60;
    kind = 'samordningsnummer';
  }
  if (day < 1) return null;
  return years.some((y) => day <= daysInMonth(y, month)) ? kind : null;
}

function candidateYears(century: string | undefined, yy: number, mark: string): number[] {
  if (century !== undefined) {
    const c = Number(century);
    return c >= 18 && c <= 20 ? [c * 100 + yy] : [];
  }
  // `+` marks someone aged 100 or more; otherwise the number is of the last hundred years.
  return mark === '+' ? [1800 + yy, 1900 + yy] : [1900 + yy, 2000 + yy];
}

/**
 * True when the unit `i` of the normalised text was one character of the original directly
 * followed by what unit `i + 1` came from: not a run that collapsed (`..`), nor a mark with
 * invisible characters after it.
 */
function writtenAlone(normal: NormalizedDigits, i: number): boolean {
  if (normal.origin === null) return true;
  return (normal.origin[i + 1] ?? 0) - (normal.origin[i] ?? 0) === 1;
}

/** The verdict on one regex match of {@link CANDIDATE} in the normalised text `normal`. */
function judge(m: RegExpExecArray, normal: NormalizedDigits, split: boolean): Omit<PersonnummerMatch, 'match' | 'index'> | null {
  const norm = normal.text;
  const [whole, century, yy = '', dateSep = '', mm = '', dd = '', mark = '', spacedSerial = ''] = m;
  const end = m.index + whole.length;
  const serial = spacedSerial.replace(/[ -]/, '');
  // A space inside the serial only after a date part written without spaces: `12 12 12 12 12`
  // is a row of pairs, like a phone number. A dash inside it only after a date part written
  // without separators (`850101-12-36`, `19850101-12-36`) or after a dashed date with its century
  // (`1985-01-01-12-36`): `12-12-12-12-12` is a row of pairs too.
  if (serial !== spacedSerial && dateSep === ' ') return null;
  if (spacedSerial.includes('-') && dateSep !== '' && century === undefined) return null;
  const compact = dateSep === '' && whole.length === (century ? 12 : 10);
  if (compact && DECIMAL_BEFORE.test(norm.slice(Math.max(0, m.index - 2), m.index)) && writtenAlone(normal, m.index - 1)) return null;
  // `2026-05-12 1430` is a date and a time or an amount: a dashed date with its century needs one
  // of the plain marks before the serial. The others after such a date start another field or a
  // note (`2026-05-12;1430`, a row of a Swedish CSV file; `2026-05-12 (1430)`, `2026-05-12 #1430`).
  // Two-digit years (`12-12-12 1212`) and the grouped spellings do not.
  const dashedDate = DATE_SEPARATORS.includes(dateSep) && dateSep !== '' && century !== undefined && !split;
  const dateEnd = m.index + (century?.length ?? 0) + 6 + 2 * dateSep.length;
  if (dashedDate && (mark === '' ? norm.charCodeAt(dateEnd) === 32 : !PLAIN_MARKS.includes(mark))) return null;
  if (DATE_AFTER.test(norm.slice(end, end + 5))) return null;
  const kind = dateKind(candidateYears(century, Number(yy), mark), mm, dd);
  if (kind === null || !luhnValid(yy + mm + dd + serial)) return null;
  return { kind, phoneLike: compact && century === undefined && yy.startsWith('0') };
}

/**
 * The verdict on one match of {@link CANDIDATE_WORDED}: as {@link judge}, except that a word
 * after a dashed date with its century (`2026-05-12 kl 1430`) is a note, as a space there is.
 */
function judgeWorded(m: RegExpExecArray, normal: NormalizedDigits): Omit<PersonnummerMatch, 'match' | 'index'> | null {
  const [whole, century, yy = '', dateSep = '', mm = '', dd = '', , spacedSerial = ''] = m;
  if (century !== undefined && DATE_SEPARATORS.includes(dateSep) && dateSep !== '') return null;
  const gap = whole.length - (century?.length ?? 0) - yy.length - mm.length - dd.length - 2 * dateSep.length - spacedSerial.length;
  if (gap > WORDED_GAP) return null;
  return judge(m, normal, false);
}

/** The verdict on the digits of a number written in a loose grouping (spaced or regrouped). */
function judgeDigits(digits: string, mark: string): Omit<PersonnummerMatch, 'match' | 'index'> | null {
  if (digits.length !== 10 && digits.length !== 12) return null;
  const century = digits.length === 12 ? digits.slice(0, 2) : undefined;
  const ten = digits.slice(digits.length - 10);
  const [yy, mm, dd] = [ten.slice(0, 2), ten.slice(2, 4), ten.slice(4, 6)];
  const kind = dateKind(candidateYears(century, Number(yy), mark), mm, dd);
  return kind !== null && luhnValid(ten) ? { kind, phoneLike: century === undefined && yy.startsWith('0') } : null;
}

/** The verdict on one match of {@link CANDIDATE_SPACED}: its digits, the mark before the last four. */
function judgeSpaced(m: RegExpExecArray): Omit<PersonnummerMatch, 'match' | 'index'> | null {
  const gaps = m[0].split(/\d/);
  const digits = m[0].replace(/\D/g, '');
  return judgeDigits(digits, (gaps[digits.length - 4] ?? '').trim());
}

/**
 * The verdict on one match of {@link CANDIDATE_REGROUPED}: two groups making six or eight digits,
 * and a dash or plus before the serial unless the space between the groups is a line break in
 * `text` (the original, which `normal` is the normalised form of).
 */
function judgeRegrouped(m: RegExpExecArray, text: string, normal: NormalizedDigits): Omit<PersonnummerMatch, 'match' | 'index'> | null {
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
function judgeCut(m: RegExpExecArray): Omit<PersonnummerMatch, 'match' | 'index'> | null {
  const [, head = '', tail = '', mark = '', serial = ''] = m;
  const date = head.length + tail.length;
  if (date === 6 && head.startsWith('0')) return null;
  if (date !== 6 && (date !== 8 || (PERIOD.test(head) && PERIOD.test(tail + serial)))) return null;
  return judgeDigits(head + tail + serial, mark);
}

/** The shapes read, in order, each with its verdict on a match. */
type Verdict = Omit<PersonnummerMatch, 'match' | 'index'> | null;
const SHAPES: ReadonlyArray<[RegExp, (m: RegExpExecArray, text: string, normal: NormalizedDigits) => Verdict]> = [
  [CANDIDATE, (m, _, normal) => judge(m, normal, false)],
  [CANDIDATE_SPLIT, (m, _, normal) => judge(m, normal, true)],
  [CANDIDATE_SPACED, judgeSpaced],
  [CANDIDATE_REGROUPED, judgeRegrouped],
  [CANDIDATE_CUT, judgeCut],
  [CANDIDATE_WORDED, (m, _, normal) => judgeWorded(m, normal)],
];

/**
 * The first Swedish personnummer or samordningsnummer inside `text`, or null.
 *
 * Finds YYMMDD-NNNN, YYMMDD+NNNN (aged 100 or more), YYMMDDNNNN, YYYYMMDD-NNNN, YYYYMMDDNNNN,
 * a dashed date part (`YYYY-MM-DD-NNNN`, also with `.`, `/`, `_` or spaces), the year apart in
 * groups of four (`YYYY MMDD NNNN`), any one punctuation mark or symbol or a space before the
 * serial (`YYMMDD NNNN`, `YYMMDD - NNNN`, `YYYYMMDD_NNNN`, `850101;1236`, `850101#1236`,
 * `850101'1236`, `850101→1236`), the serial in pairs (`850101-12 36`, `850101-12-36`), every digit apart
 * (`8 5 0 1 0 1 - 1 2 3 6`), the date part cut in two before a dash or plus (`8501 01-1236`) or by
 * a line break, or cut by a dash itself (`8501-011236`), or a short word between date and serial
 * (`850101x1236`, `850101 nr 1236`, `19850101 nr 1236`, `850101-nr-1236`, `850101 nr 12-36`; see `CANDIDATE_WORDED`), with a real date (leap years included;
 * day + 60 for samordningsnummer) and a valid Luhn check digit. Digits of any script (fullwidth,
 * Arabic-Indic …), every kind of space, line break, dash, tilde and single horizontal stroke (`ー`,
 * `一`, `ˉ`), invisible characters (zero-width space and joiner, BOM, soft hyphen), and `O`, `o`,
 * `l`, `I` directly between digits (`85O1O1-1236`) are read as what they look like
 * (`normalize-digits.ts` and `normalize-digits-classes.ts` say why and at what measured cost);
 * `\` and `|` are read as `/`, a run of one separator as one (`850101..1236`, `850101||1236`,
 * `850101…1236`).
 *
 * Allowed by decision, each the shape of ordinary text: a date in ISO form followed by another
 * mark than `-+./_:,` or by a space (`2026-05-12;1430`, a row of a Swedish CSV file;
 * `2026-05-12 (1430)`, a note; `2026-05-12 1430`, a time); a space elsewhere in the serial
 * (`230512 1 500 kr`, a date and an amount) or pairs after a spaced or dashed two-digit-year date
 * (`12 12 12 12 12`, `12-12-12-12-12`); a
 * ten-digit date part cut by a dash whose first digit is 0 (`0701-011236`: Swedish phone numbers
 * put a dash after an area code starting with 0); two periods YYYYMM-YYYYMM. Phone numbers written
 * with spaces or area-code dashes, dates and date ranges, amounts, postal codes, kommun codes,
 * organisationsnummer (month 20 or more), timestamps and longer digit runs do not match.
 *
 * Linear in the length of `text`; texts with fewer than ten digits (counted as normalised, so
 * `⑫⑫⑫⑫⑫` has ten) return after one quick pass.
 *
 * @example
 * findPersonnummer('Ring Anna, 19121212-1212'); // { match: '19121212-1212', index: 11, kind: 'personnummer', phoneLike: false }
 * findPersonnummer('Ring 070-123 45 67'); // null
 */
export function findPersonnummer(text: string): PersonnummerMatch | null {
  if (text.length < MIN_DIGITS && !severalAhead(text)) return null;
  const normal = normalizeForDigits(text, MIN_DIGITS);
  if (normal === null) return null;
  const { text: norm } = normal;
  let first: { m: RegExpExecArray; verdict: Omit<PersonnummerMatch, 'match' | 'index'> } | null = null;
  for (const [pattern, verdictOf] of SHAPES) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(norm); m !== null; m = pattern.exec(norm)) {
      if (first !== null && m.index >= first.m.index) break;
      const verdict = verdictOf(m, text, normal);
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
  return { match: text.slice(start, end), index: start, ...first.verdict };
}

/** Below this, an integer has fewer than ten digits and cannot be a number (no digit is skipped). */
const TEN_DIGITS = 1e9;

/**
 * The text the guard reads a number as, or null when it cannot hold a personnummer: its decimal
 * form without the sign (`String(Math.abs(n))`) when that has ten digits or more. A number is a
 * spelling too: `198501011236`, and `850101.1236`, which is what a spreadsheet makes of
 * `850101,1236` typed into a number column in Swedish (the decimal comma is the `,` separator the
 * guard reads in a text). Integers below 1e9 and non-finite numbers return null at once.
 *
 * @example
 * numberText(850101.1236); // '850101.1236'
 * numberText(42.5); // null
 */
export function numberText(n: number | bigint): string | null {
  if (typeof n === 'bigint') return String(n < 0n ? -n : n);
  const abs = Math.abs(n);
  if (!Number.isFinite(abs) || (abs < TEN_DIGITS && Number.isInteger(abs))) return null;
  const text = String(abs);
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits >= MIN_DIGITS ? text : null;
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
