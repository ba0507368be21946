/**
 * The former names an import reads unit and indicator cells by (`import-former-names.ts`): a unit's
 * from the audit lines of its renames, a catalogue indicator's from the indicator catalog's kept
 * history. Read only when a record left such a cell unresolved, so most imports read nothing.
 */
import { cellColumns } from '../../shared/schema/index.js';
import type { DocKind, RefSource } from '../../shared/schema/types.js';
import type { RefLookup } from '../../shared/normalize/ref-lookup.js';
import type { Storage } from '../storage/storage.js';
import type { Checked } from './import-check.js';
import { formerNames, formerUnitNames, type FormerNames } from './import-former-names.js';
import { liveListDoc } from './import-refs.js';

/** The unit and indicator columns to read by former names, those names, and whether a column's list still holds an id. */
export interface FormerRefs {
  columns: ReadonlySet<string>;
  names: FormerNames;
  known: (column: string, id: string) => boolean;
}

/**
 * The former names of the units and catalogue indicators that cells of `checks` (records of a
 * document of `kind` in `workspace`) left unresolved, with what `lists` (the import's lookups)
 * still hold; null when no such cell is unresolved. A unit's code and an indicator's id are
 * never alike, but each column is held to its own list all the same.
 */
export async function formerRefNames(
  storage: Storage,
  workspace: string,
  kind: DocKind,
  checks: readonly (Checked | 'empty' | undefined)[],
  lists: Partial<Record<RefSource, RefLookup>>,
): Promise<FormerRefs | null> {
  const sourceOf = new Map(cellColumns(kind).flatMap((c) => (c.column.ref === 'unit' || c.column.ref === 'indicator' ? [[c.key, c.column.ref] as const] : [])));
  const wanted = new Set<RefSource>();
  for (const c of checks) if (c && c !== 'empty' && 'unresolved' in c) for (const u of c.unresolved) if (sourceOf.has(u.column)) wanted.add(sourceOf.get(u.column) as RefSource);
  if (wanted.size === 0) return null;
  const names = new Map<string, Set<string>>();
  const merge = (more: FormerNames) => {
    for (const [key, ids] of more) {
      if (!names.has(key)) names.set(key, new Set());
      for (const id of ids) names.get(key)?.add(id);
    }
  };
  if (wanted.has('unit')) merge(await formerUnitNames(storage, workspace));
  const catalog = wanted.has('indicator') ? await liveListDoc(storage, workspace, 'indicator-catalog') : undefined;
  if (catalog) merge(await formerNames(storage, catalog, (_, row) => row.get('id')));
  const known = (column: string, id: string): boolean => {
    const source = sourceOf.get(column);
    return source !== undefined && lists[source]?.nameOf(id) !== undefined;
  };
  return { columns: new Set(sourceOf.keys()), names, known };
}
