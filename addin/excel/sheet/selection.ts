/**
 * Where the person is in the table: the row (by id) and column under the top-left cell of the
 * selection, for presence ("Anna is on row …"). Only ids leave the workbook, never cell content.
 */
import type { TableLayout } from './layout.js';
import { rectOfAddress } from './address.js';

/** A selected table row and, when the selection starts in a data column, that column's key. */
export interface SelectedRow {
  rowId: string;
  column: string | null;
}

/**
 * The table row and column under the top-left corner of `address` (a selection address such as
 * `C5` or `Blad1!C5:D9`), or null when that corner is outside the table's body: the header, a
 * row past the end, a column right of the table, or the placeholder row of an empty table.
 * A whole-row selection (`5:5`) gives the row without a column.
 */
export function selectedRow(layout: TableLayout, ids: readonly (string | null)[], address: string): SelectedRow | null {
  const rect = rectOfAddress(address);
  if (!rect) return null;
  const id = ids[rect.first - layout.headerRow - 1];
  if (!id) return null;
  if (!rect.columns) return { rowId: id, column: null };
  const first = Math.min(...rect.columns);
  if (first >= layout.width) return null;
  return { rowId: id, column: layout.columns[first - 1]?.key ?? null };
}
