/**
 * The second net under `checkUpdate`: the personnummer detector run over an update's raw bytes,
 * so that a number hidden where the struct walk does not look (bytes Yjs skips, a field a later
 * Yjs version adds) is still caught. The bytes are read as UTF-8 (digits of every script) and,
 * when some are no UTF-8, byte by byte as Latin-1 and as Windows-1252 (a no-break space, an en
 * dash 0x96 or another single byte between the digits: Swedish Excel's CSV is Windows-1252);
 * control bytes and undecodable bytes, which is what separates the strings of an encoded update,
 * end a run.
 */
import { countDigits, digitCount, lookAlikeDigit, separatorUnit, vanishes } from './normalize-digits.js';
import { WORDED_GAP } from './personnummer-shapes.js';
import { findPersonnummer, type PersonnummerMatch } from './personnummer.js';

/** True when the code point `cp` ends a run of the text (`breaksRun`): a control character. */
function controlChar(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

/** A personnummer has at least ten digits. */
const MIN_DIGITS = 10;
const utf8 = new TextDecoder('utf-8');
const CHUNK = 8192;

/** ISO-8859-1, byte for character: 0x80–0x9F are C1 controls, which end a run (see {@link windows1252} for the other reading). */
function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += CHUNK) out += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return out;
}

/**
 * Characters (as the guard's normalisation reads them) from one digit of a number to the next, at
 * most, in every shape but one: a separator with a space on either side (`850101 – 1236`,
 * `8 - 5 - 0 …`). Characters read as nothing (zero-width joiners, BOM …) and the repeats of a
 * separator whose runs read as one (`850101––––1236`, `850101......1236`) do not count, however
 * many; they are what the guard reads.
 */
const MAX_GAP = 3;
/** The fewest digits before the gap of words between date part and serial: a date part. */
const DATE_DIGITS = 6;

/**
 * The characters Windows-1252 gives the bytes 0x80–0x9F (Unicode's mapping table CP1252.TXT;
 * 0x81, 0x8D, 0x8F, 0x90 and 0x9D it leaves undefined, kept here as the C1 control Latin-1 reads,
 * as WHATWG's decoder does). Node's `TextDecoder('windows-1252')` decodes as Latin-1, so the table
 * is written out. Latin-1 reads these bytes as control characters, which end a run: a Windows-1252
 * en dash (0x96) between a date and its serial hid `Pnr: 1976-09-29 – 22.92`.
 */
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
/** The code point of each byte read as Windows-1252, which is Latin-1 but for 0x80–0x9F. */
const CP1252 = Uint32Array.from({ length: 256 }, (_, b) => (b >= 0x80 && b < 0xa0 ? (CP1252_80_9F[b - 0x80] as number) : b));

/**
 * {@link separatorUnit} of each byte read as Windows-1252. The chain of single bytes counts by this
 * reading: it breaks a run at fewer bytes than Latin-1 does (only the five bytes it leaves
 * undefined), so any number either reading may hold, it may hold.
 */
const LATIN1_UNIT = Int16Array.from(CP1252, (cp) => separatorUnit(cp));
/** {@link digitCount} of each byte read as Windows-1252 (`8` one, `²` one, `¼` `1/4` two). */
const LATIN1_DIGITS = Uint8Array.from(CP1252, (cp) => digitCount(cp));
/** True for the bytes that end a run as Windows-1252 reads them: the C0 controls, DEL and the five undefined bytes. */
const LATIN1_CONTROL = Uint8Array.from(CP1252, (cp) => (controlChar(cp) ? 1 : 0));
/** The digit each byte looks like as Windows-1252 reads it (`O`, `l`, `S` …), 1, else 0. */
const LATIN1_LOOK_ALIKE = Uint8Array.from(CP1252, (cp) => (lookAlikeDigit(cp) !== undefined ? 1 : 0));

/** Bytes of the UTF-8 character by its lead byte (0xC2–0xF4; below 0xE0 two, below 0xF0 three, else four). */
const UTF8_LENGTH = Uint8Array.from({ length: 256 }, (_, lead) => (lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4));

/**
 * Bytes of the UTF-8 character whose lead byte is `lead` (0xC2–0xF4): a table, not compares, so a
 * script not met before (a first three-byte character) finds the scan's optimized code ready for it.
 */
function utf8Length(lead: number): number {
  return UTF8_LENGTH[lead] as number;
}

/** The smallest code point of a UTF-8 character of 2, 3, 4 bytes: below it the bytes are an overlong form. */
const SMALLEST = [0, 0, 0x80, 0x800, 0x10000];

/**
 * The code point of the UTF-8 character whose lead byte is at `i`, or -1 when the bytes there are
 * no character UTF-8 decoding reads (a lone continuation byte, a lead without its continuation
 * bytes, an overlong form, a surrogate, past U+10FFFF): there the decoded text holds U+FFFD.
 */
function utf8CodePoint(bytes: Uint8Array, i: number, lead: number): number {
  if (lead < 0xc2 || lead > 0xf4) return -1;
  const length = utf8Length(lead);
  let cp = lead & (0x3f >> (length - 1));
  // Never read past the end (an out-of-bounds read leaves the loop's optimized code): a lead
  // cut off at the end is no character.
  if (i + length > bytes.length) return -1;
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

/** True when the first UTF-8 character from byte `i` on that is not read as nothing becomes a digit. */
function digitAtByte(bytes: Uint8Array, i: number): boolean {
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) return b >= 48 && b <= 57;
    const cp = utf8CodePoint(bytes, i, b);
    if (cp < 0) return false;
    if (digitCount(cp) > 0) return true;
    if (!vanishes(cp)) return false;
    i += utf8Length(b);
  }
  return false;
}

/** True when the first byte from `i` on, read as Windows-1252, that is not read as nothing becomes a digit. */
function digitAtLatin1(bytes: Uint8Array, i: number): boolean {
  for (; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (LATIN1_DIGITS[b] as number) return true;
    if (LATIN1_UNIT[b] !== -1) return false;
  }
  return false;
}


/**
 * How close the digits of one reading of the bytes stand, character by character as the guard
 * reads them: see {@link mayHoldNumber}.
 */
class Chain {
  /** Digits chained so far. */
  digits = 0;
  /** Characters since the last digit, as the guard reads them. */
  gap = WORDED_GAP + 1;
  /** The separator the last character became when its runs read as one (see `separatorUnit`), else 0. */
  prevUnit = 0;

  /** A character that becomes `digits` digits, or (none) the separator `unit`; true once ten digits chain. */
  add(digits: number, unit: number): boolean {
    // Each field read and each compare made on every call, before any branch: one made only on a
    // rare branch (a gap of words after a date part) had no type feedback when the scan loop was
    // optimized, and its first use threw that code away.
    const gap = this.gap;
    const chained = this.digits;
    const prevUnit = this.prevUnit;
    if (digits > 0) {
      const near = gap <= MAX_GAP;
      const worded = gap <= WORDED_GAP;
      const dated = chained >= DATE_DIGITS;
      const joined = near || (worded && dated);
      const now = joined ? chained + digits : digits;
      this.digits = now;
      this.gap = 0;
      this.prevUnit = 0;
      return now >= MIN_DIGITS;
    }
    if (unit >= 0 && (unit === 0 || unit !== prevUnit)) {
      this.gap = gap + 1;
      this.prevUnit = unit;
    }
    return false;
  }

  /** A run of the text ends (a control character, an undecodable byte). */
  cut(): void {
    this.digits = 0;
    this.gap = WORDED_GAP + 1;
    this.prevUnit = 0;
  }
}

/**
 * True when the bytes may hold ten digits close together (when false, {@link findPersonnummerInBytes}
 * finds nothing in them). Each of the two readings {@link scanBytes} makes is counted as the
 * guard reads it: the bytes as UTF-8, and, when they hold an undecodable byte or a written U+FFFD
 * (only then are the single-byte readings scanned), byte by byte as Windows-1252, which ends runs
 * at fewer bytes than Latin-1 (see `LATIN1_UNIT`). Each character counts the
 * digits the guard's normalisation reads it as (`٨` one, `⑫` two, `⅒` three; as Latin-1 `²` one,
 * `¼` two); a look-alike letter (`O`, `l`, `S`, `B` …) one beside a digit of the same reading.
 * Counted characters chain when at most {@link MAX_GAP} characters stand between them as the
 * guard reads them (see there), or, after a date part's six digits, at most `WORDED_GAP`: the
 * words a person writes between date part and serial (`850101 – personnummer – 1236`); a control
 * character or an undecodable byte, which ends a run of the text, ends a chain. Most updates,
 * whose few digits are scattered among their structure, stop here.
 */
export function mayHoldNumber(bytes: Uint8Array): boolean {
  const chain = new Chain();
  let undecodable = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      if (b >= 48 && b <= 57) {
        if (chain.add(1, 0)) return true;
      } else if (controlChar(b)) chain.cut();
      else if (lookAlikeDigit(b) !== undefined && (chain.gap === 0 || digitAtByte(bytes, i + 1))) {
        if (chain.add(1, 0)) return true;
      } else if (chain.gap <= WORDED_GAP) chain.add(0, LATIN1_UNIT[b] as number);
      continue;
    }
    const cp = utf8CodePoint(bytes, i, b);
    if (cp < 0) {
      undecodable = true;
      chain.cut();
      continue;
    }
    const length = utf8Length(b);
    if (cp === 0xfffd) undecodable = true;
    if (controlChar(cp)) chain.cut();
    else {
      let digits = digitCount(cp);
      if (digits === 0 && lookAlikeDigit(cp) !== undefined && (chain.gap === 0 || digitAtByte(bytes, i + length))) digits = 1;
      if (chain.add(digits, digits > 0 ? 0 : separatorUnit(cp))) return true;
    }
    i += length - 1;
  }
  return undecodable && latin1MayHoldNumber(bytes);
}

/** {@link mayHoldNumber} of the single-byte readings alone (Latin-1 and Windows-1252): each byte one character. */
function latin1MayHoldNumber(bytes: Uint8Array): boolean {
  const chain = new Chain();
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (LATIN1_CONTROL[b] === 1) {
      chain.cut();
      continue;
    }
    let digits = LATIN1_DIGITS[b] as number;
    if (digits === 0 && LATIN1_LOOK_ALIKE[b] === 1 && (chain.gap === 0 || digitAtLatin1(bytes, i + 1))) digits = 1;
    if (chain.add(digits, digits > 0 ? 0 : (LATIN1_UNIT[b] as number))) return true;
  }
  return false;
}

/**
 * Control characters and U+FFFD (an undecodable byte) split the text into runs; a U+FFFD whose
 * index is in `written` is one the bytes spell out (a text holding the replacement character
 * itself, `850101�1236`, which the guard reads as a dash) and does not.
 */
function breaksRun(code: number, at: number, written: ReadonlySet<number> | null): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code === 0xfffd && written?.has(at) !== true);
}

/**
 * The indices in `text` (`bytes` decoded as UTF-8) of the U+FFFD characters written in the bytes
 * as EF BF BD, told apart from those decoding put for an undecodable byte: the bytes are decoded
 * again with each EF BF BD as `-`, which keeps every index (one UTF-16 unit each way; EF and `-`
 * are no continuation bytes, so the undecodable bytes around are read the same).
 */
function writtenReplacements(bytes: Uint8Array, text: string): Set<number> | null {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) {
      out.push(45);
      i += 2;
    } else {
      out.push(bytes[i] as number);
    }
  }
  if (out.length === bytes.length) return null;
  const dashed = utf8.decode(Uint8Array.from(out));
  const written = new Set<number>();
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) if (dashed.charCodeAt(i) === 45) written.add(i);
  return written.size > 0 ? written : null;
}

/** The text without up to two characters at the start and one at the end: length and type bytes around a string. */
function scannedBefore(run: string, seen: ReadonlySet<string>): boolean {
  for (let head = 0; head <= 2; head++) {
    for (let tail = 0; tail <= 1; tail++) if (seen.has(run.slice(head, run.length - tail))) return true;
  }
  return false;
}

/**
 * The first number in a run of `text`. A run is read only when it may hold ten digits, counted as
 * `findPersonnummer` counts them (`countDigits` of `normalize-digits.ts`: ASCII digit one, `٨`
 * one, `⑫` two, `⅒` three, a look-alike letter beside a digit one), so a run passed over is one it
 * would return null for at once; most runs of text are passed over without being cut out of the
 * text or looked up in `seen`.
 */
function scanRuns(text: string, seen: ReadonlySet<string>, written: ReadonlySet<number> | null = null): PersonnummerMatch | null {
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !breaksRun(text.charCodeAt(i), i, written)) continue;
    if (i > start && countDigits(text, MIN_DIGITS, start, i) >= MIN_DIGITS) {
      const run = text.slice(start, i);
      const found = scannedBefore(run, seen) ? null : findPersonnummer(run);
      if (found !== null) return found;
    }
    start = i + 1;
  }
  return null;
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
 */
export function scanBytes(bytes: Uint8Array, seen: ReadonlySet<string> = NONE): PersonnummerMatch | null {
  const text = utf8.decode(bytes);
  const written = text.includes('\ufffd') ? writtenReplacements(bytes, text) : null;
  // An undecodable byte anywhere (or a written U+FFFD) is a byte the Latin-1 reading may show as
  // something else: a no-break space, `²`, `ö` of a word between date part and serial.
  if (!text.includes('\ufffd')) return scanRuns(text, seen, written);
  return scanRuns(text, seen, written) ?? scanRuns(latin1(bytes), NONE) ?? (hasCp1252Byte(bytes) ? scanRuns(windows1252(bytes), NONE) : null);
}

/** True when `bytes` hold a byte Windows-1252 reads otherwise than Latin-1 (0x80–0x9F, a defined one). */
function hasCp1252Byte(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80 && b < 0xa0 && CP1252[b] !== b) return true;
  return false;
}

/** The bytes read as Windows-1252, byte for character. */
function windows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCodePoint(CP1252[b] as number);
  return out;
}

const NONE: ReadonlySet<string> = new Set();
