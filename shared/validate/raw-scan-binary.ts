/**
 * The personnummer net of a byte array an update carries as a value (binary content, or bytes
 * inside a JSON value, an embed or a format), whose layout is not known: the bytes may be any
 * file a person's tool wrote, so they are read in every reading the net makes of bytes.
 */
import { findPersonnummer, type PersonnummerMatch } from './personnummer.js';
import { findPersonnummerInBytes } from './raw-scan.js';
import { chainsTenDigits } from './raw-scan-chain.js';
import { findPersonnummerUtf16 } from './raw-scan-utf16.js';

const WHOLE = new TextDecoder('utf-8');

/**
 * The first personnummer or samordningsnummer in `bytes`, or null: read by the raw net (UTF-8 and
 * the legacy 8-bit encodings), whole as UTF-8 text too, since the net joins at most four runs of
 * text across control bytes (`MOST_JOINED`) and reads a label cut by more in pieces (the guard
 * reads control characters as nothing), and as UTF-16 little- and big-endian, with or without a
 * byte-order mark (`raw-scan-utf16.ts`: `8\0 5\0 …`, which no 8-bit reading joins). Each reading
 * is read by the guard only where ten digits stand close together in it (`chainsTenDigits`, and
 * `mayHoldNumber` of the raw net): the guard took 8 ms and more for the whole text of 4 KB of
 * random bytes, which hold ten digits here and there, the count 0.03 ms. Linear in the bytes.
 *
 * @example
 * findPersonnummerInBinary(new Uint8Array(Buffer.from('\ufeffEva 850101-1236', 'utf16le'))); // { match: '850101-1236', … }
 */
export function findPersonnummerInBinary(bytes: Uint8Array): PersonnummerMatch | null {
  return findPersonnummerInBytes(bytes) ?? wholeText(bytes) ?? findPersonnummerUtf16(bytes);
}

/** The first number in `bytes` decoded whole as UTF-8, or null; read only where ten digits chain in it. */
function wholeText(bytes: Uint8Array): PersonnummerMatch | null {
  const text = WHOLE.decode(bytes);
  return chainsTenDigits(text, 0, text.length) ? findPersonnummer(text) : null;
}
