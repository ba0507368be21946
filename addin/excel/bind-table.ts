/**
 * `bindTable`: keeps one Excel table and one Y.Doc the same, both ways, until disposed. The one
 * place that wires the three rooms: `sheet/` (Excel I/O), `local/` (sheet → doc) and `remote/`
 * (doc → sheet). It owns the pause/resume policy: the local reader reports that Samplan's
 * columns changed or came back, and this file pauses syncing or reconciles and resumes.
 */
import type * as Y from 'yjs';
import { getRow, metaOf, newRowId, observeChanges, observeTitle, rowsOf } from '../../shared/doc/index.js';
import { planYear } from '../../shared/normalize/plan-year.js';
import { validationList } from '../../shared/schema/excel.js';
import type { DocKind } from '../../shared/schema/types.js';
import { validateDoc } from '../../shared/validate/validate-doc.js';
import { personnummerGuard } from './local/guard.js';
import { localEvents } from './local/events.js';
import { recheckHeldRows } from './local/held-rows.js';
import type { LocalOutcome } from './local/reader.js';
import { reconcileRows } from './local/reconcile.js';
import { followWaitingRefs } from './local/waiting-refs.js';
import { startCommentCounts, type CommentCounter } from './remote/comment-counts.js';
import { createProblemTracker, type ProblemTracker } from './remote/highlights.js';
import { followRefLists, listsShown } from './remote/ref-follow.js';
import { followPeriodList } from './remote/period-follow.js';
import { createRemoteWriter, type RemoteWriter } from './remote/writer.js';
import { ownUndo, type OwnUndo } from '../../shared/doc/own-undo.js';
import { COLUMNS_KEY, createBindingContext, pausedProblem, showNameProblem, type BindingContext, type BindingHooks } from './sheet/binding-context.js';
import { cellKey, toExcel } from './sheet/cell-values.js';
import { createTable, selectCellAt, setSheetProtection, type Register } from './sheet/excel-io.js';
import { checkColumns, layoutFor, type PauseReason, type TableLayout } from './sheet/layout.js';
import { dropdownLists, periodListFor, periodsNow, refListFor } from './sheet/list-sheet.js';
import { readBodyPaged } from './sheet/paged-read.js';
import { shownRows, writeFormatResets } from './sheet/percent-cells.js';
import { writeTextFormats } from './sheet/text-formats.js';
import { findTable, renameTab, tabNameFor, uniqueTabName, useSheet, type Found } from './sheet/sheet-tab.js';
import { snapshotSaver, type SnapshotSaver } from './sheet/snapshot-saver.js';
import { decodeSnapshot, encodeSnapshot, snapshotKey, type Snapshot } from './sheet/snapshot.js';
import { silentLogger, type BindingStatus, type BindOptions, type ExcelRun, type Logger, type TableBinding } from './sheet/types.js';

const FLUSH_LIMIT_MS = 60_000;

/** The parts of one binding, made once by `assemble`. */
interface Parts {
  readonly run: ExcelRun;
  readonly doc: Y.Doc;
  readonly kind: DocKind;
  readonly options: BindOptions;
  readonly layout: TableLayout;
  readonly logger: Logger;
  readonly ctx: BindingContext;
  readonly writer: RemoteWriter;
  readonly tracker: ProblemTracker;
  readonly saver: SnapshotSaver;
  readonly listeners: Set<(status: BindingStatus) => void>;
  /** Workbook setting that keeps the last-synced snapshot. */
  readonly key: string;
  readonly life: { disposed: boolean };
  /** The dropdown lists a new table was made with (table column → texts); empty for a table found. */
  readonly rendered: Map<number, string[]>;
  /** The pause policy, set by `bindTable` once made (the context's `tableLost` hook calls it). */
  readonly late: { policy?: PausePolicy };
  /** The person's own edits, for {@link TableBinding.undo}. */
  readonly undo: OwnUndo;
}

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
  const parts = assemble(run, doc, kind, options);
  const { ctx, writer, tracker } = parts;
  // The count writer starts once the table is open; until then nothing it writes is there.
  const late: { counts?: CommentCounter } = {};
  const policy = pausePolicy(parts, () => late.counts?.reset());
  parts.late.policy = policy;
  const events = localEvents(ctx, writer, {
    onOutcome: policy.apply,
    onSelection: options.onSelection,
    life: parts.life,
    retryBaseMs: options.retryBaseMs,
    onCellsEdited: (rect) => late.counts?.cellsEdited(rect),
    onProtectionLifted: () => writer.protectionLifted(),
  });
  // Observe before rendering: whatever arrives meanwhile is written after the render.
  const unobserve = observeChanges(doc, (set) => {
    ctx.version++;
    if (set.origin === ctx.origin) return;
    writer.take(set);
    ctx.touched();
  });
  // A round approved or returned changes which rows are locked: mark them anew.
  const unwatchLocks = options.rowLocks?.onChange?.(() => {
    ctx.version++;
    tracker.schedule();
  });
  // The lists the table is opened with: one arriving meanwhile is followed once the binding is up.
  const shownAtOpen = listsShown(parts.layout);
  const opened = await ctx.enqueue(() => openTable(parts, policy, events.register));
  // What opening merged is not the person's to undo.
  parts.undo.clear();
  const unTitle = options.title === undefined ? () => undefined : followTitle(parts);
  // A reconciled table gets its highlights with the reconcile write; a new one is on screen
  // already, so validation runs after bindTable returns and its fills follow in one more sync.
  if (opened !== 'created') tracker.computeNow();
  else tracker.schedule();
  if (writer.pending) {
    parts.saver.queue();
    await writer.flush();
  }
  const counts = startCommentCounts(ctx);
  late.counts = counts;
  const waitOpts = { year: () => planYear(metaOf(parts.doc)?.title), guard: personnummerGuard };
  const unwait = options.refLists ? followWaitingRefs(ctx, options.refLists, waitOpts, (cells) => (writer.mark(cells), writer.schedule())) : () => undefined;
  const unfollow = options.refLists ? followRefLists(ctx, writer, options.refLists, shownAtOpen) : () => undefined;
  const unheld = options.refLists ? recheckHeldRows(ctx.localProblems, options.refLists, () => void events.readAll()) : () => undefined;
  const periodColumn = parts.layout.columns.findIndex((c) => c.column.type === 'period') + 1;
  const unperiods = followPeriodList(ctx, options.periods, opened === 'created' ? (parts.rendered.get(periodColumn) ?? []) : null);
  return tableBinding(parts, () => {
    unobserve();
    unTitle();
    counts.stop();
    unwatchLocks?.();
    unwait();
    unfollow();
    unheld();
    unperiods();
    parts.undo.destroy();
    return events.stop();
  });
}

/** Makes the context, writer, tracker and snapshot saver, the hooks wired at construction. */
function assemble(run: ExcelRun, doc: Y.Doc, kind: DocKind, options: BindOptions): Parts {
  const layout = layoutFor(kind, options.docId, options.lang, options.sheetName, options.refLists);
  if (options.refs) layout.refs = options.refs;
  const logger = options.logger ?? silentLogger;
  const listeners = new Set<(status: BindingStatus) => void>();
  const life = { disposed: false };
  // The hooks call the tracker and the saver, made below from the context; none runs before.
  const late: Parts['late'] = {};
  const hooks: BindingHooks = {
    onStatus: (status) => listeners.forEach((l) => l(status)),
    tableLost: () => late.policy?.pause('table-lost'),
    problemsChanged: () => tracker.schedule(),
    beforeWrite: () => tracker.computeNow(),
    touched: () => {
      tracker.schedule();
      saver.later();
    },
  };
  const ctx = createBindingContext({ run, doc, layout, docId: options.docId, readOnly: options.readOnly === true, rowLocks: options.rowLocks, logger, hooks });
  if (options.payloadBudgetBytes) ctx.counter.budgetBytes = options.payloadBudgetBytes;
  const writer = createRemoteWriter(ctx, options.retryBaseMs === undefined ? undefined : options.retryBaseMs / 2);
  const validate = options.validate ?? validateDoc;
  const tracker = createProblemTracker(ctx, writer, {
    // A duplicate names its other row by the sheet row the person sees (as `sheetRow` below).
    validate: (d) => validate(d, options.docId, options.refs, (id) => {
      const row = ctx.indexOf(id);
      return row === undefined ? null : layout.headerRow + 2 + row;
    }),
    onProblems: options.onProblems,
    delayMs: options.validateDelayMs ?? 200,
  });
  const key = snapshotKey(options.docId);
  const saver = snapshotSaver(ctx, writer, key, options.snapshotDelayMs ?? 2_000, life);
  return { run, doc, kind, options, layout, logger, ctx, writer, tracker, saver, listeners, key, life, rendered: new Map(), late, undo: ownUndo(doc, ctx.origin) };
}

/** Pausing while Samplan's columns are changed, reconciling when they are back. */
interface PausePolicy {
  /** Acts on what the local reader found. */
  apply(outcome: LocalOutcome): void;
  /** Pauses; the last agreed state is the snapshot now, or `stored.base` (the workbook's, on opening). */
  pause(reason: PauseReason, stored?: { base: Snapshot | undefined }): void;
  /** Reconciles a body read three ways with the doc and `base` (the last agreed state). */
  reconcile(body: readonly (readonly unknown[])[], base: Snapshot | undefined): void;
}

function pausePolicy(parts: Parts, onResumed: () => void): PausePolicy {
  const { ctx, layout, doc, writer, tracker, options, logger } = parts;
  // The last agreed state, kept from the moment syncing paused until the columns are back.
  let pausedBase: Snapshot | undefined;
  const policy: PausePolicy = {
    apply(outcome) {
      if (outcome.kind === 'paused') policy.pause(outcome.reason);
      else if (outcome.kind === 'resumed') resume(outcome.body, outcome.extra);
    },
    pause(reason, stored) {
      if (!ctx.columns.intact && ctx.columns.reason === reason) return;
      if (ctx.columns.intact) pausedBase = stored ? stored.base : { columns: layout.columns.map((c) => c.key), rows: new Map(ctx.snapshotRows()) };
      ctx.columns = { intact: false, reason };
      ctx.localProblems.set(COLUMNS_KEY, pausedProblem(options.docId, reason));
      ctx.version++;
      ctx.setStatus({ paused: reason });
      tracker.schedule();
      logger.warn({ reason }, 'the table changed shape; syncing of the sheet is paused');
    },
    reconcile(body, base) {
      const year = planYear(metaOf(doc)?.title);
      const merged = reconcileRows(doc, layout, body, base, { origin: ctx.origin, docId: options.docId, guard: personnummerGuard, newId: newRowId, year });
      ctx.ids = merged.ids;
      ctx.idsChanged();
      for (const [k, p] of merged.conflicts) ctx.conflicts.set(k, p);
      for (const [k, p] of merged.localProblems) ctx.localProblems.set(k, p);
      for (const w of merged.waiting) ctx.waitingRefs.set(cellKey(w.rowId, w.key), w);
      ctx.settle(merged.settled);
      writer.mark(merged.rewrite, merged.adds, merged.deletes);
    },
  };
  // Whatever was typed and whatever arrived meanwhile meet like a workbook opened after a while.
  const resume = (body: readonly (readonly unknown[])[], extra: number): void => {
    ctx.columns = { intact: true, extra };
    ctx.localProblems.delete(COLUMNS_KEY);
    policy.reconcile(body, pausedBase);
    pausedBase = undefined;
    ctx.version++;
    ctx.setStatus({ paused: null });
    ctx.touched();
    writer.schedule();
    onResumed();
  };
  return policy;
}

/** Finds or creates the table (inside the queue): a new one is rendered, an existing one reconciled, or paused. */
async function openTable(parts: Parts, policy: PausePolicy, register: Register): Promise<'created' | 'reconciled' | 'paused'> {
  const { run, ctx, layout, key } = parts;
  const found = await findTable(run, layout, key, ctx.counter, titleTab(parts), (id) => getRow(parts.doc, id) !== undefined);
  if (found.several) {
    // Several tabs hold the document's rows: none is taken and no new table is made; the problem names them.
    policy.pause('table-ambiguous', { base: decodeSnapshot(found.setting) });
    ctx.localProblems.set(COLUMNS_KEY, pausedProblem(parts.options.docId, 'table-ambiguous', found.several));
    return 'paused';
  }
  if (!found.tableExists) {
    await renderTable(parts, placeNewTable(parts, found), found.listSheetExists, register);
    return 'created';
  }
  const read = await readBodyPaged(run, layout, ctx.counter, { register, estimate: (i) => ctx.rowBytes(i) });
  const { shape, sheetProtected } = read;
  showNameProblem(ctx);
  // A percentage typed while the pane was closed is the number it shows (`percent-cells.ts`).
  const shown = shownRows(layout, read.values, read.percent, (id) => (typeof id === 'string' && id.trim() !== '' ? getRow(parts.doc, id.trim())?.values : undefined));
  const body = shown.rows;
  // The sheet may have been made for other rights (a viewer then, an editor now): protect it as they are now.
  if (sheetProtected !== ctx.readOnly) await setSheetProtection(run, layout, ctx.readOnly, ctx.counter);
  const check = checkColumns(layout, shape.header, shape.top);
  if (!check.intact) {
    // Changed while the pane was closed: reconcile once the columns are back, from the stored state.
    policy.pause(check.reason, { base: decodeSnapshot(found.setting) });
    return 'paused';
  }
  ctx.columns = check;
  // A table made before free text was `@` gets it now, before anything is written into it (`text-formats.ts`).
  if (read.textFormatted) layout.textFormatted = true;
  else if (!ctx.readOnly) await writeTextFormats(run, layout, read.values.length, ctx.counter).catch((error: unknown) => parts.logger.warn({ err: error }, 'could not set the text columns to the text format'));
  await writeFormatResets(run, layout, shown.resets, ctx.counter).catch((error: unknown) => parts.logger.warn({ err: error }, 'could not set percent cells back to their number format'));
  policy.reconcile(body, decodeSnapshot(found.setting));
  // Those cells were read as the number they show: they are written again with it.
  const shownCells = [...shown.resets].flatMap(([index, cols]) => {
    const id = ctx.ids[index];
    return id ? cols.map((col): [string, string] => [id, layout.columns[col - 1]?.key ?? '']) : [];
  });
  if (shownCells.length > 0) parts.writer.mark(shownCells);
  return 'reconciled';
}

/**
 * Where a new table goes; true when on a sheet that is there already. A sheet named in the
 * options is used as it is (adopting a plan in place); else a new tab named from the title
 * (the doc id without one), unique in the workbook.
 */
function placeNewTable(parts: Parts, found: Found): boolean {
  const { layout, options } = parts;
  if (options.sheetName !== undefined) return found.sheetExists;
  layout.sheetName = uniqueTabName(titleTab(parts) ?? options.docId, found.sheetNames);
  layout.sheetKey = layout.sheetName;
  return false;
}

/** The tab name the title gives, where a new table goes when no sheet name is asked for (else undefined). */
function titleTab({ options, doc }: Parts): string | undefined {
  if (options.sheetName !== undefined) return undefined;
  return tabNameFor(options.title === undefined ? options.docId : metaOf(doc)?.title || options.title || options.docId);
}

/** Renames the tab whenever the document's title changes; returns the function that stops it. */
function followTitle(parts: Parts): () => void {
  const { ctx, layout, run, logger, life } = parts;
  return observeTitle(parts.doc, (title) => {
    void ctx
      .enqueue(async () => {
        if (!life.disposed) await renameTab(run, layout, title, ctx.counter);
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'the sheet tab could not be renamed after the document'));
  });
}

/** Creates the table with the doc's rows (one empty placeholder row when there are none). */
async function renderTable(parts: Parts, sheetExists: boolean, listSheetExists: boolean, register: Register): Promise<void> {
  const { run, ctx, layout, doc, kind, key, options } = parts;
  const rows = rowsOf(doc);
  const periods = [...periodsNow(options.periods), ...rows.map((r) => r.values.period)];
  const lists = dropdownLists(layout, (k) => validationList(kind, k, options.lang) ?? refListFor(layout, k) ?? periodListFor(layout, k, periods));
  for (const [col, list] of lists) parts.rendered.set(col, list);
  ctx.ids = rows.length > 0 ? rows.map((r) => r.id) : [null];
  ctx.idsChanged();
  const values = rows.map((r) => [r.id, ...layout.columns.map((c) => toExcel(c, r.values[c.key], options.lang, layout.refLists))]);
  ctx.settle(rows.map((r) => r.id));
  // Large tables get their snapshot on the first timed save instead of slowing the render.
  const settings: [string, string][] = rows.length <= 2_000 ? [[key, encodeSnapshot(layout.columns, ctx.snapshotRows())]] : [];
  const sheet = await createTable(run, layout, { sheetExists, listSheetExists, rows: values, lists, readOnly: ctx.readOnly, settings }, ctx.counter, register);
  useSheet(layout, sheet);
}

/** The binding handed to the pane; `stop` ends observing and removes the sheet's handlers. */
function tableBinding(parts: Parts, stop: () => Promise<void>): TableBinding {
  const { ctx, layout, tracker, listeners, writer, saver } = parts;
  const binding: TableBinding = {
    kind: parts.kind,
    get sheetName() {
      return layout.sheetName;
    },
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
    flush: () => flushAll(parts),
    async selectCell(rowId, column) {
      const row = ctx.indexOf(rowId);
      const col = column === null ? 1 : layout.columnIndex.get(column);
      if (row === undefined || col === undefined) return false;
      await ctx.enqueue(() => selectCellAt(parts.run, layout, row, col, ctx.counter));
      return true;
    },
    sheetRow(rowId) {
      const row = ctx.indexOf(rowId);
      return row === undefined ? null : layout.headerRow + 2 + row;
    },
    async saveSnapshot() {
      saver.queue();
      await writer.flush();
    },
    undo: () => parts.undo.undo(),
    async dispose() {
      if (parts.life.disposed) return;
      await binding.flush();
      await binding.saveSnapshot();
      parts.life.disposed = true;
      tracker.stop();
      writer.stop();
      saver.stop();
      await stop();
    },
  };
  return binding;
}

/** Waits until every pending write (both directions) and re-validation has finished, or a minute passed. */
async function flushAll({ ctx, writer, tracker }: Parts): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < FLUSH_LIMIT_MS) {
    await ctx.enqueue(async () => undefined);
    tracker.runNow();
    // Paused, nothing can be written until the person puts the columns back.
    if (!ctx.columns.intact) return;
    // Excel refused again and again: the next change tries again, not this wait.
    if (ctx.status.lastError?.gaveUp) return;
    if (!writer.pending && !tracker.scheduled && !ctx.missedLocal) return;
    if (ctx.status.waitingForEditMode || ctx.status.lastError) await new Promise((r) => setTimeout(r, 25));
    await writer.flush();
  }
}
