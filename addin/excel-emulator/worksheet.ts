/**
 * `Excel.Worksheet`, its collection and its protection.
 */
import { parseAddress, type Rect } from './address.js';
import { ClientObject, type Getter } from './client-object.js';
import { ClientCollection } from './collection.js';
import { apiError, ErrorCode } from './errors.js';
import { EventSource } from './event-source.js';
import { Range } from './range.js';
import type { RequestContext } from './request-context.js';
import type { SheetModel } from './sheet-model.js';
import { TableCollection } from './table.js';

/**
 * Excel's rules for a tab name (Microsoft, "Rename a worksheet"): 1 to 31 characters, none of
 * `\ / ? * [ ] :`, no apostrophe first or last, not `History` (kept by Excel). Excel refuses
 * any other name with `InvalidArgument`, both in `worksheets.add` and when renaming.
 */
function checkSheetName(name: string, location: string): void {
  const bad = name.length === 0 || name.length > 31 || /[\\/?*[\]:]/.test(name) || name.startsWith("'") || name.endsWith("'") || name.toLowerCase() === 'history';
  if (bad) throw apiError(ErrorCode.invalidArgument, location, `The sheet name "${name}" is not one Excel accepts.`);
}

/**
 * `Excel.WorksheetProtection` (options ignored). A sheet protected with a password is unprotected
 * only with that password: `unprotect()` without it (or with another) fails the request with
 * `InvalidArgument`, as Excel refuses a wrong or missing protection password (what Microsoft Graph
 * answers for `unprotect` with one: "The argument is invalid or missing or has an incorrect format").
 * With the host's `protectionStateErrors`, the regression of office-js #6784: a sheet already in
 * the state asked for fails the request with `AccessDenied`. A change of the state raises
 * `onProtectionChanged` (of the sheet and of the collection) when events are on.
 */
export class WorksheetProtection extends ClientObject<SheetModel> {
  constructor(context: RequestContext, resolver: () => SheetModel | null) {
    super(context, resolver, 'WorksheetProtection');
  }
  protected _props(): Record<string, Getter<SheetModel>> {
    return { protected: (s) => s.protected };
  }
  /** Whether the sheet is protected. */
  get protected(): boolean { return this._get('protected'); }
  /** Protects the sheet; add-in writes then fail with `AccessDenied`. */
  protect(_options?: unknown, password?: string): void {
    this._queue((s) => {
      const model = this.context.link.model;
      if (s.protected && model.protectionStateErrors) throw apiError(ErrorCode.accessDenied, 'WorksheetProtection.protect');
      const was = { on: s.protected, password: s.password };
      s.protected = true;
      s.password = password || undefined;
      if (!was.on) model.protectionChanged(s, s.password !== was.password);
    });
  }
  /** Unprotects the sheet; a password-protected one only with its password. */
  unprotect(password?: string): void {
    this._queue((s) => {
      if (!s.protected && this.context.link.model.protectionStateErrors) throw apiError(ErrorCode.accessDenied, 'WorksheetProtection.unprotect');
      if (s.protected && s.password !== undefined && password !== s.password) {
        throw apiError(ErrorCode.invalidArgument, 'WorksheetProtection.unprotect', 'The password you supplied is not correct.');
      }
      const had = s.password !== undefined;
      const was = s.protected;
      s.protected = false;
      s.password = undefined;
      if (was) this.context.link.model.protectionChanged(s, had);
    });
  }
}

/** `Excel.WorksheetFreezePanes` (rows and columns from the top-left). */
export class WorksheetFreezePanes {
  constructor(private readonly context: RequestContext, private readonly sheet: Worksheet) {}
  private _freeze(rows: number, columns: number): void {
    this.context.enqueue({ size: 24, apply: () => void (this.sheet._require().frozen = { rows, columns }) });
  }
  /** Freezes the top `count` rows. */
  freezeRows(count = 1): void { this._freeze(count, 0); }
  /** Freezes the left `count` columns. */
  freezeColumns(count = 1): void { this._freeze(0, count); }
  /** Freezes `rows` rows and `columns` columns. */
  freezeAt(rows: number, columns: number): void { this._freeze(rows, columns); }
  /** Removes frozen panes. */
  unfreeze(): void { this._freeze(0, 0); }
}

/** `Excel.Worksheet`. */
export class Worksheet extends ClientObject<SheetModel> {
  /** Protection state and protect/unprotect. */
  readonly protection: WorksheetProtection;
  /** Tables on this sheet. */
  readonly tables: TableCollection;
  /** Frozen panes. */
  readonly freezePanes: WorksheetFreezePanes;
  /** Data changes on this sheet (`WorksheetChangedEventArgs`). */
  readonly onChanged: EventSource<unknown>;
  /** Selection changes on this sheet. */
  readonly onSelectionChanged: EventSource<unknown>;
  /** The sheet's protection switched on or off (`WorksheetProtectionChangedEventArgs`, ExcelApi 1.14). */
  readonly onProtectionChanged: EventSource<unknown>;

  constructor(context: RequestContext, resolver: () => SheetModel | null, orNull = false) {
    super(context, resolver, 'Worksheet', orNull);
    this.protection = new WorksheetProtection(context, () => this._resolve());
    this.tables = new TableCollection(context, () => this._require());
    this.freezePanes = new WorksheetFreezePanes(context, this);
    this.onChanged = new EventSource(context, 'worksheetChanged', () => this._require().id);
    this.onSelectionChanged = new EventSource(context, 'selectionChanged', () => this._require().id);
    this.onProtectionChanged = new EventSource(context, 'protectionChanged', () => this._require().id);
  }

  protected _props(): Record<string, Getter<SheetModel>> {
    const model = this.context.link.model;
    return {
      id: (s) => s.id,
      name: (s) => s.name,
      position: (s) => model.sheets.indexOf(s),
      visibility: (s) => s.visibility,
    };
  }
  protected override _navigation(name: string): { load(spec?: unknown): unknown } | undefined {
    return name === 'protection' ? this.protection : undefined;
  }

  /** Stable id. */
  get id(): string { return this._get('id'); }
  /** Sheet name; renaming to an existing name fails with `ItemAlreadyExists`. */
  get name(): string { return this._get('name'); }
  set name(v: string) {
    this._set('name', v, (s) => {
      checkSheetName(v, 'Worksheet.name');
      const other = this.context.link.model.sheet(v);
      if (other && other !== s) throw apiError(ErrorCode.itemAlreadyExists, 'Worksheet.name');
      s.name = v;
    });
  }
  /** Zero-based position. */
  get position(): number { return this._get('position'); }
  /** `Visible`, `Hidden` or `VeryHidden`. */
  get visibility(): string { return this._get('visibility'); }
  set visibility(v: string) { this._set('visibility', v, (s) => void (s.visibility = v)); }

  /** A range by A1 address (`A1:C3`, `B:B`, `2:4`); the whole sheet when omitted. */
  getRange(address?: string): Range {
    return new Range(this.context, () => {
      const sheet = this._require();
      if (address === undefined) return { sheet, rect: { row: 0, col: 0, rows: 1_048_576, cols: 16_384 } };
      const parsed = parseAddress(address);
      if (!parsed || (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase())) throw apiError(ErrorCode.invalidArgument, 'Worksheet.getRange');
      return { sheet, rect: parsed.rect };
    });
  }
  /** A range by zero-based indexes and size. */
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    return new Range(this.context, () => {
      const sheet = this._require();
      const rect: Rect = { row: startRow, col: startColumn, rows: rowCount, cols: columnCount };
      if (rowCount < 1 || columnCount < 1 || startRow < 0 || startColumn < 0) throw apiError(ErrorCode.invalidArgument, 'Worksheet.getRangeByIndexes');
      return { sheet, rect };
    });
  }
  /** The used range; `A1` on an empty sheet (as in Excel). */
  getUsedRange(valuesOnly = false): Range {
    return new Range(this.context, () => {
      const sheet = this._require();
      return { sheet, rect: sheet.usedRect(valuesOnly) ?? { row: 0, col: 0, rows: 1, cols: 1 } };
    });
  }
  /** The used range, or a null object on an empty sheet. */
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return new Range(this.context, () => {
      const sheet = this._require();
      const rect = sheet.usedRect(valuesOnly);
      return rect ? { sheet, rect } : null;
    }, true);
  }
  /** Makes this the active sheet. */
  activate(): void {
    this._queue((s) => void (this.context.link.model.activeSheetId = s.id));
  }
  /** Deletes the sheet (and its tables). */
  delete(): void {
    this._queue((s) => {
      const model = this.context.link.model;
      if (model.sheets.length === 1) throw apiError(ErrorCode.invalidOperation, 'Worksheet.delete');
      model.sheets.splice(model.sheets.indexOf(s), 1);
      for (const t of model.tablesOn(s)) model.tables.splice(model.tables.indexOf(t), 1);
      if (model.activeSheetId === s.id) model.activeSheetId = model.sheets[0]?.id ?? '';
    });
  }
}

/** `Excel.WorksheetCollection`. */
export class WorksheetCollection extends ClientCollection<SheetModel, Worksheet> {
  /** Data changes on any sheet. */
  readonly onChanged: EventSource<unknown>;
  /** Any sheet's protection switched on or off (`WorksheetProtectionChangedEventArgs`, ExcelApi 1.14). */
  readonly onProtectionChanged: EventSource<unknown>;
  constructor(context: RequestContext) {
    super(context, 'WorksheetCollection');
    this.onChanged = new EventSource(context, 'worksheetsChanged', () => '*');
    this.onProtectionChanged = new EventSource(context, 'protectionChanged', () => '*');
  }
  protected _list(): SheetModel[] { return this.context.link.model.sheets; }
  protected _make(target: SheetModel): Worksheet { return new Worksheet(this.context, () => target); }

  /** Adds a sheet (`Sheet2`, … when unnamed); a taken name fails with `ItemAlreadyExists`, a name Excel refuses with `InvalidArgument`. */
  add(name?: string): Worksheet {
    let created: SheetModel | undefined;
    this.context.enqueue({
      size: 32 + (name?.length ?? 0),
      apply: () => {
        const model = this.context.link.model;
        let n = model.sheets.length + 1;
        while (name === undefined && model.sheet(`Sheet${n}`)) n++;
        const finalName = name ?? `Sheet${n}`;
        checkSheetName(finalName, 'WorksheetCollection.add');
        if (model.sheet(finalName)) throw apiError(ErrorCode.itemAlreadyExists, 'WorksheetCollection.add');
        created = model.addSheet(finalName);
      },
    });
    return new Worksheet(this.context, () => created ?? null);
  }
  /** A sheet by name or id; `ItemNotFound` at sync when there is none. */
  getItem(key: string): Worksheet {
    return new Worksheet(this.context, () => this.context.link.model.sheet(key) ?? (() => { throw apiError(ErrorCode.itemNotFound, 'WorksheetCollection.getItem'); })());
  }
  /** A sheet by name or id, or a null object. */
  getItemOrNullObject(key: string): Worksheet {
    return new Worksheet(this.context, () => this.context.link.model.sheet(key) ?? null, true);
  }
  /** The active sheet. */
  getActiveWorksheet(): Worksheet {
    return new Worksheet(this.context, () => {
      const model = this.context.link.model;
      return model.sheet(model.activeSheetId) ?? null;
    });
  }
}
