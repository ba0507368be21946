/**
 * The words of an import's progress in the pane (`addin/taskpane/samplan-import-progress.ts`),
 * Swedish and English: how far the server has read the file, and the button that stops it.
 */
import { wordLookup } from './word-table.js';

const WORDS = {
  reading: { sv: 'Läser filen …', en: 'Reading the file …' },
  readingPercent: { sv: 'Läser filen … {percent} %', en: 'Reading the file … {percent}%' },
  cancel: { sv: 'Avbryt', en: 'Cancel' },
  cancelled: { sv: 'Importen avbröts. Inget ändrades.', en: 'The import was cancelled. Nothing was changed.' },
} as const;

/** A key of {@link importProgressWords}. */
export type ImportProgressWord = keyof typeof WORDS;

/**
 * The words `key` in `lang`, `{percent}` filled in from the values (a whole number 0–100).
 * @throws MissingPlaceholderError for `readingPercent` without a percent
 */
export const importProgressWords = wordLookup(WORDS);
