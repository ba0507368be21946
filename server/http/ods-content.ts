/**
 * Reading the sheets of an OpenDocument spreadsheet's `content.xml` (LibreOffice Calc's `.ods`)
 * as `xlsx-read.ts` reads an XLSX workbook's: each sheet (`table:table`) in tab order with its
 * filled rows, the sheet's number of each, its hidden rows and columns, the formulas without a
 * saved value; a sheet hidden by its table style (`table:display="false"`) is passed over.
 *
 * The XML is read by a streaming parser (`saxes`), fed in slices with the event loop let go
 * between them, so a large file neither holds the server nor is ever held as a tree. Repeats
 * (`table:number-rows-repeated`, `table:number-columns-repeated`) are counted, not expanded,
 * unless they hold a value: LibreOffice writes every sheet as the whole grid, 16,384 columns by
 * 1,048,576 rows, the empty part as a few repeated cells. A repeated value is expanded up to the
 * limits only: a sheet whose last filled row is past `maxRows`, or whose rows × columns pass
 * `maxCells`, stops being read at once and is marked `over` (the caller refuses it or leaves it
 * unread, as for XLSX). A merged cell's value is also the value of the cells it covers
 * (`table:covered-table-cell`), as exceljs reads a merged XLSX cell. Annotations (comments) are no
 * part of a cell's value. OpenDocument 1.3, part 3, chapter 9 (tables) and 6.1 (text).
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { type OdsCellAttributes, columnLetters, odsCellValue } from './ods-cell.js';
import type { XlsxCell } from './xlsx-read.js';

const NS = {
  table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
  style: 'urn:oasis:names:tc:opendocument:xmlns:style:1.0',
  calcext: 'urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0',
} as const;

/** The largest grid a spreadsheet has (LibreOffice 7.4 on, Excel): 16,384 columns, 1,048,576 rows. */
export const ODS_GRID = { columns: 16_384, rows: 1_048_576 } as const;

/** Longest text a cell holds (Excel's limit); `text:s text:c="…"` cannot make a longer one. */
const MAX_CELL_TEXT = 32_767;

/** Formula cells without a value named per sheet; more are not listed (a repeat can make millions). */
const MAX_NAMED_FORMULAS = 10_000;

/** Characters fed to the parser between two turns of the event loop. */
const SLICE = 1 << 16;

/** A sheet as read from `content.xml`; `over` says which limit it passed (its rows then are partial). */
export interface OdsSheet {
  name: string;
  hidden: boolean;
  table: XlsxCell[][];
  rowNumbers: number[];
  formulasWithoutValue: string[];
  hiddenRows: number[];
  hiddenColumns: number[];
  over: 'rows' | 'cells' | null;
}

/** The limits a sheet is read to: its last filled row's number, and rows × columns. */
export interface OdsLimits {
  maxRows: number;
  maxCells: number;
}

/**
 * How deeply elements of an ODS part may nest. LibreOffice writes about a dozen levels (outline
 * groups of rows add at most eight). saxes resolves each tag's namespace prefix by walking every
 * open element, so the work grows with the square of the depth: 200,000 nested spans (a 9.5 KB
 * file) held the event loop for minutes before this limit.
 */
export const MAX_XML_DEPTH = 256;

/** The error {@link readOdsContent} and the settings reader throw from inside `write` past {@link MAX_XML_DEPTH}. */
export function tooDeep(): OdsContentError {
  return new OdsContentError('corrupt', `Elements are nested more than ${MAX_XML_DEPTH} levels deep.`);
}

/** Why `content.xml` could not be read: not well-formed XML, or it took longer than allowed. */
export class OdsContentError extends Error {
  constructor(
    readonly kind: 'corrupt' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

type Attributes = SaxesTagNS['attributes'];

/** An attribute by namespace and local name (prefixes are the writer's choice). */
function attr(attributes: Attributes, ns: string, local: string): string | undefined {
  for (const a of Object.values(attributes)) if (a.uri === ns && a.local === local) return a.value;
  return undefined;
}

/** A repeat or span count: at least 1, at most `max` (a count past the grid counts to its end). */
function count(text: string | undefined, max: number): number {
  const n = text === undefined ? 1 : Number.parseInt(text, 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

/** The cell being read: its attributes, repeat, span, and the text of its paragraphs so far. */
interface OpenCell {
  a: OdsCellAttributes;
  covered: boolean;
  repeat: number;
  colSpan: number;
  rowSpan: number;
  paragraphs: string[];
  text: string | null;
}

/** The state of the sheet being read. */
class SheetReader {
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
    this.sheet = { name, hidden, table: [], rowNumbers: [], formulasWithoutValue: [], hiddenRows: [], hiddenColumns: [], over: null };
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

/** The text of a cell's paragraphs: `text:s` spaces, `text:tab`, `text:line-break`, spans and links. */
class CellText {
  private depth = 0;
  private annotation = 0;
  private current = '';
  /** Characters of the cell's text so far, paragraph breaks included: counted, never recounted. */
  private length = 0;
  /** {@link length} when the open paragraph started: one started full adds nothing, not even a break. */
  private lengthAtParagraph = 0;

  constructor(private readonly cell: OpenCell) {}

  private add(text: string): void {
    const room = MAX_CELL_TEXT - this.length;
    if (room <= 0) return;
    const taken = text.length > room ? text.slice(0, room) : text;
    this.current += taken;
    this.length += taken.length;
  }

  open(tag: SaxesTagNS): void {
    if (tag.uri === NS.office && tag.local === 'annotation') this.annotation++;
    if (this.annotation > 0) return;
    if (tag.uri !== NS.text) return;
    if (tag.local === 'p' || tag.local === 'h') {
      this.depth++;
      if (this.depth === 1) {
        this.current = '';
        this.lengthAtParagraph = this.length;
      }
    } else if (this.depth > 0 && tag.local === 's') {
      this.add(' '.repeat(Math.min(count(attr(tag.attributes, NS.text, 'c'), MAX_CELL_TEXT), MAX_CELL_TEXT)));
    } else if (this.depth > 0 && tag.local === 'tab') this.add('\t');
    else if (this.depth > 0 && tag.local === 'line-break') this.add('\n');
  }

  close(tag: SaxesTagNS): void {
    if (tag.uri === NS.office && tag.local === 'annotation') {
      this.annotation--;
      return;
    }
    if (this.annotation > 0 || tag.uri !== NS.text || (tag.local !== 'p' && tag.local !== 'h')) return;
    this.depth--;
    // The paragraph that reaches the limit is kept, cut (a long note is not lost whole).
    if (this.depth !== 0 || this.lengthAtParagraph >= MAX_CELL_TEXT) return;
    this.cell.paragraphs.push(this.current);
    // The line break that joins it to the next paragraph.
    this.length += 1;
  }

  text(text: string): void {
    if (this.annotation === 0 && this.depth > 0) this.add(text);
  }
}

/**
 * The sheets of `content.xml`, in tab order. `onSheet` is told of each as it ends (the caller
 * may stop a read whose first visible sheet is past the limits by throwing); `onProgress` is told
 * the characters parsed, of all, after each slice. Throws
 * {@link OdsContentError} for XML that is not well-formed or a read past `deadline` (ms since epoch).
 */
export async function readOdsContent(
  xml: string,
  limits: OdsLimits,
  deadline: number,
  onSheet: (sheet: OdsSheet) => void = () => {},
  onProgress: (done: number, total: number) => void = () => {},
): Promise<OdsSheet[]> {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const hiddenStyles = new Set<string>();
  const sheets: OdsSheet[] = [];
  // Twice one sheet's cells: the first visible sheet at the limits and the others beside it.
  const budget = { cells: 2 * limits.maxCells, spans: limits.maxCells };
  let styleName: string | null = null;
  let tableDepth = 0;
  let sheet: SheetReader | null = null;
  let cell: OpenCell | null = null;
  let cellText: CellText | null = null;
  let error: Error | null = null;
  let depth = 0;

  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (tag) => {
    // Thrown out of `write`: the rest of the part is never parsed.
    if (++depth > MAX_XML_DEPTH) throw tooDeep();
    if (tag.uri === NS.style && tag.local === 'style' && attr(tag.attributes, NS.style, 'family') === 'table') styleName = attr(tag.attributes, NS.style, 'name') ?? null;
    if (styleName !== null && tag.uri === NS.style && tag.local === 'table-properties' && attr(tag.attributes, NS.table, 'display') === 'false') hiddenStyles.add(styleName);
    if (tag.uri === NS.table && tag.local === 'table') {
      tableDepth++;
      if (tableDepth === 1) {
        const style = attr(tag.attributes, NS.table, 'style-name');
        const hidden = style !== undefined && hiddenStyles.has(style);
        // A hidden sheet is read only when it is the first (the one read when all are hidden).
        sheet = new SheetReader(attr(tag.attributes, NS.table, 'name') ?? `Sheet${sheets.length + 1}`, hidden, limits, budget, !hidden || sheets.length === 0);
      }
      return;
    }
    if (tableDepth !== 1 || !sheet) return;
    if (cellText) return cellText.open(tag);
    if (tag.uri !== NS.table) return;
    if (tag.local === 'table-column') sheet.columns(tag.attributes);
    else if (tag.local === 'table-row') sheet.openRow(tag.attributes);
    else if (tag.local === 'table-cell' || tag.local === 'covered-table-cell') {
      const a = tag.attributes;
      cell = {
        a: {
          valueType: attr(a, NS.office, 'value-type'),
          value: attr(a, NS.office, 'value'),
          dateValue: attr(a, NS.office, 'date-value'),
          timeValue: attr(a, NS.office, 'time-value'),
          booleanValue: attr(a, NS.office, 'boolean-value'),
          stringValue: attr(a, NS.office, 'string-value'),
          calcValueType: attr(a, NS.calcext, 'value-type'),
          formula: attr(a, NS.table, 'formula') !== undefined,
        },
        covered: tag.local === 'covered-table-cell',
        repeat: count(attr(a, NS.table, 'number-columns-repeated'), ODS_GRID.columns),
        colSpan: count(attr(a, NS.table, 'number-columns-spanned'), ODS_GRID.columns),
        rowSpan: count(attr(a, NS.table, 'number-rows-spanned'), ODS_GRID.rows),
        paragraphs: [],
        text: null,
      };
      cellText = new CellText(cell);
    }
  });
  parser.on('text', (text) => cellText?.text(text));
  parser.on('closetag', (tag) => {
    depth--;
    if (tag.uri === NS.style && tag.local === 'style') styleName = null;
    if (tag.uri === NS.table && tag.local === 'table') {
      tableDepth--;
      if (tableDepth === 0 && sheet) {
        const done = sheet.finish();
        sheets.push(done);
        sheet = null;
        onSheet(done);
      }
      return;
    }
    if (tableDepth !== 1 || !sheet) return;
    if (cell && tag.uri === NS.table && (tag.local === 'table-cell' || tag.local === 'covered-table-cell')) {
      cell.text = cell.paragraphs.join('\n');
      sheet.cell(cell);
      cell = null;
      cellText = null;
      return;
    }
    if (cellText) return cellText.close(tag);
    if (tag.uri === NS.table && tag.local === 'table-row') sheet.closeRow();
  });

  for (let at = 0; at < xml.length; ) {
    let end = Math.min(xml.length, at + SLICE);
    // Do not cut a character written as two UTF-16 units in two.
    const last = xml.charCodeAt(end - 1);
    if (end < xml.length && last >= 0xd800 && last <= 0xdbff) end--;
    parser.write(xml.slice(at, end));
    if (error) throw new OdsContentError('corrupt', (error as Error).message);
    at = end;
    onProgress(at, xml.length);
    if (at < xml.length) {
      await new Promise((resolve) => setImmediate(resolve));
      if (Date.now() > deadline) throw new OdsContentError('timeout', 'The spreadsheet took too long to read.');
    }
  }
  parser.close();
  if (error) throw new OdsContentError('corrupt', (error as Error).message);
  return sheets;
}
