/**
 * Yjs item helpers of the take-backs (split from `take-backs.ts`): ids, what a transaction
 * deleted or created, a deleted item's value, the map sets a transaction integrated last, where
 * a set's origin leads, and {@link keepLostSets}. Pure functions over `Y.Transaction` and `Y.Item`.
 */
import * as Y from 'yjs';
import type { WireTakeBack } from './take-back-wire.js';
import type { TakeBack } from './take-back-types.js';

export const sameId = (a: Y.ID | null, b: Y.ID | null): boolean => a !== null && b !== null && a.client === b.client && a.clock === b.clock;

const idText = (id: Y.ID | null | undefined): string => (id ? `${id.client}.${id.clock}` : '-');

/** What names a take-back in every process: its items' ids (a row's by its copy's item). */
export function identity(t: TakeBack | WireTakeBack): string {
  if (t.kind === 'key') return `key ${idText(t.takeBack)} ${idText(t.refused)} ${t.key}`;
  return `row ${idText(t.copy instanceof Y.AbstractType ? t.copy._item?.id : t.copy)}`;
}

/** True when `item` was deleted by `tr` (and so was alive before it). */
function deletedIn(tr: Y.Transaction, item: Y.Item): boolean {
  const ranges = tr.deleteSet.clients.get(item.id.client);
  if (!ranges) return false;
  const { clock } = item.id;
  return ranges.some((r) => clock >= r.clock && clock < r.clock + r.len);
}

const newIn = (tr: Y.Transaction, id: Y.ID): boolean => id.clock >= (tr.beforeState.get(id.client) ?? 0);

/**
 * A fresh copy of the value `item` holds in `tr` (a map copied deeply; other types: undefined).
 * A map none of whose values is held (collected by a process that did not keep them, see
 * {@link keepLostSets}) has no copy (undefined): written, it would empty the key.
 */
export function copyOf(tr: Y.Transaction, item: Y.Item): unknown {
  const content = item.content.getContent();
  const value: unknown = content[content.length - 1];
  if (!(value instanceof Y.AbstractType)) return value;
  if (!(value instanceof Y.Map)) return undefined;
  const map = value as Y.Map<unknown>;
  const copy = new Y.Map<unknown>();
  let copied = 0;
  for (const [key, inner] of map._map) {
    if (inner.deleted && !deletedIn(tr, inner)) continue;
    const v = copyOf(tr, inner);
    if (v === undefined) continue;
    copy.set(key, v);
    copied++;
  }
  return copied === 0 && map._map.size > 0 ? undefined : copy;
}

/** Keeps `item` from collection, and, when it holds a map, the value of each of its keys, deeply. */
function keepDeep(item: Y.Item): void {
  item.keep = true;
  if (!(item.content instanceof Y.ContentType) || !(item.content.type instanceof Y.Map)) return;
  for (const inner of (item.content.type as Y.Map<unknown>)._map.values()) keepDeep(inner);
}

/**
 * The map sets `tr` integrated, by map and key; per key the last of the chain (the one no other set
 * of `tr` builds on). Time linear in the number of items `tr` integrated (a key set 10,000 times in
 * one update costs 10,000 steps, not 10,000² as comparing each set with each did).
 */
export function lastSets(tr: Y.Transaction): Y.Item[] {
  const byKey = new Map<Y.Map<unknown>, Map<string, Y.Item[]>>();
  const { clients } = tr.doc.store;
  // (`tr.afterState` is filled only when the transaction ends.)
  for (const [client, structs] of clients) {
    const before = tr.beforeState.get(client) ?? 0;
    const end = structs.at(-1);
    if (!end || end.id.clock + end.length <= before) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const s = structs[i] as Y.AbstractStruct;
      if (!(s instanceof Y.Item) || s.parentSub === null || !(s.parent instanceof Y.Map)) continue;
      let keys = byKey.get(s.parent);
      if (!keys) byKey.set(s.parent, (keys = new Map<string, Y.Item[]>()));
      const items = keys.get(s.parentSub);
      if (items) items.push(s);
      else keys.set(s.parentSub, [s]);
    }
  }
  const last: Y.Item[] = [];
  for (const keys of byKey.values()) {
    for (const items of keys.values()) {
      if (items.length === 1) {
        last.push(items[0] as Y.Item);
        continue;
      }
      // The ids the key's sets build on; the tip is the first set none builds on. A set may span
      // several clocks (Yjs merges consecutive deleted sets of a client into one item), and a
      // later set builds on its last clock: every clock of it counts.
      const builtOn = new Map<number, Set<number>>();
      for (const d of items) {
        if (!d.origin) continue;
        let clocks = builtOn.get(d.origin.client);
        if (!clocks) builtOn.set(d.origin.client, (clocks = new Set<number>()));
        clocks.add(d.origin.clock);
      }
      const isBuiltOn = (c: Y.Item): boolean => {
        const clocks = builtOn.get(c.id.client);
        if (!clocks) return false;
        for (let k = 0; k < c.length; k++) if (clocks.has(c.id.clock + k)) return true;
        return false;
      };
      const tip = items.find((c) => !isBuiltOn(c));
      if (tip) last.push(tip);
    }
  }
  return last;
}

/** The origin of `item` followed back through the sets `tr` integrated: what its author had seen of the key. */
export function seenOrigin(tr: Y.Transaction, item: Y.Item): Y.ID | null {
  let origin = item.origin;
  for (let i = 0; origin !== null && newIn(tr, origin) && i < 1000; i++) {
    const prev = Y.getItem(tr.doc.store, origin);
    if (!(prev instanceof Y.Item)) break;
    origin = prev.origin;
  }
  return origin;
}

/**
 * Inside the transaction `tr` that integrated an allowed update: keeps from collection the value
 * of each map set of the update that lost, as it was integrated, to a set the doc held before
 * (a concurrent edit, or a take-back this process may not know as one), so the update stored
 * and relayed for `tr` carries the value and a process that remembers a take-back it lost to can
 * write it again ({@link TakeBacks.applyStored}). A set of a map (a whole row) keeps the map's
 * values with it. Returns how many sets it kept.
 */
export function keepLostSets(tr: Y.Transaction): number {
  if (!deletesNew(tr)) return 0;
  let kept = 0;
  for (const item of lastSets(tr)) {
    if (!item.deleted || item.keep) continue;
    const map = item.parent as Y.Map<unknown>;
    if (map._item?.deleted) continue;
    const winner = map._map.get(item.parentSub as string);
    if (!winner || winner === item || newIn(tr, winner.id)) continue;
    // A map's values are deleted with it: kept too, or the map would be written again empty.
    keepDeep(item);
    kept++;
  }
  return kept;
}

/**
 * Whether `tr` deleted an item it integrated: only such an item can be a set that lost. Every item
 * Yjs marks deleted in a transaction (a set losing to a concurrent one, an item under a deleted
 * parent, a delete of the update, a deleted struct) is added to `tr.deleteSet`, so its ranges
 * tell, in steps of the ranges `tr` deleted (one for a cell overwrite: the value it replaced),
 * without walking every client of the doc's store, which grows with every client that ever wrote.
 */
function deletesNew(tr: Y.Transaction): boolean {
  for (const [client, ranges] of tr.deleteSet.clients) {
    const before = tr.beforeState.get(client) ?? 0;
    for (const r of ranges) if (r.clock + r.len > before) return true;
  }
  return false;
}

/**
 * The map sets of `update` (Yjs V1, not yet applied to `doc`) with the map each will be set in:
 * read from the set's parent, or from its origin's (an item `doc` or the update holds); null for a
 * map `doc` does not hold yet (made by the update) or when neither tells (an origin `doc` lacks).
 * Decodes the update; throws what Yjs throws on bytes that are not an update.
 */
export function setsOf(doc: Y.Doc, update: Uint8Array): { id: Y.ID; map: Y.Map<unknown> | null }[] {
  type Place = { parent: Y.AbstractType<unknown> | null; sub: string | null };
  const { structs } = Y.decodeUpdate(update);
  // (Decoded items name their parent and key only when they have no origin: else Yjs reads them from the origin's.)
  const inUpdate = new Map<string, Place>();
  const key = (id: Y.ID): string => `${id.client}.${id.clock}`;
  const typeOf = (parent: unknown): Y.AbstractType<unknown> | null => {
    if (typeof parent === 'string') return (doc.share.get(parent) as Y.AbstractType<unknown> | undefined) ?? null;
    if (parent === null || typeof parent !== 'object' || !('client' in parent)) return null;
    const id = parent as Y.ID;
    if (id.clock >= Y.getState(doc.store, id.client)) return null;
    const item = Y.getItem(doc.store, id) as Y.AbstractStruct;
    return item instanceof Y.Item && item.content instanceof Y.ContentType ? item.content.type : null;
  };
  const items = new Map<string, Y.Item>();
  for (const s of structs) if (s instanceof Y.Item) items.set(key(s.id), s);
  const placeOf = (s: Y.Item, depth: number): Place => {
    const known = inUpdate.get(key(s.id));
    if (known) return known;
    const place: Place =
      s.origin === null && s.rightOrigin === null
        ? { parent: typeOf(s.parent), sub: s.parentSub }
        : (placeBy(s.origin, depth) ?? placeBy(s.rightOrigin, depth) ?? { parent: null, sub: null });
    inUpdate.set(key(s.id), place);
    return place;
  };
  const placeBy = (id: Y.ID | null, depth: number): Place | null => {
    if (id === null) return null;
    const inside = items.get(key(id));
    if (inside) return depth < 1000 ? placeOf(inside, depth + 1) : null;
    if (id.clock >= Y.getState(doc.store, id.client)) return null;
    const item = Y.getItem(doc.store, id) as Y.AbstractStruct;
    return item instanceof Y.Item ? { parent: item.parent as Y.AbstractType<unknown>, sub: item.parentSub } : null;
  };
  const sets: { id: Y.ID; map: Y.Map<unknown> | null }[] = [];
  for (const s of items.values()) {
    const place = placeOf(s, 0);
    if (place.sub !== null) sets.push({ id: s.id, map: place.parent instanceof Y.Map ? place.parent : null });
  }
  return sets;
}

/**
 * The live row map `winner` holds when it is the copy a take-back wrote (`takeBack`, the
 * take-back's item) and `lost` set a whole map too; else null: then `lost` is written again whole.
 */
export function copyWon(winner: Y.Item, takeBack: Y.ID | null, lost: Y.Item): Y.Map<unknown> | null {
  if (!sameId(winner.id, takeBack) || winner.deleted) return null;
  const isMap = (i: Y.Item): boolean => i.content instanceof Y.ContentType && i.content.type instanceof Y.Map;
  return isMap(winner) && isMap(lost) ? ((winner.content as Y.ContentType).type as Y.Map<unknown>) : null;
}

/**
 * For a set `lost` of a whole row map that lost (in `tr`) to the take-back's copy `copy` of that
 * row: the cells of it to write into the copy, as [key, fresh value], instead of writing the row
 * again whole, which would replace the copy with every edit made in it since the take-back. A cell
 * of the copy still as the take-back wrote it (its first and only item, not deleted) or missing
 * takes the lost row's value; a cell edited or deleted in the copy since keeps that edit (it was
 * made, stored and relayed after the take-back; the lost row's value of it, concurrent, loses as
 * two edits of one cell do). Cells equal already are left out.
 */
export function cellsIntoCopy(tr: Y.Transaction, lost: Y.Item, copy: Y.Map<unknown>): [string, unknown][] {
  const row = (lost.content as Y.ContentType).type as Y.Map<unknown>;
  const cells: [string, unknown][] = [];
  for (const [key, inner] of row._map) {
    if (inner.deleted && !deletedIn(tr, inner)) continue;
    const value = copyOf(tr, inner);
    if (value === undefined) continue;
    const current = copy._map.get(key);
    if (current && (current.left !== null || current.deleted)) continue;
    if (current && !(value instanceof Y.AbstractType) && current.content.getContent().at(-1) === value) continue;
    cells.push([key, value]);
  }
  return cells;
}

/** The path of `map`'s `key` from its root (root name, keys down, key). */
export function pathOf(map: Y.Map<unknown>, key: string): string[] {
  const keys = [key];
  let t = map as unknown as Y.AbstractType<unknown>;
  while (t._item !== null) {
    keys.unshift(t._item.parentSub ?? '');
    t = t._item.parent as Y.AbstractType<unknown>;
  }
  return [Y.findRootTypeKey(t), ...keys];
}

/**
 * Runs `write` in a transaction of its own on `doc` with `origin` and returns the update it
 * emitted (V1, to store and relay like any server-side write; several merged into one), or null
 * when it changed nothing. Throws what `write` throws.
 */
export function emittedBy(doc: Y.Doc, origin: unknown, write: () => void): Uint8Array | null {
  const emitted: Uint8Array[] = [];
  const collect = (u: Uint8Array): number => emitted.push(u);
  doc.on('update', collect);
  try {
    doc.transact(write, origin);
  } finally {
    doc.off('update', collect);
  }
  if (emitted.length === 0) return null;
  return emitted.length === 1 ? (emitted[0] as Uint8Array) : Y.mergeUpdates(emitted);
}
