/**
 * The entries of each reference list (`RefSource`), read from what a workspace holds: its
 * partner list and indicator catalog documents, its units, and the kommuner of
 * `shared/catalog/kommuner.ts`. The pane feeds its dropdowns from them
 * (`addin/taskpane/workspace-ref-lists.ts`) and the server's import resolves typed names with
 * them (`server/http/import-refs.ts`), so both read a name the same way.
 */
import type * as Y from 'yjs';
import { SFH_INDICATORS } from '../catalog/indicators.js';
import { KOMMUNER } from '../catalog/kommuner.js';
import { rowsOf } from '../doc/index.js';
import { refKey, type RefEntry } from './ref-lookup.js';

/** The kommuner of the catalog (seed-backed, not all 290: see `kommuner.ts`) as a list. */
export const KOMMUN_ENTRIES: readonly RefEntry[] = Object.entries(KOMMUNER).map(([id, name]) => ({ id, name }));

/**
 * The partner list's entries: each row with a name, as `{ id: row id, name }` (a partner column
 * stores the row id, see `shared/validate/cross-refs.ts`), in list order. A name given twice (in
 * any case and spacing) is listed once, with the first row, so a typed name finds one partner.
 * Rows without a name are left out.
 *
 * @example
 * partnerEntries(partnersDoc) // [{ id: 'aktor-sfi', name: 'SFI' }, …]
 */
export function partnerEntries(doc: Y.Doc): RefEntry[] {
  const seen = new Set<string>();
  const out: RefEntry[] = [];
  for (const row of rowsOf(doc)) {
    const name = row.values.name;
    if (typeof name !== 'string' || name.trim() === '' || seen.has(refKey(name))) continue;
    seen.add(refKey(name));
    out.push({ id: row.id, name });
  }
  return out;
}

/**
 * The indicator catalog's entries: each row's id with its name (the id when it has none), once,
 * in catalog order; the SKR indicators of `shared/catalog/indicators.ts` not in it follow, named
 * in `lang`.
 */
export function indicatorEntries(doc: Y.Doc | null, lang: 'sv' | 'en'): RefEntry[] {
  const out: RefEntry[] = [];
  const seen = new Set<string>();
  const add = (id: string, name: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ id, name });
  };
  for (const row of doc ? rowsOf(doc) : []) {
    const { id, name } = row.values;
    if (typeof id === 'string' && id.trim() !== '') add(id, typeof name === 'string' && name.trim() !== '' ? name : id);
  }
  for (const i of SFH_INDICATORS) add(i.id, i.name[lang]);
  return out;
}

/** A workspace's units as a list: code as id, name (the code when it has none) as name. */
export function unitEntries(units: readonly { code: string; name?: string | null }[]): RefEntry[] {
  return units.map((u) => ({ id: u.code, name: u.name || u.code }));
}
