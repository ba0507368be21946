/**
 * `bindTable`: keeps one Excel table and one Y.Doc the same, both ways, until disposed. The one
 * place that wires the three rooms: `sheet/` (Excel I/O), `local/` (sheet → doc) and `remote/`
 * (doc → sheet), with its parts split by responsibility: the parts made once
 * (`binding-parts.ts`), the pause/resume policy (`pause-policy.ts`: the local reader reports that
 * Samplan's columns changed or came back, and syncing pauses or reconciles and resumes) and the
 * opening of the table (`open-table.ts`).
 */
import type * as Y from 'yjs';
import { metaOf, observeChanges } from '../../shared/doc/index.js';
import { planDates } from '../../shared/normalize/plan-year.js';
import type { DocKind } from '../../shared/schema/types.js';
import { personnummerGuard } from './local/guard.js';
import { localEvents } from './local/events.js';
import { recheckHeldRows } from './local/held-rows.js';
import { rereadDatesOnRename } from './local/date-rereads.js';
import { undoUnlessLocked } from './local/locked-undo.js';
import { recheckUnknownRefs } from './local/unknown-refs.js';
import { followWaitingRefs } from './local/waiting-refs.js';
import { startCommentCounts, type CommentCounter } from './remote/comment-counts.js';
import { followRefLists, listsShown } from './remote/ref-follow.js';
import { followPeriodList } from './remote/period-follow.js';
import { dismissConflict } from './sheet/cell-notes.js';
import { selectCellAt } from './sheet/excel-io.js';
import type { BindOptions, ExcelRun, TableBinding } from './sheet/types.js';
import { bindingParts, type Parts } from './binding-parts.js';
import { pausePolicy } from './pause-policy.js';
import { followTitle, openTable } from './open-table.js';

const FLUSH_LIMIT_MS = 60_000;

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
  const parts = bindingParts(run, doc, kind, options);
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
  const waitOpts = { dates: () => planDates(metaOf(parts.doc)?.title), guard: personnummerGuard };
  const unwait = options.refLists ? followWaitingRefs(ctx, options.refLists, waitOpts, (cells) => (writer.mark(cells), writer.schedule())) : () => undefined;
  const unfollow = options.refLists ? followRefLists(ctx, writer, options.refLists, shownAtOpen) : () => undefined;
  const unheld = options.refLists ? recheckHeldRows(ctx.localProblems, options.refLists, () => void events.readAll()) : () => undefined;
  const unknown = options.refLists ? recheckUnknownRefs(ctx, options.refLists, (index) => void events.readRow(index)) : () => undefined;
  // A date refused under the old title is read again by the new one.
  const undates = rereadDatesOnRename(ctx, (index) => void events.readRow(index));
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
    unknown();
    undates();
    unperiods();
    parts.undo.destroy();
    return events.stop();
  });
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
    undo: () => undoUnlessLocked(ctx, parts.undo),
    dismiss(problem) {
      if (!dismissConflict(ctx.conflicts, problem)) return false;
      ctx.version++;
      ctx.problemsChanged();
      return true;
    },
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
