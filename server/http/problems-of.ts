/**
 * Content problems of a document, with the workspace's cross-references (partners by id and,
 * stored before ids, by name; indicator ids; unit codes) read from its other documents, as the
 * pane shows them.
 */
import type * as Y from 'yjs';
import { metaOf } from '../../shared/doc/index.js';
import type { RefEntry } from '../../shared/normalize/ref-lookup.js';
import { partnerEntries } from '../../shared/normalize/ref-entries.js';
import { crossRefsFrom, partnerRefs, type CrossRefs, type IndicatorBounds } from '../../shared/validate/cross-refs.js';
import type { Problem } from '../../shared/validate/problem.js';
import { validateDoc } from '../../shared/validate/validate-doc.js';
import type { Storage } from '../storage/storage.js';
import type { DocAccess } from './doc-access.js';

/**
 * The cross-references of a workspace: its units, the partner list(s), the indicator catalog's
 * ids and declared ranges (an id's first catalog row decides its range, as the indicator
 * definitions, imports and completeness take it: `definitionsFromRows`).
 */
export async function workspaceRefs(storage: Storage, docs: DocAccess, workspace: string): Promise<CrossRefs> {
  const [records, units] = await Promise.all([storage.listDocs(workspace), storage.listUnits(workspace)]);
  const refs: CrossRefs = { units: new Set(units.map((u) => u.code)) };
  const partners = records.filter((r) => r.kind === 'partners');
  const catalogs = records.filter((r) => r.kind === 'indicator-catalog');
  if (partners.length > 0) {
    // Ids and (for cells stored before ids) names of every partner list: see cross-refs.ts.
    const entries: RefEntry[] = [];
    for (const rec of partners) {
      const found = await docs.read(rec, (doc) => (metaOf(doc)?.kind === 'partners' ? partnerEntries(doc) : []));
      entries.push(...found);
    }
    refs.partners = partnerRefs(entries);
  }
  if (catalogs.length > 0) {
    const ids = new Set<string>();
    const bounds = new Map<string, IndicatorBounds>();
    for (const rec of catalogs) {
      const found = await docs.read(rec, (doc) => crossRefsFrom({ indicatorCatalog: doc }));
      // An id an earlier catalog declared keeps that catalog's range (or none).
      for (const [id, range] of found.indicatorBounds ?? []) if (!ids.has(id)) bounds.set(id, range);
      for (const id of found.indicators ?? []) ids.add(id);
    }
    refs.indicators = ids;
    refs.indicatorBounds = bounds;
  }
  return refs;
}

/** The problems of one document. */
export function problemsOf(doc: Y.Doc, docId: string, refs: CrossRefs): Problem[] {
  return validateDoc(doc, docId, refs);
}

/** Row ids with at least one error (warnings do not count), for `validated=true` exports. */
export function rowsWithErrors(problems: readonly Problem[]): Set<string> {
  const ids = new Set<string>();
  for (const p of problems) if (p.severity === 'error' && p.rowId !== null) ids.add(p.rowId);
  return ids;
}
