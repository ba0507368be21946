/**
 * Reference cells whose stored text finds no entry of their list (see `sheet/ref-lists.ts`): a
 * partner stored by a name before partners had ids that names no partner now, a unit or an
 * indicator the workspace does not have. The text stays in the cell and the doc, nothing is
 * lost; Problems names the column and the closest names of the list ("Menade du …?"), as for a
 * name typed in the sheet. Worked out with each validation, so a list that changes (a partner
 * added or renamed) is reflected with the next one. A cell waiting for its list (`ctx.waitingRefs`)
 * is said in words too, so that a person sees why what they chose is not in the document yet.
 */
import { rowsOf } from '../../../shared/doc/index.js';
import { localized } from '../../../shared/i18n/t.js';
import { isUnknownRef } from '../../../shared/normalize/ref-lookup.js';
import type { Problem } from '../../../shared/validate/problem.js';
import type { BindingContext } from '../sheet/binding-context.js';
import { waitsForList } from '../sheet/waiting-refs.js';
import { unknownRef } from '../../../shared/normalize/resolve-ref.js';

/**
 * The problems (warnings, code `unknown-ref`) of every reference cell of the doc whose list is
 * known here and does not find its text; none for lists not known (nothing is checked then). Each
 * cell waiting for its list (not of a row gone from the sheet) is told as information, code
 * `ref-waiting`.
 */
export function refProblems(ctx: Pick<BindingContext, 'doc' | 'docId' | 'layout' | 'waitingRefs'>): Problem[] {
  const lists = ctx.layout.refLists;
  if (!lists) return [];
  const out: Problem[] = [];
  for (const w of ctx.waitingRefs.values()) {
    const column = ctx.layout.columns.find((c) => c.key === w.key);
    if (w.gone || !column || !waitsForList(ctx.layout, column)) continue;
    out.push({ doc: ctx.docId, rowId: w.rowId, column: w.key, severity: 'info', code: 'ref-waiting', message: localized('ref-waiting', { column: column.header }) });
  }
  const columns = ctx.layout.columns.flatMap((c) => {
    const lookup = c.column.ref ? lists.lookup(c.column.ref) : undefined;
    return lookup ? [{ c, lookup }] : [];
  });
  if (columns.length === 0) return out;
  for (const row of rowsOf(ctx.doc)) {
    for (const { c, lookup } of columns) {
      const stored = row.values[c.key];
      if (typeof stored !== 'string' || stored === '' || !isUnknownRef(lookup, stored)) continue;
      const { code, message } = unknownRef(c, stored, lookup.closest(stored));
      out.push({ doc: ctx.docId, rowId: row.id, column: c.key, severity: 'warning', code, message });
    }
  }
  return out;
}
