/**
 * What the doc → sheet writer still has to write: cells by row id (`'all'`: the whole row),
 * rows to add and to delete, fill changes and workbook settings. Values are never kept here:
 * they are read from the doc when the batch is planned, so the newest value is written.
 */
import type { ChangeSet } from '../../../shared/doc/index.js';
import type { BindingContext } from '../sheet/binding-context.js';
import type { FillOp } from '../sheet/excel-io.js';

/** One batch taken out of the pending writes. */
export interface Batch {
  cells: Map<string, Set<string> | 'all'>;
  adds: Set<string>;
  deletes: Set<string>;
  fills: FillOp[];
  settings: Map<string, string>;
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
  const cells = new Map<string, Set<string> | 'all'>();
  const adds = new Set<string>();
  const deletes = new Set<string>();
  let fills: FillOp[] = [];
  let settings = new Map<string, string>();
  const known = new Set(ctx.layout.columns.map((c) => c.key));
  const pending: PendingWrites = {
    take(set) {
      for (const id of set.deletedRows) {
        if (adds.delete(id)) continue;
        cells.delete(id);
        if (ctx.indexOf(id) !== undefined) deletes.add(id);
      }
      for (const id of set.addedRows) {
        if (deletes.delete(id) || ctx.indexOf(id) !== undefined) cells.set(id, 'all');
        else adds.add(id);
      }
      for (const change of set.changes) pending.markCell(change.rowId, change.column);
    },
    markCell(rowId, column) {
      if (adds.has(rowId) || deletes.has(rowId)) return;
      if (column === null) return void cells.set(rowId, 'all');
      if (!known.has(column)) return;
      const current = cells.get(rowId);
      if (current === 'all') return;
      if (current) current.add(column);
      else cells.set(rowId, new Set([column]));
    },
    mark(marked, added = [], deleted = []) {
      for (const id of deleted) if (ctx.indexOf(id) !== undefined) deletes.add(id);
      for (const id of added) if (ctx.indexOf(id) === undefined) adds.add(id);
      for (const [id, column] of marked) pending.markCell(id, column);
    },
    addFills(more) {
      fills.push(...more);
    },
    takeFills() {
      const taken = fills;
      fills = [];
      return taken;
    },
    addSetting(key, value) {
      settings.set(key, value);
    },
    isPending(rowId, column) {
      if (adds.has(rowId)) return true;
      const v = cells.get(rowId);
      return v === 'all' || (v !== undefined && v.has(column));
    },
    count() {
      let n = adds.size + deletes.size;
      for (const v of cells.values()) n += v === 'all' ? ctx.layout.columns.length : v.size;
      return n;
    },
    any: () => cells.size + adds.size + deletes.size + fills.length + settings.size > 0,
    drain() {
      const batch: Batch = { cells: new Map(cells), adds: new Set(adds), deletes: new Set(deletes), fills, settings };
      cells.clear();
      adds.clear();
      deletes.clear();
      fills = [];
      settings = new Map();
      return batch;
    },
    restore(batch) {
      for (const [id, v] of batch.cells) for (const c of v === 'all' ? [null] : v) pending.markCell(id, c);
      for (const id of batch.adds) if (!deletes.has(id)) adds.add(id);
      for (const id of batch.deletes) deletes.add(id);
      fills = [...batch.fills, ...fills];
      for (const [k, v] of batch.settings) if (!settings.has(k)) settings.set(k, v);
    },
  };
  return pending;
}
