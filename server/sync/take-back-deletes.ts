/**
 * An allowed delete of a map key made at the same time as a refused change of it that the server
 * took back (`take-backs.ts`): the owner, offline, deletes a row (or a cell) while another unit's
 * edit or delete of it is refused and the value from before written back as a new item. The
 * owner's delete names the item the owner saw, which the refused change had already replaced, so
 * Yjs does nothing with it, and the take-back's copy would live on: the delete would be lost for
 * everyone. So a room replays it: the key is deleted again when the allowed update's delete set
 * names the item the key held before the refused update, the key still holds the take-back's
 * item, the update sets nothing in that key itself, and its author had not seen the take-back.
 * That last fact is not in an update (a reconnecting client sends every delete it knows, the old
 * value's among them once it has seen the take-back), so the room keeps what each peer said it
 * holds in its last sync step 1 (a state vector): a take-back it covers was seen. y-websocket's
 * provider (and so the pane) sends one at every connect, before the edits it answers the server's
 * step 1 with; an update from a peer that never sent one has no deletes replayed. A delete is
 * replayed only when its author may make it (`mayDelete`): the unit whose delete was refused and
 * taken back names the same old item in every delete set it sends, and must not get it through.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import type { KeyTakeBack } from './take-back-types.js';

/**
 * May the update's author delete the item `id` itself? The room answers by checking, with the
 * author's rights, an update that deletes only that item ({@link deleteOnlyUpdate}).
 */
export type MayDelete = (id: Y.ID) => boolean;

/**
 * An update (Yjs V1) with no structs whose delete set names the one item `id`: the delete a
 * replay makes, as the checks of an offered update read it.
 */
export function deleteOnlyUpdate(id: Y.ID): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 0); // no structs
  encoding.writeVarUint(enc, 1); // one client in the delete set
  encoding.writeVarUint(enc, id.client);
  encoding.writeVarUint(enc, 1); // one range
  encoding.writeVarUint(enc, id.clock);
  encoding.writeVarUint(enc, 1);
  return encoding.toUint8Array(enc);
}

const sameId = (a: Y.ID | null, b: Y.ID | null): boolean => a !== null && b !== null && a.client === b.client && a.clock === b.clock;

/** True when `ds` (a delete set of an update) names `id`. */
function names(ds: { clients: Map<number, { clock: number; len: number }[]> }, id: Y.ID): boolean {
  return (ds.clients.get(id.client) ?? []).some((r) => id.clock >= r.clock && id.clock < r.clock + r.len);
}

const idOf = (id: Y.ID): string => `${id.client}.${id.clock}`;

/**
 * The item `tb.map`'s key held, as the delete's author last saw it, before the refused updates
 * taken back there: left of the take-back's item, past the items of the refused updates and of
 * the take-backs of the key (`chain`, their ids as `client.clock`) the author had not seen
 * (`seen`, its last sync step 1), the first other item that existed before `tb`'s refused update.
 * A cell refused several times holds refused item and take-back item in turn after the value the
 * author deleted; stopping at the first that existed before the newest refused update named an
 * earlier take-back's item, which the author never saw, and the delete was lost.
 */
function before(winner: Y.Item, tb: KeyTakeBack, chain: ReadonlySet<string>, seen: Map<number, number>): Y.Item | null {
  let item = winner.left;
  const unseenOfChain = (i: Y.Item): boolean => chain.has(idOf(i.id)) && i.id.clock >= (seen.get(i.id.client) ?? 0);
  while (item !== null && (item.id.clock >= (tb.before.get(item.id.client) ?? 0) || unseenOfChain(item))) item = item.left;
  return item;
}

/** The (map, key) pairs of the map entries `ds` names that `doc` holds: where a delete of the update could meet a take-back. */
function deletedKeys(doc: Y.Doc, ds: { clients: Map<number, { clock: number; len: number }[]> }): Map<Y.Map<unknown>, Set<string>> {
  const keys = new Map<Y.Map<unknown>, Set<string>>();
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    const end = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      if (clock >= end) continue;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const s = structs[i] as Y.AbstractStruct;
        if (s.id.clock >= clock + len) break;
        if (!(s instanceof Y.Item) || s.parentSub === null || !(s.parent instanceof Y.Map)) continue;
        const set = keys.get(s.parent) ?? new Set<string>();
        keys.set(s.parent, set.add(s.parentSub));
      }
    }
  }
  return keys;
}

/**
 * The deletes to replay for the allowed `update` integrated in `tr` (see the module comment),
 * against the take-backs `ofKey` gives for a map key; `seen` is the state its author last said it holds (the
 * peer's sync step 1), or undefined when unknown (then nothing is replayed); `mayDelete` says
 * whether the author may delete the take-back's item (undefined: nothing is replayed). Each
 * returned function deletes one key. Only the keys of the items the update's delete set names
 * are looked at, so the cost is the update's, whatever the number of take-backs. Throws what Yjs
 * throws decoding `update` (it was applied already).
 */
export function replayedDeletes(
  tr: Y.Transaction,
  update: Uint8Array,
  seen: Map<number, number> | undefined,
  ofKey: (map: Y.Map<unknown>, key: string) => Iterable<KeyTakeBack>,
  mayDelete: MayDelete | undefined,
): (() => void)[] {
  if (!seen || !mayDelete) return [];
  const { ds } = Y.decodeUpdate(update);
  if (ds.clients.size === 0) return [];
  const keyed: [KeyTakeBack, Set<string>][] = [];
  for (const [map, keys] of deletedKeys(tr.doc, ds)) {
    for (const key of keys) {
      const tbs = [...ofKey(map, key)];
      const chain = new Set(tbs.flatMap((tb) => [tb.takeBack, tb.refused].flatMap((id) => (id ? [idOf(id)] : []))));
      for (const tb of tbs) if (tb.takeBack !== null) keyed.push([tb, chain]);
    }
  }
  if (keyed.length === 0) return [];
  const writes: (() => void)[] = [];
  const done = new Set<string>();
  for (const [tb, chain] of keyed) {
    const winner = tb.map._map.get(tb.key);
    const takeBack = tb.takeBack as Y.ID;
    if (!winner || winner.deleted || !sameId(winner.id, takeBack) || tb.map._item?.deleted) continue;
    if (takeBack.clock < (seen.get(takeBack.client) ?? 0)) continue;
    const old = before(winner, tb, chain, seen);
    if (old === null || !names(ds, old.id)) continue;
    // The update's own set of the key, if any, is what stands (written again by `reassert`).
    const setHere = (tr.changed as Map<unknown, Set<string | null>>).get(tb.map)?.has(tb.key) ?? false;
    const id = `${winner.id.client}.${winner.id.clock}`;
    if (setHere || done.has(id) || !mayDelete(winner.id)) continue;
    done.add(id);
    writes.push(() => tb.map.delete(tb.key));
  }
  return writes;
}
