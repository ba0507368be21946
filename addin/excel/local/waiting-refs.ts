/**
 * The merge of reference cells that waited for their list (`sheet/waiting-refs.ts`): once the
 * list arrives, each is read with it and merged three ways, as a reopened workbook is
 * (`reconcile.ts`), against the hash it had in the last agreed state.
 */
import type * as Y from 'yjs';
import { getRow, setCells } from '../../../shared/doc/index.js';
import type { CellColumn, CellValue, RowValues } from '../../../shared/schema/types.js';
import type { PlanDates } from '../../../shared/normalize/plan-year.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { cellKey, fromExcel, idOf, sameValue } from '../sheet/cell-values.js';
import type { TableLayout } from '../sheet/layout.js';
import { cellHash } from '../sheet/snapshot.js';
import { waitsForList, type WaitingRef } from '../sheet/waiting-refs.js';
import type { BindingContext } from '../sheet/binding-context.js';
import { readBodyPaged } from '../sheet/paged-read.js';
import type { RefLists } from '../sheet/ref-lists.js';
import type { TextGuard } from './read-row.js';
import { editRefusal, type RowLocks } from '../sheet/row-locks.js';
import { conflict, putBackNamed, sheetText } from './conflict.js';

/** How one cell merges three ways: the same on both sides, the doc's value written to the sheet, the sheet's taken, or both changed (the doc's kept and written). */
export type CellMerge = 'same' | 'rewrite' | 'patch' | 'conflict';

/** The three-way merge of one cell: `local` read from the sheet, `remote` the doc's, `base` the snapshot's hash (undefined: none, the doc wins as a conflict). */
export function mergeCell(column: CellColumn, local: CellValue, remote: CellValue | undefined, base: string | undefined): CellMerge {
  if (sameValue(column, remote, local)) return 'same';
  if (base !== undefined && cellHash(column, local) === base) return 'rewrite';
  if (base !== undefined && cellHash(column, remote) === base) return 'patch';
  return 'conflict';
}

/** What {@link resolveWaiting} found: cells to write from the doc, conflicts and problems by cell key, rows now agreed. */
export interface ResolvedRefs {
  rewrite: [string, string][];
  conflicts: Map<string, Problem>;
  problems: Map<string, Problem>;
  settled: string[];
  /** Cells resolved (taken out of the waiting map), by cell key. */
  done: string[];
}

/**
 * Merges the cells of `waiting` whose list `layout` now knows, from `body` (the table body read
 * now: id, then the kind's columns), into `doc` in one transaction with `origin`. A cell whose
 * row is gone from the sheet or the doc is dropped; a name its list does not hold stays as typed
 * with the `unknown-ref` problem. A change of a row `opts.locks` refuses is put back from the doc.
 */
export function resolveWaiting(
  doc: Y.Doc,
  layout: TableLayout,
  body: readonly (readonly unknown[])[],
  waiting: ReadonlyMap<string, WaitingRef>,
  opts: { origin: unknown; docId: string; dates?: PlanDates; guard?: TextGuard; locks?: RowLocks },
): ResolvedRefs {
  const out: ResolvedRefs = { rewrite: [], conflicts: new Map(), problems: new Map(), settled: [], done: [] };
  const rows = new Map(body.map((raw) => [idOf(raw[0]), raw] as const));
  const patches = new Map<string, RowValues>();
  for (const [k, w] of waiting) {
    const index = layout.columns.findIndex((c) => c.key === w.key);
    const column = layout.columns[index];
    if (!column || waitsForList(layout, column)) continue;
    out.done.push(k);
    if (w.gone) {
      if (goneChanged(column, w.gone.raw, w.base, layout, opts.dates)) out.conflicts.set(cellKey(w.rowId, ''), conflict(opts.docId, w.rowId, null, 'deleted-remotely', w.gone.values));
      continue;
    }
    const raw = rows.get(w.rowId);
    const remote = getRow(doc, w.rowId)?.values;
    if (!raw || !remote) continue;
    const read = fromExcel(column, raw[index + 1], opts.dates ?? {}, layout.refLists);
    const refused = read.ok && typeof read.value === 'string' ? opts.guard?.(read.value) : undefined;
    const n = refused ? { ok: false as const, code: refused.code, message: refused.message } : read;
    if (!n.ok) {
      out.problems.set(k, { doc: opts.docId, rowId: w.rowId, column: w.key, severity: 'error', code: n.code, message: n.message });
      continue;
    }
    const merged = mergeCell(column, n.value, remote[w.key], w.base);
    // A row the person may not change (a row typed in while the pane was closed, or locked since),
    // or a change they may not make of it (their row moved to another unit): put back, never sent.
    const reason = merged === 'patch' ? editRefusal(opts.locks, w.rowId, remote, { ...remote, [w.key]: n.value }) : undefined;
    if (reason) {
      out.rewrite.push([w.rowId, w.key]);
      out.problems.set(k, putBackNamed(opts.docId, w.rowId, w.key, reason, raw[index + 1], opts.guard));
      out.settled.push(w.rowId);
      continue;
    }
    if (merged === 'patch') patches.set(w.rowId, { ...patches.get(w.rowId), [w.key]: n.value });
    else if (merged !== 'same') out.rewrite.push([w.rowId, w.key]);
    if (merged === 'conflict') out.conflicts.set(k, conflict(opts.docId, w.rowId, w.key, 'cell', sheetText(raw[index + 1], layout.lang)));
    out.settled.push(w.rowId);
  }
  if (patches.size > 0) doc.transact(() => patches.forEach((values, id) => setCells(doc, id, values)), opts.origin);
  return out;
}

/**
 * Whether the text `raw` of a reference cell in a row deleted by someone else, read with its list
 * now known, differs from `base`, its last agreed hash. A text the list does not read is compared
 * as it is (a stored id the list no longer holds shows as itself).
 */
function goneChanged(column: CellColumn, raw: unknown, base: string | undefined, layout: TableLayout, dates: PlanDates | undefined): boolean {
  const n = fromExcel(column, raw, dates ?? {}, layout.refLists);
  const value = n.ok ? n.value : typeof raw === 'string' ? raw.trim() : String(raw);
  return cellHash(column, value) !== (base ?? cellHash(column, null));
}

/**
 * Merges the binding's waiting cells (`ctx.waitingRefs`) whenever one of `lists` arrives or
 * changes: the table body is read anew (in the binding's queue), {@link resolveWaiting} run and
 * its problems, conflicts and agreed rows kept in `ctx`; `write` gets the cells to write from the
 * doc; cells whose list is known already are merged at once. Nothing is done while the columns
 * are changed (the resumed reconcile reads the cells then). Returns the unsubscribe.
 */
export function followWaitingRefs(ctx: BindingContext, lists: RefLists, opts: { dates: () => PlanDates; guard?: TextGuard }, write: (cells: [string, string][]) => void): () => void {
  const { layout } = ctx;
  const ready = (): boolean => [...ctx.waitingRefs.values()].some((w) => {
    const column = layout.columns.find((c) => c.key === w.key);
    return column !== undefined && !waitsForList(layout, column);
  });
  const merge = (): void => {
    if (!ready()) return;
    void ctx
      .enqueue(async () => {
        if (!ctx.columns.intact || !ready()) return;
        const { values } = await readBodyPaged(ctx.run, layout, ctx.counter, { estimate: (i) => ctx.rowBytes(i) });
        const r = resolveWaiting(ctx.doc, layout, values, ctx.waitingRefs, { origin: ctx.origin, docId: ctx.docId, dates: opts.dates(), ...(opts.guard ? { guard: opts.guard } : {}), ...(ctx.rowLocks ? { locks: ctx.rowLocks } : {}) });
        for (const k of r.done) {
          ctx.waitingRefs.delete(k);
          ctx.localProblems.delete(k);
        }
        for (const [k, p] of r.conflicts) ctx.conflicts.set(k, p);
        for (const [k, p] of r.problems) ctx.localProblems.set(k, p);
        ctx.settle(r.settled);
        ctx.version++;
        ctx.touched();
        write(r.rewrite);
      })
      .catch((error: unknown) => ctx.logger.warn({ error: String(error) }, 'could not read the reference cells that waited for their list'));
  };
  const stop = lists.subscribe(merge);
  // A list that arrived while the table was being opened (after the reconcile left its cells
  // waiting, before this subscription) is heard of no more: merge what it lets read now.
  merge();
  return stop;
}
