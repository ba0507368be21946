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
import { controlChar, controlsJoin } from './raw-scan-chain.js';
import { breaksRun, controlsEnd, readRun } from './raw-scan-runs.js';

/** 1 for each lower-case ASCII letter a month's name starts with. */
const FIRST = Uint8Array.from({ length: 256 }, (_, b) => (MONTH_PREFIXES.some((p) => p.charCodeAt(0) === b) ? 1 : 0));

/** Each month's first three letters, lower-case ASCII, as one number (`key`). */
const PREFIX_KEYS: ReadonlySet<number> = new Set(MONTH_PREFIXES.map((p) => key(p.charCodeAt(0), p.charCodeAt(1), p.charCodeAt(2))));

function key(a: number, b: number, c: number): number {
  return (a << 16) | (b << 8) | c;
}

/** True for an ASCII letter or digit: what no month's name is glued to in the guard's shapes (`Jan5`, `xdec`, ids). */
function alnum(b: number): boolean {
  const lower = b | 0x20;
  return (b >= 48 && b <= 57) || (lower >= 97 && lower <= 122);
}

/** True for an ASCII letter. */
function letter(b: number): boolean {
  const lower = b | 0x20;
  return lower >= 97 && lower <= 122;
}

/**
 * True when the byte may stand between a month's name and the number after it: a space, a dash, or
 * a byte above ASCII (a no-break space, an en dash of UTF-8 or an 8-bit reading).
 */
function between(b: number): boolean {
  return b === 0x20 || b === 0x2d || b >= 0x80;
}

/** True when the byte may be a digit in some reading: an ASCII digit, or a byte above ASCII (a digit of another script in UTF-8, `²` in Latin-1). */
function mayBeDigit(b: number): boolean {
  return (b >= 48 && b <= 57) || b >= 0x80;
}

/** The most bytes between a month's name and the number after it (` `, `-`, ` - `, a UTF-8 no-break space). */
const MOST_BETWEEN = 3;

/**
 * True when a month's name starts at `i` of `bytes` (before `to`) as the guard's shapes read one: not
 * glued to a letter or digit before it, its first three letters, up to seven more and a point, then
 * a space or dash and a digit (the year's after `8 dec`, the day's after `December`).
 */
function monthNameAt(bytes: Uint8Array, i: number, from: number, to: number): boolean {
  if (i > from && alnum(bytes[i - 1] as number)) return false;
  let k = i + 3;
  for (let n = 0; n < 7 && k < to && letter(bytes[k] as number); n++) k++;
  if (k < to && bytes[k] === 0x2e) k++;
  let gap = 0;
  while (gap < MOST_BETWEEN && k < to && between(bytes[k] as number)) {
    k++;
    gap++;
  }
  return gap > 0 && k < to && mayBeDigit(bytes[k] as number);
}

/**
 * True when `bytes` from `from` to `to` hold a month's name ({@link MONTH_PREFIXES}, any case, as
 * ASCII: so in UTF-8 and every single-byte reading alike) as a word followed by a number
 * ({@link monthNameAt}). When false, no reading of the bytes holds a date written with the
 * month's name for {@link scanMonthDates} to read. A table lookup per byte; a name is checked
 * only at one of its first letters. Random bytes and ids hold a month's letters now and then,
 * glued to others (`xJan5`, `7dec2`): such a name is none.
 */
export function monthDateInBytes(bytes: Uint8Array, from = 0, to = bytes.length): boolean {
  return monthNameFrom(bytes, from, to) >= 0;
}

/** Where the first month's name {@link monthDateInBytes} counts stands in `bytes` from `from` on, before `to`, or -1. */
export function monthNameFrom(bytes: Uint8Array, from = 0, to = bytes.length): number {
  for (let i = from; i + 2 < to; i++) {
    const a = (bytes[i] as number) | 0x20;
    if (FIRST[a] === 0) continue;
    if (!PREFIX_KEYS.has(key(a, (bytes[i + 1] as number) | 0x20, (bytes[i + 2] as number) | 0x20))) continue;
    if (monthNameAt(bytes, i, from, to)) return i;
  }
  return -1;
}

/**
 * A month's name in a reading as {@link monthNameAt} finds one in bytes, any case: a word, a point
 * after it or none, up to three spaces, dashes or other marks, then a digit of any script. Where
 * {@link scanMonthDates} reads around.
 */
const MONTH_WORD = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${MONTH_PREFIXES.join('|')})\p{L}{0,7}\.?[^\p{L}\p{N}]{1,3}\p{N}`, 'giu');

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
    const start = runStart(text, at, written);
    let end = at;
    while (end < text.length && end - at < CONTEXT && !breaksRun(text.charCodeAt(end), end, written)) end++;
    readTo = end;
    const found = readRun(text, start, end, seen, clean, prefixed, MONTH_NAMED_DIGITS);
    if (found !== null) return found;
    // The words before, across control characters where a word goes on (`född\u0001 8 dec 1981
    // 9876`), which the guard reads as nothing: a label so cut off still names the number.
    const joined = labelStart(text, start, at, written);
    const labelled = joined < start ? readRun(text, joined, end, seen, clean, prefixed, MONTH_NAMED_DIGITS) : null;
    if (labelled !== null) return labelled;
  }
  return null;
}

/** Where the run of `text` holding the unit at `at` starts, at most {@link CONTEXT} units before it. */
function runStart(text: string, at: number, written: ReadonlySet<number> | null): number {
  let start = at;
  while (start > 0 && at - start < CONTEXT && !breaksRun(text.charCodeAt(start - 1), start - 1, written)) start--;
  return start;
}

/**
 * Where the words before the run starting at `start` (holding a month's name at `at`) start when
 * control characters before it stand where a word goes on (`controlsJoin` `'word'`: a letter or
 * digit on both sides), run after run as long as such control characters join them, at most
 * {@link CONTEXT} units before `at`; else `start`. The runs so joined are read whole, as the guard
 * reads them: the control characters as nothing.
 */
function labelStart(text: string, start: number, at: number, written: ReadonlySet<number> | null): number {
  let from = start;
  while (from > 0 && at - from < CONTEXT && controlChar(text.charCodeAt(from - 1))) {
    let controls = from - 1;
    while (controls > 0 && controlChar(text.charCodeAt(controls - 1))) controls--;
    const before = runStart(text, controls, written);
    if (!controlsJoin(text, before, controls, controlsEnd(text, controls), 'word')) break;
    from = before;
  }
  return from;
}
