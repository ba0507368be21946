/**
 * Doc → sheet for row comments: keeps the count column (`sheet/count-column.ts`) showing how many
 * comments each row has, blank for none. Written after binding and whenever comments or rows
 * change (coalesced), through the binding's queue and with events off, never read back.
 *
 * Only cells whose count changed are written. The writer remembers, by row id, what each row's
 * count cell shows; a cell moves with its row when the table is sorted or filtered, and rows
 * the binding appends start blank, so a comment or a row added writes one cell, not the column.
 * What it cannot know is written again: the whole column once after binding or after the
 * columns came back from a pause, and the cells the person typed or pasted over (read back
 * only to find those, when a change touched the column). Each write
 * checks, in the same request, which row ids it landed on; when the person sorted the table
 * meanwhile, the rows it hit are noted as showing what was written there, the order is read
 * again and the rows it meant are written where they are now. A document without comments
 * costs nothing.
 */
import { commentCounts, commentsMap } from '../../../shared/comments/comments.js';
import { observeChanges } from '../../../shared/doc/index.js';
import type { AddressRect } from '../sheet/address.js';
import type { BindingContext } from '../sheet/binding-context.js';
import { idOf } from '../sheet/cell-values.js';
import { ensureCountColumn } from '../sheet/count-column.js';
import { writeBatch } from '../sheet/excel-io.js';
import { readIdColumnPaged } from '../sheet/paged-read.js';
import { planBlocks } from '../sheet/write-plan.js';

/** Rounds of writing again after the rows moved under a write. */
const MAX_ROUNDS = 3;

/** What a count cell shows: a number, or '' for none. */
type Shown = number | '';

/** The running count writer of one binding. */
export interface CommentCounter {
  /** Writes now (after anything queued before it) and resolves when done. */
  flush(): Promise<void>;
  /**
   * The person changed cells at `rect` (sheet rows and columns of a change event): count cells
   * among them show what they typed, so they are written again.
   */
  cellsEdited(rect: AddressRect): void;
  /** Forgets what the column shows and where it is (the table's columns were changed and are back). */
  reset(): void;
  stop(): void;
}

/** One count cell to write: body row, value, and the row id meant there (null: a row without id). */
interface CountCell {
  row: number;
  value: Shown;
  meant: string | null;
}

/** What the count writer knows about the column. */
interface CountState {
  /** The column's sheet index, once found or added. */
  column: number | null;
  /** Row id → what its count cell shows; null while unknown (the next write covers every row). */
  shown: Map<string, Shown> | null;
  /** Whether the column was ever written: from then on a document whose last comment went is written too. */
  active: boolean;
  /** Rows whose count cell shows something else than `shown` says (typed over). */
  unsure: Set<string>;
}

/** The cells that differ from what they should show, in the order `ids`; `blanks`: id-less rows to blank. */
function changedCells(state: CountState, ids: readonly (string | null)[], counts: ReadonlyMap<string, number>, blanks: ReadonlySet<number>): CountCell[] {
  const cells: CountCell[] = [];
  ids.forEach((id, row) => {
    if (id === null) {
      if (blanks.has(row)) cells.push({ row, value: '', meant: null });
      return;
    }
    const value = counts.get(id) ?? '';
    if (state.shown === null || state.unsure.has(id) || (state.shown.get(id) ?? '') !== value) cells.push({ row, value, meant: id });
  });
  return cells;
}

/** Writes the counts that changed (see the file comment); runs inside the binding's queue. */
async function writeCounts(ctx: BindingContext, state: CountState): Promise<void> {
  const counts = commentCounts(ctx.doc);
  if (counts.size === 0 && !state.active) return;
  state.active = true;
  if (state.column === null) {
    const found = await ensureCountColumn(ctx.run, ctx.layout, ctx.readOnly, ctx.counter);
    state.column = found.column;
    if (found.added && ctx.columns.intact) ctx.columns = { intact: true, extra: ctx.columns.extra + 1 };
    // A column just added is blank: only counts need writing.
    if (found.added) state.shown = new Map();
  }
  const col = state.column;
  let ids: readonly (string | null)[] = ctx.ids;
  let blanks = new Set<number>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const cells = changedCells(state, ids, counts, blanks);
    if (cells.length === 0) return;
    const byRow = new Map(cells.map((c) => [c.row, c] as const));
    const blocks = planBlocks(new Map(cells.map((c) => [c.row, [col]] as const)), (row) => byRow.get(row)?.value ?? '');
    const ops = { blocks, deletes: [], adds: [], appendAt: ids.length, fills: [], settings: [] as [string, string][] };
    const found = await writeBatch(ctx.run, ctx.layout, ops, ctx.readOnly, ctx.counter);
    // A write of every row: the rows it did not land on are unknown until written.
    if (state.shown === null) for (const c of cells) if (c.meant !== null) state.unsure.add(c.meant);
    const shown = (state.shown ??= new Map());
    let moved = false;
    blanks = new Set();
    for (const c of cells) {
      const hit = idOf(found.ids.get(c.row));
      if (hit !== null) {
        shown.set(hit, c.value);
        state.unsure.delete(hit);
        if (hit !== c.meant) moved = true;
      } else if (c.meant !== null || c.value !== '') {
        // A row without an id yet (just typed) got this count: blank it where it is found.
        moved = true;
        blanks.add(c.row);
      }
    }
    if (!moved) return;
    ids = (await readIdColumnPaged(ctx.run, ctx.layout, ctx.counter)).map(idOf);
    // The hit rows are known now; a blanked row kept its place only if it still has no id.
    blanks = new Set([...blanks].filter((row) => ids[row] === null));
  }
}

/** Starts writing counts for the binding `ctx`; `delayMs` coalesces bursts of changes. */
export function startCommentCounts(ctx: BindingContext, delayMs = 100): CommentCounter {
  const state: CountState = { column: null, shown: null, active: false, unsure: new Set() };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const write = async (): Promise<void> => {
    if (!stopped && ctx.columns.intact) await writeCounts(ctx, state);
  };

  const run = (): Promise<void> =>
    ctx.enqueue(write).catch((error: unknown) => ctx.logger.warn({ error }, 'writing comment counts failed'));

  const schedule = (): void => {
    if (timer || stopped) return;
    timer = setTimeout(() => {
      timer = null;
      void run();
    }, delayMs);
  };

  const comments = commentsMap(ctx.doc);
  comments.observeDeep(schedule);
  const stopRows = observeChanges(ctx.doc, (set) => {
    for (const id of set.deletedRows) {
      state.shown?.delete(id);
      state.unsure.delete(id);
    }
    if (set.addedRows.length > 0 || set.deletedRows.length > 0) schedule();
  });
  schedule();
  return {
    flush: run,
    cellsEdited(rect) {
      const col = state.column;
      if (stopped || col === null || (rect.columns && !rect.columns.has(col))) return;
      // After the reader has handled the same change (it was queued first).
      void ctx
        .enqueue(async () => {
          if (await typedOver(ctx, rect, col, (id) => state.shown?.get(id) ?? '', state.unsure)) schedule();
        })
        .catch((error: unknown) => ctx.logger.warn({ error }, 'reading edited comment counts failed'));
    },
    reset() {
      state.column = null;
      state.shown = null;
      state.unsure.clear();
      schedule();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      comments.unobserveDeep(schedule);
      stopRows();
    },
  };
}

/** Rows read per request when checking edited count cells (an id and a small number each). */
const CHECK_PAGE = 20_000;

/**
 * Reads the id and count cells of the body rows `rect` covers and adds to `unsure` the rows
 * whose count cell does not show what the writer wrote there: what the person typed or pasted.
 * A sort raises the same event, but moves the count cells with their rows, so it finds nothing.
 * True when it found any.
 */
async function typedOver(ctx: BindingContext, rect: AddressRect, col: number, shownOf: (id: string) => Shown, unsure: Set<string>): Promise<boolean> {
  const top = ctx.layout.headerRow + 1;
  const first = Math.max(rect.first, top);
  const end = Math.min(rect.first + rect.count, top + ctx.ids.length);
  let found = false;
  for (let start = first; start < end; start += CHECK_PAGE) {
    const n = Math.min(CHECK_PAGE, end - start);
    const [ids, counts] = await ctx.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(ctx.layout.sheetKey);
      const idCells = sheet.getRangeByIndexes(start, 0, n, 1).load('values');
      const countCells = sheet.getRangeByIndexes(start, col, n, 1).load('values');
      ctx.counter.syncs++;
      await context.sync();
      return [idCells.values, countCells.values] as const;
    });
    ids.forEach((line, i) => {
      const id = idOf(line[0]);
      const cell = counts[i]?.[0] ?? '';
      if (id !== null && cell !== shownOf(id) && !(cell === null && shownOf(id) === '')) {
        unsure.add(id);
        found = true;
      }
    });
  }
  return found;
}
