/**
 * The raw-byte net's UTF-16 readings, for stored bytes of no known layout (`raw-scan-utf8-first.ts`):
 * a text written as UTF-16 (Windows' "Unicode" text, a .NET or Java string copied as it lies in
 * memory, Excel's "Unicode text" export) holds an ASCII digit as the digit's byte and a zero byte,
 * `8\0 5\0 …`, which no 8-bit reading joins into a number (the zero bytes are control characters,
 * and the net joins at most a few runs across them). The bytes are read as UTF-16LE from an even
 * and from an odd byte, since bytes of no known layout may hold the text at any offset. UTF-16BE
 * text (`\0 8 \0 5 …`) is read by the reading from the other byte, but for its last character
 * when the byte after it is not zero; a BE reading of its own would read every LE text again
 * without its last character, and `40.25 kr` without the `r` is an amount no more (the guard reads
 * a date and an amount with a decimal point as a number, unless `kr` follows). Only what a Swedish text holds is kept of a reading: Latin letters, digits and marks
 * and general punctuation; every other unit ends a run, as an undecodable byte does. Binary bytes
 * and UTF-8 text read as UTF-16 are mostly such other units (two ASCII characters are one CJK
 * ideograph), and some would change how the guard reads the text beside them (a Thaana or Arabic
 * letter turns a line's reading right to left, `.` and a space are U+202E). A reading is scanned
 * only when it holds ten units the guard reads as digits. Linear in the bytes, twice.
 */
import { digitCount } from './normalize-digits.js';
import type { PersonnummerMatch } from './personnummer.js';
import { MIN_DIGITS } from './raw-scan-chain.js';
import { scanReading } from './raw-scan.js';

/** The little-endian code unit of `bytes` at `i` and `i + 1`. */
const unitAt = (bytes: Uint8Array, i: number): number => (bytes[i] as number) | ((bytes[i + 1] as number) << 8);

/** Bidirectional controls: in bytes read as UTF-16 they are pairs of ASCII (`.` and a space, LE, is U+202E) and would turn what follows around. */
const BIDI = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);

/**
 * The unit `unit` as the reading keeps it: a Latin letter, digit or mark (U+0020–U+02FF but the
 * C1 controls) or general punctuation (U+2000–U+206F: dashes, spaces, zero-width characters) as
 * it is; any other as U+FFFD, which ends a run: a control character too (the zero unit that ends
 * a string, or half of a character of UTF-16BE text read from the other byte, whose en dash
 * 20 13 becomes a dagger and U+0013), and a bidirectional control.
 */
function kept(unit: number): number {
  const latin = unit >= 0x20 && unit <= 0x02ff && !(unit >= 0x7f && unit <= 0x9f);
  return (latin || (unit >= 0x2000 && unit <= 0x206f)) && !BIDI.has(unit) ? unit : 0xfffd;
}

/** `bytes` from `offset` read as UTF-16LE (units kept as {@link kept} keeps them), or null when fewer than ten of them are digits to the guard. */
function utf16Reading(bytes: Uint8Array, offset: number): string | null {
  let digits = 0;
  for (let i = offset; i + 1 < bytes.length && digits < MIN_DIGITS; i += 2) if (digitCount(kept(unitAt(bytes, i))) > 0) digits++;
  if (digits < MIN_DIGITS) return null;
  const units: number[] = [];
  let inText = false;
  for (let i = offset; i + 1 < bytes.length; i += 2) {
    const unit = unitAt(bytes, i);
    const keep = kept(unit);
    // UTF-16BE text read from the other byte: its last character is the low byte of the unit that ends it.
    if (keep === 0xfffd && inText && (unit & 0xff) > 0x20 && (unit & 0xff) < 0x7f) units.push(unit & 0xff);
    units.push(keep);
    inText = keep !== 0xfffd;
  }
  const parts: string[] = [];
  // In pieces: a call takes a bounded number of arguments.
  for (let k = 0; k < units.length; k += 8192) parts.push(String.fromCharCode(...units.slice(k, k + 8192)));
  return parts.join('');
}

/**
 * The first personnummer or samordningsnummer in `bytes` read as UTF-16LE from an even and from
 * an odd byte (see the module comment), or null.
 *
 * @example
 * findPersonnummerUtf16(new Uint8Array([0xff, ...Buffer.from('Eva 850101-1236', 'utf16le')])); // { match: '850101-1236', … }
 */
export function findPersonnummerUtf16(bytes: Uint8Array): PersonnummerMatch | null {
  for (const offset of [0, 1]) {
    const text = utf16Reading(bytes, offset);
    const found = text === null ? null : scanReading(text);
    if (found !== null) return found;
  }
  return null;
}
