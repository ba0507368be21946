/**
 * What a person does in Excel's grid, for tests and the playground. Not part of the Excel API:
 * these act on the workbook directly (no sync) and raise the same events a real edit raises.
 * The UI's own rules apply: a protected sheet refuses edits, a dropdown cell refuses a value not
 * in its list when its error alert is Excel's default Stop (pasting bypasses validation, as in Excel), typing directly below a table grows it, and so does a paste from its body or below it that runs past its last row (after the entry is read by the cells' own formats, as in Excel),
 * and a formula typed into an empty table column fills the column (`calculated-columns.ts`).
 */
import { formatLocal, parseAddress, MAX_COLUMNS, MAX_ROWS, type Rect } from './address.js';
import { formatText } from './cell-values.js';
import { isFormulaInput, typeIntoCalculatedColumn } from './calculated-columns.js';
import { apiError, ErrorCode } from './errors.js';
import type { ChangeOrigin } from './events.js';
import type { SheetModel } from './sheet-model.js';
import { addColumn, deleteColumn, deleteRows, filterTable, headers, growTableBelow, sortTable, tableGrownByPaste, tableToExpand, type TableModel } from './table-model.js';
import type { WorkbookModel } from './workbook-model.js';

/** Why the grid refused an edit (thrown by {@link UserSimulation} methods). */
export class UserEditRefused extends Error {
  override readonly name = 'UserEditRefused';
  constructor(readonly reason: 'protected' | 'validation' | 'editMode' | 'beyondSheet', message: string) {
    super(message);
  }
}

/** A person editing the workbook: locally (`host.user`) or a co-author (`host.coauthor`). */
export class UserSimulation {
  constructor(
    private readonly model: WorkbookModel,
    private readonly origin: ChangeOrigin,
    private readonly afterChange: () => void,
  ) {}

  private sheet(name: string): SheetModel {
    const sheet = this.model.sheet(name);
    if (!sheet) throw apiError(ErrorCode.itemNotFound, 'user', `No sheet named ${name}.`);
    return sheet;
  }

  private rect(address: string): Rect {
    const parsed = parseAddress(address);
    if (!parsed) throw apiError(ErrorCode.invalidArgument, 'user', `Not an address: ${address}`);
    return parsed.rect;
  }

  private table(name: string): TableModel {
    const t = this.model.table(name);
    if (!t) throw apiError(ErrorCode.itemNotFound, 'user', `No table named ${name}.`);
    return t;
  }

  private editable(sheet: SheetModel): void {
    if (sheet.protected) throw new UserEditRefused('protected', `The cell you're trying to change is on a protected sheet (${sheet.name}).`);
  }

  /** Types `value` into one cell and presses Enter (Excel parses it like any typed input). */
  type(sheetName: string, address: string, value: string | number | boolean): void {
    const sheet = this.sheet(sheetName);
    const { row, col } = this.rect(address);
    this.editable(sheet);
    const validation = sheet.validationAt(row, col);
    const rule = validation?.rule.list;
    // A Warning alert is answered "Yes" and an Information alert "OK": both keep the value.
    const refuses = validation?.errorAlert.showAlert !== false && validation?.errorAlert.style === 'Stop';
    if (rule && refuses && value !== '' && !this.listValues(sheet, rule.source).includes(String(value))) {
      throw new UserEditRefused('validation', `This value doesn't match the data validation restrictions defined for this cell.`);
    }
    const grow = value === '' ? undefined : tableToExpand(this.model, sheet, row, col);
    const rect = { row, col, rows: 1, cols: 1 };
    if (!isFormulaInput(value)) {
      // Excel reads the entry by the cell's own format first (`General` below a table: `007` is 7,
      // `2025-03-01` a date serial) and only then grows the table over it (AutoExpansion), which
      // gives the cell the column's format where it has none: the text format comes too late.
      this.model.writeValues(sheet, rect, [[value]], this.origin, grow && (() => growTableBelow(grow, 1)));
      this.afterChange();
      return;
    }
    if (grow) growTableBelow(grow, 1);
    // A formula typed into an otherwise empty table column fills it (`calculated-columns.ts`).
    const table = this.model.tablesOn(sheet).find((t) => typeIntoCalculatedColumn(this.model, t, row, col, value, this.origin));
    if (!table) this.model.writeValues(sheet, rect, [[value]], this.origin);
    this.afterChange();
  }

  /** Pastes a block whose top-left cell is `address`; one change event covers it. */
  paste(sheetName: string, address: string, values: readonly (readonly unknown[])[]): void {
    const sheet = this.sheet(sheetName);
    const { row, col } = this.rect(address);
    this.editable(sheet);
    const rect = { row, col, rows: values.length, cols: Math.max(0, ...values.map((v) => v.length)) };
    if (rect.rows === 0 || rect.cols === 0) return;
    // Excel pastes nothing of a block that does not fit in the sheet (past XFD or row 1 048 576), and says so.
    if (row + rect.rows > MAX_ROWS || col + rect.cols > MAX_COLUMNS) throw new UserEditRefused('beyondSheet', "Microsoft Excel can't paste the data: it does not fit in the sheet.");
    const grown = tableGrownByPaste(this.model, sheet, row, col, rect.rows);
    // As for a typed entry, the rows pasted below the table are read by their cells' own formats before it grows over them.
    this.model.writeValues(sheet, rect, values, this.origin, grown && (() => growTableBelow(grown.table, grown.count)));
    this.afterChange();
  }

  /** Selects cells and presses Delete. */
  clear(sheetName: string, address: string): void {
    const sheet = this.sheet(sheetName);
    const rect = this.rect(address);
    this.editable(sheet);
    this.model.writeValues(sheet, rect, Array.from({ length: rect.rows }, () => new Array<unknown>(rect.cols).fill('')), this.origin);
    this.afterChange();
  }

  /** Inserts whole sheet rows at `address` (`5:6`, or any range whose rows are taken). */
  insertRows(sheetName: string, address: string): void {
    const sheet = this.sheet(sheetName);
    const rect = this.rect(address);
    this.editable(sheet);
    this.model.insertSheetRows(sheet, rect.row, rect.rows, this.origin);
    this.afterChange();
  }

  /** Deletes whole sheet rows (`5:6`). */
  deleteRows(sheetName: string, address: string): void {
    const sheet = this.sheet(sheetName);
    const rect = this.rect(address);
    this.editable(sheet);
    this.model.deleteSheetRows(sheet, rect.row, rect.rows, this.origin);
    this.afterChange();
  }

  /** Right-click → Delete → Table rows, for `count` body rows from body index `index`. */
  deleteTableRows(tableName: string, index: number, count = 1): void {
    const t = this.table(tableName);
    this.editable(t.sheet);
    deleteRows(this.model, t, index, count, this.origin);
    this.afterChange();
  }

  /**
   * Table Design → Resize Table (or the sizing handle dragged up) to the rows of `address`: its top
   * row the header row, its columns the table's (the emulator makes a table shorter only). Rows left out keep
   * their values as plain cells. Ctrl+Z right after a paste or a value that grew a table takes back
   * its growth the same way first (AutoCorrect's Undo Table AutoExpansion), the values staying
   * below it; the next Ctrl+Z takes back the values. No cell's data changes, so no change event fires.
   */
  resizeTable(tableName: string, address: string): void {
    const t = this.table(tableName);
    this.editable(t.sheet);
    const rect = this.rect(address);
    if (rect.row !== t.rect.row || rect.rows < 2) throw apiError(ErrorCode.invalidArgument, 'user', 'The headers must remain in the same row, and the resulting table range must overlap the original table range.');
    if (rect.col !== t.rect.col || rect.cols !== t.rect.cols || rect.rows > t.rect.rows) throw apiError(ErrorCode.invalidArgument, 'user', 'The emulator makes a table shorter only.');
    t.rect = { ...t.rect, rows: rect.rows };
    this.afterChange();
  }

  /**
   * Right-click → Insert → Table Columns to the Left of table column `index` (the table's width:
   * a column at the right end), headed `header` or Excel's `ColumnN`.
   */
  insertTableColumn(tableName: string, index: number, header?: string): void {
    const t = this.table(tableName);
    this.editable(t.sheet);
    addColumn(this.model, t, index, undefined, header, this.origin);
    this.afterChange();
  }

  /** Right-click → Delete → Table Columns, for the column named `column` (or at that index). */
  deleteTableColumn(tableName: string, column: string | number): void {
    const t = this.table(tableName);
    this.editable(t.sheet);
    deleteColumn(this.model, t, this.columnIndex(t, column), this.origin);
    this.afterChange();
  }

  /** Sorts a table by one column (header name or index) from its header dropdown. */
  sortTable(tableName: string, column: string | number, ascending = true): void {
    const t = this.table(tableName);
    this.editable(t.sheet);
    sortTable(this.model, t, [{ key: this.columnIndex(t, column), ascending }], this.origin);
    this.afterChange();
  }

  /** Filters a table column to the shown texts in `values`; `undefined` clears the filter. */
  filterTable(tableName: string, column: string | number, values: readonly string[] | undefined): void {
    const t = this.table(tableName);
    filterTable(t, this.columnIndex(t, column), values);
    this.afterChange();
  }

  /** Starts editing a cell (F2 / typing): add-in syncs now fail with `InvalidOperationInCellEditMode`. */
  enterEditMode(sheetName: string, address: string): void {
    const sheet = this.sheet(sheetName);
    this.editable(sheet);
    this.model.editMode = { sheetId: sheet.id, rect: this.rect(address) };
  }

  /**
   * Leaves edit mode: Enter with `value` commits it, no value is Esc. Batches run with
   * `delayForCellEdit` continue afterwards.
   */
  exitEditMode(value?: string | number | boolean): void {
    const edit = this.model.editMode;
    this.model.editMode = undefined;
    const sheet = edit && this.model.sheet(edit.sheetId);
    try {
      if (edit && sheet && value !== undefined) this.type(sheet.name, formatLocal({ ...edit.rect, rows: 1, cols: 1 }), value);
    } finally {
      this.model.endEditMode();
    }
  }

  /** Selects a range (raises `onSelectionChanged`). */
  select(sheetName: string, address: string): void {
    this.model.select(this.sheet(sheetName), this.rect(address));
    this.afterChange();
  }

  private columnIndex(t: TableModel, column: string | number): number {
    if (typeof column === 'number') return column;
    const i = headers(t).findIndex((h) => h.toLowerCase() === column.toLowerCase());
    if (i < 0) throw apiError(ErrorCode.itemNotFound, 'user', `No column ${column} in ${t.name}.`);
    return i;
  }

  private listValues(sheet: SheetModel, source: string): string[] {
    if (!source.startsWith('=')) return source.split(',').map((s) => s.trim());
    const parsed = parseAddress(source.slice(1));
    const from = parsed?.sheet !== undefined ? this.model.sheet(parsed.sheet) : sheet;
    if (!parsed || !from || parsed.rect.cols === MAX_COLUMNS) return [];
    return from.readValues(parsed.rect).flat().filter((v) => v !== '').map((v) => formatText(v, 'General', from.locale));
  }
}
