/**
 * The words of an import's progress in the pane (`addin/taskpane/samplan-import-progress.ts`),
 * Swedish and English: how far the server has read the file, and the button that stops it.
 */
import type { Lang } from './t.js';
import { wordLookup } from './word-table.js';

const WORDS = {
  reading: { sv: 'Läser filen …', en: 'Reading the file …' },
  readingPercent: { sv: 'Läser filen … {percent} %', en: 'Reading the file … {percent}%' },
  cancel: { sv: 'Avbryt', en: 'Cancel' },
  cancelled: { sv: 'Importen avbröts. Inget ändrades.', en: 'The import was cancelled. Nothing was changed.' },
} as const;

/** A key of {@link importProgressWords}. */
export type ImportProgressWord = keyof typeof WORDS;

const lookUp = wordLookup(WORDS);

/** The words `key` in `lang`, `{percent}` filled in with `percent` (a whole number 0–100). */
export function importProgressWords(key: ImportProgressWord, lang: Lang, percent?: number): string {
  return lookUp(key, lang, percent === undefined ? {} : { percent });
}
