/**
 * What a read writes back into the sheet: the ids given to new and held rows and the canonical
 * values of cells read (`1 200` → 1200), with events off, in one request; healed when the table
 * was sorted under it. Split from `reader.ts`, which decides what is read and sent.
 */
import { deleteRows } from '../../../shared/doc/index.js';
import type { BindingContext } from '../sheet/binding-context.js';
import { idOf, showsValue } from '../sheet/cell-values.js';
import { writeBatch } from '../sheet/excel-io.js';
import { planBlocks } from '../sheet/write-plan.js';
import type { HeldRow } from './held-rows.js';
import type { FillOp } from '../sheet/write-ops.js';
import type { Missed } from '../sheet/write-plan.js';

/** The part of the doc → sheet writer a rewrite uses (`WriterPort` of `reader.ts` is one). */
export interface RewriteWriter {
  mark(cells: Iterable<[string, string | null]>): void;
  addFills(fills: FillOp[]): void;
  takeFills(): FillOp[];
  schedule(): void;
  repairMoved(missed: readonly Missed[]): Promise<void>;
}

/** Drops the local problems (values kept as typed) of these rows; the rows were read anew or are gone. */
export function forgetProblemsOf(ctx: BindingContext, rowIds: readonly string[]): void {
  if (rowIds.length === 0) return;
  const ids = new Set(rowIds);
  for (const key of [...ctx.localProblems.keys()]) if (ids.has(key.slice(0, key.indexOf('\u0000')))) ctx.localProblems.delete(key);
}

/**
 * Writes the ids given to held rows (`held-rows.ts`) in their id cells, with events off, as a new
 * row's id is written; a table sorted meanwhile is healed as for any rewrite. Run it in the
 * binding's queue.
 */
export async function writeHeldIds(ctx: BindingContext, writer: RewriteWriter, held: ReadonlyMap<number, HeldRow>): Promise<void> {
  const rewrites = new Map<number, (string | number | boolean)[]>();
  const readRaw = new Map<number, readonly unknown[]>();
  withHeldIds(held, rewrites, readRaw);
  if (rewrites.size > 0) await writeRewrites(ctx, writer, rewrites, readRaw);
}

/** Adds each held row's id, its other cells as read (so only the id cell is written), to `rewrites`, and the row as read to `read`. */
export function withHeldIds(held: ReadonlyMap<number, HeldRow>, rewrites: Map<number, (string | number | boolean)[]>, read: Map<number, readonly unknown[]>): void {
  for (const [index, h] of held) {
    rewrites.set(index, [h.id, ...h.raw.slice(1).map((v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : ''))]);
    read.set(index, h.raw);
  }
}

/**
 * Writes ids and canonical values of the rows read (`rewrites`, by body index; `read`: the rows as
 * read) in one request, only the cells that do not show them yet; a table sorted meanwhile is
 * healed (`writer.repairMoved`), and a failed write left to the writer.
 */
export async function writeRewrites(
  ctx: BindingContext,
  writer: RewriteWriter,
  rewrites: ReadonlyMap<number, readonly (string | number | boolean)[]>,
  read: ReadonlyMap<number, readonly unknown[]>,
): Promise<void> {
  // Only the cells that do not show their canonical value yet (a new id, "1 200" → 1200): a
  // pasted row's long texts are not sent back to Excel, nor read back with the write.
  const dirty = new Map<number, number[]>();
  for (const [row, canonical] of rewrites) {
    const raw = read.get(row) ?? [];
    const cols: number[] = [];
    for (let c = 0; c < ctx.layout.width; c++) if (!showsValue(c === 0 ? idOf(raw[0]) ?? '' : raw[c], canonical[c] ?? '')) cols.push(c);
    if (cols.length > 0) dirty.set(row, cols);
  }
  if (dirty.size === 0) return;
  const blocks = planBlocks(dirty, (row, col) => rewrites.get(row)?.[col] ?? '');
  ctx.beforeWrite();
  const fills = writer.takeFills();
  try {
    const hit = await writeBatch(ctx.run, ctx.layout, { blocks, deletes: [], adds: [], appendAt: 0, fills, settings: [] }, false, ctx.counter);
    // The id each row had when it was read; another id there now means the table was sorted.
    const missed = [...dirty].flatMap(([row, cols]) => {
      const found = idOf(hit.ids.get(row));
      const meant = idOf(read.get(row)?.[0]);
      if (found === null || found === meant) return [];
      const wroteId = cols[0] === 0 ? (idOf(rewrites.get(row)?.[0]) ?? undefined) : undefined;
      return [{ row, meant, hit: found, replaced: hit.values.get(row) ?? new Map<number, unknown>(), ...(wroteId ? { wroteId } : {}) }];
    });
    if (missed.length === 0) return;
    await writer.repairMoved(missed);
    // A new row's id went onto another row and was taken back there: the new row is now in the
    // sheet without an id, wherever the sort put it, and the sort's read will give it one. Its
    // doc row would stay behind as a copy: it goes.
    const orphans = missed.flatMap((m) => (m.meant === null && m.wroteId && ctx.indexOf(m.wroteId) === undefined ? [m.wroteId] : []));
    if (orphans.length > 0) {
      ctx.doc.transact(() => deleteRows(ctx.doc, orphans), ctx.origin);
      ctx.settle(orphans);
      forgetProblemsOf(ctx, orphans);
    }
  } catch (error) {
    // Ids and canonical values are derived from the doc; re-write them through the writer.
    ctx.logger.warn({ error: String(error) }, 'could not write ids back; retrying via writer');
    writer.mark([...dirty.keys()].map((row) => [String(rewrites.get(row)?.[0] ?? ''), null] as [string, null]).filter(([id]) => id !== ''));
    writer.addFills(fills);
    writer.schedule();
  }
}
