/**
 * Rows and columns of an `Excel.Table`, and a column's value filter.
 */
import { ClientObject, type Getter } from './client-object.js';
import { ClientCollection } from './collection.js';
import { apiError, ErrorCode } from './errors.js';
import { ADDIN_ORIGIN } from './events.js';
import { guardWrite, shapeValues } from './guards.js';
import { Range } from './range.js';
import type { RequestContext } from './request-context.js';
import { addColumn, addRows, bodyRect, deleteRows, filterTable, headers, type TableModel } from './table-model.js';

/** A row: its table and its body index at the time it was resolved. */
interface RowTarget {
  table: TableModel;
  index: number;
}

/** `Excel.TableRow`. */
export class TableRow extends ClientObject<RowTarget> {
  constructor(context: RequestContext, resolver: () => RowTarget | null) {
    super(context, resolver, 'TableRow');
  }
  protected _props(): Record<string, Getter<RowTarget>> {
    return {
      index: (r) => r.index,
      values: (r) => { const b = bodyRect(r.table); return r.table.sheet.readValues({ ...b, row: b.row + r.index, rows: 1 }); },
    };
  }
  /** Body index. */
  get index(): number { return this._get('index'); }
  /** The row's values as a 1×n array. */
  get values(): unknown[][] { return this._get('values'); }
  set values(v: unknown[][]) {
    this._set('values', v, (r) => {
      guardWrite(r.table.sheet, 'TableRow.values');
      const b = bodyRect(r.table);
      const rect = { ...b, row: b.row + r.index, rows: 1 };
      this.context.link.model.writeValues(r.table.sheet, rect, shapeValues(v, 1, b.cols, 'TableRow.values'), ADDIN_ORIGIN);
    });
  }
  /** The row's range. */
  getRange(): Range {
    return new Range(this.context, () => { const r = this._require(); const b = bodyRect(r.table); return { sheet: r.table.sheet, rect: { ...b, row: b.row + r.index, rows: 1 } }; });
  }
  /** Deletes the row; rows below move up. */
  delete(): void {
    this._queue((r) => { guardWrite(r.table.sheet, 'TableRow.delete'); deleteRows(this.context.link.model, r.table, r.index, 1, ADDIN_ORIGIN); });
  }
}

/** `Excel.TableRowCollection`. */
export class TableRowCollection extends ClientCollection<RowTarget, TableRow> {
  constructor(context: RequestContext, private readonly table: () => TableModel) {
    super(context, 'TableRowCollection');
  }
  protected _list(): RowTarget[] {
    const t = this.table();
    return Array.from({ length: bodyRect(t).rows }, (_, index) => ({ table: t, index }));
  }
  protected _make(target: RowTarget): TableRow { return new TableRow(this.context, () => target); }
  private _countProp: number | undefined;
  /** Number of body rows (after `load('count')` and sync). */
  get count(): number {
    if (this._countProp === undefined) throw apiError(ErrorCode.propertyNotLoaded, 'TableRowCollection.count', `The property 'count' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
    return this._countProp;
  }
  override load(spec?: unknown): this {
    if (spec === 'count' || (Array.isArray(spec) && spec.length === 1 && spec[0] === 'count')) {
      this.context.enqueue({ size: 16, apply: () => { const n = bodyRect(this.table()).rows; return { size: 8, commit: () => void (this._countProp = n) }; } });
      return this;
    }
    return super.load(spec);
  }
  /** Adds rows at body `index` (append when null/undefined); values must be n × columns. */
  add(index?: number | null, values?: unknown[][] | unknown[]): TableRow {
    const lines = values === undefined ? [] : Array.isArray(values[0]) ? (values as unknown[][]) : [values];
    let target: RowTarget | undefined;
    this.context.enqueue({
      size: JSON.stringify(values ?? null).length,
      apply: () => {
        const t = this.table();
        guardWrite(t.sheet, 'TableRowCollection.add');
        const blank = lines.length === 0 ? [new Array<unknown>(t.rect.cols).fill('')] : lines;
        target = { table: t, index: addRows(this.context.link.model, t, index ?? undefined, blank, ADDIN_ORIGIN) };
      },
    });
    return new TableRow(this.context, () => target ?? null);
  }
  /**
   * `deleteRowsAt(index, count)` (ExcelApi 1.17): deletes `count` body rows from body `index` in one
   * command; rows below move up, as `count` deletes of `TableRow` from the bottom would.
   * `InvalidArgument` at sync when the rows are not all in the body (or `count` < 1),
   * `AccessDenied` on a protected sheet.
   */
  deleteRowsAt(index: number, count = 1): void {
    this.context.enqueue({
      size: 32,
      apply: () => {
        const t = this.table();
        if (!Number.isInteger(index) || !Number.isInteger(count) || count < 1 || index < 0 || index + count > bodyRect(t).rows) {
          throw apiError(ErrorCode.invalidArgument, 'TableRowCollection.deleteRowsAt');
        }
        guardWrite(t.sheet, 'TableRowCollection.deleteRowsAt');
        deleteRows(this.context.link.model, t, index, count, ADDIN_ORIGIN);
      },
    });
  }
  /** The row at a body index; `InvalidArgument` at sync when out of range. */
  getItemAt(index: number): TableRow {
    return new TableRow(this.context, () => {
      const t = this.table();
      if (index < 0 || index >= bodyRect(t).rows) throw apiError(ErrorCode.invalidArgument, 'TableRowCollection.getItemAt');
      return { table: t, index };
    });
  }
}

/** A column: its table and its index at resolve time. */
interface ColumnTarget {
  table: TableModel;
  index: number;
}

/** `Excel.Filter` of a table column (values filters only). */
export class Filter extends ClientObject<ColumnTarget> {
  constructor(context: RequestContext, resolver: () => ColumnTarget | null) {
    super(context, resolver, 'Filter');
  }
  protected _props(): Record<string, Getter<ColumnTarget>> {
    return { criteria: (c) => { const f = c.table.filters.get(c.index); return f ? { filterOn: 'Values', values: [...f] } : null; } };
  }
  /** `{ filterOn: 'Values', values }` or null. */
  get criteria(): unknown { return this._get('criteria'); }
  /** Shows only rows whose shown text is one of `values`; hides the rest. */
  applyValuesFilter(values: (string | { date: string })[]): void {
    this._queue((c) => { guardWrite(c.table.sheet, 'Filter.applyValuesFilter'); filterTable(c.table, c.index, values.map(String)); });
  }
  /** Removes this column's filter. */
  clear(): void {
    this._queue((c) => filterTable(c.table, c.index, undefined));
  }
}

/** `Excel.TableColumn`. */
export class TableColumn extends ClientObject<ColumnTarget> {
  /** The column's filter. */
  readonly filter: Filter;
  constructor(context: RequestContext, resolver: () => ColumnTarget | null, orNull = false) {
    super(context, resolver, 'TableColumn', orNull);
    this.filter = new Filter(context, () => this._resolve());
  }
  protected _props(): Record<string, Getter<ColumnTarget>> {
    return {
      id: (c) => c.table.columnIds[c.index],
      index: (c) => c.index,
      name: (c) => headers(c.table)[c.index],
      values: (c) => c.table.sheet.readValues({ ...c.table.rect, col: c.table.rect.col + c.index, cols: 1 }),
    };
  }
  /** Stable id. */
  get id(): number { return this._get('id'); }
  /** Index within the table. */
  get index(): number { return this._get('index'); }
  /** Header text; setting renames the column. */
  get name(): string { return this._get('name'); }
  set name(v: string) {
    this._set('name', v, (c) => { guardWrite(c.table.sheet, 'TableColumn.name'); c.table.sheet.ensureCell(c.table.rect.row, c.table.rect.col + c.index).value = v; });
  }
  /** Header plus body values, n × 1. */
  get values(): unknown[][] { return this._get('values'); }
  private _part(rows: (t: TableModel) => { row: number; rows: number }): Range {
    return new Range(this.context, () => { const c = this._require(); return { sheet: c.table.sheet, rect: { ...rows(c.table), col: c.table.rect.col + c.index, cols: 1 } }; });
  }
  /** Body cells of the column. */
  getDataBodyRange(): Range { return this._part((t) => bodyRect(t)); }
  /** Header cell. */
  getHeaderRowRange(): Range { return this._part((t) => ({ row: t.rect.row, rows: 1 })); }
  /** Header and body. */
  getRange(): Range { return this._part((t) => t.rect); }
}

/** `Excel.TableColumnCollection`. */
export class TableColumnCollection extends ClientCollection<ColumnTarget, TableColumn> {
  constructor(context: RequestContext, private readonly table: () => TableModel) {
    super(context, 'TableColumnCollection');
  }
  protected _list(): ColumnTarget[] {
    const t = this.table();
    return Array.from({ length: t.rect.cols }, (_, index) => ({ table: t, index }));
  }
  protected _make(target: ColumnTarget): TableColumn { return new TableColumn(this.context, () => target); }
  /** Adds a column at `index` (append when null/undefined); `values` is header plus body, n × 1. */
  add(index?: number | null, values?: unknown[][], name?: string): TableColumn {
    let target: ColumnTarget | undefined;
    this.context.enqueue({
      size: 32 + JSON.stringify(values ?? null).length,
      apply: () => {
        const t = this.table();
        guardWrite(t.sheet, 'TableColumnCollection.add');
        target = { table: t, index: addColumn(this.context.link.model, t, index ?? undefined, values, name, ADDIN_ORIGIN) };
      },
    });
    return new TableColumn(this.context, () => target ?? null);
  }
  /** Column by index. */
  getItemAt(index: number): TableColumn {
    return new TableColumn(this.context, () => {
      const t = this.table();
      if (index < 0 || index >= t.rect.cols) throw apiError(ErrorCode.invalidArgument, 'TableColumnCollection.getItemAt');
      return { table: t, index };
    });
  }
  private _find(key: string | number): ColumnTarget | null {
    const t = this.table();
    const byName = headers(t).findIndex((h) => h.toLowerCase() === String(key).toLowerCase());
    const index = byName >= 0 ? byName : t.columnIds.indexOf(Number(key));
    return index >= 0 ? { table: t, index } : null;
  }
  /** Column by name or id; `ItemNotFound` at sync when missing. */
  getItem(key: string | number): TableColumn {
    return new TableColumn(this.context, () => this._find(key) ?? (() => { throw apiError(ErrorCode.itemNotFound, 'TableColumnCollection.getItem'); })());
  }
  /** Column by name or id, or a null object. */
  getItemOrNullObject(key: string | number): TableColumn {
    return new TableColumn(this.context, () => this._find(key), true);
  }
}
