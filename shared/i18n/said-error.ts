/**
 * An error whose words are Samplan's own sentence for a person, in both languages: a view shows
 * `words[lang]` (and follows a language switch) where it would never show an error's `message`.
 * `message` is the sentence in the language it was raised in (`lang`, English by default), so a
 * log or a test reading `message` reads the same words.
 */
import type { Lang } from './t.js';

/** The sentence of a {@link SaidError} in each UI language. */
export type SaidWords = Readonly<Record<Lang, string>>;

/** A failure the pane says in its own words (`words.sv`, `words.en`). */
export class SaidError extends Error {
  constructor(
    readonly words: SaidWords,
    lang: Lang = 'en',
  ) {
    super(words[lang]);
    this.name = 'SaidError';
  }
}
