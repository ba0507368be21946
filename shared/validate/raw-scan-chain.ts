/**
 * How the raw-byte net (`raw-scan.ts`) counts digits standing close together in one reading of
 * the bytes ({@link Chain}), and where a control character ends a run of the text and where it
 * stands inside a text ({@link controlsJoin}). The guard's normalisation (`normalize-digits.ts`)
 * reads a control or format character as nothing wherever it stands: between digits
 * (`19760929\u00012292` is `197609292292`), after a label (`Pnr:\u0001 1995-02-11 00:01` is
 * `Pnr: 1995-02-11 00:01`), inside a label (`per\u0001sonnummer`). The net decides with the same
 * functions (`vanishes`, `separatorUnit`, `digitCount`), never a list of its own, so that where
 * a word or number goes on across a control character the bytes are not cut either, while
 * between the strings of an update (a length byte after the type byte `w`, an info byte) they are.
 */
import { digitCount, digitFollows, lookAlikeDigit, separatorUnit, vanishes } from './normalize-digits.js';
import { WORDED_GAP } from './personnummer-shapes.js';

/** A personnummer has at least ten digits. */
export const MIN_DIGITS = 10;

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

/** True when the code point `cp` is a control character (C0, DEL, C1): it ends a run unless it stands inside a number. */
export function controlChar(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

/**
 * How close the digits of one reading of the bytes stand, character by character as the guard
 * reads them: see `mayHoldNumber`.
 */
export class Chain {
  /** Digits chained so far. */
  digits = 0;
  /** Characters since the last digit, as the guard reads them. */
  gap = WORDED_GAP + 1;
  /** The separator the last character became when its runs read as one (see `separatorUnit`), else 0. */
  prevUnit = 0;
  /**
   * Separators since the last digit or other character that is no separator (a letter of a
   * label), as the guard reads them; more than `MAX_GAP` when none stands in this run.
   */
  marks = MAX_GAP + 1;

  /** A character that becomes `digits` digits, or (none) the separator `unit`; true once ten digits chain. */
  add(digits: number, unit: number): boolean {
    // Each field read and each compare made on every call, before any branch: one made only on a
    // rare branch (a gap of words after a date part) had no type feedback when the scan loop was
    // optimized, and its first use threw that code away.
    const gap = this.gap;
    const chained = this.digits;
    const prevUnit = this.prevUnit;
    const marks = this.marks;
    if (digits > 0) {
      const near = gap <= MAX_GAP;
      const worded = gap <= WORDED_GAP;
      const dated = chained >= DATE_DIGITS;
      const joined = near || (worded && dated);
      const now = joined ? chained + digits : digits;
      this.digits = now;
      this.gap = 0;
      this.prevUnit = 0;
      this.marks = 0;
      return now >= MIN_DIGITS;
    }
    if (unit >= 0 && (unit === 0 || unit !== prevUnit)) {
      this.gap = gap + 1;
      this.prevUnit = unit;
      // A letter right after a digit is no label's (`19121212w`: a string's digits, then the
      // type byte of the next): see `controlsJoin`.
      this.marks = unit !== 0 ? marks + 1 : gap === 0 ? MAX_GAP + 1 : 0;
    }
    return false;
  }

  /**
   * Whether a digit now would be chained to those before (the test `add` makes): false at a digit
   * after a gap too long for any shape; then a chain counted from any earlier start is cut there too.
   */
  joins(): boolean {
    return this.gap <= MAX_GAP || (this.gap <= WORDED_GAP && this.digits >= DATE_DIGITS);
  }

  /**
   * A control character: read as nothing when it may stand inside a text (after a digit or a
   * letter and at most `MAX_GAP` separators: {@link controlsJoin} decides on the text, seeing
   * what follows too; a chain kept where the text is cut only makes this count say yes more
   * often), else the run of the text ends here. True when it ends here (the chain is cut).
   */
  control(): boolean {
    const ends = this.marks > MAX_GAP;
    if (ends) this.cut();
    return ends;
  }

  /** A run of the text ends (a control character, an undecodable byte). */
  cut(): void {
    this.digits = 0;
    this.gap = WORDED_GAP + 1;
    this.prevUnit = 0;
    this.marks = MAX_GAP + 1;
  }
}

/** A letter of any script: a label's (`Pnr`, `född`), as the guard's labels match words (`\\p{L}+`). */
const LETTER = /\p{L}/u;

/**
 * True when a digit stands at `i` in `text` going by `step` (+1 or -1), or with `letters` a
 * letter too, past characters the guard reads as nothing and at most `most` separators (`-`, a
 * space, `:` …: `separatorUnit`), within `[from, to)`: a number, or a word, goes on there.
 */
function textNear(text: string, i: number, step: 1 | -1, from: number, to: number, letters: boolean, most: number): boolean {
  let separators = 0;
  for (; i >= from && i < to; i += step) {
    const c = text.charCodeAt(i);
    if (digitCount(c) > 0) return true;
    // An undecodable byte (U+FFFD) ends the run whatever the guard reads it as.
    if (c === 0xfffd || controlChar(c)) return false;
    if (vanishes(c)) continue;
    const unit = separatorUnit(c);
    if (unit === 0) return letters && LETTER.test(text.charAt(i)) && (step === 1 || !gluedToDigit(text, i, from));
    if (++separators > most) return false;
  }
  return false;
}

/** True when a digit stands right before `i` in `text` (past characters read as nothing), from `from` on. */
function gluedToDigit(text: string, i: number, from: number): boolean {
  for (let k = i - 1; k >= from; k--) {
    const c = text.charCodeAt(k);
    if (digitCount(c) > 0) return true;
    if (!vanishes(c) || controlChar(c)) return false;
  }
  return false;
}

/**
 * The digits the code point `cp` adds to `chain`, `next` being the index of the unit after it in
 * `text`: `digitCount(cp)`, or 1 for a look-alike digit (`O` for 0, `l` for 1: `lookAlikeDigit`)
 * inside a run of digits or before a digit, else 0. The one reading of a character every
 * chain-walking scan (`tenDigitsAt`, the byte-array net's windows, `TenDigitsFrom`) shares.
 */
export function chainDigits(text: string, next: number, cp: number, chain: Chain): number {
  const digits = digitCount(cp);
  if (digits === 0 && lookAlikeDigit(cp) !== undefined && (chain.gap === 0 || digitFollows(text, next))) return 1;
  return digits;
}

/**
 * True when the control characters at `[at, end)` of `text` stand inside a text as the guard
 * reads it, which reads them as nothing. `'number'`: a digit on both sides, past at most one
 * separator each (`19760929\u00012292`, `1976-09-29\u0001 2292`). `'word'`: a digit or a letter
 * on both sides, past at most `MAX_GAP` separators each (`Pnr:\u0001 1995-02-11 00:01`,
 * `per\u0001sonnummer 19950211-0001`, `Pnr\u0001: 1995-…`), but a letter right after a digit
 * before them is no word's: it is the type byte `w` after a string's digits, and the control
 * character the next string's length (`19121212w\u0005-1212`, two strings of a list). Joined as a word, the bytes between
 * two strings of an update may read as one text too (the type byte `w` before a length byte:
 * `w\u000e850101 nr 1236` hides the number behind the `w`), so the net reads a run both cut
 * there and joined (`scanRuns`); anywhere else the control characters end the run.
 */
export function controlsJoin(text: string, start: number, at: number, end: number, kind: 'number' | 'word'): boolean {
  const letters = kind === 'word';
  const most = letters ? MAX_GAP : 1;
  return textNear(text, at - 1, -1, start, end, letters, most) && textNear(text, end, 1, end, text.length, letters, most);
}

/**
 * True when ten digits stand close together in `text` from `start` to `end` as the guard reads
 * them, {@link Chain} counting character by character as `mayHoldNumber` counts bytes, control
 * characters read as nothing (the text is runs that control characters join: `scanJoined` of
 * `raw-scan.ts`). When false the guard finds no number there, however the runs' scattered digits
 * add up: a paste of rows (`Rad 12 …`, ids, positions) holds many digits and no ten close ones.
 */
export function chainsTenDigits(text: string, start: number, end: number): boolean {
  return tenDigitsAt(text, start, end) >= 0;
}

/**
 * Where ten digits first stand close together in `text` from `start` on, before `end`, as
 * {@link chainsTenDigits} counts: the index of the character that makes them ten, or -1. The
 * count at an index does not depend on where the text is cut after it, so one count from a run
 * answers for every window that starts there: a window ending at `e` holds ten when this is below `e`.
 */
export function tenDigitsAt(text: string, start: number, end: number): number {
  const chain = new Chain();
  for (let i = start; i < end; i++) {
    const at = i;
    const cp = text.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    if (controlChar(cp)) continue;
    const digits = chainDigits(text, i + 1, cp, chain);
    if (chain.add(digits, digits > 0 ? 0 : separatorUnit(cp))) return at;
  }
  return -1;
}
