/**
 * The binding's own notes on rows and cells (`BindingContext.localProblems`) follow their cause.
 * Most say something about what a cell shows as a read found it: a value refused and kept as
 * typed, how a typed value was read (a year assumed, a dash read as empty), a formula. Such a
 * note goes when the cell shows something else, whoever put it there: a read of the row notes
 * its cells anew (`local/reader.ts`), a reconcile after a pause reads every row anew
 * ({@link forgetRowNotes}), and a colleague's value the writer puts into a cell takes the notes
 * of what the cell showed before along ({@link forgetWrittenNotes}); a value the binding writes
 * back for what it read (a percentage written as its number) keeps the note saying so. A few
 * say what the binding did, and stay when a colleague's value is written there: an edit put
 * back, an undo not made, the person's formula kept over a value (a cell never written).
 *
 * A conflict (`BindingContext.conflicts`: a cell or a row both the workbook and someone else
 * changed while the pane was closed, the plan's side kept) goes when it is settled: the person
 * edits the cell (or, for a row, any cell of it), deletes the row, or closes the note in Problems,
 * accepting what the plan kept ({@link forgetSettledConflicts}, {@link dismissConflict}).
 */
import type { Problem } from '../../../shared/validate/problem.js';
import { cellKey } from './cell-values.js';
import { FORMULA_NOT_SENT, FORMULA_OVER_SHARED } from './kept-formulas.js';
import { PUT_BACK_CODE, UNDO_REFUSED_CODE } from './row-locks.js';

/** Codes of the notes that say what the binding did to a cell, not what it showed: a write of it keeps them. */
const DONE_NOTES: ReadonlySet<string> = new Set([PUT_BACK_CODE, UNDO_REFUSED_CODE, FORMULA_NOT_SENT, FORMULA_OVER_SHARED]);

/**
 * Forgets, in `problems` (keyed by `cellProblemKey`, binding-wide ones by a key starting with
 * U+0000), every note on a row: the whole body was read anew and its notes are made again.
 */
export function forgetRowNotes(problems: Map<string, Problem>): void {
  for (const key of [...problems.keys()]) if (!key.startsWith('\u0000')) problems.delete(key);
}

/**
 * Forgets, in `problems`, the notes of what the cells written showed before a colleague's value
 * was written there: `cells` by row id, the column keys (`'all'`: the whole row); `deleted`: rows taken out of the
 * sheet, every note of which goes. Notes of what the binding did stay ({@link DONE_NOTES}).
 * Returns whether any went.
 */
export function forgetWrittenNotes(problems: Map<string, Problem>, cells: ReadonlyMap<string, ReadonlySet<string> | 'all'>, deleted: Iterable<string>): boolean {
  const gone = new Set(deleted);
  let any = false;
  for (const [key, p] of [...problems]) {
    const cut = key.indexOf('\u0000');
    if (cut <= 0) continue;
    const id = key.slice(0, cut);
    const written = cells.get(id);
    const onWritten = written !== undefined && p.column !== null && (written === 'all' || written.has(p.column)) && key.startsWith(cellKey(id, p.column));
    if (gone.has(id) || (onWritten && !DONE_NOTES.has(p.code))) {
      problems.delete(key);
      any = true;
    }
  }
  return any;
}

/**
 * Forgets, in `conflicts` (keyed by `cellKey`, a row's by its key with the column ''), those the
 * person settled: `edited` cells as `[rowId, column key]` (the conflict of that cell and that of
 * its row, which is there to edit), and every conflict of the `deleted` rows. Returns whether any went.
 */
export function forgetSettledConflicts(conflicts: Map<string, Problem>, edited: Iterable<readonly [string, string]>, deleted: Iterable<string>): boolean {
  const before = conflicts.size;
  for (const [id, key] of edited) {
    conflicts.delete(cellKey(id, key));
    conflicts.delete(cellKey(id, ''));
  }
  const gone = new Set(deleted);
  if (gone.size > 0) for (const [key, p] of [...conflicts]) if (p.rowId !== null && gone.has(p.rowId)) conflicts.delete(key);
  return conflicts.size !== before;
}

/**
 * Takes `problem` out of `conflicts` when it is one of them (the same code, row, column and
 * words): the person closed it in Problems, accepting what the plan kept. Returns whether it was.
 */
export function dismissConflict(conflicts: Map<string, Problem>, problem: Problem): boolean {
  const key = cellKey(problem.rowId ?? '', problem.column ?? '');
  const held = conflicts.get(key);
  if (!held || held.code !== problem.code || held.message.sv !== problem.message.sv) return false;
  return conflicts.delete(key);
}
