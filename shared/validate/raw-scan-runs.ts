/**
 * The first pass of the raw-byte net (`raw-scan.ts`) over one reading of the bytes: the text cut
 * into runs where a control character or an undecodable byte stands, each run read alone by the
 * guard (`findPersonnummer`), but for control characters inside a number, which the guard reads
 * as nothing (`19760929\u00012292`). What these functions share with the second pass, across
 * control characters where a word goes on (`raw-scan-joined.ts`): where a run ends
 * ({@link breaksRun}, {@link controlsEnd}) and how one is read ({@link readRun}).
 */
import { countDigits, vanishes } from './normalize-digits.js';
import { findPersonnummer, type PersonnummerMatch } from './personnummer.js';
import { controlChar, controlsJoin, MIN_DIGITS } from './raw-scan-chain.js';

/**
 * Control characters and U+FFFD (an undecodable byte) split the text into runs; a U+FFFD whose
 * index is in `written` is one the bytes spell out (a text holding the replacement character
 * itself, `850101�1236`, which the guard reads as a dash) and does not.
 */
export function breaksRun(code: number, at: number, written: ReadonlySet<number> | null): boolean {
  return controlChar(code) || (code === 0xfffd && written?.has(at) !== true);
}

/** The index after the control characters (and others read as nothing) from `at` on. */
export function controlsEnd(text: string, at: number): number {
  let end = at;
  for (; end < text.length; end++) {
    const c = text.charCodeAt(end);
    if (!controlChar(c) && (c === 0xfffd || !vanishes(c))) break;
  }
  return end;
}

/** The text without up to two characters at the start and one at the end: length and type bytes around a string. */
function scannedBefore(run: string, seen: ReadonlySet<string>): boolean {
  for (let head = 0; head <= 2; head++) {
    for (let tail = 0; tail <= 1; tail++) if (seen.has(run.slice(head, run.length - tail))) return true;
  }
  return false;
}

/** Bytes of the UTF-8 encoding of the UTF-16 unit `c` (a surrogate two: a pair is four). */
function utf8Bytes(c: number): number {
  return c < 0x80 ? 1 : c < 0x800 || (c & 0xf800) === 0xd800 ? 2 : 3;
}

/**
 * True when the string after the length byte at `at` is cut short by the end of the bytes: the
 * run reaches the end of `text` with fewer bytes than the length says (`bytes`, counted to `k`),
 * and the length byte is a digit (a string 48–57 bytes long). Only a digit hides the number it
 * glues to (`58501011236`: eleven digits, no date part); a letter or a mark before the date part
 * the guard reads past, or not as it reads it anywhere. A text at the end of the bytes that
 * starts with a letter (`SKU270805J2671`) is therefore never read shortened; one that starts
 * with two digits or more (`46701234567`) is, and its last ten refused when they pass the date and
 * Luhn checks: the cost, in bytes that no longer decode, of not missing a truncated title.
 */
function cutShort(text: string, at: number, k: number, end: number, bytes: number): boolean {
  const length = text.charCodeAt(at);
  return end === text.length && k === end && bytes < length && length >= 48 && length <= 57;
}

/**
 * The first number in a string of `text` whose length byte stands at the head of the run from
 * `start` to `end`: at `start`, or after one byte (the type byte `w` of a value, a clock). Yjs
 * writes a string as its length in bytes, then its UTF-8 bytes; a length of 32–126 bytes is a
 * printable character that glues to the string (`w5` + `8501011236 Anna…`, a 53-byte title: the
 * guard reads no number in `58501011236`). Read only where the characters after it make exactly
 * that many UTF-8 bytes within the run, so a text merely starting with digits (`46701234567`,
 * `SKU270805J2671` in the bytes) is not read shortened; but a string cut short by the end of the
 * bytes is read after a length byte that is a digit (`cutShort`). The struct walk knows each
 * string's end; bytes read without it (what `samplan history scan` reads of bytes that do not
 * decode) learn it here.
 */
function lengthPrefixed(text: string, start: number, end: number, least: number): PersonnummerMatch | null {
  for (let at = start; at <= start + 1 && at < end; at++) {
    const length = text.charCodeAt(at);
    if (length < 0x20 || length > 0x7e) continue;
    let bytes = 0;
    let k = at + 1;
    while (k < end && bytes < length) bytes += utf8Bytes(text.charCodeAt(k++));
    if (bytes !== length && !cutShort(text, at, k, end, bytes)) continue;
    if (countDigits(text, least, at + 1, k) < least) continue;
    const found = findPersonnummer(text.slice(at + 1, k));
    if (found !== null) return found;
  }
  return null;
}

/**
 * `findPersonnummer` of `text` from `start` to `end` when it may hold ten digits and is no text of
 * `seen`, nor of `clean`: the texts of the same bytes the guard already read and found nothing in
 * (added to here). Runs of ASCII read alike in the UTF-8 text and every single-byte reading, and
 * a paste repeats its texts row after row: each such text is read once per update. With
 * `prefixed`, a run the guard finds nothing in is read once more as a string after a length byte
 * at its head (`lengthPrefixed`): not where the net knows where each string starts (`scanUpdate`).
 * `least`: the fewest digits a run read holds (`MIN_DIGITS`; fewer for a date written with the
 * month's name, `raw-scan-months.ts`).
 */
export function readRun(text: string, start: number, end: number, seen: ReadonlySet<string>, clean: Set<string>, prefixed = true, least = MIN_DIGITS): PersonnummerMatch | null {
  if (end <= start || countDigits(text, least, start, end) < least) return null;
  const run = text.slice(start, end);
  if (clean.has(run) || scannedBefore(run, seen)) return null;
  const found = findPersonnummer(run) ?? (prefixed ? lengthPrefixed(text, start, end, least) : null);
  if (found === null) clean.add(run);
  return found;
}

/**
 * The first number in a run of `text` (runs end at {@link breaksRun}, but for control characters
 * inside a number: `controlsJoin`). A run is read only when it may hold ten digits, counted as
 * `findPersonnummer` counts them (`countDigits` of `normalize-digits.ts`: ASCII digit one, `٨`
 * one, `⑫` two, `⅒` three, a look-alike letter beside a digit one), so a run passed over is one it
 * would return null for at once; most runs of text are passed over without being cut out of the
 * text or looked up in `seen`.
 *
 * A run joined across control characters inside a number is read whole, as the guard reads it
 * (`19760929\u00012292`), and then each piece between them alone: where the net is not told where
 * a string ends, after a string's last digit an update holds a count and a client id (before
 * its first, a clock and the length) whose bytes may read as a control character and a digit
 * (`\u0001` then `1` of 0x31, `٩` of D9 A9, `９` of EF BC 99), which the guard, reading the control
 * as nothing, glues to the serial: `född 850101 nr 1236\u0001٩` holds no number to it.
 */
export function scanRuns(text: string, seen: ReadonlySet<string>, clean: Set<string>, written: ReadonlySet<number> | null = null, prefixed = true): PersonnummerMatch | null {
  let start = 0;
  // Where the pieces of the run start, past its first, when control characters inside a number joined it.
  let pieces: number[] | null = null;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !breaksRun(text.charCodeAt(i), i, written)) continue;
    if (i < text.length && controlChar(text.charCodeAt(i))) {
      const end = controlsEnd(text, i);
      // Inside a number the guard reads them as nothing (`19760929\u00012292`): the run goes on.
      if (controlsJoin(text, start, i, end, 'number')) {
        (pieces ??= []).push(i, end);
        i = end - 1;
        continue;
      }
    }
    const found = readRun(text, start, i, seen, clean, prefixed) ?? (pieces === null ? null : readPieces(text, start, i, pieces, seen, clean, prefixed));
    if (found !== null) return found;
    pieces = null;
    start = i + 1;
  }
  return null;
}

/**
 * The first number in a piece of the run of `text` from `start` to `end` that `cuts` (where each
 * run of control characters inside a number starts and ends, in pairs) cut it into, each read alone.
 */
function readPieces(text: string, start: number, end: number, cuts: readonly number[], seen: ReadonlySet<string>, clean: Set<string>, prefixed: boolean): PersonnummerMatch | null {
  let from = start;
  for (let k = 0; k <= cuts.length; k += 2) {
    const to = k < cuts.length ? (cuts[k] as number) : end;
    const found = readRun(text, from, to, seen, clean, prefixed);
    if (found !== null) return found;
    from = cuts[k + 1] as number;
  }
  return null;
}
