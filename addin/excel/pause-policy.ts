/**
 * A binding's pause policy: syncing of the sheet pauses while Samplan's columns are changed (or
 * the table is lost or found twice), and when they are back what was typed and what arrived
 * meanwhile meet three ways (`local/reconcile.ts`), like a workbook opened after a while.
 */
import { metaOf, newRowId } from '../../shared/doc/index.js';
import { planDates } from '../../shared/normalize/plan-year.js';
import { personnummerGuard } from './local/guard.js';
import { writeHeldIds } from './local/write-rewrites.js';
import { reconcileRows } from './local/reconcile.js';
import { COLUMNS_KEY, pausedProblem } from './sheet/binding-context.js';
import { cellKey } from './sheet/cell-values.js';
import { writeFormatResets, type PercentCells } from './sheet/percent-cells.js';
import type { Snapshot } from './sheet/snapshot.js';
import { forgetRowNotes } from './sheet/cell-notes.js';
import { formulasOverValues, FORMULA_OVER_SHARED, keepOverShared } from './sheet/kept-formulas.js';
import type { Parts, PausePolicy } from './binding-parts.js';

/**
 * The pause policy of a binding: pausing (its problem, status and last agreed state kept) while
 * Samplan's columns are changed, reconciling three ways and resuming when they are back;
 * `onResumed` is called after a resume.
 */
export function pausePolicy(parts: Parts, onResumed: () => void): PausePolicy {
  const { ctx, layout, doc, writer, tracker, options, logger, run } = parts;
  // The last agreed state, kept from the moment syncing paused until the columns are back.
  let pausedBase: Snapshot | undefined;
  const policy: PausePolicy = {
    apply(outcome) {
      if (outcome.kind === 'paused') policy.pause(outcome.reason);
      else if (outcome.kind === 'resumed') resume(outcome.body, outcome.extra, outcome.formats);
    },
    pause(reason, stored) {
      if (!ctx.columns.intact && ctx.columns.reason === reason) return;
      if (ctx.columns.intact) pausedBase = stored ? stored.base : agreedNow(parts);
      ctx.columns = { intact: false, reason };
      ctx.localProblems.set(COLUMNS_KEY, pausedProblem(options.docId, reason));
      ctx.version++;
      ctx.setStatus({ paused: reason });
      tracker.schedule();
      logger.warn({ reason }, 'the table changed shape; syncing of the sheet is paused');
    },
    reconcile(body, base, formats) {
      const merged = reconcileRows(doc, layout, body, base, { origin: ctx.origin, docId: options.docId, guard: personnummerGuard, newId: newRowId, dates: planDates(metaOf(doc)?.title), formats, ...(ctx.rowLocks ? { locks: ctx.rowLocks } : {}) });
      ctx.ids = merged.ids;
      ctx.idsChanged();
      for (const [k, p] of merged.conflicts) ctx.conflicts.set(k, p);
      // Every row was read anew: its notes are the reconcile's, as after a live read of the whole
      // table (`cell-notes.ts`); a cell fixed meanwhile, or a formula removed, keeps none. One a
      // colleague's value stands behind keeps saying so (`kept-formulas.ts`).
      const overShared = new Map([...ctx.localProblems].filter(([, p]) => p.code === FORMULA_OVER_SHARED));
      forgetRowNotes(ctx.localProblems);
      for (const [k, p] of merged.localProblems) ctx.localProblems.set(k, p);
      keepOverShared(ctx.localProblems, overShared);
      for (const w of merged.waiting) ctx.waitingRefs.set(cellKey(w.rowId, w.key), w);
      ctx.settle(merged.settled);
      // Queued before the writer's next round, which writes those cells again with their number.
      if (merged.formatResets.size > 0) void ctx.enqueue(() => writeFormatResets(run, layout, merged.formatResets, ctx.counter)).catch((error: unknown) => logger.warn({ error: String(error) }, 'could not set percent cells back to their number format'));
      writer.mark(merged.rewrite, merged.adds, merged.deletes);
      // Held rows given an id now get it in their id cell, after this reconcile's own work.
      if (merged.held.size > 0) void ctx.enqueue(() => writeHeldIds(ctx, writer, merged.held)).catch((error: unknown) => logger.warn({ error: String(error) }, 'could not write the ids of held rows'));
    },
  };
  // Whatever was typed and whatever arrived meanwhile meet like a workbook opened after a while.
  const resume = (body: readonly (readonly unknown[])[], extra: number, formats: PercentCells): void => {
    ctx.columns = { intact: true, extra };
    ctx.localProblems.delete(COLUMNS_KEY);
    policy.reconcile(body, pausedBase, formats);
    pausedBase = undefined;
    ctx.version++;
    ctx.setStatus({ paused: null });
    ctx.touched();
    writer.schedule();
    onResumed();
  };
  return policy;
}

/** The last agreed state as the binding holds it now, with the cells showing the person's formula over a value (`kept-formulas.ts`). */
function agreedNow({ ctx, layout }: Parts): Snapshot {
  const rows = new Map(ctx.snapshotRows());
  return { columns: layout.columns.map((c) => c.key), rows, formulas: formulasOverValues(ctx.localProblems, layout.columns, rows), spacesKept: true };
}
