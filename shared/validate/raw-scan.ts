/**
 * The second net under `checkUpdate`: the personnummer detector run over an update's raw bytes,
 * so that a number hidden where the struct walk does not look (bytes Yjs skips, a field a later
 * Yjs version adds) is still caught. The bytes are read as UTF-8 (digits of every script) and,
 * when some are no UTF-8, byte by byte in every legacy 8-bit encoding a Swedish file carries
 * (`raw-scan-readings.ts`: Latin-1, Windows-1252, ISO-8859-15, Mac Roman, CP437, CP850: a
 * no-break space, an en dash 0x96, a Mac Roman `ö` 0x9A of `född`). Control bytes and undecodable
 * bytes, which is what separates the strings of an encoded update, end a run, except control
 * characters inside a number, which the guard reads as nothing (`raw-scan-chain.ts`): such a run
 * is read joined and cut there both, since a string's last digit may be followed by a control
 * byte and bytes of the encoding that read as a digit (`scanRuns` of `raw-scan-runs.ts`; the
 * second pass, across control characters where a word goes on, is `raw-scan-joined.ts`). Where
 * the bytes are a Yjs update that decodes, the net is told where its strings stand
 * ({@link scanUpdate}) and no run goes on across a string's edge. A date of birth written with the
 * month's name (`8 dec 1981-9876`: fewer than ten digits) is read by a pass of its own
 * (`raw-scan-months.ts`), where a month's name stands beside a digit.
 */
import { digitCount, lookAlikeDigit, separatorUnit, vanishes } from './normalize-digits.js';
import { WORDED_GAP } from './personnummer-shapes.js';
import type { PersonnummerMatch } from './personnummer.js';
import { Chain, controlChar } from './raw-scan-chain.js';
import { scanJoined } from './raw-scan-joined.js';
import { scanMonthDates, monthDateInBytes, monthNameFrom } from './raw-scan-months.js';
import { distinctReadings, singleByteChained, singleByteMayHoldNumber, singleByteText } from './raw-scan-readings.js';
import { scanRuns } from './raw-scan-runs.js';
import { reserveInBytes, reserveInText, scanReserve } from './raw-scan-reserve.js';
import { stringSpans } from './update-string-spans.js';

const utf8 = new TextDecoder('utf-8');

/** {@link separatorUnit} of each ASCII character. */
const ASCII_UNIT = Int16Array.from({ length: 128 }, (_, c) => separatorUnit(c));

/** Bytes of the UTF-8 character by its lead byte (0xC2–0xF4; below 0xE0 two, below 0xF0 three, else four). */
const UTF8_LENGTH = Uint8Array.from({ length: 256 }, (_, lead) => (lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4));

/**
 * Bytes of the UTF-8 character whose lead byte is `lead` (0xC2–0xF4): a table, not compares, so a
 * script not met before (a first three-byte character) finds the scan's optimized code ready for it.
 */
export function utf8Length(lead: number): number {
  return UTF8_LENGTH[lead] as number;
}

/** The smallest code point of a UTF-8 character of 2, 3, 4 bytes: below it the bytes are an overlong form. */
const SMALLEST = [0, 0, 0x80, 0x800, 0x10000];

/**
 * The code point of the UTF-8 character whose lead byte is at `i`, or -1 when the bytes there are
 * no character UTF-8 decoding reads (a lone continuation byte, a lead without its continuation
 * bytes, an overlong form, a surrogate, past U+10FFFF): there the decoded text holds U+FFFD.
 * The bytes end at `end` (default: their length).
 */
export function utf8CodePoint(bytes: Uint8Array, i: number, lead: number, end = bytes.length): number {
  if (lead < 0xc2 || lead > 0xf4) return -1;
  const length = utf8Length(lead);
  let cp = lead & (0x3f >> (length - 1));
  // Never read past the end (an out-of-bounds read leaves the loop's optimized code): a lead
  // cut off at the end is no character.
  if (i + length > end) return -1;
  for (let k = 1; k < length; k++) {
    const next = bytes[i + k] as number;
    if ((next & 0xc0) !== 0x80) return -1;
    cp = (cp << 6) | (next & 0x3f);
  }
  // Each test made on every call (no `||` chain whose later compares only rare bytes reach): the
  // first surrogate or overlong form met keeps the scan's optimized code.
  const overlong = cp < (SMALLEST[length] as number);
  const beyond = cp > 0x10ffff;
  const surrogate = (cp & 0x1ff800) === 0xd800;
  return overlong || beyond || surrogate ? -1 : cp;
}

/** True when the first UTF-8 character from byte `i` on, before `end`, that is not read as nothing becomes a digit. */
function digitAtByte(bytes: Uint8Array, i: number, end: number): boolean {
  while (i < end) {
    const b = bytes[i] as number;
    if (b < 0x80) return b >= 48 && b <= 57;
    const cp = utf8CodePoint(bytes, i, b, end);
    if (cp < 0) return false;
    if (digitCount(cp) > 0) return true;
    if (!vanishes(cp)) return false;
    i += utf8Length(b);
  }
  return false;
}

/**
 * True when the bytes may hold ten digits close together (when false, {@link findPersonnummerInBytes}
 * finds nothing in them). Each of the readings {@link scanBytes} makes is counted as the
 * guard reads it: the bytes as UTF-8, and, when they hold a byte above ASCII (`scanBytes` reads
 * the single-byte readings of an update so, of other bytes when one is undecodable or a written
 * U+FFFD), byte by byte in each single-byte reading no
 * other one's chain covers (`CHAINED_READINGS`). Each character counts the
 * digits the guard's normalisation reads it as (`٨` one, `⑫` two, `⅒` three; as Latin-1 `²` one,
 * `¼` two); a look-alike letter (`O`, `l`, `S`, `B` …) one beside a digit of the same reading.
 * Counted characters chain when at most {@link MAX_GAP} characters stand between them as the
 * guard reads them (see there), or, after a date part's six digits, at most `WORDED_GAP`: the
 * words a person writes between date part and serial (`850101 – personnummer – 1236`); an
 * undecodable byte, which ends a run of the text, ends a chain, and so does a control character
 * but right after a digit or a digit and a separator (`Chain.control`: the guard reads it as
 * nothing inside a number, `19760929\u00012292`). Most updates,
 * whose few digits are scattered among their structure, stop here. With `from` and `to`, the
 * bytes from `from` up to `to` are counted as if they were all there is (`bytes.subarray(from,
 * to)`, without making it). True too when the bytes hold a month's name beside a digit
 * (`monthDateInBytes`): a date of birth written with the month's name holds as few as seven digits;
 * and when eight digits stand before a letter (`reserveInBytes`): a reservnummer holds as few as nine.
 */
export function mayHoldNumber(bytes: Uint8Array, from = 0, to = bytes.length): boolean {
  const utf8Count = utf8MayHoldNumber(bytes, from, to);
  // Read as `scanUpdate` reads an update: in the single-byte readings when a byte is no ASCII.
  if (utf8Count === TEN || (utf8Count === HIGH && singleByteMayHoldNumber(bytes, from, to))) return true;
  // A date written with the month's name holds as few as seven digits (`8 dec 81-9876`), a
  // national reservnummer nine (`22850101ABC1`).
  return monthDateInBytes(bytes, from, to) || reserveInBytes(bytes, from, to);
}

/** What {@link utf8MayHoldNumber} found: ten digits close together, or not and a byte above ASCII (or not). */
const TEN = 2;
const HIGH = 1;
const ASCII = 0;

/**
 * The UTF-8 part of {@link mayHoldNumber}: {@link TEN}, else {@link HIGH} when a byte is above
 * ASCII, else {@link ASCII}. Every way out of its loop returns here, so that code V8 optimizes
 * while one long update is in the loop (on-stack replacement, before any call got to its end)
 * holds no call it has never seen made: such a call, the single-byte readings', cost a
 * deoptimization on every later call that reached it (100,000 of them checking one paste's
 * strings alone, the check ten times slower).
 */
function utf8MayHoldNumber(bytes: Uint8Array, from: number, to: number): number {
  const chain = new Chain();
  let undecodable = false;
  let high = false;
  for (let i = from; i < to; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      if (b >= 48 && b <= 57) {
        if (chain.add(1, 0)) return TEN;
      } else if (controlChar(b)) chain.control();
      else if (lookAlikeDigit(b) !== undefined && (chain.gap === 0 || digitAtByte(bytes, i + 1, to))) {
        if (chain.add(1, 0)) return TEN;
      } else if (chain.gap <= WORDED_GAP) chain.add(0, ASCII_UNIT[b] as number);
      continue;
    }
    high = true;
    const cp = utf8CodePoint(bytes, i, b, to);
    if (cp < 0) {
      undecodable = true;
      chain.cut();
      continue;
    }
    const length = utf8Length(b);
    if (cp === 0xfffd) undecodable = true;
    if (controlChar(cp)) chain.control();
    else {
      let digits = digitCount(cp);
      if (digits === 0 && lookAlikeDigit(cp) !== undefined && (chain.gap === 0 || digitAtByte(bytes, i + length, to))) digits = 1;
      if (chain.add(digits, digits > 0 ? 0 : separatorUnit(cp))) return TEN;
    }
    i += length - 1;
  }
  return undecodable || high ? HIGH : ASCII;
}

/**
 * The indices in `text` (`bytes` decoded as UTF-8) of the U+FFFD characters written in the bytes
 * as EF BF BD, told apart from those decoding put for an undecodable byte: the bytes are decoded
 * again with each EF BF BD as `-`, which keeps every index (one UTF-16 unit each way; EF and `-`
 * are no continuation bytes, so the undecodable bytes around are read the same).
 */
function writtenReplacements(bytes: Uint8Array, text: string): Set<number> | null {
  let at = spelledReplacement(bytes, 0);
  // Most undecodable updates (binary client ids, info bytes) spell none: then nothing is copied.
  if (at < 0) return null;
  const dashed = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; ) {
    if (i === at) {
      dashed[n++] = 45;
      i += 3;
      at = spelledReplacement(bytes, i);
    } else {
      dashed[n++] = bytes[i++] as number;
    }
  }
  const read = utf8.decode(dashed.subarray(0, n));
  const written = new Set<number>();
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) if (read.charCodeAt(i) === 45) written.add(i);
  return written.size > 0 ? written : null;
}

/** The index of the first EF BF BD (U+FFFD spelled out in UTF-8) in `bytes` from `from` on, or -1. */
function spelledReplacement(bytes: Uint8Array, from: number): number {
  for (let i = bytes.indexOf(0xef, from); i >= 0; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) return i;
  }
  return -1;
}

/**
 * The first personnummer or samordningsnummer in `bytes` read as text, or null. Cost is linear
 * in the bytes; updates without ten digits close together (see {@link mayHoldNumber}) return at once. `seen` are
 * texts already scanned (the strings of the update, as the struct walk read them): a run of the
 * bytes that is one of them, give or take the length and type bytes around it, is not read again.
 *
 * @example
 * findPersonnummerInBytes(new TextEncoder().encode('\u0000\u000319121212-1212')); // a match
 */
export function findPersonnummerInBytes(bytes: Uint8Array, seen: ReadonlySet<string> = NONE): PersonnummerMatch | null {
  return mayHoldNumber(bytes) ? scanBytes(bytes, seen) : null;
}

/**
 * {@link findPersonnummerInBytes} for bytes {@link mayHoldNumber} already said yes to: the caller
 * asked first (`checkUpdate` does, to know whether the walk need remember what it scanned).
 * `spans` are where the update's strings stand, `[start, end)` pairs of byte offsets in order
 * (`stringSpans` of `update-string-spans.ts`), when its layout is known: then no run of any
 * reading goes on across a string's start or end, and the bytes are read in every single-byte
 * reading whenever one of them is no ASCII (see {@link scanUpdate}).
 */
export function scanBytes(bytes: Uint8Array, seen: ReadonlySet<string> = NONE, spans: readonly number[] | null = null): PersonnummerMatch | null {
  const cut = spans === null || spans.length === 0 || !inOrder(spans, bytes.length) ? null : piecesOf(bytes, spans);
  // No piece of a known layout may hold a number: no reading finds one (`piecesOf`).
  if (cut !== null && cut.bytes.length === 0) return null;
  const marked = cut === null ? bytes : cut.bytes;
  const text = utf8.decode(marked);
  const replaced = text.includes('\ufffd');
  const written = replaced ? writtenReplacements(marked, text) : null;
  // An undecodable byte anywhere (or a written U+FFFD) is a byte the Latin-1 reading may show as
  // something else: a no-break space, `²`, `ö` of a word between date part and serial. Where the
  // strings are known, any byte above ASCII is read so: whether the client id's bytes are UTF-8
  // (chance) no longer decides whether a string is read in the single-byte readings.
  const single = cut === null ? replaced : highByte(bytes);
  const clean = new Set<string>();
  // Where a string starts is known, it is not guessed from a length byte glued to it (`readRun`).
  const prefixed = cut === null;
  // The UTF-8 text is read where ten digits chain in it as UTF-8: bytes that chain ten only in an
  // 8-bit reading (random bytes, a binary cell's, do in one or two of six) hold no number as
  // UTF-8, and both passes over their whole text cost more than every reading's pieces.
  const inText = utf8MayHoldNumber(marked, 0, marked.length) === TEN;
  if (!single) return (inText ? (scanRuns(text, seen, clean, written, prefixed) ?? scanJoined(text, seen, clean, written, prefixed)) : null) ?? monthDates(marked, text, null, seen, clean, written, prefixed) ?? scanReserve(marked, null, false);
  const found = inText ? scanRuns(text, seen, clean, written, prefixed) : null;
  if (found !== null) return found;
  // Each single-byte reading once: most bytes read alike in several (ASCII, Latin-1 letters).
  const readings: string[] = [];
  for (const r of distinctReadings(marked, cut?.at)) {
    // Only where ten digits may stand close together in this reading: made and read in pieces.
    const reading = singleByteChained(marked, r, cut?.at);
    if (reading === null) continue;
    readings.push(reading);
    const inReading = scanRuns(reading, NONE, clean, null, prefixed);
    if (inReading !== null) return inReading;
  }
  // Then each reading across control characters where a word goes on (the rarer number).
  const joined = inText ? scanJoined(text, seen, clean, written, prefixed) : null;
  if (joined !== null) return joined;
  for (const reading of readings) {
    const inReading = scanJoined(reading, NONE, clean, null, prefixed);
    if (inReading !== null) return inReading;
  }
  return monthDates(marked, text, cut?.at ?? null, seen, clean, written, prefixed) ?? scanReserve(marked, cut?.at ?? null, true);
}

/**
 * The first date of birth written with the month's name in `marked` (`raw-scan-months.ts`): read
 * in its UTF-8 `text` and, when `cuts` is given or the text holds an undecodable byte, in each
 * distinct single-byte reading, whole (the passes before read only pieces where ten digits chain).
 * Only bytes holding a month's name beside a digit are read (`monthDateInBytes`).
 */
function monthDates(marked: Uint8Array, text: string, cuts: readonly number[] | null, seen: ReadonlySet<string>, clean: Set<string>, written: ReadonlySet<number> | null, prefixed: boolean): PersonnummerMatch | null {
  const first = monthNameFrom(marked);
  if (first < 0) return null;
  if (marked.length > MONTH_WINDOW * 4) return monthWindows(marked, first, cuts, seen, clean, prefixed);
  const found = scanMonthDates(text, seen, clean, written, prefixed);
  if (found !== null || (cuts === null && !text.includes('\ufffd'))) return found;
  for (const r of distinctReadings(marked, cuts ?? undefined)) {
    // `seen` holds for a reading too: a run that is a text the walk read was judged as that text.
    const inReading = scanMonthDates(singleByteText(marked, r, cuts ?? undefined), seen, clean, null, prefixed);
    if (inReading !== null) return inReading;
  }
  return null;
}

/** Bytes read on either side of a month's name in large bytes ({@link monthWindows}): what `scanMonthDates` reads around it, and more. */
const MONTH_WINDOW = 256;

/**
 * {@link monthDates} of large bytes (random bytes hold a month's name as a word now and then, and
 * every reading of a megabyte made whole cost a second): the bytes within {@link MONTH_WINDOW} of
 * each month's name (`first` the first), read as `monthDates` reads small bytes. A run is read as
 * far as the window reaches, which holds the guard's words before the date and the serial after it:
 * a name in the last half of a window has a window of its own.
 */
function monthWindows(marked: Uint8Array, first: number, cuts: readonly number[] | null, seen: ReadonlySet<string>, clean: Set<string>, prefixed: boolean): PersonnummerMatch | null {
  for (let at = first; at >= 0; at = monthNameFrom(marked, Math.max(at + 1, to(at) - MONTH_WINDOW / 2))) {
    const from = Math.max(0, at - MONTH_WINDOW);
    const piece = marked.subarray(from, to(at));
    const inside = cuts === null ? null : cuts.filter((c) => c >= from && c < from + piece.length).map((c) => c - from);
    const found = monthDates(piece, utf8.decode(piece), inside ?? [], seen, clean, null, prefixed);
    if (found !== null) return found;
  }
  return null;

  function to(at: number): number {
    return Math.min(marked.length, at + MONTH_WINDOW);
  }
}

/**
 * {@link scanBytes} of a Yjs update (V1) read with its layout: where its strings stand is learned
 * as Yjs decodes it (`stringSpans`), and the net reads no run across a string's edge, so two
 * innocent strings (`Grupp 811218` and `nr 9876`, two cells of a row) are never read as one text
 * across the client id, info and length bytes between them, whatever bytes the client id has;
 * a number inside one string, or in the bytes between strings, is read as before. Bytes that
 * are no whole V1 update are read by {@link scanBytes} without it.
 */
export function scanUpdate(update: Uint8Array, seen: ReadonlySet<string> = NONE): PersonnummerMatch | null {
  return scanBytes(update, seen, stringSpans(update));
}

/** True when a byte of `bytes` is above ASCII. */
function highByte(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return true;
  return false;
}

/** The byte the readings put where a string starts or ends: no UTF-8 (read as U+FFFD), and U+FFFD in every single-byte reading (`singleByteChained`). */
const CUT = 0xff;

/** True when `spans` are edges in order within `bytes.length` (as the decode notes them): else they are no layout the net trusts. */
function inOrder(spans: readonly number[], length: number): boolean {
  for (let k = 0; k < spans.length; k++) if ((spans[k] as number) < (k === 0 ? 0 : (spans[k - 1] as number))) return false;
  return (spans.at(-1) as number) <= length;
}

/**
 * The pieces that `spans` cut `bytes` into (each string, and the bytes between two strings) that
 * {@link mayHoldNumber} says yes to, read alone, with a {@link CUT} byte between each two, and
 * where each `CUT` stands in the copy (empty bytes when no piece may hold a number). No run of
 * any reading goes on across a string's edge, so each piece is read alone: a piece without ten
 * digits close together in any reading holds no number any reading finds, and is not read. A
 * paste of rows holds its ten digits close together in a few strings (a phone, a date and a
 * time); the other strings and the bytes between them, most of it, are neither copied nor read.
 */
function piecesOf(bytes: Uint8Array, spans: readonly number[]): { bytes: Uint8Array; at: number[] } {
  const kept: number[] = [];
  let size = 0;
  let from = 0;
  for (let k = 0; k <= spans.length; k++) {
    const to = k < spans.length ? (spans[k] as number) : bytes.length;
    if (to <= from) continue;
    if (mayHoldNumber(bytes, from, to)) {
      kept.push(from, to);
      size += to - from + (kept.length > 2 ? 1 : 0);
    }
    from = to;
  }
  const out = new Uint8Array(size);
  const at: number[] = [];
  let n = 0;
  for (let k = 0; k < kept.length; k += 2) {
    if (k > 0) {
      at.push(n);
      out[n++] = CUT;
    }
    out.set(bytes.subarray(kept[k] as number, kept[k + 1] as number), n);
    n += (kept[k + 1] as number) - (kept[k] as number);
  }
  return { bytes: out, at };
}

const NONE: ReadonlySet<string> = new Set();

/**
 * The first number in `text`, a reading of bytes made elsewhere (`raw-scan-utf8-first.ts`), read
 * as {@link scanBytes} reads each of its readings: by runs, then across control characters where
 * a word goes on, then dates written with the month's name and reservnummer of fewer than ten
 * digits. A U+FFFD in it ends a run. With `prefixed` (a reading of one byte or a UTF-8
 * character a unit), a run is read once more as a string after a length byte at its head
 * (`readRun`); a UTF-16 reading is read without: each of its units is two bytes, so no length
 * byte stands as a unit of its own before a string. Linear in the text.
 */
export function scanReading(text: string, prefixed = true): PersonnummerMatch | null {
  const clean = new Set<string>();
  return scanRuns(text, NONE, clean, null, prefixed) ?? scanJoined(text, NONE, clean, null, prefixed) ?? scanMonthDates(text, NONE, clean, null, prefixed) ?? reserveInText(text);
}
