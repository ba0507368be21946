/**
 * A date typed without its year is read by the plan's title (`planDates`): refused as outside
 * `Plan ht 2025`, as two years in `Plan 2025–2026`, or as a day the plan's year lacks, it stays in
 * the sheet as typed with its problem, nothing sent. It was read again only when the person edited
 * the row, so renaming the plan (`Plan ht 2025` → `Plan 2025`) left `10/1` refused under a title
 * that now takes it, and a refusal worded for the old title. Now a rename that changes how a date
 * is read reads those rows again, by the new title, as after an edit: a date the title now takes is
 * sent, one it still refuses is refused in its words.
 */
import { metaOf, observeTitle } from '../../../shared/doc/index.js';
import { planDates } from '../../../shared/normalize/plan-year.js';
import type { BindingContext } from '../sheet/binding-context.js';
import { HELD_CODE } from './held-rows.js';

/**
 * Starts reading again, whenever the title of `ctx.doc` changes how a date without its year is read
 * (`planDates` of the old and the new title differ), the rows (by body index, `readRow`) holding a
 * problem of the sheet's (`ctx.localProblems`) in a date column, and the held rows (`row-held`:
 * whether a round's lock holds a new row may follow its dates). Nothing is read for a rename
 * that reads dates as before, nor in a kind without date columns. Returns the unsubscribe.
 */
export function rereadDatesOnRename(ctx: Pick<BindingContext, 'doc' | 'layout' | 'localProblems' | 'indexOf'>, readRow: (index: number) => void): () => void {
  const dateKeys = new Set(ctx.layout.columns.filter((c) => c.column.type === 'date').map((c) => c.key));
  if (dateKeys.size === 0) return () => undefined;
  let reading = JSON.stringify(planDates(metaOf(ctx.doc)?.title));
  return observeTitle(ctx.doc, (title) => {
    const now = JSON.stringify(planDates(title));
    if (now === reading) return;
    reading = now;
    const rows = new Set<number>();
    for (const p of ctx.localProblems.values()) {
      if (!p.rowId || (p.code !== HELD_CODE && (!p.column || !dateKeys.has(p.column)))) continue;
      const index = ctx.indexOf(p.rowId);
      if (index !== undefined) rows.add(index);
    }
    for (const index of [...rows].sort((a, b) => a - b)) readRow(index);
  });
}
