/**
 * A batch of pending writes as Excel requests: where each row id sits now (`ctx.indexOf`), the
 * values read from the doc, the rectangles to write, the rows to delete and to append, and what
 * each written row should hold so the write can tell when a sort moved rows under it.
 */
import { getRow, rowsOf } from '../../../shared/doc/index.js';
import type { BindingContext } from '../sheet/binding-context.js';
import { cellKey, toExcel } from '../sheet/cell-values.js';
import { holdsFormula } from '../sheet/kept-formulas.js';
import type { WriteOps } from '../sheet/write-ops.js';
import { planBlocks } from '../sheet/write-plan.js';
import type { Batch } from './pending.js';

/** The requests of a batch and what to check after them. */
export interface PlannedBatch {
  ops: WriteOps;
  /** Body row → the row id each written row should hold. */
  meant: Map<number, string>;
  /** Body row → the keys written there (null: the whole row). */
  columns: Map<number, (string | null)[]>;
  /** Body row → the id each deleted row should hold. */
  deleting: Map<number, string>;
}

/** Cells by body row: which sheet columns to write, and which row id each written row is. */
interface Placed {
  dirty: Map<number, number[]>;
  rowAt: Map<number, string>;
  columns: Map<number, (string | null)[]>;
}

/**
 * Plans `batch`. A row to add that the table already shows (seen by the initial render) is
 * rewritten instead and leaves `batch.adds`.
 */
export function planBatch(ctx: BindingContext, batch: Batch): PlannedBatch {
  const { layout, doc } = ctx;
  const placed = placeCells(ctx, batch);
  const { dirty, rowAt, columns } = placed;
  const valueAt = (row: number, col: number): string | number | boolean => {
    const id = rowAt.get(row) as string;
    const column = layout.columns[col - 1];
    return column ? toExcel(column, getRow(doc, id)?.values[column.key], layout.lang, layout.refLists) : id;
  };
  const deleting = new Map<number, string>();
  for (const id of batch.deletes) {
    const index = ctx.indexOf(id);
    if (index !== undefined) deleting.set(index, id);
  }
  const deleteRows = [...deleting.keys()];
  // A fill on a row this batch deletes would be one more command per run for nothing.
  const addRows = rowsToAdd(ctx, batch, placed);
  const blocks = planBlocks(dirty, valueAt);
  // A new table holds one empty placeholder row: the first added row goes there.
  const placeholder = ctx.ids.length === 1 && ctx.ids[0] === null && deleteRows.length === 0 && addRows.length > 0;
  if (placeholder) blocks.push({ row: 0, col: 0, values: [addRows.shift() as (string | number | boolean)[]] });
  return {
    ops: { blocks, deletes: deleteRows, adds: addRows, appendAt: ctx.ids.length - deleteRows.length, fills: batch.fills.filter((f) => !deleting.has(f.row)), settings: [...batch.settings] },
    meant: rowAt,
    columns,
    deleting,
  };
}

/** The marked cells of rows the table shows (and does not delete), by body row. */
function placeCells(ctx: BindingContext, batch: Batch): Placed {
  const { layout } = ctx;
  const dirty = new Map<number, number[]>();
  const rowAt = new Map<number, string>();
  for (const [id, v] of batch.cells) {
    const index = ctx.indexOf(id);
    if (index === undefined || batch.deletes.has(id)) continue;
    // A whole row is written but for its reference cells waiting for their list (`sheet/waiting-refs.ts`).
    const whole = (): number[] => Array.from({ length: layout.width }, (_, i) => i).filter((i) => i === 0 || !ctx.waitingRefs.has(cellKey(id, layout.columns[i - 1]?.key ?? '')));
    // Nor is a cell holding the person's formula (`sheet/kept-formulas.ts`), whatever marked it.
    const cols = (v === 'all' ? whole() : [...v].map((k) => layout.columnIndex.get(k) as number)).filter((i) => i === 0 || !holdsFormula(ctx.localProblems, id, layout.columns[i - 1]?.key ?? ''));
    if (cols.length === 0) continue;
    rowAt.set(index, id);
    dirty.set(index, cols);
  }
  const columns = new Map<number, (string | null)[]>();
  for (const [id, v] of batch.cells) {
    const index = ctx.indexOf(id);
    if (index !== undefined && rowAt.get(index) === id) columns.set(index, v === 'all' ? [null] : [...v]);
  }
  return { dirty, rowAt, columns };
}

/** The rows to append, in doc order; rows the table already shows are placed as whole-row rewrites instead. */
function rowsToAdd(ctx: BindingContext, batch: Batch, { dirty, rowAt, columns }: Placed): (string | number | boolean)[][] {
  const { layout, doc } = ctx;
  for (const id of batch.adds) {
    const index = ctx.indexOf(id);
    if (index === undefined) continue;
    batch.adds.delete(id);
    rowAt.set(index, id);
    dirty.set(index, layout.columns.map((_, i) => i + 1));
    columns.set(index, [null]);
  }
  const addIds = batch.adds.size > 0 ? rowsOf(doc).filter((r) => batch.adds.has(r.id)).map((r) => r.id) : [];
  // A new row spans the whole table: the person's own columns at the right end start empty.
  const own = new Array<string>(ctx.columns.intact ? ctx.columns.extra : 0).fill('');
  return addIds.map((id) => {
    const values = getRow(doc, id)?.values ?? {};
    return [id, ...layout.columns.map((c) => toExcel(c, values[c.key], layout.lang, layout.refLists)), ...own];
  });
}

/** Updates `ctx.ids` after a batch ran: deleted rows gone, added rows (doc order) at the end. */
export function applyToIds(ctx: BindingContext, ops: WriteOps, added: Set<string>): void {
  const order = rowsOf(ctx.doc).filter((r) => added.has(r.id)).map((r) => r.id);
  const gone = new Set(ops.deletes);
  ctx.ids = ctx.ids.filter((_, i) => !gone.has(i));
  if (ctx.ids.length === 1 && ctx.ids[0] === null && order.length > 0 && ops.adds.length === order.length - 1) ctx.ids = [];
  ctx.ids.push(...order);
  for (const id of order) ctx.appended.add(id);
  ctx.idsChanged();
}
