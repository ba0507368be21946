/**
 * Whether the shared plan holds a value for a cell, said after a note and never quoting the value
 * (`addin/excel/local/read-row.ts`, `addin/excel/sheet/kept-formulas.ts`): the cell shows
 * something else than what is stored (what the person typed and the plan refused, or their
 * formula), and the value behind it may be one the person never typed nor saw there (a
 * colleague's). In Swedish and English.
 */
import type { Localized } from '../schema/types.js';

/**
 * After the reason a typed value was refused: "Ett värde är sparat i planen och ändras inte av det
 * du skrev." when the plan holds one (`stored`), "Inget sparat." when it holds none.
 */
export function storedBehindRefusal(stored: boolean): Localized {
  if (!stored) return { sv: 'Inget sparat.', en: 'Nothing stored.' };
  return { sv: 'Ett värde är sparat i planen och ändras inte av det du skrev.', en: 'A value is stored in the plan, unchanged by what you typed.' };
}

/**
 * After the note of a cell showing the person's formula: whether the plan holds a value behind it,
 * and that removing the formula shows it; "Inget sparat." for none.
 */
export function storedUnquoted(stored: boolean): Localized {
  if (!stored) return { sv: 'Inget sparat.', en: 'Nothing stored.' };
  return { sv: 'Ett värde är sparat i planen; ta bort formeln så visas det här.', en: 'A value is stored in the plan; remove the formula and it shows here.' };
}
