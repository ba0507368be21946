/**
 * The notes of locked rows (see `RowLocks.markFor`; their cells are grey like every locked row,
 * `lockedRowFills`): each mark (an approved round) gets one note in Problems saying how many rows it locks,
 * e.g. "Låst (2025 kv 2, godkänd): 12 rader. Ändringar i dem tas tillbaka." The note points at the
 * first such row, so a click in Problems shows it. Worked out with each validation, from the rules
 * as they are then, so an approval or a return is shown with the next one.
 */
import { getRow } from '../../../shared/doc/index.js';
import type { Problem } from '../../../shared/validate/problem.js';
import type { BindingContext } from '../sheet/binding-context.js';
import type { RowMark } from '../sheet/row-locks.js';
import { numberText } from '../../../shared/i18n/number-words.js';

/** The code of the note a mark makes in Problems. */
export const LOCK_NOTE_CODE = 'rows-locked';

/** One note per mark. */
export interface LockMarks {
  problems: Problem[];
}

const NONE: LockMarks = { problems: [] };

/** The marks of the rows in the table now; nothing when the binding's locks mark no row. */
export function lockMarks(ctx: Pick<BindingContext, 'rowLocks' | 'ids' | 'doc' | 'docId'>): LockMarks {
  const markFor = ctx.rowLocks?.markFor?.bind(ctx.rowLocks);
  if (!markFor) return NONE;
  const seen = new Set<string>();
  const groups = new Map<string, { mark: RowMark; first: string; count: number }>();
  for (const id of ctx.ids) {
    if (id === null || seen.has(id)) continue;
    const values = getRow(ctx.doc, id)?.values;
    const mark = values ? markFor(id, values) : undefined;
    if (!mark) continue;
    seen.add(id);
    const group = groups.get(mark.group);
    if (group) group.count++;
    else groups.set(mark.group, { mark, first: id, count: 1 });
  }
  const problems = [...groups.values()].map(({ mark, first, count }): Problem => ({
    doc: ctx.docId,
    rowId: first,
    column: null,
    severity: 'info',
    code: LOCK_NOTE_CODE,
    message: {
      sv: `${mark.note.sv}: ${numberText(count, 'sv')} ${count === 1 ? 'rad' : 'rader'}. Ändringar i dem tas tillbaka tills omgången öppnas igen.`,
      en: `${mark.note.en}: ${numberText(count, 'en')} ${count === 1 ? 'row' : 'rows'}. Changes to them are put back until the round is reopened.`,
    },
  }));
  return { problems };
}
