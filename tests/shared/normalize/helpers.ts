import { cellColumn } from '../../../shared/schema/index.js';
import type { CellColumn, DocKind } from '../../../shared/schema/types.js';

/** The cell column `key` of `kind`, failing the test if the schema lacks it. */
export function col(kind: DocKind, key: string): CellColumn {
  const c = cellColumn(kind, key);
  if (!c) throw new Error(`no column ${kind}/${key}`);
  return c;
}
