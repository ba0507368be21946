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
 * The column's formula changes when another is entered over one of its copies ("edit just one
 * copy of the formula; the change propagates to all rows"): every cell still holding the old
 * formula takes the new one, and the exceptions (cells overwritten with a value or another
 * formula) keep theirs. The API makes and changes calculated columns too (office-js issues 2093,
 * 5909 and 6745, "by design"): `Range.formulas` covering a table column's whole body with formulas
 * makes it one, with the bottom row's formula in every cell (per-row formulas are not kept), and
 * `Range.formulas` over one of a calculated column's copies changes the column as typing does.
 *
 * `Range.values` writes a text starting with `=` as a formula, so it makes and changes calculated
 * columns as `Range.formulas` does (office-js 5909). `rows.add` gives each calculated column's
 * formula to the rows it adds where it writes nothing (`''` or null) in that column (office-js
 * 1916), a value written there stays as an exception, and rows it adds with formulas make a
 * calculated column of a column whose whole body then holds formulas (office-js 6745).
 *
 * What the emulator does not model: the exceptions' green triangles, and Undo of a fill.
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
  const current = t.calculated?.get(col - t.rect.col);
  if (current && holdsColumnFormula(t, row, col, current)) {
    if (formula === shiftFormula(current.formula, row - current.row)) return false;
    changeColumnFormula(model, t, col - t.rect.col, formula, row, origin);
    return true;
  }
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

/** Whether sheet cell (`row`, `col`) of `t` holds the column formula `f`, moved to its row (no exception). */
function holdsColumnFormula(t: TableModel, row: number, col: number, f: ColumnFormula): boolean {
  return t.sheet.cell(row, col)?.formula === shiftFormula(f.formula, row - f.row);
}

/**
 * Changes calculated column `index` of `t` to `formula` as written in sheet row `row`: each body
 * cell holding the old formula takes the new one, exceptions keep theirs; one `RangeEdited` event
 * for the column's body.
 */
function changeColumnFormula(model: WorkbookModel, t: TableModel, index: number, formula: string, row: number, origin: ChangeOrigin): void {
  const old = t.calculated?.get(index);
  const col = t.rect.col + index;
  const top = t.rect.row + 1;
  const bottom = t.rect.row + t.rect.rows;
  for (let r = top; r < bottom; r++) if (r === row || (old && holdsColumnFormula(t, r, col, old))) t.sheet.write(r, col, shiftFormula(formula, r - row));
  (t.calculated ??= new Map()).set(index, { formula, row });
  const rect: Rect = { row: top, col, rows: bottom - top, cols: 1 };
  model.noteWrite(t.sheet, rect, origin);
  model.changed(t.sheet, rect, 'RangeEdited', origin);
}

/**
 * `Range.formulas` set on `rect` of `sheet` (`values` shaped to it) as Excel takes it: written as
 * values are, then each table column whose whole body `rect` covers with formulas becomes a
 * calculated column holding the bottom row's formula, and a formula written over one copy of a
 * calculated column's formula (the only cell of its column written) changes the column.
 */
export function writeFormulas(model: WorkbookModel, sheet: SheetModel, rect: Rect, values: readonly (readonly unknown[])[], origin: ChangeOrigin): void {
  const tables = model.tablesOn(sheet);
  // Per calculated column crossed by one cell of `rect`: whether that cell held the column's formula before.
  const copies: { t: TableModel; index: number; row: number }[] = [];
  for (const t of tables) {
    for (const [index, f] of t.calculated ?? []) {
      const col = t.rect.col + index;
      if (rect.rows === 1 && col >= rect.col && col < rect.col + rect.cols && rect.row > t.rect.row && rect.row < t.rect.row + t.rect.rows && holdsColumnFormula(t, rect.row, col, f)) copies.push({ t, index, row: rect.row });
    }
  }
  model.writeValues(sheet, rect, values, origin);
  for (const { t, index, row } of copies) {
    const written = t.sheet.cell(row, t.rect.col + index)?.formula;
    const f = t.calculated?.get(index);
    if (written !== undefined && f && written !== shiftFormula(f.formula, row - f.row)) changeColumnFormula(model, t, index, written, row, origin);
  }
  for (const t of tables) {
    const top = t.rect.row + 1;
    const bottom = t.rect.row + t.rect.rows;
    if (bottom <= top || rect.row > top || rect.row + rect.rows < bottom) continue;
    for (let col = Math.max(rect.col, t.rect.col); col < Math.min(rect.col + rect.cols, t.rect.col + t.rect.cols); col++) {
      // Only a column this write put a formula in: a cell left as it was (null) is no formula written.
      if (values.some((line) => isFormulaInput(line[col - rect.col]))) calculateIfAllFormulas(t, col);
    }
  }
}

/**
 * Rows `rect` (sheet rows, the table's columns) that `rows.add` just wrote into `t`: each column
 * in which they wrote a formula and whose whole body now holds formulas becomes a calculated
 * column with the bottom row's formula, as `Range.formulas` over the body makes one (office-js
 * 6745: rows added with formulas to a cleared table all take the bottom formula).
 */
export function calculateAddedFormulas(t: TableModel, rect: Rect): void {
  for (let col = rect.col; col < rect.col + rect.cols; col++) {
    let wrote = false;
    for (let r = rect.row; r < rect.row + rect.rows && !wrote; r++) wrote = t.sheet.cell(r, col)?.formula !== undefined && t.calculated?.get(col - t.rect.col) === undefined;
    if (wrote) calculateIfAllFormulas(t, col);
  }
}

/** Makes sheet column `col` of `t` a calculated column with the bottom row's formula when every body cell holds a formula. */
function calculateIfAllFormulas(t: TableModel, col: number): void {
  const top = t.rect.row + 1;
  const bottom = t.rect.row + t.rect.rows;
  const last = t.sheet.cell(bottom - 1, col)?.formula;
  let all = last !== undefined;
  for (let r = top; r < bottom && all; r++) all = t.sheet.cell(r, col)?.formula !== undefined;
  if (!all || last === undefined) return;
  for (let r = top; r < bottom; r++) t.sheet.write(r, col, shiftFormula(last, r - (bottom - 1)));
  (t.calculated ??= new Map()).set(col - t.rect.col, { formula: last, row: bottom - 1 });
}
