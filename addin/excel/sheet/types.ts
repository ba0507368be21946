/**
 * The binding's seams: how it reaches Excel (an injected `Excel.run`), how it logs, and what it
 * hands back to the task pane.
 */
import type * as Y from 'yjs';
import type { DocKind } from '../../../shared/schema/types.js';
import type { CrossRefs } from '../../../shared/validate/cross-refs.js';
import type { Problem } from '../../../shared/validate/problem.js';
import type { RefLists } from './ref-lists.js';
import type { RowLocks } from './row-locks.js';
import type { PauseReason } from './layout.js';
import type { SelectedRow } from './selection.js';

/**
 * Runs a batch against a request context: `Excel.run` in Excel, the emulator's `run` in tests.
 * Typed like the batch-only overload of `Excel.run`, so `Excel.run` itself can be passed.
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Counts every sync the binding makes, and bounds the size of each request. */
export interface SyncCounter {
  syncs: number;
  /** Largest request to build, in estimated JSON bytes (default `PAYLOAD_BUDGET_BYTES` of write-plan.ts, 4 MB). */
  budgetBytes?: number;
}

/** The logger the binding writes to; pino, console or a test spy all fit. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** A logger that drops everything. */
export const silentLogger: Logger = { debug() {}, warn() {}, error() {} };

/** Period codes that change while a table is bound (the workspace's follow-up rounds'). */
export interface LivePeriods {
  /** The codes now. */
  current(): readonly string[];
  /** Calls `listener` after the codes may have changed; returns the function that stops it. */
  onChange(listener: () => void): () => void;
}

/** Options of `bindTable`. */
export interface BindOptions {
  /** The document's id; names the Excel table and the workbook setting. */
  docId: string;
  /** Language of headers, dropdown labels and messages. */
  lang: 'sv' | 'en';
  /**
   * Worksheet to use as it is, or create (adopting a plan in place). Without it a new table gets
   * a tab of its own named from the document's title (see `sheet/sheet-tab.ts`).
   */
  sheetName?: string;
  /**
   * The document's title as the pane knows it. Given, the tab is named from the title (the doc's
   * own title first) and renamed whenever the document is; without it, from the doc id.
   */
  title?: string;
  /** Viewers: protected sheet, no local → doc writes. */
  readOnly?: boolean;
  /**
   * Rows this person may not change (other units' rows, rows of an approved round): an edit of
   * one is put back from the doc and named in Problems with the reason, never sent.
   */
  rowLocks?: RowLocks;
  /** Other documents' rows for cross-document checks (known partner, known indicator). */
  refs?: CrossRefs;
  /**
   * The live lists reference columns show names from (`ColumnDef.ref`): cells show names and
   * store ids, names typed are stored as ids, unknown names are problems with suggestions, and
   * when a list changes its dropdown and the cells of renamed entries follow.
   */
  refLists?: RefLists;
  /**
   * Period codes of the workspace's follow-up rounds (`2025Q4`), offered in a Period column's
   * dropdown besides the document's own periods and the current and previous year's quarters:
   * a fixed list, or live, when the dropdown follows a round defined while the table is bound.
   */
  periods?: readonly string[] | LivePeriods;
  /** Called with the full problem list whenever it changes. */
  onProblems?(problems: readonly Problem[]): void;
  /**
   * Called when the person's selection moves onto another table row (or off the table, with
   * null); drives presence in People. Same row, same column: no call.
   */
  onSelection?(selection: SelectedRow | null): void;
  logger?: Logger;
  /** Delay before re-validating after a change, in ms (default 200). */
  validateDelayMs?: number;
  /** Delay before saving the last-synced snapshot after a local-only change, in ms (default 2000; 0 = never by timer). */
  snapshotDelayMs?: number;
  /**
   * First wait before a read of the person's changes that Excel refused is tried again, in ms
   * (default 100; writes wait half as long); waits double up to 100 times this. After
   * `RETRIES_BEFORE_GIVING_UP` refusals in a row the binding stops trying by itself (see
   * `BindingStatus.lastError.gaveUp`).
   */
  retryBaseMs?: number;
  /** Largest request the binding builds, in estimated bytes (default 4 MB, under Excel's ~5 MB). */
  payloadBudgetBytes?: number;
  /** Replaces `validateDoc` (tests, or a worker-backed validator). */
  validate?: (doc: Y.Doc, docId: string, refs?: CrossRefs, sheetRow?: (rowId: string) => number | null) => Problem[];
}

/**
 * Refusals in a row (other than cell-edit mode, which ends when the person leaves the cell) after
 * which a read or a write is no longer retried by timer: about two minutes of backoff.
 */
export const RETRIES_BEFORE_GIVING_UP = 20;

/**
 * The longest wait between two timed retries, as a multiple of the first (`retryBaseMs` for a
 * read, half of it for a write): waits double up to this. A test that says no retry comes waits
 * this long (`tests/support/eventually.ts`, `pastTimers`).
 */
export const RETRY_WAIT_CAP = 100;

/** What the status bar shows about the binding. */
export interface BindingStatus {
  /** Cells and rows waiting to be written into Excel (remote → local). */
  pendingExcelWrites: number;
  /** True while a batch is being written or retried. */
  busy: boolean;
  /** Excel is in cell-edit mode and the binding is waiting to write. */
  waitingForEditMode: boolean;
  /**
   * The last error talking to Excel, or null. `gaveUp`: Excel refused the same work
   * `RETRIES_BEFORE_GIVING_UP` times in a row and the binding stopped trying by itself; the next
   * change in the table or the document tries once more.
   */
  lastError: { code: string; message: string; gaveUp?: boolean } | null;
  /**
   * Why syncing of the sheet is paused, or null: the person inserted, deleted, moved or renamed
   * one of Samplan's columns, or moved the table (undoing that resumes syncing; nothing is lost),
   * or the table is gone and its cells could not be made a table again (`table-lost`).
   */
  paused: PauseReason | null;
  /** Number of `context.sync()` calls the binding has made. */
  syncs: number;
}

/** A live binding between one Excel table and one document. */
export interface TableBinding {
  readonly kind: DocKind;
  /** The tab's name now (it follows renames of the document); the binding finds it by id. */
  readonly sheetName: string;
  readonly tableName: string;
  readonly status: BindingStatus;
  /** Current problems: validation, values Excel held that could not be normalised, conflicts. */
  readonly problems: readonly Problem[];
  /** Calls `listener` on every status change; returns the unsubscribe function. */
  onStatus(listener: (status: BindingStatus) => void): () => void;
  /** Resolves when every pending write (both directions) and re-validation has finished. */
  flush(): Promise<void>;
  /** Selects the cell of `rowId`/`column` (Problems click); resolves false when not shown. */
  selectCell(rowId: string, column: string | null): Promise<boolean>;
  /** The sheet row number (1-based, as Excel shows it) the table holds `rowId` on now, or null when it holds it nowhere (yet). */
  sheetRow(rowId: string): number | null;
  /** Stores the last-synced snapshot in the workbook now. */
  saveSnapshot(): Promise<void>;
  /**
   * Undoes the person's own last edit made in this table since it was opened (`shared/doc/own-undo.ts`):
   * a peer's edit is never taken back; the undo goes to the doc, Excel and peers like any change.
   * False when there is nothing to undo, or when the edit is of a row the row locks refuse now
   * (its round approved since; `local/locked-undo.ts`): then Problems says why and nothing is sent.
   */
  undo(): boolean;
  /**
   * Closes `problem` (one of {@link problems}) when the person may: a conflict of a reopening, the
   * plan's side accepted (`sheet/cell-notes.ts`). False when it is none the binding closes.
   */
  dismiss(problem: Problem): boolean;
  /** Stops listening to Excel and the doc (saves the snapshot first). */
  dispose(): Promise<void>;
}
