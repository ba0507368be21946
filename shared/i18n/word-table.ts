/**
 * Looking words up in a small Swedish/English table of a pane's own (import, progress, …) and
 * filling in their `{name}` placeholders, so each table says only its words.
 */
import type { Lang } from './t.js';

/** A table of words: each key's text in Swedish and English, with `{name}` placeholders. */
export type WordTable = Readonly<Record<string, Readonly<Record<Lang, string>>>>;

/**
 * The look-up of `table`: the words of `key` in `lang`, each `{name}` filled in from `values`;
 * a placeholder without a value is left as it is, so a missing one shows instead of vanishing.
 * @example wordLookup({ hi: { sv: 'Hej {name}', en: 'Hi {name}' } })('hi', 'en', { name: 'Anna' }) // 'Hi Anna'
 */
export function wordLookup<T extends WordTable>(table: T): (key: keyof T, lang: Lang, values?: Readonly<Record<string, string | number>>) => string {
  return (key, lang, values = {}) =>
    table[key]![lang].replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}
