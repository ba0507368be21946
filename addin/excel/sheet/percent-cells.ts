/**
 * Percentages in number columns. Excel stores a percentage as a hundredth: `12 %` typed into a
 * cell is the number 0.12, shown as `12%` because Excel gives a General cell a percent format
 * (typing `12` into a cell already formatted as percent gives 0.12 too). Samplan stores a
 * percentage as the number written (`12,5 %` in a CSV or in a text cell is 12.5; see
 * `shared/normalize/parse-number.ts`), so the value alone read 0.12 where the person saw and
 * meant 12. The reads therefore also load the number format of the number columns' cells, and
 * a cell with a percent format is read as the number it shows (`apply.ts`); its format is then
 * set back to the column's own, so the cell shows the stored number.
 *
 * Dates in number columns. Excel turns `2025-03-01` (and, in Swedish Excel, `3/4` or `1.5`)
 * typed into a General cell into a date serial with a date format: the cell shows the date the
 * person typed, the value is 45717. Stored as it is, the doc held a number nobody typed, shown
 * to every peer. A number cell with a date or time format is therefore read as the text it
 * shows (`2025-03-01`), which is no number: it stays in the cell as typed and becomes a problem
 * that says Excel made a date of what was typed (`date-in-number`), not only that it is no number.
 */
import type { CellValue } from '../../../shared/schema/types.js';
import type { TableLayout } from './layout.js';
import { numberFormatOf } from './layout.js';
import { excelSerialToIso } from '../../../shared/normalize/excel-date.js';
import { queueFormulaCells } from './formula-cells.js';
import { quietRequest } from './quiet-request.js';
import type { ExcelRun, SyncCounter } from './types.js';

/** Sheet columns (0 is the id column) of the layout's number and integer columns. */
export function numberColumns(layout: TableLayout): number[] {
  const out: number[] = [];
  layout.columns.forEach((c, i) => {
    if (!c.option && (c.column.type === 'number' || c.column.type === 'integer')) out.push(i + 1);
  });
  return out;
}

/**
 * Whether an Excel number format code shows a number as a percentage: a `%` outside quoted
 * text and escapes (`0%`, `0.00%`, `0,0 %`; not `0 "%"` or `0\%`, which show a literal sign).
 */
export function isPercentFormat(format: unknown): boolean {
  if (typeof format !== 'string' || !format.includes('%')) return false;
  const bare = format.replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return bare.includes('%');
}

/**
 * Whether an Excel number format code shows a number as a date or a time of day: a `d`, `m`,
 * `y`, `h` or `s` outside quoted text, escapes and bracketed colours or locales (`yyyy-mm-dd`,
 * `d/m`, `h:mm`, `[$-41D]d mmm`, `[h]:mm`); not `General`, `0,0`, `0.00E+00` or `0 "dagar"`.
 */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== 'string') return false;
  if (/\[(?:h+|m+|s+)\]/i.test(format)) return true;
  const bare = format
    .replace(/"[^"]*"/g, '')
    .replace(/[\\_*]./g, '')
    .replace(/\[[^\]]*\]/g, '');
  if (/^general$/i.test(bare.trim())) return false;
  return /[dmyhs]/i.test(bare);
}

/** How a number cell's format makes Excel show its number: as a percentage or as a date. */
export type FormatKind = 'percent' | 'date';

/**
 * What a cell read is beyond its value: a number its format shows as a percentage or a date
 * ({@link FormatKind}), or a formula's result (`formula-cells.ts`), whatever the column.
 */
export type CellKind = FormatKind | 'formula';

/** Per row read: sheet column → what its cell is beyond its value (undefined when plain). */
export type PercentCells = (ReadonlyMap<number, CellKind> | undefined)[];

/**
 * Queues, in the request that reads rows `row..row+rows-1` of the sheet, a load of the number
 * format of each number column's cells there (one range per number column: the codes of the
 * other columns are not sent); with `within` (the table's body) only the cells inside it, which
 * then start at `row` too; and the search for formulas in Samplan's columns there
 * (`queueFormulaCells`), which marks a cell `formula` over any format. Returns how to read the
 * result after the sync.
 */
export function queuePercentCells(sheet: Excel.Worksheet, layout: TableLayout, row: number, rows: number, within?: Excel.Range): () => PercentCells {
  const loads = numberColumns(layout).map((col) => {
    const cells = sheet.getRangeByIndexes(row, col, rows, 1);
    return { col, range: (within ? within.getIntersectionOrNullObject(cells) : cells).load('numberFormat') };
  });
  const formulas = queueFormulaCells(sheet, layout, row, rows);
  return () => {
    const out: PercentCells = [];
    for (const { col, range } of loads) {
      if (range.isNullObject) continue;
      range.numberFormat.forEach((line, i) => {
        const kind: FormatKind | null = isPercentFormat(line[0]) ? 'percent' : isDateFormat(line[0]) ? 'date' : null;
        if (kind === null) return;
        const cols = (out[i] as Map<number, CellKind> | undefined) ?? new Map<number, CellKind>();
        cols.set(col, kind);
        out[i] = cols;
      });
    }
    formulas().forEach((found, i) => {
      if (!found) return;
      const cols = (out[i] as Map<number, CellKind> | undefined) ?? new Map<number, CellKind>();
      for (const col of found) cols.set(col, 'formula');
      out[i] = cols;
    });
    return out;
  };
}

/** Data-body row → the sheet columns whose percent format is to be set back to the column's own. */
export type FormatResets = Map<number, number[]>;

/**
 * Sets the cells in `resets` back to their column's number format (`numberFormatOf`), one
 * command per cell: percent cells are few (typed one at a time, or a pasted block). Queued in
 * the caller's request.
 */
export function queueFormatResets(sheet: Excel.Worksheet, layout: TableLayout, resets: FormatResets): void {
  const top = layout.headerRow + 1;
  for (const [row, cols] of resets) {
    for (const col of cols) {
      const column = layout.columns[col - 1];
      if (!column) continue;
      sheet.getRangeByIndexes(top + row, col, 1, 1).numberFormat = [[numberFormatOf(column)]];
    }
  }
}

/**
 * The number a percent-formatted cell shows, as Samplan stores it: Excel keeps `12 %` as 0.12,
 * shown as 12 %, and Samplan stores percentages as written (12; `parse-number.ts`). Rounded to
 * 15 significant digits, so 0.07 gives 7 and not 7.000000000000001. A cell holding exactly its
 * stored value (`stored`) is that value with a percent format put on it afterwards (the person
 * formatted the column, say): it is read as it is, not a hundred times larger.
 */
export function shownNumber(cell: number, stored: CellValue | undefined): number {
  if (stored === cell) return cell;
  return Number((cell * 100).toPrecision(15));
}

/**
 * What a number cell of a number column reads as, given its format `kind`: a percentage as the
 * number it shows ({@link shownNumber}); a date as the ISO date it shows, text that no number
 * column takes, so it stays in the cell as typed with a problem — unless it holds exactly its
 * stored value (a date format put on a stored number afterwards), which is read as it is.
 */
export function shownCell(cell: number, kind: FormatKind | undefined, stored: CellValue | undefined): number | string {
  if (kind === 'percent') return shownNumber(cell, stored);
  if (kind === 'date' && stored !== cell) return excelSerialToIso(cell) ?? cell;
  return cell;
}

/**
 * Sets the cells in `resets` back to their column's number format, in a request of its own with
 * events off (so it is not read as a local change). Throws Excel's error.
 */
export async function writeFormatResets(run: ExcelRun, layout: TableLayout, resets: FormatResets, counter: SyncCounter): Promise<void> {
  if (resets.size === 0) return;
  await quietRequest(run, (context, quietSync) => quietSync(() => queueFormatResets(context.workbook.worksheets.getItem(layout.sheetKey), layout, resets)), counter);
}
