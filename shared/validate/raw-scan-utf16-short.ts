/**
 * The UTF-16 readings' gate (`worthReading` of `raw-scan-utf16.ts`) for the numbers that hold
 * fewer than ten digits close together, which its count of ten passed over: a date of birth
 * written with the month's name (`8 dec 1981-9876`, seven digits and more: `raw-scan-months.ts`)
 * and a reservnummer of nine (`22850101ABC1`: `raw-scan-reserve.ts`). Written as UTF-16
 * (`8\0 \0d\0e\0c\0 …`), such a text was never read, though its UTF-8 and 8-bit spellings are.
 */
import { MONTH_PREFIXES } from './personnummer-month-named.js';
import { digitCount, vanishes } from './normalize-digits.js';

/** Each month's first three letters, lower-case ASCII, as one number (the third letter in the low byte). */
const PREFIX_KEYS: ReadonlySet<number> = new Set(MONTH_PREFIXES.map((p) => (p.charCodeAt(0) << 16) | (p.charCodeAt(1) << 8) | p.charCodeAt(2)));

/** The digits a reservnummer starts with (`reserveFrom` of `raw-scan-reserve.ts`). */
const LEAD_DIGITS = 8;

/** The lower-case ASCII letter of the unit `unit` (ASCII or fullwidth Latin), or 0. */
function latinLetter(unit: number): number {
  const ascii = unit >= 0xff21 && unit <= 0xff5a ? unit - 0xfee0 : unit;
  const lower = ascii | 0x20;
  return ascii < 0x80 && lower >= 97 && lower <= 122 ? lower : 0;
}

/** True for a dash the guard reads between a reservnummer's date part and its letters. */
function dash(unit: number): boolean {
  return unit === 0x2d || (unit >= 0x2010 && unit <= 0x2015) || unit === 0x2212;
}

/**
 * Units of one UTF-16 reading, one after another as the reading keeps them (a unit it does not
 * keep as U+FFFD): {@link seen} once they may hold a month's name followed by a digit, or eight
 * digits followed by a letter (spaces and characters that show nothing between them, a dash too
 * before the letter). A superset of where the guard reads either: the scan (`scanReading`) then
 * reads the text.
 */
export class ShortNumberUnits {
  /** True once the units may hold such a number. */
  seen = false;
  /** The last three units as lower-case letters (0 for any other), the newest in the low byte. */
  private letters = 0;
  /** For each of the last four units (the newest the lowest bit), 1 when it is a letter or digit. */
  private words = 0;
  /** A month's name stood at a word's start since the last unit not kept. */
  private named = false;
  /** Digits in a row (spaces and characters that show nothing between), and a dash after eight of them. */
  private digits = 0;
  private dashed = false;

  /**
   * The next unit the reading keeps (`0xfffd`: one it does not, which ends a run). A table-free
   * test or two per unit: random bytes read as UTF-16 meet every unit, and most end here.
   */
  add(unit: number): void {
    if (this.seen) return;
    const letter = latinLetter(unit);
    // After a month's name, a digit of any script (as the month pass reads `\p{N}`).
    if (this.named && letter === 0 && unit !== 0xfffd && digitCount(unit) > 0) {
      this.seen = true;
      return;
    }
    // A reservnummer's digits are ASCII or fullwidth (`findReservnummer`).
    const digit = (unit >= 0x30 && unit <= 0x39) || (unit >= 0xff10 && unit <= 0xff19);
    this.month(letter, digit, unit);
    if (digit) {
      if (this.dashed) this.digits = 0;
      this.dashed = false;
      this.digits++;
    } else if (this.digits === 0) return;
    else if (letter !== 0 && this.digits >= LEAD_DIGITS) this.seen = true;
    else if (dash(unit) && this.digits >= LEAD_DIGITS) this.dashed = true;
    else if (unit === 0xfffd || (unit !== 0x20 && !vanishes(unit))) {
      this.digits = 0;
      this.dashed = false;
    }
  }

  private month(letter: number, digit: boolean, unit: number): void {
    if (unit === 0xfffd) this.named = false;
    this.letters = ((this.letters << 8) | letter) & 0xffffff;
    this.words = ((this.words << 1) | (letter !== 0 || digit ? 1 : 0)) & 0xf;
    // Three letters of a month's name, and no letter or digit glued before them (`xdec`, `7dec`).
    if (letter !== 0 && (this.words & 0x8) === 0 && PREFIX_KEYS.has(this.letters)) this.named = true;
  }
}
