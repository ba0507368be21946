/**
 * Every request the binding makes to Excel, each one a single `context.sync()` (except when a
 * write has to be split under the payload limit). Written against `Excel.*` only.
 */
import { type TableLayout, headerValues } from './layout.js';
import { fillRects } from './fill-runs.js';
import { queueFormulaCells } from './formula-cells.js';
import { literalRows } from './literal-cells.js';
import { liftListSheet, writeListSheet } from './list-sheet.js';
import { isPayloadLimitError } from './paged-read.js';
import { queueRowDeletes } from './row-deletes.js';
import { queueAddedRows, queueColumnFormats, queueRowBelow } from './text-formats.js';
import { PAYLOAD_BUDGET_BYTES, splitBlock } from './write-plan.js';
import { halveOps, opsSize, splitOps, type WriteOps } from './write-ops.js';
import { quietRequest } from './quiet-request.js';
import { protectedRequest, queueLift, queueProtect, SAMPLAN_PROTECTION as VIEWER_PROTECTION } from './sheet-protection.js';
import type { ExcelRun, SyncCounter } from './types.js';

export { eventsBackOn, isCellEditModeError } from './quiet-request.js';

export type { SyncCounter } from './types.js';

/** Fill colours of problem highlighting. */
export const FILL = { error: '#F8CBAD', warning: '#FFE699' } as const;

/** Registers the binding's event handlers on the sheet within a request that syncs anyway. */
export type Register = (sheet: Excel.Worksheet) => void;

async function sync(context: Excel.RequestContext, counter: SyncCounter): Promise<void> {
  counter.syncs++;
  await context.sync();
}

/** What {@link createTable} writes. */
export interface CreateTableOptions {
  sheetExists: boolean;
  /** The hidden sheet of dropdown lists is there already (see `findTable`). */
  listSheetExists?: boolean;
  rows: (string | number | boolean)[][];
  lists: Map<number, string[]>;
  readOnly: boolean;
  settings: [string, string][];
  /** Headers of the person's own columns at the right end of the table (an adopted table's); rows carry their values last. */
  extra?: readonly string[];
}

/**
 * Creates the sheet (when missing; named `layout.sheetName`, found by `layout.sheetKey` when
 * there) and the table with its header, values, number formats, dropdowns, widths and the
 * hidden id column. Rows beyond the first request's budget are written in further requests.
 * Returns the sheet's id and name.
 */
export async function createTable(
  run: ExcelRun,
  layout: TableLayout,
  opts: CreateTableOptions,
  counter: SyncCounter,
  register?: Register,
): Promise<{ id: string; name: string }> {
  const bodyRows = Math.max(1, opts.rows.length);
  const budget = counter.budgetBytes ?? PAYLOAD_BUDGET_BYTES;
  // The first request also carries the header, formats, lists, widths and settings: its values get the rest.
  let fixed = 2_048 + 512 * layout.width;
  for (const list of opts.lists.values()) fixed += list.reduce((n, s) => n + s.length + 1, 64);
  for (const [, value] of opts.settings) fixed += value.length + 64;
  const parts = opts.rows.length > 0 ? splitBlock({ row: 0, col: 0, values: opts.rows }, Math.max(budget / 4, budget - fixed)) : [];
  const known = (layout.protection ??= {});
  const first = parts.shift();
  const made = await protectedRequest(run, layout, counter, opts.lists.size > 0 ? ['lists'] : [], () => quietRequest(run, async (context, quietSync) => {
    const sheets = context.workbook.worksheets;
    const { sheet, table } = await quietSync(() => {
      const sheet = opts.sheetExists ? sheets.getItem(layout.sheetKey) : sheets.add(layout.sheetName);
      // A sheet there already is not lifted (a person's protection refuses the request); a new one is not protected.
      // The list sheet's lift comes first: refused, nothing was changed.
      if (!opts.sheetExists) known.sheet = false;
      const lifted = opts.lists.size > 0 && opts.listSheetExists === true ? liftListSheet(sheets, layout) : null;
      sheet.load('id,name');
      const extra = opts.extra ?? [];
      const width = layout.width + extra.length;
      sheet.getRangeByIndexes(layout.headerRow, 0, 1, width).values = [[...headerValues(layout), ...extra]];
      // Formats before values: a text written into a General cell is read as typed (text-formats.ts).
      queueColumnFormats(sheet, layout, 0, bodyRows);
      layout.textFormatted = true;
      if (first) {
        // A new sheet is empty: columns empty in every row need no write at all.
        for (const [c0, c1] of filledSpans(first.values, width)) {
          const values = first.values.map((row) => row.slice(c0, c1 + 1));
          sheet.getRangeByIndexes(layout.headerRow + 1, c0, values.length, c1 - c0 + 1).values = literalRows(layout, c0, values);
        }
      }
      const sources = opts.lists.size > 0 ? writeListSheet(sheets, layout, opts.lists, lifted) : new Map<number, string>();
      const table = sheet.tables.add(sheet.getRangeByIndexes(layout.headerRow, 0, bodyRows + 1, width), true);
      table.name = layout.tableName;
      table.load('id');
      table.showBandedRows = false;
      if (!opts.readOnly) queueRowBelow(table, layout);
      queueColumnLooks(sheet, layout, bodyRows, sources);
      for (const [key, value] of opts.settings) context.workbook.settings.add(key, value);
      if (opts.readOnly) queueProtect(sheet, known, 'sheet', VIEWER_PROTECTION);
      register?.(sheet);
      return { sheet, table };
    });
    layout.tableKey = table.id;
    return { id: sheet.id, name: sheet.name };
  }, counter));
  for (const part of parts) {
    await writeBatch(run, layout, { blocks: [part], deletes: [], adds: [], appendAt: 0, fills: [], settings: [] }, opts.readOnly, counter);
  }
  return made;
}

/** Queues each column's dropdown (its list at `sources`), its width, and hides the id column. */
function queueColumnLooks(sheet: Excel.Worksheet, layout: TableLayout, bodyRows: number, sources: ReadonlyMap<number, string>): void {
  for (const [i, column] of layout.columns.entries()) {
    const col = i + 1;
    const whole = sheet.getRangeByIndexes(layout.headerRow + 1, col, bodyRows, 1);
    const source = sources.get(col);
    if (source) {
      whole.dataValidation.rule = { list: { inCellDropDown: true, source } };
      whole.dataValidation.errorAlert = LIST_ALERT;
    }
    sheet.getRangeByIndexes(0, col, 1, 1).format.columnWidth = (column.column.width ?? 12) * 7;
  }
  sheet.getRangeByIndexes(0, 0, 1, 1).getEntireColumn().columnHidden = true;
}

/**
 * The error alert of every dropdown column. Excel's default (`Stop`) refuses a typed value that is
 * not in the list with its own generic message, so a name typed slightly wrong, a partner not yet
 * in the list or a new month could not be entered at all. `Warning` asks and keeps the value on
 * "Ja"; Samplan then names it in Problems with the closest names in the list, and nothing typed is
 * lost. Excel limits the title to 32 and the message to 255 characters.
 */
export const LIST_ALERT: Excel.DataValidationErrorAlert = {
  showAlert: true,
  style: 'Warning' as Excel.DataValidationAlertStyle,
  title: 'Finns inte i listan',
  message: 'Värdet finns inte i listan. Välj Ja för att behålla det: Samplan visar det under Problem med de närmaste namnen i listan. Välj Nej för att ändra.',
};

/** Runs of columns that hold a non-empty value in at least one row, as [first, last]. */
export function filledSpans(rows: readonly (readonly unknown[])[], width: number): [number, number][] {
  const filled = new Array<boolean>(width).fill(false);
  for (const row of rows) for (let c = 0; c < width; c++) if (!filled[c] && row[c] !== '' && row[c] !== null && row[c] !== undefined) filled[c] = true;
  const spans: [number, number][] = [];
  for (let c = 0; c < width; c++) {
    if (!filled[c]) continue;
    const last = spans[spans.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else spans.push([c, c]);
  }
  return spans;
}

/**
 * Rewrites some dropdown lists (table column → texts; an empty list removes the dropdown) on the
 * list sheet and points each column's validation at its new range, in one request. Used when a
 * reference list changes while the table is bound (see `ref-lists.ts`).
 */
export async function rewriteLists(run: ExcelRun, layout: TableLayout, lists: ReadonlyMap<number, string[]>, readOnly: boolean, counter: SyncCounter): Promise<void> {
  await protectedRequest(run, layout, counter, readOnly ? ['sheet', 'lists'] : ['lists'], () => quietRequest(run, async (context, quietSync) => {
    await quietSync(() => {
      const known = (layout.protection ??= {});
      const sheet = context.workbook.worksheets.getItem(layout.sheetKey);
      if (readOnly) queueLift(sheet, known, 'sheet');
      const sources = writeListSheet(context.workbook.worksheets, layout, lists, liftListSheet(context.workbook.worksheets, layout));
      const table = context.workbook.tables.getItem(layout.tableKey);
      for (const col of lists.keys()) {
        // The whole sheet column: a validation may reach past the body (rows deleted since).
        sheet.getRangeByIndexes(0, col, 1, 1).getEntireColumn().dataValidation.clear();
        const body = table.getDataBodyRange().getColumn(col);
        const source = sources.get(col);
        if (source) {
          body.dataValidation.rule = { list: { inCellDropDown: true, source } };
          body.dataValidation.errorAlert = LIST_ALERT;
        }
      }
      if (readOnly) queueProtect(sheet, known, 'sheet', VIEWER_PROTECTION);
    });
  }, counter));
}

/**
 * Protects a table's sheet for a person who may only read it, or lifts the protection for one who
 * may write it now (a sheet made for a viewer, an archived document restored, a unit given to
 * the member), in one request, only when it is not so already (`layout.protection`, as the body
 * read found it; nothing is sent then). The sheet is `layout.sheetKey`, as the body read found it.
 */
export async function setSheetProtection(run: ExcelRun, layout: TableLayout, readOnly: boolean, counter: SyncCounter): Promise<void> {
  const known = (layout.protection ??= {});
  if (known.sheet === readOnly) return;
  await protectedRequest(run, layout, counter, ['sheet'], () =>
    run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(layout.sheetKey);
      if (readOnly) queueProtect(sheet, known, 'sheet', VIEWER_PROTECTION);
      else queueLift(sheet, known, 'sheet');
      await sync(context, counter);
    }),
  );
}

/** What a write found in the rows its blocks wrote into, read in the same request before it. */
export interface Overwritten {
  /** Data-body row → its id cell. */
  ids: Map<number, unknown>;
  /** Data-body row → sheet column → the value the write replaced there. */
  values: Map<number, Map<number, unknown>>;
  /** The whole id column after the write, when asked for with `idColumnAfter`. */
  idColumn?: unknown[];
  /**
   * Data-body row → the sheet columns of Samplan's columns that hold a formula in a row the write
   * appended: Excel gives a calculated column's formula to rows a table gains (`kept-formulas.ts`).
   */
  addedFormulas?: Map<number, ReadonlySet<number>>;
}

/**
 * Writes one batch with events off (so it does not come back as a local change), protection
 * lifted for viewers, in one sync per request. Throws Excel's error (e.g. cell-edit mode).
 *
 * A request runs its commands in order, so loads queued before the writes see the cells as
 * they were: the result has the id cell of every row a block wrote into and each value it
 * replaced. The caller checks that each block hit the row it meant (the person may have sorted
 * the table since the binding last read its order) and can put back exactly what a block
 * replaced in a row it did not mean, including what the person typed there and the binding has
 * not read yet. That costs response bytes as large as the values written, no sync.
 * With `idColumnAfter` the last request also reads the id column after its writes, when the
 * response stays under the budget with it (`found.idColumn` is left out otherwise).
 * A request Excel refuses as too large is halved and sent again (see {@link halveOps}).
 */
export async function writeBatch(
  run: ExcelRun,
  layout: TableLayout,
  all: WriteOps,
  readOnly: boolean,
  counter: SyncCounter,
  opts: { idColumnAfter?: { rows: number } } = {},
): Promise<Overwritten> {
  const found: Overwritten = { ids: new Map(), values: new Map() };
  const budget = counter.budgetBytes ?? PAYLOAD_BUDGET_BYTES;
  const queue = splitOps(all, budget);
  while (queue.length > 0) {
    const ops = queue.shift() as WriteOps;
    // The id column rides along only when the response stays under the budget with it.
    const withIds = opts.idColumnAfter && queue.length === 0 && opsSize(ops) + opts.idColumnAfter.rows * 40 <= budget;
    try {
      await protectedRequest(run, layout, counter, readOnly ? ['sheet'] : [], () => writeRequest(run, layout, ops, readOnly, counter, found, withIds === true));
    } catch (error) {
      // Excel measures what our estimate cannot see (e.g. the values a block replaces): halve.
      const halves = isPayloadLimitError(error) ? halveOps(ops) : undefined;
      // A refused write turned events back on in `quietRequest`.
      if (!halves) throw error;
      queue.unshift(...halves);
    }
  }
  return found;
}

/** One request of {@link writeBatch}; what it read goes into `found`. */
async function writeRequest(run: ExcelRun, layout: TableLayout, ops: WriteOps, readOnly: boolean, counter: SyncCounter, found: Overwritten, withIds: boolean): Promise<void> {
  await quietRequest(run, async (context, quietSync) => {
    // First in the request, before events go off: a table deleted on a kept sheet (or with its
    // sheet) fails the request here with `ItemNotFound`, before anything is written into the bare
    // cells where it was (the blocks and fills below address the sheet, not the table) and before
    // events are turned off for the add-in. Same sync, a few response bytes.
    const table = context.workbook.tables.getItem(layout.tableKey).load('id');
    const { loads, formulas, idColumn } = await quietSync(() => {
      const sheet = context.workbook.worksheets.getItem(layout.sheetKey);
      const top = layout.headerRow + 1;
      const known = (layout.protection ??= {});
      if (readOnly) queueLift(sheet, known, 'sheet');
      const loads = ops.blocks.map((b) => ({
        b,
        ids: sheet.getRangeByIndexes(top + b.row, 0, b.values.length, 1).load('values'),
        cells: sheet.getRangeByIndexes(top + b.row, b.col, b.values.length, b.values[0]?.length ?? 0).load('values'),
      }));
      for (const b of ops.blocks) {
        sheet.getRangeByIndexes(top + b.row, b.col, b.values.length, b.values[0]?.length ?? 0).values = literalRows(layout, b.col, b.values);
      }
      // Fill rows, like block rows, count from before the deletes.
      // One format command per rectangle of one colour, not per cell: 100 locked rows are one.
      for (const rect of fillRects(ops.fills)) {
        const range = sheet.getRangeByIndexes(top + rect.row, rect.col, rect.rows, rect.cols);
        if (rect.color) range.format.fill.color = rect.color;
        else range.format.fill.clear();
      }
      queueRowDeletes(table, ops.deletes);
      if (ops.adds.length > 0) queueAddedRows(sheet, table, layout, ops.appendAt, ops.adds);
      // The row the person types into next, below the table as this request leaves it (`text-formats.ts`):
      // after rows were added, deleted, or given their ids (a row typed or pasted below the table).
      if (!readOnly && (ops.adds.length > 0 || ops.deletes.length > 0 || ops.blocks.some((b) => b.col === 0))) queueRowBelow(table, layout);
      // Only the formulas' addresses, in the same sync: a few bytes.
      const formulas = ops.adds.length > 0 ? queueFormulaCells(sheet, layout, top + ops.appendAt, ops.adds.length) : undefined;
      for (const [key, value] of ops.settings) context.workbook.settings.add(key, value);
      if (readOnly) queueProtect(sheet, known, 'sheet', VIEWER_PROTECTION);
      return { loads, formulas, idColumn: withIds ? table.getDataBodyRange().getColumn(0).load('values') : undefined };
    });
    for (const { b, ids, cells } of loads) {
      ids.values.forEach((line, i) => found.ids.set(b.row + i, line[0]));
      cells.values.forEach((line, i) => {
        const row = found.values.get(b.row + i) ?? new Map<number, unknown>();
        line.forEach((value, j) => row.set(b.col + j, value));
        found.values.set(b.row + i, row);
      });
    }
    if (idColumn) found.idColumn = idColumn.values.map((line) => line[0]);
    formulas?.().forEach((cols, i) => {
      if (cols) (found.addedFormulas ??= new Map()).set(ops.appendAt + i, cols);
    });
  }, counter);
}

/** Selects one cell of the table and shows its sheet (one sync). */
export async function selectCellAt(run: ExcelRun, layout: TableLayout, row: number, col: number, counter: SyncCounter): Promise<void> {
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(layout.sheetKey);
    sheet.activate();
    sheet.getRangeByIndexes(layout.headerRow + 1 + row, col, 1, 1).select();
    await sync(context, counter);
  });
}
