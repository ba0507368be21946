/**
 * What the doc → sheet writer still has to write: cells by row id (`'all'`: the whole row),
 * rows to add and to delete, fill changes and workbook settings. Values are never kept here:
 * they are read from the doc when the batch is planned, so the newest value is written.
 */
import type { ChangeSet } from '../../../shared/doc/index.js';
import type { BindingContext } from '../sheet/binding-context.js';
import { cellKey } from '../sheet/cell-values.js';
import { holdsFormula, overSharedProblem } from '../sheet/kept-formulas.js';
import type { FillOp } from '../sheet/write-ops.js';

/** One batch taken out of the pending writes. */
export interface Batch {
  cells: Map<string, Set<string> | 'all'>;
  adds: Set<string>;
  deletes: Set<string>;
  fills: FillOp[];
  settings: Map<string, string>;
  /**
   * The cells of `cells` (by row id; `'all'`: the whole row) written because their value changed
   * in the plan from another origin (a colleague's): once written they show something the person
   * did not type, and the notes of what they showed before go (`cell-notes.ts`).
   */
  foreign: Map<string, Set<string> | 'all'>;
}

/** The pending writes of one binding. */
export interface PendingWrites {
  /** Takes one doc change set from another origin. */
  take(set: ChangeSet): void;
  /** Marks one cell (null: the whole row) of a row the table shows or will show. */
  markCell(rowId: string, column: string | null): void;
  /** Marks cells, rows to add and rows to delete (reconcile, fixes). */
  mark(cells: Iterable<[string, string | null]>, adds?: Iterable<string>, deletes?: Iterable<string>): void;
  addFills(fills: FillOp[]): void;
  takeFills(): FillOp[];
  addSetting(key: string, value: string): void;
  /** Whether the doc value of a cell still waits to be written. */
  isPending(rowId: string, column: string): boolean;
  /** Cells and rows waiting (for the status bar). */
  count(): number;
  /** Whether anything at all waits. */
  any(): boolean;
  /** Takes everything pending as one batch. */
  drain(): Batch;
  /** Puts a batch that failed back under whatever arrived meanwhile. */
  restore(batch: Batch): void;
}

/** Creates the pending writes of the binding `ctx` (row positions come from `ctx.indexOf`). */
export function createPendingWrites(ctx: BindingContext): PendingWrites {
  let state: Batch = emptyBatch();
  const known = new Set(ctx.layout.columns.map((c) => c.key));
  // A reference cell waiting for its list is not written: the doc's id would show over the name chosen (`sheet/waiting-refs.ts`).
  const markCell = (rowId: string, column: string | null): void => {
    if (column === null || !ctx.waitingRefs.has(cellKey(rowId, column))) markIn(state, known, rowId, column);
  };
  return {
    take: (set) =>
      takeChanges(ctx, state, set, (rowId, column) => {
        markCell(rowId, column);
        if (column === null || !ctx.waitingRefs.has(cellKey(rowId, column))) addCell(state.foreign, rowId, column);
      }),
    markCell,
    mark(marked, added = [], deleted = []) {
      for (const id of deleted) if (ctx.indexOf(id) !== undefined) state.deletes.add(id);
      for (const id of added) if (ctx.indexOf(id) === undefined) state.adds.add(id);
      for (const [id, column] of marked) markCell(id, column);
    },
    addFills(more) {
      state.fills.push(...more);
    },
    takeFills() {
      const taken = state.fills;
      state.fills = [];
      return taken;
    },
    addSetting(key, value) {
      state.settings.set(key, value);
    },
    isPending(rowId, column) {
      if (state.adds.has(rowId)) return true;
      const v = state.cells.get(rowId);
      return v === 'all' || (v !== undefined && v.has(column));
    },
    count() {
      let n = state.adds.size + state.deletes.size;
      for (const v of state.cells.values()) n += v === 'all' ? ctx.layout.columns.length : v.size;
      return n;
    },
    any: () => state.cells.size + state.adds.size + state.deletes.size + state.fills.length + state.settings.size > 0,
    drain() {
      const batch = state;
      state = emptyBatch();
      return batch;
    },
    restore: (batch) => restoreInto(state, batch, markCell),
  };
}

function emptyBatch(): Batch {
  return { cells: new Map(), adds: new Set(), deletes: new Set(), fills: [], settings: new Map(), foreign: new Map() };
}

/** Adds one cell (null column: the whole row) to a map of cells by row id. */
function addCell(cells: Map<string, Set<string> | 'all'>, rowId: string, column: string | null): void {
  const current = cells.get(rowId);
  if (current === 'all') return;
  if (column === null) return void cells.set(rowId, 'all');
  if (current) current.add(column);
  else cells.set(rowId, new Set([column]));
}

/** Marks one cell (null: the whole row); rows being added or deleted are written whole anyway. */
function markIn(state: Batch, known: ReadonlySet<string>, rowId: string, column: string | null): void {
  if (state.adds.has(rowId) || state.deletes.has(rowId)) return;
  if (column === null) return void state.cells.set(rowId, 'all');
  if (!known.has(column)) return;
  const current = state.cells.get(rowId);
  if (current === 'all') return;
  if (current) current.add(column);
  else state.cells.set(rowId, new Set([column]));
}

/**
 * A doc change set: deleted rows, added rows (a row the table shows is rewritten whole), changed
 * cells; a changed cell holding the person's formula is not written, its note says why.
 */
function takeChanges(ctx: BindingContext, state: Batch, set: ChangeSet, markCell: (rowId: string, column: string | null) => void): void {
  for (const id of set.deletedRows) {
    if (state.adds.delete(id)) continue;
    state.cells.delete(id);
    state.foreign.delete(id);
    if (ctx.indexOf(id) !== undefined) state.deletes.add(id);
  }
  for (const id of set.addedRows) {
    if (state.deletes.delete(id) || ctx.indexOf(id) !== undefined) {
      state.cells.set(id, 'all');
      state.foreign.set(id, 'all');
    } else state.adds.add(id);
  }
  let kept = false;
  for (const change of set.changes) {
    // A cell holding the person's formula keeps it: the value stays in the doc, said on the cell (`kept-formulas.ts`).
    const column = ctx.layout.columns.find((c) => c.key === change.column);
    if (column && holdsFormula(ctx.localProblems, change.rowId, change.column)) {
      ctx.localProblems.set(cellKey(change.rowId, change.column), overSharedProblem(ctx.docId, change.rowId, change.column, column.header));
      kept = true;
    } else markCell(change.rowId, change.column);
  }
  if (!kept) return;
  ctx.version++;
  ctx.problemsChanged();
}

/** Puts a failed batch back under whatever arrived meanwhile (newer settings win). */
function restoreInto(state: Batch, batch: Batch, markCell: (rowId: string, column: string | null) => void): void {
  for (const [id, v] of batch.cells) for (const c of v === 'all' ? [null] : v) markCell(id, c);
  for (const id of batch.adds) if (!state.deletes.has(id)) state.adds.add(id);
  for (const id of batch.deletes) state.deletes.add(id);
  state.fills = [...batch.fills, ...state.fills];
  for (const [k, v] of batch.settings) if (!state.settings.has(k)) state.settings.set(k, v);
  for (const [id, v] of batch.foreign) for (const c of v === 'all' ? [null] : v) addCell(state.foreign, id, c);
}
