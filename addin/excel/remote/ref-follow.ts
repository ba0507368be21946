/**
 * A bound table following its reference lists (`sheet/ref-lists.ts`): when a list changes (a
 * partner added or renamed, the workspace's units edited), the dropdown of each column pointing
 * into it is rewritten, and the cells whose shown name changed are written again from the doc
 * (a renamed entry's cells, a stored name that now finds an entry or no longer does), not every
 * cell of the column. A list forgotten until another arrives changes nothing in the sheet. The doc is not touched: it stores ids. Problems are worked out again, as
 * an unknown name may have become known or the other way round.
 */
import { rowsOf } from '../../../shared/doc/index.js';
import { shownName, type RefLookup } from '../../../shared/normalize/ref-lookup.js';
import type { RefSource } from '../../../shared/schema/types.js';
import type { BindingContext } from '../sheet/binding-context.js';
import type { TableLayout } from '../sheet/layout.js';
import { rewriteLists } from '../sheet/excel-io.js';
import type { RefLists } from '../sheet/ref-lists.js';
import { refListFor } from '../sheet/list-sheet.js';
import type { RemoteWriter } from './writer.js';

/** What each reference list of `layout` was when the sheet was written with it (undefined: not known then). */
export type ShownLists = Map<RefSource, RefLookup | undefined>;

/** The lists `layout`'s reference columns show now; taken before a table is opened, for {@link followRefLists}. */
export function listsShown(layout: TableLayout): ShownLists {
  const shown: ShownLists = new Map();
  for (const c of layout.columns) if (c.column.ref) shown.set(c.column.ref, layout.refLists?.lookup(c.column.ref));
  return shown;
}

/**
 * Starts following `lists` for the binding; returns the stop. `shown`: the lists as the table
 * was opened with them (taken before opening, {@link listsShown}). A list that arrived or changed
 * since, while the table was being opened, is followed at once: a new table rendered before its
 * lists arrived would otherwise keep showing stored ids, and no dropdown, until a later change.
 */
export function followRefLists(ctx: BindingContext, writer: RemoteWriter, lists: RefLists, shown: ShownLists = listsShown(ctx.layout)): () => void {
  const follow = (heard: ReadonlySet<RefSource>): void => {
    // A list forgotten (its document being replaced) leaves the sheet as it shows: its cells wait
    // for the new list (`sheet/waiting-refs.ts`), then differ from what they show now, or not.
    const changed = new Set([...heard].filter((source) => lists.lookup(source) !== undefined));
    if (changed.size < heard.size) {
      ctx.version++;
      ctx.touched();
    }
    const columns = ctx.layout.columns.filter((c) => c.column.ref && changed.has(c.column.ref));
    if (columns.length === 0) return;
    const dropdowns = new Map(columns.map((c) => [ctx.layout.columnIndex.get(c.key) as number, refListFor(ctx.layout, c.key) ?? []] as const));
    void ctx
      .enqueue(() => rewriteLists(ctx.run, ctx.layout, dropdowns, ctx.readOnly, ctx.counter))
      .catch((error: unknown) => ctx.logger.warn({ error: String(error) }, 'could not rewrite the dropdown lists of a reference column'));
    const before = new Map([...changed].map((source) => [source, shown.get(source)] as const));
    for (const source of changed) shown.set(source, lists.lookup(source));
    const cells: [string, string][] = [];
    for (const row of rowsOf(ctx.doc)) {
      for (const c of columns) {
        const stored = row.values[c.key];
        const source = c.column.ref as RefSource;
        if (typeof stored === 'string' && shownName(before.get(source), stored) !== shownName(shown.get(source), stored)) cells.push([row.id, c.key]);
      }
    }
    ctx.version++;
    ctx.touched();
    if (cells.length === 0) return;
    writer.mark(cells);
    writer.schedule();
  };
  const stop = lists.subscribe(follow);
  const since = new Set([...shown].filter(([source, lookup]) => lists.lookup(source) !== lookup).map(([source]) => source));
  if (since.size > 0) follow(since);
  return stop;
}
