/**
 * Where a document's table sits in the workbook and what its columns are. The hidden row-id
 * column comes first, so that a schema version that adds columns appends them at the right
 * without moving the ids; the data columns follow in schema order.
 */
import { cellColumns } from '../../../shared/schema/index.js';
import type { CellColumn, DocKind } from '../../../shared/schema/types.js';
import type { CrossRefs } from '../../../shared/validate/cross-refs.js';
import { cutText } from '../../../shared/validate/cut-text.js';
import type { RefLists } from './ref-lists.js';

/** The header of the hidden id column (never shown, but Excel needs a unique header). */
export const ID_HEADER = 'samplan-id';

/** Everything the binding needs to know about a table's shape. */
export interface TableLayout {
  kind: DocKind;
  lang: 'sv' | 'en';
  /** The sheet's tab name as last seen (it follows renames of the document). */
  sheetName: string;
  /**
   * How requests reach the sheet: its stable worksheet id once the binding has found or made it
   * (a tab renamed by hand or after the document keeps working), its name before that.
   */
  sheetKey: string;
  /** The table's name: Samplan's handle on it, by which an opening pane finds it (`tableNameFor`). */
  tableName: string;
  /**
   * How requests reach the table: its stable table id once the binding has found or made it (a
   * table renamed by hand keeps working, and gets its name back: see `paged-read.ts`), its name
   * before that.
   */
  tableKey: string;
  /** The hidden, protected sheet that holds the table's dropdown lists (one column per list). */
  listSheetName: string;
  /** The data columns in sheet order, starting at sheet column 1 (B). */
  columns: readonly CellColumn[];
  /** Sheet column index (0-based) of a cell key. */
  columnIndex: ReadonlyMap<string, number>;
  /** Number of sheet columns, id column included. */
  width: number;
  /** Zero-based sheet row of the header; data starts on the next row. */
  headerRow: number;
  /** The reference lists whose names reference cells show (`ColumnDef.ref`); ids are shown without. */
  refLists?: RefLists;
  /**
   * The cross-references of the workspace (the followed indicator catalog's ranges and units,
   * read when asked), for what typing is judged by before it is stored: a percent sign in a
   * count (`shared/validate/percent-sign.ts`). Absent: no catalog is known.
   */
  refs?: CrossRefs;
  /**
   * True once the text and longtext columns' body cells are known to have the text format `@`:
   * set by the request that creates the table or formats an opened one (`text-formats.ts`).
   * Until then such a column may still be `General` (a workbook made before they were text), and
   * texts written into it keep the quote prefix (`literal-cells.ts`).
   */
  textFormatted?: boolean;
  /**
   * Whether the table's sheet (`sheet`) and the list sheet (`lists`) are protected, as the last
   * read found them or the last request left them; absent when unknown (`sheet-protection.ts`).
   */
  protection?: { sheet?: boolean; lists?: boolean };
}

/** `0 → A`, `26 → AA`. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A1 address of a rectangle given zero-based sheet coordinates. */
export function rangeAddress(row: number, col: number, rows: number, cols: number): string {
  const first = `${columnLetter(col)}${row + 1}`;
  if (rows === 1 && cols === 1) return first;
  return `${first}:${columnLetter(col + cols - 1)}${row + rows}`;
}

/** Short stable hash (FNV-1a, base 36) used to tell sanitised names apart. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/**
 * The Excel table name of a document: letters, digits and underscores only (Excel's rule),
 * with a hash suffix whenever the doc id had to be changed, so two ids never share a table.
 */
export function tableNameFor(docId: string): string {
  const clean = docId.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 200);
  return clean === docId ? `Samplan_${clean}` : `Samplan_${clean}_${shortHash(docId)}`;
}

/** A worksheet name Excel accepts: no `[]:*?/\`, at most 31 characters, holding no identity number the cut made. */
export function sheetNameFor(name: string): string {
  const clean = name.replace(/[[\]:*?/\\]/g, '-').replace(/^'+|'+$/g, '').trim();
  return cutText(clean, 31) || 'Samplan';
}

/** Builds the layout of `kind` for a document. */
export function layoutFor(kind: DocKind, docId: string, lang: 'sv' | 'en', sheetName?: string, refLists?: RefLists): TableLayout {
  const columns = cellColumns(kind);
  const columnIndex = new Map(columns.map((c, i) => [c.key, i + 1] as const));
  return {
    kind,
    lang,
    sheetName: sheetNameFor(sheetName ?? docId),
    sheetKey: sheetNameFor(sheetName ?? docId),
    tableName: tableNameFor(docId),
    tableKey: tableNameFor(docId),
    listSheetName: sheetNameFor(`Samplan listor ${shortHash(docId)}`),
    columns,
    columnIndex,
    width: columns.length + 1,
    headerRow: 0,
    ...(refLists ? { refLists } : {}),
  };
}

/** The header row as shown: the id header, then each column's header in `lang`. */
export function headerValues(layout: TableLayout): string[] {
  return [ID_HEADER, ...layout.columns.map((c) => c.header[layout.lang])];
}

/**
 * Excel number format of a column: numbers and whole numbers General (which shows a
 * number as it is: `0` showed `3,5` typed into a count as `4`, while the count refused it and
 * stored nothing), codes, periods and free text as text (`@`, so Excel keeps `2025-03-01`,
 * `12 %`, `3/4` or `007` typed into a comment as typed instead of turning it into a date serial,
 * a fraction or a number), and dates as text too, holding `2025-03-01` (`toExcel`): in a date
 * format Excel made `1/3` typed there 1 March of the current year before the pane saw it, so the
 * plan's period (`planDates`) could not decide the year; as text the pane reads `1/3` by it, as
 * it reads an import. The price: the sheet's own date filters and date arithmetic see text (ISO
 * text still sorts by date). Date cells of a table made before hold serials, read and written
 * as they are (`showsValue`), until the pane opens that table and makes them text (`date-texts.ts`).
 */
export function numberFormatOf(column: CellColumn): string {
  if (column.option) return 'General';
  switch (column.column.type) {
    case 'date':
      return '@';
    case 'integer':
    case 'number':
      return 'General';
    case 'text':
    case 'longtext':
    case 'period':
    case 'phone':
    case 'unit':
    case 'indicator-ref':
      return '@';
    default:
      return 'General';
  }
}

/** Whether a column became text-formatted (`@`) only with free text; old workbooks have it `General`. */
export function isFreeText(column: CellColumn): boolean {
  return !column.option && (column.column.type === 'text' || column.column.type === 'longtext');
}

/** Why syncing of a sheet is paused (see `BindingStatus.paused`): {@link checkColumns} finds the first two. */
export type PauseReason = 'table-moved' | 'columns-changed' | 'table-lost' | 'table-ambiguous';

/** What a table's header row says about Samplan's columns; see {@link checkColumns}. */
export type ColumnsCheck =
  | { intact: true; /** Columns the person added at the right end of the table. */ extra: number }
  | { intact: false; reason: PauseReason };

/**
 * Whether the table still holds Samplan's columns where the binding keeps them: the table's top
 * left at its place, the id column and the schema's columns in order from the table's first
 * column (headers compared trimmed and case-insensitively, as Excel compares them). Columns the
 * person added at the right end are theirs and fine. A column inserted, deleted, moved or renamed
 * among Samplan's, or the table moved, is not: cells would no longer be where the binding reads
 * and writes them.
 */
export function checkColumns(layout: TableLayout, header: readonly unknown[], tableTop: { row: number; col: number }): ColumnsCheck {
  if (tableTop.row !== layout.headerRow || tableTop.col !== 0) return { intact: false, reason: 'table-moved' };
  const expected = headerValues(layout);
  const same = (a: unknown, b: string): boolean => String(a ?? '').trim().toLowerCase() === b.trim().toLowerCase();
  if (header.length < expected.length || expected.some((h, i) => !same(header[i], h))) return { intact: false, reason: 'columns-changed' };
  return { intact: true, extra: header.length - expected.length };
}
