/**
 * The parts one binding is made of (context, remote writer, problem tracker, snapshot saver and
 * the hooks that tie them), made once by {@link bindingParts} for `bindTable` (`bind-table.ts`),
 * the pause policy (`pause-policy.ts`) and the opening of the table (`open-table.ts`).
 */
import type * as Y from 'yjs';
import type { DocKind } from '../../shared/schema/types.js';
import { validateDoc } from '../../shared/validate/validate-doc.js';
import type { LocalOutcome } from './local/read-change.js';
import { createProblemTracker, type ProblemTracker } from './remote/highlights.js';
import { createRemoteWriter, type RemoteWriter } from './remote/writer.js';
import { ownUndo, type OwnUndo } from '../../shared/doc/own-undo.js';
import { createBindingContext, type BindingContext, type BindingHooks } from './sheet/binding-context.js';
import { layoutFor, type PauseReason, type TableLayout } from './sheet/layout.js';
import type { PercentCells } from './sheet/percent-cells.js';
import { snapshotSaver, type SnapshotSaver } from './sheet/snapshot-saver.js';
import { snapshotKey, type Snapshot } from './sheet/snapshot.js';
import { silentLogger, type BindingStatus, type BindOptions, type ExcelRun, type Logger } from './sheet/types.js';

/** The parts of one binding, made once by {@link bindingParts}. */
export interface Parts {
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
  /** The person's own edits, for `TableBinding.undo`. */
  readonly undo: OwnUndo;
}

/** Pausing while Samplan's columns are changed, reconciling when they are back. */
export interface PausePolicy {
  /** Acts on what the local reader found. */
  apply(outcome: LocalOutcome): void;
  /** Pauses; the last agreed state is the snapshot now, or `stored.base` (the workbook's, on opening). */
  pause(reason: PauseReason, stored?: { base: Snapshot | undefined }): void;
  /**
   * Reconciles a body read three ways with the doc and `base` (the last agreed state); `formats`
   * (read with it) says which number cells show a percentage or a date, so they are read as shown.
   */
  reconcile(body: readonly (readonly unknown[])[], base: Snapshot | undefined, formats: PercentCells): void;
}

/** Makes the context, writer, tracker and snapshot saver, the hooks wired at construction. */
export function bindingParts(run: ExcelRun, doc: Y.Doc, kind: DocKind, options: BindOptions): Parts {
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
