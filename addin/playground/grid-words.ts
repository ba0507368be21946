/**
 * What the playground's grid says when the emulated Excel refuses a person's edit, in the pane's
 * language: an edit Excel itself refuses (a protected sheet, a value outside a cell's list, a
 * cell being edited) in words like Excel's own dialog; any other error as the pane words it
 * (`localFailureWords`: Excel's errors by code, never the error's English message).
 */
import { UserEditRefused } from '../excel-emulator/index.js';
import { localFailureWords } from '../taskpane/failure-words.js';
import type { Lang } from '../taskpane/strings.js';

const REFUSED: Readonly<Record<UserEditRefused['reason'], Readonly<Record<Lang, string>>>> = {
  protected: {
    sv: 'Cellen du försöker ändra finns på ett skyddat blad, så Excel tar inte emot ändringen. Ta bort bladskyddet (Granska → Ta bort skydd för blad) om du får ändra här.',
    en: 'The cell you are trying to change is on a protected sheet, so Excel does not take the change. Remove the protection (Review → Unprotect Sheet) if you may change it.',
  },
  validation: {
    sv: 'Värdet stämmer inte med de värden som är tillåtna i cellen (dataverifiering), så Excel tar inte emot det. Välj ett värde i cellens lista.',
    en: 'The value does not match the values allowed in the cell (data validation), so Excel does not take it. Choose a value from the cell’s list.',
  },
  beyondSheet: {
    sv: 'Det du klistrar in får inte plats i bladet (det går förbi sista kolumnen eller raden), så Excel klistrar inte in något. Klistra in längre till vänster eller högre upp.',
    en: 'What you paste does not fit in the sheet (it runs past the last column or row), so Excel pastes none of it. Paste further left or higher up.',
  },
  editMode: {
    sv: 'Excel tar inte emot ändringen medan en cell redigeras. Tryck Retur eller Esc och försök igen.',
    en: 'Excel does not take the change while a cell is being edited. Press Enter or Esc and try again.',
  },
};

/** The grid's sentence for `err` in `lang`; never the error's own `message`. */
export function gridFailureWords(err: unknown, lang: Lang): string {
  if (err instanceof UserEditRefused) return REFUSED[err.reason][lang];
  return localFailureWords(err, lang);
}

/** The grid's own sentences. */
export const GRID_WORDS = {
  nothingToUndo: { sv: 'Det finns inget att ångra.', en: 'There is nothing to undo.' },
  selectTableRow: { sv: 'Markera en cell i en tabellrad för att ta bort raden.', en: 'Select a cell in a table row to delete the row.' },
  deleteTableRow: { sv: 'Ta bort tabellrad', en: 'Delete table row' },
} as const satisfies Record<string, Readonly<Record<Lang, string>>>;
