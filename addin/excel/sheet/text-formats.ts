/**
 * Number formats of the table's body cells, put on before text is written into them. A text
 * column must be text-formatted (`@`): in a `General` cell Excel reads what is typed, so a
 * comment `2025-03-01` becomes the serial 45717, `12 %` the number 0.12, `3/4` a date and `007`
 * the number 7, and the person's text is lost. New tables get the formats in the request that
 * makes them (`createTable`); a table made before free text was `@` gets them when it is opened
 * ({@link writeTextFormats}). A text typed into such a `General` cell before that was converted
 * by Excel then and cannot be recovered.
 *
 * Order matters: a cell written before its format is set is read as typed (a stored `=1+1`
 * would become a live formula), so formats go first and texts written into a column not yet
 * known to be `@` keep the quote prefix (`literal-cells.ts`, `layout.textFormatted`).
 */
import { isFreeText, numberFormatOf, type TableLayout } from './layout.js';
import { formatAt, literalInput, literalRows, type CellInput } from './literal-cells.js';
import { quietRequest } from './quiet-request.js';
import type { ExcelRun, SyncCounter } from './types.js';

/**
 * Queues the number format of every Samplan column that has one other than `General` on
 * `rows` body rows from body row `from` (one command per column: a single value applies to the
 * whole range, a full matrix would cost megabytes).
 */
export function queueColumnFormats(sheet: Excel.Worksheet, layout: TableLayout, from: number, rows: number, only?: (col: number) => boolean): void {
  if (rows <= 0) return;
  for (const [i, column] of layout.columns.entries()) {
    const format = numberFormatOf(column);
    if (format === 'General' || (only && !only(i + 1))) continue;
    sheet.getRangeByIndexes(layout.headerRow + 1 + from, i + 1, rows, 1).numberFormat = format as unknown as string[][];
  }
}

/**
 * Sets the free-text columns of an opened table to `@` over its `rows` body rows, in one request
 * of its own with events off (a format change is no edit), and marks the layout text-formatted.
 * Nothing is sent for a table without free-text columns. Throws Excel's error (the layout then
 * stays as it was: texts keep the quote prefix).
 */
export async function writeTextFormats(run: ExcelRun, layout: TableLayout, rows: number, counter: SyncCounter): Promise<void> {
  if (!layout.columns.some(isFreeText) || rows <= 0) {
    layout.textFormatted = true;
    return;
  }
  await quietRequest(
    run,
    (context, quietSync) => quietSync(() => queueColumnFormats(context.workbook.worksheets.getItem(layout.sheetKey), layout, 0, rows, (col) => isFreeText(layout.columns[col - 1]!))),
    counter,
  );
  layout.textFormatted = true;
}

/**
 * Queues rows appended to the table at body row `appendAt`: added with the cells of text-
 * formatted columns that Excel would convert left empty, then the column formats, then those
 * cells written as they are. Whether Excel gives added table rows the column's format or
 * `General` first, no text is read as typed and none keeps a visible quote.
 */
export function queueAddedRows(sheet: Excel.Worksheet, table: Excel.Table, layout: TableLayout, appendAt: number, adds: CellInput[][]): void {
  const later: [number, number, CellInput][] = [];
  const first = literalRows(layout, 0, adds).map((row, r) =>
    row.map((v, c) => {
      if (formatAt(layout, c) !== '@' || typeof v !== 'string' || v === '' || literalInput(v, 'General') === v) return v;
      later.push([r, c, adds[r]![c]!]);
      return '';
    }),
  );
  table.rows.add(undefined, first);
  queueColumnFormats(sheet, layout, appendAt, adds.length);
  for (const [r, c, v] of later) sheet.getRangeByIndexes(layout.headerRow + 1 + appendAt + r, c, 1, 1).values = [[v]];
}

/**
 * Queues the column formats on the sheet row right below the table, the row whose typing grows it.
 * Excel reads an entry by its cell's own format first and only then grows the table over the cell
 * (AutoExpansion), so in a `General` cell there `007` became 7, `2025-03-01` a date serial and `1/3`
 * 1 March of the current year, before the column's text format reached the new row; formatted
 * beforehand, the row keeps what is typed as typed, as every row of the table does. Cells of a
 * column whose format is `General` are left as they are (a null in the matrix changes nothing).
 */
export function queueRowBelow(table: Excel.Table, layout: TableLayout): void {
  const formats = [null, ...layout.columns.map((c) => (numberFormatOf(c) === 'General' ? null : numberFormatOf(c)))];
  if (formats.every((f) => f === null)) return;
  const below = table.getDataBodyRange().getLastRow().getOffsetRange(1, 0).getColumn(0).getResizedRange(0, layout.width - 1);
  below.numberFormat = [formats] as string[][];
}
