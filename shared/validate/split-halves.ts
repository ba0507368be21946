/**
 * The pair rule of the split check (`split-personnummer.ts`): a date part alone in one cell and a
 * serial alone in the next, in the spellings a person writes each half in (groups, a date of birth
 * day first, the serial's pairs apart) and as a number cell holds them (leading zeros lost, a
 * serial typed with its dash made negative). The rule for any split over two or three cells is
 * `split-runs.ts`.
 */
import { findPersonnummer, type PersonnummerMatch } from './personnummer.js';
import type { CellReading } from './split-reading.js';

/**
 * A date part alone in a cell, as the guard reads it: YYMMDD or YYYYMMDD, also in groups split by
 * single spaces (`81 12 18`, `1981 12 18`), or a date of birth written day or month first with
 * marks (`18.12.1981`, `18/12/81`, `12-18-1981`; the guard's day-first shape judges it with the
 * serial), spaces around it allowed, and the serial's `-` or `+` after it (`811218-` | `9876`: the
 * number typed with its dash and cut after it). Not an ISO date (`1981-12-18`): a date column
 * holds those, and one in ten of any four digits beside one would pass the Luhn check.
 */
const DATE_PART = /^\s*(\d{6}|\d{8}|\d\d \d\d \d\d|\d{4} \d\d \d\d|\d\d?([./-])\d\d?\2(?:\d\d|\d{4}))\s*([-+]?)\s*$/;
/** A serial alone in a cell, its `-` or `+` (100 years or older) written or not, its pairs apart or not (`98 76`, `98-76`). */
const SERIAL = /^\s*([-+]?)\s*(\d\d)[ -]?(\d\d)\s*$/;

/**
 * A cell's reading as the text a date part is read in: a text as the guard reads it; a whole
 * number of six or eight digits (a date part typed in a number cell, `811218`) as its digits, and,
 * when `pad`, one of five as six (`011218` typed in a number cell, born 2000–2009, is the number
 * 11218: the cell lost its leading zero); null for other numbers. A date part of 2000 itself
 * (`001218`, the number 1218) is not read: it lost two zeros, and every count of three or four
 * digits would be one.
 */
function dateText(cell: CellReading, pad: boolean): string | null {
  if (cell.text !== null) return cell.text;
  const value = cell.value as number;
  if (value < 10_000) return null;
  const digits = String(value);
  if (digits.length === 5) return pad ? `0${digits}` : null;
  return digits.length === 6 || digits.length === 8 ? digits : null;
}

/**
 * A cell's reading as the text a serial is read in: a text as the guard reads it; a whole number
 * of one to four digits as four (`0212` typed in a number cell is the number 212: the cell lost its
 * leading zero), a negative one with its `-` (`-1212`, what a spreadsheet makes of the serial typed
 * with its dash); null for other numbers.
 */
function serialText(cell: CellReading): string | null {
  if (cell.text !== null) return cell.text;
  const value = cell.value as number;
  if (Math.abs(value) > 9999) return null;
  return `${value < 0 ? '-' : ''}${String(Math.abs(value)).padStart(4, '0')}`;
}

/** True when the text `text` has a date part's form ({@link DATE_PART}: `811218`, `19811218-`, `18.12.1981`). */
export function datePartForm(text: string): boolean {
  return DATE_PART.test(text);
}

/** True when the text `text` has a serial's form ({@link SERIAL}: `9876`, `-9876`, `98 76`). */
export function serialForm(text: string): boolean {
  return SERIAL.test(text);
}

/** True when `cell` may be one half of a pair: a date part or a serial alone. */
export function isHalf(cell: CellReading): boolean {
  const date = dateText(cell, true);
  if (date !== null && DATE_PART.test(date)) return true;
  const serial = serialText(cell);
  return serial !== null && SERIAL.test(serial);
}

/**
 * The number `date` and `serial` (two cells' readings, date part first) make together, or null.
 * A serial that lost its leading zeros is read padded whatever stands beside it (`19121212` |
 * `212`, `811218` | `212`): beside a number of six or eight digits, which a count hardly is
 * beside one below 1,000. A date part that lost its leading zero (five digits) is read padded
 * too, except in `counts`, a pair of number columns whose cells both hold numbers (`indicator-values`'
 * value | numerator | denominator, an activity's participants planned | reached): there a number
 * of five digits beside another is a row of counts and rates, and padded about one plausible row
 * in 4,000 read as a personnummer (a rate of 10717 per 100,000 beside a numerator of 136), so
 * one pasted update of 1,000 such rows in five would be refused whole.
 */
export function joinedHalves(date: CellReading, serial: CellReading, counts: boolean): PersonnummerMatch | null {
  const first = dateText(date, !(counts && typeof date.value === 'number' && typeof serial.value === 'number'));
  const second = first === null ? null : serialText(serial);
  if (first === null || second === null) return null;
  const d = DATE_PART.exec(first);
  const s = d === null ? null : SERIAL.exec(second);
  if (d === null || s === null) return null;
  // The serial's own mark, else the one after the date part, else a dash.
  const mark = (s[1] as string) || (d[3] as string) || '-';
  return findPersonnummer(`${(d[1] as string).replace(/ /g, '')}${mark}${s[2] as string}${s[3] as string}`);
}
