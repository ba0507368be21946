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

/**
 * The formatter of `lang` for `key`, made once. `signDisplay: 'negative'`: a minus only before a
 * number below zero, so −0 (`-0`, or a tiny negative rounded) is written `0`, not `−0`.
 */
function formatter(lang: Lang, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const full = `${lang}:${key}`;
  let format = FORMATS.get(full);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { ...options, signDisplay: 'negative' });
    FORMATS.set(full, format);
  }
  return format;
}

/** The formatter of `lang` with `decimals`. */
function formatOf(lang: Lang, { min = 0, max = Math.max(3, min) }: Decimals): Intl.NumberFormat {
  return formatter(lang, `${min}:${max}`, { minimumFractionDigits: min, maximumFractionDigits: max });
}

/**
 * `n` written in `lang`, rounded to `decimals` (at most three by default). A number that is not 0
 * but that those decimals would write as 0 is written to its first significant digit instead
 * (`0,0001`, `−0,0004`), as Swedish writes a small measure, so it never reads as none; −0 is `0`.
 *
 * @example
 * numberText(0.001, 'sv'); // '0,001'
 * numberText(0.0001, 'sv'); // '0,0001'
 * numberText(83.25, 'en', { min: 1, max: 1 }); // '83.3'
 */
export function numberText(n: number, lang: Lang, decimals: Decimals = {}): string {
  const text = formatOf(lang, decimals).format(n);
  if (n === 0 || !Number.isFinite(n) || /[1-9]/.test(text)) return text;
  return formatter(lang, 'first-digit', { maximumSignificantDigits: 1 }).format(n);
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

/** A word's leading and trailing punctuation, which a number in a sentence may stand between: `(0.1)`, `600.`, `"2",`, `0.5%`. */
const WRAPPED = /^([([{"'“‘«]*)(.*?)(%?[)\]}"'”’»,.;:!?]*)$/s;

/** A plain decimal number as English writes it: no leading zero but a lone one, at most one point. */
const PLAIN_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/**
 * Each plain decimal number written in English in `text` (`0.1`, `600`, `-2.5`) written in `lang`,
 * with as many decimals as it was written with. A number is a whole word, bar the punctuation
 * around it (`(0.1)`, `600.`); anything joined to other characters is left as written, since
 * it is no number to reformat: a date (`2025-03-01`, `1/3`), a time (`14:05`), an id or code
 * (`vc-12`, `007`, `v2`), a version (`1.2.3`), a number grouped in English (`1,000`). A number
 * of four digits keeps them together (`3600`, as Swedish may write it), so a year stays `2025`.
 * For a sentence of another module's English whose numbers the Swedish repeats.
 *
 * @example
 * numbersIn('from 0.1 to 600', 'sv'); // 'from 0,1 to 600'
 * numbersIn('on 2025-03-01 at 14:05, 0.5 s', 'sv'); // 'on 2025-03-01 at 14:05, 0,5 s'
 */
export function numbersIn(text: string, lang: Lang): string {
  return text.replace(/\S+/g, (word) => {
    const [, before = '', core = '', after = ''] = WRAPPED.exec(word) ?? [];
    if (!PLAIN_NUMBER.test(core)) return word;
    const decimals = core.split('.')[1]?.length ?? 0;
    const options = { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: 'min2' } as const;
    return `${before}${formatter(lang, `in:${decimals}`, options).format(Number(core))}${after}`;
  });
}
