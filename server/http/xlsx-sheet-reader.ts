/**
 * One worksheet part of an XLSX workbook as it is parsed (`xlsx-parts.ts` feeds it the elements;
 * ECMA-376 part 1, 18.3): the filled rows with the sheet's number of each, cells by their type
 * (numbers, shared and inline strings with their rich text runs joined, booleans as the words they
 * show (`TRUE`, `FALSE`, or their format's: `booleanWordsOf`), error texts,
 * dates as `Date` by the cell style's number format and the workbook's date system, a percentage as
 * the text shown, a formula's saved value; a formula without one reads as empty and its cell is
 * named), hidden rows and columns, and merged cells, whose value is also the value of the cells
 * they cover (as exceljs 4.4 and `ods-sheet-reader.ts` read them).
 *
 * A row counts as filled when a cell in it has a value or a formula (exceljs's `hasValues`); the
 * sheet's width is the last column of any cell written in a filled row. The sheet is held to the
 * limits as it is read: a filled row numbered past `maxRows`, or rows × width past `maxCells`, or
 * more cells than the file's shared budget, marks it `over` and stops its part ({@link StopPart}).
 */
import { columnLetters } from './ods-cell.js';
import type { OdsLimits } from './ods-sheet-reader.js';
import { MAX_NAMED_MERGES } from './merged-ranges.js';
import type { MergedRange, XlsxCell } from './xlsx-read.js';
import { BOOLEAN_WORDS, excelDate, percentShown, type BooleanWords, type NumberKind } from './xlsx-number-format.js';
import { StringItem } from './xlsx-package.js';
import { attribute, corrupt, isTrue, StopPart, type XmlHandlers, type XmlTag } from './xlsx-xml.js';

/** The widest sheet a workbook has (Excel 2007 on): column XFD. */
const MAX_COLUMN = 16_384;


/** A sheet as read; `over` says which limit it passed (its rows then are dropped). */
export interface XlsxReadSheet {
  name: string;
  table: XlsxCell[][];
  rowNumbers: number[];
  formulasWithoutValue: string[];
  hiddenRows: number[];
  hiddenColumns: number[];
  mergedRanges: MergedRange[];
  over: 'rows' | 'cells' | null;
}

/** What reading a sheet's cells needs from the rest of the workbook. */
export interface SheetContext {
  strings: readonly string[];
  /** How each cell style's numbers are read, by the cell's `s`. */
  kinds: readonly NumberKind[];
  /** The words a boolean cell of each style shows, when its format gives them; else TRUE and FALSE. */
  booleanWords: readonly (BooleanWords | null)[];
  date1904: boolean;
  limits: OdsLimits;
  /** Shared by the sheets of one file: the cells they may keep, and the covered cells merges may fill. */
  budget: { cells: number; spans: number };
}

/** `C12` → column 3 and row 12 (1-based); undefined for anything else. */
function cellRef(ref: string | undefined): { column: number; row: number } | undefined {
  const m = ref === undefined ? null : /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return undefined;
  let column = 0;
  for (const ch of (m[1] as string).toUpperCase()) column = column * 26 + ch.charCodeAt(0) - 64;
  return { column, row: Number(m[2]) };
}

/** The state of the sheet being read; its {@link handlers} are what its part is read through. */
export class XlsxSheetReader {
  readonly sheet: XlsxReadSheet;
  private readonly hiddenRanges: [number, number][] = [];
  private readonly merges: { from: { column: number; row: number }; to: { column: number; row: number } }[] = [];
  /** Hidden rows without a value: a merge may fill them. */
  private readonly hiddenEmpty = new Set<number>();
  private inData = false;
  private width = 0;
  private lastRow = 0;
  private unordered = false;
  private row = 0;
  private rowHidden = false;
  private cells: XlsxCell[] = [];
  private filled = false;
  private rowEnd = 0;
  private rowFormulas: string[] = [];
  private column = 0;
  private type: string | undefined;
  private style = 0;
  private formula = false;
  private value: string[] | null = null;
  private inValue = false;
  private inline: StringItem | null = null;
  private inlineText: string | null = null;

  constructor(
    name: string,
    private readonly context: SheetContext,
  ) {
    this.sheet = { name, table: [], rowNumbers: [], formulasWithoutValue: [], hiddenRows: [], hiddenColumns: [], mergedRanges: [], over: null };
  }

  /** The handlers to read the sheet's part through (`xlsx-xml.ts`). */
  readonly handlers: XmlHandlers = {
    open: (tag) => this.open(tag),
    text: (t) => {
      if (this.inline) this.inline.text(t);
      else if (this.inValue) this.value?.push(t);
    },
    close: (local) => this.close(local),
  };

  private open(tag: XmlTag): void {
    if (!this.inData) {
      if (tag.local === 'sheetData') this.inData = true;
      else if (tag.local === 'col' && isTrue(attribute(tag, 'hidden'))) this.hiddenRanges.push([Number(attribute(tag, 'min')), Number(attribute(tag, 'max'))]);
      else if (tag.local === 'mergeCell') this.merge(attribute(tag, 'ref'));
      return;
    }
    if (this.inline) return this.inline.open(tag.local);
    if (tag.local === 'row') {
      const r = Number.parseInt(attribute(tag, 'r') ?? '', 10);
      this.row = r >= 1 ? r : this.row + 1;
      this.rowHidden = isTrue(attribute(tag, 'hidden'));
      this.cells = [];
      this.filled = false;
      this.rowEnd = 0;
      this.rowFormulas = [];
      this.column = 0;
    } else if (tag.local === 'c') {
      const ref = cellRef(attribute(tag, 'r'));
      this.column = ref ? ref.column : this.column + 1;
      if (this.column > MAX_COLUMN) throw corrupt(`The XLSX workbook is damaged (sheet "${this.sheet.name}" has a cell past column XFD).`);
      this.type = attribute(tag, 't');
      this.style = Number.parseInt(attribute(tag, 's') ?? '0', 10) || 0;
      this.formula = false;
      this.value = null;
      this.inlineText = null;
      this.rowEnd = Math.max(this.rowEnd, this.column);
    } else if (tag.local === 'f') {
      this.formula = true;
    } else if (tag.local === 'v') {
      this.value = [];
      this.inValue = true;
    } else if (tag.local === 'is') {
      this.inline = new StringItem();
    }
  }

  private close(local: string): void {
    if (!this.inData) return;
    if (this.inline) {
      if (local !== 'is') return this.inline.close(local);
      this.inlineText = this.inline.take();
      this.inline = null;
    } else if (local === 'v') this.inValue = false;
    else if (local === 'c') this.closeCell();
    else if (local === 'row') this.closeRow();
    else if (local === 'sheetData') this.inData = false;
  }

  private closeCell(): void {
    const raw = this.value?.join('') || null;
    let value: XlsxCell = null;
    if (this.formula) {
      if (raw === null) this.rowFormulas.push(`${columnLetters(this.column)}${this.row}`);
      else value = this.typed(raw, this.type);
      this.filled = true;
    } else if (this.type === 'inlineStr') value = this.inlineText || null;
    else if (raw !== null) value = this.type === 's' ? this.shared(raw) : this.typed(raw, this.type);
    this.value = null;
    if (value === null) return;
    this.filled = true;
    while (this.cells.length < this.column - 1) this.cells.push(null);
    this.cells[this.column - 1] = value;
  }

  /** The text of shared string `raw` (an index). */
  private shared(raw: string): string {
    const text = this.context.strings[Number(raw)];
    if (text === undefined) throw corrupt(`The XLSX workbook is damaged (cell ${columnLetters(this.column)}${this.row} of sheet "${this.sheet.name}" names a shared text the workbook does not hold).`);
    return text;
  }

  /** A value written in `<v>` under cell type `type` (`str`, `b`, `e`, `d`, else a number). */
  private typed(raw: string, type: string | undefined): XlsxCell {
    if (type === 'str' || type === 'e') return raw;
    // A boolean is read as the text it shows: it is a text typed (TRUE, sant) that the spreadsheet
    // turned into a boolean, and the normaliser reads those words in an x-column all the same.
    if (type === 'b') {
      const words = this.context.booleanWords[this.style] ?? BOOLEAN_WORDS;
      return Number.parseInt(raw, 10) !== 0 ? words.true : words.false;
    }
    if (type === 'd') {
      const date = new Date(raw);
      return Number.isNaN(date.getTime()) ? raw : date;
    }
    const n = Number(raw);
    if (!Number.isFinite(n)) return raw;
    const kind = this.context.kinds[this.style] ?? 'number';
    return kind === 'date' ? excelDate(n, this.context.date1904) : kind === 'percent' ? percentShown(n) : n;
  }

  private closeRow(): void {
    const n = this.row;
    if (!this.filled) {
      if (this.rowHidden && n <= this.context.limits.maxRows) this.hiddenEmpty.add(n);
      return;
    }
    if (n > this.context.limits.maxRows) return this.stop('rows');
    this.width = Math.max(this.width, this.rowEnd);
    if (n * this.width > this.context.limits.maxCells || this.context.budget.cells < this.rowEnd) return this.stop('cells');
    this.context.budget.cells -= this.rowEnd;
    if (n <= this.lastRow) this.unordered = true;
    this.lastRow = Math.max(this.lastRow, n);
    this.sheet.table.push(this.cells);
    this.sheet.rowNumbers.push(n);
    if (this.rowHidden) this.sheet.hiddenRows.push(n);
    for (const f of this.rowFormulas) this.sheet.formulasWithoutValue.push(f);
  }

  private merge(ref: string | undefined): void {
    const [a, b = a] = (ref ?? '').split(':');
    const from = cellRef(a);
    const to = cellRef(b);
    if (from && to) this.merges.push({ from, to });
  }

  /** The sheet passed a limit: its rows are dropped and its part is read no further. */
  private stop(over: 'rows' | 'cells'): never {
    this.drop(over);
    throw new StopPart();
  }

  /** Marks the sheet `over`, its rows dropped and their cells given back to the budget. */
  private drop(over: 'rows' | 'cells'): void {
    const s = this.sheet;
    s.over = over;
    this.context.budget.cells += s.table.reduce((n, row) => n + row.length, 0);
    s.table = [];
    s.rowNumbers = [];
    s.hiddenRows = [];
    s.formulasWithoutValue = [];
  }

  /** The sheet as read: merges filled in, rows in order and padded to its width, hidden columns within it. */
  finish(): XlsxReadSheet {
    const s = this.sheet;
    if (s.over) return s;
    if (this.merges.length > 0) this.fillMerges();
    if (this.unordered) this.order();
    const last = s.rowNumbers.at(-1) ?? 0;
    if (last * this.width > this.context.limits.maxCells) {
      this.drop('cells');
      return s;
    }
    for (const cells of s.table) while (cells.length < this.width) cells.push(null);
    for (const [from, to] of this.hiddenRanges) for (let c = Math.max(1, from); c <= Math.min(to, this.width); c++) s.hiddenColumns.push(c);
    return s;
  }

  /**
   * Each merged range's value (its top left cell's) copied over the cells it covers, within the
   * limits and the budget; a range that gave its value to another cell is named (`mergedRanges`),
   * at most {@link MAX_NAMED_MERGES}.
   */
  private fillMerges(): void {
    const s = this.sheet;
    const at = new Map<number, number>();
    s.rowNumbers.forEach((n, i) => at.set(n, i));
    const budget = this.context.budget;
    for (const { from, to } of this.merges) {
      const i = at.get(from.row);
      const value = i === undefined ? null : (s.table[i]?.[from.column - 1] ?? null);
      if (value === null) continue;
      const lastRow = Math.min(to.row, this.context.limits.maxRows);
      const lastColumn = Math.min(to.column, MAX_COLUMN);
      if ((lastRow > from.row || lastColumn > from.column) && budget.spans > 0 && s.mergedRanges.length < MAX_NAMED_MERGES) {
        s.mergedRanges.push({ range: `${columnLetters(from.column)}${from.row}:${columnLetters(lastColumn)}${lastRow}`, firstRow: from.row, lastRow });
      }
      for (let r = from.row; r <= lastRow && budget.spans > 0; r++) {
        let row = at.get(r);
        if (row === undefined) {
          row = s.table.push([]) - 1;
          s.rowNumbers.push(r);
          if (this.hiddenEmpty.has(r)) s.hiddenRows.push(r);
          at.set(r, row);
          this.unordered = true;
        }
        const cells = s.table[row] as XlsxCell[];
        while (cells.length < lastColumn) cells.push(null);
        for (let c = from.column; c <= lastColumn && budget.spans > 0; c++) {
          if (r === from.row && c === from.column) continue;
          cells[c - 1] = value;
          budget.spans--;
        }
      }
      this.width = Math.max(this.width, lastColumn);
    }
  }

  /** Rows by their number (a file may write them out of order, or one number twice: its cells then join). */
  private order(): void {
    const s = this.sheet;
    const byNumber = new Map<number, XlsxCell[]>();
    s.rowNumbers.forEach((n, i) => {
      const cells = s.table[i] as XlsxCell[];
      const earlier = byNumber.get(n);
      if (!earlier) return byNumber.set(n, cells);
      cells.forEach((v, c) => {
        if (v !== null && v !== undefined) earlier[c] = v;
      });
      for (let c = 0; c < earlier.length; c++) earlier[c] ??= null;
    });
    s.rowNumbers = [...byNumber.keys()].sort((a, b) => a - b);
    s.table = s.rowNumbers.map((n) => byNumber.get(n) as XlsxCell[]);
    s.hiddenRows = [...new Set(s.hiddenRows)].sort((a, b) => a - b);
  }
}
