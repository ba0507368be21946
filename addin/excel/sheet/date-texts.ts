/**
 * Date cells of a table made before date columns were text (`numberFormatOf`). An older pane
 * wrote `2025-03-01` into a date-formatted cell, which Excel keeps as the serial 45717; such a
 * column still made `1/3` typed there 1 March of the current year before the pane saw it,
 * whatever the plan's period (`planDates`). When such a table is opened, each date cell holding
 * the serial of exactly the date the plan holds for it becomes the plan's text: its format `@`,
 * its value `YYYY-MM-DD`; the empty cells of the column get `@` too, so what is typed next
 * reaches the pane as typed. Every other cell (a date typed while the pane was closed and not
 * taken, a text, a number, a formula) is left as it is, value and format: nothing typed is lost,
 * and a later opening converts it once the plan holds what it shows.
 */
import type { CellValue } from '../../../shared/schema/types.js';
import { isoToExcelSerial } from '../../../shared/normalize/excel-date.js';
import { idOf } from './cell-values.js';
import type { TableLayout } from './layout.js';
import type { PercentCells } from './percent-cells.js';
import { quietRequest } from './quiet-request.js';
import type { ExcelRun, SyncCounter } from './types.js';
import { PAYLOAD_BUDGET_BYTES } from './write-plan.js';

/** One date column's cells to change: per body row its new format and value, null where the cell stays. */
interface DateColumnTexts {
  /** Sheet column (0: the id column). */
  col: number;
  formats: (string | null)[][];
  values: (string | null)[][];
  /** Per body row, the serial a converted cell must still hold when written (null: not converted). */
  serials: (number | null)[];
}

/** What {@link planDateTexts} found to convert: the body's ids as read, and the columns. */
export interface DateTextPlan {
  ids: (string | null)[];
  columns: DateColumnTexts[];
}

/** Estimated request bytes of one converted cell: its value and its format in the two matrices. */
const CELL_BYTES = 32;

/**
 * The date cells of the body read (`body`: raw rows, id column first; `kinds`: formula cells)
 * to turn into the plan's text, judged against `valueOf` (the doc's value of a row's column);
 * null when no cell holds a serial of the plan's date (a table made with text dates, or already
 * converted): then nothing is sent.
 */
export function planDateTexts(layout: TableLayout, body: readonly (readonly unknown[])[], kinds: PercentCells, valueOf: (rowId: string, key: string) => CellValue | undefined): DateTextPlan | null {
  const ids = body.map((raw) => idOf(raw[0]));
  const columns: DateColumnTexts[] = [];
  layout.columns.forEach((column, i) => {
    if (column.option || column.column.type !== 'date') return;
    const col = i + 1;
    const out: DateColumnTexts = { col, formats: [], values: [], serials: [] };
    let converted = 0;
    body.forEach((raw, r) => {
      const cell = raw[col];
      const id = ids[r];
      const stored = id ? valueOf(id, column.key) : undefined;
      const keep = (): void => {
        out.formats.push([null]);
        out.values.push([null]);
        out.serials.push(null);
      };
      if (kinds[r]?.get(col) === 'formula') return keep();
      if (cell === '' || cell === null || cell === undefined) {
        out.formats.push(['@']);
        out.values.push([null]);
        out.serials.push(null);
        return;
      }
      if (typeof cell !== 'number' || typeof stored !== 'string' || isoToExcelSerial(stored) !== cell) return keep();
      out.formats.push(['@']);
      out.values.push([stored]);
      out.serials.push(cell);
      converted++;
    });
    if (converted > 0) columns.push(out);
  });
  return columns.length > 0 ? { ids, columns } : null;
}

/**
 * Writes `plan` (see {@link planDateTexts}) in requests under the payload budget, each first
 * reading the rows again: a row whose id moved (a sort meanwhile) or a cell that no longer holds
 * the serial read (typed over meanwhile) is left as it is. Formats go before values, so the text
 * is not read as a date again; events are off (no edit). Throws Excel's error: what was written
 * stays, and the next opening converts the rest.
 */
export async function writeDateTexts(run: ExcelRun, layout: TableLayout, plan: DateTextPlan, counter: SyncCounter): Promise<void> {
  const budget = counter.budgetBytes ?? PAYLOAD_BUDGET_BYTES;
  const step = Math.max(1, Math.floor(budget / (CELL_BYTES * plan.columns.length)));
  const top = layout.headerRow + 1;
  for (let start = 0; start < plan.ids.length; start += step) {
    const rows = Math.min(step, plan.ids.length - start);
    await quietRequest(
      run,
      async (context, quietSync) => {
        const sheet = context.workbook.worksheets.getItem(layout.sheetKey);
        const ids = sheet.getRangeByIndexes(top + start, 0, rows, 1).load('values');
        const now = plan.columns.map((c) => sheet.getRangeByIndexes(top + start, c.col, rows, 1).load('values'));
        counter.syncs++;
        await context.sync();
        await quietSync(() => {
          plan.columns.forEach((c, k) => {
            const formats = c.formats.slice(start, start + rows).map((line) => [...line]);
            const values = c.values.slice(start, start + rows).map((line) => [...line]);
            for (let r = 0; r < rows; r++) {
              const moved = idOf(ids.values[r]?.[0]) !== plan.ids[start + r];
              const cell = now[k]?.values[r]?.[0];
              const serial = c.serials[start + r];
              const changed = serial === null ? cell !== '' && cell !== null : cell !== serial;
              if (moved || changed) {
                formats[r] = [null];
                values[r] = [null];
              }
            }
            const range = sheet.getRangeByIndexes(top + start, c.col, rows, 1);
            range.numberFormat = formats as string[][];
            range.values = values as string[][];
          });
        });
      },
      counter,
    );
  }
}
