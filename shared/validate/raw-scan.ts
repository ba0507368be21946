/**
 * The second net under `checkUpdate`: the personnummer detector run over an update's raw bytes,
 * so that a number hidden where the struct walk does not look (bytes Yjs skips, a field a later
 * Yjs version adds) is still caught. The bytes are read twice, as UTF-8 (digits of every script)
 * and as Latin-1 (a no-break space or other single byte between the digits); control bytes and
 * undecodable bytes, which is what separates the strings of an encoded update, end a run.
 */
import { findPersonnummer, type PersonnummerMatch } from './personnummer.js';

/** A personnummer has at least ten digits. */
const MIN_DIGITS = 10;
const utf8 = new TextDecoder('utf-8');
const CHUNK = 8192;

/** ISO-8859-1, byte for character (TextDecoder's 'latin1' is windows-1252, which maps 0x96 to a dash). */
function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += CHUNK) out += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return out;
}

/** Bytes between two digits of one number, at most: a few separators of up to three bytes each. */
const MAX_GAP = 8;

/**
 * True when the bytes may hold ten digits close together: ASCII digits, or a multi-byte
 * character (every non-ASCII digit is one), each at most {@link MAX_GAP} bytes from the last.
 * Most updates, whose few digits are scattered among their structure, stop here.
 */
function mayHoldNumber(bytes: Uint8Array): boolean {
  let chain = 0;
  let last = -MAX_GAP - 1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    let digit = b >= 48 && b <= 57;
    if (!digit && b >= 0xc2 && b <= 0xf4) {
      const next = bytes[i + 1] ?? 0;
      digit = next >= 0x80 && next <= 0xbf;
    }
    if (!digit) continue;
    chain = i - last <= MAX_GAP ? chain + 1 : 1;
    last = i;
    if (chain >= MIN_DIGITS) return true;
  }
  return false;
}

/** Control characters and U+FFFD (an undecodable byte) split the text into runs. */
function breaksRun(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfffd;
}

function scanRuns(text: string): PersonnummerMatch | null {
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !breaksRun(text.charCodeAt(i))) continue;
    if (i - start >= MIN_DIGITS) {
      const found = findPersonnummer(text.slice(start, i));
      if (found !== null) return found;
    }
    start = i + 1;
  }
  return null;
}

/**
 * The first personnummer or samordningsnummer in `bytes` read as text, or null. Cost is linear
 * in the bytes; updates without ten digit-like bytes close together return at once.
 *
 * @example
 * findPersonnummerInBytes(new TextEncoder().encode('\u0000\u000319121212-1212')); // a match
 */
export function findPersonnummerInBytes(bytes: Uint8Array): PersonnummerMatch | null {
  if (!mayHoldNumber(bytes)) return null;
  return scanRuns(utf8.decode(bytes)) ?? scanRuns(latin1(bytes));
}
