/**
 * How indicator numbers are rounded for people, in every place they are shown (exports, the
 * pulled table in Excel, the pane's list and its charts, `chart.svg`, the styrgrupp report):
 * counts as integers, other values and targets to one decimal; a whole number has no decimal part
 * (`8`, never `8.0`), and no trailing zero either (`3,8`, never `3,80`).
 */
import type { Lang } from '../i18n/t.js';
import { numberText } from '../i18n/number-words.js';

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


/** How one indicator's numbers are written as text; see {@link indicatorNumbers}. */
export interface IndicatorNumbers {
  /** A value, rounded to {@link valueDecimals}: a count `8`, a share `62,5`, a level `3,8`. */
  value(n: number): string;
  /**
   * A target or a mark on a scale, which may be a share of a whole one (a count's annual 10 is
   * 2,5 a quarter, `shared/rounds/target-rule.ts`): at least one decimal when it has one.
   */
  target(n: number): string;
}

/**
 * The one number format of an indicator, for every view of it (the pane's list and its chart,
 * `chart.svg`, the styrgrupp report): rounded as {@link roundTo} to its {@link valueDecimals}
 * (targets to at least one), written in the reader's locale (`sv-SE`: `3,8`, `1 250` with a
 * no-break space; `en-GB`: `3.8`, `1,250`), never with trailing zeros (`3,8`, never `3,80`).
 * The unit itself is not written; callers put it beside the number where they show it.
 *
 * @example
 * indicatorNumbers('år', 'sv').value(3.8); // '3,8'
 * indicatorNumbers('antal', 'sv').value(7.6); // '8'
 * indicatorNumbers('antal', 'sv').target(2.5); // '2,5'
 */
export function indicatorNumbers(unitOfMeasure: string | null | undefined, lang: Lang): IndicatorNumbers {
  const decimals = valueDecimals(unitOfMeasure);
  const targetDecimals = Math.max(decimals, 1);
  return {
    value: (n) => numberText(roundTo(n, decimals), lang, { max: decimals }),
    target: (n) => numberText(roundTo(n, targetDecimals), lang, { max: targetDecimals }),
  };
}
