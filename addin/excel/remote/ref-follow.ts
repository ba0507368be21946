/**
 * A bound table following its reference lists (`sheet/ref-lists.ts`): when a list changes (a
 * partner added or renamed, the workspace's units edited), the dropdown of each column pointing
 * into it is rewritten, and every cell of those columns is written again from the doc, so a
 * renamed entry shows its new name. The doc is not touched: it stores ids.
 */
import { rowsOf } from '../../../shared/doc/index.js';
import type { RefSource } from '../../../shared/schema/types.js';
import type { BindingContext } from '../sheet/binding-context.js';
import { rewriteLists } from '../sheet/excel-io.js';
import type { RefLists } from '../sheet/ref-lists.js';
import { refListFor } from '../sheet/list-sheet.js';
import type { RemoteWriter } from './writer.js';

/** Starts following `lists` for the binding; returns the stop. */
export function followRefLists(ctx: BindingContext, writer: RemoteWriter, lists: RefLists): () => void {
  return lists.subscribe((changed) => {
    const columns = ctx.layout.columns.filter((c) => c.column.ref && changed.has(c.column.ref as RefSource));
    if (columns.length === 0) return;
    const dropdowns = new Map(columns.map((c) => [ctx.layout.columnIndex.get(c.key) as number, refListFor(ctx.layout, c.key) ?? []] as const));
    void ctx
      .enqueue(() => rewriteLists(ctx.run, ctx.layout, dropdowns, ctx.readOnly, ctx.counter))
      .catch((error: unknown) => ctx.logger.warn({ error: String(error) }, 'could not rewrite the dropdown lists of a reference column'));
    const cells: [string, string][] = [];
    for (const row of rowsOf(ctx.doc)) {
      for (const c of columns) if (typeof row.values[c.key] === 'string') cells.push([row.id, c.key]);
    }
    if (cells.length === 0) return;
    writer.mark(cells);
    writer.schedule();
  });
}
