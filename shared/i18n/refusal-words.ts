/**
 * The pane's own sentences for a server refusal that came without the server's words
 * (`addin/taskpane/refusal-words.ts` maps every refusal to its sentence): a text refused for an
 * identity number, and any other refusal named by its code. Swedish and English.
 */
import { wordLookup } from './word-table.js';

const WORDS = {
  identity: {
    sv: 'Texten godtogs inte: den liknar ett personnummer. Samplan sparar inga personnummer.',
    en: 'The text was not accepted: it looks like a personal identity number. Samplan stores none.',
  },
  refused: {
    sv: 'Servern tog inte emot det ({code}); inget ändrades. Ändra och försök igen, eller fråga din administratör vad koden betyder.',
    en: 'The server did not accept it ({code}); nothing was changed. Change it and try again, or ask your administrator what the code means.',
  },
  refusedPlain: {
    sv: 'Servern tog inte emot det; inget ändrades. Ändra och försök igen, eller fråga din administratör.',
    en: 'The server did not accept it; nothing was changed. Change it and try again, or ask your administrator.',
  },
} as const;

/** A key of {@link refusalSentence}. */
export type RefusalWord = keyof typeof WORDS;

/**
 * The sentence `key` in `lang`, each `{name}` filled in from the values.
 * @throws MissingPlaceholderError for a placeholder without a value
 */
export const refusalSentence = wordLookup(WORDS);
