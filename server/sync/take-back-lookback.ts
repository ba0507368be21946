/**
 * A room that loads a document looks back over what it loaded for allowed edits that lost to a
 * stored take-back (`take-backs.ts`) without anyone writing them again: a process that did not
 * know the take-back (it applied it as a plain update) integrated the owner's concurrent edit,
 * which lost there by Yjs's order; that process kept the edit's value in what it stored
 * (`keepLostSets`), but the processes that knew the take-back were gone before the update
 * reached them. The loading room knows the take-back (it is stored with the document) and still
 * holds the kept value while the load's transaction runs, so it writes it again.
 *
 * A value is written again when, for a stored take-back of a map key whose value is still the
 * take-back's (or the refused item's), a set of that key: is deleted but still holds its value
 * (kept; a refused value never is), did not exist before the refused update, and built on a value
 * from before it (its origin, followed through sets that are themselves new, existed then): it had
 * not seen the refused update. The newest such set is taken. A set of a map (a whole row) is
 * written again as a fresh map with its values (`keepLostSets` kept them with it), or, when it lost
 * to the take-back's copy of the row, into that copy cell by cell (`cellsIntoCopy`); a map none of
 * whose values is held (stored by a process that did not keep them) is left alone, as are other
 * types.
 *
 * Rights: only a set of an allowed update is kept (`keepLostSets` runs in `RoomApply.integrate`,
 * after the update's checks, which see a set that loses as it is: `take-backs-losing-set.test.ts`;
 * a refused set is collected before it is stored), but its author may have been removed or moved
 * to another unit since. So a room's load writes a value again only when its author may write it
 * now (`authorsMayWrite` of `take-back-rights.ts`, passed to `loadDoc`): the author is the member
 * stored with the update that holds the set, as the run-time rewrite asks `Connection.rightsNow()`.
 */
import * as Y from 'yjs';
import { decodeTakeBacks, resolveTakeBack } from './take-back-wire.js';
import { cellsIntoCopy, copyOf, copyWon, emittedBy, sameId } from './take-back-items.js';

/** A write the load owes: `map.set(key, value)` (a map value is a fresh copy, not yet in a doc), for the lost set `set`. */
export interface LookBackWrite {
  map: Y.Map<unknown>;
  key: string;
  value: unknown;
  set: Y.ID;
}

/**
 * Inside the transaction `tr` that applies a document's stored state (before Yjs collects deleted
 * content): the writes owed to allowed sets that lost to one of `takeBacks` (bytes of
 * `take-back-wire.ts`, as storage keeps them) and were never written again (see the module
 * comment). Every take-back counts, whatever its age: whether a set had seen the refused update
 * does not depend on time. Never throws on bytes that are not take-backs (they are skipped).
 */
export function lostToTakeBacks(tr: Y.Transaction, takeBacks: readonly Uint8Array[]): LookBackWrite[] {
  const { doc } = tr;
  const writes: LookBackWrite[] = [];
  const seen = new Set<string>();
  for (const bytes of takeBacks) {
    for (const wire of decodeTakeBacks(bytes) ?? []) {
      if (wire.kind !== 'key') continue;
      const tb = resolveTakeBack(doc, wire);
      if (tb === null || tb === 'later' || tb.kind !== 'key') continue;
      const winner = tb.map._map.get(tb.key);
      if (!winner || tb.map._item?.deleted || !(sameId(winner.id, tb.takeBack) || sameId(winner.id, tb.refused))) continue;
      const mapKey = `${tb.key}\u0000${winner.id.client}.${winner.id.clock}`;
      if (seen.has(mapKey)) continue;
      const newSince = (id: Y.ID): boolean => id.clock >= (tb.before.get(id.client) ?? 0);
      for (let item = winner.left; item !== null; item = item.left) {
        if (!item.deleted || item.content instanceof Y.ContentDeleted || !newSince(item.id)) continue;
        if (sameId(item.id, tb.refused) || sameId(item.id, tb.takeBack)) continue;
        let origin = item.origin;
        for (let i = 0; origin !== null && newSince(origin) && i < 1000; i++) {
          const prev = Y.getItem(doc.store, origin) as Y.AbstractStruct;
          origin = prev instanceof Y.Item ? prev.origin : null;
        }
        if (origin !== null && newSince(origin)) continue;
        const copy = copyWon(winner, tb.takeBack, item);
        if (copy) {
          for (const [cell, v] of cellsIntoCopy(tr, item, copy)) writes.push({ map: copy, key: cell, value: v, set: item.id });
          seen.add(mapKey);
          break;
        }
        const value = copyOf(tr, item);
        if (value === undefined) break;
        writes.push({ map: tb.map, key: tb.key, value, set: item.id });
        seen.add(mapKey);
        break;
      }
    }
  }
  return writes;
}

/**
 * Make `writes` in `doc`, and the deletes of `deletes` (map keys: replayed deletes,
 * `take-back-deletes.ts`), in one transaction of its own and return the update it emitted (V1, to
 * store and relay like any server-side write), or null when there was nothing to write.
 */
export function writeAgain(doc: Y.Doc, writes: readonly LookBackWrite[], deletes: readonly { map: Y.Map<unknown>; key: string }[] = []): Uint8Array | null {
  if (writes.length === 0 && deletes.length === 0) return null;
  return emittedBy(doc, null, () => {
    for (const { map, key, value } of writes) map.set(key, value);
    for (const { map, key } of deletes) map.delete(key);
  });
}
