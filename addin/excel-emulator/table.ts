/**
 * `Excel.Table` and `Excel.TableCollection` (workbook-wide or one sheet's), with sort and
 * auto-filter.
 */
import { parseAddress, type Rect } from './address.js';
import { ClientObject, type Getter } from './client-object.js';
import { ClientCollection } from './collection.js';
import { apiError, ErrorCode } from './errors.js';
import { EventSource } from './event-source.js';
import { ADDIN_ORIGIN } from './events.js';
import { guardWrite } from './guards.js';
import { Range } from './range.js';
import type { RequestContext } from './request-context.js';
import type { SheetModel } from './sheet-model.js';
import { TableColumnCollection, TableRowCollection } from './table-parts.js';
import { bodyRect, createTable, filterTable, headerRect, sortTable, type SortField, type TableModel } from './table-model.js';

/** `Excel.TableSort`. */
export class TableSort {
  constructor(private readonly context: RequestContext, private readonly table: Table) {}
  /** Sorts the body rows by `fields` (`key` is the column index); raises `onChanged`. */
  apply(fields: SortField[], _matchCase?: boolean): void {
    this.context.enqueue({
      size: 32,
      apply: () => {
        const t = this.table._require();
        guardWrite(t.sheet, 'TableSort.apply');
        sortTable(this.context.link.model, t, fields, ADDIN_ORIGIN);
      },
    });
  }
}

/** `Excel.AutoFilter` of a table (clearing only). */
export class AutoFilter {
  constructor(private readonly context: RequestContext, private readonly table: Table) {}
  /** Removes every column filter; all rows show again. */
  clearCriteria(): void {
    this.context.enqueue({ size: 16, apply: () => { const t = this.table._require(); for (const col of [...t.filters.keys()]) filterTable(t, col, undefined); } });
  }
}

/** `Excel.Table`. */
export class Table extends ClientObject<TableModel> {
  /** Body rows. */
  readonly rows: TableRowCollection;
  /** Columns. */
  readonly columns: TableColumnCollection;
  /** Sorting. */
  readonly sort: TableSort;
  /** Filters. */
  readonly autoFilter: AutoFilter;
  /** Data changes inside the table (`TableChangedEventArgs`). */
  readonly onChanged: EventSource<unknown>;
  /** Selection changes inside the table. */
  readonly onSelectionChanged: EventSource<unknown>;

  constructor(context: RequestContext, resolver: () => TableModel | null, orNull = false) {
    super(context, resolver, 'Table', orNull);
    this.rows = new TableRowCollection(context, () => this._require());
    this.columns = new TableColumnCollection(context, () => this._require());
    this.sort = new TableSort(context, this);
    this.autoFilter = new AutoFilter(context, this);
    this.onChanged = new EventSource(context, 'tableChanged', () => this._require().id);
    this.onSelectionChanged = new EventSource(context, 'tableSelectionChanged', () => this._require().id);
  }
  protected _props(): Record<string, Getter<TableModel>> {
    return {
      id: (t) => t.id,
      name: (t) => t.name,
      showHeaders: (t) => t.showHeaders,
      showTotals: () => false,
      style: (t) => t.style,
      worksheetId: (t) => t.sheet.id,
    };
  }
  /** Stable id. */
  get id(): string { return this._get('id'); }
  /** Name; unique in the workbook. */
  get name(): string { return this._get('name'); }
  set name(v: string) {
    this._set('name', v, (t) => {
      const other = this.context.link.model.table(v);
      if (other && other !== t) throw apiError(ErrorCode.itemAlreadyExists, 'Table.name');
      if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(v)) throw apiError(ErrorCode.invalidArgument, 'Table.name');
      t.name = v;
    });
  }
  /** Built-in style name, e.g. `TableStyleMedium2`. */
  get style(): string { return this._get('style'); }
  set style(v: string) { this._set('style', v, (t) => void (t.style = v)); }
  /** Always true here. */
  get showHeaders(): boolean { return this._get('showHeaders'); }
  /** Always false here (no total row). */
  get showTotals(): boolean { return this._get('showTotals'); }

  private _range(f: (t: TableModel) => Rect): Range {
    return new Range(this.context, () => { const t = this._require(); return { sheet: t.sheet, rect: f(t) }; });
  }
  /** Header row plus body. */
  getRange(): Range { return this._range((t) => t.rect); }
  /** The header row. */
  getHeaderRowRange(): Range { return this._range(headerRect); }
  /** The body rows. */
  getDataBodyRange(): Range { return this._range(bodyRect); }
  /** Removes the table, keeping its cells' values. */
  convertToRange(): Range {
    const range = this.getRange();
    this._queue((t) => { const tables = this.context.link.model.tables; tables.splice(tables.indexOf(t), 1); });
    return range;
  }
  /** Deletes the table and its cells' contents. */
  delete(): void {
    this._queue((t) => {
      guardWrite(t.sheet, 'Table.delete');
      const tables = this.context.link.model.tables;
      tables.splice(tables.indexOf(t), 1);
      for (let r = t.rect.row; r < t.rect.row + t.rect.rows; r++) for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) t.sheet.ensureCell(r, c).value = '';
    });
  }
}

/** `Excel.TableCollection` of the workbook (no sheet) or of one sheet. */
export class TableCollection extends ClientCollection<TableModel, Table> {
  /** Data changes in any table of this collection. */
  readonly onChanged: EventSource<unknown>;
  constructor(context: RequestContext, private readonly sheet?: () => SheetModel) {
    super(context, 'TableCollection');
    this.onChanged = new EventSource(context, 'tableChanged', () => (sheet ? `sheet:${sheet().id}` : '*'));
  }
  protected _list(): TableModel[] {
    const model = this.context.link.model;
    return this.sheet ? model.tablesOn(this.sheet()) : model.tables;
  }
  protected _make(target: TableModel): Table { return new Table(this.context, () => target); }

  /** Creates a table over `address` (`Sheet1!A1:C1` or, on a sheet's collection, `A1:C1`). */
  add(address: string | Range, hasHeaders: boolean): Table {
    let created: TableModel | undefined;
    this.context.enqueue({
      size: 48,
      apply: () => {
        const model = this.context.link.model;
        let sheet: SheetModel | undefined;
        let rect: Rect;
        if (typeof address === 'string') {
          const parsed = parseAddress(address);
          if (!parsed) throw apiError(ErrorCode.invalidArgument, 'TableCollection.add');
          sheet = parsed.sheet !== undefined ? model.sheet(parsed.sheet) : this.sheet?.() ?? model.sheet(model.activeSheetId);
          rect = parsed.rect;
        } else {
          const t = address._require();
          sheet = t.sheet;
          rect = t.rect;
        }
        if (!sheet || (this.sheet && this.sheet() !== sheet)) throw apiError(ErrorCode.invalidArgument, 'TableCollection.add');
        guardWrite(sheet, 'TableCollection.add');
        created = createTable(model, sheet, rect, hasHeaders, ADDIN_ORIGIN);
      },
    });
    return new Table(this.context, () => created ?? null);
  }
  /** A table by name or id; `ItemNotFound` at sync when missing. */
  getItem(key: string): Table {
    return new Table(this.context, () => this._find(key) ?? (() => { throw apiError(ErrorCode.itemNotFound, 'TableCollection.getItem'); })());
  }
  /** A table by name or id, or a null object. */
  getItemOrNullObject(key: string): Table {
    return new Table(this.context, () => this._find(key), true);
  }
  private _find(key: string): TableModel | null {
    const t = this.context.link.model.table(key);
    return t && (!this.sheet || t.sheet === this.sheet()) ? t : null;
  }
}
