/** What Excel needs from a kind: the header row and the data-validation lists. */
import type { Lang } from '../i18n/t.js';
import { cellColumn, cellColumns } from './index.js';
import type { DocKind } from './types.js';

/** The header row of a kind's table in `lang`, one header per cell column, in order. */
export function headerRow(kind: DocKind, lang: Lang): string[] {
  return cellColumns(kind).map((c) => c.header[lang]);
}

/**
 * The dropdown values of a cell column: the option labels in `lang` for an enum, `['x']` for an
 * x-column (a multi-choice cell or a boolean), null for a column without a list or an unknown key.
 * `normalizeCell` reads every value of the list back to the stored value. Labels may contain
 * commas and a list may pass Excel's 255-character limit for inline lists, so give the list to
 * Excel as a range (e.g. on a hidden sheet), not as a comma-separated source.
 */
export function validationList(kind: DocKind, cellKey: string, lang: Lang): string[] | null {
  const col = cellColumn(kind, cellKey);
  if (!col) return null;
  if (col.option || col.column.type === 'boolean') return ['x'];
  if (col.column.type === 'enum') return (col.column.options ?? []).map((o) => o.label[lang]);
  return null;
}
