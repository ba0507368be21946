/**
 * The state one binding shares between its parts: where each row id sits in the table, the
 * serial queue every Excel request goes through, the snapshot being kept, and the status.
 */
import type * as Y from 'yjs';
import { getRow } from '../../../shared/doc/index.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { docRowBytes, schemaRowBytes } from './cell-bytes.js';
import { isCellEditModeError, type SyncCounter } from './excel-io.js';
import type { ColumnsCheck, TableLayout } from './layout.js';
import { rowHashes } from './snapshot.js';
import type { BindingStatus, ExcelRun, Logger } from './types.js';

/** Key of the "Excel refused a request" problem among the local problems. */
export const EXCEL_ERROR_KEY = '\u0000excel';

/** The problem Problems shows while Excel refuses the binding's requests. */
export function excelErrorProblem(docId: string, code: string): Problem {
  return {
    doc: docId,
    rowId: null,
    column: null,
    severity: 'error',
    code: 'excel-request-failed',
    message: {
      sv: `Excel avvisade en begäran från Samplan (${code}). Bladet och dokumentet synkas inte förrän det lyckas; Samplan försöker igen av sig själv och inget du skrivit går förlorat.`,
      en: `Excel refused a request from Samplan (${code}). The sheet and the document are not synced until it succeeds; Samplan retries by itself and nothing you typed is lost.`,
    },
  };
}

/** Shared state of one binding; see the file comment. */
export interface BindingContext {
  readonly run: ExcelRun;
  readonly doc: Y.Doc;
  readonly layout: TableLayout;
  readonly docId: string;
  readonly readOnly: boolean;
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
  /** The local problems changed outside a doc change: show them (wired by `bindTable`). */
  problemsChanged(): void;
  /**
   * A local change could not be read (Excel refused): the next read takes the whole table, so
   * that what was typed meanwhile is not lost.
   */
  missedLocal: boolean;
  /** Something changed in the doc or the table: re-validate and save the snapshot later. */
  touched(): void;
  /** Runs right before a write: re-validates so that highlight changes go with the write. */
  beforeWrite(): void;
  /**
   * Whether Samplan's columns are where the binding keeps them, as the last read found. While
   * they are not, nothing is read into the doc or written into the sheet (see `bindTable`).
   */
  columns: ColumnsCheck;
  /** The table's columns were changed: stop syncing the sheet and say why (wired by `bindTable`). */
  pause(reason: 'table-moved' | 'columns-changed'): void;
  /** The columns are back: reconcile the body read just now three ways and sync again (wired by `bindTable`). */
  resume(body: readonly (readonly unknown[])[], extra: number): void;
}

/** Builds a {@link BindingContext}; `touched` and `onStatus` are wired by `bindTable`. */
export function createBindingContext(init: {
  run: ExcelRun;
  doc: Y.Doc;
  layout: TableLayout;
  docId: string;
  readOnly: boolean;
  logger: Logger;
  onStatus: (status: BindingStatus) => void;
}): BindingContext {
  let index: Map<string, number> | null = null;
  let tail: Promise<unknown> = Promise.resolve();
  const counter: SyncCounter = { syncs: 0 };
  const unsettled = new Set<string>();
  const ctx: BindingContext = {
    ...init,
    origin: { binding: init.docId },
    counter,
    ids: [],
    indexOf(id) {
      if (!index) {
        index = new Map();
        ctx.ids.forEach((rowId, i) => {
          if (rowId) index?.set(rowId, i);
        });
      }
      return index.get(id);
    },
    idsChanged() {
      index = null;
    },
    rowBytes(i) {
      const extra = ctx.columns.intact ? ctx.columns.extra : 0;
      const id = ctx.ids[i];
      const row = id ? getRow(init.doc, id) : undefined;
      return row ? docRowBytes(row.values, init.layout.width + extra) + extra * 8 : schemaRowBytes(init.layout, extra);
    },
    enqueue(job) {
      const next = tail.then(job, job);
      tail = next.catch(() => undefined);
      return next;
    },
    snapshot: new Map(),
    settle(rowIds) {
      for (const id of rowIds) unsettled.add(id);
    },
    snapshotRows() {
      for (const id of unsettled) {
        const row = getRow(init.doc, id);
        if (row) ctx.snapshot.set(id, rowHashes(init.layout.columns, row.values));
        else ctx.snapshot.delete(id);
      }
      unsettled.clear();
      return ctx.snapshot;
    },
    localProblems: new Map(),
    conflicts: new Map(),
    version: 0,
    status: { pendingExcelWrites: 0, busy: false, waitingForEditMode: false, lastError: null, paused: null, syncs: 0 },
    setStatus(patch) {
      const before = ctx.status.lastError;
      ctx.status = { ...ctx.status, ...patch, syncs: counter.syncs };
      const after = ctx.status.lastError;
      if (before?.code !== after?.code || before?.message !== after?.message) {
        // Waiting for the person to leave a cell is not a failure; the status bar says so.
        if (after && !isCellEditModeError(after)) ctx.localProblems.set(EXCEL_ERROR_KEY, excelErrorProblem(init.docId, after.code));
        else ctx.localProblems.delete(EXCEL_ERROR_KEY);
        ctx.version++;
        ctx.problemsChanged();
      }
      init.onStatus(ctx.status);
    },
    problemsChanged() {},
    missedLocal: false,
    touched() {},
    beforeWrite() {},
    columns: { intact: true, extra: 0 },
    pause() {},
    resume() {},
  };
  return ctx;
}
