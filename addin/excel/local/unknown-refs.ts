/**
 * Reference cells read as `unknown-ref` (a name its list did not hold, kept in the sheet as typed
 * with the problem, nothing sent) are read again when their list changes: a colleague adding the
 * partner or indicator to the workspace's list makes the name one that reads, and it is then
 * sent as its id without another edit. Only the rows holding such a cell are read, not the sheet.
 */
import type { RefSource } from '../../../shared/schema/types.js';
import type { BindingContext } from '../sheet/binding-context.js';
import type { RefLists } from '../sheet/ref-lists.js';

/** The problem code of a name its list does not hold (`shared/normalize/resolve-ref.ts`). */
const UNKNOWN_REF = 'unknown-ref';

/**
 * Starts reading again, whenever one of `lists` changes, the rows (by body index, `readRow`) whose
 * cells of a column pointing into that list hold an `unknown-ref` problem of the sheet's
 * (`ctx.localProblems`); returns the unsubscribe.
 */
export function recheckUnknownRefs(ctx: Pick<BindingContext, 'layout' | 'localProblems' | 'indexOf'>, lists: RefLists, readRow: (index: number) => void): () => void {
  return lists.subscribe((changed: ReadonlySet<RefSource>) => {
    const keys = new Set(ctx.layout.columns.filter((c) => c.column.ref !== undefined && changed.has(c.column.ref)).map((c) => c.key));
    if (keys.size === 0) return;
    const rows = new Set<number>();
    for (const p of ctx.localProblems.values()) {
      if (p.code !== UNKNOWN_REF || !p.rowId || !p.column || !keys.has(p.column)) continue;
      const index = ctx.indexOf(p.rowId);
      if (index !== undefined) rows.add(index);
    }
    for (const index of [...rows].sort((a, b) => a - b)) readRow(index);
  });
}
