/**
 * `bindTable`: keeps one Excel table and one Y.Doc the same, both ways, until disposed.
 */
import type * as Y from 'yjs';
import { newRowId, observeChanges, rowsOf } from '../../shared/doc/index.js';
import { validationList } from '../../shared/schema/excel.js';
import type { DocKind } from '../../shared/schema/types.js';
import type { Problem } from '../../shared/validate/problem.js';
import { validateDoc } from '../../shared/validate/validate-doc.js';
import { createBindingContext } from './sheet/binding-context.js';
import { toExcel } from './sheet/cell-values.js';
import { createTable, dropdownLists, findTable, isCellEditModeError, selectCellAt, type Register } from './sheet/excel-io.js';
import { checkColumns, layoutFor } from './sheet/layout.js';
import { readBodyPaged } from './sheet/paged-read.js';
import { handleLocalChange, personnummerGuard } from './local/reader.js';
import { createProblemTracker } from './remote/highlights.js';
import { reconcileRows } from './local/reconcile.js';
import { createRemoteWriter } from './remote/writer.js';
import { selectedRow } from './sheet/selection.js';
import { decodeSnapshot, encodeSnapshot, snapshotKey, type Snapshot } from './sheet/snapshot.js';
import { silentLogger, type BindingStatus, type BindOptions, type ExcelRun, type TableBinding } from './sheet/types.js';

const FLUSH_LIMIT_MS = 60_000;
/** Key of the "columns changed" problem among the local problems. */
const COLUMNS_KEY = '\u0000columns';

const PAUSED_TEXT = {
  'columns-changed': {
    sv: 'En kolumn bland Samplans har infogats, tagits bort, flyttats eller bytt namn. Synkningen av bladet är pausad så att inga värden hamnar i fel kolumn; inget går förlorat. Ångra ändringen (eller flytta din kolumn längst till höger i tabellen, där egna kolumner går bra) så fortsätter synkningen.',
    en: 'One of Samplan’s columns was inserted, deleted, moved or renamed. Syncing of this sheet is paused so that no value lands in the wrong column; nothing is lost. Undo the change (or move your column to the right end of the table, where your own columns are fine) and syncing resumes.',
  },
  'table-moved': {
    sv: 'Tabellen har flyttats från cell A1. Synkningen av bladet är pausad så att inga värden hamnar fel; inget går förlorat. Ångra flytten så fortsätter synkningen.',
    en: 'The table was moved away from cell A1. Syncing of this sheet is paused so that no value lands in the wrong place; nothing is lost. Undo the move and syncing resumes.',
  },
} as const;
/** About ten minutes of backoff before a local change read is given up (and logged). */
const EDIT_MODE_ATTEMPTS = 300;

/**
 * Opens (creating when needed) the worksheet and Excel table of a document and keeps them in
 * sync with `doc`: local edits become doc writes, remote doc changes are written into the
 * table, problems are highlighted. A table that already exists is reconciled three ways with
 * the doc and the snapshot stored at the last sync. Takes `Excel.run` (or the emulator's
 * `run`) so the same code runs in Excel and in tests.
 *
 * @example
 * const doc = new Y.Doc();
 * const conn = connectDoc({ serverUrl, workspace: 'hbi-stockholm', docId: 'plan-fittja', token, doc });
 * await conn.whenLoaded;
 * const binding = await bindTable(Excel.run, doc, 'activity-plan', {
 *   docId: 'plan-fittja',
 *   lang: 'sv',
 *   onProblems: (problems) => problemsView.show(problems),
 * });
 * binding.onStatus((s) => statusBar.setPending(s.pendingExcelWrites));
 * await binding.selectCell(rowId, 'startDate'); // Problems click
 * await binding.dispose();
 */
export async function bindTable(run: ExcelRun, doc: Y.Doc, kind: DocKind, options: BindOptions): Promise<TableBinding> {
  const layout = layoutFor(kind, options.docId, options.lang, options.sheetName);
  const logger = options.logger ?? silentLogger;
  const readOnly = options.readOnly === true;
  const listeners = new Set<(status: BindingStatus) => void>();
  const ctx = createBindingContext({ run, doc, layout, docId: options.docId, readOnly, logger, onStatus: (s) => listeners.forEach((l) => l(s)) });
  if (options.payloadBudgetBytes) ctx.counter.budgetBytes = options.payloadBudgetBytes;
  const writer = createRemoteWriter(ctx);
  const validate = options.validate ?? validateDoc;
  const tracker = createProblemTracker(ctx, writer, {
    validate: (d) => validate(d, options.docId, options.refs),
    onProblems: options.onProblems,
    delayMs: options.validateDelayMs ?? 200,
  });
  ctx.beforeWrite = () => tracker.computeNow();
  ctx.problemsChanged = () => tracker.schedule();
  const key = snapshotKey(options.docId);
  const snapshotDelay = options.snapshotDelayMs ?? 2_000;
  let snapshotTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;
  let handler: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | null = null;
  let selectionHandler: OfficeExtension.EventHandlerResult<Excel.WorksheetSelectionChangedEventArgs> | null = null;
  let lastSelection = '';

  const queueSnapshot = (): void => writer.addSetting(key, encodeSnapshot(layout.columns, ctx.snapshotRows()));
  ctx.touched = () => {
    tracker.schedule();
    if (snapshotDelay > 0 && !disposed) {
      if (snapshotTimer) clearTimeout(snapshotTimer);
      snapshotTimer = setTimeout(() => {
        snapshotTimer = null;
        queueSnapshot();
        writer.schedule();
      }, snapshotDelay);
    }
  };

  // Excel refuses even reads while a cell is being edited; the change is read again later.
  const applyLocal = async (event: Excel.WorksheetChangedEventArgs): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      try {
        await handleLocalChange(ctx, writer, event);
        if (attempt > 0) ctx.setStatus({ waitingForEditMode: false });
        return;
      } catch (error) {
        if (!isCellEditModeError(error) || disposed || attempt >= EDIT_MODE_ATTEMPTS) throw error;
        ctx.setStatus({ waitingForEditMode: true });
        await new Promise((r) => setTimeout(r, Math.min(25 * 2 ** attempt, 2_000)));
      }
    }
  };
  // A change that could not be read is read again, as part of the whole table, with backoff.
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retries = 0;
  const retryLocal = (): void => {
    if (disposed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void onChanged({ address: '', changeType: 'Unknown' } as Excel.WorksheetChangedEventArgs);
    }, Math.min(100 * 2 ** retries++, 10_000));
  };
  const onChanged = (event: Excel.WorksheetChangedEventArgs): Promise<void> => {
    if (disposed) return Promise.resolve();
    return ctx.enqueue(() => applyLocal(event)).then(
      () => {
        if (ctx.missedLocal) return;
        retries = 0;
      },
      (error: unknown) => {
        ctx.missedLocal = true;
        ctx.setStatus({ lastError: { code: String((error as { code?: string }).code ?? 'Error'), message: String(error) } });
        logger.error({ error: String(error) }, 'could not apply a local change; reading the whole table again later');
        retryLocal();
      },
    );
  };
  const onSelection = (event: Excel.WorksheetSelectionChangedEventArgs): Promise<void> => {
    if (disposed || !options.onSelection) return Promise.resolve();
    const selection = selectedRow(layout, ctx.ids, event.address);
    const key = selection ? `${selection.rowId}\t${selection.column ?? ''}` : '';
    if (key !== lastSelection) {
      lastSelection = key;
      options.onSelection(selection);
    }
    return Promise.resolve();
  };
  const register: Register = (sheet) => {
    handler = sheet.onChanged.add(onChanged);
    if (options.onSelection) selectionHandler = sheet.onSelectionChanged.add(onSelection);
  };
  // Observe before rendering: whatever arrives meanwhile is written after the render.
  const unobserve = observeChanges(doc, (set) => {
    ctx.version++;
    if (set.origin === ctx.origin) return;
    writer.take(set);
    ctx.touched();
  });

  // The last agreed state, kept from the moment syncing paused until the columns are back.
  let pausedBase: Snapshot | undefined;
  const reconcileBody = (body: readonly (readonly unknown[])[], base: Snapshot | undefined): void => {
    const merged = reconcileRows(doc, layout, body, base, {
      origin: ctx.origin,
      docId: options.docId,
      guard: personnummerGuard,
      newId: newRowId,
    });
    ctx.ids = merged.ids;
    ctx.idsChanged();
    for (const [k, p] of merged.conflicts) ctx.conflicts.set(k, p);
    for (const [k, p] of merged.localProblems) ctx.localProblems.set(k, p);
    ctx.settle(merged.settled);
    writer.mark(merged.rewrite, merged.adds, merged.deletes);
  };
  ctx.pause = (reason) => {
    if (!ctx.columns.intact && ctx.columns.reason === reason) return;
    if (ctx.columns.intact) pausedBase = { columns: layout.columns.map((c) => c.key), rows: new Map(ctx.snapshotRows()) };
    ctx.columns = { intact: false, reason };
    const problem: Problem = { doc: options.docId, rowId: null, column: null, severity: 'error', code: 'columns-changed', message: PAUSED_TEXT[reason] };
    ctx.localProblems.set(COLUMNS_KEY, problem);
    ctx.version++;
    ctx.setStatus({ paused: reason });
    tracker.schedule();
    logger.warn({ reason }, 'the table changed shape; syncing of the sheet is paused');
  };
  // Whatever was typed and whatever arrived meanwhile meet like a workbook opened after a while.
  ctx.resume = (body, extra) => {
    ctx.columns = { intact: true, extra };
    ctx.localProblems.delete(COLUMNS_KEY);
    reconcileBody(body, pausedBase);
    pausedBase = undefined;
    ctx.version++;
    ctx.setStatus({ paused: null });
    ctx.touched();
    writer.schedule();
  };

  const opened = await ctx.enqueue(async (): Promise<'created' | 'reconciled' | 'paused'> => {
    const found = await findTable(run, layout, key, ctx.counter);
    const lists = dropdownLists(layout, (k) => validationList(kind, k, options.lang) ?? undefined);
    if (!found.tableExists) {
      const rows = rowsOf(doc);
      ctx.ids = rows.length > 0 ? rows.map((r) => r.id) : [null];
      ctx.idsChanged();
      const values = rows.map((r) => [r.id, ...layout.columns.map((c) => toExcel(c, r.values[c.key], options.lang))]);
      ctx.settle(rows.map((r) => r.id));
      // Large tables get their snapshot on the first timed save instead of slowing the render.
      const settings: [string, string][] = rows.length <= 2_000 ? [[key, encodeSnapshot(layout.columns, ctx.snapshotRows())]] : [];
      await createTable(run, layout, { sheetExists: found.sheetExists, rows: values, lists, readOnly, settings }, ctx.counter, register);
      return 'created';
    }
    const { values: body, shape } = await readBodyPaged(run, layout, ctx.counter, { register, estimate: (i) => ctx.rowBytes(i) });
    const check = checkColumns(layout, shape.header, shape.top);
    if (!check.intact) {
      // Changed while the pane was closed: reconcile once the columns are back, from the stored state.
      ctx.pause(check.reason);
      pausedBase = decodeSnapshot(found.setting);
      return 'paused';
    }
    ctx.columns = check;
    reconcileBody(body, decodeSnapshot(found.setting));
    return 'reconciled';
  });
  // A reconciled table gets its highlights with the reconcile write; a new one is on screen
  // already, so validation runs after bindTable returns and its fills follow in one more sync.
  if (opened !== 'created') tracker.computeNow();
  else tracker.schedule();
  if (writer.pending) {
    queueSnapshot();
    await writer.flush();
  }

  const binding: TableBinding = {
    kind,
    sheetName: layout.sheetName,
    tableName: layout.tableName,
    get status() {
      return ctx.status;
    },
    get problems() {
      return tracker.problems;
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async flush() {
      const started = Date.now();
      while (Date.now() - started < FLUSH_LIMIT_MS) {
        await ctx.enqueue(async () => undefined);
        tracker.runNow();
        // Paused, nothing can be written until the person puts the columns back.
        if (!ctx.columns.intact) return;
        if (!writer.pending && !tracker.scheduled && !ctx.missedLocal) return;
        if (ctx.status.waitingForEditMode || ctx.status.lastError) await new Promise((r) => setTimeout(r, 25));
        await writer.flush();
      }
    },
    async selectCell(rowId, column) {
      const row = ctx.indexOf(rowId);
      const col = column === null ? 1 : layout.columnIndex.get(column);
      if (row === undefined || col === undefined) return false;
      await ctx.enqueue(() => selectCellAt(run, layout, row, col, ctx.counter));
      return true;
    },
    async saveSnapshot() {
      queueSnapshot();
      await writer.flush();
    },
    async dispose() {
      if (disposed) return;
      await binding.flush();
      await binding.saveSnapshot();
      disposed = true;
      unobserve();
      tracker.stop();
      writer.stop();
      if (snapshotTimer) clearTimeout(snapshotTimer);
      if (retryTimer) clearTimeout(retryTimer);
      // Both handlers were added in the same request, so one sync removes them.
      const h = handler as OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | null;
      const sh = selectionHandler as OfficeExtension.EventHandlerResult<Excel.WorksheetSelectionChangedEventArgs> | null;
      if (h) {
        h.remove();
        sh?.remove();
        await h.context.sync().catch((error: unknown) => logger.warn({ error: String(error) }, 'could not remove the change handler'));
      }
    },
  };
  return binding;
}
