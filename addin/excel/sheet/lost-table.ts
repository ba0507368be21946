/**
 * A bound table that is no longer a table: the person converted it to a range (Table Design →
 * Convert to Range). Its cells still hold Samplan's header and the rows with their ids, and
 * what the person types there can no longer be read through the table: every read failed and was
 * retried without end, and an opening pane made a new table on a new tab, so what was typed in
 * the old cells never reached the document. The binding makes the cells a table again, under its
 * name, when their header row is Samplan's; the rows are then read as after any change (by id),
 * and nothing typed is lost.
 */
import { headerValues, type TableLayout } from './layout.js';
import type { SyncCounter } from './types.js';

async function sync(context: Excel.RequestContext, counter: SyncCounter): Promise<void> {
  counter.syncs++;
  await context.sync();
}

/**
 * Makes the table again over the cells of sheet `sheetKey` (its id, or its name before the
 * binding found it) when that sheet holds no table and its header row starts with Samplan's
 * header (`headerValues`): from the header to the last used row, Samplan's columns and the
 * person's own named columns right of them. Events are off while it is made. True when it was
 * made (`layout.tableKey` is then its id); false when the sheet is gone, holds a table, or its
 * header is not Samplan's (nothing is changed then). Three syncs at most, in the caller's request.
 */
export async function tableAgain(context: Excel.RequestContext, layout: TableLayout, sheetKey: string, counter: SyncCounter): Promise<boolean> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(sheetKey).load('id');
  await sync(context, counter);
  if (sheet.isNullObject) return false;
  const tables = sheet.tables.load('items/id');
  const used = sheet.getUsedRangeOrNullObject(true).load('rowIndex,rowCount,columnIndex,columnCount');
  await sync(context, counter);
  if (tables.items.length > 0 || used.isNullObject) return false;
  const lastRow = used.rowIndex + used.rowCount - 1;
  const width = Math.max(layout.width, used.columnIndex + used.columnCount);
  if (lastRow <= layout.headerRow) return false;
  const header = sheet.getRangeByIndexes(layout.headerRow, 0, 1, width).load('values');
  await sync(context, counter);
  const cells = header.values[0] ?? [];
  const ours = headerValues(layout);
  if (!ours.every((text, i) => cells[i] === text)) return false;
  // The person's own columns at the right end come along while they have a header.
  let cols = ours.length;
  while (cols < cells.length && typeof cells[cols] === 'string' && cells[cols] !== '') cols++;
  context.runtime.enableEvents = false;
  const table = sheet.tables.add(sheet.getRangeByIndexes(layout.headerRow, 0, lastRow - layout.headerRow + 1, cols), true);
  table.name = layout.tableName;
  table.showBandedRows = false;
  table.load('id');
  context.runtime.enableEvents = true;
  await sync(context, counter);
  layout.tableKey = table.id;
  return true;
}
