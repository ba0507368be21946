/**
 * The state one binding shares between its parts: where each row id sits in the table, the
 * serial queue every Excel request goes through, the snapshot being kept, and the status.
 */
import type * as Y from 'yjs';
import { getRow } from '../../../shared/doc/index.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { docRowBytes, schemaRowBytes } from './cell-bytes.js';
import { isCellEditModeError, type SyncCounter } from './excel-io.js';
import type { ColumnsCheck, PauseReason, TableLayout } from './layout.js';
import type { RowLocks } from './row-locks.js';
import { rowHashes } from './snapshot.js';
import { nameRefused, TABLE_NAME_KEY, tableNameProblem } from './table-name.js';
import type { BindingStatus, ExcelRun, Logger } from './types.js';
import type { WaitingRef } from './waiting-refs.js';

/** Key of the "Excel refused a request" problem among the local problems. */
export const EXCEL_ERROR_KEY = '\u0000excel';

/** The problem Problems shows while Excel refuses the binding's requests. */
export function excelErrorProblem(docId: string, code: string, gaveUp = false): Problem {
  const message = gaveUp
    ? {
        sv: `Excel avvisade Samplans begäranden (${code}) gång på gång, och Samplan har slutat försöka av sig själv. Dokumentet är oförändrat, men det du skrivit i bladet sedan dess har inte kommit in i dokumentet (det finns kvar i cellerna), och ändringar från andra väntar på att skrivas in i bladet. Samplan försöker igen nästa gång du ändrar något i tabellen. Består felet: stäng och öppna dokumentet i Samplan igen.`,
        en: `Excel refused Samplan's requests (${code}) again and again, and Samplan stopped retrying by itself. The document is unchanged, but what you typed in the sheet since has not reached the document (it stays in the cells), and changes from others wait to be written into the sheet. Samplan tries again the next time you change something in the table. If the error persists: close and open the document in Samplan again.`,
      }
    : {
        sv: `Excel avvisade en begäran från Samplan (${code}). Bladet och dokumentet synkas inte förrän det lyckas; Samplan försöker igen av sig själv och inget du skrivit går förlorat.`,
        en: `Excel refused a request from Samplan (${code}). The sheet and the document are not synced until it succeeds; Samplan retries by itself and nothing you typed is lost.`,
      };
  return { doc: docId, rowId: null, column: null, severity: 'error', code: 'excel-request-failed', message };
}

/** Key of the "columns changed" problem among the local problems. */
export const COLUMNS_KEY = '\u0000columns';

const PAUSED_TEXT = {
  'columns-changed': {
    sv: 'En kolumn bland Samplans har infogats, tagits bort, flyttats eller bytt namn. Synkningen av bladet är pausad så att inga värden hamnar i fel kolumn; inget går förlorat. Ångra ändringen (eller flytta din kolumn längst till höger i tabellen, där egna kolumner går bra) så fortsätter synkningen.',
    en: 'One of Samplan’s columns was inserted, deleted, moved or renamed. Syncing of this sheet is paused so that no value lands in the wrong column; nothing is lost. Undo the change (or move your column to the right end of the table, where your own columns are fine) and syncing resumes.',
  },
  'table-moved': {
    sv: 'Tabellen har flyttats från cell A1. Synkningen av bladet är pausad så att inga värden hamnar fel; inget går förlorat. Ångra flytten så fortsätter synkningen.',
    en: 'The table was moved away from cell A1. Syncing of this sheet is paused so that no value lands in the wrong place; nothing is lost. Undo the move and syncing resumes.',
  },
  'table-lost': {
    sv: 'Samplan hittar inte längre tabellen: bladet, tabellen eller dess dolda id-kolumn (A) har tagits bort, eller tabellen har gjorts om till ett område vars rubrikrad inte längre är Samplans. Synkningen av bladet är pausad. Dokumentet är oförändrat, men det du skriver i bladet nu kommer inte in i dokumentet (det finns kvar i cellerna). Ångra ändringen (Ctrl+Z) och ändra sedan något i tabellen, så läser Samplan den igen. Går det inte att ångra: stäng och öppna dokumentet i Samplan igen, så görs en ny tabell med dokumentets rader, och skriv in det du skrivit i den.',
    en: 'Samplan can no longer find the table: the sheet, the table or its hidden id column (A) was deleted, or the table was converted to a range whose header row is no longer Samplan’s. Syncing of this sheet is paused. The document is unchanged, but what you type in the sheet now does not reach the document (it stays in the cells). Undo the change (Ctrl+Z), then change something in the table and Samplan reads it again. If it cannot be undone: close and open the document in Samplan again, which makes a new table with the document’s rows, and enter what you typed there.',
  },
  'table-ambiguous': {
    sv: 'Samplan hittade inte tabellen under sitt namn, och dokumentets rader finns på flera flikar. Samplan väljer inte mellan dem och gör ingen ny tabell; synkningen av bladet är pausad. Dokumentet är oförändrat, och det du skrivit finns kvar i cellerna. Ta bort den flik du inte vill behålla (flytta först det du skrivit där till den andra) och stäng och öppna sedan dokumentet i Samplan igen.',
    en: 'Samplan did not find the table under its name, and the document’s rows are on several tabs. Samplan does not choose between them and makes no new table; syncing of this sheet is paused. The document is unchanged, and what you typed stays in the cells. Delete the tab you do not want to keep (first move what you typed there to the other), then close and open the document in Samplan again.',
  },
} as const;

/**
 * The problem Problems shows while syncing of the sheet is paused because the table changed
 * shape; for `table-ambiguous`, `tabs` are the tabs holding the document's rows, named in it.
 */
export function pausedProblem(docId: string, reason: PauseReason, tabs: readonly string[] = []): Problem {
  const text = PAUSED_TEXT[reason];
  const message = reason === 'table-ambiguous' && tabs.length > 0 ? { sv: text.sv.replace('flera flikar', `flera flikar: ${quoted(tabs, 'och')}`), en: text.en.replace('several tabs', `several tabs: ${quoted(tabs, 'and')}`) } : text;
  return { doc: docId, rowId: null, column: null, severity: 'error', code: 'columns-changed', message };
}

/** `”A”, ”B” och ”C”`. */
function quoted(names: readonly string[], and: string): string {
  const q = names.map((n) => `”${n}”`);
  return q.length > 1 ? `${q.slice(0, -1).join(', ')} ${and} ${q[q.length - 1]}` : (q[0] ?? '');
}

/** Shared state of one binding; see the file comment. */
export interface BindingContext {
  readonly run: ExcelRun;
  readonly doc: Y.Doc;
  readonly layout: TableLayout;
  readonly docId: string;
  readonly readOnly: boolean;
  /** Rows the person may not change; none when undefined. */
  readonly rowLocks: RowLocks | undefined;
  readonly logger: Logger;
  /** Transaction origin of the binding's own doc writes; its observer skips them. */
  readonly origin: object;
  readonly counter: SyncCounter;
  /** Row id at each data-body row as far as the binding knows; null for a row without id. */
  ids: (string | null)[];
  /** Data-body index of a row id (rebuilt lazily after `ids` changes). */
  indexOf(id: string): number | undefined;
  /** Call after changing `ids` in place. */
  idsChanged(): void;
  /**
   * Ids of the rows the writer appended since the problem tracker last looked. Such a row's cells
   * hold none of the fills the binding set on it before, even when it had been in the table (a
   * protected row the person deleted and the binding put back): the tracker forgets them and sets
   * them again.
   */
  readonly appended: Set<string>;
  /**
   * Ids of the rows this binding sent as new rows (typed, or held and let go) since it was made:
   * one that no one else has written in since goes back to being held when an edit makes it one
   * the person may not send (`local/held-rows.ts` `heldAgain`).
   */
  readonly made: Set<string>;
  /**
   * Estimated response bytes of body row `index` when read: measured from what the doc holds
   * for the row the binding knows there, the schema's widest otherwise (sizes paged reads).
   */
  rowBytes(index: number): number;
  /** Runs Excel work one job at a time, in order. */
  enqueue<T>(job: () => Promise<T>): Promise<T>;
  /** Row id → cell hashes of the state both Excel and the doc hold (see `snapshotRows`). */
  readonly snapshot: Map<string, string>;
  /** Records that Excel and the doc agree on these rows now (or that they are gone). */
  settle(rowIds: Iterable<string>): void;
  /**
   * Reference cells not read nor written while their list is unknown, by cell key
   * (`local/waiting-refs.ts`); the snapshot keeps their last agreed hash until they are merged.
   */
  readonly waitingRefs: Map<string, WaitingRef>;
  /** The snapshot with every settled row hashed (hashing waits until it is needed). */
  snapshotRows(): Map<string, string>;
  /** Problems of cells kept as typed, by cell key. */
  readonly localProblems: Map<string, Problem>;
  /** Conflicts found by the last reconcile, by cell key. */
  readonly conflicts: Map<string, Problem>;
  /** Bumped on every change to the doc or to the local problems; validation skips when unchanged. */
  version: number;
  status: BindingStatus;
  /** Updates the status; a `lastError` also becomes (or stops being) a problem in Problems. */
  setStatus(patch: Partial<BindingStatus>): void;
  /** The local problems changed outside a doc change: show them (a hook of `bindTable`). */
  problemsChanged(): void;
  /**
   * A local change could not be read (Excel refused): the next read takes the whole table, so
   * that what was typed meanwhile is not lost.
   */
  missedLocal: boolean;
  /** Something changed in the doc or the table: re-validate and save the snapshot later (a hook of `bindTable`). */
  touched(): void;
  /** Runs right before a write: re-validates so that highlight changes go with the write (a hook of `bindTable`). */
  beforeWrite(): void;
  /** The table is gone for good (see `recoverTable`): pauses syncing as `table-lost` (a hook of `bindTable`). */
  tableLost(): void;
  /**
   * Whether Samplan's columns are where the binding keeps them, as the last read found. While
   * they are not, nothing is read into the doc or written into the sheet (see `bindTable`).
   */
  columns: ColumnsCheck;
}

/** What the binding does when its parts report something; given by `bindTable` at construction. */
export interface BindingHooks {
  /** The local problems changed outside a doc change: show them. */
  problemsChanged(): void;
  /** Something changed in the doc or the table: re-validate and save the snapshot later. */
  touched(): void;
  /** Right before a write: re-validate so that highlight changes go with the write. */
  beforeWrite(): void;
  /** The table is gone and could not be found again: pause syncing as `table-lost`. */
  tableLost(): void;
  /** Every status change. */
  onStatus(status: BindingStatus): void;
}

/** Builds a {@link BindingContext} with the hooks `bindTable` gives. */
export function createBindingContext(init: {
  run: ExcelRun;
  doc: Y.Doc;
  layout: TableLayout;
  docId: string;
  readOnly: boolean;
  rowLocks?: RowLocks;
  logger: Logger;
  hooks: BindingHooks;
}): BindingContext {
  const { hooks, ...shared } = init;
  const counter: SyncCounter = { syncs: 0 };
  const rows = rowIndex(() => ctx.ids);
  const waitingRefs = new Map<string, WaitingRef>();
  const settled = settledRows(init, () => ctx.snapshot, waitingRefs);
  const ctx: BindingContext = {
    ...shared,
    rowLocks: init.rowLocks,
    origin: { binding: init.docId },
    counter,
    ids: [],
    indexOf: rows.indexOf,
    idsChanged: rows.reset,
    appended: new Set(),
    made: new Set(),
    rowBytes(i) {
      const extra = ctx.columns.intact ? ctx.columns.extra : 0;
      const id = ctx.ids[i];
      const row = id ? getRow(init.doc, id) : undefined;
      return row ? docRowBytes(row.values, init.layout.width + extra) + extra * 8 : schemaRowBytes(init.layout, extra);
    },
    enqueue: serialQueue(),
    snapshot: new Map(),
    waitingRefs,
    settle: settled.settle,
    snapshotRows: settled.rows,
    localProblems: new Map(),
    conflicts: new Map(),
    version: 0,
    status: { pendingExcelWrites: 0, busy: false, waitingForEditMode: false, lastError: null, paused: null, syncs: 0 },
    setStatus(patch) {
      const before = ctx.status.lastError;
      ctx.status = { ...ctx.status, ...patch, syncs: counter.syncs };
      if (errorChanged(before, ctx.status.lastError)) showExcelError(ctx);
      hooks.onStatus(ctx.status);
    },
    problemsChanged: () => hooks.problemsChanged(),
    missedLocal: false,
    touched: () => hooks.touched(),
    beforeWrite: () => hooks.beforeWrite(),
    tableLost: () => hooks.tableLost(),
    columns: { intact: true, extra: 0 },
  };
  return ctx;
}

function errorChanged(before: BindingStatus['lastError'], after: BindingStatus['lastError']): boolean {
  return before?.code !== after?.code || before?.message !== after?.message || before?.gaveUp !== after?.gaveUp;
}

/** Shows (or stops showing) the status's `lastError` as a problem; waiting for the person to leave a cell is not a failure. */
function showExcelError(ctx: BindingContext): void {
  const error = ctx.status.lastError;
  if (error && !isCellEditModeError(error)) ctx.localProblems.set(EXCEL_ERROR_KEY, excelErrorProblem(ctx.docId, error.code, error.gaveUp === true));
  else ctx.localProblems.delete(EXCEL_ERROR_KEY);
  ctx.version++;
  ctx.problemsChanged();
}

/** Data-body index of each row id in `ids()`, rebuilt lazily after `reset`. */
function rowIndex(ids: () => readonly (string | null)[]): { indexOf(id: string): number | undefined; reset(): void } {
  let index: Map<string, number> | null = null;
  return {
    indexOf(id) {
      if (!index) {
        const built = new Map<string, number>();
        ids().forEach((rowId, i) => {
          if (rowId) built.set(rowId, i);
        });
        index = built;
      }
      return index.get(id);
    },
    reset() {
      index = null;
    },
  };
}

/** Runs jobs one at a time, in order; a failed job does not stop the next. */
function serialQueue(): <T>(job: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (job) => {
    const next = tail.then(job, job);
    tail = next.catch(() => undefined);
    return next;
  };
}

/** Rows whose snapshot hash waits until the snapshot is needed (hashing is not free). */
function settledRows(init: { doc: Y.Doc; layout: TableLayout }, snapshot: () => Map<string, string>, waiting: ReadonlyMap<string, WaitingRef>): { settle(ids: Iterable<string>): void; rows(): Map<string, string> } {
  const unsettled = new Set<string>();
  return {
    settle(rowIds) {
      for (const id of rowIds) unsettled.add(id);
    },
    rows() {
      const map = snapshot();
      for (const id of unsettled) {
        const row = getRow(init.doc, id);
        if (row) map.set(id, rowHashes(init.layout.columns, row.values));
        else map.delete(id);
      }
      unsettled.clear();
      // A cell waiting for its list is not agreed yet: its row keeps the cell's last agreed hash.
      for (const w of waiting.values()) {
        const hashes = map.get(w.rowId);
        const i = init.layout.columns.findIndex((c) => c.key === w.key);
        if (hashes !== undefined && w.base !== undefined && i >= 0) map.set(w.rowId, hashes.slice(0, 2 * i) + w.base + hashes.slice(2 * i + 2));
      }
      return map;
    },
  };
}

/**
 * Shows (or stops showing) in Problems the name Excel refused, as the last read left it; asks
 * for a new look at the problems only when that changed. Called after every read of the table.
 */
export function showNameProblem(ctx: BindingContext): void {
  const refused = nameRefused(ctx.layout);
  const shown = ctx.localProblems.get(TABLE_NAME_KEY);
  if (!refused && !shown) return;
  const problem = refused && tableNameProblem(ctx.docId, ctx.layout, refused);
  if (problem && shown?.message.en === problem.message.en) return;
  if (problem) ctx.localProblems.set(TABLE_NAME_KEY, problem);
  else ctx.localProblems.delete(TABLE_NAME_KEY);
  ctx.version++;
  ctx.problemsChanged();
}
