/**
 * What names a row of a document to a person: its first text cell in column order (the activity,
 * the partner, the measure). The pane's row labels (`addin/taskpane/row-labels.ts`) and the
 * import's list of the rows it took (`server/http/import-taken.ts`) name rows alike.
 */
import { cellColumns, isDocKind } from './index.js';
import type { RowValues } from './types.js';

/**
 * Kinds whose text columns do not tell one row from another: an indicator value's Källa
 * ("Exempeldata", "SCB") is the same on hundreds of rows, so such a row is named otherwise (by its
 * number in the pane, by its indicator, unit, period and kön in an import's answer).
 */
const UNNAMED_KINDS: ReadonlySet<string> = new Set(['indicator-values']);

/** The cell keys that name a row of `kind`: its text columns without a list, in column order (none for an unknown kind or one whose texts name nothing). */
export function rowNameKeys(kind: string): string[] {
  if (!isDocKind(kind) || UNNAMED_KINDS.has(kind)) return [];
  return cellColumns(kind)
    .filter((c) => !c.option && c.column.type === 'text')
    .map((c) => c.key);
}

/**
 * Names rows of `kind`: a row's first non-blank text cell under {@link rowNameKeys}, trimmed, or
 * null when it has none. The keys are read once, so naming every row of a large import stays linear.
 *
 * @example
 * rowNamer('activity-plan')({ title: ' Hälsodag i Tensta ', type: 'halsodag' }) // 'Hälsodag i Tensta'
 */
export function rowNamer(kind: string): (values: RowValues) => string | null {
  const keys = rowNameKeys(kind);
  return (values) => {
    for (const key of keys) {
      const value = values[key];
      const text = typeof value === 'string' ? value.trim() : '';
      if (text) return text;
    }
    return null;
  };
}
