/**
 * The conflict problems of a reconcile (`reconcile.ts`, `waiting-refs.ts`): a cell or a row both
 * the workbook and someone else changed while the pane was closed, and a change of a row the
 * person may not change put back, in words for Problems.
 */
import type { Localized } from '../../../shared/schema/types.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { numberText } from '../../../shared/validate/personnummer.js';
import { numberAsCell } from '../../../shared/i18n/number-words.js';
import { putBackProblem } from '../sheet/row-locks.js';
import { typedWords } from './typed-words.js';
import type { TextGuard } from './read-row.js';

/** What both sides did to a cell or a row while the pane was closed. */
export type ConflictKind = 'cell' | 'deleted-remotely' | 'deleted-locally';

const CONFLICT_TEXT: Record<ConflictKind, (v: string) => { sv: string; en: string }> = {
  cell: (v) => ({
    sv: `Cellen ändrades både i arbetsboken och av någon annan medan panelen var stängd. Dokumentets värde behölls; ditt värde var: ${v}`,
    en: `The cell was changed both in the workbook and by someone else while the pane was closed. The document's value was kept; yours was: ${v}`,
  }),
  'deleted-remotely': (v) => ({
    sv: `Raden ändrades i arbetsboken men togs bort av någon annan medan panelen var stängd. Borttagningen behölls; dina värden var: ${v}`,
    en: `The row was changed in the workbook but deleted by someone else while the pane was closed. The deletion was kept; your values were: ${v}`,
  }),
  'deleted-locally': () => ({
    sv: 'Raden togs bort i arbetsboken men ändrades av någon annan medan panelen var stängd. Raden behölls.',
    en: 'The row was deleted in the workbook but changed by someone else while the pane was closed. The row was kept.',
  }),
};

/**
 * A value of the sheet (as read, or as read and normalised) as a cell of a sheet in `lang` shows
 * it, to quote and to offer to copy back: a number by `numberAsCell` (`12,5` in Swedish: `String`
 * wrote `12.5`, which Swedish Excel reads as 12 May or as text), empty for none, anything else as
 * `String` writes it.
 */
export function sheetText(value: unknown, lang: 'sv' | 'en'): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? numberAsCell(value, lang) : String(value);
}

/** The machine code of a conflict problem. */
export const CONFLICT_CODE = 'conflict';

/**
 * The conflict problem of a cell (`column`) or a row (null) of `rowId`; `local` is what the
 * workbook held (already read past the privacy guard), as the sheet shows it ({@link sheetText}),
 * offered to copy. The person may close it
 * (they accept what the plan kept); it goes by itself once they edit the cell, or the row, or
 * delete the row (`sheet/cell-notes.ts` `forgetSettledConflicts`).
 */
export function conflict(docId: string, rowId: string, column: string | null, kind: ConflictKind, local = ''): Problem {
  return { doc: docId, rowId, column, severity: 'warning', code: CONFLICT_CODE, message: CONFLICT_TEXT[kind](local), dismissable: true, ...(local === '' ? {} : { copyText: local }) };
}

/**
 * The problem of a cell changed in a row the person may not change (`reason`, from the row locks)
 * that was put back from the doc, read at a reconcile or once its list arrived: as a live edit
 * of such a row is (`putBackProblem`), but since the person did not see it go, the problem names
 * what they wrote. `cell`: the cell as the sheet held it; a text the privacy `guard` refuses is
 * not repeated.
 */
export function putBackNamed(docId: string, rowId: string, column: string, reason: Localized, cell: unknown, guard: TextGuard | undefined): Problem {
  const put = putBackProblem(docId, rowId, column, reason);
  const said = typedWords(typedText(cell, guard));
  return { ...put, message: { sv: `${put.message.sv} ${said.sv}`, en: `${put.message.en} ${said.en}` } };
}

/**
 * A cell's text as the sheet holds it, to name in a problem's sentences (a number as each
 * language writes it in a cell, `12,5` and `12.5`): undefined when the privacy guard refuses it.
 */
function typedText(cell: unknown, guard: TextGuard | undefined): Localized | undefined {
  const text = typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean' ? String(cell) : '';
  // A number is guarded as the text it is, as a live edit guards it (`apply.ts`).
  const asNumber = typeof cell === 'number' ? numberText(cell) : null;
  if (guard?.(text) || (asNumber !== null && guard?.(asNumber))) return undefined;
  return typeof cell === 'number' ? { sv: sheetText(cell, 'sv'), en: sheetText(cell, 'en') } : { sv: text, en: text };
}
