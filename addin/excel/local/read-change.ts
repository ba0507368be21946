/**
 * What a sheet change touched, read from Excel for the reader (`reader.ts`): the rows under the
 * event's address in pages under Excel's payload limit, or the whole body when rows were inserted,
 * deleted or moved (a sort), and the header checked on the way, so that a change of Samplan's
 * columns pauses the binding instead of being read as edits.
 */
import type { BindingContext } from '../sheet/binding-context.js';
import type { PauseReason } from '../sheet/layout.js';
import { checkColumns } from '../sheet/layout.js';
import { idOf } from '../sheet/cell-values.js';
import type { ExcelRow } from './read-row.js';
import { rectOfAddress, type AddressRect } from '../sheet/address.js';
import { readBodyPaged, readRowsPaged } from '../sheet/paged-read.js';
import type { CellKind, PercentCells } from '../sheet/percent-cells.js';
import { writeTextFormats } from '../sheet/text-formats.js';
import type { HeldRow } from './held-rows.js';

/** The part of `Excel.WorksheetChangedEventArgs` the reader uses. */
export interface ChangeEvent {
  address: string;
  changeType: string;
}

const STRUCTURAL = new Set(['RowInserted', 'RowDeleted', 'CellInserted', 'CellDeleted', 'ColumnInserted', 'ColumnDeleted', 'Unknown']);

/**
 * What a change event came to, for `bindTable`'s pause/resume policy: read and applied (or
 * nothing to do), the table's columns changed (`paused`), or they are back with the body read
 * just now (`resumed`: reconcile it three ways).
 */
export type LocalOutcome =
  | { kind: 'done' }
  | { kind: 'paused'; reason: PauseReason }
  | { kind: 'resumed'; body: readonly (readonly unknown[])[]; extra: number; formats: PercentCells };

/** Read and applied, or nothing to do. */
export const DONE: LocalOutcome = { kind: 'done' };

/** Rows read for one change: by body index, the whole id column when the whole body was read. */
export interface ChangeRead {
  read: ExcelRow[];
  fullIds: (string | null)[] | null;
  /** The rows under the event's address were other rows than the binding knew (a sort). */
  moved: boolean;
  rows: AddressRect | undefined;
  /** Held rows given an id just now, by body index: the id is written in the sheet with the rewrites. */
  heldRows?: ReadonlyMap<number, HeldRow>;
  /** Ids of the rows held before this read: one now sent keeps its id. */
  keepIds?: ReadonlySet<string>;
}

/** Reads what the event touched: its rows, or the whole body when rows moved or were inserted or deleted. */
export async function readChange(ctx: BindingContext, event: ChangeEvent): Promise<ChangeRead | LocalOutcome> {
  const rows = rectOfAddress(event.address);
  // While paused every change may be the one that puts the columns back: read all of it. After
  // a read Excel refused, so may what was typed meanwhile.
  const whole = !ctx.columns.intact || ctx.missedLocal || STRUCTURAL.has(event.changeType) || rows === undefined || rows.count > 5_000;
  if (whole) return readWhole(ctx, rows, false);
  const top = ctx.layout.headerRow + 1;
  const first = Math.max(rows.first, top);
  const last = rows.first + rows.count - 1;
  // An edit of the header row can rename one of Samplan's columns: read (and check) it too.
  if (last < top - 1) return DONE;
  // A page showing other rows than the binding knows there ends the read: the whole body follows.
  const stop = (values: readonly (readonly unknown[])[], bodyRow: number): boolean => values.some((raw, i) => movedAt(ctx, first + i - bodyRow, raw));
  const got = await readRowsPaged(ctx.run, ctx.layout, first, Math.max(1, last - first + 1), ctx.counter, (i) => ctx.rowBytes(i), stop);
  const check = checkColumns(ctx.layout, got.shape.header, got.shape.top);
  if (!check.intact) return { kind: 'paused', reason: check.reason };
  ctx.columns = check;
  if (last < top) return DONE;
  const bodyEnd = got.bodyRow + got.bodyRows;
  const read: ExcelRow[] = [];
  got.values.forEach((raw, i) => {
    const sheetRow = first + i;
    if (sheetRow >= got.bodyRow && sheetRow < bodyEnd) read.push(withPercent({ index: sheetRow - got.bodyRow, raw }, got.percent[i]));
  });
  // The table was sorted since the binding last read its order (the sort's event is still to
  // come): the address is where the edit was before the sort, and other rows are there now.
  // Read the whole body instead, by id, as the sort's own event will; the one sync more is
  // only taken then. The same check guards the remote writer's writes (`writeBatch`).
  if (read.some((r) => movedAt(ctx, r.index, r.raw))) return readWhole(ctx, rows, true);
  // Shorter than the binding knows it, no row deleted (its growth undone by Ctrl+Z, resized by hand): the
  // whole body is read, as after a deletion, so the rows it gave back leave the plan as deleted rows do.
  if (got.bodyRows < ctx.ids.length) return readWhole(ctx, rows, false);
  // The table may have grown meanwhile (a paste right below it).
  while (ctx.ids.length < got.bodyRows) ctx.ids.push(null);
  return { read, fullIds: null, moved: false, rows };
}

/** Reads the whole body; a pause or resume instead when the columns changed or came back. */
async function readWhole(ctx: BindingContext, rows: AddressRect | undefined, moved: boolean): Promise<ChangeRead | LocalOutcome> {
  const paused = !ctx.columns.intact;
  const missed = ctx.missedLocal;
  const { values, percent, shape, textFormatted } = await readBodyPaged(ctx.run, ctx.layout, ctx.counter, { estimate: (i) => ctx.rowBytes(i) });
  if (missed) {
    ctx.missedLocal = false;
    ctx.setStatus({ lastError: null });
  }
  const check = checkColumns(ctx.layout, shape.header, shape.top);
  if (!check.intact) return { kind: 'paused', reason: check.reason };
  // A table paused since it was opened, or rows the person inserted or formatted otherwise.
  if (!textFormatted) await formatTexts(ctx, values.length);
  if (paused) return { kind: 'resumed', body: values, extra: check.extra, formats: percent };
  ctx.columns = check;
  return { read: values.map((raw, index) => withPercent({ index, raw }, percent[index])), fullIds: values.map((raw) => idOf(raw[0])), moved, rows };
}

/**
 * Sets the free-text columns of the whole body to `@` after a read found cells of them that are
 * not (`text-formats.ts`), so that what is typed next is kept as typed; until that succeeds texts
 * written there keep the quote prefix. A viewer's sheet is not formatted. A failure is logged and
 * tried again at the next whole read.
 */
async function formatTexts(ctx: BindingContext, rows: number): Promise<void> {
  ctx.layout.textFormatted = false;
  if (ctx.readOnly) return;
  try {
    await writeTextFormats(ctx.run, ctx.layout, rows, ctx.counter);
  } catch (error) {
    ctx.logger.warn({ error: String(error) }, 'could not set the text columns to the text format');
  }
}

/** `row` with the sheet columns whose cell has a percent or date format or a formula, when any (`percent-cells.ts`). */
function withPercent(row: ExcelRow, formats: ReadonlyMap<number, CellKind> | undefined): ExcelRow {
  return formats ? { ...row, formats } : row;
}

/** Whether body row `index` as read holds another row than the one the binding knows there. */
function movedAt(ctx: BindingContext, index: number, raw: readonly unknown[]): boolean {
  const known = ctx.ids[index];
  const found = idOf(raw[0]);
  return known != null && found !== null && known !== found;
}
