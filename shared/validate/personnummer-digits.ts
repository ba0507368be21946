/**
 * What makes ten or twelve digits a personnummer or samordningsnummer, whatever their spelling: a
 * real date (leap years; day + 60 for a samordningsnummer, SKV 707) and the Luhn check digit over
 * the ten-digit form (SKV 704). The shapes (`personnummer-shapes.ts`) find the digits; these say
 * whether they are a number.
 */

/** A period written YYYYMM (`202601`): a century 19 or 20, a month 01–12; two in a row are a period range, no number. */
export const PERIOD = /^(?:19|20)\d\d(?:0[1-9]|1[0-2])$/;

/** Which number a match is. */
export type PersonnummerKind = 'personnummer' | 'samordningsnummer';
/**
 * A match's verdict: the kind, whether it could as well be a phone number, and whether it is a
 * date of birth with a time refused whatever its check digit (see `PersonnummerMatch`).
 */
export type Verdict = { kind: PersonnummerKind; phoneLike: boolean; birthDate?: true } | null;

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
export function dateKind(years: readonly number[], mm: string, dd: string): PersonnummerKind | null {
  const month = Number(mm);
  let day = Number(dd);
  if (month < 1 || month > 12) return null;
  let kind: PersonnummerKind = 'personnummer';
  if (day > 60) {
    day -= 60;
    kind = 'samordningsnummer';
  }
  if (day < 1) return null;
  return years.some((y) => day <= daysInMonth(y, month)) ? kind : null;
}

/**
 * The full years a date part's `yy` can stand for: with its two-digit `century` (18–20, else
 * none), that one; without, the last two hundred years when `mark` is `+` (someone aged 100 or
 * more, SKV 704), else 1900s and 2000s.
 */
export function candidateYears(century: string | undefined, yy: number, mark: string): number[] {
  if (century !== undefined) {
    const c = Number(century);
    return c >= 18 && c <= 20 ? [c * 100 + yy] : [];
  }
  // `+` marks someone aged 100 or more; otherwise the number is of the last hundred years.
  return mark === '+' ? [1800 + yy, 1900 + yy] : [1900 + yy, 2000 + yy];
}

/**
 * The verdict on the digits of a number written in a loose grouping (spaced, regrouped, cut):
 * ten digits `YYMMDDNNNN` or twelve `CCYYMMDDNNNN`, `mark` the one written before the serial
 * (`+`: aged 100 or more); null for another length, no date or a wrong check digit.
 */
export function judgeDigits(digits: string, mark: string): Verdict {
  if (digits.length !== 10 && digits.length !== 12) return null;
  const century = digits.length === 12 ? digits.slice(0, 2) : undefined;
  const ten = digits.slice(digits.length - 10);
  const [yy, mm, dd] = [ten.slice(0, 2), ten.slice(2, 4), ten.slice(4, 6)];
  const kind = dateKind(candidateYears(century, Number(yy), mark), mm, dd);
  return kind !== null && luhnValid(ten) ? { kind, phoneLike: century === undefined && yy.startsWith('0') } : null;
}
