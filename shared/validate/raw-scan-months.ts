/**
 * The raw-byte net's reading (`raw-scan.ts`) of a date of birth written with the month's name and
 * the four last digits (`8 dec 1981-9876`, `född 8 december 1981 9876`, `December 8, 1981-9876`),
 * which the text guard reads down to seven digits written (`MONTH_NAMED_DIGITS`,
 * `personnummer-month-named.ts`): the month's name stands for two digits. The net's other passes
 * read only where ten digits stand close together, so bytes carrying such a text (a binary value,
 * a field the struct walk does not know) passed. Here a reading is read around each month's name
 * (the text guard's words, {@link MONTH_PREFIXES}) that stands near a digit, by the text guard.
 */
import { MONTH_NAMED_DIGITS, MONTH_PREFIXES } from './personnummer-month-named.js';
import type { PersonnummerMatch } from './personnummer.js';
import { breaksRun, readRun } from './raw-scan-runs.js';

/** 1 for each lower-case ASCII letter a month's name starts with. */
const FIRST = Uint8Array.from({ length: 256 }, (_, b) => (MONTH_PREFIXES.some((p) => p.charCodeAt(0) === b) ? 1 : 0));

/** Each month's first three letters, lower-case ASCII, as one number (`key`). */
const PREFIX_KEYS: ReadonlySet<number> = new Set(MONTH_PREFIXES.map((p) => key(p.charCodeAt(0), p.charCodeAt(1), p.charCodeAt(2))));

function key(a: number, b: number, c: number): number {
  return (a << 16) | (b << 8) | c;
}

/**
 * Bytes before a month's name where the day's last digit may stand (`8 dec`, `18. dec`, `8:e dec`,
 * `8-Dec`), and after its first letter where the day's or year's first may (`december 8`,
 * `dec. 1981`: the longest name, a point and two spaces).
 */
const BEFORE = 4;
const AFTER = 14;

/** True when the byte may be a digit in some reading: an ASCII digit, or a byte above ASCII (a digit of another script in UTF-8, `²` in Latin-1). */
function mayBeDigit(b: number): boolean {
  return (b >= 48 && b <= 57) || b >= 0x80;
}

/**
 * True when `bytes` from `from` to `to` hold a month's name ({@link MONTH_PREFIXES}, any case, as
 * ASCII: so in UTF-8 and every single-byte reading alike) with a byte that may be a digit within
 * {@link BEFORE} bytes before it or {@link AFTER} after its start. When false, no reading of the
 * bytes holds a date written with the month's name for {@link scanMonthDates} to read. A table
 * lookup per byte; a name is checked only at one of its first letters.
 */
export function monthDateInBytes(bytes: Uint8Array, from = 0, to = bytes.length): boolean {
  for (let i = from; i + 2 < to; i++) {
    const a = (bytes[i] as number) | 0x20;
    if (FIRST[a] === 0) continue;
    if (!PREFIX_KEYS.has(key(a, (bytes[i + 1] as number) | 0x20, (bytes[i + 2] as number) | 0x20))) continue;
    for (let k = Math.max(from, i - BEFORE); k < Math.min(to, i + AFTER); k++) if (k < i || k > i + 2 ? mayBeDigit(bytes[k] as number) : false) return true;
  }
  return false;
}

/** A month's name in a reading, any case: where {@link scanMonthDates} reads around. */
const MONTH_WORD = new RegExp(MONTH_PREFIXES.join('|'), 'gi');

/**
 * Units of a run read on either side of a month's name: the words before a date that name it or
 * a birth (`född den 8 december`, `nameBefore` looks back 64) and the date and serial after it.
 */
const CONTEXT = 96;

/**
 * The first number in `text` (one reading of bytes) written with the month's name, or null: each
 * run of the text (as `scanRuns` cuts it: at control characters and undecodable bytes) that holds a
 * month's name is read by the guard, within {@link CONTEXT} units of the name, when it holds
 * {@link MONTH_NAMED_DIGITS} digits. `seen`, `clean`, `written`, `prefixed`: as `readRun` and
 * `breaksRun` take them. Linear in the text: each run is read once.
 */
export function scanMonthDates(text: string, seen: ReadonlySet<string>, clean: Set<string>, written: ReadonlySet<number> | null, prefixed: boolean): PersonnummerMatch | null {
  let readTo = -1;
  for (const m of text.matchAll(MONTH_WORD)) {
    const at = m.index;
    if (at < readTo) continue;
    let start = at;
    while (start > 0 && at - start < CONTEXT && !breaksRun(text.charCodeAt(start - 1), start - 1, written)) start--;
    let end = at;
    while (end < text.length && end - at < CONTEXT && !breaksRun(text.charCodeAt(end), end, written)) end++;
    readTo = end;
    const found = readRun(text, start, end, seen, clean, prefixed, MONTH_NAMED_DIGITS);
    if (found !== null) return found;
  }
  return null;
}
