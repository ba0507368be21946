/**
 * Reads a text the way a person sees its digits, for the personnummer guard: digits of any
 * script become ASCII digits, a letter that looks like a digit directly between digits that digit
 * ({@link lookAlikeDigit}: `85O1O1` is `850101`), every space-like character and line break one
 * space, every dash or tilde (see `DASH`) `-`, plus-like signs `+`, slash-likes `/` (the
 * backslash `\` and the vertical bar `|` too, see `SLASH`), dot-likes `.`, comma-likes `,`,
 * colon-likes `:`, and a run of one separator reads as one (`COLLAPSES`: `850101--1236`,
 * `850101..1236`, `850101\\1236` are read as `850101-1236`, `850101.1236`, `850101/1236`); invisible characters (zero-width
 * space and joiners, BOM, soft hyphen, fillers and every other default-ignorable character,
 * combining marks, control characters) disappear. What else Unicode's compatibility
 * normalisation (NFKC) turns into one of these counts too (fullwidth forms, superscript and
 * circled digits); every symbol Unicode gives a digit value is read as that one digit, where NFKC
 * leaves it alone (`❶`, `➀`, `⓵`, Ethiopic `፩`, Brahmi `𑁒`) or makes it a digit with a mark (`⑴`
 * `(1)`, `⒈` `1.`, `🄁` `0,`): `DIGIT_SYMBOLS_UCD`. Every other character is kept as it is.
 *
 * One character may become several digits: `⑫` (CIRCLED NUMBER TWELVE) becomes `12`, `⒓` `12.`,
 * `⑿` `(12)`, `¼` `1/4` and `⅒` (VULGAR FRACTION ONE TENTH) `1/10`, three digits from one UTF-16
 * unit (Unicode's NFKC mappings). Whatever counts or windows digits before matching must count
 * the digits a character becomes ({@link digitCount}), never characters.
 *
 * The classes themselves (`DASH`, `SLASH`, `COLLAPSES`, `DIGIT_SYMBOLS_UCD`, `NUMBER_SYMBOLS`, the look-alike letters),
 * each with its sources, are in `normalize-digits-classes.ts`; this file builds the text from them.
 */
import { ASCII, classify, COLLAPSES, lookAlikeDigit, type Replacement } from './normalize-digits-classes.js';

export { lookAlikeDigit };

/**
 * The most digits one UTF-16 unit becomes (`⅒` → `1/10`; astral characters, two units, become at
 * most one). A text of `n` units holds at most `n * MAX_DIGITS_PER_UNIT` digits. Every UTF-8 byte
 * of a character stands for at most one of its digits (`⅒` is three bytes, `¼` two).
 */
export const MAX_DIGITS_PER_UNIT = 3;

/** A normalised text and the way back to the original (see {@link originalSpan}). */
export interface NormalizedDigits {
  /** The normalised text. */
  text: string;
  /** For each UTF-16 unit of {@link text}, its index in the original; null when the text is unchanged. */
  origin: Int32Array | null;
  /** The indices in {@link text} of the digits read from look-alike letters (`85O1O1`: 2 and 4). */
  lookAlikes: readonly number[];
  /**
   * True when a look-alike letter stands directly beside a digit anywhere in the original (read as
   * a digit or not): only then may the reading with `edges` (see {@link normalizeForDigits}) differ.
   */
  beside: boolean;
}

/**
 * What each character below U+10000 becomes, filled in as characters are met; astral characters
 * go through a small bounded map, so a text of every code point cannot grow it without end.
 */
const bmp: Array<Replacement | undefined> = new Array<Replacement | undefined>(0x10000);
const astral = new Map<number, Replacement>();
const ASTRAL_MAX = 4096;


function replacementOf(cp: number): Replacement {
  if (cp < 0x10000) {
    const known = bmp[cp];
    if (known !== undefined) return known;
    return (bmp[cp] = classify(cp, true));
  }
  const known = astral.get(cp);
  if (known !== undefined) return known;
  const r = classify(cp, true);
  if (astral.size < ASTRAL_MAX) astral.set(cp, r);
  return r;
}

/** The code point at `i` (a surrogate pair read as one). */
function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? (text.codePointAt(i) ?? c) : c;
}

function digitsIn(r: string): number {
  let n = 0;
  for (let i = 0; i < r.length; i++) {
    const c = r.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/**
 * How many ASCII digits the code point `cp` (0–0x10FFFF) becomes in {@link normalizeForDigits}:
 * 1 for a digit of any script, 2 for `⑫`, `⒓`, `⑿`, `㉑`, `¼`, `㋋` (`12月`) and their kin, 3 for
 * `⅒`, 0 for anything else. Cached like the normalisation itself.
 */
export function digitCount(cp: number): number {
  if (cp < 128) return cp >= 48 && cp <= 57 ? 1 : 0;
  if (cp < 0x10000) {
    const known = bmpDigits[cp] as number;
    if (known !== UNKNOWN) return known;
    const r = replacementOf(cp);
    return (bmpDigits[cp] = r === null ? 0 : digitsIn(r));
  }
  const r = replacementOf(cp);
  return r === null ? 0 : digitsIn(r);
}

/**
 * True when the code point `cp` disappears in {@link normalizeForDigits} (zero-width space and
 * joiners, BOM, soft hyphen, combining marks, control characters …): it stands for no character.
 */
export function vanishes(cp: number): boolean {
  return cp < 128 ? ASCII[cp] === '' : replacementOf(cp) === '';
}

/** {@link digitCount} of each character below U+10000, filled in as characters are met. */
const UNKNOWN = 0xff;
const bmpDigits = new Uint8Array(0x10000).fill(UNKNOWN);

/** The smallest code point that becomes more than one digit (`¼`, U+00BC). */
const FIRST_SEVERAL = 0xbc;

/**
 * True when a UTF-16 unit of `text` from index `from` on (to `to`) becomes more than one digit (`⑫`, `¼`,
 * `⅒`, see {@link digitCount}). Without one, the units hold at most one digit each (an astral
 * digit is two units), so a text shorter than N units has fewer than N digits.
 */
export function severalAhead(text: string, from = 0, to = text.length): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= FIRST_SEVERAL && digitCount(c) > 1) return true;
  }
  return false;
}

/** `_`, read as `-` (`DASH_CODE`). */
const LOW_LINE = 95;
const DASH_CODE = 45;

/**
 * First pass: how many digits (those each character becomes), and whether the text is already in
 * normal form. Stops as soon as the units left could not make up `minDigits`: one digit a unit at
 * most, unless a unit ahead becomes several (then {@link MAX_DIGITS_PER_UNIT} a unit from there).
 */
function survey(text: string, minDigits: number, from = 0, to = text.length): { digits: number; plain: boolean; beside: boolean; lowLine: boolean } {
  let digits = 0;
  let plain = true;
  let beside = false;
  /** A `_` was met: plain text then needs it read as the `-` it is (one unit for one, see `normalize-digits-classes.ts`). */
  let lowLine = false;
  /** The ASCII unit before, when it was a separator whose runs collapse ({@link COLLAPSES}), else 0. */
  let prev = 0;
  /** The unit before was a digit, or a look-alike letter after one (see {@link lookAlikeDigit}). */
  let afterDigit = false;
  let perUnit = 1;
  for (let i = from; i < to; i++) {
    if (digits + (to - i) * perUnit < minDigits) {
      if (perUnit === MAX_DIGITS_PER_UNIT || !severalAhead(text, i, to)) break;
      perUnit = MAX_DIGITS_PER_UNIT;
      if (digits + (to - i) * perUnit < minDigits) break;
    }
    const unit = text.charCodeAt(i);
    if (unit === LOW_LINE) lowLine = true;
    // `_` is `-` in normal form, unit for unit: a text is still plain with it, unless in a run that collapses.
    const c = unit === LOW_LINE ? DASH_CODE : unit;
    if (c < 128) {
      const digit = c >= 48 && c <= 57;
      if (digit) digits++;
      else if (afterDigit && lookAlikeDigit(c) !== undefined) {
        // Counted as a digit (at most one too many, if no digit follows); read again when built.
        digits++;
        plain = false;
        beside = true;
        continue;
      } else if (lookAlikeDigit(c) !== undefined && digitFollows(text, i + 1)) {
        // Before a digit (`B50101`): a digit on the reading with edges; the text may stay as it is.
        digits++;
        beside = afterDigit = true;
        continue;
      } else if (COLLAPSES[c] === true ? prev === c : ASCII[c] !== null) plain = false;
      prev = COLLAPSES[c] === true ? c : 0;
      afterDigit = digit || (afterDigit && ASCII[c] === '');
      continue;
    }
    const cp = codePointAt(text, i);
    if (cp > 0xffff) i++;
    prev = 0;
    if (lookAlikeDigit(cp) !== undefined && (afterDigit || digitFollows(text, i + 1))) {
      // As for an ASCII look-alike above: counted, and read again when built.
      digits++;
      if (afterDigit) plain = false;
      beside = afterDigit = true;
      continue;
    }
    const r = replacementOf(cp);
    if (r === null) {
      afterDigit = false;
      continue;
    }
    plain = false;
    const n = digitsIn(r);
    digits += n;
    afterDigit = r === '' ? afterDigit : n > 0 && isDigitCode(r.charCodeAt(r.length - 1));
  }
  return { digits, plain, beside, lowLine };
}

/**
 * How many digits the units `[from, to)` of `text` hold as {@link normalizeForDigits} counts
 * them (a look-alike letter beside a digit counts as one), or any number below `minDigits` once
 * the units left could not make up `minDigits`. For the raw-byte net's runs.
 */
export function countDigits(text: string, minDigits: number, from: number, to: number): number {
  return survey(text, minDigits, from, to).digits;
}

/**
 * What the code point `cp` becomes in {@link normalizeForDigits}, for measuring gaps between
 * digits in units: -1 when it is read as nothing; the ASCII code of the separator it becomes when
 * runs of that separator read as one (`–` `-`, `…` `.`, a no-break space ` `); 0 for any other.
 */
export function separatorUnit(cp: number): number {
  if (cp < 128) return ASCII_UNITS[cp] as number;
  if (cp < 0x10000) {
    const known = bmpUnits[cp] as number;
    if (known !== UNKNOWN_UNIT) return known;
    return (bmpUnits[cp] = unitOf(replacementOf(cp)));
  }
  return unitOf(replacementOf(cp));
}

/** {@link separatorUnit} of what a character becomes (`r`, null when unchanged, or a character's own text). */
function unitOf(r: Replacement): number {
  if (r === null) return 0;
  if (r === '') return -1;
  const c = r.charCodeAt(0);
  if (c >= 128 || COLLAPSES[c] !== true) return 0;
  for (let k = 1; k < r.length; k++) if (r.charCodeAt(k) !== c) return 0;
  return c;
}

/**
 * {@link separatorUnit} of each ASCII character, and of each character below U+10000 as met: the
 * raw net asks it of every character of an update's text and readings (a string made per call was
 * most of a paste's garbage).
 */
const ASCII_UNITS = Int16Array.from({ length: 128 }, (_, c) => unitOf(ASCII[c] ?? String.fromCharCode(c)));
const UNKNOWN_UNIT = -2;
const bmpUnits = new Int16Array(0x10000).fill(UNKNOWN_UNIT);

/** True when the first character from `i` on that is not read as nothing becomes a digit. */
export function digitFollows(text: string, i: number): boolean {
  for (let k = i; k < text.length; k++) {
    const cp = codePointAt(text, k);
    if (digitCount(cp) > 0) return true;
    if (!vanishes(cp)) return false;
    if (cp > 0xffff) k++;
  }
  return false;
}

/**
 * Normalise `text` for digit matching, or return null when it holds fewer than `minDigits`
 * digits (of any script, counted after normalisation: `⑫` is two; a look-alike letter beside a
 * digit counts as one), so that most texts cost one quick pass; plain ASCII is read without a
 * table lookup. Linear in the text's length.
 *
 * A run of look-alike letters (`O`, `l`, `S`, `B` …, {@link lookAlikeDigit}) is read as digits
 * when a digit stands on both sides of it (`85O1O1-1236`). With `edges`, also when a digit stands
 * on one side only: at the start or end of a number, or beside a mark (`B50101-1236`,
 * `85010l-l236`). The guard tries that reading second (see `personnummer.ts`), since reading a
 * letter beside a number as a digit can make a number too long as well (`I8501011236`).
 *
 * @example
 * normalizeForDigits('８５０１０１\u2013１２３６', 10)?.text; // '850101-1236'
 * normalizeForDigits('B50101-1236', 10, true)?.text; // '850101-1236'
 */
export function normalizeForDigits(text: string, minDigits: number, edges = false): NormalizedDigits | null {
  const { digits, plain, beside, lowLine } = survey(text, minDigits);
  if (digits < minDigits) return null;
  if (plain && !(edges && beside)) return { text: lowLine ? text.replace(/_/g, '-') : text, origin: null, lookAlikes: NO_INDICES, beside };
  const out = new Builder(text.length);
  for (let i = 0; i < text.length; i++) {
    const cp = codePointAt(text, i);
    if (lookAlikeDigit(cp) !== undefined && (edges || out.endsWithDigit())) {
      i = pushLookAlikes(text, i, out, edges) - 1;
      continue;
    }
    const r = cp < 128 ? (ASCII[cp] ?? null) : replacementOf(cp);
    if (r === null) {
      out.push(text.charCodeAt(i), i);
      if (cp > 0xffff) out.push(text.charCodeAt(i + 1), i + 1);
    } else {
      for (let k = 0; k < r.length; k++) out.push(r.charCodeAt(k), i);
    }
    if (cp > 0xffff) i++;
  }
  return { text: out.text(), origin: out.origin, lookAlikes: out.lookAlikes, beside };
}

const NO_INDICES: readonly number[] = [];

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The run of look-alike letters from `from`, pushed as the digits they stand for when a digit
 * stands before and after it (characters read as nothing may stand between), or with `edges` on
 * either side; else as they are. The index after the run.
 */
function pushLookAlikes(text: string, from: number, out: Builder, edges: boolean): number {
  let end = from;
  while (end < text.length && lookAlikeDigit(text.charCodeAt(end)) !== undefined) end++;
  let next = end;
  let after: Replacement = '';
  while (next < text.length && after === '') {
    const cp = codePointAt(text, next);
    after = cp < 128 ? (ASCII[cp] ?? String.fromCharCode(cp)) : replacementOf(cp);
    if (after === '') next += cp > 0xffff ? 2 : 1;
  }
  const digitAfter = after !== null && after !== '' && isDigitCode(after.charCodeAt(0));
  const digitBefore = out.endsWithDigit();
  const asDigits = edges ? digitAfter || digitBefore : digitAfter && digitBefore;
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (asDigits) out.lookAlikes.push(out.length);
    out.push(asDigits ? (lookAlikeDigit(c) ?? '').charCodeAt(0) : c, i);
  }
  return end;
}

/** The normalised text as it is built: UTF-16 units, each with its index in the original. */
class Builder {
  codes: Uint16Array;
  origin: Int32Array;
  length = 0;
  /** The indices of the units read from look-alike letters. */
  lookAlikes: number[] = [];

  constructor(capacity: number) {
    this.codes = new Uint16Array(capacity + 8);
    this.origin = new Int32Array(capacity + 8);
  }

  /** True when the last unit is an ASCII digit. */
  endsWithDigit(): boolean {
    return this.length > 0 && isDigitCode(this.codes[this.length - 1] as number);
  }

  /** Append one unit; a separator of {@link COLLAPSES} right after the same one is dropped (runs collapse). */
  push(code: number, at: number): void {
    if (code < 128 && COLLAPSES[code] === true && this.length > 0 && this.codes[this.length - 1] === code) return;
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length] = code;
    this.origin[this.length++] = at;
  }

  text(): string {
    const parts: string[] = [];
    for (let i = 0; i < this.length; i += CHUNK) {
      parts.push(String.fromCharCode(...this.codes.subarray(i, Math.min(i + CHUNK, this.length))));
    }
    this.origin = this.origin.subarray(0, this.length);
    return parts.join('');
  }

  private grow(): void {
    const codes = new Uint16Array(this.codes.length * 2);
    const origin = new Int32Array(this.codes.length * 2);
    codes.set(this.codes);
    origin.set(this.origin);
    this.codes = codes;
    this.origin = origin;
  }
}

/** Units per `String.fromCharCode` call, well below any engine's argument limit. */
const CHUNK = 8192;

/**
 * The range `[start, end)` of `source` that the normalised range `[from, to)` of `normal` came
 * from (`from < to`); a character that became several covers them all.
 */
export function originalSpan(source: string, normal: NormalizedDigits, from: number, to: number): [number, number] {
  if (normal.origin === null) return [from, to];
  const start = normal.origin[from] ?? source.length;
  const last = normal.origin[to - 1] ?? source.length - 1;
  const c = source.charCodeAt(last);
  return [start, c >= 0xd800 && c <= 0xdbff ? last + 2 : last + 1];
}
