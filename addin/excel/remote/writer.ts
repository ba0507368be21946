/**
 * Doc → Excel. Changes from other origins are coalesced until the next tick, then written in
 * as few rectangles as possible in one request (more only past the payload limit), with events
 * off. When Excel is in cell-edit mode the batch is kept and retried with backoff, never lost.
 */
import { getRow, rowsOf, type ChangeSet } from '../../../shared/doc/index.js';
import type { BindingContext } from '../sheet/binding-context.js';
import { idOf, toExcel } from '../sheet/cell-values.js';
import { isCellEditModeError, writeBatch, type FillOp, type Overwritten, type WriteOps } from '../sheet/excel-io.js';
import { readIdColumnPaged, readIdsAtPaged } from '../sheet/paged-read.js';
import { putBack, type Missed } from './put-back.js';
import { planBlocks } from '../sheet/write-plan.js';

/** The remote-changes writer of one binding. */
export interface RemoteWriter {
  /** Takes one doc change set (the binding's own are ignored). */
  take(set: ChangeSet): void;
  /** Marks cells, rows to add and rows to delete as needing a write (reconcile, fixes). */
  mark(cells: Iterable<[string, string | null]>, adds?: Iterable<string>, deletes?: Iterable<string>): void;
  /** Queues fill changes to go with the next batch. */
  addFills(fills: FillOp[]): void;
  /** Takes the queued fill changes (to send them with another write). */
  takeFills(): FillOp[];
  /** Queues a setting to go with the next batch. */
  addSetting(key: string, value: string): void;
  /** Schedules a flush on the next tick. */
  schedule(): void;
  /** Writes everything pending now (through the binding's queue). */
  flush(): Promise<void>;
  /** Whether the doc value of a cell still waits to be written into Excel. */
  isPending(rowId: string, column: string): boolean;
  /** Whether anything waits to be written. */
  readonly pending: boolean;
  /**
   * From inside the binding's queue: another write found other rows than it meant at these
   * body rows because the table was sorted meanwhile. Puts back what it replaced there,
   * re-reads the order and rewrites the rows meant from the doc before the queue moves on.
   */
  repairMoved(missed: readonly Missed[]): Promise<void>;
  stop(): void;
}

const MAX_BACKOFF_MS = 5_000;
/** Rounds of rewriting after rows moved under a write, before waiting for the next change. */
const MAX_ROUNDS = 4;

/** Creates the writer; it writes through `ctx.enqueue` so it never overlaps local reads. */
export function createRemoteWriter(ctx: BindingContext, retryBaseMs = 50): RemoteWriter {
  const cells = new Map<string, Set<string> | 'all'>();
  const adds = new Set<string>();
  const deletes = new Set<string>();
  let fills: FillOp[] = [];
  let settings = new Map<string, string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let stopped = false;
  const known = new Set(ctx.layout.columns.map((c) => c.key));

  const count = (): number => {
    let n = adds.size + deletes.size;
    for (const v of cells.values()) n += v === 'all' ? ctx.layout.columns.length : v.size;
    return n;
  };
  const pendingNow = (): boolean => cells.size + adds.size + deletes.size + fills.length + settings.size > 0;

  const markCell = (rowId: string, column: string | null): void => {
    if (adds.has(rowId) || deletes.has(rowId)) return;
    if (column === null) return void cells.set(rowId, 'all');
    if (!known.has(column)) return;
    const current = cells.get(rowId);
    if (current === 'all') return;
    if (current) current.add(column);
    else cells.set(rowId, new Set([column]));
  };

  const writer: RemoteWriter = {
    take(set) {
      if (set.origin === ctx.origin) return;
      for (const id of set.deletedRows) {
        if (adds.delete(id)) continue;
        cells.delete(id);
        if (ctx.indexOf(id) !== undefined) deletes.add(id);
      }
      for (const id of set.addedRows) {
        if (deletes.delete(id) || ctx.indexOf(id) !== undefined) cells.set(id, 'all');
        else adds.add(id);
      }
      for (const change of set.changes) markCell(change.rowId, change.column);
      ctx.setStatus({ pendingExcelWrites: count() });
      writer.schedule();
    },
    mark(marked, added = [], deleted = []) {
      for (const id of deleted) if (ctx.indexOf(id) !== undefined) deletes.add(id);
      for (const id of added) if (ctx.indexOf(id) === undefined) adds.add(id);
      for (const [id, column] of marked) markCell(id, column);
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
    schedule() {
      if (timer || stopped) return;
      timer = setTimeout(() => {
        timer = null;
        void writer.flush().catch((error: unknown) => ctx.logger.error({ error }, 'excel write failed'));
      }, 0);
    },
    isPending(rowId, column) {
      if (adds.has(rowId)) return true;
      const v = cells.get(rowId);
      return v === 'all' || (v !== undefined && v.has(column));
    },
    get pending() {
      return pendingNow() || timer !== null;
    },
    async repairMoved(missed) {
      await heal(missed);
      await writeNow();
    },
    flush() {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      return ctx.enqueue(writeNow);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };

  /**
   * Writes what is pending. The plan places rows by the order the binding last read; when the
   * person sorted the table since (its event not handled yet), the write finds other rows where
   * it meant to write. Deletes are checked before they run (a wrong row would be lost); edits
   * are checked as they run, in the same request (no sync more), and are healed (see `putBack`) at
   * once, in the same turn of the queue, so that the sort's own read never sees them wrong.
   */
  async function writeNow(): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      // With the columns changed, cells are not where the plan would put them: keep it all pending.
      if (!pendingNow() || stopped || !ctx.columns.intact) return;
      if (!(await writeRound())) return;
    }
    ctx.logger.warn({ rounds: MAX_ROUNDS }, 'the table kept moving under the write; the rest waits for the next change');
  }

  /** Puts back what a write replaced in rows it did not mean; the rows meant are marked again. */
  async function heal(missed: readonly Missed[]): Promise<void> {
    await putBack(ctx, missed, markCell);
    ctx.setStatus({ pendingExcelWrites: count() });
  }

  /** Reads where every row is now (one sync). */
  async function reloadIds(): Promise<void> {
    const ids = await readIdColumnPaged(ctx.run, ctx.layout, ctx.counter);
    ctx.ids = ids.map(idOf);
    ctx.idsChanged();
  }

  /** One batch; true when rows turned out to have moved and what was written wrongly is marked again. */
  async function writeRound(): Promise<boolean> {
    ctx.beforeWrite();
    const batch = { cells: new Map(cells), adds: new Set(adds), deletes: new Set(deletes), fills, settings };
    cells.clear();
    adds.clear();
    deletes.clear();
    fills = [];
    settings = new Map();
    let planned = plan(batch);
    ctx.setStatus({ busy: true });
    let hit: Overwritten;
    try {
      if (planned.deleting.size > 0) {
        const found = await readIdsAtPaged(ctx.run, ctx.layout, [...planned.deleting.keys()], ctx.counter);
        if ([...planned.deleting].some(([row, id]) => idOf(found.get(row)) !== id)) {
          await reloadIds();
          planned = plan(batch);
        }
      }
      hit = await writeBatch(ctx.run, ctx.layout, planned.ops, ctx.readOnly, ctx.counter);
    } catch (error) {
      // Put the batch back under whatever arrived meanwhile; values are re-read from the doc.
      for (const [id, v] of batch.cells) for (const c of v === 'all' ? [null] : v) markCell(id, c);
      for (const id of batch.adds) if (!deletes.has(id)) adds.add(id);
      for (const id of batch.deletes) deletes.add(id);
      fills = [...batch.fills, ...fills];
      for (const [k, v] of batch.settings) if (!settings.has(k)) settings.set(k, v);
      const editMode = isCellEditModeError(error);
      const e = error as { code?: string; message?: string };
      ctx.setStatus({ busy: false, waitingForEditMode: editMode, lastError: { code: String(e.code ?? 'Error'), message: String(e.message ?? error) }, pendingExcelWrites: count() });
      if (!editMode) ctx.logger.warn({ code: e.code }, 'excel write failed; retrying');
      attempt++;
      if (!stopped) setTimeout(() => writer.schedule(), Math.min(retryBaseMs * 2 ** attempt, MAX_BACKOFF_MS));
      return false;
    }
    attempt = 0;
    // Rows written into that hold another row than meant; a blank id is a row getting its id now.
    // Block rows count from before the batch's deletes: `shift` gives where they are after them.
    const gone = [...planned.ops.deletes].sort((x, y) => x - y);
    const shift = (row: number): number => row - gone.filter((d) => d < row).length;
    const missed: Missed[] = [];
    for (const [row, id] of planned.meant) {
      const found = idOf(hit.ids.get(row));
      if (found === null || found === id || gone.includes(row)) continue;
      const replaced = hit.values.get(row) ?? new Map<number, unknown>();
      missed.push({ row: shift(row), meant: id, hit: found, replaced, columns: planned.columns.get(row) ?? [null], ...(replaced.has(0) ? { wroteId: id } : {}) });
    }
    applyToIds(planned.ops, batch.adds);
    const missedIds = new Set(missed.flatMap((m) => [m.meant as string, m.hit]));
    ctx.settle([...batch.cells.keys(), ...batch.adds, ...batch.deletes].filter((id) => !missedIds.has(id)));
    if (missed.length > 0) await heal(missed);
    ctx.setStatus({ busy: false, waitingForEditMode: false, lastError: null, pendingExcelWrites: count() });
    ctx.touched();
    return missed.length > 0;
  }

  /**
   * The requests for a batch, with what to check: `meant` is the row id each written row should
   * hold, `columns` the keys written there (null: the whole row), `deleting` the id each
   * deleted row should hold.
   */
  function plan(batch: { cells: Map<string, Set<string> | 'all'>; adds: Set<string>; deletes: Set<string>; fills: FillOp[]; settings: Map<string, string> }): {
    ops: WriteOps;
    meant: Map<number, string>;
    columns: Map<number, (string | null)[]>;
    deleting: Map<number, string>;
  } {
    const { layout, doc } = ctx;
    const dirty = new Map<number, number[]>();
    const rowAt = new Map<number, string>();
    for (const [id, v] of batch.cells) {
      const index = ctx.indexOf(id);
      if (index === undefined || batch.deletes.has(id)) continue;
      rowAt.set(index, id);
      dirty.set(index, v === 'all' ? Array.from({ length: layout.width }, (_, i) => i) : [...v].map((k) => layout.columnIndex.get(k) as number));
    }
    const valueAt = (row: number, col: number): string | number | boolean => {
      const id = rowAt.get(row) as string;
      const column = layout.columns[col - 1];
      return column ? toExcel(column, getRow(doc, id)?.values[column.key], layout.lang) : id;
    };
    const deleting = new Map<number, string>();
    for (const id of batch.deletes) {
      const index = ctx.indexOf(id);
      if (index !== undefined) deleting.set(index, id);
    }
    const deleteRows = [...deleting.keys()];
    const columns = new Map<number, (string | null)[]>();
    for (const [id, v] of batch.cells) {
      const index = ctx.indexOf(id);
      if (index !== undefined && rowAt.get(index) === id) columns.set(index, v === 'all' ? [null] : [...v]);
    }
    // A row the table already shows (seen by the initial render) is rewritten, not added again.
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
    const addRows = addIds.map((id) => {
      const values = getRow(doc, id)?.values ?? {};
      return [id, ...layout.columns.map((c) => toExcel(c, values[c.key], layout.lang)), ...own];
    });
    const blocks = planBlocks(dirty, valueAt);
    // A new table holds one empty placeholder row: the first added row goes there.
    const placeholder = ctx.ids.length === 1 && ctx.ids[0] === null && deleteRows.length === 0 && addRows.length > 0;
    if (placeholder) blocks.push({ row: 0, col: 0, values: [addRows.shift() as (string | number | boolean)[]] });
    return {
      ops: {
        blocks,
        deletes: deleteRows,
        adds: addRows,
        appendAt: ctx.ids.length - deleteRows.length,
        fills: batch.fills,
        settings: [...batch.settings],
      },
      meant: rowAt,
      columns,
      deleting,
    };
  }

  function applyToIds(ops: WriteOps, added: Set<string>): void {
    const order = rowsOf(ctx.doc).filter((r) => added.has(r.id)).map((r) => r.id);
    const gone = new Set(ops.deletes);
    ctx.ids = ctx.ids.filter((_, i) => !gone.has(i));
    if (ctx.ids.length === 1 && ctx.ids[0] === null && order.length > 0 && ops.adds.length === order.length - 1) ctx.ids = [];
    ctx.ids.push(...order);
    ctx.idsChanged();
  }

  return writer;
}
