/**
 * One sheet of an OpenDocument `content.xml` as it is parsed (`ods-content.ts` feeds it the
 * `table:table-column`, `table:table-row` and cell events): repeats counted, not expanded, unless
 * they hold a value; a repeated value expanded up to the limits only (the sheet is then marked
 * `over` and its rows dropped); merged cells' values copied over the cells they cover; hidden
 * rows and columns (`table:visibility` `collapse` or `filter`) and formulas without a saved value
 * named. OpenDocument 1.3, part 3, chapter 9.
 */
import { type OdsCellAttributes, columnLetters, odsCellValue } from './ods-cell.js';
import { attr, count, NS, type Attributes } from './ods-xml.js';
import { MAX_NAMED_MERGES } from './merged-ranges.js';
import type { MergedRange, XlsxCell } from './xlsx-read.js';

/** The largest grid a spreadsheet has (LibreOffice 7.4 on, Excel): 16,384 columns, 1,048,576 rows. */
export const ODS_GRID = { columns: 16_384, rows: 1_048_576 } as const;

/** Formula cells without a value named per sheet; more are not listed (a repeat can make millions). */
const MAX_NAMED_FORMULAS = 10_000;

/** A sheet as read from `content.xml`; `over` says which limit it passed (its rows then are partial). */
export interface OdsSheet {
  name: string;
  hidden: boolean;
  table: XlsxCell[][];
  rowNumbers: number[];
  formulasWithoutValue: string[];
  hiddenRows: number[];
  hiddenColumns: number[];
  /** The merged cells whose value was also read into the cells they cover, as `xlsx-read.ts` names them. */
  mergedRanges: MergedRange[];
  over: 'rows' | 'cells' | null;
}

/** The limits a sheet is read to: its last filled row's number, and rows × columns. */
export interface OdsLimits {
  maxRows: number;
  maxCells: number;
}

/** The cell being read: its attributes, repeat, span, and the text of its paragraphs so far. */
export interface OpenCell {
  a: OdsCellAttributes;
  covered: boolean;
  repeat: number;
  colSpan: number;
  rowSpan: number;
  paragraphs: string[];
  text: string | null;
}

/** The state of the sheet being read. */
export class SheetReader {
  readonly sheet: OdsSheet;
  private readonly hiddenRanges: [number, number][] = [];
  private nextColumn = 1;
  private width = 0;
  /** The number of the first row of the `table:table-row` being read (a repeat covers more). */
  private row = 1;
  private rowRepeat = 1;
  private rowHidden = false;
  private cells: XlsxCell[] = [];
  private column = 0;
  /** Values of merged cells over the columns they cover, to the last row they cover. */
  private readonly spans = new Map<number, { value: XlsxCell; lastRow: number }>();
  private readonly formulas: string[] = [];

  /**
   * `collect` false: the sheet's cells are not kept (a hidden sheet after the first, never read).
   * `budget` is shared by the sheets of one file: the cells they may keep together, and the
   * covered cells merges may fill, so that many sheets each within the limits, or merges each
   * spanning the grid, cannot make the work grow past what one sheet at the limits takes.
   */
  constructor(
    name: string,
    hidden: boolean,
    private readonly limits: OdsLimits,
    private readonly budget: { cells: number; spans: number },
    private readonly collect: boolean,
  ) {
    this.sheet = { name, hidden, table: [], rowNumbers: [], formulasWithoutValue: [], hiddenRows: [], hiddenColumns: [], mergedRanges: [], over: null };
  }

  columns(attributes: Attributes): void {
    const repeat = count(attr(attributes, NS.table, 'number-columns-repeated'), ODS_GRID.columns);
    const visibility = attr(attributes, NS.table, 'visibility');
    const last = Math.min(ODS_GRID.columns, this.nextColumn + repeat - 1);
    if (visibility === 'collapse' || visibility === 'filter') this.hiddenRanges.push([this.nextColumn, last]);
    this.nextColumn = last + 1;
  }

  openRow(attributes: Attributes): void {
    this.rowRepeat = count(attr(attributes, NS.table, 'number-rows-repeated'), ODS_GRID.rows);
    const visibility = attr(attributes, NS.table, 'visibility');
    this.rowHidden = visibility === 'collapse' || visibility === 'filter';
    this.cells = [];
    this.column = 0;
  }

  cell(c: OpenCell): void {
    const repeat = Math.min(c.repeat, ODS_GRID.columns - this.column);
    if (repeat <= 0) return;
    if (this.sheet.over || !this.collect) {
      this.column += repeat;
      return;
    }
    const own = odsCellValue(c.a, c.text ?? '');
    let value = own.value;
    const merged = c.covered ? this.spans.get(this.column) : undefined;
    if (merged && merged.lastRow >= this.row) value = merged.value;
    if (own.formulaWithoutValue && !merged) this.formulasAt(repeat);
    if (!c.covered && value !== null && (c.colSpan > 1 || c.rowSpan > 1)) {
      const last = Math.min(ODS_GRID.columns, this.column + c.colSpan, this.column + Math.max(0, this.budget.spans));
      this.budget.spans -= c.colSpan;
      for (let col = this.column; col < last; col++) this.spans.set(col, { value, lastRow: this.row + c.rowSpan - 1 });
      if (this.sheet.mergedRanges.length < MAX_NAMED_MERGES) {
        const lastRow = Math.min(ODS_GRID.rows, this.row + c.rowSpan - 1);
        this.sheet.mergedRanges.push({ range: `${columnLetters(this.column + 1)}${this.row}:${columnLetters(Math.min(ODS_GRID.columns, this.column + c.colSpan))}${lastRow}`, firstRow: this.row, lastRow });
      }
    }
    if (value === null) {
      this.column += repeat;
      return;
    }
    while (this.cells.length < this.column) this.cells.push(null);
    for (let k = 0; k < repeat; k++) this.cells.push(value);
    this.column += repeat;
  }

  /** Names the cells of a formula without a saved value (at most {@link MAX_NAMED_FORMULAS}: the summary names a few). */
  private formulasAt(repeat: number): void {
    for (let k = 0; k < repeat; k++) {
      for (let r = 0; r < this.rowRepeat; r++) {
        if (this.formulas.length >= MAX_NAMED_FORMULAS) return;
        this.formulas.push(`${columnLetters(this.column + k + 1)}${this.row + r}`);
      }
    }
  }

  /** The row ends: a filled row is kept once for each row it repeats, as far as the limits let. */
  closeRow(): void {
    const first = this.row;
    this.row += this.rowRepeat;
    if (this.cells.length === 0 || this.sheet.over) return;
    this.width = Math.max(this.width, this.cells.length);
    for (let n = first; n < first + this.rowRepeat; n++) {
      if (n > this.limits.maxRows) return this.stop('rows');
      if (n * this.width > this.limits.maxCells) return this.stop('cells');
      if (this.budget.cells < this.cells.length) return this.stop('cells');
      this.budget.cells -= this.cells.length;
      this.sheet.table.push(n === first ? this.cells : this.cells.slice());
      this.sheet.rowNumbers.push(n);
      if (this.rowHidden) this.sheet.hiddenRows.push(n);
    }
  }

  private stop(over: 'rows' | 'cells'): void {
    this.sheet.over = over;
    this.budget.cells += this.sheet.table.reduce((n, row) => n + row.length, 0);
    this.sheet.table = [];
    this.sheet.rowNumbers = [];
    this.sheet.hiddenRows = [];
  }

  /** The sheet as read: rows padded to its width, hidden columns within it, formulas of kept rows. */
  finish(): OdsSheet {
    const s = this.sheet;
    if (s.over) return s;
    for (const cells of s.table) while (cells.length < this.width) cells.push(null);
    for (const [from, to] of this.hiddenRanges) for (let c = from; c <= Math.min(to, this.width); c++) s.hiddenColumns.push(c);
    s.formulasWithoutValue = this.formulas;
    return s;
  }
}
