/**
 * The look-up of a word catalogue in Swedish and English, its values typed by the key's Swedish
 * text and filled by the one formatter (`placeholders.ts`).
 */
import { fillPlaceholders, type PlaceholderArgs } from './placeholders.js';
import type { Lang } from './t.js';

/**
 * A catalogue's look-up: `(key, lang, values)` gives the words of `key` in `lang` filled from
 * `values`, whose names the Swedish text's placeholders decide (see {@link PlaceholderArgs}).
 */
export interface MessageLookup<T extends Readonly<Record<string, string>>, V> {
  <K extends keyof T & string>(key: K, lang: Lang, ...values: PlaceholderArgs<T[K], V>): string;
  /** The catalogue's texts in each language, for the test that walks every catalogue. */
  readonly texts: { readonly sv: T; readonly en: Readonly<Record<keyof T, string>> };
}

/**
 * The look-up of the catalogue `sv` (written `as const`, so that its texts' placeholders are
 * types) and its English `en`; a test holds each key's English placeholders equal to its Swedish
 * ones. A value is written by `String`.
 * @throws MissingPlaceholderError from the look-up, for a placeholder the values lack
 * @example const word = messageLookup({ hi: 'Hej {who}' } as const, { hi: 'Hi {who}' }); word('hi', 'en', { who: 'Åsa' }) // 'Hi Åsa'
 */
export function messageLookup<T extends Readonly<Record<string, string>>, V = string | number>(
  sv: T,
  en: Readonly<Record<keyof T, string>>,
): MessageLookup<T, V> {
  const lookUp = <K extends keyof T & string>(key: K, lang: Lang, ...values: PlaceholderArgs<T[K], V>): string =>
    fillPlaceholders<V>((lang === 'en' ? en : sv)[key], values[0] as Readonly<Record<string, V>> | undefined);
  return Object.assign(lookUp, { texts: { sv, en } });
}
