/**
 * Reading numbers typed the Swedish way. One rule, always the same: a comma or a point is the
 * decimal mark; spaces (also no-break and thin spaces, as Excel and Word insert them) separate
 * thousands in groups of three. A string with both a comma and a point is ambiguous
 * (`1.234,5` or `1,234.5`?) and is refused rather than guessed.
 */

const SPACES = /[ \u00a0\u202f\u2009]/;
const PLAIN = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;
const GROUPED = /^[+-]?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?$/;

/**
 * The number in `text`, or null if it is not one. `text` should already be trimmed.
 * @example parseSwedishNumber('1 234,5') // 1234.5
 */
export function parseSwedishNumber(text: string): number | null {
  // U+2212 is the minus sign Word and some exports use instead of a hyphen.
  const s = text.replace(/^\u2212/, '-');
  if (!(PLAIN.test(s) || GROUPED.test(s))) return null;
  const n = Number(s.replace(new RegExp(SPACES.source, 'g'), '').replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}
