/**
 * Problems (the doc's, reference cells not in their lists, the binding's own) → cell fills, the grey of rows the person may not change (with a note per approved
 * round in Problems, `lock-marks.ts`) and the light purple of goals inferred from Table 1
 * (`inferred-marks.ts`). Validation runs debounced after changes; the fills that differ from
 * what the binding set before are queued into the writer's next batch. Only fills the binding
 * set are ever cleared, so a user's own colours survive. Excel formats an inserted row like its
 * neighbour, fill included: in a row seen for the first time, the fills the binding set on that
 * neighbour are cleared (`copied-fills.ts`).
 */
import type * as Y from 'yjs';
import { rowsOf } from '../../../shared/doc/index.js';
import type { Problem } from '../../../shared/validate/problem.js';
import type { BindingContext } from '../sheet/binding-context.js';
import { FILL } from '../sheet/excel-io.js';
import type { FillOp } from '../sheet/write-ops.js';
import { cellKey } from '../sheet/cell-values.js';
import { unquotedUnderFormulas } from '../sheet/kept-formulas.js';
import { lockedRowFills } from '../sheet/row-locks.js';
import { clearCopiedLater, copiedFills, type Seen } from './copied-fills.js';
import { inferredMarks } from './inferred-marks.js';
import { lockMarks } from './lock-marks.js';
import { refProblems } from './ref-problems.js';
import type { RemoteWriter } from './writer.js';

/** Validation and highlighting of one binding. */
export interface ProblemTracker {
  readonly problems: readonly Problem[];
  /** Re-validate after the delay. */
  schedule(): void;
  /** Re-validate now (if scheduled) and queue the fill changes. */
  runNow(): void;
  /** Re-validate now, scheduled or not. */
  computeNow(): void;
  readonly scheduled: boolean;
  stop(): void;
}

/** Creates the tracker; `validate` is `validateDoc` bound to the doc id and refs. */
export function createProblemTracker(
  ctx: BindingContext,
  writer: RemoteWriter,
  opts: { validate: (doc: Y.Doc) => Problem[]; onProblems?: (problems: readonly Problem[]) => void; delayMs: number },
): ProblemTracker {
  let problems: readonly Problem[] = [];
  const filled = new Map<string, string>();
  let wanted = new Map<string, string>();
  const seen: Seen = { ids: new Set(), blanks: new Map() };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let validatedAt = -1;

  const compute = (): void => {
    timer = null;
    if (stopped) return;
    if (validatedAt !== ctx.version) {
      validatedAt = ctx.version;
      ({ problems, wanted } = validateAll(ctx, opts.validate));
      opts.onProblems?.(problems);
    }
    forgetAppended(ctx, filled, seen);
    // Rows placed since the last look (a remote row written, a row typed into) may hold a copy of
    // a neighbour's fills even when validation has nothing new to say.
    const copied = copiedFills(ctx, wanted, filled, seen);
    const { ops, unplaced } = fillChanges(ctx, wanted, filled);
    // A row not in the table yet (a remote row on its way): look again next time.
    if (unplaced) validatedAt = -1;
    const write = (fills: FillOp[]): void => {
      if (stopped || fills.length === 0) return;
      writer.addFills(fills);
      writer.schedule();
    };
    write([...copied.ops, ...ops]);
    // Rows added to a run of empty rows: only those holding the pane's copied fill are new.
    clearCopiedLater(ctx, copied.maybe, write);
  };

  return {
    get problems() {
      return problems;
    },
    get scheduled() {
      return timer !== null;
    },
    schedule() {
      if (stopped) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(compute, opts.delayMs);
    },
    computeNow() {
      if (timer) clearTimeout(timer);
      compute();
    },
    runNow() {
      if (timer) {
        clearTimeout(timer);
        compute();
      }
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/**
 * A row the writer appended holds none of the fills the binding set on it before (a protected row
 * deleted in the sheet and put back keeps its id): its fills are forgotten, so they are set again,
 * and it is new to `copiedFills`, which clears what Excel copied into it from its neighbour.
 */
function forgetAppended(ctx: BindingContext, filled: Map<string, string>, seen: Seen): void {
  for (const id of ctx.appended) {
    for (const column of ctx.layout.columns) filled.delete(cellKey(id, column.key));
    seen.ids.delete(id);
  }
  ctx.appended.clear();
}

/** Every problem of the binding, and the fill each cell should have for them. */
function validateAll(ctx: BindingContext, validate: (doc: Y.Doc) => Problem[]): { problems: readonly Problem[]; wanted: Map<string, string> } {
  const marks = lockMarks(ctx);
  const inferred = inferredMarks(ctx);
  // The plan's words quote its values: not one standing behind the person's formula (`kept-formulas.ts`).
  const own = unquotedUnderFormulas(validate(ctx.doc), ctx.localProblems, ctx.layout.columns);
  const problems = [...own, ...refProblems(ctx), ...ctx.localProblems.values(), ...ctx.conflicts.values(), ...marks.problems, ...inferred.problems];
  const wanted = wantedFills(ctx, problems);
  for (const [key, color] of inferred.fills) if (!wanted.has(key)) wanted.set(key, color);
  return { problems, wanted };
}

/** The fill each cell should have: errors over warnings over the grey of rows the person may not change. */
function wantedFills(ctx: BindingContext, problems: readonly Problem[]): Map<string, string> {
  const wanted = ctx.rowLocks ? lockedRowFills(ctx.rowLocks, rowsOf(ctx.doc), ctx.layout.columns.map((c) => c.key)) : new Map<string, string>();
  for (const p of problems) {
    if (!p.rowId || !p.column || !ctx.layout.columnIndex.has(p.column)) continue;
    const key = cellKey(p.rowId, p.column);
    if (p.severity === 'error') wanted.set(key, FILL.error);
    else if (p.severity === 'warning' && wanted.get(key) !== FILL.error) wanted.set(key, FILL.warning);
  }
  return wanted;
}

/**
 * The fill changes from what the binding set (`filled`, updated in place) to `wanted`; only
 * fills the binding set are cleared. `unplaced`: a wanted fill's row is not in the table yet.
 */
function fillChanges(ctx: BindingContext, wanted: ReadonlyMap<string, string>, filled: Map<string, string>): { ops: FillOp[]; unplaced: boolean } {
  const ops: FillOp[] = [];
  let unplaced = false;
  const at = (key: string): { row: number; col: number } | undefined => {
    const [rowId, column] = key.split('\u0000') as [string, string];
    const row = ctx.indexOf(rowId);
    const col = ctx.layout.columnIndex.get(column);
    return row === undefined || col === undefined ? undefined : { row, col };
  };
  for (const [key, color] of wanted) {
    if (filled.get(key) === color) continue;
    const where = at(key);
    if (!where) {
      unplaced = true;
      continue;
    }
    ops.push({ ...where, color });
    filled.set(key, color);
  }
  for (const key of [...filled.keys()]) {
    if (wanted.has(key)) continue;
    const where = at(key);
    filled.delete(key);
    if (where) ops.push({ ...where, color: null });
  }
  return { ops, unplaced };
}
