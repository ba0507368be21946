/**
 * The whole emulated workbook's state: sheets, tables, settings, selection, cell-edit mode and
 * the event hub. Both the add-in API (through proxies and `sync`) and the user simulation
 * change the workbook only through this model, so both raise the same events.
 */
import type { ExcelLocale } from './locale.js';
import { formatLocal, intersect, shiftRect, type Rect } from './address.js';
import { valueType, type Scalar } from './cell-values.js';
import { EventHub, type ChangeOrigin } from './events.js';
import { SheetModel, type CalcHook } from './sheet-model.js';
import type { TableModel } from './table-model.js';

/** `Excel.DataChangeType` values the emulator raises. */
export type ChangeType = 'RangeEdited' | 'RowInserted' | 'RowDeleted' | 'ColumnInserted' | 'ColumnDeleted' | 'Unknown';

/** One write of cell values, as {@link WorkbookModel.onValuesWritten} reports it. */
export interface ValueWrite {
  /** The sheet's name. */
  sheet: string;
  /** The rectangle written (zero-based). */
  rect: Rect;
  origin: ChangeOrigin;
}

/** The workbook's state. */
export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  readonly settings = new Map<string, unknown>();
  readonly events = new EventHub();
  /** The workbook's name (`Workbook.name`): a file's name, or `Book<n>` for a new one (`WorkbookOptions.name`). */
  name = 'Book1';
  activeSheetId = '';
  selection: { sheetId: string; rect: Rect } | undefined;
  /** Set while the simulated user is typing in a cell. */
  editMode: { sheetId: string; rect: Rect } | undefined;
  /** Custom functions for every sheet, when the host has a runtime. */
  calc: CalcHook | undefined;
  /** The regional format every sheet reads typed text and shows numbers in (`locale.ts`). */
  locale: ExcelLocale = 'en-US';
  /**
   * The regression of office-js issue #6784 (2026): `protect()` on a protected sheet and
   * `unprotect()` on an unprotected one fail the request with `AccessDenied` (off: Excel's
   * documented behaviour, both do nothing).
   */
  protectionStateErrors = false;
  private nextId = 1;
  private editWaiters: (() => void)[] = [];
  private readonly writeListeners = new Set<(write: ValueWrite) => void>();

  /**
   * Calls `listener` with every rectangle of values written from now on (add-in writes, rows
   * added with values, the person's typing and pasting), whether events are on or not; returns
   * the stop. For counting what a write touched, as a test would count Excel's requests.
   */
  onValuesWritten(listener: (write: ValueWrite) => void): () => void {
    this.writeListeners.add(listener);
    return () => void this.writeListeners.delete(listener);
  }

  /** Tells the listeners of {@link onValuesWritten} about a write. */
  noteWrite(sheet: SheetModel, rect: Rect, origin: ChangeOrigin): void {
    for (const listener of this.writeListeners) listener({ sheet: sheet.name, rect: { ...rect }, origin });
  }

  /** Resolves when the user leaves cell-edit mode (at once if not editing). */
  editModeEnded(): Promise<void> {
    if (!this.editMode) return Promise.resolve();
    return new Promise((resolve) => this.editWaiters.push(resolve));
  }

  /** Leaves cell-edit mode and releases batches waiting with `delayForCellEdit`. */
  endEditMode(): void {
    this.editMode = undefined;
    const waiters = this.editWaiters;
    this.editWaiters = [];
    for (const w of waiters) w();
  }

  /** A fresh id with a prefix, e.g. `{sheet-3}`. */
  newId(prefix: string): string {
    return `{${prefix}-${this.nextId++}}`;
  }

  /** Adds a sheet; the first sheet becomes active. */
  addSheet(name: string): SheetModel {
    const sheet = new SheetModel(this.newId('sheet'), name);
    sheet.calc = this.calc;
    sheet.locale = this.locale;
    this.sheets.push(sheet);
    if (!this.activeSheetId) this.activeSheetId = sheet.id;
    return sheet;
  }

  /** A sheet by name (case-insensitive, as Excel matches) or id. */
  sheet(nameOrId: string): SheetModel | undefined {
    const lower = nameOrId.toLowerCase();
    return this.sheets.find((s) => s.id === nameOrId || s.name.toLowerCase() === lower);
  }

  /** A table by name (case-insensitive) or id. */
  table(nameOrId: string): TableModel | undefined {
    const lower = nameOrId.toLowerCase();
    return this.tables.find((t) => t.id === nameOrId || t.name.toLowerCase() === lower);
  }

  /** Tables on a sheet. */
  tablesOn(sheet: SheetModel): TableModel[] {
    return this.tables.filter((t) => t.sheet === sheet);
  }

  /**
   * Writes a 2-D block of inputs and raises one `RangeEdited` event for it. `written` runs once the
   * inputs are read (each by its cell's format), before the event: a table grown over them then.
   */
  writeValues(sheet: SheetModel, rect: Rect, values: readonly (readonly unknown[])[], origin: ChangeOrigin, written?: () => void): void {
    const single = rect.rows === 1 && rect.cols === 1;
    const before = single ? sheet.value(rect.row, rect.col) : '';
    sheet.writeBlock(rect, values);
    written?.();
    this.noteWrite(sheet, rect, origin);
    this.changed(sheet, rect, 'RangeEdited', origin, single ? [before, sheet.value(rect.row, rect.col)] : undefined);
  }

  /** Inserts whole sheet rows, moving tables, validation and formats below. */
  insertSheetRows(sheet: SheetModel, at: number, count: number, origin: ChangeOrigin): void {
    sheet.insertRows(at, count);
    // Excel formats inserted rows like the row above (below for the first row), not as General.
    sheet.copyRowFormats(at > 0 ? at - 1 : at + count, at, count);
    for (const t of this.tablesOn(sheet)) {
      const rect = shiftRect(t.rect, at, count);
      if (rect) t.rect = rect;
    }
    this.changed(sheet, { row: at, col: 0, rows: count, cols: 16_384 }, 'RowInserted', origin);
  }

  /** Deletes whole sheet rows; a table whose header row goes is removed. */
  deleteSheetRows(sheet: SheetModel, at: number, count: number, origin: ChangeOrigin): void {
    this.changed(sheet, { row: at, col: 0, rows: count, cols: 16_384 }, 'RowDeleted', origin);
    sheet.deleteRows(at, count);
    for (const t of this.tablesOn(sheet)) {
      const headerGone = t.rect.row >= at && t.rect.row < at + count;
      const rect = shiftRect(t.rect, at, -count);
      if (headerGone || !rect) this.tables.splice(this.tables.indexOf(t), 1);
      else t.rect = rect;
    }
  }

  /**
   * Raises change events for a rectangle: the sheet's `onChanged`, the collection's
   * `worksheets.onChanged`, and `onChanged` of every table it touches.
   */
  changed(sheet: SheetModel, rect: Rect, changeType: ChangeType, origin: ChangeOrigin, values?: [Scalar, Scalar]): void {
    if (!this.events.enabled) return;
    const details = values && {
      valueBefore: values[0],
      valueAfter: values[1],
      valueTypeBefore: valueType(values[0]),
      valueTypeAfter: valueType(values[1]),
    };
    const address = formatLocal(rect);
    const base = { address, changeType, source: origin.source, triggerSource: origin.triggerSource, worksheetId: sheet.id, details };
    const withRange = <T extends { address: string }>(args: T) => ({
      ...args,
      getRange: (ctx: RangeContext) => ctx.workbook.worksheets.getItem(sheet.id).getRange(args.address),
      getRangeOrNullObject: (ctx: RangeContext) => ctx.workbook.worksheets.getItem(sheet.id).getRange(args.address),
    });
    this.events.emit('worksheetChanged', sheet.id, () => withRange({ ...base, type: 'WorksheetChanged' }));
    this.events.emit('worksheetsChanged', '*', () => withRange({ ...base, type: 'WorksheetChanged' }));
    for (const t of this.tablesOn(sheet)) {
      const overlap = intersect(t.rect, rect);
      if (!overlap) continue;
      const tableArgs = { ...base, address: formatLocal(overlap), tableId: t.id, type: 'TableChanged' };
      for (const key of [t.id, '*', `sheet:${sheet.id}`]) this.events.emit('tableChanged', key, () => withRange(tableArgs));
    }
  }

  /**
   * Raises `onProtectionChanged` of the sheet and of the sheet collection (ExcelApi 1.14,
   * `WorksheetProtectionChangedEventArgs`), as Excel does when a sheet's protection is switched
   * on or off, by the person or by an add-in with events on. `passwordChanged`: a password was set
   * or taken away with it.
   */
  protectionChanged(sheet: SheetModel, passwordChanged: boolean): void {
    const args = () => ({
      type: 'WorksheetProtectionChanged',
      worksheetId: sheet.id,
      isProtected: sheet.protected,
      source: 'Local',
      allowEditRangesChanged: false,
      protectionOptionsChanged: false,
      sheetPasswordChanged: passwordChanged,
    });
    this.events.emit('protectionChanged', sheet.id, args);
    this.events.emit('protectionChanged', '*', args);
  }

  /** Moves the selection and raises `onSelectionChanged`. */
  select(sheet: SheetModel, rect: Rect): void {
    this.selection = { sheetId: sheet.id, rect };
    this.activeSheetId = sheet.id;
    const address = formatLocal(rect);
    this.events.emit('selectionChanged', sheet.id, () => ({ address, type: 'WorksheetSelectionChanged', worksheetId: sheet.id }));
    for (const t of this.tablesOn(sheet)) {
      const overlap = intersect(t.rect, rect);
      if (!overlap) continue;
      this.events.emit('tableSelectionChanged', t.id, () => ({
        address: formatLocal(overlap),
        isInsideTable: true,
        tableId: t.id,
        type: 'TableSelectionChanged',
        worksheetId: sheet.id,
      }));
    }
  }
}

/** The part of a request context an event's `getRange(ctx)` needs. */
interface RangeContext {
  workbook: { worksheets: { getItem(key: string): { getRange(address: string): unknown } } };
}
