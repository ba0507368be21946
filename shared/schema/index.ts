/**
 * The column set of every document kind, and the physical cell columns derived from it.
 * Everything else (zod schemas, JSON Schema, Excel headers and lists) derives from these.
 */
import { ACTION_PLAN } from './kinds/action-plan.js';
import { ACTIVITY_PLAN } from './kinds/activity-plan.js';
import { INDICATOR_CATALOG } from './kinds/indicator-catalog.js';
import { INDICATOR_VALUES } from './kinds/indicator-values.js';
import { PARTNERS } from './kinds/partners.js';
import { DOC_KINDS, type CellColumn, type ColumnDef, type DocKind, type KindDef } from './types.js';

/** Every kind's definition, keyed by kind. */
export const KIND_DEFS: Readonly<Record<DocKind, KindDef>> = {
  'activity-plan': ACTIVITY_PLAN,
  'action-plan': ACTION_PLAN,
  partners: PARTNERS,
  'indicator-catalog': INDICATOR_CATALOG,
  'indicator-values': INDICATOR_VALUES,
};

/** True when `value` names a document kind. */
export function isDocKind(value: unknown): value is DocKind {
  return typeof value === 'string' && (DOC_KINDS as readonly string[]).includes(value);
}

/** The definition of a document kind. */
export function kindDef(kind: DocKind): KindDef {
  return KIND_DEFS[kind];
}

/**
 * The cell columns of one logical column: itself, or for `multi` one boolean cell per option
 * keyed `${column.key}.${option.value}` and headed "Mål: Motivationshöjning".
 */
export function expandColumn(column: ColumnDef): CellColumn[] {
  if (column.type !== 'multi') return [{ key: column.key, header: column.header, column }];
  return (column.options ?? []).map((option) => ({
    key: `${column.key}.${option.value}`,
    header: {
      sv: `${column.header.sv}: ${(option.sheetHeader ?? option.label).sv}`,
      en: `${column.header.en}: ${(option.sheetHeader ?? option.label).en}`,
    },
    column,
    option,
  }));
}

const cellColumnCache = new Map<DocKind, readonly CellColumn[]>();
const cellKeyCache = new Map<DocKind, ReadonlySet<string>>();

/**
 * The physical cell columns of a kind, in header order. Computed once per kind; treat the
 * result as read-only.
 */
export function cellColumns(kind: DocKind): CellColumn[] {
  let cols = cellColumnCache.get(kind);
  if (!cols) {
    cols = Object.freeze(kindDef(kind).columns.flatMap(expandColumn));
    cellColumnCache.set(kind, cols);
  }
  return cols as CellColumn[];
}

/** The set of cell keys a row of `kind` may hold (what the server accepts as columns). */
export function cellColumnKeys(kind: DocKind): ReadonlySet<string> {
  let keys = cellKeyCache.get(kind);
  if (!keys) {
    keys = new Set(cellColumns(kind).map((c) => c.key));
    cellKeyCache.set(kind, keys);
  }
  return keys;
}

/** The cell column with `key` in `kind`, or undefined. */
export function cellColumn(kind: DocKind, key: string): CellColumn | undefined {
  return cellColumns(kind).find((c) => c.key === key);
}
