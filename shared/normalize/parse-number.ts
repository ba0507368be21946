/**
 * Reading numbers typed the Swedish way. One rule, always the same: a comma or a point is the
 * decimal mark; spaces (also no-break and thin spaces, as Excel and Word insert them) separate
 * thousands in groups of three. Points separate thousands too where nothing else can be meant, as
 * Swedish and European files write amounts: before a decimal comma (`1.234,5`, `12.345.678,90`)
 * or in two groups or more (`1.234.567`). One point before three digits (`1.234`) reads both ways
 * (1234 or 1.234) and is refused ({@link pointAmbiguity}), as is a point after a comma
 * (`1,234.5`: comma thousands, English style, where a comma is the decimal mark). A trailing
 * `%` (with or without a space before it) is dropped: `12,5 %` reads as 12.5, the number as
 * written — percentages are stored in percent, as the indicator tables show them.
 */

const SPACES = /[ \u00a0\u202f\u2009]/g;
const PLAIN = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;
const GROUPED = /^[+-]?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?$/;
/** Points between thousands, then a decimal comma, or points alone in two groups or more. */
const POINT_GROUPED = /^[+-]?\d{1,3}(?:(?:\.\d{3})+,\d+|(?:\.\d{3}){2,})$/;
/** One point after one to three digits, the first no zero, before three more: a group of thousands or three decimals. */
const POINT_AMBIGUOUS = /^[+-]?[1-9]\d{0,2}\.\d{3}$/;
const PERCENT = /[ \u00a0\u202f\u2009]?%$/;

/** `text` as it is read: the minus sign U+2212 (Word's, some exports') as a hyphen, a trailing percent sign dropped. */
const bare = (text: string) => text.replace(/^\u2212/, '-').replace(PERCENT, '');

/**
 * The number in `text`, or null if it is not one or reads two ways ({@link pointAmbiguity}).
 * `text` should already be trimmed.
 * @example parseSwedishNumber('1 234,5') // 1234.5
 * @example parseSwedishNumber('1.234,5') // 1234.5
 * @example parseSwedishNumber('1.234') // null: 1234 or 1.234
 * @example parseSwedishNumber('12,5 %') // 12.5
 */
export function parseSwedishNumber(text: string): number | null {
  if (text.length > 60) return null;
  const s = bare(text);
  if (POINT_GROUPED.test(s)) return finite(Number(s.replace(/\./g, '').replace(',', '.')));
  if (POINT_AMBIGUOUS.test(s) || !(PLAIN.test(s) || GROUPED.test(s))) return null;
  return finite(Number(s.replace(SPACES, '').replace(',', '.')));
}

const finite = (n: number) => (Number.isFinite(n) ? n : null);

/**
 * The two numbers `text` (trimmed) may mean when a point in it stands between thousands or before
 * decimals alike (`1.234`: 1234 or 1.234; `-12.500 %`: -12500 or -12.5), else null.
 * @example pointAmbiguity('1.234') // { whole: 1234, decimal: 1.234 }
 */
export function pointAmbiguity(text: string): { whole: number; decimal: number } | null {
  if (text.length > 60) return null;
  const s = bare(text);
  return POINT_AMBIGUOUS.test(s) ? { whole: Number(s.replace('.', '')), decimal: Number(s) } : null;
}

/** True when `text` (trimmed) ends in a percent sign, so a summary can say `%` was dropped. */
export function hasPercent(text: string): boolean {
  return PERCENT.test(text);
}
