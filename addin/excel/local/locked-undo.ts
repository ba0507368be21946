/**
 * Undo (`TableBinding.undo`) of the person's own last edit, asked of the binding's row locks
 * first: an edit of a row that has been locked since (its round approved, say) is not undone,
 * since the server would refuse the undo and take it back; Problems says why instead. The step
 * stays in the history, to undo once the row is open again.
 */
import { getRow } from '../../../shared/doc/index.js';
import type { OwnUndo } from '../../../shared/doc/own-undo.js';
import type { Problem } from '../../../shared/validate/problem.js';
import type { Localized } from '../../../shared/schema/types.js';
import type { BindingContext } from '../sheet/binding-context.js';
import { cellKey } from '../sheet/cell-values.js';

/** The machine code of the note of an undo not made. */
export const UNDO_REFUSED_CODE = 'undo-refused';

/**
 * Undoes the last step of `undo` unless `ctx.rowLocks` refuses a row it changes; true when
 * something was undone. A refusal is noted on the row's first column, in words.
 */
export function undoUnlessLocked(ctx: BindingContext, undo: OwnUndo): boolean {
  for (const id of undo.nextRows()) {
    const values = getRow(ctx.doc, id)?.values;
    const reason = values ? ctx.rowLocks?.reasonFor(id, values) : undefined;
    if (!reason) continue;
    const column = ctx.layout.columns[0]?.key ?? '';
    ctx.localProblems.set(cellKey(id, column), undoRefused(ctx.docId, id, column, reason));
    ctx.version++;
    ctx.problemsChanged();
    return false;
  }
  return undo.undo();
}

function undoRefused(docId: string, rowId: string, column: string, reason: Localized): Problem {
  return {
    doc: docId,
    rowId,
    column,
    severity: 'warning',
    code: UNDO_REFUSED_CODE,
    message: { sv: `Ångra gjordes inte: ${reason.sv}`, en: `Nothing was undone: ${reason.en}` },
  };
}
