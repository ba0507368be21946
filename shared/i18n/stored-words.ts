/**
 * What the shared plan holds for a cell, said after the reason a typed value was refused
 * (`addin/excel/local/apply.ts`): a refused cell keeps what was typed, so its note says what is
 * stored beside it ("Sparat: 7." / "Inget sparat."), in Swedish and English.
 */
import type { Localized } from '../schema/types.js';

/** "Sparat: {value}." for a stored value as the sheet shows it in each language, "Inget sparat." for none (null or empty). */
export function storedWords(shown: Localized | null): Localized {
  if (!shown || shown.sv === '') return { sv: 'Inget sparat.', en: 'Nothing stored.' };
  return { sv: `Sparat: ${shown.sv}.`, en: `Stored: ${shown.en}.` };
}

/**
 * Whether the shared plan holds a value for a cell, said without the value: after the note of a
 * cell that shows something else than what is stored (the person's formula), where the value may
 * be one the person never typed nor saw there (a colleague's). "Inget sparat." for none.
 */
export function storedUnquoted(stored: boolean): Localized {
  if (!stored) return { sv: 'Inget sparat.', en: 'Nothing stored.' };
  return { sv: 'Ett värde är sparat i planen; ta bort formeln så visas det här.', en: 'A value is stored in the plan; remove the formula and it shows here.' };
}
