/**
 * What other documents of the workspace know: the partner names, the indicator ids and the
 * unit codes that plans and indicator values may refer to.
 */
import type * as Y from 'yjs';
import { metaOf, rowsOf } from '../doc/index.js';

/**
 * Known names for cross-document checks. A missing set means "not known here": the check is
 * skipped rather than reporting every reference as unknown.
 */
export interface CrossRefs {
  /** Partner names (the `name` column of the workspace's `partners` document). */
  partners?: ReadonlySet<string>;
  /** Indicator ids (the `id` column of the `indicator-catalog`). */
  indicators?: ReadonlySet<string>;
  /** Unit codes of the workspace: clinics, kommuner, län groups. */
  units?: ReadonlySet<string>;
}

function columnValues(doc: Y.Doc, key: string): Set<string> {
  const values = new Set<string>();
  for (const row of rowsOf(doc)) {
    const v = row.values[key];
    if (typeof v === 'string' && v !== '') values.add(v);
  }
  return values;
}

/**
 * Collects {@link CrossRefs} from the workspace's documents. Documents of the wrong kind are
 * ignored (their set stays undefined, so the check is skipped).
 */
export function crossRefsFrom(sources: {
  partners?: Y.Doc;
  indicatorCatalog?: Y.Doc;
  units?: Iterable<string>;
}): CrossRefs {
  const refs: CrossRefs = {};
  if (sources.partners && metaOf(sources.partners)?.kind === 'partners') {
    refs.partners = columnValues(sources.partners, 'name');
  }
  if (sources.indicatorCatalog && metaOf(sources.indicatorCatalog)?.kind === 'indicator-catalog') {
    refs.indicators = columnValues(sources.indicatorCatalog, 'id');
  }
  if (sources.units) refs.units = new Set(sources.units);
  return refs;
}
