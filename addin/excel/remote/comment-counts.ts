/**
 * Doc → sheet for row comments: keeps the count column (`sheet/count-column.ts`) showing how many
 * comments each row has, blank for none. Written after binding and whenever comments or rows
 * change (coalesced), through the binding's queue and with events off, never read back. Each
 * write checks, in the same request, which row ids it landed on; when the person sorted the table
 * meanwhile, it writes again for the order found. A document without comments costs nothing.
 */
import { commentCounts, commentsMap } from '../../../shared/comments/comments.js';
import { observeChanges } from '../../../shared/doc/index.js';
import type { BindingContext } from '../sheet/binding-context.js';
import { ensureCountColumn } from '../sheet/count-column.js';
import { writeBatch } from '../sheet/excel-io.js';

/** Rounds of writing again after the rows moved under a write. */
const MAX_ROUNDS = 3;

/** The running count writer of one binding. */
export interface CommentCounter {
  /** Writes now (after anything queued before it) and resolves when done. */
  flush(): Promise<void>;
  stop(): void;
}

/** Starts writing counts for the binding `ctx`; `delayMs` coalesces bursts of changes. */
export function startCommentCounts(ctx: BindingContext, delayMs = 100): CommentCounter {
  let column: number | null = null;
  let wroteAny = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const write = async (): Promise<void> => {
    if (stopped || !ctx.columns.intact) return;
    const counts = commentCounts(ctx.doc);
    if (counts.size === 0 && !wroteAny) return;
    if (column === null) {
      const found = await ensureCountColumn(ctx.run, ctx.layout, ctx.readOnly, ctx.counter);
      column = found.column;
      if (found.added && ctx.columns.intact) ctx.columns = { intact: true, extra: ctx.columns.extra + 1 };
    }
    let ids: readonly unknown[] = ctx.ids;
    for (let round = 0; round < MAX_ROUNDS && ids.length > 0; round++) {
      const values = ids.map((id) => [typeof id === 'string' ? (counts.get(id) ?? '') : '']);
      const ops = { blocks: [{ row: 0, col: column, values }], deletes: [], adds: [], appendAt: ids.length, fills: [], settings: [] as [string, string][] };
      const found = await writeBatch(ctx.run, ctx.layout, ops, ctx.readOnly, ctx.counter);
      wroteAny = true;
      const landed = ids.map((_, i) => found.ids.get(i));
      if (landed.every((id, i) => id === ids[i])) return;
      ids = landed;
    }
  };

  const run = (): Promise<void> =>
    ctx.enqueue(write).catch((error: unknown) => ctx.logger.warn({ error }, 'writing comment counts failed'));

  const schedule = (): void => {
    if (timer || stopped) return;
    timer = setTimeout(() => {
      timer = null;
      void run();
    }, delayMs);
  };

  const comments = commentsMap(ctx.doc);
  comments.observeDeep(schedule);
  const stopRows = observeChanges(ctx.doc, (set) => {
    if (set.addedRows.length > 0 || set.deletedRows.length > 0) schedule();
  });
  schedule();
  return {
    flush: run,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      comments.unobserveDeep(schedule);
      stopRows();
    },
  };
}
