/**
 * How the pane names a row to a person: by its first text cell (the activity, the partner, the
 * measure), in quotes and cut at 40 characters, or, when it has no text there, by a row number:
 * the sheet's row number as Excel shows it when the document's table is in the workbook (a table
 * with its header on row 1 holds the document's 3rd row on sheet row 4), else its number in
 * document order ("rad 3"). Problems and People use the same names; what names a row is
 * `shared/schema/row-name.ts`'s, as an import's answer names the rows it took.
 */
import type * as Y from 'yjs';
import { getRow, rowsOf } from '../../shared/doc/index.js';
import { rowNamer } from '../../shared/schema/row-name.js';
import { str, type Lang } from './strings.js';

const LABEL_LENGTH = 40;

function quoted(text: string): string {
  return `”${text.length > LABEL_LENGTH ? `${text.slice(0, LABEL_LENGTH - 1)}…` : text}”`;
}

/**
 * A labeller for many rows of one document: reads the row order at most once, so naming every
 * problem of a 12,000-row document stays linear. Gives null for a row not (yet) in `doc`.
 * `sheetRow` gives a row's sheet row number (1-based) in the bound table, or null where the
 * table does not hold it; without it, or for such a row, the number is in document order.
 *
 * @example
 * const label = rowLabeler(doc, 'activity-plan', 'sv');
 * label('r1') // → '”Hälsodag i Tensta”', or 'rad 3' for a row without a title
 * rowLabeler(doc, 'indicator-values', 'sv', binding.sheetRow)('r2') // → 'rad 607', its row in the sheet
 */
export function rowLabeler(doc: Y.Doc, kind: string, lang: Lang, sheetRow?: (rowId: string) => number | null): (rowId: string) => string | null {
  const nameOf = rowNamer(kind);
  let order: Map<string, number> | null = null;
  return (rowId) => {
    const row = getRow(doc, rowId);
    if (!row) return null;
    const name = nameOf(row.values);
    if (name) return quoted(name);
    const shown = sheetRow?.(rowId);
    if (typeof shown === 'number') return str('people.row', lang, { row: shown });
    order ??= new Map(rowsOf(doc).map((r, i) => [r.id, i + 1]));
    return str('people.row', lang, { row: order.get(rowId) ?? 0 });
  };
}
