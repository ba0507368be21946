/**
 * `Excel.Range`: a rectangle on a sheet. Its address is resolved at sync time; writes are
 * validated (shape, protection) when applied, as Excel does.
 */
import { formatAddress, intersect, MAX_COLUMNS, MAX_ROWS, type Rect } from './address.js';
import { writeFormulas } from './calculated-columns.js';
import { payloadSize, valueType } from './cell-values.js';
import { ClientObject, type Getter } from './client-object.js';
import { apiError, ErrorCode } from './errors.js';
import { ADDIN_ORIGIN } from './events.js';
import { guardWrite, shapeValues } from './guards.js';
import { ConditionalFormatCollection, DataValidation, RangeFormat } from './range-format.js';
import { RangeAreas, specialCells } from './range-areas.js';
import type { RequestContext } from './request-context.js';
import type { SheetModel } from './sheet-model.js';
import { Worksheet } from './worksheet.js';

/** What a range proxy resolves to. */
export interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

function uniform(flags: boolean[]): boolean | null {
  if (flags.every(Boolean)) return true;
  return flags.some(Boolean) ? null : false;
}

/**
 * Fails with `ResponsePayloadSizeLimitExceeded` before building a huge array: a range read over
 * the host's cell limit, or one that cannot fit the response limit even with empty cells.
 */
function checkReadable(ctx: RequestContext, rect: Rect): void {
  const cells = rect.rows * rect.cols;
  if (cells > ctx.link.limits.readCells || cells * 2 > ctx.link.limits.responseBytes) throw apiError(ErrorCode.responsePayloadSizeLimitExceeded, 'Range.values');
}

/** The emulated `Excel.Range`. */
export class Range extends ClientObject<RangeTarget> {
  constructor(context: RequestContext, resolver: () => RangeTarget | null, orNull = false) {
    super(context, resolver, 'Range', orNull);
  }

  protected _props(): Record<string, Getter<RangeTarget>> {
    const ctx = this.context;
    return {
      address: (t) => formatAddress(t.sheet.name, t.rect),
      addressLocal: (t) => formatAddress(t.sheet.name, t.rect),
      values: (t) => (checkReadable(ctx, t.rect), t.sheet.readValues(t.rect)),
      formulas: (t) => (checkReadable(ctx, t.rect), t.sheet.map(t.rect, (r, c) => t.sheet.formula(r, c))),
      numberFormat: (t) => (checkReadable(ctx, t.rect), t.sheet.map(t.rect, (r, c) => t.sheet.numberFormat(r, c))),
      text: (t) => (checkReadable(ctx, t.rect), t.sheet.map(t.rect, (r, c) => t.sheet.text(r, c))),
      valueTypes: (t) => (checkReadable(ctx, t.rect), t.sheet.map(t.rect, (r, c) => valueType(t.sheet.value(r, c)))),
      rowCount: (t) => t.rect.rows,
      columnCount: (t) => t.rect.cols,
      cellCount: (t) => t.rect.rows * t.rect.cols,
      rowIndex: (t) => t.rect.row,
      columnIndex: (t) => t.rect.col,
      isEntireColumn: (t) => t.rect.rows === MAX_ROWS,
      isEntireRow: (t) => t.rect.cols === MAX_COLUMNS,
      rowHidden: (t) => uniform(Array.from({ length: Math.min(t.rect.rows, 100_000) }, (_, i) => t.sheet.rowHidden(t.rect.row + i))),
      columnHidden: (t) => uniform(Array.from({ length: Math.min(t.rect.cols, 16_384) }, (_, i) => t.sheet.columns[t.rect.col + i]?.hidden === true)),
    };
  }

  protected override _navigation(name: string): { load(spec?: unknown): unknown } | undefined {
    if (name === 'format') return this.format;
    if (name === 'dataValidation') return this.dataValidation;
    return undefined;
  }

  private _write(location: string, size: number, apply: (t: RangeTarget) => void): void {
    this.context.enqueue({
      size,
      apply: () => {
        const t = this._require();
        guardWrite(t.sheet, location);
        apply(t);
      },
    });
  }

  /** `Sheet1!A1:C3`. */
  get address(): string { return this._get('address'); }
  /** Same as `address` (no localisation in the emulator). */
  get addressLocal(): string { return this._get('addressLocal'); }
  /** Raw values; `''` for empty cells. Setting requires the exact shape or a single value. */
  get values(): unknown[][] { return this._get('values'); }
  set values(v: unknown[][]) {
    this._cache.set('values', v);
    this._write('Range.values', payloadSize(v), (t) => {
      const values = shapeValues(v, t.rect.rows, t.rect.cols, 'Range.values');
      // A text starting with `=` is written as a formula: table columns it fills become calculated columns too.
      writeFormulas(this.context.link.model, t.sheet, t.rect, values, ADDIN_ORIGIN);
    });
  }
  /** Formulas (values for cells without one). */
  get formulas(): unknown[][] { return this._get('formulas'); }
  set formulas(v: unknown[][]) {
    this._cache.set('formulas', v);
    this._write('Range.formulas', payloadSize(v), (t) => {
      const values = shapeValues(v, t.rect.rows, t.rect.cols, 'Range.formulas');
      // Table columns it fills or changes become calculated columns, as in Excel (`calculated-columns.ts`).
      writeFormulas(this.context.link.model, t.sheet, t.rect, values, ADDIN_ORIGIN);
    });
  }
  /** Number format codes. */
  get numberFormat(): string[][] { return this._get('numberFormat'); }
  set numberFormat(v: string[][]) {
    this._cache.set('numberFormat', v);
    this._write('Range.numberFormat', payloadSize(v), (t) => {
      const formats = shapeValues(v, t.rect.rows, t.rect.cols, 'Range.numberFormat');
      for (let r = 0; r < t.rect.rows; r++) {
        for (let c = 0; c < t.rect.cols; c++) {
          const format = formats[r]?.[c];
          if (format === null || format === undefined) continue;
          const cell = t.sheet.ensureCell(t.rect.row + r, t.rect.col + c);
          if (format === '' || format === 'General') delete cell.numberFormat;
          else cell.numberFormat = String(format);
        }
      }
    });
  }
  /** Shown text under each cell's number format. */
  get text(): string[][] { return this._get('text'); }
  /** `Excel.RangeValueType` of each cell. */
  get valueTypes(): string[][] { return this._get('valueTypes'); }
  /** Number of rows. */
  get rowCount(): number { return this._get('rowCount'); }
  /** Number of columns. */
  get columnCount(): number { return this._get('columnCount'); }
  /** Number of cells. */
  get cellCount(): number { return this._get('cellCount'); }
  /** Zero-based row of the first cell. */
  get rowIndex(): number { return this._get('rowIndex'); }
  /** Zero-based column of the first cell. */
  get columnIndex(): number { return this._get('columnIndex'); }
  /** Whether the range spans all rows. */
  get isEntireColumn(): boolean { return this._get('isEntireColumn'); }
  /** Whether the range spans all columns. */
  get isEntireRow(): boolean { return this._get('isEntireRow'); }
  /** True if all rows hidden, false if none, null if mixed. */
  get rowHidden(): boolean | null { return this._get('rowHidden'); }
  set rowHidden(v: boolean | null) {
    this._cache.set('rowHidden', v);
    this._write('Range.rowHidden', 8, (t) => {
      for (let r = t.rect.row; r < t.rect.row + t.rect.rows; r++) t.sheet.setRowHidden(r, v === true);
    });
  }
  /** True if all columns hidden, false if none, null if mixed. */
  get columnHidden(): boolean | null { return this._get('columnHidden'); }
  set columnHidden(v: boolean | null) {
    this._cache.set('columnHidden', v);
    this._write('Range.columnHidden', 8, (t) => {
      for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) t.sheet.column(c).hidden = v === true;
    });
  }

  /** A range derived from this one at sync time; `InvalidArgument` if it falls off the sheet. */
  _derive(f: (rect: Rect) => Rect, location: string): Range {
    return new Range(this.context, () => {
      const t = this._require();
      const rect = f(t.rect);
      if (rect.rows < 1 || rect.cols < 1 || rect.row < 0 || rect.col < 0 || rect.row + rect.rows > MAX_ROWS || rect.col + rect.cols > MAX_COLUMNS) {
        throw apiError(ErrorCode.invalidArgument, location);
      }
      return { sheet: t.sheet, rect };
    });
  }

  /** One cell, relative to this range's top-left (may lie outside the range, as in Excel). */
  getCell(row: number, column: number): Range {
    return this._derive((r) => ({ row: r.row + row, col: r.col + column, rows: 1, cols: 1 }), 'Range.getCell');
  }
  /** The same top-left corner, with `deltaRows`/`deltaColumns` more (or fewer) rows/columns. */
  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this._derive((r) => ({ ...r, rows: r.rows + deltaRows, cols: r.cols + deltaColumns }), 'Range.getResizedRange');
  }
  /** The same size, moved. */
  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this._derive((r) => ({ ...r, row: r.row + rowOffset, col: r.col + columnOffset }), 'Range.getOffsetRange');
  }
  /** One row of the range. */
  getRow(row: number): Range {
    return this._derive((r) => ({ ...r, row: r.row + row, rows: 1 }), 'Range.getRow');
  }
  /** One column of the range. */
  getColumn(column: number): Range {
    return this._derive((r) => ({ ...r, col: r.col + column, cols: 1 }), 'Range.getColumn');
  }
  /** Whole sheet columns of this range. */
  getEntireColumn(): Range {
    return this._derive((r) => ({ ...r, row: 0, rows: MAX_ROWS }), 'Range.getEntireColumn');
  }
  /** Whole sheet rows of this range. */
  getEntireRow(): Range {
    return this._derive((r) => ({ ...r, col: 0, cols: MAX_COLUMNS }), 'Range.getEntireRow');
  }
  /** The last row of the range. */
  getLastRow(): Range {
    return this._derive((r) => ({ ...r, row: r.row + r.rows - 1, rows: 1 }), 'Range.getLastRow');
  }
  /** The used part of this range; `ItemNotFound` when nothing in it is used. */
  getUsedRange(valuesOnly = false): Range {
    return new Range(this.context, () => this._used(valuesOnly) ?? (() => { throw apiError(ErrorCode.itemNotFound, 'Range.getUsedRange'); })());
  }
  /** Like `getUsedRange`, but a null object when nothing is used. */
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return new Range(this.context, () => this._used(valuesOnly), true);
  }
  private _used(valuesOnly: boolean): RangeTarget | null {
    const t = this._require();
    const used = t.sheet.usedRect(valuesOnly);
    const rect = used && intersect(used, t.rect);
    return rect ? { sheet: t.sheet, rect } : null;
  }
  /** The overlap with another range. */
  getIntersection(other: Range): Range {
    return new Range(this.context, () => {
      const rect = intersect(this._require().rect, other._require().rect);
      if (!rect) throw apiError(ErrorCode.invalidArgument, 'Range.getIntersection');
      return { sheet: this._require().sheet, rect };
    });
  }
  /** Like `getIntersection`, but a null object when the ranges do not overlap. */
  getIntersectionOrNullObject(other: Range): Range {
    return new Range(
      this.context,
      () => {
        const rect = intersect(this._require().rect, other._require().rect);
        return rect ? { sheet: this._require().sheet, rect } : null;
      },
      true,
    );
  }

  /** The cells of `cellType` (`Formulas`) in this range; `ItemNotFound` when there are none (see `range-areas.ts`). */
  getSpecialCells(cellType: string): RangeAreas {
    return new RangeAreas(this.context, () => this._special(cellType, 'Range.getSpecialCells') ?? (() => { throw apiError(ErrorCode.itemNotFound, 'Range.getSpecialCells'); })());
  }
  /** Like `getSpecialCells`, but a null object when there are none. */
  getSpecialCellsOrNullObject(cellType: string): RangeAreas {
    return new RangeAreas(this.context, () => this._special(cellType, 'Range.getSpecialCellsOrNullObject'), true);
  }
  private _special(cellType: string, location: string): { sheet: SheetModel; rects: Rect[] } | null {
    const t = this._require();
    const rects = specialCells(t.sheet, t.rect, cellType, location);
    return rects.length === 0 ? null : { sheet: t.sheet, rects };
  }

  /** Clears values and formats (or only `contents` / `formats`). */
  clear(applyTo: string = 'All'): void {
    this._write('Range.clear', 16, (t) => {
      const contents = applyTo === 'All' || applyTo === 'Contents';
      for (let r = t.rect.row; r < t.rect.row + t.rect.rows; r++) {
        for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) {
          const cell = t.sheet.cell(r, c);
          if (!cell) continue;
          if (contents) {
            cell.value = '';
            delete cell.formula;
          }
          if (applyTo === 'All' || applyTo === 'Formats') {
            delete cell.fill; delete cell.fontColor; delete cell.bold; delete cell.numberFormat;
          }
        }
      }
      if (contents) this.context.link.model.changed(t.sheet, t.rect, 'RangeEdited', ADDIN_ORIGIN);
    });
  }
  /** Inserts whole rows at this range (`shift` must be `Down` on an entire-row range). */
  insert(shift: string): Range {
    this._write('Range.insert', 16, (t) => {
      if (shift !== 'Down' || t.rect.cols !== MAX_COLUMNS) throw apiError(ErrorCode.invalidArgument, 'Range.insert');
      this.context.link.model.insertSheetRows(t.sheet, t.rect.row, t.rect.rows, ADDIN_ORIGIN);
    });
    return this;
  }
  /** Deletes whole rows (`shift` must be `Up` on an entire-row range). */
  delete(shift: string): void {
    this._write('Range.delete', 16, (t) => {
      if (shift !== 'Up' || t.rect.cols !== MAX_COLUMNS) throw apiError(ErrorCode.invalidArgument, 'Range.delete');
      this.context.link.model.deleteSheetRows(t.sheet, t.rect.row, t.rect.rows, ADDIN_ORIGIN);
    });
  }
  /** Selects the range in the UI (raises `onSelectionChanged`). */
  select(): void {
    this._queue((t) => this.context.link.model.select(t.sheet, t.rect));
  }

  /** The range's sheet. */
  get worksheet(): Worksheet {
    return new Worksheet(this.context, () => this._require().sheet);
  }

  private _format: RangeFormat | undefined;
  /** Fill, font and column width. */
  get format(): RangeFormat {
    this._format ??= new RangeFormat(this.context, this);
    return this._format;
  }
  private _validation: DataValidation | undefined;
  /** List data validation. */
  get dataValidation(): DataValidation {
    this._validation ??= new DataValidation(this.context, this);
    return this._validation;
  }
  private _conditional: ConditionalFormatCollection | undefined;
  /** Conditional formats on this range. */
  get conditionalFormats(): ConditionalFormatCollection {
    this._conditional ??= new ConditionalFormatCollection(this.context, this);
    return this._conditional;
  }
}
