/**
 * The words of an undo the pane did not make (`addin/excel/local/locked-undo.ts`), Swedish and
 * English: why, and for a deleted row the undo would bring back, which row (it is not in the
 * sheet, so the note cannot sit on it).
 */
import type { Localized } from '../schema/types.js';

/** "Ångra gjordes inte: {reason}". */
export function undoRefusedWords(reason: Localized): Localized {
  return { sv: `Ångra gjordes inte: ${reason.sv}`, en: `Nothing was undone: ${reason.en}` };
}

/** "Ångra gjordes inte: den borttagna raden ”{name}” skulle komma tillbaka, men {reason}" (`name` null: the row has no name). */
export function undoRefusedDeletedWords(name: string | null, reason: Localized): Localized {
  const sv = name ? `den borttagna raden ”${name}”` : 'en borttagen rad';
  const en = name ? `the deleted row “${name}”` : 'a deleted row';
  return { sv: `Ångra gjordes inte: ${sv} skulle komma tillbaka, men ${reason.sv}`, en: `Nothing was undone: ${en} would come back, but ${reason.en}` };
}
