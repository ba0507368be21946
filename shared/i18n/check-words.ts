/**
 * The Swedish of a schema check's own English words. zod keeps one `message` with an issue, and a
 * format check (`.regex`) keeps no `params`, so a check written with {@link checkWords} gives zod
 * its English and leaves the Swedish here, keyed by that English; `issueWordsSv`
 * (`issue-words.ts`) reads it back for the Swedish refusal. A refinement may instead put the
 * Swedish in its issue's `params.sv` (`shared/validate/plain-text.ts`); both are read.
 */
import type { Localized } from '../schema/types.js';

const SWEDISH_OF = new Map<string, string>();

/**
 * The `{ error }` option of a zod check whose refusal reads `words.en` in English and `words.sv`
 * in Swedish (the words after the field: `ska vara ett datum ÅÅÅÅ-MM-DD`). Throws when the same
 * English was given other Swedish before: one English sentence has one Swedish one.
 *
 * @example
 * z.string().regex(/^\d{4}-\d{2}-\d{2}$/, checkWords({ sv: 'ska vara ett datum ÅÅÅÅ-MM-DD', en: 'a date YYYY-MM-DD' }));
 */
export function checkWords(words: Localized): { error: string } {
  const before = SWEDISH_OF.get(words.en);
  if (before !== undefined && before !== words.sv) throw new Error(`check words "${words.en}" have two Swedish sentences`);
  SWEDISH_OF.set(words.en, words.sv);
  return { error: words.en };
}

/** The Swedish given by {@link checkWords} for a check's English `message`, or null. */
export function checkSwedish(message: string): string | null {
  return SWEDISH_OF.get(message) ?? null;
}
