/**
 * A room's memory of its recent take-back writes (see `undo-refused.ts`), so that a take-back
 * never wins over an allowed edit made at the same time. A take-back is a new write by the
 * server; an allowed edit of the same map key made concurrently (an owner editing offline while
 * another unit's refused edit is taken back) may lose to it by Yjs's client-id order, and an
 * allowed edit of a row map a refused delete deleted lands in the deleted map while the row lives
 * on as the server's new copy. Either way the allowed value would be lost for everyone, with no
 * notice. So the room remembers, for each take-back:
 * - of a map key: the map, the key, the id of the take-back item and of the refused item, and
 *   the state of the doc before the refused update;
 * - of a row put back after a refused delete: the deleted row map and its new copy.
 * When the room integrates an allowed update, {@link TakeBacks.reassert} looks at the map sets
 * that update integrated, in the same transaction: a set that lost its key to a remembered
 * take-back (or to the refused item) and had not seen the refused update (its origin, followed
 * through the update's own sets, existed before the refused update) has its value written again
 * by the server; a set in a row map a refused delete deleted is written to the row's copy. The
 * writes are part of the update's transaction, so they are stored before they are relayed, like
 * every other write.
 *
 * What remains: the memory is this process's, in memory. In a cluster (PostgreSQL + Redis) an
 * allowed update integrated by one process does not see another process's take-backs, and a
 * restart forgets them; an allowed edit older than the memory's bound (the last
 * {@link TAKE_BACK_LIMIT} take-backs of the room, at most {@link TAKE_BACK_MAX_AGE_MS} old) may
 * still lose. A concurrent allowed delete of a taken-back key is not replayed either.
 */
import * as Y from 'yjs';

/** How many take-backs a room remembers. */
export const TAKE_BACK_LIMIT = 256;
/** How long a take-back is remembered, in milliseconds (10 minutes). */
export const TAKE_BACK_MAX_AGE_MS = 10 * 60_000;

/** A map key written back: `takeBack` null when the key was deleted back, `refused` null when the refused update deleted the key. */
export interface KeyTakeBack {
  kind: 'key';
  map: Y.Map<unknown>;
  key: string;
  takeBack: Y.ID | null;
  refused: Y.ID | null;
  /** The doc's state (client id → clock) before the refused update. */
  before: Map<number, number>;
}

/** A row (a map under a map key) a refused delete deleted and the server put back as `copy`. */
export interface RowTakeBack {
  kind: 'row';
  old: Y.Map<unknown>;
  copy: Y.Map<unknown>;
}

export type TakeBack = KeyTakeBack | RowTakeBack;

const sameId = (a: Y.ID | null, b: Y.ID | null): boolean => a !== null && b !== null && a.client === b.client && a.clock === b.clock;

/** True when `item` was deleted by `tr` (and so was alive before it). */
function deletedIn(tr: Y.Transaction, item: Y.Item): boolean {
  const ranges = tr.deleteSet.clients.get(item.id.client);
  if (!ranges) return false;
  const { clock } = item.id;
  return ranges.some((r) => clock >= r.clock && clock < r.clock + r.len);
}

const newIn = (tr: Y.Transaction, id: Y.ID): boolean => id.clock >= (tr.beforeState.get(id.client) ?? 0);

/** A fresh copy of the value `item` holds in `tr` (a map copied deeply; other types: undefined). */
function copyOf(tr: Y.Transaction, item: Y.Item): unknown {
  const content = item.content.getContent();
  const value: unknown = content[content.length - 1];
  if (!(value instanceof Y.AbstractType)) return value;
  if (!(value instanceof Y.Map)) return undefined;
  const copy = new Y.Map<unknown>();
  for (const [key, inner] of (value as Y.Map<unknown>)._map) {
    if (inner.deleted && !deletedIn(tr, inner)) continue;
    const v = copyOf(tr, inner);
    if (v !== undefined) copy.set(key, v);
  }
  return copy;
}

/** The map sets `tr` integrated, by map and key; per key the last of the chain (the one no other set of `tr` builds on). */
function lastSets(tr: Y.Transaction): Y.Item[] {
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
      const keys = byKey.get(s.parent) ?? new Map<string, Y.Item[]>();
      byKey.set(s.parent, keys);
      keys.set(s.parentSub, [...(keys.get(s.parentSub) ?? []), s]);
    }
  }
  const last: Y.Item[] = [];
  for (const keys of byKey.values()) {
    for (const items of keys.values()) {
      const tip = items.find((c) => !items.some((d) => sameId(d.origin, c.id)));
      if (tip) last.push(tip);
    }
  }
  return last;
}

/** The origin of `item` followed back through the sets `tr` integrated: what its author had seen of the key. */
function seenOrigin(tr: Y.Transaction, item: Y.Item): Y.ID | null {
  let origin = item.origin;
  for (let i = 0; origin !== null && newIn(tr, origin) && i < 1000; i++) {
    const prev = Y.getItem(tr.doc.store, origin);
    if (!(prev instanceof Y.Item)) break;
    origin = prev.origin;
  }
  return origin;
}

/** One room's recent take-backs. Not shared between processes. */
export class TakeBacks {
  private entries: { at: number; tb: TakeBack }[] = [];

  constructor(
    private readonly limit = TAKE_BACK_LIMIT,
    private readonly maxAgeMs = TAKE_BACK_MAX_AGE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Remembers a take-back written in the room's doc. */
  remember(tb: TakeBack): void {
    this.entries.push({ at: this.now(), tb });
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  /** Forgets every take-back (the room's doc was replaced). */
  clear(): void {
    this.entries = [];
  }

  /** How many take-backs are remembered. */
  get size(): number {
    return this.entries.length;
  }

  /**
   * Inside the transaction `tr` that integrated an allowed update: writes again each of its map
   * sets that lost to a remembered take-back, and puts each of its sets in a row map a refused
   * delete deleted into the row's copy (see the module comment). Returns how many values it wrote.
   */
  reassert(tr: Y.Transaction): number {
    const cutoff = this.now() - this.maxAgeMs;
    this.entries = this.entries.filter((e) => e.at >= cutoff);
    if (this.entries.length === 0) return 0;
    const writes: (() => void)[] = [];
    for (const item of lastSets(tr)) {
      if (!item.deleted) continue;
      const map = item.parent as Y.Map<unknown>;
      const key = item.parentSub as string;
      const row = this.rowCopy(map);
      if (row) {
        const value = copyOf(tr, item);
        if (value !== undefined) writes.push(() => row.set(key, value));
        continue;
      }
      const winner = map._map.get(key);
      if (!winner || map._item?.deleted) continue;
      const tb = this.keyTakeBack(map, key, winner.id);
      if (!tb) continue;
      const origin = seenOrigin(tr, item);
      if (origin !== null && origin.clock >= (tb.before.get(origin.client) ?? 0)) continue;
      const value = copyOf(tr, item);
      if (value !== undefined) writes.push(() => map.set(key, value));
    }
    // The server writes these itself: a remote transaction that writes makes Yjs pick a new client id.
    if (writes.length > 0) tr.local = true;
    for (const write of writes) write();
    return writes.length;
  }

  /** The live copy of a row map a refused delete deleted, or null. */
  private rowCopy(map: Y.Map<unknown>): Y.Map<unknown> | null {
    if (!map._item?.deleted) return null;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const { tb } = this.entries[i] as { tb: TakeBack };
      if (tb.kind === 'row' && tb.old === map) return tb.copy._item?.deleted ? null : tb.copy;
    }
    return null;
  }

  /** The remembered take-back of `map`'s `key` whose take-back or refused item is `winner`, or null. */
  private keyTakeBack(map: Y.Map<unknown>, key: string, winner: Y.ID): KeyTakeBack | null {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const { tb } = this.entries[i] as { tb: TakeBack };
      if (tb.kind === 'key' && tb.map === map && tb.key === key && (sameId(tb.takeBack, winner) || sameId(tb.refused, winner))) return tb;
    }
    return null;
  }
}
