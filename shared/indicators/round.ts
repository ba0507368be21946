/**
 * How indicator numbers are rounded for people, in every place they are shown (exports, the
 * pulled table in Excel): counts as integers, other values and targets to one decimal; a whole
 * number has no decimal part (`8`, never `8.0`).
 */

/** `n` rounded to `decimals`, half away from zero; -0 as 0. */
export function roundTo(n: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = (Math.sign(n) * Math.round(Math.abs(n) * f)) / f;
  return r === 0 ? 0 : r;
}

/**
 * Decimals of an indicator's values and targets, by its unit of measure: a count (`antal`,
 * `st`) none, anything else (procent, per 1 000 invånare, år) one.
 */
export function valueDecimals(unitOfMeasure: string | null | undefined): number {
  return /^(antal|st|stycken|number|count)$/i.test(unitOfMeasure?.trim() ?? '') ? 0 : 1;
}
