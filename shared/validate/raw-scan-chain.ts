/**
 * How the raw-byte net (`raw-scan.ts`) counts digits standing close together in one reading of
 * the bytes ({@link Chain}), and where a control character ends a run of the text and where it
 * stands inside a number ({@link controlsJoin}): the guard reads a control or format character
 * between digits as nothing (`19760929\u00012292` is `197609292292`), so there the bytes must
 * not be cut either, while elsewhere a control byte is what separates the strings of an update.
 */
import { digitCount, separatorUnit, vanishes } from './normalize-digits.js';
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

  /**
   * A control character: read as nothing when it may stand inside a number (right after a digit,
   * or after one separator after a digit: {@link controlsJoin} decides on the text), else the run
   * of the text ends here.
   */
  control(): void {
    const inside = this.gap === 0 || (this.gap === 1 && this.prevUnit > 0);
    if (!inside) this.cut();
  }

  /** A run of the text ends (a control character, an undecodable byte). */
  cut(): void {
    this.digits = 0;
    this.gap = WORDED_GAP + 1;
    this.prevUnit = 0;
  }
}

/** The code point of `text` at `i`, a surrogate half as it is (read as neither digit nor nothing). */
const unitAt = (text: string, i: number): number => text.charCodeAt(i);

/**
 * True when a digit stands at `i` in `text` going by `step` (+1 or -1), past characters read as
 * nothing and at most one separator (`-`, a space, `.` …: `separatorUnit`), within `[from, to)`.
 */
function digitNear(text: string, i: number, step: 1 | -1, from: number, to: number): boolean {
  let separators = 0;
  for (; i >= from && i < to; i += step) {
    const c = unitAt(text, i);
    if (digitCount(c) > 0) return true;
    // An undecodable byte (U+FFFD) ends the run whatever the guard reads it as.
    if (c === 0xfffd) return false;
    if (vanishes(c)) continue;
    if (separatorUnit(c) <= 0 || ++separators > 1) return false;
  }
  return false;
}

/**
 * True when the control characters at `[at, end)` of `text` stand inside a number as the guard
 * reads it: a digit before them (after at most one separator, from `start` on) and a digit after
 * them (after at most one separator). The guard reads them as nothing there (`19760929\u00012292`,
 * `1976-09-29\u0001 2292`); anywhere else they end the run.
 */
export function controlsJoin(text: string, start: number, at: number, end: number): boolean {
  return digitNear(text, at - 1, -1, start, end) && digitNear(text, end, 1, end, text.length);
}
