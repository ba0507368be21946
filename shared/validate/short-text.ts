/**
 * A short string of an update read straight from its bytes, without a `TextDecoder` call on a
 * fresh view of a few bytes and without building it a character at a time: the keys, column names
 * and cell texts of an edit are short, and mostly ASCII or Swedish (å, ä, ö, é: two-byte UTF-8).
 */
import * as decoding from 'lib0/decoding';

/** Strings up to this many bytes are read here; longer ones go through `TextDecoder`. */
export const SHORT_STRING = 64;

/**
 * The UTF-16 code units of the string being read: a packed array of small integers, made once,
 * so that reading a string allocates nothing but the string.
 */
const units: number[] = new Array<number>(SHORT_STRING).fill(0);

/**
 * The string at the decoder's position as `decoding.readVarString` reads it (its length in bytes as
 * a varuint, then UTF-8), or null, with the position unchanged, when it is not short text of one-
 * and two-byte UTF-8 characters (U+0000–U+07FF: ASCII and the Latin, Greek and Cyrillic letters).
 * What it returns is what lib0's reader (a fatal `TextDecoder`) returns for the same bytes; a
 * three- or four-byte character, a string longer than {@link SHORT_STRING} bytes, a length past
 * the end, and any byte sequence that is not valid UTF-8 (a lone continuation byte, an overlong
 * C0/C1 lead, a lead cut off at the end) give null, and the caller reads them the usual way
 * (which throws on invalid UTF-8 as before).
 *
 * Cost: one pass over the bytes into a reused array of code units, then the string made by
 * `String.fromCharCode` eight code units at a time (at most eight joins for 64 bytes), where
 * joining one character at a time allocated a new string per character.
 */
export function shortText(d: decoding.Decoder): string | null {
  const start = d.pos;
  const len = decoding.readVarUint(d);
  const from = d.pos;
  const arr = d.arr;
  const end = from + len;
  if (len > SHORT_STRING || end > arr.length) {
    d.pos = start;
    return null;
  }
  let n = 0;
  let i = from;
  while (i < end) {
    const b = arr[i] as number;
    if (b < 0x80) {
      units[n++] = b;
      i++;
      continue;
    }
    // A two-byte character: lead C2–DF (C0 and C1 would be overlong), then a continuation byte.
    const c = i + 1 < end ? (arr[i + 1] as number) : 0;
    if (b < 0xc2 || b > 0xdf || (c & 0xc0) !== 0x80) {
      d.pos = start;
      return null;
    }
    units[n++] = ((b & 0x1f) << 6) | (c & 0x3f);
    i += 2;
  }
  d.pos = end;
  return fromUnits(n);
}

/** The string of the first `n` entries of {@link units}. */
function fromUnits(n: number): string {
  const u = units;
  let out = '';
  let k = 0;
  for (; k + 8 <= n; k += 8) {
    out += String.fromCharCode(u[k] as number, u[k + 1] as number, u[k + 2] as number, u[k + 3] as number, u[k + 4] as number, u[k + 5] as number, u[k + 6] as number, u[k + 7] as number);
  }
  if (k + 4 <= n) {
    out += String.fromCharCode(u[k] as number, u[k + 1] as number, u[k + 2] as number, u[k + 3] as number);
    k += 4;
  }
  if (k + 2 <= n) {
    out += String.fromCharCode(u[k] as number, u[k + 1] as number);
    k += 2;
  }
  if (k < n) out += String.fromCharCode(u[k] as number);
  return out;
}
