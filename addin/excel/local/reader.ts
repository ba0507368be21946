/**
 * Excel → doc. A worksheet `onChanged` event gives an address and a change type; the reader
 * loads only the touched rows (the whole body after rows were inserted or deleted), maps them
 * to row ids through the hidden id column and hands them to `applyLocalRows`. New rows get
 * their id written back with events off; a sort only moves ids, so it writes nothing.
 */
import { deleteRows, getRow, newRowId } from '../../../shared/doc/index.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import type { BindingContext } from '../sheet/binding-context.js';
import { writeBatch } from '../sheet/excel-io.js';
import { checkColumns } from '../sheet/layout.js';
import { idOf, showsValue, toExcel } from '../sheet/cell-values.js';
import { applyLocalRows, type ExcelRow, type TextGuard } from './apply.js';
import { planBlocks } from '../sheet/write-plan.js';
import { readBodyPaged, readRowsPaged } from '../sheet/paged-read.js';
import type { RemoteWriter } from '../remote/writer.js';

/** The part of `Excel.WorksheetChangedEventArgs` the reader uses. */
export interface ChangeEvent {
  address: string;
  changeType: string;
}

/** Refuses Swedish personal identity numbers before they reach the doc. */
export const personnummerGuard: TextGuard = (text) =>
  findPersonnummer(text)
    ? {
        code: 'personnummer',
        message: {
          sv: 'Personnummer och samordningsnummer får inte sparas i Samplan. Texten finns kvar i cellen men skickas inte. Ett telefonnummer skrivs som 070-123 45 67.',
          en: 'Personal identity numbers must not be stored in Samplan. The text stays in the cell but is not sent. Write a phone number as 070-123 45 67.',
        },
      }
    : undefined;

const STRUCTURAL = new Set(['RowInserted', 'RowDeleted', 'CellInserted', 'CellDeleted', 'ColumnInserted', 'ColumnDeleted', 'Unknown']);

/**
 * Zero-based sheet rows and columns an A1 address covers (`B3:D7` → rows 2..6, columns 1..3;
 * `3:5` → rows, every column); undefined for whole columns or what is not an address.
 */
export function rectOfAddress(address: string): { first: number; count: number; columns?: Set<number> } | undefined {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const parts = local.replace(/\$/g, '').split(':');
  const cornerOf = (part: string | undefined): { row?: number; col?: number } | undefined => {
    const m = /^([A-Za-z]*)(\d*)$/.exec(part ?? '');
    if (!m || (!m[1] && !m[2])) return undefined;
    let col = 0;
    for (const ch of (m[1] ?? '').toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
    return { row: m[2] ? Number(m[2]) - 1 : undefined, col: m[1] ? col - 1 : undefined };
  };
  const a = cornerOf(parts[0]);
  const b = parts.length > 1 ? cornerOf(parts[1]) : a;
  if (a?.row === undefined || b?.row === undefined) return undefined;
  const rect: { first: number; count: number; columns?: Set<number> } = { first: Math.min(a.row, b.row), count: Math.abs(b.row - a.row) + 1 };
  if (a.col !== undefined && b.col !== undefined) {
    rect.columns = new Set();
    for (let c = Math.min(a.col, b.col); c <= Math.max(a.col, b.col); c++) rect.columns.add(c);
  }
  return rect;
}

/**
 * Handles one change event: reads (in pages under Excel's payload limit), applies to the doc
 * (in transactions under the frame limit), writes ids and canonical values back. Runs inside
 * the binding's queue.
 */
export async function handleLocalChange(ctx: BindingContext, writer: RemoteWriter, event: ChangeEvent): Promise<void> {
  const rows = rectOfAddress(event.address);
  const top = ctx.layout.headerRow + 1;
  const paused = !ctx.columns.intact;
  // While paused every change may be the one that puts the columns back: read all of it. After
  // a read Excel refused, so may what was typed meanwhile.
  const missed = ctx.missedLocal;
  const structural = paused || missed || STRUCTURAL.has(event.changeType) || rows === undefined || rows.count > 5_000;
  let read: ExcelRow[] = [];
  let fullIds: (string | null)[] | null = null;
  /** Reads the whole body; false when syncing paused or resumed instead. */
  const readWhole = async (): Promise<boolean> => {
    const { values, shape } = await readBodyPaged(ctx.run, ctx.layout, ctx.counter, { estimate: (i) => ctx.rowBytes(i) });
    if (missed) {
      ctx.missedLocal = false;
      ctx.setStatus({ lastError: null });
    }
    const check = checkColumns(ctx.layout, shape.header, shape.top);
    if (!check.intact) {
      ctx.pause(check.reason);
      return false;
    }
    if (paused) {
      ctx.resume(values, check.extra);
      return false;
    }
    ctx.columns = check;
    read = values.map((raw, index) => ({ index, raw }));
    fullIds = values.map((raw) => idOf(raw[0]));
    return true;
  };
  // Rows found under the event's address that are not the ones the binding knows there.
  let moved = false;
  if (structural) {
    if (!(await readWhole())) return;
  } else {
    const first = Math.max(rows.first, top);
    const last = rows.first + rows.count - 1;
    // An edit of the header row can rename one of Samplan's columns: read (and check) it too.
    if (last < top - 1) return;
    // A page showing other rows than the binding knows there ends the read: the whole body follows.
    const stop = (values: readonly (readonly unknown[])[], bodyRow: number): boolean => values.some((raw, i) => movedAt(ctx, first + i - bodyRow, raw));
    const got = await readRowsPaged(ctx.run, ctx.layout, first, Math.max(1, last - first + 1), ctx.counter, (i) => ctx.rowBytes(i), stop);
    const check = checkColumns(ctx.layout, got.shape.header, got.shape.top);
    if (!check.intact) return ctx.pause(check.reason);
    ctx.columns = check;
    if (last < top) return;
    const bodyEnd = got.bodyRow + got.bodyRows;
    read = [];
    got.values.forEach((raw, i) => {
      const sheetRow = first + i;
      if (sheetRow >= got.bodyRow && sheetRow < bodyEnd) read.push({ index: sheetRow - got.bodyRow, raw });
    });
    // The table was sorted since the binding last read its order (the sort's event is still to
    // come): the address is where the edit was before the sort, and other rows are there now.
    // Read the whole body instead, by id, as the sort's own event will; the one sync more is
    // only taken then. The same check guards the remote writer's writes (`writeBatch`).
    moved = read.some((r) => movedAt(ctx, r.index, r.raw));
    if (moved) {
      if (!(await readWhole())) return;
    } else {
      // The table may have grown (a paste right below it) or shrunk meanwhile.
      ctx.ids.length = Math.min(ctx.ids.length, got.bodyRows);
      while (ctx.ids.length < got.bodyRows) ctx.ids.push(null);
    }
  }
  const whole = fullIds !== null;
  if (ctx.readOnly) return resync(ctx, writer, read, fullIds);

  const before = new Set(ctx.ids.filter((id): id is string => id !== null));
  // In transactions each under the frame limit (one for an ordinary edit), deletes last.
  const applied = applyLocalRows(ctx.doc, ctx.layout, read, {
    origin: ctx.origin,
    docId: ctx.docId,
    tableIds: fullIds ?? ctx.ids,
    guard: personnummerGuard,
    newId: newRowId,
    // A one-cell edit is what the user typed: it wins even over a remote value in flight.
    // After a sort nobody knows which cell that is now: every remote value in flight wins.
    stale: rows && rows.count === 1 && rows.columns?.size === 1 && !moved ? undefined : (id, column) => writer.isPending(id, column),
    ...(whole || !rows?.columns ? {} : { columns: rows.columns }),
  });
  let removed: string[] = [];
  // Set by `readWhole`, which TypeScript does not follow into.
  const all = fullIds as (string | null)[] | null;
  if (all) {
    const present = new Set(all.filter((id): id is string => id !== null));
    removed = [...before].filter((id) => !present.has(id));
    if (removed.length > 0) ctx.doc.transact(() => deleteRows(ctx.doc, removed), ctx.origin);
  }

  if (fullIds) ctx.ids = fullIds;
  for (const row of read) ctx.ids[row.index] = applied.assigned.get(row.index) ?? idOf(row.raw[0]);
  ctx.idsChanged();

  forgetProblemsOf(ctx, read.map((row) => ctx.ids[row.index]).filter((id): id is string => !!id));
  for (const [key, problem] of applied.problems) ctx.localProblems.set(key, problem);
  ctx.version++;
  ctx.settle(removed);
  forgetProblemsOf(ctx, removed);
  ctx.settle(applied.written);

  if (applied.rewrites.size > 0) {
    // One write for ids and canonical values; merged into whatever the writer has pending.
    await writeRewrites(ctx, writer, applied.rewrites, new Map(read.map((r) => [r.index, r.raw] as const)));
  }
  ctx.touched();
}

/** Whether body row `index` as read holds another row than the one the binding knows there. */
function movedAt(ctx: BindingContext, index: number, raw: readonly unknown[]): boolean {
  const known = ctx.ids[index];
  const found = idOf(raw[0]);
  return known != null && found !== null && known !== found;
}

/** Drops the local problems (values kept as typed) of these rows; the rows were read anew or are gone. */
function forgetProblemsOf(ctx: BindingContext, rowIds: readonly string[]): void {
  if (rowIds.length === 0) return;
  const ids = new Set(rowIds);
  for (const key of [...ctx.localProblems.keys()]) if (ids.has(key.slice(0, key.indexOf('\u0000')))) ctx.localProblems.delete(key);
}

async function writeRewrites(
  ctx: BindingContext,
  writer: RemoteWriter,
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

/** Viewers: whatever changed in Excel, the doc wins; rows that differ are rewritten. */
function resync(ctx: BindingContext, writer: RemoteWriter, read: ExcelRow[], fullIds: (string | null)[] | null): void {
  if (fullIds) {
    ctx.ids = fullIds;
    ctx.idsChanged();
  } else {
    for (const row of read) ctx.ids[row.index] = idOf(row.raw[0]);
    ctx.idsChanged();
  }
  const differs = (row: ExcelRow): boolean => {
    const id = idOf(row.raw[0]);
    const values = id ? getRow(ctx.doc, id)?.values : undefined;
    if (!values) return false;
    return ctx.layout.columns.some((c, i) => !showsValue(row.raw[i + 1], toExcel(c, values[c.key], ctx.layout.lang)));
  };
  const stale = read.filter(differs).map((r) => [idOf(r.raw[0]) as string, null] as [string, null]);
  if (stale.length === 0) return;
  writer.mark(stale);
  writer.schedule();
}
