/**
 * A bound table's Period dropdown following what it should offer (`sheet/list-sheet.ts`
 * {@link periodListFor}): the document's own periods, the workspace's follow-up rounds' periods,
 * and this and last year's quarters, in words. The periods in use are counted as rows change (a
 * row's period edited, a row added or deleted, here or by anyone), so only a period that appears
 * or disappears makes the list worth working out again; so do the rounds changing. The list is
 * written to the list sheet (one request, `rewriteLists`) only when it differs from the one the
 * sheet shows; any other change writes nothing.
 */
import { observeChanges, rowsOf } from '../../../shared/doc/index.js';
import type { BindingContext } from '../sheet/binding-context.js';
import { rewriteLists } from '../sheet/excel-io.js';
import { periodListFor, periodsNow } from '../sheet/list-sheet.js';
import type { LivePeriods } from '../sheet/types.js';

const same = (a: readonly string[] | null, b: readonly string[]): boolean => a !== null && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Starts following the Period column of the binding `ctx` (nothing happens for a table without
 * one); returns the stop.
 *
 * @param rounds the rounds' periods, a fixed list or live ({@link LivePeriods})
 * @param shown the list the sheet shows now (the one just rendered), or null when it is not
 *   known (a table made in an earlier session): then it is written once at the start
 * @param now the clock for "this and last year's quarters"
 */
export function followPeriodList(
  ctx: BindingContext,
  rounds: readonly string[] | LivePeriods | undefined,
  shown: readonly string[] | null,
  now: () => Date = () => new Date(),
): () => void {
  const { layout } = ctx;
  const key = layout.columns.find((c) => c.column.type === 'period')?.key;
  const col = key === undefined ? undefined : layout.columnIndex.get(key);
  if (key === undefined || col === undefined) return () => undefined;
  // How many rows hold each period, and each row's period, so a deleted row can be taken off.
  const counts = new Map<unknown, number>();
  const periodOf = new Map<string, unknown>();
  /** Sets `rowId`'s period; true when a period appeared or disappeared. */
  const put = (rowId: string, period: unknown): boolean => {
    let moved = false;
    if (periodOf.has(rowId)) {
      const before = periodOf.get(rowId);
      const left = (counts.get(before) ?? 1) - 1;
      if (left === 0) counts.delete(before);
      else counts.set(before, left);
      periodOf.delete(rowId);
      moved = left === 0;
    }
    if (period === undefined || period === null || period === '') return moved;
    periodOf.set(rowId, period);
    const n = counts.get(period) ?? 0;
    counts.set(period, n + 1);
    return moved || n === 0;
  };
  for (const row of rowsOf(ctx.doc)) put(row.id, row.values[key]);

  let queued = false;
  let stopped = false;
  const check = (): void => {
    if (queued || stopped) return;
    queued = true;
    void ctx
      .enqueue(async () => {
        queued = false;
        // A table whose columns were moved is paused; its next change or resume checks again.
        if (stopped || !ctx.columns.intact) return;
        const list = periodListFor(layout, key, [...periodsNow(rounds), ...counts.keys()], now()) ?? [];
        if (same(shown, list)) return;
        await rewriteLists(ctx.run, layout, new Map([[col, list]]), ctx.readOnly, ctx.counter);
        shown = list;
      })
      .catch((error: unknown) => ctx.logger.warn({ error: String(error) }, 'could not rewrite the Period dropdown'));
  };
  const unobserve = observeChanges(ctx.doc, (set) => {
    let moved = false;
    for (const rowId of set.deletedRows) moved = put(rowId, undefined) || moved;
    for (const change of set.changes) if (change.column === key) moved = put(change.rowId, change.after) || moved;
    if (moved) check();
  });
  const unwatch = rounds && !Array.isArray(rounds) ? (rounds as LivePeriods).onChange(check) : () => undefined;
  if (shown === null) check();
  return () => {
    stopped = true;
    unobserve();
    unwatch();
  };
}
