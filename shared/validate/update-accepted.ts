/**
 * What `checkUpdate` (`check-update.ts`) answers for an update it accepts, and what the one-cell
 * quick path (`cell-write.ts`) answers in the same fields.
 */
import type { CommentEffects } from './update-comments.js';
import type { CellWrite } from './update-walk-types.js';

/** An accepted update and the rows it writes, for the server's per-row ownership check. */
export interface UpdateAccepted {
  ok: true;
  /** Existing rows whose cells the update writes or removes (rows it creates are not listed). */
  touchedRows: readonly string[];
  /** Rows the update creates. */
  createdRows: readonly string[];
  /** Rows the update deletes, or replaces by creating a row under an existing id. */
  deletedRows: readonly string[];
  /** Metadata fields the update writes or removes. */
  metaKeys: readonly string[];
  /** Cells the update writes or removes (not `_pos`), in update order; the server's ownership rules read these. */
  cells: readonly CellWrite[];
  /** Comments the update writes, changes or deletes; the server checks who may (their author, an admin). */
  comments: CommentEffects;
  /** Values it writes into rows the doc holds deleted, which Yjs drops as they land (absent: none); the server tells the author. */
  droppedCells?: readonly CellWrite[];
}
