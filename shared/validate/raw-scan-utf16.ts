/**
 * The raw-byte net's UTF-16 readings, for bytes of no known layout: stored bytes
 * (`raw-scan-utf8-first.ts`) and the byte arrays an update carries as values (binary content, bytes
 * inside a JSON value: `raw-scan-binary.ts`). A text written as UTF-16 (Windows' "Unicode" text,
 * a .NET or Java string copied as it lies in memory, Excel's "Unicode text" export) holds an ASCII
 * digit as the digit's byte and a zero byte, `8\0 5\0 …`, which no 8-bit reading joins into a
 * number (the zero bytes are control characters, and the net joins at most a few runs across
 * them), and a digit of another script (`８`, `٨`, `८`) as two bytes no 8-bit reading shows as one.
 * The bytes are read as UTF-16LE from an even and from an odd byte, since bytes of no known layout
 * may hold the text at any offset. UTF-16BE text of Latin digits (`\0 8 \0 5 …`) is read by the LE
 * reading from the other byte (its last character is the low byte of the unit that ends it, or the
 * byte left over at the end); a BE reading of every text would read every LE text again, a byte
 * on, without its first character, and `4` … `kr` without an edge is an amount no more (the
 * guard reads a date and an amount with a decimal point as a number, unless `kr` follows). But a
 * character beyond Latin-1 in UTF-16BE text (`８`, `٨`, a zero-width space `20 0B`, an en dash)
 * is garbled read from the other byte, with the character before it (`4` and a zero-width space
 * become `‴` and U+000B), so the UTF-16BE readings (from an even and an odd byte) are scanned too
 * when they keep a unit above U+00FF. Only what a text of digits holds is kept of a reading: Latin
 * letters, digits and marks, general punctuation, and the digits of every other script (a pair of
 * surrogates too: `𝟖`); every other unit ends a run, as an undecodable byte does. Binary bytes
 * and UTF-8 text read as UTF-16 are mostly such other units (two ASCII characters are one CJK
 * ideograph), and some would change how the guard reads the text beside them (a Thaana or Arabic
 * letter turns a line's reading right to left, `.` and a space are U+202E). A digit that is two
 * printable ASCII characters (`` `$ `` is `①`, `P!` `⅐`) is not kept, since any ASCII text holds
 * such pairs, but for the superscript digits (`t ` is `⁴`: ten of them in a row are ten one-letter
 * words). Between two digits (no superscript), a unit not kept joins them as the guard reads
 * it (`bridgeAt`: U+FE63, a combining mark, a bidirectional control, a letter of any script,
 * with at most three units between the digits), where it ended the run: `８５０１０１﹣１２３６`.
 * A reading is scanned only when ten units the guard reads as digits stand close
 * together in one run of it (`worthReading`). Linear in the bytes, four times.
 */
import { digitCount, lookAlikeDigit, separatorUnit } from './normalize-digits.js';
import type { PersonnummerMatch } from './personnummer.js';
import { Chain } from './raw-scan-chain.js';
import { scanReading } from './raw-scan.js';
import { ShortNumberUnits } from './raw-scan-utf16-short.js';
import { superscript, kept, BRIDGE_GAP, NO_BRIDGE, NOTHING, bridgeOf } from './raw-scan-utf16-units.js';

/** The code unit of `bytes` at `i` and `i + 1`, little-endian or (`be`) big-endian. */
const unitAt = (bytes: Uint8Array, i: number, be: boolean): number =>
  be ? ((bytes[i] as number) << 8) | (bytes[i + 1] as number) : (bytes[i] as number) | ((bytes[i + 1] as number) << 8);

/** Bidirectional controls: in bytes read as UTF-16 they are pairs of ASCII (`.` and a space, LE, is U+202E) and would turn what follows around. */
/**
 * True when the unit at `i` is the second byte of a UTF-16BE byte-order mark (FE FF at the start)
 * and the first byte of the text, read little-endian from the odd byte: `ÿ` (U+00FF), glued
 * to the text's first word (`ÿfödd`, `ÿDecember`), which no longer names a birth or a month.
 */
function bomHalf(bytes: Uint8Array, i: number, be: boolean): boolean {
  return i === 1 && !be && bytes[0] === 0xfe && bytes[1] === 0xff;
}

/** True when the unit at `i` starts a digit the reading keeps, no superscript digit (a pair of ASCII characters, `t `). */
function digitStartsAt(bytes: Uint8Array, i: number, be: boolean): boolean {
  const unit = unitAt(bytes, i, be);
  if (unit >= 0xd800 && unit <= 0xdbff) return i + 3 < bytes.length && astralDigit(unit, unitAt(bytes, i + 2, be)) >= 0;
  return !superscript(unit) && keptDigit(unit);
}

/**
 * What the unit at `i`, which the reading does not keep, becomes there ({@link bridgeOf}), or
 * {@link NO_BRIDGE}: a bridge stands between two digits (`since` units after the last, none a
 * superscript digit) with at most {@link BRIDGE_GAP} units between them, each kept or a bridge
 * too (`８５０１０１﹣１２３６`, `８５０１０１ｘ１２３６`, `٨٥٠١٠١\u200f١٢٣٦`, `８５\u0301０１０１-１２３６`).
 * Cut there, a number of another script was two runs, neither ten digits, where the guard reads
 * the text whole. Only between digits: read anywhere, such a unit is often the last character of
 * UTF-16BE text read from the other byte with the byte after it (`07 32`, a Syriac mark, is `2`),
 * which read as nothing turns `2026-03-17 98.92 kr` into a number; and a bidirectional control
 * or a letter of a script written right to left turns around how the guard reads what follows.
 * Random bytes hold a digit of some script about once in 200 units, so two within four units
 * are rare and ten so chained rarer still (measured in `raw-scan-utf16-bridges.test.ts`); ASCII
 * text read as UTF-16 holds no digit but the superscripts, which no bridge joins.
 */
function bridgeAt(bytes: Uint8Array, i: number, be: boolean, since: number): number {
  if (since >= BRIDGE_GAP) return NO_BRIDGE;
  const bridge = bridgeOf(unitAt(bytes, i, be));
  if (bridge === NO_BRIDGE) return NO_BRIDGE;
  for (let j = i + 2, gap = since + 1; j + 1 < bytes.length && gap <= BRIDGE_GAP; j += 2, gap++) {
    if (digitStartsAt(bytes, j, be)) return bridge;
    const next = unitAt(bytes, j, be);
    if (kept(next) === 0xfffd && ((next >= 0xd800 && next <= 0xdfff) || bridgeOf(next) === NO_BRIDGE)) return NO_BRIDGE;
  }
  return NO_BRIDGE;
}

/**
 * Units since the last digit no superscript, after the unit `keep` a reading keeps, or more than
 * {@link BRIDGE_GAP} when a letter stands between (a word: `63.05 kr`, whose `r` in UTF-16BE
 * text read from the other byte is the low byte of a unit no reading keeps) or the run ended
 * (`0xfffd`).
 */
function sinceAfter(since: number, keep: number): number {
  if (keep === 0xfffd) return BRIDGE_GAP + 1;
  if (!superscript(keep) && keptDigit(keep)) return 0;
  return separatorUnit(keep) === 0 ? BRIDGE_GAP + 1 : since + 1;
}

/** The digit of a script beyond the BMP (`𝟖`) that the surrogates `high` and `low` make, or -1. */
function astralDigit(high: number, low: number): number {
  if (high < 0xd800 || high > 0xdbff || low < 0xdc00 || low > 0xdfff) return -1;
  const cp = 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
  return digitCount(cp) > 0 ? cp : -1;
}

/**
 * True when the UTF-16 readings keep the unit `unit` (0–0xFFFF, no surrogate) and the guard reads
 * it as digits: a digit of any script but one that is two printable ASCII characters, and the
 * superscript digits (see the module comment).
 */
export function keptDigit(unit: number): boolean {
  const keep = kept(unit);
  return keep < 0x80 ? keep >= 48 && keep <= 57 : keep !== 0xfffd && digitCount(keep) > 0;
}

/**
 * {@link Chain.add} of the unit `c` a reading keeps: its digits (`digitCount`), a look-alike
 * letter (`O`, `l` …) as one digit wherever it stands (the guard reads one so beside a digit
 * only: counted everywhere, the gate says yes a little more often, never no where the scan
 * finds a number), any other as the separator it is (`separatorUnit`). True once ten digits chain.
 */
function addUnit(chain: Chain, c: number): boolean {
  const digits = digitCount(c);
  if (digits > 0) return chain.add(digits, 0);
  return lookAlikeDigit(c) !== undefined ? chain.add(1, 0) : chain.add(0, separatorUnit(c));
}

/**
 * True when the reading from `offset` is worth scanning: ten units the guard reads as digits
 * stand close together in one run of it (a run ends at a unit the reading does not keep, as the
 * scan's runs end at U+FFFD), counted as `mayHoldNumber` counts the other readings ({@link Chain}),
 * or a number of fewer digits may stand there (a month's name before a digit, eight digits before
 * a letter: `ShortNumberUnits`, as `mayHoldNumber` asks `monthDateInBytes` and `reserveInBytes`),
 * and, read big-endian (`be`), it keeps a unit above U+00FF (see the module comment). Random
 * bytes and a UTF-8 update hold digits of some script here and there, ten in every 4 KB, but
 * seldom two side by side: most readings of them end here, unread.
 */
function worthReading(bytes: Uint8Array, offset: number, be: boolean): boolean {
  const chain = new Chain();
  const short = new ShortNumberUnits();
  let ten = false;
  let wide = !be;
  let inText = false;
  let since = BRIDGE_GAP + 1;
  for (let i = offset; i + 1 < bytes.length && !((ten || short.seen) && wide); i += 2) {
    const unit = unitAt(bytes, i, be);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 3 < bytes.length) {
      const cp = astralDigit(unit, unitAt(bytes, i + 2, be));
      if (cp >= 0) {
        ten = chain.add(digitCount(cp), 0) || ten;
        wide = true;
        inText = true;
        since = 0;
        i += 2;
        continue;
      }
    }
    const keep = bomHalf(bytes, i, be) ? 0xfffd : kept(unit);
    const bridge = keep === 0xfffd ? bridgeAt(bytes, i, be, since) : NO_BRIDGE;
    if (bridge !== NO_BRIDGE) {
      if (bridge !== NOTHING) ten = addUnit(chain, bridge) || ten;
      if (be) wide = true;
      since++;
      continue;
    }
    since = sinceAfter(since, keep);
    short.add(keep);
    if (keep === 0xfffd) {
      // The last character of UTF-16BE text read from the other byte, as the reading keeps it.
      const low = unit & 0xff;
      if (!be && inText && low > 0x20 && low < 0x7f) ten = addUnit(chain, low) || ten;
      chain.cut();
      inText = false;
      continue;
    }
    if (be && unit > 0xff) wide = true;
    ten = addUnit(chain, keep) || ten;
    inText = true;
  }
  const last = (bytes.length - offset) % 2 === 1 ? (bytes.at(-1) as number) : 0;
  if (!be && inText && last > 0x20 && last < 0x7f) ten = addUnit(chain, last) || ten;
  return (ten || short.seen) && wide;
}

/**
 * `bytes` from `offset` read as UTF-16 (units kept as {@link kept} keeps them), and where in that
 * text a character stands that is only a guess: the low byte of the unit that ends a run of text
 * read little-endian (`guesses`, indices of the text). Read from the other byte, UTF-16BE text
 * ends so: its last character is the low byte of the unit its high byte's zero and the byte after
 * the text make (`6` of `…1236`, `r` of `kr`). But UTF-16LE text followed by other bytes ends in
 * such a unit too, and there the low byte is no character of it (`…kr` and the bytes `73 01` after
 * it read `…krs`). Which it is, the bytes do not say: {@link scanGuessed} reads both.
 */
function utf16Reading(bytes: Uint8Array, offset: number, be: boolean): { text: string; guesses: number[] } {
  const units: number[] = [];
  const guesses: number[] = [];
  let inText = false;
  let since = BRIDGE_GAP + 1;
  for (let i = offset; i + 1 < bytes.length; i += 2) {
    const unit = unitAt(bytes, i, be);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 3 < bytes.length && astralDigit(unit, unitAt(bytes, i + 2, be)) >= 0) {
      units.push(unit, unitAt(bytes, i + 2, be));
      i += 2;
      inText = true;
      since = 0;
      continue;
    }
    const keep = bomHalf(bytes, i, be) ? 0xfffd : kept(unit);
    const bridge = keep === 0xfffd ? bridgeAt(bytes, i, be, since) : NO_BRIDGE;
    if (bridge !== NO_BRIDGE) {
      if (bridge !== NOTHING) units.push(bridge);
      since++;
      continue;
    }
    since = sinceAfter(since, keep);
    // UTF-16BE text read from the other byte: its last character is the low byte of the unit that ends it.
    if (!be && keep === 0xfffd && inText && (unit & 0xff) > 0x20 && (unit & 0xff) < 0x7f) {
      guesses.push(units.length);
      units.push(unit & 0xff);
    }
    units.push(keep);
    inText = keep !== 0xfffd;
  }
  // A byte left over at the end: of UTF-16BE text read from the other byte, its last character.
  const last = (bytes.length - offset) % 2 === 1 ? (bytes.at(-1) as number) : 0;
  if (!be && inText && last > 0x20 && last < 0x7f) {
    guesses.push(units.length);
    units.push(last);
  }
  const parts: string[] = [];
  // In pieces: a call takes a bounded number of arguments.
  for (let k = 0; k < units.length; k += 8192) parts.push(String.fromCharCode(...units.slice(k, k + 8192)));
  return { text: parts.join(''), guesses };
}

/**
 * {@link scanReading} of a UTF-16 reading: without a length byte at a run's head. A length byte is
 * one byte, half a unit here, so none stands glued before a string as its own unit (`5` before
 * `8501011236…` in UTF-8); a digit at a run's head is the text's own first character, and read as
 * a length it cut the text at the wrong unit (`46701234566`, a phone number at the end of the bytes,
 * was read from its second digit and refused as `670123-4566`).
 */
const scanReadingUtf16 = (text: string): PersonnummerMatch | null => scanReading(text, false);

/** True when the guard may read the ASCII character `c` as a digit: a digit, or a look-alike letter (`O`, `l` …) beside one. */
const digitLike = (c: number): boolean => (c >= 48 && c <= 57) || lookAlikeDigit(c) !== undefined;

/**
 * True when the guessed character at `i` of `text` is digit-like and glues to a digit before it,
 * directly or across one space or mark (`…1236` and `5`, `…12 36` and ` 5`): read in, it makes
 * what may be a number a longer one. A guessed digit elsewhere changes no number.
 */
function gluedDigit(text: string, i: number): boolean {
  if (!digitLike(text.charCodeAt(i))) return false;
  const before = text.charCodeAt(i - 1);
  if (before >= 48 && before <= 57) return true;
  const twoBefore = text.charCodeAt(i - 2);
  return before < 0x80 && !/[\p{L}\p{N}]/u.test(String.fromCharCode(before)) && twoBefore >= 48 && twoBefore <= 57;
}

/** `text` with the guessed characters at `at` (in order) for which `which` holds read as U+FFFD, the end of a run (same length). */
function withoutGuesses(text: string, at: readonly number[], which: (i: number) => boolean): string {
  const parts: string[] = [];
  let from = 0;
  for (const i of at) {
    if (!which(i)) continue;
    parts.push(text.slice(from, i), '\ufffd');
    from = i + 1;
  }
  if (from === 0) return text;
  parts.push(text.slice(from));
  return parts.join('');
}

/**
 * The first number in a UTF-16 `reading` whose guessed characters (see {@link utf16Reading}) may
 * each be text or no text, read as a number only where it is one whichever way the guess falls
 * that could make it none. A guessed letter or mark is no part of a number, it only changes how
 * the guard reads the text before it (`…98.92 kr` and `s` is no amount in kronor, `…98.92 k` and
 * `r` is one): a number read with it is one only when it is read without it too. A guessed digit
 * (or look-alike letter) may be a number's last digit (`…123` and `6`: read with it) or glue to
 * one as a longer number (`…1236` and `5`: read without it), so a number read either way is one.
 * Readings of random bytes hold many guesses; the text is read a second time only when the first
 * reading finds a number or a guessed digit glues to a digit.
 */
function scanGuessed(reading: { text: string; guesses: number[] }): PersonnummerMatch | null {
  const { text, guesses } = reading;
  const letter = (i: number): boolean => !digitLike(text.charCodeAt(i));
  const letters = guesses.some(letter);
  const withDigits = scanReadingUtf16(text);
  if (withDigits !== null && (!letters || scanReadingUtf16(withoutGuesses(text, guesses, letter)) !== null)) return withDigits;
  const glued = (i: number): boolean => gluedDigit(text, i);
  if (!guesses.some(glued)) return null;
  const digitsOut = withoutGuesses(text, guesses, glued);
  const withoutDigits = scanReadingUtf16(digitsOut);
  if (withoutDigits === null) return null;
  return !letters || scanReadingUtf16(withoutGuesses(digitsOut, guesses, letter)) !== null ? withoutDigits : null;
}

/**
 * The first personnummer or samordningsnummer in `bytes` read as UTF-16LE from an even and from
 * an odd byte, and as UTF-16BE where the text holds a character beyond Latin-1 (see the module
 * comment), or null.
 *
 * @example
 * findPersonnummerUtf16(new Uint8Array([0xff, ...Buffer.from('Eva 850101-1236', 'utf16le')])); // { match: '850101-1236', … }
 */
export function findPersonnummerUtf16(bytes: Uint8Array): PersonnummerMatch | null {
  for (const be of [false, true]) {
    for (const offset of [0, 1]) {
      if (!worthReading(bytes, offset, be)) continue;
      const found = scanGuessed(utf16Reading(bytes, offset, be));
      if (found !== null) return found;
    }
  }
  return null;
}
