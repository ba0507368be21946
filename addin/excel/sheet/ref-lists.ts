/**
 * The live reference lists of a binding (see `ColumnDef.ref`): for each list, its entries (id and
 * name). The pane feeds them from the workspace (the partner list and indicator catalog
 * documents, the units) and sets them again when those change; the binding then rewrites the
 * dropdown lists and every reference cell whose name changed. Kommuner come from
 * `shared/catalog/kommuner.ts` unless set otherwise.
 */
import { isKnownKommun } from '../../../shared/catalog/kommuner.js';
import { KOMMUN_ENTRIES } from '../../../shared/normalize/ref-entries.js';
import { refLookup, type RefEntry, type RefLookup } from '../../../shared/normalize/ref-lookup.js';
import type { RefSource } from '../../../shared/schema/types.js';

/** The reference lists one binding reads; {@link RefListsFeed} sets them. */
export interface RefLists {
  /** The searchable list `source`, or undefined while it is not known here (nothing is checked then). */
  lookup(source: RefSource): RefLookup | undefined;
  /** Calls `listener` with the lists that changed; returns the unsubscribe. */
  subscribe(listener: (changed: ReadonlySet<RefSource>) => void): () => void;
}

/** {@link RefLists} that the pane (or a test) sets. */
export interface RefListsFeed extends RefLists {
  /** Replaces the list `source`; listeners hear of it only when an id or a name differs. */
  set(source: RefSource, entries: readonly RefEntry[]): void;
  /**
   * Forgets the list `source` (its document is being replaced by another, not in yet): until it is
   * set again its cells wait (`waiting-refs.ts`) rather than be judged against the old list.
   * Listeners hear of it when a list was known.
   */
  unset(source: RefSource): void;
}

export { KOMMUN_ENTRIES } from '../../../shared/normalize/ref-entries.js';

const same = (a: readonly RefEntry[], b: readonly RefEntry[]): boolean =>
  a.length === b.length && a.every((e, i) => e.id === b[i]?.id && e.name === b[i]?.name);

/**
 * Makes a feed with the lists in `initial` (and the catalog's kommuner unless `initial` sets them).
 *
 * @example
 * const lists = refListsFeed({ unit: units.map((u) => ({ id: u.code, name: u.name })) });
 * await bindTable(run, doc, 'action-plan', { docId, lang, refLists: lists });
 * lists.set('partner', partnerEntries(partnersDoc)); // the dropdown and renamed cells follow
 */
export function refListsFeed(initial: Partial<Record<RefSource, readonly RefEntry[]>> = {}): RefListsFeed {
  const lookups = new Map<RefSource, RefLookup>();
  const listeners = new Set<(changed: ReadonlySet<RefSource>) => void>();
  // The catalog lists the kommuner of the seeds' län only: codes of other län are still kommuner.
  lookups.set('kommun', refLookup(KOMMUN_ENTRIES, isKnownKommun));
  for (const [source, entries] of Object.entries(initial) as [RefSource, readonly RefEntry[]][]) lookups.set(source, refLookup(entries));
  const tell = (source: RefSource): void => {
    const changed = new Set([source]);
    for (const listener of [...listeners]) listener(changed);
  };
  return {
    lookup: (source) => lookups.get(source),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(source, entries) {
      const before = lookups.get(source);
      if (before && same(before.entries, entries)) return;
      lookups.set(source, refLookup(entries));
      tell(source);
    },
    unset(source) {
      if (lookups.delete(source)) tell(source);
    },
  };
}
