/**
 * How the UTF-16 raw-byte net (`raw-scan-utf16.ts`) reads each 16-bit unit: whether the guard
 * reads it as digits, whether the reading keeps it, and what it becomes between two digits (a
 * separator, nothing, a look-alike digit, a letter). Tables of the 65,536 units, filled in as
 * units are met.
 */
import { digitCount, lookAlikeDigit, separatorUnit } from './normalize-digits.js';
const BIDI = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);

/** True when both bytes of `unit` are printable ASCII: any ASCII text read as UTF-16 is made of such units. */
const asciiPair = (unit: number): boolean => (unit & 0xff) >= 0x20 && (unit & 0xff) < 0x7f && unit >= 0x2000 && unit < 0x7f00;

/** The superscript digits (`⁰`, `⁴`–`⁹`; `¹²³` are Latin-1's). */
export const superscript = (unit: number): boolean => unit === 0x2070 || (unit >= 0x2074 && unit <= 0x2079);

/** A number or a symbol: every character the guard reads as digits is one (`８`, `⑫`, `㋋` `12月`, `㎟` `mm2`). */
const NUMBER_OR_SYMBOL = /[\p{N}\p{So}]/u;

/** Whether each unit is a digit to the guard: 0 not yet known, 1 no, 2 yes. */
const DIGIT_UNIT = new Uint8Array(0x10000);

/**
 * True when the guard reads the unit `unit` (no surrogate) as digits: {@link digitCount}, asked only
 * of numbers and symbols, since bytes of no known layout read as UTF-16 meet most of the 65,536
 * units, and `digitCount` normalizes each unit it meets first (a quarter of a second for all).
 */
function digitUnit(unit: number): boolean {
  let known = DIGIT_UNIT[unit] as number;
  if (known === 0) known = DIGIT_UNIT[unit] = NUMBER_OR_SYMBOL.test(String.fromCharCode(unit)) && digitCount(unit) > 0 ? 2 : 1;
  return known === 2;
}

/**
 * The unit `unit` as the reading keeps it: a Latin letter, digit or mark (U+0020–U+02FF but the
 * C1 controls), general punctuation (U+2000–U+206F: dashes, spaces, zero-width characters), or a
 * digit of another script or a separator the guard joins digits across ({@link joinsDigits}), either
 * no pair of printable ASCII (see the module comment of `raw-scan-utf16.ts`), as it is;
 * any other as U+FFFD, which ends a run: a control character too (the zero unit that ends a
 * string, or half of a character of UTF-16BE text read from the other byte, whose en dash 20 13
 * becomes a dagger and U+0013), and a bidirectional control.
 */
export function kept(unit: number): number {
  const latin = unit >= 0x20 && unit <= 0x02ff && !(unit >= 0x7f && unit <= 0x9f);
  if ((latin || (unit >= 0x2000 && unit <= 0x206f)) && !BIDI.has(unit)) return unit;
  if (superscript(unit) || (unit > 0x02ff && !asciiPair(unit) && (digitUnit(unit) || joinsDigits(unit)))) return unit;
  return 0xfffd;
}

/**
 * True when the guard reads `unit` (above U+02FF, no surrogate) as a separator it joins digits
 * across (`separatorUnit`): a fullwidth hyphen `－`, the minus sign `−`, an ideographic space.
 * Turned into U+FFFD, such a unit between the parts of a number written as UTF-16
 * (`８５０１０１－１２３６`) cut it in two runs, neither ten digits, where the guard reads the text
 * whole. A unit the guard reads as nothing (a combining mark) stays out: in a reading from the
 * other byte one is often a digit and the byte before it (`07 32`, a Syriac mark, is `2`), which
 * read as nothing turns `2026-03-17 98.92 kr` into a number; so does a bidirectional control.
 * So does a unit whose low byte is a printable ASCII character: from the other byte that is the
 * last character of UTF-16BE text (`6` of `…1236`, `r` of `kr`), which the reading takes alone.
 */
function joinsDigits(unit: number): boolean {
  const low = unit & 0xff;
  return !(low > 0x20 && low < 0x7f) && !BIDI.has(unit) && separatorUnit(unit) > 0;
}

/** The most units between two digits a bridge joins across ({@link bridgeAt}): a letter with a space on either side. */
export const BRIDGE_GAP = 3;
/** {@link bridgeOf}: the unit joins no digits. */
export const NO_BRIDGE = -1;
/** {@link bridgeOf}: the unit joins digits and stands for nothing in the reading (a combining mark, a bidirectional control). */
export const NOTHING = 0;
const UNKNOWN_BRIDGE = -2;
/** {@link bridgeOf} of each unit, filled in as units are met. */
const BRIDGE_OF = new Int32Array(0x10000).fill(UNKNOWN_BRIDGE);
const LETTER = /\p{L}/u;

/**
 * What the unit `unit` (no surrogate) becomes in a reading where it stands between two digits
 * and the reading does not keep it ({@link kept}): the ASCII separator the guard reads it as
 * (U+FE63, the small hyphen-minus, is `-`), {@link NOTHING} for a unit the guard reads as nothing
 * (a combining mark, a bidirectional control: left out, so it turns nothing around), the digit
 * of a look-alike letter (a Cyrillic `О`), `x` for any other letter (a letter of whatever script,
 * as the guard reads one between date part and serial, with no direction of its own), else
 * {@link NO_BRIDGE}: a control, a private-use or unassigned unit, a digit that is two printable
 * ASCII characters, a symbol the guard keeps.
 */
export function bridgeOf(unit: number): number {
  let known = BRIDGE_OF[unit] as number;
  if (known === UNKNOWN_BRIDGE) known = BRIDGE_OF[unit] = bridgeClass(unit);
  return known;
}

function bridgeClass(unit: number): number {
  if (unit < 0x20 || (unit >= 0x7f && unit <= 0x9f) || (unit >= 0xd800 && unit <= 0xf8ff) || unit >= 0xfff0) return NO_BRIDGE;
  const separator = separatorUnit(unit);
  if (separator > 0) return separator;
  if (separator === -1) return NOTHING;
  const look = lookAlikeDigit(unit);
  if (look !== undefined) return look.charCodeAt(0);
  return LETTER.test(String.fromCharCode(unit)) ? 0x78 : NO_BRIDGE;
}
