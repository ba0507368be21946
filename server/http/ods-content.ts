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
import { CellText } from './ods-cell-text.js';
import { ODS_GRID, SheetReader, type OdsLimits, type OdsSheet, type OpenCell } from './ods-sheet-reader.js';
import { attr, count, NS } from './ods-xml.js';

export { ODS_GRID, type OdsLimits, type OdsSheet } from './ods-sheet-reader.js';

/** Characters fed to the parser between two turns of the event loop. */
const SLICE = 1 << 16;

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
  // Imported at the first OpenDocument read, not at the server's start: every start loaded it (`tests/server/cli-loads.test.ts`).
  const { SaxesParser } = await import('saxes');
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
