/**
 * The stored state of one worksheet: a sparse grid of cells (rows are arrays, so inserting and
 * deleting rows is a splice), row and column flags, data validation and conditional formats.
 */
import { intersect, type Rect } from './address.js';
import { formatText, mayConvert, parseInput, type Scalar } from './cell-values.js';
import type { ExcelLocale } from './locale.js';
import type { CustomFunctionsRuntime } from './custom-functions.js';
import { evaluateFormula, MAX_DEPTH } from './formula.js';
import { shiftRuleColumns, shiftRuleRows, type ConditionalFormatModel, type ValidationModel } from './sheet-rules.js';

export { DEFAULT_ERROR_ALERT, type ConditionalFormatModel, type ErrorAlertModel, type ValidationModel } from './sheet-rules.js';

/** One stored cell. */
export interface Cell {
  value: Scalar;
  formula?: string;
  numberFormat?: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
}

interface Row {
  cells: (Cell | undefined)[];
  hidden?: boolean;
}

/** Per-column flags. */
export interface ColumnMeta {
  hidden?: boolean;
  width?: number;
}

/** How a sheet reaches the custom-functions runtime: `changed` tells the host a streamed result arrived. */
export interface CalcHook {
  runtime: CustomFunctionsRuntime;
  changed(): void;
}

/** Default column width in points, as Excel reports it. */
export const DEFAULT_COLUMN_WIDTH = 48;

/** One worksheet's data. */
export class SheetModel {
  name: string;
  visibility = 'Visible';
  protected = false;
  /** The protection's password, when it was protected with one. */
  password: string | undefined = undefined;
  /** Frozen rows and columns (`freezePanes`). */
  frozen = { rows: 0, columns: 0 };
  readonly rows: (Row | undefined)[] = [];
  readonly columns: (ColumnMeta | undefined)[] = [];
  validations: ValidationModel[] = [];
  conditionalFormats: ConditionalFormatModel[] = [];
  /** Custom functions, when the host has a runtime (see `custom-functions.ts`). */
  calc: CalcHook | undefined;
  /** How typed text is read and numbers are shown (`locale.ts`); the workbook's. */
  locale: ExcelLocale = 'en-US';

  constructor(
    readonly id: string,
    name: string,
  ) {
    this.name = name;
  }

  /** The stored cell, if any. */
  cell(row: number, col: number): Cell | undefined {
    return this.rows[row]?.cells[col];
  }

  /** The cell, created when missing. */
  ensureCell(row: number, col: number): Cell {
    let r = this.rows[row];
    if (!r) {
      r = { cells: [] };
      this.rows[row] = r;
    }
    let c = r.cells[col];
    if (!c) {
      c = { value: '' };
      r.cells[col] = c;
    }
    return c;
  }

  /** A cell's value; formulas are evaluated on read. */
  value(row: number, col: number, depth = 0): Scalar {
    const c = this.cell(row, col);
    if (!c) return '';
    return c.formula === undefined ? c.value : this.evaluate(c.formula, depth, row, col);
  }

  /** A cell's formula, or its value when it has none (as `Range.formulas` reports). */
  formula(row: number, col: number): Scalar {
    const c = this.cell(row, col);
    return c?.formula ?? c?.value ?? '';
  }

  /** What a cell shows: its value under its number format, in the sheet's locale (`Range.text`). */
  text(row: number, col: number): string {
    return formatText(this.value(row, col), this.numberFormat(row, col), this.locale);
  }

  /** A cell's number format. */
  numberFormat(row: number, col: number): string {
    return this.cell(row, col)?.numberFormat ?? 'General';
  }

  /** Writes one input as Excel would parse it (see `parseInput`). */
  write(row: number, col: number, input: unknown): void {
    const existing = this.cell(row, col);
    const parsed = parseInput(input, existing?.numberFormat ?? 'General', this.locale);
    if (!existing && parsed.value === '' && parsed.formula === undefined) return;
    const c = existing ?? this.ensureCell(row, col);
    c.value = parsed.value;
    if (parsed.formula === undefined) delete c.formula;
    else c.formula = parsed.formula;
    if (parsed.numberFormat !== undefined) c.numberFormat = parsed.numberFormat;
  }

  /** Writes a 2-D block of inputs (null leaves a cell as it is); fast path for plain values. */
  writeBlock(rect: Rect, values: readonly (readonly unknown[])[]): void {
    for (let r = 0; r < rect.rows; r++) {
      const line = values[r] ?? [];
      const row = this.ensureRow(rect.row + r);
      for (let c = 0; c < rect.cols; c++) {
        const input = line[c];
        // Excel leaves a cell unchanged where the written array holds null.
        if (input === null || input === undefined) continue;
        const col = rect.col + c;
        const cell = row.cells[col];
        if (cell && cell.formula === undefined && cell.numberFormat === undefined && isPlain(input)) {
          cell.value = input as Scalar;
        } else if (!cell && isPlain(input) && input !== '') {
          row.cells[col] = { value: input as Scalar };
        } else {
          this.write(rect.row + r, col, input);
        }
      }
    }
  }

  /** Values of a rectangle as a 2-D array. */
  readValues(rect: Rect): Scalar[][] {
    const out: Scalar[][] = new Array<Scalar[]>(rect.rows);
    for (let r = 0; r < rect.rows; r++) {
      const line = new Array<Scalar>(rect.cols);
      const cells = this.rows[rect.row + r]?.cells;
      for (let c = 0; c < rect.cols; c++) {
        const cell = cells?.[rect.col + c];
        line[c] = !cell ? '' : cell.formula === undefined ? cell.value : this.value(rect.row + r, rect.col + c);
      }
      out[r] = line;
    }
    return out;
  }

  /** Maps every cell of a rectangle. */
  map<T>(rect: Rect, f: (row: number, col: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < rect.rows; r++) {
      const line: T[] = [];
      for (let c = 0; c < rect.cols; c++) line.push(f(rect.row + r, rect.col + c));
      out.push(line);
    }
    return out;
  }

  /** Whether a row is hidden. */
  rowHidden(row: number): boolean {
    return this.rows[row]?.hidden === true;
  }

  /** Hides or shows a row. */
  setRowHidden(row: number, hidden: boolean): void {
    let r = this.rows[row];
    if (!r) {
      if (!hidden) return;
      r = { cells: [] };
      this.rows[row] = r;
    }
    r.hidden = hidden;
  }

  /** The column's flags, created when missing. */
  column(col: number): ColumnMeta {
    let meta = this.columns[col];
    if (!meta) {
      meta = {};
      this.columns[col] = meta;
    }
    return meta;
  }

  /**
   * Inserts empty rows at `at`. With `cols`, only cells in those columns shift (a table
   * inserting rows); without, whole rows shift (inserting sheet rows).
   */
  insertRows(at: number, count: number, cols?: { col: number; cols: number }): void {
    if (!cols) {
      if (at < this.rows.length) this.rows.splice(at, 0, ...new Array<Row | undefined>(count));
      shiftRuleRows(this, at, count);
      return;
    }
    for (let r = this.trimmedLength() - 1; r >= at; r--) {
      for (let c = cols.col; c < cols.col + cols.cols; c++) this.moveCell(r, c, r + count, c);
    }
  }

  /**
   * Gives the `count` rows from `at` the formats (number format, fill, font colour, bold) of row
   * `from`, as Excel formats inserted rows ("Format Same As Above"; the row below when there is
   * none above): whole rows, or only `cols`. Values are not copied.
   */
  copyRowFormats(from: number, at: number, count: number, cols?: { col: number; cols: number }): void {
    const source = this.rows[from]?.cells ?? [];
    const end = cols ? Math.min(cols.col + cols.cols, source.length) : source.length;
    for (let c = cols ? cols.col : 0; c < end; c++) {
      const { numberFormat, fill, fontColor, bold } = source[c] ?? {};
      if (numberFormat === undefined && fill === undefined && fontColor === undefined && bold === undefined) continue;
      for (let r = at; r < at + count; r++) Object.assign(this.ensureCell(r, c), { numberFormat, fill, fontColor, bold });
    }
  }

  /** Deletes rows at `at`, shifting what is below up (whole rows, or only `cols`). */
  deleteRows(at: number, count: number, cols?: { col: number; cols: number }): void {
    if (!cols) {
      if (at < this.rows.length) this.rows.splice(at, count);
      shiftRuleRows(this, at, -count);
      return;
    }
    const end = this.trimmedLength();
    const last = cols.col + cols.cols;
    for (let r = at; r < end; r++) {
      const from = this.rows[r + count];
      let to = this.rows[r];
      if (!from && !to) continue;
      for (let c = cols.col; c < last; c++) {
        // As `moveCell(r + count, c, r, c)`, with the two row records looked up once per row.
        const cell = from?.cells[c];
        if (from) from.cells[c] = undefined;
        if (cell) (to ??= this.ensureRow(r)).cells[c] = cell;
        else if (to) to.cells[c] = undefined;
      }
    }
  }

  /**
   * The number of row records after dropping the trailing ones that hold nothing (no cell, not
   * hidden): a row shift within columns then stops at the last row that holds something, instead
   * of walking every row the sheet ever had (rows a table emptied by deleting rows from the
   * bottom stay as empty records otherwise, and each further delete walked them all again).
   */
  private trimmedLength(): number {
    let n = this.rows.length;
    while (n > 0) {
      const line = this.rows[n - 1];
      if (line && (line.hidden || line.cells.some((cell) => cell !== undefined))) break;
      n--;
    }
    this.rows.length = n;
    return n;
  }

  /** Moves one cell (value and format), leaving the source empty. */
  moveCell(fromRow: number, fromCol: number, toRow: number, toCol: number): void {
    const cell = this.cell(fromRow, fromCol);
    const fromLine = this.rows[fromRow];
    if (fromLine) fromLine.cells[fromCol] = undefined;
    if (cell) this.ensureRow(toRow).cells[toCol] = cell;
    else {
      const toLine = this.rows[toRow];
      if (toLine) toLine.cells[toCol] = undefined;
    }
  }

  /** The row record, created when missing. */
  ensureRow(row: number): Row {
    let r = this.rows[row];
    if (!r) {
      r = { cells: [] };
      this.rows[row] = r;
    }
    return r;
  }

  /** The smallest rectangle holding every non-empty value (or formatted cell), or undefined. */
  usedRect(valuesOnly: boolean): Rect | undefined {
    let r0 = Infinity, r1 = -1, c0 = Infinity, c1 = -1;
    this.rows.forEach((line, r) => {
      if (!line) return;
      line.cells.forEach((cell, c) => {
        if (!cell) return;
        const used = cell.value !== '' || cell.formula !== undefined || (!valuesOnly && (cell.fill !== undefined || cell.numberFormat !== undefined || cell.fontColor !== undefined || cell.bold === true));
        if (!used) return;
        r0 = Math.min(r0, r); r1 = Math.max(r1, r);
        c0 = Math.min(c0, c); c1 = Math.max(c1, c);
      });
    });
    if (r1 < 0) return undefined;
    return { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }

  /** The list validation covering a cell, if any. */
  validationAt(row: number, col: number): ValidationModel | undefined {
    const probe = { row, col, rows: 1, cols: 1 };
    for (let i = this.validations.length - 1; i >= 0; i--) {
      const v = this.validations[i];
      if (v && intersect(v.rect, probe)) return v;
    }
    return undefined;
  }

  /**
   * Moves validation and conditional-format rectangles with cells that shift right (`count` > 0)
   * or left (`count` < 0) from column `at` inside `rows` (see `shiftRuleColumns`).
   */
  shiftColumns(at: number, count: number, rows: { row: number; rows: number }): void {
    shiftRuleColumns(this, at, count, rows);
  }

  private evaluate(formula: string, depth: number, row: number, col: number): Scalar {
    if (this.calc && depth < MAX_DEPTH) {
      const still = (): boolean => this.cell(row, col)?.formula === formula;
      const custom = this.calc.runtime.evaluate(`${this.id}!R${row}C${col}`, formula, (r, c) => this.value(r, c, depth + 1), this.calc.changed, still);
      if (custom !== undefined) return custom;
    }
    return evaluateFormula(formula, (r, c) => (depth < MAX_DEPTH ? this.value(r, c, depth + 1) : '#NAME?'));
  }
}

/** A value Excel stores as given: a finite number, a boolean, or text that cannot convert. */
function isPlain(input: unknown): boolean {
  if (typeof input === 'number') return Number.isFinite(input);
  if (typeof input === 'boolean') return true;
  return typeof input === 'string' && !mayConvert(input) && input.charCodeAt(0) !== 61 && input.charCodeAt(0) !== 39;
}
