/**
 * Range formatting the binding uses: fill and font colour, bold, column width, list data
 * validation and custom-formula conditional formats.
 */
import { ClientObject, type Getter } from './client-object.js';
import { ClientCollection } from './collection.js';
import { apiError, ErrorCode } from './errors.js';
import { guardWrite } from './guards.js';
import type { RangeTarget, Range } from './range.js';
import type { RequestContext } from './request-context.js';
import { DEFAULT_COLUMN_WIDTH, DEFAULT_ERROR_ALERT, type ConditionalFormatModel, type ErrorAlertModel, type ValidationModel } from './sheet-model.js';

const named: Record<string, string> = { red: '#FF0000', yellow: '#FFFF00', green: '#008000', blue: '#0000FF', white: '#FFFFFF', black: '#000000', orange: '#FFA500', gray: '#808080' };

/** Excel reports colours as upper-case `#RRGGBB`. */
export function normalizeColor(color: string): string {
  return named[color.toLowerCase()] ?? color.toUpperCase();
}

function same<V>(items: V[]): V | null {
  const first = items[0];
  return items.every((v) => v === first) ? (first ?? null) : null;
}

function cellsOf<V>(t: RangeTarget, f: (row: number, col: number) => V): V[] {
  const out: V[] = [];
  const rows = Math.min(t.rect.rows, 10_000), cols = Math.min(t.rect.cols, 1_000);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out.push(f(t.rect.row + r, t.rect.col + c));
  return out;
}

abstract class RangePart extends ClientObject<RangeTarget> {
  constructor(context: RequestContext, protected readonly range: Range, name: string) {
    super(context, () => range._resolve(), name);
  }
  /** Queues a write after the protection check. */
  protected _edit(name: string, value: unknown, apply: (t: RangeTarget) => void): void {
    this._set(name, value, (t) => {
      guardWrite(t.sheet, `${this._typeName}.${name}`);
      apply(t);
    });
  }
  /** Applies `f` to every cell of the range. */
  protected _each(t: RangeTarget, f: (row: number, col: number) => void): void {
    for (let r = t.rect.row; r < t.rect.row + t.rect.rows; r++) for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) f(r, c);
  }
}

/** `Excel.RangeFill`. */
export class RangeFill extends RangePart {
  constructor(context: RequestContext, range: Range) { super(context, range, 'RangeFill'); }
  protected _props(): Record<string, Getter<RangeTarget>> {
    return { color: (t) => same(cellsOf(t, (r, c) => t.sheet.cell(r, c)?.fill ?? '#FFFFFF')) };
  }
  /** `#RRGGBB`, or null when the cells differ. */
  get color(): string { return this._get('color'); }
  set color(v: string) { this._edit('color', v, (t) => this._each(t, (r, c) => void (t.sheet.ensureCell(r, c).fill = normalizeColor(v)))); }
  /** Removes the fill. */
  clear(): void {
    this._cache.delete('color');
    this._queue((t) => { guardWrite(t.sheet, 'RangeFill.clear'); this._each(t, (r, c) => void delete t.sheet.ensureCell(r, c).fill); });
  }
}

/** `Excel.RangeFont` (colour and bold). */
export class RangeFont extends RangePart {
  constructor(context: RequestContext, range: Range) { super(context, range, 'RangeFont'); }
  protected _props(): Record<string, Getter<RangeTarget>> {
    return {
      color: (t) => same(cellsOf(t, (r, c) => t.sheet.cell(r, c)?.fontColor ?? '#000000')),
      bold: (t) => same(cellsOf(t, (r, c) => t.sheet.cell(r, c)?.bold === true)),
    };
  }
  /** `#RRGGBB`, or null when the cells differ. */
  get color(): string { return this._get('color'); }
  set color(v: string) { this._edit('color', v, (t) => this._each(t, (r, c) => void (t.sheet.ensureCell(r, c).fontColor = normalizeColor(v)))); }
  /** Bold, or null when the cells differ. */
  get bold(): boolean { return this._get('bold'); }
  set bold(v: boolean) { this._edit('bold', v, (t) => this._each(t, (r, c) => void (t.sheet.ensureCell(r, c).bold = v))); }
}

/** `Excel.RangeFormat`. */
export class RangeFormat extends RangePart {
  /** Fill colour. */
  readonly fill: RangeFill;
  /** Font colour and weight. */
  readonly font: RangeFont;
  constructor(context: RequestContext, range: Range) {
    super(context, range, 'RangeFormat');
    this.fill = new RangeFill(context, range);
    this.font = new RangeFont(context, range);
  }
  protected _props(): Record<string, Getter<RangeTarget>> {
    return { columnWidth: (t) => same(cellsOf({ ...t, rect: { ...t.rect, rows: 1 } }, (_r, c) => t.sheet.columns[c]?.width ?? DEFAULT_COLUMN_WIDTH)) };
  }
  protected override _navigation(name: string): { load(spec?: unknown): unknown } | undefined {
    return name === 'fill' ? this.fill : name === 'font' ? this.font : undefined;
  }
  /** Sets each column's width from its longest shown text (about 7 points per character). */
  autofitColumns(): void {
    this._queue((t) => {
      const rows = Math.min(t.rect.rows, 10_000);
      for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) {
        let longest = 0;
        for (let r = t.rect.row; r < t.rect.row + rows; r++) longest = Math.max(longest, String(t.sheet.value(r, c)).length);
        t.sheet.column(c).width = Math.max(DEFAULT_COLUMN_WIDTH / 4, longest * 7 + 5);
      }
    });
  }
  /** Width of the columns in points, or null when they differ. */
  get columnWidth(): number { return this._get('columnWidth'); }
  set columnWidth(v: number) {
    this._edit('columnWidth', v, (t) => { for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) t.sheet.column(c).width = v; });
  }
}

/** The rule shape the emulator supports: a list, from a comma list or a range reference. */
export interface ListRule {
  list?: { inCellDropDown: boolean; source: string };
}

/** `Excel.DataValidation` (list rules). */
export class DataValidation extends RangePart {
  constructor(context: RequestContext, range: Range) { super(context, range, 'DataValidation'); }
  protected _props(): Record<string, Getter<RangeTarget>> {
    const at = (t: RangeTarget): ValidationModel | undefined => t.sheet.validationAt(t.rect.row, t.rect.col);
    return {
      rule: (t) => { const v = at(t); return v ? structuredClone(v.rule) : {}; },
      type: (t) => (at(t) ? 'List' : 'None'),
      errorAlert: (t) => ({ ...(at(t)?.errorAlert ?? DEFAULT_ERROR_ALERT) }),
    };
  }
  /** The rule on the range's first cell (`{}` when none). */
  get rule(): ListRule { return this._get('rule'); }
  set rule(v: ListRule) {
    this._edit('rule', v, (t) => {
      if (!v.list || typeof v.list.source !== 'string' || v.list.source === '') throw apiError(ErrorCode.invalidArgument, 'DataValidation.rule');
      t.sheet.validations.push({ rect: t.rect, rule: { list: { inCellDropDown: v.list.inCellDropDown !== false, source: v.list.source } }, errorAlert: { ...DEFAULT_ERROR_ALERT } });
    });
  }
  /** What Excel does when a value outside the list is typed (see {@link ErrorAlertModel}). */
  get errorAlert(): ErrorAlertModel { return this._get('errorAlert'); }
  set errorAlert(v: Partial<ErrorAlertModel>) {
    this._edit('errorAlert', v, (t) => {
      if (v.style !== undefined && !['Stop', 'Warning', 'Information'].includes(v.style)) throw apiError(ErrorCode.invalidArgument, 'DataValidation.errorAlert');
      if ((v.title?.length ?? 0) > 32 || (v.message?.length ?? 0) > 255) throw apiError(ErrorCode.invalidArgument, 'DataValidation.errorAlert', 'Title over 32 or message over 255 characters.');
      const covered = t.sheet.validations.filter((x) => x.rect.row >= t.rect.row && x.rect.col >= t.rect.col && x.rect.row + x.rect.rows <= t.rect.row + t.rect.rows && x.rect.col + x.rect.cols <= t.rect.col + t.rect.cols);
      if (covered.length === 0) throw apiError(ErrorCode.invalidOperation, 'DataValidation.errorAlert', 'The emulator sets an error alert only on a range that holds a validation rule.');
      for (const x of covered) x.errorAlert = { ...x.errorAlert, ...v };
    });
  }
  /** `List` or `None`. */
  get type(): string { return this._get('type'); }
  /** Removes validation from the range. */
  clear(): void {
    this._cache.delete('rule');
    this._queue((t) => {
      guardWrite(t.sheet, 'DataValidation.clear');
      t.sheet.validations = t.sheet.validations.filter((v) => !(v.rect.row >= t.rect.row && v.rect.col >= t.rect.col && v.rect.row + v.rect.rows <= t.rect.row + t.rect.rows && v.rect.col + v.rect.cols <= t.rect.col + t.rect.cols));
      for (const v of t.sheet.validations) {
        if (v.rect.col < t.rect.col + t.rect.cols && t.rect.col < v.rect.col + v.rect.cols && v.rect.row < t.rect.row + t.rect.rows && t.rect.row < v.rect.row + v.rect.rows) {
          throw apiError(ErrorCode.invalidOperation, 'DataValidation.clear', 'The emulator clears only validations that lie wholly inside the range.');
        }
      }
    });
  }
}

/** Fill and font of a conditional format (`cf.custom.format`). */
class ConditionalFormatStyle {
  readonly fill: { color: string };
  readonly font: { color: string };
  constructor(set: (patch: Partial<ConditionalFormatModel>) => void) {
    this.fill = { set color(v: string) { set({ fill: normalizeColor(v) }); }, get color(): string { return ''; } };
    this.font = { set color(v: string) { set({ fontColor: normalizeColor(v) }); }, get color(): string { return ''; } };
  }
}

/** `Excel.ConditionalFormat` of type custom; `custom.rule.formula` and `custom.format` are write-only here. */
export class ConditionalFormat extends ClientObject<ConditionalFormatModel> {
  /** `custom.rule.formula`, `custom.format.fill.color`, `custom.format.font.color`. */
  readonly custom: { rule: { formula: string }; format: ConditionalFormatStyle };
  constructor(context: RequestContext, resolver: () => ConditionalFormatModel | null) {
    super(context, resolver, 'ConditionalFormat');
    const set = (patch: Partial<ConditionalFormatModel>): void => this._queue((m) => Object.assign(m, patch));
    this.custom = {
      rule: { set formula(v: string) { set({ formula: v }); }, get formula(): string { return ''; } },
      format: new ConditionalFormatStyle(set),
    };
  }
  protected _props(): Record<string, Getter<ConditionalFormatModel>> {
    return { id: (m) => m.id, type: (m) => m.type };
  }
  /** Format id. */
  get id(): string { return this._get('id'); }
  /** `Custom`. */
  get type(): string { return this._get('type'); }
}

/** `Excel.ConditionalFormatCollection` of a range. */
export class ConditionalFormatCollection extends ClientCollection<ConditionalFormatModel, ConditionalFormat> {
  constructor(context: RequestContext, private readonly range: Range) { super(context, 'ConditionalFormatCollection'); }
  protected _list(): ConditionalFormatModel[] {
    const t = this.range._require();
    return t.sheet.conditionalFormats.filter((f) => f.rect.row < t.rect.row + t.rect.rows && t.rect.row < f.rect.row + f.rect.rows && f.rect.col < t.rect.col + t.rect.cols && t.rect.col < f.rect.col + f.rect.cols);
  }
  protected _make(target: ConditionalFormatModel): ConditionalFormat {
    return new ConditionalFormat(this.context, () => target);
  }
  /** Adds a format; only `Custom` is emulated. */
  add(type: string): ConditionalFormat {
    let created: ConditionalFormatModel | undefined;
    this.context.enqueue({
      size: 24,
      apply: () => {
        const t = this.range._require();
        guardWrite(t.sheet, 'ConditionalFormatCollection.add');
        if (type !== 'Custom') throw apiError(ErrorCode.invalidArgument, 'ConditionalFormatCollection.add', 'The emulator supports only custom conditional formats.');
        created = { id: this.context.link.model.newId('cf'), rect: t.rect, type, formula: '' };
        t.sheet.conditionalFormats.push(created);
      },
    });
    return new ConditionalFormat(this.context, () => created ?? null);
  }
  /** Removes every conditional format touching the range. */
  clearAll(): void {
    this.context.enqueue({
      size: 16,
      apply: () => {
        const t = this.range._require();
        guardWrite(t.sheet, 'ConditionalFormatCollection.clearAll');
        const doomed = new Set(this._list());
        t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((f) => !doomed.has(f));
      },
    });
  }
}
