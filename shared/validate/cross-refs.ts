/**
 * What other documents of the workspace know: the partners, the indicator ids and the unit
 * codes that plans and indicator values may refer to.
 *
 * A partner column stores the partner's id: the row id of its row in the partner list. Plans
 * written before that store the partner's name instead. During the transition both are taken:
 * a stored text that is a partner's id is that partner; one that is a partner's name (any case
 * and spacing, see `refKey`) is read as that partner too and is not reported; anything else is
 * an unknown partner (a warning, the text kept as it is). A pane that may write the row stores
 * the id when it reads the cell again (the partner chosen or typed, the table read after a sort).
 */
import type * as Y from 'yjs';
import { metaOf, rowsOf } from '../doc/index.js';
import { partnerEntries } from '../normalize/ref-entries.js';
import { refKey, type RefEntry } from '../normalize/ref-lookup.js';

/** The partners a partner column may name: by id, and (stored before ids) by name. */
export interface PartnerRefs {
  /** Row ids of the partner list's rows (what a partner cell stores). */
  ids: ReadonlySet<string>;
  /** Each partner's name as {@link refKey} compares it, for cells stored before ids. */
  names: ReadonlySet<string>;
}

/**
 * Known names for cross-document checks. A missing set means "not known here": the check is
 * skipped rather than reporting every reference as unknown.
 */
export interface CrossRefs {
  /** The partners of the workspace's `partners` document(s). */
  partners?: PartnerRefs;
  /** Indicator ids (the `id` column of the `indicator-catalog`). */
  indicators?: ReadonlySet<string>;
  /** Unit codes of the workspace: clinics, kommuner, län groups. */
  units?: ReadonlySet<string>;
  /**
   * Each catalog indicator's declared range (the catalog's `min` and `max` columns, in the
   * indicator's own unit, null where not given) and unit of measure, keyed by indicator id: a
   * value outside the range, or a count's value that is not a whole number, is a warning on the
   * value's cell (the value is kept); a percent sign in a value not measured in percent is
   * refused (`percent-sign.ts`).
   */
  indicatorBounds?: ReadonlyMap<string, IndicatorBounds>;
}

/** An indicator's declared range and unit; null where the catalog gives none. */
export interface IndicatorBounds {
  /** The indicator's name in the catalog (its id where it has none), for the warning's words. */
  name: string;
  min: number | null;
  max: number | null;
  /** The catalog's unit of measure (`antal`, `procent`, `antal per 1 000 invånare`); null or absent where none is given. */
  unit?: string | null;
}

/**
 * The declared ranges and units of an `indicator-catalog` document's rows that give a min, a max
 * or a unit. When an id repeats, its first row decides (with or without a range), as the indicator
 * definitions take it (`definitionsFromRows`), so imports, completeness and Problems judge a value
 * by one range.
 */
export function indicatorBoundsOf(catalog: Y.Doc): Map<string, IndicatorBounds> {
  const bounds = new Map<string, IndicatorBounds>();
  const seen = new Set<string>();
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  for (const row of rowsOf(catalog)) {
    const id = row.values.id;
    const min = num(row.values.min);
    const max = num(row.values.max);
    const name = typeof row.values.name === 'string' && row.values.name !== '' ? row.values.name : id;
    const unit = typeof row.values.unitOfMeasure === 'string' && row.values.unitOfMeasure.trim() !== '' ? row.values.unitOfMeasure.trim() : null;
    if (typeof id !== 'string' || id === '' || seen.has(id)) continue;
    seen.add(id);
    if (min === null && max === null && unit === null) continue;
    bounds.set(id, { name: String(name), min, max, unit });
  }
  return bounds;
}

function columnValues(doc: Y.Doc, key: string): Set<string> {
  const values = new Set<string>();
  for (const row of rowsOf(doc)) {
    const v = row.values[key];
    if (typeof v === 'string' && v !== '') values.add(v);
  }
  return values;
}

/** {@link PartnerRefs} of partner list entries (from one or several lists). */
export function partnerRefs(entries: Iterable<RefEntry>): PartnerRefs {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const e of entries) {
    ids.add(e.id);
    names.add(refKey(e.name));
  }
  return { ids, names };
}

/**
 * Whether a partner cell's stored text names a known partner: its id, or (stored before ids)
 * its name in any case and spacing. See the file comment for the transition rule.
 */
export function isKnownPartner(refs: PartnerRefs, stored: string): boolean {
  return refs.ids.has(stored) || refs.names.has(refKey(stored));
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
    refs.partners = partnerRefs(partnerEntries(sources.partners));
  }
  if (sources.indicatorCatalog && metaOf(sources.indicatorCatalog)?.kind === 'indicator-catalog') {
    refs.indicators = columnValues(sources.indicatorCatalog, 'id');
    refs.indicatorBounds = indicatorBoundsOf(sources.indicatorCatalog);
  }
  if (sources.units) refs.units = new Set(sources.units);
  return refs;
}
