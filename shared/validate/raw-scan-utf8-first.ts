/**
 * The raw-byte net (`raw-scan.ts`) for bytes whose layout is not known, read UTF-8 first, as a
 * text file is read (`server/http/decode-text.ts`): where the bytes are UTF-8 they are read as
 * UTF-8 only, and only the bytes that are no UTF-8 are read in each legacy 8-bit encoding
 * (`raw-scan-readings.ts`). `findPersonnummerInBytes` reads every byte in every such encoding as
 * soon as one byte is no UTF-8, which any binary framing holds: a UTF-8 en dash (E2 80 93) beside
 * such a byte became `â€“` in Windows-1252, and `20260302 (â€“) 09:14` a number to the guard, where
 * the text written, `20260302 (–) 09:14`, is none. A Windows-1252 text (`850101\x961236`, its en
 * dash 0x96 no UTF-8) is still read as Windows-1252. For the door, whose net must read what any
 * reader might, `findPersonnummerInBytes` stays; this is for reading stored bytes back
 * (`samplan history scan`). Bytes that hold no number so read are read as UTF-16 too
 * (`raw-scan-utf16.ts`: a digit and a zero byte, `8\0 5\0 …`, is no number to any 8-bit reading).
 */
import { scanReading, utf8CodePoint, utf8Length } from './raw-scan.js';
import { distinctReadings, type SingleByteReading } from './raw-scan-readings.js';
import type { PersonnummerMatch } from './personnummer.js';
import { findPersonnummerUtf16 } from './raw-scan-utf16.js';

/** Each byte's position, and for the bytes that start a UTF-8 character its code point; -1 for a byte that is no UTF-8. */
function utf8Map(bytes: Uint8Array): Int32Array {
  const cps = new Int32Array(bytes.length).fill(-2);
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] as number;
    const cp = b < 0x80 ? b : utf8CodePoint(bytes, i, b);
    cps[i] = cp;
    i += cp < 0 ? 1 : b < 0x80 ? 1 : utf8Length(b);
  }
  return cps;
}

/** `bytes` read as UTF-8 where they are, and each byte that is not as `reading` reads it (U+FFFD without one). */
function mixedText(bytes: Uint8Array, cps: Int32Array, reading: SingleByteReading | null): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const cp = cps[i] as number;
    if (cp === -2) continue;
    // A U+FFFD written in the text the guard reads as a dash; one standing for a byte ends a run.
    if (cp === 0xfffd) parts.push('-');
    else if (cp >= 0) parts.push(String.fromCodePoint(cp));
    else parts.push(String.fromCodePoint(reading ? (reading.codes[bytes[i] as number] as number) : 0xfffd));
  }
  return parts.join('');
}

/**
 * The first personnummer or samordningsnummer in `bytes` read UTF-8 first, then as UTF-16 (see
 * the module comment), or null. Not gated by `mayHoldNumber`, which counts other readings than this one (a
 * UTF-8 dash beside a byte read as `²`); a run with fewer than ten digits is passed over
 * unread all the same. Linear in the bytes, once per distinct reading of the bytes that are no UTF-8.
 *
 * @example
 * findPersonnummerUtf8First(new Uint8Array([0xff, ...new TextEncoder().encode('20260302 (–) 09:14')])); // null
 */
export function findPersonnummerUtf8First(bytes: Uint8Array): PersonnummerMatch | null {
  return utf8First(bytes) ?? findPersonnummerUtf16(bytes);
}

/** The UTF-8-first readings alone. */
function utf8First(bytes: Uint8Array): PersonnummerMatch | null {
  const cps = utf8Map(bytes);
  const foreign: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (cps[i] === -1) foreign.push(bytes[i] as number);
  if (foreign.length === 0) return scanReading(mixedText(bytes, cps, null));
  for (const reading of distinctReadings(Uint8Array.from(foreign))) {
    const found = scanReading(mixedText(bytes, cps, reading));
    if (found !== null) return found;
  }
  return null;
}
