import type { Localized } from '../schema/types.js';

/** How serious a problem is, as in VS Code's Problems panel. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * A content problem found in a document. Problems are reported, never enforced: the row stays
 * in the doc so that people can fix it.
 */
export interface Problem {
  /** Document id the problem belongs to. */
  doc: string;
  /** Row id, or null for a document-level problem. */
  rowId: string | null;
  /** Cell key (see `CellColumn.key`), or null for a row-level problem. */
  column: string | null;
  severity: Severity;
  /** Stable machine code, e.g. `required`, `enum`, `range`, `unknown-partner`. */
  code: string;
  message: Localized;
  /** Text the person wrote and may want back (a cell a colleague's change took away): Problems offers to copy it. */
  copyText?: string;
  /**
   * The person may close it in Problems (Stäng): a note of a change of theirs taken away or put
   * back, which nothing in the sheet fixes (a row the server brought back, a cell they had emptied).
   * A problem offering `copyText` may always be closed.
   */
  dismissable?: true;
  /** A duplicate's other row: the first row holding the same key (the message names it). */
  otherRowId?: string;
}
