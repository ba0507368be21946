/**
 * Reading numbers typed the Swedish way. One rule, always the same: a comma or a point is the
 * decimal mark; spaces (also no-break and thin spaces, as Excel and Word insert them) separate
 * thousands in groups of three. A string with both a comma and a point is ambiguous
 * (`1.234,5` or `1,234.5`?) and is refused rather than guessed. A trailing `%` (with or without
 * a space before it) is dropped: `12,5 %` reads as 12.5, the number as written — percentages are
 * stored in percent, as the indicator tables show them.
 */

const SPACES = /[ \u00a0\u202f\u2009]/g;
const PLAIN = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;
const GROUPED = /^[+-]?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?$/;
const PERCENT = /[ \u00a0\u202f\u2009]?%$/;

/**
 * The number in `text`, or null if it is not one. `text` should already be trimmed.
 * @example parseSwedishNumber('1 234,5') // 1234.5
 * @example parseSwedishNumber('12,5 %') // 12.5
 */
export function parseSwedishNumber(text: string): number | null {
  if (text.length > 60) return null;
  // U+2212 is the minus sign Word and some exports use instead of a hyphen.
  const s = text.replace(/^\u2212/, '-').replace(PERCENT, '');
  if (!(PLAIN.test(s) || GROUPED.test(s))) return null;
  const n = Number(s.replace(SPACES, '').replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

/** True when `text` (trimmed) ends in a percent sign, so a summary can say `%` was dropped. */
export function hasPercent(text: string): boolean {
  return PERCENT.test(text);
}
