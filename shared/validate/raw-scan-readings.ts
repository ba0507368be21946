/**
 * The single-byte readings of the raw-byte net (`raw-scan.ts`): bytes that are no UTF-8 are read
 * byte for character in every legacy 8-bit encoding a Swedish file carries, each as iconv-lite's
 * code table has it (`encodings/sbcs-data-generated.js`, plain data that runs in the pane too):
 * ISO-8859-1 and Windows-1252 (Swedish Excel's CSV: an en dash is 0x96), ISO-8859-15, Mac Roman
 * (Excel for Mac: `ö` is 0x9A, `Å` 0x81) and the DOS code pages 437 and 850 of old exports (`ö`
 * 0x94, a box-drawing `─` 0xC4 read as a dash). A byte an encoding leaves undefined is read, as a
 * decoder does, as U+FFFD, which ends a run.
 */
import tables from 'iconv-lite/encodings/sbcs-data-generated.js';
import { digitCount, lookAlikeDigit, separatorUnit } from './normalize-digits.js';
import { Chain, controlChar, MIN_DIGITS } from './raw-scan-chain.js';
import { SINGLE_BYTE_ENCODINGS } from './single-byte-encodings.js';

export { SINGLE_BYTE_ENCODINGS };

/** One encoding's reading of each byte, and what the guard makes of each character. */
export interface SingleByteReading {
  /** iconv-lite's name of the encoding. */
  name: (typeof SINGLE_BYTE_ENCODINGS)[number];
  /** The code point of each byte (ASCII below 0x80; U+FFFD for a byte the encoding leaves undefined). */
  codes: Uint32Array;
  /** `separatorUnit` of each byte's character. */
  unit: Int16Array;
  /** `digitCount` of each byte's character (`8` one, `²` one, `¼` `1/4` two). */
  digits: Uint8Array;
  /** 1 for the bytes that end a run: the C0 controls, DEL, the C1 controls, undefined bytes. */
  ends: Uint8Array;
  /** 1 for the bytes whose character looks like a digit (`O`, `l`, `S` …). */
  lookAlike: Uint8Array;
}

const REPLACEMENT = 0xfffd;
const NO_CUTS: readonly number[] = [];

function reading(name: SingleByteReading['name']): SingleByteReading {
  const table = tables[name];
  if (typeof table !== 'object' || table.chars.length !== 128) throw new Error(`iconv-lite has no single-byte table ${name}`);
  const high = table.chars;
  const codes = Uint32Array.from({ length: 256 }, (_, b) => (b < 0x80 ? b : high.charCodeAt(b - 0x80)));
  return {
    name,
    codes,
    unit: Int16Array.from(codes, (cp) => separatorUnit(cp)),
    digits: Uint8Array.from(codes, (cp) => digitCount(cp)),
    ends: Uint8Array.from(codes, (cp) => (controlChar(cp) || cp === REPLACEMENT ? 1 : 0)),
    lookAlike: Uint8Array.from(codes, (cp) => (lookAlikeDigit(cp) !== undefined ? 1 : 0)),
  };
}

/** Every single-byte reading, in {@link SINGLE_BYTE_ENCODINGS}' order. */
export const SINGLE_BYTE_READINGS: readonly SingleByteReading[] = SINGLE_BYTE_ENCODINGS.map(reading);

/**
 * True when the chain of `wide` joins wherever the chain of `narrow` does, byte for byte: as many
 * digits or more, a run ended only where `narrow` ends it too, a look-alike wherever `narrow` has
 * one, and a gap no longer (the same separator, nothing, or `narrow`'s character counts always).
 */
export function chainCovers(wide: SingleByteReading, narrow: SingleByteReading): boolean {
  for (let b = 0; b < 256; b++) {
    if ((wide.digits[b] as number) < (narrow.digits[b] as number)) return false;
    if (wide.ends[b] === 1 && narrow.ends[b] === 0) return false;
    if (narrow.lookAlike[b] === 1 && wide.lookAlike[b] === 0) return false;
    const [w, n] = [wide.unit[b] as number, narrow.unit[b] as number];
    if (w !== n && w !== -1 && n !== 0) return false;
  }
  return true;
}

/**
 * The readings whose chains `mayHoldNumber` counts: those no other reading's chain covers
 * ({@link chainCovers}: Windows-1252 covers ISO-8859-1 and ISO-8859-15, whose differing bytes it
 * reads as marks where they read controls or letters), so that it stays a superset of every reading.
 */
export const CHAINED_READINGS: readonly SingleByteReading[] = SINGLE_BYTE_READINGS.filter(
  (narrow, i) => !SINGLE_BYTE_READINGS.some((wide, k) => k !== i && chainCovers(wide, narrow) && (k < i || !chainCovers(narrow, wide))),
);

/** The most digits any chained reading counts a byte as: its digits, or one for a look-alike letter. */
const MOST_DIGITS = Uint8Array.from({ length: 256 }, (_, b) => Math.max(0, ...CHAINED_READINGS.map((r) => Math.max(r.digits[b] as number, r.lookAlike[b] as number))));

/** True when the first byte from `i` on, before `end`, as `r` reads it, that is not read as nothing becomes a digit. */
function digitAt(bytes: Uint8Array, i: number, end: number, r: SingleByteReading): boolean {
  for (; i < end; i++) {
    const b = bytes[i] as number;
    if (r.digits[b] as number) return true;
    if (r.unit[b] !== -1) return false;
  }
  return false;
}

/** `mayHoldNumber` of one single-byte reading of the bytes from `from` to `to`: each byte one character. */
function readingMayHoldNumber(bytes: Uint8Array, from: number, to: number, r: SingleByteReading): boolean {
  const chain = new Chain();
  for (let i = from; i < to; i++) {
    const b = bytes[i] as number;
    if (r.ends[b] === 1) {
      if (controlChar(r.codes[b] as number)) chain.control();
      else chain.cut();
      continue;
    }
    let digits = r.digits[b] as number;
    if (digits === 0 && r.lookAlike[b] === 1 && (chain.gap === 0 || digitAt(bytes, i + 1, to, r))) digits = 1;
    if (chain.add(digits, digits > 0 ? 0 : (r.unit[b] as number))) return true;
  }
  return false;
}

/**
 * `mayHoldNumber` of the single-byte readings: true when any of them may hold ten digits close
 * together in the bytes from `from` to `to` (default: all).
 */
export function singleByteMayHoldNumber(bytes: Uint8Array, from = 0, to = bytes.length): boolean {
  // Ten digits close together in a reading are ten in all: most of an update's pieces (the bytes
  // between two strings, a word with `ö`) hold fewer in every reading, counted in one pass.
  let most = 0;
  for (let i = from; i < to && most < MIN_DIGITS; i++) most += MOST_DIGITS[bytes[i] as number] as number;
  if (most < MIN_DIGITS) return false;
  for (const r of CHAINED_READINGS) if (readingMayHoldNumber(bytes, from, to, r)) return true;
  return false;
}

/**
 * The single-byte readings that read `bytes` differently, in {@link SINGLE_BYTE_READINGS}' order:
 * a reading that reads every byte present as an earlier one does (ASCII reads alike in all; a
 * paste often holds few bytes above it) would give the same text, which is then neither made nor read.
 * The bytes at `cuts` (where `scanBytes` marked a string's edge) are not counted.
 */
export function distinctReadings(bytes: Uint8Array, cuts: readonly number[] = NO_CUTS): SingleByteReading[] {
  const present = new Uint32Array(256);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    present[b] = (present[b] as number) + 1;
  }
  // A cut reads as U+FFFD in every reading, whatever its byte.
  for (const i of cuts) {
    const b = bytes[i] as number;
    present[b] = (present[b] as number) - 1;
  }
  const high: number[] = [];
  for (let b = 0x80; b < 256; b++) if ((present[b] as number) > 0) high.push(b);
  const kept: SingleByteReading[] = [];
  for (const r of SINGLE_BYTE_READINGS) {
    if (!kept.some((k) => high.every((b) => k.codes[b] === r.codes[b]))) kept.push(r);
  }
  return kept;
}

/**
 * The pieces of `bytes` in which ten digits may stand close together as `r` reads them, as
 * `[from, to)` pairs in order: each piece runs from one place where the reading's chain is cut
 * to the next ({@link readingMayHoldNumber}'s `Chain`: a byte the encoding leaves undefined, an
 * index of `cuts`, a control character outside a text), and is kept when its chain reaches ten.
 * No pass of the net reads a run across such a place (an undefined byte and a cut are U+FFFD,
 * which ends every run; a control character the chain cuts at is no control character inside a
 * number or a word, `controlsJoin`), so a piece not kept holds no number any pass finds.
 */
function chainedPieces(bytes: Uint8Array, r: SingleByteReading, cuts: readonly number[]): number[] {
  const pieces: number[] = [];
  const chain = new Chain();
  let from = 0;
  let ten = false;
  let nextCut = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    let cut = false;
    if (nextCut < cuts.length && cuts[nextCut] === i) {
      nextCut++;
      cut = true;
    } else if (r.ends[b] === 1) {
      cut = controlChar(r.codes[b] as number) ? chain.control() : true;
    } else {
      let digits = r.digits[b] as number;
      if (digits === 0 && r.lookAlike[b] === 1 && (chain.gap === 0 || digitAt(bytes, i + 1, bytes.length, r))) digits = 1;
      if (chain.add(digits, digits > 0 ? 0 : (r.unit[b] as number))) ten = true;
      continue;
    }
    if (!cut) continue;
    chain.cut();
    if (ten) pieces.push(from, i);
    from = i + 1;
    ten = false;
  }
  if (ten) pieces.push(from, bytes.length);
  return pieces;
}

/**
 * The bytes read as `r` ({@link singleByteText}) where ten digits may stand close together in
 * that reading ({@link chainedPieces}), each piece in its place with U+FFFD between two, or null
 * when they stand nowhere: the reading holds no number. Random bytes (a binary cell's), read
 * in six encodings, chained ten digits here and there in one or two of them; every reading was
 * made whole and read by both passes of the net, a string of 4 KB each (25 ms, 350 ms the first
 * time a process met such bytes). Now a reading is counted byte by byte in its own tables, and
 * only its pieces that chain ten digits are made into text and read.
 */
export function singleByteChained(bytes: Uint8Array, r: SingleByteReading, cuts: readonly number[] = NO_CUTS): string | null {
  const pieces = chainedPieces(bytes, r, cuts);
  if (pieces.length === 0) return null;
  if (pieces.length === 2 && pieces[0] === 0 && pieces[1] === bytes.length) return singleByteText(bytes, r, cuts);
  const parts: string[] = [];
  for (let k = 0; k < pieces.length; k += 2) {
    const from = pieces[k] as number;
    const to = pieces[k + 1] as number;
    const inside = cuts.filter((c) => c >= from && c < to).map((c) => c - from);
    // A U+FFFD where the piece's neighbours stood: it ends a run as the byte there did.
    parts.push(singleByteText(bytes.subarray(from, to), r, inside));
  }
  const edge = '\ufffd';
  return `${(pieces[0] as number) > 0 ? edge : ''}${parts.join(edge)}${(pieces.at(-1) as number) < bytes.length ? edge : ''}`;
}

/** Decodes the UTF-16 units {@link singleByteText} lays out; a leading U+FEFF stays (no table has one, but a BOM is no reading's to drop). */
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/**
 * The bytes read as `r`, byte for character: each character's UTF-16 unit laid out low byte
 * first and decoded at once, whatever the machine's byte order (a third of the time of strings
 * joined from `String.fromCharCode` chunks, and no chunk arrays to collect). At each index of
 * `cuts` (where `scanBytes` marked a string's edge) stands U+FFFD, whatever the byte: it ends a run.
 */
export function singleByteText(bytes: Uint8Array, r: SingleByteReading, cuts: readonly number[] = NO_CUTS): string {
  const codes = r.codes;
  const units = new Uint8Array(bytes.length * 2);
  for (let i = 0; i < bytes.length; i++) {
    const c = codes[bytes[i] as number] as number;
    units[2 * i] = c & 0xff;
    units[2 * i + 1] = c >>> 8;
  }
  for (const i of cuts) {
    units[2 * i] = REPLACEMENT & 0xff;
    units[2 * i + 1] = REPLACEMENT >>> 8;
  }
  return UTF16.decode(units);
}
