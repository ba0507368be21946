/**
 * The personal-identity-number guard. Patient identities must never reach storage, so every
 * string written to a document passes through {@link findPersonnummer}. It looks for Swedish
 * personnummer and samordningsnummer (Skatteverket SKV 704 and 707) anywhere in a text.
 */

/** What {@link findPersonnummer} found. */
export interface PersonnummerMatch {
  /** The digits as written, separator included. Never put this in a message or a log. */
  match: string;
  kind: 'personnummer' | 'samordningsnummer';
  /**
   * True when the match is a bare 10-digit run starting with 0, which could as well be a phone
   * number. It is refused all the same (privacy wins); tell the user to write phones with
   * spaces, like `070-123 45 67`.
   */
  phoneLike: boolean;
}

const MIN_DIGITS = 10;
/**
 * 10 or 12 digits as YYMMDD or YYYYMMDD, an optional `-`/`+`, then four digits, with no digit
 * directly before or after: a valid number inside a longer digit run is not a number.
 */
const CANDIDATE = /(?<!\d)(\d{2})?(\d{6})([-+]?)(\d{4})(?!\d)/g;
/** A fraction like `0,8501011234` or `3.8501011234` is a decimal, not an identity number. */
const DECIMAL_BEFORE = /\d[.,]$/;

function hasEnoughDigits(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57 && ++digits >= MIN_DIGITS) return true;
  }
  return false;
}

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
function dateKind(years: readonly number[], mmdd: string): PersonnummerMatch['kind'] | null {
  const month = Number(mmdd.slice(0, 2));
  let day = Number(mmdd.slice(2, 4));
  if (month < 1 || month > 12) return null;
  let kind: PersonnummerMatch['kind'] = 'personnummer';
  if (day > 60) {
    day -= 60;
    kind = 'samordningsnummer';
  }
  if (day < 1) return null;
  return years.some((y) => day <= daysInMonth(y, month)) ? kind : null;
}

function candidateYears(century: string | undefined, yy: number, separator: string): number[] {
  if (century !== undefined) {
    const c = Number(century);
    return c >= 18 && c <= 20 ? [c * 100 + yy] : [];
  }
  // `+` marks someone aged 100 or more; otherwise the number is of the last hundred years.
  return separator === '+' ? [1800 + yy, 1900 + yy] : [1900 + yy, 2000 + yy];
}

/**
 * The first Swedish personnummer or samordningsnummer inside `text`, or null.
 * Accepts YYMMDD-NNNN, YYMMDD+NNNN, YYMMDDNNNN, YYYYMMDD-NNNN and YYYYMMDDNNNN with a real
 * date (leap years included; day + 60 for samordningsnummer) and a valid Luhn check digit.
 * Phone numbers written with spaces or area-code dashes, dates, amounts, postal codes,
 * organisationsnummer (month 20 or more), timestamps and longer digit runs do not match.
 *
 * @example
 * findPersonnummer('Ring Anna, 19121212-1212'); // { match: '19121212-1212', kind: 'personnummer', phoneLike: false }
 * findPersonnummer('Ring 070-123 45 67'); // null
 */
export function findPersonnummer(text: string): PersonnummerMatch | null {
  if (text.length < MIN_DIGITS || !hasEnoughDigits(text)) return null;
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
    const [match, century, yymmdd = '', separator = '', serial = ''] = m;
    if (century === undefined && separator === '' && DECIMAL_BEFORE.test(text.slice(Math.max(0, m.index - 2), m.index))) {
      continue;
    }
    const years = candidateYears(century, Number(yymmdd.slice(0, 2)), separator);
    const kind = dateKind(years, yymmdd.slice(2));
    if (kind === null || !luhnValid(yymmdd + serial)) continue;
    const phoneLike = century === undefined && separator === '' && yymmdd.startsWith('0');
    return { match, kind, phoneLike };
  }
  return null;
}
