/**
 * Excel tables as stored state, and what happens to them: creation, rows added and deleted
 * (cells below shift inside the table's columns), sorting (body rows move in the sheet),
 * value filters (rows hidden, values untouched) and auto-expansion when the user types
 * directly below the last row.
 */
import { apiError, ErrorCode } from './errors.js';
import type { Scalar } from './cell-values.js';
import type { Rect } from './address.js';
import type { ChangeOrigin } from './events.js';
import type { Cell, SheetModel } from './sheet-model.js';
import type { WorkbookModel } from './workbook-model.js';
import { calculateAddedFormulas, fillCalculatedRows, shiftCalculatedColumns, type ColumnFormula } from './calculated-columns.js';

/** The header Excel gives a table column without a name. */
export function defaultHeader(index: number): string {
  return `Column${index + 1}`;
}

/** One Excel table. `rect` includes the header row; there is no total row. */
export interface TableModel {
  id: string;
  name: string;
  sheet: SheetModel;
  rect: Rect;
  /** Column index (within the table) → the shown texts that stay visible. */
  filters: Map<number, Set<string>>;
  /** Column ids, stable while columns exist (`TableColumn.id`). */
  columnIds: number[];
  showHeaders: boolean;
  style: string;
  /** Calculated columns by column index (within the table): their formula (`calculated-columns.ts`). */
  calculated?: Map<number, ColumnFormula>;
}

/** The table's body (data rows) rectangle. */
export function bodyRect(t: TableModel): Rect {
  return { row: t.rect.row + 1, col: t.rect.col, rows: t.rect.rows - 1, cols: t.rect.cols };
}

/** The header row rectangle. */
export function headerRect(t: TableModel): Rect {
  return { ...t.rect, rows: 1 };
}

/** The header texts. */
export function headers(t: TableModel): string[] {
  const out: string[] = [];
  for (let c = 0; c < t.rect.cols; c++) out.push(String(t.sheet.value(t.rect.row, t.rect.col + c)));
  return out;
}

/** Creates a table over `rect`; without headers a header row is inserted above the data. */
export function createTable(model: WorkbookModel, sheet: SheetModel, rect: Rect, hasHeaders: boolean, origin: ChangeOrigin): TableModel {
  const clash = model.tablesOn(sheet).some((t) => {
    const a = t.rect;
    return a.row < rect.row + rect.rows + (hasHeaders ? 0 : 1) && rect.row < a.row + a.rows && a.col < rect.col + rect.cols && rect.col < a.col + a.cols;
  });
  if (clash) throw apiError(ErrorCode.invalidOperation, 'TableCollection.add', 'A table can’t overlap another table.');
  const columns = { col: rect.col, cols: rect.cols };
  if (!hasHeaders) sheet.insertRows(rect.row, 1, columns);
  const full = { ...rect, rows: rect.rows + (hasHeaders ? 0 : 1) };
  if (full.rows === 1) full.rows = 2;
  const seen = new Set<string>();
  for (let c = 0; c < full.cols; c++) {
    const raw = hasHeaders ? String(sheet.value(full.row, full.col + c)).trim() : '';
    let name = raw === '' ? defaultHeader(c) : raw;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${raw === '' ? defaultHeader(c) : raw}${n}`;
    seen.add(name.toLowerCase());
    const cell = sheet.ensureCell(full.row, full.col + c);
    cell.value = name;
    delete cell.formula;
  }
  let n = model.tables.length + 1;
  while (model.table(`Table${n}`)) n++;
  const table: TableModel = {
    id: model.newId('table'),
    name: `Table${n}`,
    sheet,
    rect: full,
    filters: new Map(),
    columnIds: Array.from({ length: full.cols }, (_, i) => i + 1),
    showHeaders: true,
    style: 'TableStyleMedium2',
  };
  model.tables.push(table);
  if (!hasHeaders) model.changed(sheet, full, 'RangeEdited', origin);
  return table;
}

function isEmptyRow(t: TableModel, row: number): boolean {
  for (let c = 0; c < t.rect.cols; c++) if (t.sheet.value(row, t.rect.col + c) !== '') return false;
  return true;
}

/**
 * Inserts `values.length` rows at body index `index` (append when undefined). A table whose
 * only body row is empty fills that row first, as Excel does after creating a header-only table.
 */
export function addRows(model: WorkbookModel, t: TableModel, index: number | undefined, values: readonly (readonly unknown[])[], origin: ChangeOrigin): number {
  const count = Math.max(1, values.length);
  const body = bodyRect(t);
  if (values.some((line) => line.length !== t.rect.cols) || (index !== undefined && (index < 0 || index > body.rows))) {
    throw apiError(ErrorCode.invalidArgument, 'TableRowCollection.add');
  }
  let at = index === undefined ? body.row + body.rows : body.row + index;
  let inserted = count;
  if (body.rows === 1 && isEmptyRow(t, body.row) && (index === undefined || index === 0)) {
    at = body.row;
    inserted = count - 1;
  }
  if (inserted > 0) {
    const cols = { col: t.rect.col, cols: t.rect.cols };
    t.sheet.insertRows(at, inserted, cols);
    // New table rows are formatted like the body row above them, or the one below at the top.
    if (at > body.row) t.sheet.copyRowFormats(at - 1, at, inserted, cols);
    else if (body.rows > 0) t.sheet.copyRowFormats(at + inserted, at, inserted, cols);
    t.rect = { ...t.rect, rows: t.rect.rows + inserted };
  }
  const rect = { row: at, col: t.rect.col, rows: count, cols: t.rect.cols };
  t.sheet.writeBlock({ ...rect, rows: values.length }, values);
  fillCalculatedRows(t, rect.row, rect.rows);
  if (values.length > 0) calculateAddedFormulas(t, { ...rect, rows: values.length });
  if (values.length > 0) model.noteWrite(t.sheet, { ...rect, rows: values.length }, origin);
  model.changed(t.sheet, rect, inserted > 0 ? 'RowInserted' : 'RangeEdited', origin);
  reapplyFilters(t);
  return at - body.row;
}

/**
 * Inserts a column at table column `index` (append when undefined): cells from there to the
 * right shift right in the table's rows. `values` is header plus body, (rows) × 1.
 */
export function addColumn(model: WorkbookModel, t: TableModel, index: number | undefined, values: readonly (readonly unknown[])[] | undefined, name: string | undefined, origin: ChangeOrigin): number {
  const at = index ?? t.rect.cols;
  if (at < 0 || at > t.rect.cols || (values !== undefined && (values.length !== t.rect.rows || values.some((v) => v.length !== 1)))) {
    throw apiError(ErrorCode.invalidArgument, 'TableColumnCollection.add');
  }
  const col = t.rect.col + at;
  for (let r = t.rect.row; r < t.rect.row + t.rect.rows; r++) {
    const line = t.sheet.ensureRow(r);
    if (line.cells.length > col) line.cells.splice(col, 0, undefined);
  }
  t.sheet.shiftColumns(col, 1, t.rect);
  t.rect = { ...t.rect, cols: t.rect.cols + 1 };
  t.columnIds.splice(at, 0, Math.max(0, ...t.columnIds) + 1);
  shiftCalculatedColumns(t, at, 1);
  const taken = new Set(headers(t).map((h) => h.toLowerCase()));
  let header = name ?? (values?.[0]?.[0] !== undefined && values[0][0] !== '' ? String(values[0][0]) : defaultHeader(at));
  for (let n = 2; taken.has(header.toLowerCase()); n++) header = `${name ?? defaultHeader(at)}${n}`;
  for (let r = 1; r < t.rect.rows; r++) t.sheet.write(t.rect.row + r, col, values?.[r]?.[0] ?? '');
  t.sheet.ensureCell(t.rect.row, col).value = header;
  model.noteWrite(t.sheet, { row: t.rect.row, col, rows: t.rect.rows, cols: 1 }, origin);
  model.changed(t.sheet, { row: t.rect.row, col, rows: t.rect.rows, cols: 1 }, 'ColumnInserted', origin);
  return at;
}

/**
 * Deletes table column `index`: cells right of it in the table's rows shift left (as far as
 * the sheet goes), the table narrows. Excel refuses to delete a table's only column.
 */
export function deleteColumn(model: WorkbookModel, t: TableModel, index: number, origin: ChangeOrigin): void {
  if (index < 0 || index >= t.rect.cols || t.rect.cols === 1) throw apiError(ErrorCode.invalidArgument, 'TableColumn.delete');
  const col = t.rect.col + index;
  model.changed(t.sheet, { row: t.rect.row, col, rows: t.rect.rows, cols: 1 }, 'ColumnDeleted', origin);
  for (let r = t.rect.row; r < t.rect.row + t.rect.rows; r++) {
    const line = t.sheet.ensureRow(r);
    if (line.cells.length > col) line.cells.splice(col, 1);
  }
  t.sheet.shiftColumns(col, -1, t.rect);
  t.rect = { ...t.rect, cols: t.rect.cols - 1 };
  t.columnIds.splice(index, 1);
  shiftCalculatedColumns(t, index, -1);
  const shifted = new Map<number, Set<string>>();
  for (const [c, v] of t.filters) if (c !== index) shifted.set(c > index ? c - 1 : c, v);
  t.filters = shifted;
}

/** Deletes `count` body rows from `index`; cells below inside the table's columns move up. */
export function deleteRows(model: WorkbookModel, t: TableModel, index: number, count: number, origin: ChangeOrigin): void {
  const body = bodyRect(t);
  if (index < 0 || index + count > body.rows) throw apiError(ErrorCode.invalidArgument, 'TableRow.delete');
  const rect = { row: body.row + index, col: t.rect.col, rows: count, cols: t.rect.cols };
  model.changed(t.sheet, rect, 'RowDeleted', origin);
  const keep = count === body.rows ? 1 : 0;
  if (keep) {
    for (let c = 0; c < t.rect.cols; c++) t.sheet.ensureCell(body.row, t.rect.col + c).value = '';
  }
  if (count - keep > 0) {
    t.sheet.deleteRows(rect.row + keep, count - keep, { col: t.rect.col, cols: t.rect.cols });
    t.rect = { ...t.rect, rows: t.rect.rows - (count - keep) };
  }
  reapplyFilters(t);
}

function rank(v: Scalar): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return v.startsWith('#') ? 3 : 1;
  return 2;
}

function compare(a: Scalar, b: Scalar): number {
  const ra = rank(a), rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return String(a).localeCompare(String(b), undefined, { sensitivity: 'base' });
}

/** A sort key: column index within the table and direction. */
export interface SortField {
  key: number;
  ascending?: boolean;
}

/** Sorts the body rows in place (stable; blanks last either way) and raises `RangeEdited`. */
export function sortTable(model: WorkbookModel, t: TableModel, fields: readonly SortField[], origin: ChangeOrigin): void {
  const body = bodyRect(t);
  if (fields.length === 0 || fields.some((f) => f.key < 0 || f.key >= t.rect.cols)) throw apiError(ErrorCode.invalidArgument, 'TableSort.apply');
  const lines = Array.from({ length: body.rows }, (_, r) => {
    const cells: (Cell | undefined)[] = [];
    const keys: Scalar[] = [];
    for (let c = 0; c < body.cols; c++) cells.push(t.sheet.cell(body.row + r, body.col + c));
    for (const f of fields) keys.push(t.sheet.value(body.row + r, body.col + f.key));
    return { cells, keys };
  });
  lines.sort((x, y) => {
    for (let i = 0; i < fields.length; i++) {
      const a = x.keys[i] ?? '', b = y.keys[i] ?? '';
      if (a === '' || b === '') {
        if (a !== b) return a === '' ? 1 : -1;
        continue;
      }
      const d = compare(a, b) * (fields[i]?.ascending === false ? -1 : 1);
      if (d !== 0) return d;
    }
    return 0;
  });
  lines.forEach((line, r) => {
    const row = t.sheet.ensureRow(body.row + r);
    for (let c = 0; c < body.cols; c++) row.cells[body.col + c] = line.cells[c];
  });
  reapplyFilters(t);
  model.changed(t.sheet, body, 'RangeEdited', origin);
}

/** Keeps only rows whose shown text in `column` is one of `values`; undefined clears it. */
export function filterTable(t: TableModel, column: number, values: readonly string[] | undefined): void {
  if (column < 0 || column >= t.rect.cols) throw apiError(ErrorCode.invalidArgument, 'Filter.apply');
  if (values === undefined) t.filters.delete(column);
  else t.filters.set(column, new Set(values));
  reapplyFilters(t);
}

/** Recomputes which body rows are hidden by the table's filters. */
export function reapplyFilters(t: TableModel): void {
  const body = bodyRect(t);
  for (let r = body.row; r < body.row + body.rows; r++) {
    let visible = true;
    for (const [col, allowed] of t.filters) {
      const c = t.rect.col + col;
      if (!allowed.has(t.sheet.text(r, c))) visible = false;
    }
    if (visible ? t.sheet.rowHidden(r) : true) t.sheet.setRowHidden(r, !visible);
  }
}

/**
 * Grows a table by `count` rows below its last, as Excel does when someone types or pastes directly
 * below it ("Include new rows and columns in table"): each column's number format and list
 * validation on the last row are carried into the new rows, so a date column keeps showing dates
 * and a dropdown column keeps its list. A table without body rows only grows.
 */
export function growTableBelow(t: TableModel, count: number): void {
  const last = t.rect.row + t.rect.rows - 1;
  if (t.rect.rows > 1 && count > 0) {
    for (let col = t.rect.col; col < t.rect.col + t.rect.cols; col++) {
      const format = t.sheet.cell(last, col)?.numberFormat;
      if (format === undefined || format === 'General') continue;
      for (let r = last + 1; r <= last + count; r++) {
        const cell = t.sheet.cell(r, col) ?? t.sheet.ensureCell(r, col);
        cell.numberFormat ??= format;
      }
    }
    const inTable = (v: { rect: Rect }) => v.rect.col >= t.rect.col && v.rect.col + v.rect.cols <= t.rect.col + t.rect.cols;
    t.sheet.validations = t.sheet.validations.map((v) =>
      v.rect.row <= last && v.rect.row + v.rect.rows - 1 === last && inTable(v) ? { ...v, rect: { ...v.rect, rows: v.rect.rows + count } } : v,
    );
  }
  t.rect = { ...t.rect, rows: t.rect.rows + count };
  fillCalculatedRows(t, last + 1, count);
}

/**
 * How many of the `want` sheet rows directly below `t`'s last row it can take: up to the first row
 * where another table on its sheet stands in one of its columns (tables never overlap in Excel, so a
 * table grows no further than the one below it; 0 when that table starts directly below).
 */
function roomBelow(model: WorkbookModel, t: TableModel, want: number): number {
  const below = t.rect.row + t.rect.rows;
  let room = want;
  for (const other of model.tablesOn(t.sheet)) {
    if (other === t || other.rect.col >= t.rect.col + t.rect.cols || other.rect.col + other.rect.cols <= t.rect.col) continue;
    if (other.rect.row + other.rect.rows > below) room = Math.min(room, Math.max(0, other.rect.row - below));
  }
  return room;
}

/**
 * The table a person's paste of `rows` rows with its top-left cell at (`row`, `col`) grows, and by
 * how many rows: a paste that starts in one of the table's body rows or directly below its last
 * row, in one of its columns, and runs past its last row takes the table down to its own last
 * row, as Excel's table AutoExpansion does (a block pasted into a new table's one empty row becomes
 * that many table rows, not one row and the rest beside the table), but never over another table
 * below it (`roomBelow`: it stops at that table's first row). Undefined when it grows none.
 */
export function tableGrownByPaste(model: WorkbookModel, sheet: SheetModel, row: number, col: number, rows: number): { table: TableModel; count: number } | undefined {
  for (const t of model.tablesOn(sheet)) {
    const last = t.rect.row + t.rect.rows - 1;
    if (col < t.rect.col || col >= t.rect.col + t.rect.cols || row <= t.rect.row || row > last + 1) continue;
    const count = roomBelow(model, t, row + rows - 1 - last);
    return count > 0 ? { table: t, count } : undefined;
  }
  return undefined;
}

/**
 * The table a user's edit of this cell would grow: the cell is directly below its last row, and
 * is in no other table (a table starting directly below keeps the cell; `roomBelow`).
 */
export function tableToExpand(model: WorkbookModel, sheet: SheetModel, row: number, col: number): TableModel | undefined {
  return model.tablesOn(sheet).find((t) => row === t.rect.row + t.rect.rows && col >= t.rect.col && col < t.rect.col + t.rect.cols && roomBelow(model, t, 1) > 0);
}
