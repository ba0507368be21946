/**
 * Healing a write that went into other rows than it meant. Writes place rows by the order the
 * binding last read; the person may have sorted the table since, its event not handled yet.
 * Every write reads, in its own request, the id cell and the old value of each cell it writes
 * (`writeBatch`), so the rows hit by mistake are known, and so is what they held.
 */
import type { BindingContext } from '../sheet/binding-context.js';
import { idOf } from '../sheet/cell-values.js';
import { writeBatch, type Overwritten } from '../sheet/excel-io.js';
import { readIdColumnPaged } from '../sheet/paged-read.js';
import { planBlocks, type Missed } from '../sheet/write-plan.js';

/** Times a put-back that itself went into other rows is put back in turn. */
const MAX_DEPTH = 4;

/** A value as loaded from a cell, to write back. */
function asCell(raw: unknown): string | number | boolean {
  return typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : '';
}

/**
 * Puts back exactly what a write replaced in rows it did not mean and reads the id column, in
 * one request (one sync), so `ctx.ids` is the order the sort left; then `mark`s the rows meant,
 * for the writer to write them again from the doc where they are now. Call it from inside the
 * binding's queue, so that no read sees those rows before they are right again.
 *
 * Putting back, rather than rewriting the rows hit from the doc, is what keeps a value the
 * person typed into such a row just before sorting, whose event the binding has not handled
 * yet: rewritten from the doc it would be gone from the sheet before anyone read it; put back,
 * the read of the sort (or of the edit) finds it and sends it. Cells of the row hit that have a
 * remote value of their own on the way stay marked in the writer and get the doc's value, as
 * without a sort. When the put-back fails, or finds other rows again (the table moved between
 * the two requests: those rows are put back in turn), the row hit is rewritten from the doc
 * instead: the doc stays right; only such a value not yet read can then be lost.
 */
export async function putBack(ctx: BindingContext, missed: readonly Missed[], mark: (rowId: string, column: string | null) => void, depth = 0): Promise<void> {
  ctx.logger.warn({ rows: missed.length }, 'the table was sorted under a write; rewriting the rows it touched');
  const at = new Map(missed.map((m) => [m.row, m]));
  const blocks = planBlocks(new Map(missed.map((m) => [m.row, [...m.replaced.keys()]])), (row, col) => asCell(at.get(row)?.replaced.get(col)));
  let undone: Overwritten | undefined;
  try {
    undone = await writeBatch(ctx.run, ctx.layout, { blocks, deletes: [], adds: [], appendAt: 0, fills: [], settings: [] }, ctx.readOnly, ctx.counter, { idColumnAfter: { rows: ctx.ids.length } });
  } catch (error) {
    ctx.logger.warn({ error: String(error) }, 'could not put back the rows written by mistake; rewriting them from the doc');
  }
  const ids = undone?.idColumn ?? (await readIdColumnPaged(ctx.run, ctx.layout, ctx.counter).catch(() => undefined));
  if (ids) ctx.ids = ids.map(idOf);
  const again: Missed[] = [];
  for (const m of missed) {
    // The id cell as the first write left it.
    const left = m.wroteId ?? m.hit;
    const found = undone ? idOf(undone.ids.get(m.row)) : null;
    if (found !== left) {
      if (m.wroteId !== undefined && ctx.ids[m.row] === m.wroteId) ctx.ids[m.row] = m.hit;
      mark(m.hit, null);
      if (found !== null && undone) again.push({ row: m.row, meant: null, hit: found, replaced: undone.values.get(m.row) ?? new Map() });
    }
    if (m.meant) for (const column of m.columns ?? [null]) mark(m.meant, column);
  }
  ctx.idsChanged();
  if (again.length > 0 && depth < MAX_DEPTH) await putBack(ctx, again, mark, depth + 1);
}
