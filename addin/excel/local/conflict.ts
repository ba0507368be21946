/**
 * The conflict problems of a reconcile (`reconcile.ts`, `waiting-refs.ts`): a cell or a row both
 * the workbook and someone else changed while the pane was closed, in words for Problems.
 */
import type { Problem } from '../../../shared/validate/problem.js';

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

/** The conflict problem of a cell (`column`) or a row (null) of `rowId`; `local` is what the workbook held. */
export function conflict(docId: string, rowId: string, column: string | null, kind: ConflictKind, local = ''): Problem {
  return { doc: docId, rowId, column, severity: 'warning', code: 'conflict', message: CONFLICT_TEXT[kind](local) };
}
