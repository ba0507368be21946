/**
 * Documents as OpenDocument spreadsheets (`.ods`, LibreOffice Calc's own format; OpenDocument 1.3),
 * written as `xlsx.ts` writes a workbook: one sheet with a bold, frozen header row, column widths
 * from the schema, numbers as numbers, dates as dates shown `yyyy-mm-dd`, ticked goals as `x`, a
 * choice by its label, a partner by its name, and code-like text (periods, unit and kommun codes,
 * phone numbers) as text cells in a text format (`@`), so `0180` and `2024` stay text when edited.
 * A text that begins with apostrophes before `=+-@` gets one more (`escapeNeutralizer`), as the
 * import drops one (`ods-read.ts`). The document's version is the file's keyword (`meta.xml`,
 * LibreOffice's File → Properties → Keywords; `file-version.ts`), so importing it again keeps what
 * others changed since.
 *
 * The package is `mimetype` first and stored uncompressed, then `content.xml`, `meta.xml`,
 * `settings.xml` (the open sheet, the frozen header) and `META-INF/manifest.xml` (`zip-write.ts`).
 * A text's spaces that XML would fold (leading, trailing, runs) are `text:s`, a tab `text:tab`, each
 * line a paragraph; a character XML 1.0 cannot carry (a control character other than
 * those, U+FFFE, U+FFFF, a lone surrogate) is written as U+FFFD, as no OpenDocument reader can read
 * it and OpenDocument has no escape for it: the cells it was done to are counted
 * ({@link OdsFile.replaced}) and the export says so (`export-rows.ts`); XLSX, JSON and CSV keep them.
 *
 * `content.xml` is made in pieces of some hundred rows, each deflated as it comes (`zip-write.ts`),
 * the event loop given back between them: a server's export of a large document holds no other
 * request for long.
 */
import { cellColumns, kindDef } from '../../shared/schema/index.js';
import type { CellColumn, CellValue, DocKind } from '../../shared/schema/types.js';
import type { RefLookup } from '../../shared/normalize/ref-lookup.js';
import { escapeNeutralizer } from './csv.js';
import { cellText, headerCells, type Lang, type TableRow } from './table.js';
import { sheetName, TEXT_CODES } from './xlsx.js';
import { zipArchive } from './zip-write.js';

/** The media type of an OpenDocument spreadsheet, the package's `mimetype` part. */
export const ODS_MEDIA_TYPE = 'application/vnd.oasis.opendocument.spreadsheet';

const NS = {
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  style: 'urn:oasis:names:tc:opendocument:xmlns:style:1.0',
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
  table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  fo: 'urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0',
  number: 'urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0',
  meta: 'urn:oasis:names:tc:opendocument:xmlns:meta:1.0',
  dc: 'http://purl.org/dc/elements/1.1/',
  config: 'urn:oasis:names:tc:opendocument:xmlns:config:1.0',
  manifest: 'urn:oasis:names:tc:opendocument:xmlns:manifest:1.0',
} as const;

const declare = (...prefixes: (keyof typeof NS)[]) => prefixes.map((p) => `xmlns:${p}="${NS[p]}"`).join(' ');

/** Characters XML 1.0 cannot carry: C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF; lone surrogates. */
// eslint-disable-next-line no-control-regex -- finding the characters XML cannot carry is this pattern's purpose
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The same characters, for a test of one text (a global pattern's `test` keeps its place between texts). */
const HAS_NOT_XML = new RegExp(NOT_XML.source);

/** `text` as XML character data or an attribute value. */
function escapeXml(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * `text` as the content of one `text:p`: every space a reader folds (one leading or trailing, the
 * second on of a run) as `text:s`, a tab as `text:tab` (OpenDocument 1.3, part 3, 6.1.2–6.1.4), so
 * the line reads back as written.
 */
function lineXml(text: string): string {
  const pieces = text.split(/(\t| +)/).filter((p) => p !== '');
  const edge = (piece: string | undefined) => piece === undefined || piece === '\t';
  return pieces
    .map((piece, i) => {
      if (piece === '\t') return '<text:tab/>';
      if (!piece.startsWith(' ')) return escapeXml(piece);
      // A run at the line's start or end, or beside a tab, is all `text:s`; else its first space stays.
      const all = edge(pieces[i - 1]) || edge(pieces[i + 1]);
      const folded = all ? piece.length : piece.length - 1;
      const s = folded === 0 ? '' : folded === 1 ? '<text:s/>' : `<text:s text:c="${folded}"/>`;
      return all ? s : ` ${s}`;
    })
    .join('');
}

/** A cell's text as its paragraphs, one per line, as LibreOffice writes a cell of several lines. */
export function paragraphsXml(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => `<text:p>${lineXml(line)}</text:p>`)
    .join('');
}

/** A cell's width in the sheet: an Excel column width (characters of the default font) in cm. */
const cm = (characters: number) => `${(characters * 0.19 + 0.2).toFixed(2)}cm`;

function widthOf(col: CellColumn, lang: Lang): number {
  return col.option ? Math.max(8, Math.min(24, col.header[lang].length)) : (col.column.width ?? 14);
}

const AUTOMATIC_STYLES =
  '<number:date-style style:name="N-date"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>' +
  '<number:text-style style:name="N-text"><number:text-content/></number:text-style>' +
  '<style:style style:name="ce-header" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style>' +
  '<style:style style:name="ce-date" style:family="table-cell" style:data-style-name="N-date"/>' +
  '<style:style style:name="ce-text" style:family="table-cell" style:data-style-name="N-text"/>';

/** The cell style of a column's body cells: dates shown `yyyy-mm-dd`, codes formatted as text. */
function cellStyleOf(col: CellColumn | null): string | null {
  if (col === null || col.option) return null;
  if (col.column.type === 'date') return 'ce-date';
  return TEXT_CODES.has(col.column.type) ? 'ce-text' : null;
}

const stringCell = (text: string, style: string | null) =>
  text === '' ? emptyCell(style) : `<table:table-cell${style ? ` table:style-name="${style}"` : ''} office:value-type="string">${paragraphsXml(text)}</table:table-cell>`;
const emptyCell = (style: string | null) => (style ? `<table:table-cell table:style-name="${style}"/>` : '<table:table-cell/>');

/**
 * The cells whose text held a character XML cannot carry, written with U+FFFD in its place: how
 * many, and the first (its row in the sheet, the header being row 1, and its column's header).
 */
export interface ReplacedCells {
  cells: number;
  first?: { row: number; column: string };
}

/** One body cell: a number as a number, an ISO date as a date, anything else as the text `cellText` gives. */
function bodyCell(col: CellColumn, value: CellValue | undefined, opts: OdsOptions, count: (column: string) => void): string {
  const style = cellStyleOf(col);
  if (value === null || value === undefined) return emptyCell(style);
  if (col.option) return value === true ? stringCell('x', null) : emptyCell(null);
  const type = col.column.type;
  if ((type === 'integer' || type === 'number') && typeof value === 'number' && Number.isFinite(value)) {
    const shown = opts.lang === 'sv' ? String(value).replace('.', ',') : String(value);
    return `<table:table-cell office:value-type="float" office:value="${value}"><text:p>${shown}</text:p></table:table-cell>`;
  }
  if (type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return `<table:table-cell table:style-name="ce-date" office:value-type="date" office:date-value="${value}"><text:p>${value}</text:p></table:table-cell>`;
  }
  const text = escapeNeutralizer(cellText(col, value, { lang: opts.lang, decimalComma: false, partners: opts.partners }));
  if (HAS_NOT_XML.test(text)) count(col.header[opts.lang]);
  return stringCell(text, style);
}

/** Characters of `content.xml` made before the loop is given back: some milliseconds of work. */
const PIECE_CHARS = 1 << 18;

/** `content.xml` in pieces of about {@link PIECE_CHARS} characters, each made when it is asked for; cells written with U+FFFD are counted into `replaced`. */
function* contentXml(kind: DocKind, rows: readonly TableRow[], opts: OdsOptions, name: string, replaced: ReplacedCells): Generator<string> {
  const columns = cellColumns(kind);
  const widths = [14, ...columns.map((c) => widthOf(c, opts.lang))];
  const distinct = [...new Set(widths)];
  const columnStyles = distinct.map((w, i) => `<style:style style:name="co${i}" style:family="table-column"><style:table-column-properties style:column-width="${cm(w)}"/></style:style>`).join('');
  const tableColumns = widths.map((w) => `<table:table-column table:style-name="co${distinct.indexOf(w)}"/>`).join('');
  const header = `<table:table-row>${headerCells(kind, opts.lang).map((h) => stringCell(h, 'ce-header')).join('')}</table:table-row>`;
  yield (
    `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${declare('office', 'style', 'text', 'table', 'fo', 'number')} office:version="1.3">` +
    `<office:automatic-styles>${columnStyles}${AUTOMATIC_STYLES}</office:automatic-styles>` +
    `<office:body><office:spreadsheet><table:table table:name="${escapeXml(name)}">${tableColumns}${header}`
  );
  let piece: string[] = [];
  let length = 0;
  for (const [i, row] of rows.entries()) {
    const count = (column: string) => {
      replaced.cells++;
      replaced.first ??= { row: i + 2, column };
    };
    const xml = `<table:table-row>${stringCell(row.id, null)}${columns.map((col) => bodyCell(col, row.values[col.key], opts, count)).join('')}</table:table-row>`;
    piece.push(xml);
    length += xml.length;
    if (length >= PIECE_CHARS) {
      yield piece.join('');
      piece = [];
      length = 0;
    }
  }
  yield `${piece.join('')}</table:table></office:spreadsheet></office:body></office:document-content>`;
}

function metaXml(opts: OdsOptions, title: string): string {
  const keyword = opts.keywords ? `<meta:keyword>${escapeXml(opts.keywords)}</meta:keyword>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta ${declare('office', 'meta', 'dc')} office:version="1.3"><office:meta><meta:generator>Samplan</meta:generator><dc:title>${escapeXml(title)}</dc:title>${keyword}</office:meta></office:document-meta>`;
}

/** The open sheet (`ActiveTable`, which the import reads) with its header row frozen, as LibreOffice saves a frozen row. */
function settingsXml(name: string): string {
  const item = (key: string, type: string, value: string | number) => `<config:config-item config:name="${key}" config:type="${type}">${value}</config:config-item>`;
  const sheet = [item('VerticalSplitMode', 'short', 2), item('VerticalSplitPosition', 'int', 1), item('ActiveSplitRange', 'short', 2), item('PositionBottom', 'int', 1)].join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-settings ${declare('office', 'config')} office:version="1.3"><office:settings><config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>` +
    `${item('ViewId', 'string', 'view1')}<config:config-item-map-named config:name="Tables"><config:config-item-map-entry config:name="${escapeXml(name)}">${sheet}</config:config-item-map-entry></config:config-item-map-named>${item('ActiveTable', 'string', escapeXml(name))}` +
    '</config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>'
  );
}

const MANIFEST =
  `<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest ${declare('manifest')} manifest:version="1.3">` +
  `<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${ODS_MEDIA_TYPE}"/>` +
  ['content.xml', 'meta.xml', 'settings.xml'].map((p) => `<manifest:file-entry manifest:full-path="${p}" manifest:media-type="text/xml"/>`).join('') +
  '</manifest:manifest>';

/** Options of {@link rowsToOds}, as of `rowsToXlsx`. */
export interface OdsOptions {
  lang: Lang;
  /** Sheet name and document title; the kind's title when unset. */
  title?: string;
  /** The partner list, to write a partner cell as the partner's name (see `TextOptions.partners`). */
  partners?: RefLookup | undefined;
  /** The file's keyword: the document version's stamp (`file-version.ts`). */
  keywords?: string;
}

/** An OpenDocument spreadsheet written: its bytes, and the cells written with U+FFFD for a character no OpenDocument file can hold. */
export interface OdsFile {
  bytes: Uint8Array;
  replaced: ReplacedCells;
}

/**
 * An OpenDocument spreadsheet with the document's rows, header first (`id`, then each column's
 * header in `opts.lang`), made in pieces with the event loop given back between them. Rejects with
 * a `RangeError` past the ZIP format's 4 GiB (`zipArchive`).
 *
 * @example
 * const { bytes, replaced } = await rowsToOds('activity-plan', rows, { lang: 'sv', title: 'Aktivitetsplan Tensta' });
 */
export async function rowsToOds(kind: DocKind, rows: readonly TableRow[], opts: OdsOptions): Promise<OdsFile> {
  const title = opts.title ?? kindDef(kind).title[opts.lang];
  const name = sheetName(title);
  const replaced: ReplacedCells = { cells: 0 };
  const bytes = await zipArchive([
    { name: 'mimetype', data: ODS_MEDIA_TYPE, stored: true },
    { name: 'content.xml', data: contentXml(kind, rows, opts, name, replaced) },
    { name: 'meta.xml', data: metaXml(opts, title) },
    { name: 'settings.xml', data: settingsXml(name) },
    { name: 'META-INF/manifest.xml', data: MANIFEST },
  ]);
  return { bytes, replaced };
}
