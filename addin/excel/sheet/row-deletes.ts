/**
 * Deleting table rows in runs. A peer that removes 2,250 rows used to cost 2,250
 * `rows.getItemAt(i).delete()` commands in the request Excel receives at `context.sync()`; Excel
 * limits a request to 5 MB (Excel on the web) and is slow per row operation. Adjacent rows go
 * as one `TableRowCollection.deleteRowsAt(index, count)` instead (ExcelApi 1.17).
 *
 * Why not `Range.delete(Excel.DeleteShiftDirection.up)` over the rows' cells: Excel refuses to
 * shift cells in a filtered range or table ("Can't move cells in a filtered range or table",
 * reported against both office.js and VBA: OfficeDev/office-js#994, xlwings/xlwings#2587), and a
 * person may have a filter on while a peer deletes rows. `deleteRowsAt` deletes table rows, as
 * `TableRow.delete` does.
 */
import { excelApiSupported } from './api-sets.js';

/** A run of adjacent data-body rows: the first (0-based) and how many. */
export interface RowRun {
  start: number;
  count: number;
}

/**
 * The rows (0-based data-body indexes, any order, duplicates ignored) as runs of adjacent rows,
 * bottom run first, so that deleting them in this order leaves the indexes of the runs still to
 * come unchanged.
 */
export function rowRuns(rows: readonly number[]): RowRun[] {
  const sorted = [...new Set(rows)].sort((a, b) => b - a);
  const runs: RowRun[] = [];
  for (const row of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.start === row + 1) {
      last.start = row;
      last.count++;
    } else runs.push({ start: row, count: 1 });
  }
  return runs;
}

/**
 * Whether the host has `TableRowCollection.deleteRowsAt` (requirement set ExcelApi 1.17, per
 * Microsoft's reference of Excel.TableRowCollection); true on the emulator (`api-sets.ts`).
 */
export function rowRangeDeleteSupported(): boolean {
  return excelApiSupported('1.17');
}

/**
 * Queues the deletion of `rows` (0-based data-body indexes, counted from before any of them is
 * deleted) on `table`: one `deleteRowsAt` per run of adjacent rows, bottom run first, or, on a
 * host without ExcelApi 1.17, one `TableRow.delete` per row from the bottom up. Queues only;
 * Excel applies the commands at the caller's `context.sync()`.
 */
export function queueRowDeletes(table: Excel.Table, rows: readonly number[], inRuns = rowRangeDeleteSupported()): void {
  for (const run of rowRuns(rows)) {
    if (inRuns) table.rows.deleteRowsAt(run.start, run.count);
    else for (let row = run.start + run.count - 1; row >= run.start; row--) table.rows.getItemAt(row).delete();
  }
}
