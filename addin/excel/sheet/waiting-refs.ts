/**
 * Reference cells waiting for their list. A reference column (`ColumnDef.ref`) shows names and
 * stores ids; a name is read to its id only with its list (`ref-lists.ts`). While a binding's
 * list is not known yet (the workspace's partner list or indicator catalog has not synced), such
 * a cell is neither read into the doc nor written from it: its text could be a name (read as
 * itself it would overwrite the stored id), and the doc's id written would show as an id over what
 * the person chose. The cell waits with the last agreed state (its snapshot hash) and is merged
 * three ways once the list arrives (`local/waiting-refs.ts`), as a reopened workbook is.
 */
import type { CellColumn } from '../../../shared/schema/types.js';
import type { TableLayout } from './layout.js';

/** One cell waiting for its list: its row and column, and its hash in the last agreed state (undefined: none). */
export interface WaitingRef {
  rowId: string;
  key: string;
  base: string | undefined;
  /**
   * Set for a cell of a row someone else deleted while the pane was closed (the deletion is kept,
   * the row leaves the sheet): the cell's text as the sheet held it, and the row's values as the
   * conflict names them. Once the list arrives, a text that reads as other than the last agreed
   * value makes the row a `deleted-remotely` conflict, as any other change of such a row does.
   */
  gone?: { raw: unknown; values: string };
}

/**
 * Whether `column` cannot be read or written in `layout` now: a reference column whose list the
 * binding's lists do not know yet. A binding given no lists at all reads every cell as itself.
 */
export function waitsForList(layout: TableLayout, column: CellColumn): boolean {
  const ref = column.column.ref;
  return ref !== undefined && layout.refLists !== undefined && layout.refLists.lookup(ref) === undefined;
}
