/**
 * Calculated columns, as Excel makes them ("Use calculated columns in an Excel table"; the
 * AutoCorrect option "Fill formulas in tables to create calculated columns", on by default): a
 * formula typed into a cell of a table column that holds nothing else fills the whole column,
 * each row's copy with its relative references moved to that row (`=A2*2` typed in row 2 is
 * `=A3*2` in row 3), and rows the table gains afterwards get it too. A formula typed into a
 * column that already holds values or other formulas stays in its cell alone (Excel then only
 * offers to overwrite the column, which nobody answers here), as does one typed into a
 * text-formatted cell, where it is text.
 *
 * What the emulator does not model: the column's formula is not updated when another formula is
 * typed over it, exceptions are not marked, and API writes of formulas (which in Excel can make a
 * calculated column too, office-js issues 2093 and 5909) fill nothing: only a person's typing does.
 */
import type { Rect } from './address.js';
import type { ChangeOrigin } from './events.js';
import { shiftFormula } from './formula.js';
import type { SheetModel } from './sheet-model.js';
import type { TableModel } from './table-model.js';
import type { WorkbookModel } from './workbook-model.js';

/** A table column's formula: as written in sheet row `row`. */
export interface ColumnFormula {
  formula: string;
  row: number;
}

/** Whether a typed input is a formula (`=` and more), as `parseInput` reads it. */
export function isFormulaInput(input: unknown): input is string {
  return typeof input === 'string' && input.length > 1 && input.startsWith('=');
}

function isEmptyCell(sheet: SheetModel, row: number, col: number): boolean {
  const cell = sheet.cell(row, col);
  return !cell || (cell.value === '' && cell.formula === undefined);
}

/**
 * Types `formula` into body cell (`row`, `col`) of table `t` as Excel does: when every other body
 * cell of that column is empty, the whole column gets it (one `RangeEdited` event for the
 * column's body) and the table remembers it for rows to come; true then. False when the column
 * holds anything else, or the cell is outside the body: the caller writes the cell alone.
 */
export function typeIntoCalculatedColumn(model: WorkbookModel, t: TableModel, row: number, col: number, formula: string, origin: ChangeOrigin): boolean {
  const top = t.rect.row + 1;
  const bottom = t.rect.row + t.rect.rows;
  if (row < top || row >= bottom || col < t.rect.col || col >= t.rect.col + t.rect.cols) return false;
  // A text-formatted cell (`@`) keeps what is typed as text: no formula, no column.
  if (t.sheet.numberFormat(row, col) === '@') return false;
  for (let r = top; r < bottom; r++) if (r !== row && !isEmptyCell(t.sheet, r, col)) return false;
  for (let r = top; r < bottom; r++) t.sheet.write(r, col, shiftFormula(formula, r - row));
  (t.calculated ??= new Map()).set(col - t.rect.col, { formula, row });
  const rect: Rect = { row: top, col, rows: bottom - top, cols: 1 };
  model.noteWrite(t.sheet, rect, origin);
  model.changed(t.sheet, rect, 'RangeEdited', origin);
  return true;
}

/**
 * Fills the table's calculated columns in its sheet rows `from..from+count-1` (rows it just gained),
 * where those cells are empty.
 */
export function fillCalculatedRows(t: TableModel, from: number, count: number): void {
  for (const [index, { formula, row }] of t.calculated ?? []) {
    const col = t.rect.col + index;
    for (let r = from; r < from + count; r++) if (isEmptyCell(t.sheet, r, col)) t.sheet.write(r, col, shiftFormula(formula, r - row));
  }
}

/** Moves the calculated columns' indexes when a table column is inserted (`count` 1) or deleted (`count` -1) at `index`. */
export function shiftCalculatedColumns(t: TableModel, index: number, count: 1 | -1): void {
  if (!t.calculated) return;
  const moved = new Map<number, ColumnFormula>();
  for (const [i, f] of t.calculated) {
    if (count < 0 && i === index) continue;
    moved.set(i >= index ? i + count : i, f);
  }
  t.calculated = moved;
}
