/**
 * A bound table that is no longer a table: the person converted it to a range (Table Design →
 * Convert to Range). Its cells still hold Samplan's header and the rows with their ids, and
 * what the person types there can no longer be read through the table: every read failed and was
 * retried without end, and an opening pane made a new table on a new tab, so what was typed in
 * the old cells never reached the document. The binding makes the cells a table again, under its
 * name, when their header row is Samplan's; the rows are then read as after any change (by id),
 * and nothing typed is lost. When it cannot (the sheet or its id column is gone) the binding
 * pauses with a problem that says so (`binding-context.ts`, `table-lost`) instead of retrying.
 */
import type { BindingContext } from './binding-context.js';
import { ID_HEADER, type TableLayout } from './layout.js';
import { quietRequest, type QuietSync } from './quiet-request.js';
import type { SyncCounter } from './types.js';

async function sync(context: Excel.RequestContext, counter: SyncCounter): Promise<void> {
  counter.syncs++;
  await context.sync();
}

/**
 * Makes the table again over the cells of sheet `sheetKey` (its id, or its name before the
 * binding found it) when that sheet holds no table and its header row is Samplan's: its first
 * cell is the hidden id column's header (`ID_HEADER`). The rest of the header may have been
 * changed too (a column renamed, inserted or deleted after the conversion): the table is made
 * all the same, from the header to the last used row, over at least Samplan's width (as far as
 * the sheet is used) and the named columns right of it, and the binding's column check then
 * pauses syncing until the header is Samplan's again, as for any table whose columns changed;
 * what was typed stays in the cells and is read then. Events are off while it is made. True
 * when it was made (`layout.tableKey` is then its id); false when the sheet is gone, holds a
 * table, or its header row is not Samplan's (nothing is changed then). Three syncs at most, in
 * the caller's request, which must be a `quietRequest` (counting into `counter`) whose `quietSync` is passed here.
 */
export async function tableAgain(context: Excel.RequestContext, layout: TableLayout, sheetKey: string, counter: SyncCounter, quietSync: QuietSync): Promise<boolean> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(sheetKey).load('id');
  await sync(context, counter);
  if (sheet.isNullObject) return false;
  const tables = sheet.tables.load('items/id');
  const used = sheet.getUsedRangeOrNullObject(true).load('rowIndex,rowCount,columnIndex,columnCount');
  await sync(context, counter);
  if (tables.items.length > 0 || used.isNullObject) return false;
  const lastRow = used.rowIndex + used.rowCount - 1;
  const usedWidth = used.columnIndex + used.columnCount;
  const width = Math.max(layout.width, usedWidth);
  if (lastRow <= layout.headerRow) return false;
  const header = sheet.getRangeByIndexes(layout.headerRow, 0, 1, width).load('values');
  await sync(context, counter);
  const cells = header.values[0] ?? [];
  if (String(cells[0] ?? '').trim().toLowerCase() !== ID_HEADER) return false;
  // The person's own columns at the right end come along while they have a header.
  let cols = Math.min(layout.width, usedWidth);
  while (cols < cells.length && typeof cells[cols] === 'string' && cells[cols] !== '') cols++;
  const table = await quietSync(() => {
    const made = sheet.tables.add(sheet.getRangeByIndexes(layout.headerRow, 0, lastRow - layout.headerRow + 1, cols), true);
    made.name = layout.tableName;
    made.showBandedRows = false;
    return made.load('id');
  });
  layout.tableKey = table.id;
  return true;
}

/**
 * The bound table after a request found it gone (`ItemNotFound`): the one table on the bound
 * sheet (`layout.sheetKey`), taken by its id (an undone conversion or deletion brings the table
 * back under another id), or the sheet's cells made a table again ({@link tableAgain}). True
 * when the binding has a table again (`layout.tableKey` is its id); false when the sheet is gone,
 * holds several tables, or holds none and its cells are not Samplan's. Five syncs at most.
 */
export async function findTableAgain(context: Excel.RequestContext, layout: TableLayout, counter: SyncCounter, quietSync: QuietSync): Promise<boolean> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(layout.sheetKey).load('id');
  await sync(context, counter);
  if (sheet.isNullObject) return false;
  const tables = sheet.tables.load('items/id');
  await sync(context, counter);
  if (tables.items.length === 1) {
    layout.tableKey = (tables.items[0] as Excel.Table).id;
    return true;
  }
  return tables.items.length === 0 && tableAgain(context, layout, layout.sheetKey, counter, quietSync);
}

/**
 * After a request found the bound table gone (`ItemNotFound`), whether Samplan was reading what
 * the person typed or writing others' changes (a deleted sheet meets the writer first when
 * nothing is typed): looks for the table again ({@link findTableAgain}). True when there is a
 * table to use again; otherwise the binding pauses as `table-lost` (`ctx.tableLost`, the same
 * problem in Problems however it was found) and nothing is retried by timer: the person's next
 * change in the sheet looks again. Runs inside the binding's queue.
 *
 * @param disposed whether the binding is gone meanwhile (then nothing is paused)
 */
export async function recoverTable(ctx: BindingContext, disposed: () => boolean): Promise<boolean> {
  const found = await quietRequest(ctx.run, (context, quietSync) => findTableAgain(context, ctx.layout, ctx.counter, quietSync), ctx.counter).catch(() => false);
  if (!found && !disposed()) ctx.tableLost();
  return found;
}
