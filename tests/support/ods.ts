/**
 * Hand-written OpenDocument spreadsheets for tests: `content.xml` around the given `table:table`
 * elements (with the namespaces LibreOffice declares), the `mimetype` part stored first as the
 * format requires, and optionally `settings.xml` naming the sheet open at saving (`ActiveTable`,
 * as LibreOffice writes it in its first view).
 */
import { makeZip, type ZipInput } from './zip.js';

const NAMESPACES = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"',
].join(' ');

/** What goes in the file: the body's tables, automatic styles, the open sheet, other parts. */
export interface OdsInput {
  /** The `table:table` elements, in tab order. */
  tables: string;
  /** `style:style` elements for `office:automatic-styles` (a hidden sheet's table style). */
  styles?: string;
  /** The sheet open at saving, written to `settings.xml`; none when absent. */
  activeTable?: string;
  /** Parts added after the others (a bomb, a picture). */
  extra?: ZipInput[];
}

/** `content.xml` of an OpenDocument spreadsheet holding `tables`. */
export function odsContent(tables: string, styles = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${NAMESPACES} office:version="1.3"><office:automatic-styles>${styles}</office:automatic-styles><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`;
}

/** `settings.xml` naming `active` as the sheet open at saving. */
export function odsSettings(active: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.3"><office:settings><config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views"><config:config-item-map-entry><config:config-item config:name="ViewId" config:type="string">view1</config:config-item><config:config-item-map-named config:name="Tables"><config:config-item-map-entry config:name="${active}"><config:config-item config:name="CursorPositionX" config:type="int">0</config:config-item></config:config-item-map-entry></config:config-item-map-named><config:config-item config:name="ActiveTable" config:type="string">${active}</config:config-item></config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>`;
}

/** The bytes of an `.ods` file. */
export function makeOds(input: OdsInput): Uint8Array {
  const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
  const parts: ZipInput[] = [
    { name: 'mimetype', data: utf8('application/vnd.oasis.opendocument.spreadsheet'), stored: true },
    { name: 'content.xml', data: utf8(odsContent(input.tables, input.styles)) },
  ];
  if (input.activeTable !== undefined) parts.push({ name: 'settings.xml', data: utf8(odsSettings(input.activeTable)) });
  return makeZip([...parts, ...(input.extra ?? [])]);
}

/** A `table:table-row` of string cells (`null` an empty cell), the trailing grid as LibreOffice writes it. */
export function stringRow(cells: readonly (string | null)[], rowAttributes = ''): string {
  const body = cells.map((c) => (c === null ? '<table:table-cell/>' : `<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>${c}</text:p></table:table-cell>`)).join('');
  return `<table:table-row${rowAttributes ? ` ${rowAttributes}` : ''}>${body}<table:table-cell table:number-columns-repeated="${16_384 - cells.length}"/></table:table-row>`;
}

/** A `table:table` named `name` holding `rows`, then the grid's empty rest, as LibreOffice writes it. */
export function sheet(name: string, rows: readonly string[], attributes = ''): string {
  const rest = `<table:table-row table:number-rows-repeated="${1_048_576 - rows.length}"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>`;
  return `<table:table table:name="${name}"${attributes ? ` ${attributes}` : ''}><table:table-column table:number-columns-repeated="16384"/>${rows.join('')}${rest}</table:table>`;
}
