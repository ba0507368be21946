/**
 * Undo (`TableBinding.undo`) of the person's own last edit, asked of the binding's row locks
 * first, by the rule the server applies to any edit (`editRefusal`): the row as it is, the change
 * and the row as the undo would make it. An edit of a row locked since (its round approved, say),
 * or one whose undo would move the row back into a locked round (its period put back into the
 * approved quarter), is not undone, since the server would refuse the undo and take it back;
 * Problems says why instead. The step stays in the history, to undo once the row is open again.
 */
import { getRow } from '../../../shared/doc/index.js';
import { rowAfterUndo, type OwnUndo, type UndoRowStep } from '../../../shared/doc/own-undo.js';
import { undoRefusedDeletedWords, undoRefusedWords } from '../../../shared/i18n/undo-words.js';
import type { Problem } from '../../../shared/validate/problem.js';
import type { Localized, RowValues } from '../../../shared/schema/types.js';
import type { BindingContext } from '../sheet/binding-context.js';
import { cellKey } from '../sheet/cell-values.js';
import { editRefusal, UNDO_REFUSED_CODE, type RowLocks } from '../sheet/row-locks.js';

/**
 * Undoes the last step of `undo` unless `ctx.rowLocks` refuses what it would do to a row; true when
 * something was undone. A refusal is noted on the row's first column, in words; for a deleted row
 * the undo would bring back (not in the sheet, so no cell to note it on) the note names the row
 * and leads to no cell.
 */
export function undoUnlessLocked(ctx: BindingContext, undo: OwnUndo): boolean {
  for (const step of undo.nextSteps()) {
    const id = step.id;
    const now = getRow(ctx.doc, id)?.values;
    const reason = ctx.rowLocks ? undoRefusal(ctx.rowLocks, step, now) : undefined;
    if (!reason) continue;
    const column = ctx.layout.columns[0]?.key ?? '';
    const gone = now === undefined;
    const message = gone ? undoRefusedDeletedWords(rowName(ctx, rowAfterUndo(step, now)), reason) : undoRefusedWords(reason);
    ctx.localProblems.set(cellKey(id, column), undoRefused(ctx.docId, gone ? null : id, column, message));
    ctx.version++;
    ctx.problemsChanged();
    return false;
  }
  return undo.undo();
}

/**
 * Why `locks` refuse undoing `step` on the row `now` (undefined: not in the doc): an edit is judged
 * as the server judges one (`editRefusal`), a row the undo would remove by the row as it is, a row
 * it would bring back by the row as it would be.
 */
function undoRefusal(locks: RowLocks, step: UndoRowStep, now: Readonly<RowValues> | undefined): Localized | undefined {
  const after = rowAfterUndo(step, now);
  if (now && after) return editRefusal(locks, step.id, now, after);
  if (now) return locks.reasonFor(step.id, now);
  return after ? locks.reasonFor(step.id, after) : undefined;
}

/** The first text cell of `values` (a title, a measure), as the pane names a row; null when none. */
function rowName(ctx: BindingContext, values: Readonly<RowValues> | undefined): string | null {
  for (const column of ctx.layout.columns) {
    const value = values?.[column.key];
    if (!column.option && column.column.type === 'text' && typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

function undoRefused(docId: string, rowId: string | null, column: string, message: Localized): Problem {
  return { doc: docId, rowId, column: rowId === null ? null : column, severity: 'warning', code: UNDO_REFUSED_CODE, message };
}
