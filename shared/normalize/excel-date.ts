/**
 * Dates between Excel and the doc. Excel's default 1900 date system counts days from
 * 1900-01-01 = 1 and, copying Lotus 1-2-3, treats 1900 as a leap year: serial 60 is the
 * non-existent 1900-02-29, and every serial from 61 on is one day "too high".
 */

const MS_PER_DAY = 86_400_000;
/** 1899-12-30: day zero for serials ≥ 61, which absorbs the phantom leap day. */
const EPOCH_AFTER_BUG = Date.UTC(1899, 11, 30);
/** 1899-12-31: day zero for serials 1–59, before the phantom leap day. */
const EPOCH_BEFORE_BUG = Date.UTC(1899, 11, 31);
/** Serial of 9999-12-31, the last date Excel shows. */
const MAX_SERIAL = 2_958_465;

function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * True for a real calendar date written `YYYY-MM-DD`. Parsed by hand, without a regex match or
 * a `Date`, because whole-document validation calls it for every date cell.
 */
export function isIsoDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const y = digits(text, 0, 4);
  const m = digits(text, 5, 7);
  const d = digits(text, 8, 10);
  if (y < 0 || m < 1 || m > 12 || d < 1) return false;
  if (m === 2) return d <= ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28);
  return d <= (m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}

/**
 * A text of the shape `YYYY-MM-DD`, month 01–12, naming a day its month lacks that year
 * (`2025-02-29`: 2025 is no leap year; `2026-04-31`): how many days the month has that year, its
 * last day and the first day of the next month (ISO), for words saying why and what would do.
 * Null for a real date ({@link isIsoDate}), a day past 31, and a text of another shape.
 * @example missingDay('2025-02-29') // { days: 28, last: '2025-02-28', next: '2025-03-01' }
 */
export function missingDay(text: string): { days: number; last: string; next: string } | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const y = digits(text, 0, 4);
  const m = digits(text, 5, 7);
  const d = digits(text, 8, 10);
  // Date.UTC reads a year below 100 as 19xx: such a year is left to the words of no date.
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d <= days) return null;
  return { days, last: isoFromUtc(Date.UTC(y, m - 1, days)), next: isoFromUtc(Date.UTC(y, m, 1)) };
}

/** Writes a UTC timestamp's date as `YYYY-MM-DD`. */
export function isoFromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The ISO date of an Excel 1900-system serial, or null for serial 60 (1900-02-29, which does
 * not exist), serials below 1 and serials past 9999-12-31. A time of day (the fraction) is cut
 * off: the cell is a date.
 * @example excelSerialToIso(45366) // '2024-03-15'
 */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial)) return null;
  const day = Math.floor(serial);
  if (day < 1 || day > MAX_SERIAL || day === 60) return null;
  const epoch = day < 60 ? EPOCH_BEFORE_BUG : EPOCH_AFTER_BUG;
  return isoFromUtc(epoch + day * MS_PER_DAY);
}

/** The Excel 1900-system serial of an ISO date, or null if it is not one Excel can show. */
export function isoToExcelSerial(iso: string): number | null {
  if (!isIsoDate(iso)) return null;
  const ms = Date.parse(`${iso}T00:00:00Z`);
  const afterBug = Math.round((ms - EPOCH_AFTER_BUG) / MS_PER_DAY);
  if (afterBug >= 61) return afterBug <= MAX_SERIAL ? afterBug : null;
  const beforeBug = Math.round((ms - EPOCH_BEFORE_BUG) / MS_PER_DAY);
  return beforeBug >= 1 && beforeBug < 60 ? beforeBug : null;
}

/**
 * The ISO date of a date cell where a period is asked for (a period column, a function's period
 * argument), or null: a whole number of five digits, or the same digits as text — what Excel
 * hands a formula, and writes to a CSV file, for a date cell without its format (1 July 2026 is
 * `46204`). No period code has five digits (a year has four, a month six), and five digits are
 * the serials 10000 (1927-05-18) to 99999 (2173-10-13), far above the phantom 1900-02-29
 * (serial 60), so such a value is a date and nothing else. Four digits are a year, never a
 * serial; elsewhere than a period, five digits are never read as a date.
 * @example periodSerialDate('46204') // '2026-07-01'
 */
export function periodSerialDate(raw: unknown): string | null {
  const serial = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{5}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  return Number.isInteger(serial) && serial >= 10_000 && serial < 100_000 ? excelSerialToIso(serial) : null;
}

/**
 * A workbook's date cell (a `Date`, as an XLSX reader gives it) as Swedish Excel shows it:
 * `2025-03-04`, with the time of day when it has one (`2025-03-04 10:30`), and the time alone
 * for a cell of a time only (`10:30`: Excel keeps it as a fraction of a day, which a reader
 * dates on day zero, 1899-12-30); null for anything else. The time is rounded to the second
 * first, since a serial such as 8:30's (0.35416…) is a binary fraction a hair below it. Excel
 * makes a date of much that is typed as text (`3/4`, `2025-03`, `1.5`, `10:30`), so a date
 * turns up in text, number and period columns too: there it is read as the text shown, which a
 * text column keeps and the others refuse in words, instead of refusing the record for its type
 * or naming the value in JavaScript's English date format.
 */
export function dateText(raw: unknown): string | null {
  if (!(raw instanceof Date) || Number.isNaN(raw.getTime())) return null;
  const ms = Math.round(raw.getTime() / 1000) * 1000;
  const iso = isoFromUtc(ms);
  const minutes = Math.floor((((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 60_000);
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  // A cell of a time of day only (`10:30`, the serial 0.4375) is read as a date on Excel's day zero.
  if (ms >= EPOCH_AFTER_BUG && ms < EPOCH_AFTER_BUG + MS_PER_DAY) return time;
  return minutes === 0 ? iso : `${iso} ${time}`;
}
