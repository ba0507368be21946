/**
 * The seams between the workbench and the engines it drives: the Yjs connection
 * (`addin/sync`), the Excel binding (`addin/excel`) and the doc model (`shared/doc`). The pane
 * codes against these small interfaces; `real-ports.ts` wires the real engines in and the
 * component tests wire fakes, so no element ever needs a server or a workbook to be tested.
 */
import type * as Y from 'yjs';
import type { Localized } from '../../shared/schema/types.js';
import type { CrossRefs } from '../../shared/validate/cross-refs.js';
import type { Problem } from '../../shared/validate/problem.js';
import type { RefLists } from '../excel/sheet/ref-lists.js';
import type { RowLocks } from '../excel/sheet/row-locks.js';
import type { RoundsWatch } from './rounds-live.js';
import type { ExcelRun, LivePeriods } from '../excel/sheet/types.js';
import type { UnownedMemory } from './unowned-memory.js';
import type { OpenedSource } from '../indicators/indicator-pull-controller.js';
import type { Lang } from './strings.js';

/** Connection states as the sync client reports them. */
export type ConnectionStatus = 'online' | 'offline' | 'connecting' | 'reconnecting' | 'refused';

/** A snapshot of a connection's state. */
export interface SyncState {
  status: ConnectionStatus;
  /** Local changes the server has not acknowledged yet. */
  pending: number;
  /** Why the server refused the last update or the connection, if it did. */
  refusal: string | null;
  /** The WebSocket close code behind a refusal, if any (see `shared/protocol/close-codes`). */
  closeCode: number | null;
  /**
   * For a refusal the server sent as a notice: its machine code (`row-gone`, …) and the place it
   * names (`['rows', rowId, column]`), when it names one, and the rows it took back (`rows`).
   * Absent: not a notice, or nothing named.
   */
  refusalNotice?: { code: string; path?: readonly string[]; rows?: readonly string[] } | null;
  /**
   * The document has never been fetched and cannot be now: offline, with no offline copy
   * (`connect-doc.ts`, `awaitsFirstFetch`). Its sheet is bound when it arrives. Absent: false.
   */
  unfetched?: boolean;
  /**
   * While a dropped connection is retried on its own: a few words on why (`cause`, e.g. "Servern
   * startar om"), the whole sentence (`message`) and when the next attempt starts (`at`, ms since
   * the epoch); see `connection-status.ts`, `Retry`. Absent or null: no retry is waited for.
   */
  retry?: { cause: string; message: string; at: number } | null;
  /**
   * Set when the offline copy cannot be kept on this computer (no IndexedDB, its quota full, the
   * database deleted): the sentence saying so (`connection-status.ts`, `offlineStoreWords`).
   * Absent or null: it is kept, or none is asked for. For a while after the copy is kept again,
   * the sentence saying that (`OFFLINE_STORE_RESTORED`), with {@link offlineStoreRestored} set.
   */
  offlineStore?: string | null;
  /** True while {@link offlineStore} says the copy is kept again (not a fault). */
  offlineStoreRestored?: boolean;
  /**
   * Another account's offline copy of this document on this computer holds edits the server does
   * not have (`addin/sync/other-copies.ts`): kept for them, never sent under this account.
   */
  otherAccountCopy?: boolean;
  /**
   * A copy kept before copies had owners holds unsent edits of this document: the person is asked
   * whether they are theirs ({@link SyncHandle.answerUnownedCopy}).
   */
  unownedCopy?: boolean;
  /**
   * That copy's unsent edits are kept apart, never sent: the person said they are not theirs, now
   * or earlier in this workbook (`unowned-memory.ts`, answered so again at open without asking).
   * {@link SyncHandle.askUnownedAgain} asks again.
   */
  unownedLeft?: boolean;
  /**
   * With {@link unownedLeft}: the answer is kept only in the workbook (local storage here refused
   * it, or Excel cannot name the workbook), so a workbook closed without saving asks again.
   */
  unownedLeftInWorkbookOnly?: boolean;
}

/** The part of y-protocols' Awareness the People view needs. */
export interface AwarenessLike {
  clientID: number;
  getStates(): Map<number, Record<string, unknown>>;
  setLocalStateField(field: string, value: unknown): void;
  on(event: 'change', listener: () => void): void;
  off(event: 'change', listener: () => void): void;
}

/** One live connection of a document to the server. */
export interface SyncHandle {
  state(): SyncState;
  /**
   * The person's answer to {@link SyncState.unownedCopy}: true deletes that copy and then takes its
   * edits into the document as theirs (sent); false leaves the copy as it is, kept as another's.
   * Rejects when the answer could not be carried out (the copy could not be deleted): nothing was
   * then taken, and the question stays asked.
   */
  answerUnownedCopy?(mine: boolean): Promise<void>;
  /**
   * "Fråga igen" after {@link SyncState.unownedLeft}: forgets the workbook's remembered answer and
   * asks the question again. Rejects when the answer could not be forgotten; the edits stay apart.
   */
  askUnownedAgain?(): Promise<void>;
  /** Calls `listener` on every state change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  readonly awareness: AwarenessLike | null;
  /**
   * Follows the browser's network state: `false` stops the connection on purpose (edits keep
   * counting as pending), `true` connects again at once instead of waiting for the backoff.
   */
  setOnline(online: boolean): void;
  /**
   * Calls `listener` when the server says the open document was archived (`archivedAt` set) or
   * restored (null), at once; returns the unsubscribe function. Absent: such a change is noticed
   * only when the document is opened again.
   */
  onDocState?(listener: (state: { archivedAt: string | null; archivedBy: string | null }) => void): () => void;
  destroy(): void;
  /**
   * Resolves once the document is in: the server's state after the first sync, or the offline
   * copy while the server cannot be reached or refuses (`connect-doc.ts`, `isReady`). The sheet
   * is bound only then, so what is typed in a table already in the workbook meanwhile (a document
   * opened again) is reconciled as a cell edit against the real rows, not written into an empty
   * doc as new rows. Absent: the document is in at once (a fake, a doc filled beforehand).
   */
  readonly whenReady?: Promise<void>;
  /**
   * Whether the server is known to hold the doc's struct `id`. Absent: not known, and a
   * colleague's delete of a row holding an unsent edit is not told (`lost-writes.ts`).
   */
  serverHas?(id: Y.ID): boolean;
  /** Whether struct `id` of another client than the doc's own was made on this computer (its offline copy, unsent). */
  madeHere?(id: Y.ID): boolean;
  /**
   * The sentence of the server's notice that refused and takes back a change of row `rowId`, until
   * {@link tookBack} (`DocConnection.takenBack`). Absent: refused cells are not named one by one.
   */
  takenBack?(rowId: string): Localized | undefined;
  /** The take-back of row `rowId` arrived. */
  tookBack?(rowId: string): void;
  /**
   * Ends the connection and deletes the offline copy of the document with the changes in it the
   * server lacks; rejects when the copy could not be deleted. Absent: there is no offline copy,
   * and {@link destroy} drops everything.
   */
  discard?(): Promise<void>;
}

/** A document bound to a worksheet table. */
export interface BindingHandle {
  /** Selects the cell of `rowId` × `column` (or the row's first cell) in the workbook; false when the sheet does not hold the row (yet). */
  selectCell(rowId: string, column: string | null): Promise<boolean | void>;
  /** The sheet row number (1-based, as Excel shows it) of `rowId` in the bound table, or null when the table does not hold it. Absent: not known. */
  sheetRow?(rowId: string): number | null;
  dispose(): void | Promise<void>;
  /**
   * Takes the table (and its last-synced snapshot) out of the workbook, after {@link dispose}, so
   * that binding the document again writes a new table from the doc; rejects when Excel refuses.
   * Resolves to the name of the sheet left empty where the table was (kept in its place in the
   * tab row, for binding again on it: `bind`'s `sheetName`), or null when the table's sheet held
   * more and a new tab is needed.
   */
  remove?(): Promise<string | null | void>;
  /** Undoes the person's own last edit in this table (never a peer's); false when there is none. */
  undo?(): boolean;
  /** Closes a problem of the binding's the person may close (a conflict of a reopening); false when it is none. */
  dismiss?(problem: Problem): boolean;
}

/** A way into the workbook: `Excel.run` in Office, the emulator's `host.run` in the playground. */
export type { ExcelRun } from '../excel/sheet/types.js';

/** What the workbench needs to open a document. */
export interface EnginePorts {
  connect(options: {
    serverUrl: string;
    workspace: string;
    docId: string;
    token: string;
    doc: Y.Doc;
    /** The document kind, for checking local changes before the doc's metadata has arrived. */
    kind?: string;
    /** The person may only read it: nothing is sent. */
    readOnly?: boolean;
    /**
     * The signed-in member's id (`Me.memberId`), whose offline copy it is (`offline-copy.ts`):
     * absent or empty, no offline copy is kept, as nobody's unsent edits may be opened then.
     */
    member?: string;
    /** Where the person's answer about a copy with no owner is remembered (the workbook's settings); absent: for this connection only. */
    unownedMemory?: UnownedMemory;
  }): SyncHandle;
  bind(
    run: ExcelRun,
    doc: Y.Doc,
    kind: string,
    options: {
      docId: string;
      title: string;
      lang: Lang;
      readOnly: boolean;
      /** Write the table on this existing sheet (the one {@link BindingHandle.remove} emptied) instead of a new tab. */
      sheetName?: string;
      /** Rows this person may not write (other units' rows): edits of them are put back. */
      rowLocks?: RowLocks;
      /** The live lists reference columns show names from (units, indicators, partners). */
      refLists?: RefLists;
      /** Other documents' facts Problems checks with (an indicator catalog's declared ranges). */
      refs?: CrossRefs;
      /** Period codes of the workspace's follow-up rounds, for the Period dropdown, live as rounds are defined. */
      periods?: readonly string[] | LivePeriods;
      onProblems: (problems: Problem[]) => void;
      /** The row under the person's selection (null: off the table), for presence. */
      onSelection?: (selection: { rowId: string; column: string | null } | null) => void;
    },
  ): Promise<BindingHandle>;
  /**
   * Writes `rows` (a past version) into `doc` as one new change: cells that differ are set,
   * rows missing from the version are deleted, rows missing from the doc are inserted. With
   * `only`, just those rows are touched (one row restored, every other row left as it is now).
   */
  restore(doc: Y.Doc, rows: { id: string; values: Record<string, string | number | boolean | null> }[], only?: readonly string[]): void;
  /**
   * The workspace's follow-up rounds, live (`rounds-live.ts`), so open documents lock and mark the
   * rows of approved rounds; without it (tests of other parts) no round locks a row in the sheet.
   */
  watchRounds?(options: { serverUrl: string; workspace: string; token: string }): RoundsWatch;
  /**
   * Opens the workspace's indicator documents as one live, read-only source ("Pull indicator
   * table"); their offline copies are `member`'s (`Me.memberId`), none without one.
   */
  openIndicators(options: { serverUrl: string; workspace: string; token: string; member?: string | undefined; catalogIds: string[]; valueIds: string[]; valueOwners?: Record<string, string | null> }): OpenedSource;
}
