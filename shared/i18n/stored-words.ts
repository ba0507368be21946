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
