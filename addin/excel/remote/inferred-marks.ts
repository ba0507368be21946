/**
 * Marks in an activity plan's sheet the goal cells whose place in Table 1 is inferred
 * (`shared/catalog/inferred-goals.ts`): a light purple fill on them, under any problem's fill, and
 * one note in Problems saying how many rows have such goals and why ("Härlett från
 * aktivitetstyp …"), pointing at the first.
 */
import { rowsOf } from '../../../shared/doc/index.js';
import { inferredGoalCells } from '../../../shared/catalog/inferred-goals.js';
import { localized } from '../../../shared/i18n/t.js';
import type { Problem } from '../../../shared/validate/problem.js';
import type { BindingContext } from '../sheet/binding-context.js';
import { cellKey } from '../sheet/cell-values.js';
import { numberText } from '../../../shared/i18n/number-words.js';

/** The fill of an inferred goal cell: light purple, lighter than the problem fills. */
export const INFERRED_FILL = '#E4DFEC';

/** The fills of inferred goal cells (cell key → colour) and the note. */
export interface InferredMarks {
  fills: Map<string, string>;
  problems: Problem[];
}

/** The marks of the binding's document now; nothing outside activity plans. */
export function inferredMarks(ctx: Pick<BindingContext, 'doc' | 'docId' | 'layout'>): InferredMarks {
  const fills = new Map<string, string>();
  if (ctx.layout.kind !== 'activity-plan') return { fills, problems: [] };
  let first: string | null = null;
  let count = 0;
  for (const row of rowsOf(ctx.doc)) {
    const cells = inferredGoalCells(row.values).filter((k) => ctx.layout.columnIndex.has(k));
    if (cells.length === 0) continue;
    first ??= row.id;
    count++;
    for (const k of cells) fills.set(cellKey(row.id, k), INFERRED_FILL);
  }
  if (count === 0) return { fills, problems: [] };
  const note: Problem = { doc: ctx.docId, rowId: first, column: null, severity: 'info', code: 'goals-inferred', message: localized('goals-inferred', { rows: count === 1 ? { sv: '1 rad', en: '1 row' } : { sv: `${numberText(count, 'sv')} rader`, en: `${numberText(count, 'en')} rows` } }) };
  return { fills, problems: [note] };
}
