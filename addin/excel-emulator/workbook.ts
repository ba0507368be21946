/**
 * `Excel.Workbook` (worksheets, tables, settings, selection) and `Excel.Runtime`.
 */
import { ClientObject, type Getter } from './client-object.js';
import { ClientCollection } from './collection.js';
import { apiError, ErrorCode } from './errors.js';
import { Range } from './range.js';
import type { RequestContext } from './request-context.js';
import { TableCollection } from './table.js';
import type { WorkbookModel } from './workbook-model.js';
import { WorksheetCollection } from './worksheet.js';

interface SettingTarget {
  key: string;
  model: WorkbookModel;
}

/** `Excel.Setting`: a key and a JSON value stored in the workbook. */
export class Setting extends ClientObject<SettingTarget> {
  constructor(context: RequestContext, resolver: () => SettingTarget | null, orNull = false) {
    super(context, resolver, 'Setting', orNull);
  }
  protected _props(): Record<string, Getter<SettingTarget>> {
    return { key: (s) => s.key, value: (s) => structuredClone(s.model.settings.get(s.key)) };
  }
  /** The key. */
  get key(): string { return this._get('key'); }
  /** The value (any JSON); setting replaces it. */
  get value(): unknown { return this._get('value'); }
  set value(v: unknown) { this._set('value', v, (s) => void s.model.settings.set(s.key, structuredClone(v))); }
  /** Removes the setting. */
  delete(): void { this._queue((s) => void s.model.settings.delete(s.key)); }
}

/** `Excel.SettingCollection`. */
export class SettingCollection extends ClientCollection<SettingTarget, Setting> {
  constructor(context: RequestContext) { super(context, 'SettingCollection'); }
  protected _list(): SettingTarget[] {
    const model = this.context.link.model;
    return [...model.settings.keys()].map((key) => ({ key, model }));
  }
  protected _make(target: SettingTarget): Setting { return new Setting(this.context, () => target); }
  /** Sets (adds or replaces) a setting. */
  add(key: string, value: unknown): Setting {
    const model = this.context.link.model;
    this.context.enqueue({ size: key.length + JSON.stringify(value ?? null).length, apply: () => void model.settings.set(key, structuredClone(value)) });
    return new Setting(this.context, () => ({ key, model }));
  }
  /** A setting; `ItemNotFound` at sync when missing. */
  getItem(key: string): Setting {
    const model = this.context.link.model;
    return new Setting(this.context, () => (model.settings.has(key) ? { key, model } : (() => { throw apiError(ErrorCode.itemNotFound, 'SettingCollection.getItem'); })()));
  }
  /** A setting, or a null object. */
  getItemOrNullObject(key: string): Setting {
    const model = this.context.link.model;
    return new Setting(this.context, () => (model.settings.has(key) ? { key, model } : null), true);
  }
}

/** `Excel.Runtime`: `enableEvents` is shared by every context of the add-in. */
export class Runtime extends ClientObject<WorkbookModel> {
  constructor(context: RequestContext) { super(context, () => context.link.model, 'Runtime'); }
  protected _props(): Record<string, Getter<WorkbookModel>> {
    return { enableEvents: (m) => m.events.enabled };
  }
  /** Whether events fire for this add-in; writes made while false raise none. */
  get enableEvents(): boolean { return this._get('enableEvents'); }
  set enableEvents(v: boolean) { this._set('enableEvents', v, (m) => void (m.events.enabled = v)); }
}

/** `Excel.Workbook`. */
export class Workbook extends ClientObject<WorkbookModel> {
  /** Sheets. */
  readonly worksheets: WorksheetCollection;
  /** Every table. */
  readonly tables: TableCollection;
  /** Add-in settings stored in the workbook. */
  readonly settings: SettingCollection;

  constructor(context: RequestContext) {
    super(context, () => context.link.model, 'Workbook');
    this.worksheets = new WorksheetCollection(context);
    this.tables = new TableCollection(context);
    this.settings = new SettingCollection(context);
  }
  protected _props(): Record<string, Getter<WorkbookModel>> {
    return { name: (m) => m.name };
  }
  /** The workbook's name: its file's, or `Book<n>` for a new one (ExcelApi 1.7). */
  get name(): string { return this._get('name'); }
  /** The selected range; `InvalidSelection`-free: A1 of the active sheet when nothing was selected. */
  getSelectedRange(): Range {
    return new Range(this.context, () => {
      const model = this.context.link.model;
      const sel = model.selection;
      const sheet = model.sheet(sel?.sheetId ?? model.activeSheetId);
      if (!sheet) throw apiError(ErrorCode.itemNotFound, 'Workbook.getSelectedRange');
      return { sheet, rect: sel?.rect ?? { row: 0, col: 0, rows: 1, cols: 1 } };
    });
  }
}
