/**
 * Doc → Excel. Changes from other origins are coalesced until the next tick, then written in
 * as few rectangles as possible in one request (more only past the payload limit), with events
 * off. When Excel is in cell-edit mode the batch is kept and retried with backoff, never lost.
 */
import type { ChangeSet } from '../../../shared/doc/index.js';
import type { BindingContext } from '../sheet/binding-context.js';
import { getRow } from '../../../shared/doc/index.js';
import { cellKey, idOf, sameValue } from '../sheet/cell-values.js';
import { forgetWrittenNotes } from '../sheet/cell-notes.js';
import { formulaNote } from '../sheet/kept-formulas.js';
import { recoverTable } from '../sheet/lost-table.js';
import { isCellEditModeError, writeBatch, type Overwritten } from '../sheet/excel-io.js';
import type { FillOp } from '../sheet/write-ops.js';
import { readIdColumnPaged, readIdsAtPaged } from '../sheet/paged-read.js';
import type { Missed } from '../sheet/write-plan.js';
import { SheetLocked } from '../sheet/sheet-protection.js';
import { RETRIES_BEFORE_GIVING_UP, RETRY_WAIT_CAP } from '../sheet/types.js';
import { createPendingWrites, type Batch, type PendingWrites } from './pending.js';
import { applyToIds, planBatch, type PlannedBatch } from './plan-batch.js';
import { putBack } from './put-back.js';

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
  /**
   * A sheet's protection was switched off: a batch waiting for a sheet protected with a password
   * ({@link SheetLocked}) is written now instead of at the next change; otherwise nothing.
   */
  protectionLifted(): void;
  stop(): void;
}

/** Rounds of rewriting after rows moved under a write, before waiting for the next change. */
const MAX_ROUNDS = 4;

/** The writer's own state besides what is pending. */
interface WriterState {
  timer: ReturnType<typeof setTimeout> | null;
  attempt: number;
  /** Refusals in a row other than cell-edit mode. */
  refused: number;
  /** The last batch was refused for a sheet protected with a password; it waits for the protection to go. */
  locked: boolean;
  stopped: boolean;
  readonly retryBaseMs: number;
}

/** Creates the writer; it writes through `ctx.enqueue` so it never overlaps local reads. */
export function createRemoteWriter(ctx: BindingContext, retryBaseMs = 50): RemoteWriter {
  const pending = createPendingWrites(ctx);
  const state: WriterState = { timer: null, attempt: 0, refused: 0, locked: false, stopped: false, retryBaseMs };
  const writeNow = (): Promise<void> => writeRounds(ctx, pending, state, writer);
  const writer: RemoteWriter = {
    take(set) {
      if (set.origin === ctx.origin) return;
      pending.take(set);
      ctx.setStatus({ pendingExcelWrites: pending.count() });
      writer.schedule();
    },
    mark: (cells, adds, deletes) => pending.mark(cells, adds, deletes),
    addFills: (fills) => pending.addFills(fills),
    takeFills: () => pending.takeFills(),
    addSetting: (key, value) => pending.addSetting(key, value),
    schedule() {
      if (state.timer || state.stopped) return;
      state.timer = setTimeout(() => {
        state.timer = null;
        void writer.flush().catch((error: unknown) => ctx.logger.error({ error }, 'excel write failed'));
      }, 0);
    },
    isPending: (rowId, column) => pending.isPending(rowId, column),
    get pending() {
      return pending.any() || state.timer !== null;
    },
    async repairMoved(missed) {
      await heal(ctx, pending, missed);
      await writeNow();
    },
    flush() {
      if (state.timer) {
        clearTimeout(state.timer);
        state.timer = null;
      }
      return ctx.enqueue(writeNow);
    },
    protectionLifted() {
      if (!state.locked || state.stopped) return;
      state.locked = false;
      writer.schedule();
    },
    stop() {
      state.stopped = true;
      if (state.timer) clearTimeout(state.timer);
    },
  };
  return writer;
}

/**
 * Writes what is pending. The plan places rows by the order the binding last read; when the
 * person sorted the table since (its event not handled yet), the write finds other rows where
 * it meant to write. Deletes are checked before they run (a wrong row would be lost); edits
 * are checked as they run, in the same request (no sync more), and are healed (see `putBack`) at
 * once, in the same turn of the queue, so that the sort's own read never sees them wrong.
 */
async function writeRounds(ctx: BindingContext, pending: PendingWrites, state: WriterState, writer: RemoteWriter): Promise<void> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // With the columns changed, cells are not where the plan would put them: keep it all pending.
    if (!pending.any() || state.stopped || !ctx.columns.intact) return;
    if (!(await writeRound(ctx, pending, state, writer))) return;
  }
  ctx.logger.warn({ rounds: MAX_ROUNDS }, 'the table kept moving under the write; the rest waits for the next change');
}

/** Puts back what a write replaced in rows it did not mean; the rows meant are marked again. */
async function heal(ctx: BindingContext, pending: PendingWrites, missed: readonly Missed[]): Promise<void> {
  await putBack(ctx, missed, pending.markCell);
  ctx.setStatus({ pendingExcelWrites: pending.count() });
}

/** One batch; true when rows turned out to have moved and what was written wrongly is marked again. */
async function writeRound(ctx: BindingContext, pending: PendingWrites, state: WriterState, writer: RemoteWriter): Promise<boolean> {
  ctx.beforeWrite();
  const batch = pending.drain();
  ctx.setStatus({ busy: true });
  let planned: PlannedBatch;
  let hit: Overwritten;
  try {
    planned = await planChecked(ctx, batch);
    hit = await writeBatch(ctx.run, ctx.layout, planned.ops, ctx.readOnly, ctx.counter);
  } catch (error) {
    failed(ctx, pending, state, writer, batch, error);
    return false;
  }
  state.attempt = 0;
  state.refused = 0;
  state.locked = false;
  const missed = missedRows(planned, hit);
  applyToIds(ctx, planned.ops, batch.adds);
  const missedIds = new Set(missed.flatMap((m) => [m.meant as string, m.hit]));
  // A cell now shows a colleague's value: notes of what it showed before go (`cell-notes.ts`).
  const written = new Map([...batch.foreign].filter(([id]) => !missedIds.has(id)));
  if (forgetWrittenNotes(ctx.localProblems, written, batch.deletes)) {
    ctx.version++;
    ctx.problemsChanged();
  }
  noteAddedFormulas(ctx, hit);
  ctx.settle([...batch.cells.keys(), ...batch.adds, ...batch.deletes].filter((id) => !missedIds.has(id)));
  if (missed.length > 0) await heal(ctx, pending, missed);
  ctx.setStatus({ busy: false, waitingForEditMode: false, lastError: null, pendingExcelWrites: pending.count() });
  ctx.touched();
  return missed.length > 0;
}

/** Plans the batch; when a row to delete is not where the plan thinks, reads the order again and plans anew. */
async function planChecked(ctx: BindingContext, batch: Batch): Promise<PlannedBatch> {
  const planned = planBatch(ctx, batch);
  if (planned.deleting.size === 0) return planned;
  const found = await readIdsAtPaged(ctx.run, ctx.layout, [...planned.deleting.keys()], ctx.counter);
  if (![...planned.deleting].some(([row, id]) => idOf(found.get(row)) !== id)) return planned;
  // Reads where every row is now (one sync).
  const ids = await readIdColumnPaged(ctx.run, ctx.layout, ctx.counter);
  ctx.ids = ids.map(idOf);
  ctx.idsChanged();
  return planBatch(ctx, batch);
}

/**
 * Excel refused the batch: put it back under whatever arrived meanwhile (values are re-read from
 * the doc) and retry with backoff. Cell-edit mode is waited out however long it lasts; any other
 * refusal is retried by timer `RETRIES_BEFORE_GIVING_UP` times in a row, then the batch waits
 * (nothing is dropped) for the next change to try once more, and the status says so (`gaveUp`).
 * A table found gone (`ItemNotFound`) is looked for again instead (`recoverTable`). A sheet
 * protected with a password ({@link SheetLocked}) is not retried by timer: its words show and the
 * batch waits for the next change, or for the protection to be switched off
 * ({@link RemoteWriter.protectionLifted}, where the host tells).
 */
function failed(ctx: BindingContext, pending: PendingWrites, state: WriterState, writer: RemoteWriter, batch: Batch, error: unknown): void {
  pending.restore(batch);
  const editMode = isCellEditModeError(error);
  if (!editMode) state.refused++;
  state.locked = error instanceof SheetLocked;
  const gaveUp = state.refused > RETRIES_BEFORE_GIVING_UP || state.locked;
  const e = error as { code?: string; message?: string };
  // The table or its sheet is gone (deleted with nothing typed, say): found again, the batch is
  // written at once; else syncing pauses as lost, as when a read finds it gone, and the batch waits.
  if (e.code === 'ItemNotFound' && !gaveUp) {
    ctx.setStatus({ busy: false, waitingForEditMode: false, pendingExcelWrites: pending.count() });
    void ctx.enqueue(() => recoverTable(ctx, () => state.stopped)).then((found) => found && writer.schedule(), () => undefined);
    return;
  }
  const lastError = { code: String(e.code ?? 'Error'), message: String(e.message ?? error), ...(gaveUp ? { gaveUp } : {}) };
  ctx.setStatus({ busy: false, waitingForEditMode: editMode, lastError, pendingExcelWrites: pending.count() });
  if (gaveUp) ctx.logger.error({ code: e.code, refused: state.refused }, 'excel write refused again and again; waiting for the next change');
  else if (!editMode) ctx.logger.warn({ code: e.code }, 'excel write failed; retrying');
  state.attempt++;
  if (!state.stopped && !gaveUp) setTimeout(() => writer.schedule(), Math.min(state.retryBaseMs * 2 ** state.attempt, state.retryBaseMs * RETRY_WAIT_CAP));
}

/**
 * Rows written into that hold another row than meant; a blank id is a row getting its id now.
 * Block rows count from before the batch's deletes: `shift` gives where they are after them.
 */
function missedRows(planned: PlannedBatch, hit: Overwritten): Missed[] {
  const gone = [...planned.ops.deletes].sort((x, y) => x - y);
  const shift = (row: number): number => row - gone.filter((d) => d < row).length;
  const missed: Missed[] = [];
  for (const [row, id] of planned.meant) {
    const found = idOf(hit.ids.get(row));
    if (found === null || found === id || gone.includes(row)) continue;
    const replaced = hit.values.get(row) ?? new Map<number, unknown>();
    missed.push({ row: shift(row), meant: id, hit: found, replaced, columns: planned.columns.get(row) ?? [null], ...(replaced.has(0) ? { wroteId: id } : {}) });
  }
  return missed;
}

/**
 * Notes the formulas Excel gave rows the batch appended (a calculated column's: `kept-formulas.ts`):
 * each such cell keeps its formula against the plan's values to come, as one the person typed does.
 */
function noteAddedFormulas(ctx: BindingContext, hit: Overwritten): void {
  if (!hit.addedFormulas) return;
  const { layout } = ctx;
  for (const [row, cols] of hit.addedFormulas) {
    const id = ctx.ids[row];
    const values = id ? getRow(ctx.doc, id)?.values : undefined;
    if (!id || !values) continue;
    for (const col of cols) {
      const column = layout.columns[col - 1];
      if (!column) continue;
      ctx.localProblems.set(cellKey(id, column.key), formulaNote(ctx.docId, id, column.key, column.header, !sameValue(column, null, values[column.key])));
    }
  }
  ctx.version++;
  ctx.problemsChanged();
}
