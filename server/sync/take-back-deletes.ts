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
 * A take-back dropped from memory for the process's budget (`take-back-budget.ts`) is judged the
 * same way once the room has read the stored ones ({@link deletesMeetDropped}, {@link storedDeletes});
 * the ids the room keeps of dropped take-backs stand for them in a key's chain, so an older one
 * dropped (or pruned from storage since) is still walked past. A delete whose take-back storage
 * pruned since it was dropped cannot be judged: its author is told which cell to enter again.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import type { KeyTakeBack } from './take-back-types.js';
import { decodeTakeBacks, resolveTakeBack } from './take-back-wire.js';
import { writtenBy } from './take-back-rights.js';
import { pathOf, sameId } from './take-back-items.js';

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

/** True when `ds` (a delete set of an update) names `id`. */
function names(ds: { clients: Map<number, { clock: number; len: number }[]> }, id: Y.ID): boolean {
  return (ds.clients.get(id.client) ?? []).some((r) => id.clock >= r.clock && id.clock < r.clock + r.len);
}

const idOf = (id: Y.ID): string => `${id.client}.${id.clock}`;

/**
 * The item `tb.map`'s key held, as the delete's author last saw it, before the refused updates
 * taken back there: left of the take-back's item, past the items of the refused updates and of
 * the take-backs of the key (`inChain`) the author had not seen (`seen`, its last sync step 1),
 * the first other item that existed before `tb`'s refused update. A cell refused several times
 * holds refused item and take-back item in turn after the value the author deleted; stopping at
 * the first that existed before the newest refused update named an earlier take-back's item,
 * which the author never saw, and the delete was lost.
 */
function before(winner: Y.Item, tb: KeyTakeBack, inChain: (id: Y.ID) => boolean, seen: Map<number, number>): Y.Item | null {
  let item = winner.left;
  const unseenOfChain = (i: Y.Item): boolean => inChain(i.id) && i.id.clock >= (seen.get(i.id.client) ?? 0);
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

/** No item is of a take-back dropped from memory. */
const NONE_DROPPED = (): boolean => false;

/**
 * The deletes to replay for the allowed `update` integrated in `tr` (see the module comment),
 * against the take-backs `ofKey` gives for a map key; `seen` is the state its author last said it holds (the
 * peer's sync step 1), or undefined when unknown (then nothing is replayed); `mayDelete` says
 * whether the author may delete the take-back's item (undefined: nothing is replayed). Each
 * returned function deletes one key. `isDropped` names the items of take-backs dropped from
 * memory for the budget (`TakeBackIndex.evicted`): an older take-back of the key dropped while a
 * newer one is remembered is still walked past as one of the key's take-backs. Only the keys of
 * the items the update's delete set names are looked at, so the cost is the update's, whatever
 * the number of take-backs. Throws what Yjs throws decoding `update` (it was applied already).
 */
export function replayedDeletes(
  tr: Y.Transaction,
  update: Uint8Array,
  seen: Map<number, number> | undefined,
  ofKey: (map: Y.Map<unknown>, key: string) => Iterable<KeyTakeBack>,
  mayDelete: MayDelete | undefined,
  isDropped: (id: Y.ID) => boolean = NONE_DROPPED,
): (() => void)[] {
  if (!seen || !mayDelete) return [];
  const { ds } = Y.decodeUpdate(update);
  if (ds.clients.size === 0) return [];
  // The update's own set of the key, if any, is what stands (written again by `reassert`).
  const setHere = (map: Y.Map<unknown>, key: string): boolean => (tr.changed as Map<unknown, Set<string | null>>).get(map)?.has(key) ?? false;
  return toReplay(tr.doc, ds, seen, ofKey, mayDelete, setHere, isDropped).map(({ map, key }) => () => map.delete(key));
}

/**
 * The paths (`pathOf`: root, keys down, key; ids and column names, never a value) of the map keys
 * `update` (Yjs V1, applied to `doc` already) deletes an item of while the key still holds the item
 * of a take-back dropped from memory for the process's budget (`isDropped`, the ids
 * `TakeBackIndex.evicted` keeps): deletes {@link replayedDeletes} could not judge, since the
 * take-back's state from before is in storage only ({@link storedDeletes} judges them once read).
 * Empty when there is none. Cost: the update's size. Throws what Yjs throws decoding `update`.
 */
export function deletesMeetDropped(doc: Y.Doc, update: Uint8Array, isDropped: (id: Y.ID) => boolean): string[][] {
  const { ds } = Y.decodeUpdate(update);
  if (ds.clients.size === 0) return [];
  const paths: string[][] = [];
  for (const [map, keys] of deletedKeys(doc, ds)) {
    if (map._item?.deleted) continue;
    for (const key of keys) {
      const winner = map._map.get(key);
      if (winner && !winner.deleted && isDropped(winner.id)) paths.push(pathOf(map, key));
    }
  }
  return paths;
}

/** What {@link storedDeletes} found: the keys to delete, and the paths of the deletes it could not judge. */
export interface StoredDeletes {
  deletes: { map: Y.Map<unknown>; key: string }[];
  /**
   * The paths (`pathOf`) of the keys the update deletes an item of while they still hold the item
   * of a take-back dropped from memory that storage no longer holds either (pruned by the
   * document's bound since it was dropped): whether the author had seen it cannot be told, so the
   * delete is not replayed, and its author is to be told (`lost-edit.ts`).
   */
  unjudged: string[][];
}

/**
 * The deletes of the allowed `update` (Yjs V1, applied to `doc` earlier) to replay against the
 * document's stored take-backs (`stored`, bytes of `take-back-wire.ts` as storage keeps them):
 * for a delete that met a take-back dropped from memory for the budget ({@link deletesMeetDropped}),
 * judged as {@link replayedDeletes} judges one against a remembered take-back, with `seen` the
 * state its author said it held when the update came, `mayDelete` its rights now and `isDropped`
 * the ids the room kept of the take-backs it dropped (an older take-back of the key pruned from
 * storage is still walked past by them). A key the update itself set is left to that set (written
 * again if it lost). Returns the (map, key) pairs to delete, once each, and the deletes that cannot
 * be judged ({@link StoredDeletes}). Never throws on bytes that are not take-backs (skipped);
 * throws what Yjs throws decoding `update`.
 */
export function storedDeletes(doc: Y.Doc, update: Uint8Array, stored: readonly Uint8Array[], seen: Map<number, number>, mayDelete: MayDelete, isDropped: (id: Y.ID) => boolean = NONE_DROPPED): StoredDeletes {
  const { ds } = Y.decodeUpdate(update);
  if (ds.clients.size === 0) return { deletes: [], unjudged: [] };
  const keys = deletedKeys(doc, ds);
  if (keys.size === 0) return { deletes: [], unjudged: [] };
  const byKey = new Map<Y.Map<unknown>, Map<string, KeyTakeBack[]>>();
  for (const bytes of stored) {
    for (const wire of decodeTakeBacks(bytes) ?? []) {
      if (wire.kind !== 'key') continue;
      const tb = resolveTakeBack(doc, wire);
      if (tb === null || tb === 'later' || tb.kind !== 'key' || !keys.get(tb.map)?.has(tb.key)) continue;
      const ofMap = byKey.get(tb.map) ?? new Map<string, KeyTakeBack[]>();
      byKey.set(tb.map, ofMap.set(tb.key, [...(ofMap.get(tb.key) ?? []), tb]));
    }
  }
  const ours = writtenBy(update);
  const setHere = (map: Y.Map<unknown>, key: string): boolean => {
    let item = map._map.get(key) ?? null;
    for (let i = 0; item !== null && i < 10_000; i++, item = item.left) if (ours(item.id)) return true;
    return false;
  };
  const unjudged: string[][] = [];
  for (const [map, deleted] of keys) {
    if (map._item?.deleted) continue;
    for (const key of deleted) {
      const winner = map._map.get(key);
      if (!winner || winner.deleted || !isDropped(winner.id) || setHere(map, key)) continue;
      const known = byKey.get(map)?.get(key)?.some((tb) => sameId(tb.takeBack, winner.id) || sameId(tb.refused, winner.id)) ?? false;
      if (!known) unjudged.push(pathOf(map, key));
    }
  }
  if (byKey.size === 0) return { deletes: [], unjudged };
  return { deletes: toReplay(doc, ds, seen, (map, key) => byKey.get(map)?.get(key) ?? [], mayDelete, setHere, isDropped), unjudged };
}

/** The (map, key) pairs whose deletes of `ds` to replay (see {@link replayedDeletes}); `setHere` tells a key the update set itself, `isDropped` an item of a take-back dropped from memory. */
function toReplay(
  doc: Y.Doc,
  ds: { clients: Map<number, { clock: number; len: number }[]> },
  seen: Map<number, number>,
  ofKey: (map: Y.Map<unknown>, key: string) => Iterable<KeyTakeBack>,
  mayDelete: MayDelete,
  setHere: (map: Y.Map<unknown>, key: string) => boolean,
  isDropped: (id: Y.ID) => boolean,
): { map: Y.Map<unknown>; key: string }[] {
  const keyed: [KeyTakeBack, (id: Y.ID) => boolean][] = [];
  for (const [map, keys] of deletedKeys(doc, ds)) {
    for (const key of keys) {
      const tbs = [...ofKey(map, key)];
      const chain = new Set(tbs.flatMap((tb) => [tb.takeBack, tb.refused].flatMap((id) => (id ? [idOf(id)] : []))));
      // A take-back of the key dropped from memory (and maybe pruned from storage since) is of the chain too.
      const inChain = (id: Y.ID): boolean => chain.has(idOf(id)) || isDropped(id);
      for (const tb of tbs) if (tb.takeBack !== null) keyed.push([tb, inChain]);
    }
  }
  if (keyed.length === 0) return [];
  const writes: { map: Y.Map<unknown>; key: string }[] = [];
  const done = new Set<string>();
  for (const [tb, chain] of keyed) {
    const winner = tb.map._map.get(tb.key);
    const takeBack = tb.takeBack as Y.ID;
    if (!winner || winner.deleted || !sameId(winner.id, takeBack) || tb.map._item?.deleted) continue;
    if (takeBack.clock < (seen.get(takeBack.client) ?? 0)) continue;
    const old = before(winner, tb, chain, seen);
    if (old === null || !names(ds, old.id)) continue;
    const id = `${winner.id.client}.${winner.id.clock}`;
    if (done.has(id) || setHere(tb.map, tb.key) || !mayDelete(winner.id)) continue;
    done.add(id);
    writes.push({ map: tb.map, key: tb.key });
  }
  return writes;
}
