/**
 * The personnummer net of a byte array an update carries as a value (binary content, or bytes
 * inside a JSON value, an embed or a format), whose layout is not known: the bytes may be any
 * file a person's tool wrote, so they are read in every reading the net makes of bytes.
 */
import { findPersonnummer, type PersonnummerMatch } from './personnummer.js';
import { findPersonnummerInBytes } from './raw-scan.js';
import { separatorUnit } from './normalize-digits.js';
import { Chain, chainDigits, controlChar } from './raw-scan-chain.js';
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
 * random bytes, which hold ten digits here and there, the count 0.03 ms. The whole text is read
 * only around the stretches where ten digits chain (`chainedWindows`): once one stretch anywhere
 * chained, the guard read all of it, and the larger the bytes the likelier one is, so the cost
 * grew faster than the bytes (random bytes: 64 KB most often passed by the count, 1 MB read
 * whole, 2 µs a character). Linear in the bytes.
 *
 * @example
 * findPersonnummerInBinary(new Uint8Array(Buffer.from('\ufeffEva 850101-1236', 'utf16le'))); // { match: '850101-1236', … }
 */
export function findPersonnummerInBinary(bytes: Uint8Array): PersonnummerMatch | null {
  return findPersonnummerInBytes(bytes) ?? wholeText(bytes) ?? findPersonnummerUtf16(bytes);
}

/** The first number in `bytes` decoded whole as UTF-8, or null; read only where ten digits chain in it ({@link chainedWindows}). */
function wholeText(bytes: Uint8Array): PersonnummerMatch | null {
  const text = WHOLE.decode(bytes);
  for (let k = 0, windows = chainedWindows(text); k < windows.length; k += 2) {
    const from = windows[k] as number;
    const window = text.slice(from, windows[k + 1]);
    const found = findPersonnummer(window);
    if (found !== null && !gluedAfter(window, found)) return { ...found, index: found.index + from };
  }
  return null;
}

/** Control characters (C0, DEL, C1): read as nothing by the guard, so they glue what follows them to the text before. */
const CONTROLS = /\p{Cc}/gu;

/**
 * True when `found` in `window` is a number only because control characters after it glued the
 * bytes after them to its text: with them read as a space, a word's end, the guard reads none.
 * The bytes do not say where a text ends; read as nothing, a control byte and the bytes after a
 * receipt's `…98.92 kr` read `…98.92 krs`, no amount in kronor (as `scanJoined` weighs its joins).
 * A label after the number (`…00:01\u0001(pnr)`) reads the same either way.
 */
function gluedAfter(window: string, found: PersonnummerMatch): boolean {
  const end = found.index + found.match.length;
  const after = window.slice(end);
  CONTROLS.lastIndex = 0;
  if (!CONTROLS.test(after)) return false;
  return findPersonnummer(window.slice(0, end) + after.replace(CONTROLS, ' ')) === null;
}

/**
 * Units of the text read on either side of a stretch where ten digits chain: the words before a
 * number that name it or a birth (`nameBefore` looks back 64), with a control character between
 * each two letters (`P\0n\0r\0`), and after it (`(pnr)`).
 */
const CONTEXT = 160;

/**
 * Where in `text` ten digits chain (`Chain`, as `chainsTenDigits` counts: control characters
 * read as nothing, a look-alike letter beside a digit a digit), as `[from, to)` pairs in order:
 * each chained stretch from its first digit to where its chain ends, with {@link CONTEXT} units
 * on either side, stretched to the ends of the words there; pairs that overlap merged. The guard
 * finds a number only where its digits chain so (what the count before it assumed); a word that
 * names the number further away than the context counts no more in a byte array's text.
 */
export function chainedWindows(text: string): number[] {
  const windows: number[] = [];
  const chain = new Chain();
  let start = 0;
  /** After the last digit of the chain. */
  let end = 0;
  let ten = false;
  const close = (): void => {
    if (!ten) return;
    ten = false;
    const from = wordStart(text, Math.max(0, start - CONTEXT));
    const to = wordEnd(text, Math.min(text.length, end + CONTEXT));
    if (windows.length > 0 && from <= (windows[windows.length - 1] as number)) windows[windows.length - 1] = to;
    else windows.push(from, to);
  };
  for (let i = 0; i < text.length; i++) {
    const at = i;
    const cp = text.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    if (controlChar(cp)) continue;
    const digits = chainDigits(text, i + 1, cp, chain);
    if (digits > 0 && !chain.joins()) {
      close();
      start = at;
    }
    if (digits > 0) end = i + 1;
    if (chain.add(digits, digits > 0 ? 0 : separatorUnit(cp))) ten = true;
  }
  close();
  return windows;
}

/** A letter, digit or control character: what a window's edge is moved past, so no word is cut (`xpnr` read as `pnr`). */
const inWord = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return controlChar(c) || (c >= 0xdc00 && c <= 0xdfff) || /[\p{L}\p{N}\p{M}]/u.test(text.charAt(i));
};

/** `at` moved back to the start of the word it stands in (at most {@link CONTEXT} units more). */
function wordStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && at - i < CONTEXT && inWord(text, i)) i--;
  return i;
}

/** `at` moved on to the end of the word before it (at most {@link CONTEXT} units more). */
function wordEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && i - at < CONTEXT && inWord(text, i)) i++;
  return i;
}
