/**
 * Numbers and seconds as Samplan's sentences write them in each language: Swedish with a decimal
 * comma and a space between thousands (`0,001 s`, `83,2 s`, `12 000`), as `Intl.NumberFormat('sv-SE')`
 * writes them; English with a point (`en-GB`). The command line's lines and refusals, and the
 * server's words that reach them, write a number through here rather than `String(n)`, `toFixed`
 * or a template's `${n}`, which write a point in Swedish too.
 */
import type { Localized } from '../schema/types.js';
import type { Lang } from './t.js';

/** How many decimals: at most `max` (3 unless given), at least `min` (0 unless given). */
export interface Decimals {
  min?: number;
  max?: number;
}

const FORMATS = new Map<string, Intl.NumberFormat>();

/** The formatter of `lang` with `decimals`, made once. */
function formatOf(lang: Lang, { min = 0, max = Math.max(3, min) }: Decimals): Intl.NumberFormat {
  const key = `${lang}:${min}:${max}`;
  let format = FORMATS.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { minimumFractionDigits: min, maximumFractionDigits: max });
    FORMATS.set(key, format);
  }
  return format;
}

/**
 * `n` written in `lang`, rounded to `decimals` (at most three by default).
 *
 * @example
 * numberText(0.001, 'sv'); // '0,001'
 * numberText(83.25, 'en', { min: 1, max: 1 }); // '83.3'
 */
export function numberText(n: number, lang: Lang, decimals: Decimals = {}): string {
  return formatOf(lang, decimals).format(n);
}

/**
 * `seconds` followed by the unit, in `lang`: `0,5 s` in Swedish, `0.5 s` in English.
 *
 * @example
 * secondsText(0.001, 'sv'); // '0,001 s'
 */
export function secondsText(seconds: number, lang: Lang, decimals: Decimals = {}): string {
  return `${numberText(seconds, lang, decimals)} s`;
}

/**
 * {@link secondsText} in both languages, for a sentence given as `{ sv, en }`.
 *
 * @example
 * secondsWords(1.5); // { sv: '1,5 s', en: '1.5 s' }
 */
export function secondsWords(seconds: number, decimals: Decimals = {}): Localized {
  return { sv: secondsText(seconds, 'sv', decimals), en: secondsText(seconds, 'en', decimals) };
}

/**
 * Each plain decimal number written in English in `text` (`0.1`, `600`, `-2.5`: digits, at most
 * one point, not part of a longer word or version such as `1.2.3`) written in `lang`. For a
 * sentence of another module's English whose numbers the Swedish repeats.
 *
 * @example
 * numbersIn('from 0.1 to 600', 'sv'); // 'from 0,1 to 600'
 */
export function numbersIn(text: string, lang: Lang): string {
  return text.replace(/(?<![\w.])-?\d+(?:\.\d+)?(?![\w.]*\d)/g, (m) => {
    const decimals = m.split('.')[1]?.length ?? 0;
    return numberText(Number(m), lang, { min: decimals, max: decimals });
  });
}
