/**
 * The raw-byte net's reading (`raw-scan.ts`) of a reservnummer (`reservnummer.ts`) that holds
 * fewer than ten digits close together: the national one with three letters (`22850101ABC1`, nine
 * digits), or spaced so that its digits do not chain ten (`2285 0101 ABC1`). The net's other
 * passes read only where ten digits chain (a month's name aside: `raw-scan-months.ts`), so bytes
 * carrying such a number (a binary value, a field the struct walk does not know, a stored update
 * read back) passed, though the text guard refuses it. Every reservnummer the guard reads starts
 * with eight digits, and those with fewer than ten digits have a letter after them: the bytes are
 * read around each such place ({@link reserveFrom}), in UTF-8 and, where the net reads them so,
 * in each single-byte reading, by the text guard's own reading (`findReservnummer`).
 */
import type { PersonnummerMatch } from './personnummer.js';
import { distinctReadings, singleByteText } from './raw-scan-readings.js';
import { findReservnummer } from './reservnummer.js';

const utf8 = new TextDecoder('utf-8');

/** The digits every reservnummer the guard reads starts with (`22850101`, `99198100…`, `19850101-…`). */
const LEAD_DIGITS = 8;

/**
 * Bytes of the digit at `i` of `bytes` (before `to`) in some reading: 1 for an ASCII digit, 3 for
 * a fullwidth one in UTF-8 (EF BC 90–99, which the guard reads as its ASCII digit), else 0.
 */
function digitLength(bytes: Uint8Array, i: number, to: number): number {
  const b = bytes[i] as number;
  if (b >= 48 && b <= 57) return 1;
  if (b !== 0xef || i + 2 >= to || bytes[i + 1] !== 0xbc) return 0;
  const c = bytes[i + 2] as number;
  return c >= 0x90 && c <= 0x99 ? 3 : 0;
}

/** True when a Latin letter starts at `i`: ASCII, or fullwidth in UTF-8 (EF BC A1–BA, EF BD 81–9A). */
function letterAt(bytes: Uint8Array, i: number, to: number): boolean {
  const b = bytes[i] as number;
  const lower = b | 0x20;
  if (lower >= 97 && lower <= 122) return true;
  if (b !== 0xef || i + 2 >= to) return false;
  const [s, c] = [bytes[i + 1] as number, bytes[i + 2] as number];
  return (s === 0xbc && c >= 0xa1 && c <= 0xba) || (s === 0xbd && c >= 0x81 && c <= 0x9a);
}

/**
 * Where in `bytes` (from `from`, before `to`) the first letter stands that follows eight digits
 * ({@link digitLength}) in some reading, as a reservnummer's letters follow its date part, or -1.
 * Between the digits a space (a spaced spelling) or any byte above ASCII (a character that shows
 * nothing, in UTF-8 or an 8-bit reading) may stand; between the digits and the letter, a dash
 * too (and the digits before it are the date part, so a digit after the dash starts anew: the
 * ISO date `2026-03-17` is no date part). Anything else ends the digits. A superset of what
 * `findReservnummer` reads in any reading of the bytes: a place not found here holds no
 * reservnummer of fewer than ten digits close together. A table-free pass over the bytes.
 */
export function reserveFrom(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let digits = 0;
  let dashed = false;
  for (let i = from; i < to; ) {
    const d = digitLength(bytes, i, to);
    if (d > 0) {
      if (dashed) digits = 0;
      dashed = false;
      digits++;
      i += d;
      continue;
    }
    const b = bytes[i] as number;
    if (digits >= LEAD_DIGITS && letterAt(bytes, i, to)) return i;
    if (b === 0x2d && digits >= LEAD_DIGITS) dashed = true;
    else if (b !== 0x20 && b < 0x80) {
      digits = 0;
      dashed = false;
    }
    i++;
  }
  return -1;
}

/** True when {@link reserveFrom} finds a place in `bytes` from `from` to `to`: else they hold no reservnummer the other passes miss. */
export function reserveInBytes(bytes: Uint8Array, from = 0, to = bytes.length): boolean {
  return reserveFrom(bytes, from, to) >= 0;
}

/** Bytes read before a place {@link reserveFrom} found: eight fullwidth digits with spaces and invisible characters between (and the character before them). */
const BEFORE = 96;
/** Bytes read from it on: the letters and digits after the date part, fullwidth, spaced. */
const AFTER = 64;

/** True for a byte {@link reserveFrom} reads inside a run of digits: a digit, a space, a byte above ASCII. */
function runByte(b: number): boolean {
  return (b >= 48 && b <= 57) || b === 0x20 || b >= 0x80;
}

/** The reservnummer `findReservnummer` finds in `text`, as the net's match, or null. */
function reserveMatch(text: string): PersonnummerMatch | null {
  const found = findReservnummer(text);
  return found === null ? null : { ...found, kind: 'reservnummer', phoneLike: false };
}

/** True for a unit that is an ASCII or fullwidth digit. */
function digitUnit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

/** True for a unit that is an ASCII or fullwidth Latin letter. */
function letterUnit(c: number): boolean {
  const lower = c | 0x20;
  return (lower >= 97 && lower <= 122) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
}

/**
 * The first reservnummer in `text` (a reading of bytes made elsewhere: `scanReading`), read as
 * {@link scanReserve} reads bytes: around each place where a letter follows eight digits (as
 * {@link reserveFrom} counts them, by the text's units), never the whole text. A reading of a
 * paste of rows is 100 KB and more, and the guard's reading of characters that show nothing
 * (`visible` of `reservnummer.ts`, a character at a time) cost a fifth of a second of it.
 */
export function reserveInText(text: string): PersonnummerMatch | null {
  let digits = 0;
  let dashed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (digitUnit(c)) {
      if (dashed) digits = 0;
      dashed = false;
      digits++;
      continue;
    }
    if (digits === 0) continue;
    if (digits >= LEAD_DIGITS && letterUnit(c)) {
      let from = Math.max(0, i - BEFORE);
      while (from > 0 && i - from < BEFORE * 8 && runUnit(text.charCodeAt(from - 1))) from--;
      const found = reserveMatch(text.slice(from, i + AFTER));
      if (found !== null) return found;
      digits = 0;
    } else if (c === 0x2d && digits >= LEAD_DIGITS) dashed = true;
    else if (c !== 0x20 && c < 0x80) {
      digits = 0;
      dashed = false;
    }
  }
  return null;
}

/** True for a unit {@link reserveInText} reads inside a run of digits: a digit, a space, any unit above ASCII. */
function runUnit(c: number): boolean {
  return digitUnit(c) || c === 0x20 || c >= 0x80;
}

/**
 * The first reservnummer in `marked` (the bytes the net reads: where the strings' edges are known,
 * a copy of the pieces with a mark byte between two, `cuts` the indices of those marks), read around each place
 * {@link reserveFrom} finds: as UTF-8, and, with `single` (the net reads the bytes in the
 * single-byte readings: an undecodable byte, or a byte above ASCII where the layout is known),
 * in each distinct single-byte reading of the window (`850101` and Windows-1252's en dash 0x96).
 */
export function scanReserve(marked: Uint8Array, cuts: readonly number[] | null, single: boolean): PersonnummerMatch | null {
  for (let at = reserveFrom(marked); at >= 0; at = reserveFrom(marked, at + 1)) {
    let from = Math.max(0, at - BEFORE);
    // A window starting inside a longer run of digits would read its last eight as a date part.
    while (from > 0 && at - from < BEFORE * 8 && runByte(marked[from - 1] as number)) from--;
    const window = marked.subarray(from, Math.min(marked.length, at + AFTER));
    const found = reserveMatch(utf8.decode(window));
    if (found !== null) return found;
    if (!single || !window.some((b) => b >= 0x80)) continue;
    const inside = cuts === null ? [] : cuts.filter((c) => c >= from && c < from + window.length).map((c) => c - from);
    for (const r of distinctReadings(window, inside)) {
      const inReading = reserveMatch(singleByteText(window, r, inside));
      if (inReading !== null) return inReading;
    }
  }
  return null;
}
