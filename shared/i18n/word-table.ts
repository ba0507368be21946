/**
 * Looking words up in a small Swedish/English table of a pane's own (import, progress, …) and
 * filling in their `{name}` placeholders, so each table says only its words.
 */
import { messageLookup, type MessageLookup } from './message-lookup.js';
import type { Lang } from './t.js';

/** A table of words: each key's text in Swedish and English, with `{name}` placeholders. */
export type WordTable = Readonly<Record<string, Readonly<Record<Lang, string>>>>;

/** The Swedish texts of a word table, by key (literal types where the table is `as const`). */
export type SwedishOf<T extends WordTable> = { readonly [K in keyof T & string]: T[K]['sv'] };

/**
 * The look-up of `table`: the words of `key` in `lang`, each `{name}` filled in from the values
 * (the Swedish text's placeholders, no more and no fewer, where the table is `as const`).
 * @throws MissingPlaceholderError from the look-up, for a placeholder without a value
 * @example wordLookup({ hi: { sv: 'Hej {name}', en: 'Hi {name}' } } as const)('hi', 'en', { name: 'Anna' }) // 'Hi Anna'
 */
export function wordLookup<T extends WordTable>(table: T): MessageLookup<SwedishOf<T>, string | number> {
  const texts = (lang: Lang) => Object.fromEntries(Object.entries(table).map(([key, words]) => [key, words[lang]]));
  return messageLookup(texts('sv') as SwedishOf<T>, texts('en') as Record<keyof SwedishOf<T>, string>);
}
