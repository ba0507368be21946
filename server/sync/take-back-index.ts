/**
 * The take-backs a room remembers (`take-backs.ts`), bounded as storage bounds them: the newest
 * {@link TAKE_BACK_LIMIT} of at most {@link TAKE_BACK_BYTES} together (each counted at the size of
 * its encoding, `take-back-wire.ts`), the oldest forgotten first. Looked up by item id, by row map
 * and by map key in constant time: an allowed update costs its own size, not the take-backs'. The
 * ids of the items the forgotten ones wrote are kept as ranges ({@link TakeBackIndex.forgotten}).
 *
 * Held compactly: one slot per take-back in parallel typed arrays (a ring, oldest first), the
 * state from before each refused update as (client, clock) pairs in one shared array
 * (`take-back-pool.ts`), and the lookups as maps of numbers (client → clock → sequence number);
 * no object per take-back. About
 * {@link ENTRY_HEAP_BYTES} of heap each (measured with `bench/take-back-heap.ts`; the objects of
 * the earlier index cost 0.6–0.8 kB). The process's rooms together stay within a budget
 * (`take-back-budget.ts`): past it, the oldest take-backs of the rooms holding the most are
 * dropped from memory ({@link TakeBackIndex.evictOldest}); their item ids are kept as ranges
 * ({@link TakeBackIndex.evicted}), and they stay in storage, where the room reads them when an
 * edit loses to one. A take-back of a row (a refused delete put back) is not dropped for the
 * budget: out of the ring, it is held aside and still counted, and forgotten as the document's
 * count bound forgets (`take-back-rows.ts`).
 */
import * as Y from 'yjs';
import { TAKE_BACK_BYTES, TAKE_BACK_LIMIT } from '../storage/limits.js';
import type { KeyTakeBack, RowTakeBack, TakeBack } from './take-back-types.js';
import type { WireTakeBack } from './take-back-wire.js';
import { defaultTakeBackBudget, type BudgetMember, type TakeBackBudget } from './take-back-budget.js';
import { IdRanges } from './take-back-ranges.js';
import { RowTakeBacks } from './take-back-rows.js';
import { BeforePool } from './take-back-pool.js';

/** A remembered take-back: when it was made (ms since 1970), and its size encoded, in bytes. */
export interface TakeBackEntry {
  at: number;
  tb: TakeBack;
  bytes: number;
}

/** Estimated heap of one remembered take-back, in bytes, besides 16 per client of its state from before (measured, see the module comment). */
export const ENTRY_HEAP_BYTES = 150;

/** No id (a take-back that deleted a key back, or a refused delete). */
const NONE = -1;
/** The empty ring every index starts with and `clear` returns to, shared: nothing is written into a zero-length array (`grow` makes new ones). */
const [NO_F64, NO_U32] = [new Float64Array(0), new Uint32Array(0)];

/** The remembered take-backs of one room, newest last. */
export class TakeBackIndex implements BudgetMember {
  // The ring: slot of sequence number s is (start + s - headSeq) % cap.
  private cap = 0;
  private start = 0;
  private count = 0;
  private headSeq = 0;
  private at = NO_F64;
  private encoded = NO_U32;
  private tbClient = NO_U32;
  private tbClock = NO_F64;
  private refClient = NO_U32;
  private refClock = NO_F64;
  private beforeAt = NO_U32;
  private beforeLen = NO_U32;
  /** A key take-back's map, a row take-back's deleted row map; its key (undefined for a row take-back). */
  private maps: (Y.Map<unknown> | undefined)[] = [];
  private keys: (string | undefined)[] = [];
  /** The states from before, each at `beforeAt` with `beforeLen` pairs. */
  private readonly pool = new BeforePool();
  private total = 0;
  private heap = 0;
  /** Key take-backs by the ids of their take-back and refused items: client → clock → sequence number. */
  private readonly byItem = new Map<number, Map<number, number>>();
  /** Key take-backs of a map, sequence numbers oldest first (a row's few, filtered by key when looked up). */
  private readonly byMap = new Map<Y.Map<unknown>, number[]>();
  /** Row take-backs, in the ring or held aside (`take-back-rows.ts`). */
  private readonly rows: RowTakeBacks;
  /** Ids of the items the take-backs forgotten here wrote (their take-back items). */
  readonly forgotten = new IdRanges();
  /** Ids of the items (take-back and refused) of the take-backs dropped for the process's budget: still in storage. */
  readonly evicted = new IdRanges();

  /**
   * @param limit how many are remembered at most ({@link TAKE_BACK_LIMIT})
   * @param bytes how many bytes of them at most ({@link TAKE_BACK_BYTES})
   * @param budget the process's budget (`take-back-budget.ts`); the default reads `SAMPLAN_TAKE_BACK_MEMORY_MB`
   */
  constructor(
    private readonly limit = TAKE_BACK_LIMIT,
    private readonly bytes = TAKE_BACK_BYTES,
    private readonly budget: TakeBackBudget = defaultTakeBackBudget(),
  ) {
    this.rows = new RowTakeBacks(limit);
  }

  /** Ids of the row maps refused deletes deleted whose take-backs were forgotten here (`RowTakeBacks.forgotten`). */
  get forgottenRows(): IdRanges {
    return this.rows.forgotten;
  }

  get size(): number {
    return this.count;
  }

  /** Estimated heap the remembered take-backs hold, in bytes (`ENTRY_HEAP_BYTES` each, 16 per pair of their states). */
  get heapBytes(): number {
    return this.heap;
  }

  /** True when some take-backs were dropped for the process's budget (they are in storage). */
  get hasEvicted(): boolean {
    return this.evicted.size > 0;
  }

  /** The remembered take-backs, oldest first (made afresh: for sharing them, not for lookups). */
  entries(): TakeBackEntry[] {
    const out: TakeBackEntry[] = [];
    for (let i = 0; i < this.count; i++) {
      const slot = (this.start + i) % this.cap;
      out.push({ at: this.at[slot] as number, tb: this.takeBackAt(slot), bytes: this.encoded[slot] as number });
    }
    return out;
  }

  /**
   * True when `t` (a take-back, or as read from the wire) is remembered, or was dropped here for the
   * budget (storage holds it): same items and key, or for a row the same copy.
   */
  has(t: TakeBack | WireTakeBack): boolean {
    if (t.kind === 'row') {
      const copy = t.copy instanceof Y.AbstractType ? t.copy._item?.id : t.copy;
      return copy ? this.rows.hasCopy(copy) : false;
    }
    const id = t.takeBack ?? t.refused;
    if (!id) return false;
    if (this.evicted.has(id)) return true;
    const seq = this.seqOf(id);
    if (seq === undefined) return false;
    const slot = this.slotOf(seq);
    return this.keys[slot] === t.key && sameOrNone(t.takeBack, this.tbClient[slot] as number, this.tbClock[slot] as number) && sameOrNone(t.refused, this.refClient[slot] as number, this.refClock[slot] as number);
  }

  /** Remembers `entry` (nothing when it is remembered already), then forgets the oldest until the bounds hold. */
  add(entry: TakeBackEntry): void {
    const { tb } = entry;
    if (this.has(tb)) return;
    if (this.count === this.cap) this.grow();
    const seq = this.headSeq + this.count;
    const slot = this.slotOf(seq);
    this.count++;
    this.at[slot] = entry.at;
    this.encoded[slot] = entry.bytes;
    this.total += entry.bytes;
    let heap = ENTRY_HEAP_BYTES;
    if (tb.kind === 'row') {
      this.maps[slot] = tb.old;
      this.keys[slot] = undefined;
      this.setIds(slot, null, null);
      this.beforeLen[slot] = 0;
      this.rows.add(tb.old, tb.copy, seq);
    } else {
      this.maps[slot] = tb.map;
      this.keys[slot] = tb.key;
      this.setIds(slot, tb.takeBack, tb.refused);
      heap += this.putBefore(slot, tb.before);
      for (const id of [tb.takeBack, tb.refused]) if (id) this.indexId(id, seq);
      const list = this.byMap.get(tb.map);
      if (list) list.push(seq);
      else this.byMap.set(tb.map, [seq]);
    }
    this.changeHeap(heap);
    while (this.count > this.limit || (this.total > this.bytes && this.count > 1)) this.dropOldest(false);
    // Row take-backs held aside that as many newer ones came after are forgotten: no longer counted.
    this.changeHeap(-this.rows.forgetHeld(seq) * ENTRY_HEAP_BYTES);
  }

  /** Forgets every take-back (the doc was replaced), and leaves the process's budget. */
  clear(): void {
    this.count = 0;
    this.start = 0;
    this.headSeq = 0;
    this.cap = 0;
    this.at = this.tbClock = this.refClock = NO_F64;
    this.encoded = this.tbClient = this.refClient = this.beforeAt = this.beforeLen = NO_U32;
    this.maps = [];
    this.keys = [];
    this.pool.clear();
    this.total = 0;
    this.byItem.clear();
    this.byMap.clear();
    this.rows.clear();
    this.evicted.clear();
    this.changeHeap(-this.heap);
  }

  /** Leaves the process's budget (the room closed); what is remembered stays until dropped. */
  release(): void {
    this.budget.release(this);
  }

  /** The remembered take-back of `map`'s `key` whose take-back or refused item is `winner`, or null. */
  keyTakeBack(map: Y.Map<unknown>, key: string, winner: Y.ID): KeyTakeBack | null {
    const seq = this.seqOf(winner);
    if (seq === undefined) return null;
    const slot = this.slotOf(seq);
    return this.maps[slot] === map && this.keys[slot] === key ? (this.takeBackAt(slot) as KeyTakeBack) : null;
  }

  /** True when `id` is the item a remembered take-back of a map key wrote. */
  isTakeBack(id: Y.ID): boolean {
    const seq = this.seqOf(id);
    if (seq === undefined) return false;
    const slot = this.slotOf(seq);
    return this.tbClient[slot] === id.client && this.tbClock[slot] === id.clock;
  }

  /** The remembered take-back of the row map `old` a refused delete deleted, or null. */
  row(old: Y.Map<unknown>): RowTakeBack | null {
    return this.rows.get(old);
  }

  /** True when a take-back of a row is remembered. */
  hasRows(): boolean {
    return this.rows.size > 0;
  }

  /** The remembered take-backs of `map`'s `key`. */
  ofKey(map: Y.Map<unknown>, key: string): KeyTakeBack[] {
    const out: KeyTakeBack[] = [];
    for (const seq of this.byMap.get(map) ?? []) {
      const slot = this.slotOf(seq);
      if (this.keys[slot] === key) out.push(this.takeBackAt(slot) as KeyTakeBack);
    }
    return out;
  }

  /**
   * Drops up to `n` of the oldest take-backs of map keys from memory for the process's budget,
   * keeping their items' ids ({@link TakeBackIndex.evicted}); a row's met on the way is held aside
   * (see the module comment). Returns the bytes of heap freed: 0 only when none is left to drop.
   */
  evictOldest(n: number): number {
    const before = this.heap;
    for (let i = 0; i < n && this.count > 0; ) if (this.dropOldest(true)) i++;
    return before - this.heap;
  }

  /** Drops the oldest take-back of the ring (`evict`: for the budget); returns false for a row's held aside. */
  private dropOldest(evict: boolean): boolean {
    const slot = this.start;
    const seq = this.headSeq;
    this.start = (this.start + 1) % this.cap;
    this.headSeq++;
    this.count--;
    this.total -= this.encoded[slot] as number;
    const map = this.maps[slot] as Y.Map<unknown>;
    const key = this.keys[slot];
    this.maps[slot] = undefined;
    this.keys[slot] = undefined;
    let freed = ENTRY_HEAP_BYTES;
    if (key === undefined) {
      // Dropped for the budget: held aside, still counted (a cell edit of the deleted row needs it).
      if (this.rows.dropped(map, seq, evict)) return false;
    } else {
      const len = this.beforeLen[slot] as number;
      this.pool.drop(len);
      freed += len * 16;
      for (const [c, k] of [
        [this.tbClient[slot], this.tbClock[slot]],
        [this.refClient[slot], this.refClock[slot]],
      ] as [number, number][]) {
        if (k === NONE) continue;
        const clocks = this.byItem.get(c);
        if (clocks?.get(k) === seq) {
          clocks.delete(k);
          if (clocks.size === 0) this.byItem.delete(c);
        }
        if (evict) this.evicted.add(Y.createID(c, k));
      }
      const list = this.byMap.get(map);
      // Oldest first, so the dropped one is at the front.
      if (list?.[0] === seq) list.shift();
      else if (list) list.splice(list.indexOf(seq), 1);
      if (list?.length === 0) this.byMap.delete(map);
      const written = this.tbClock[slot] as number;
      if (!evict && written !== NONE) this.forgotten.add(Y.createID(this.tbClient[slot] as number, written));
    }
    this.changeHeap(-freed);
    if (this.pool.wasteful) this.compactPool();
    return true;
  }

  private changeHeap(delta: number): void {
    if (delta === 0) return;
    this.heap += delta;
    this.budget.changed(this, delta);
  }

  private slotOf(seq: number): number {
    return (this.start + seq - this.headSeq) % this.cap;
  }

  private seqOf(id: Y.ID): number | undefined {
    return this.byItem.get(id.client)?.get(id.clock);
  }

  private indexId(id: Y.ID, seq: number): void {
    let clocks = this.byItem.get(id.client);
    if (!clocks) this.byItem.set(id.client, (clocks = new Map()));
    clocks.set(id.clock, seq);
  }

  private setIds(slot: number, takeBack: Y.ID | null, refused: Y.ID | null): void {
    this.tbClient[slot] = takeBack?.client ?? 0;
    this.tbClock[slot] = takeBack?.clock ?? NONE;
    this.refClient[slot] = refused?.client ?? 0;
    this.refClock[slot] = refused?.clock ?? NONE;
  }

  /** Stores `before` in the pool for `slot`; returns its estimated heap. */
  private putBefore(slot: number, before: Map<number, number>): number {
    this.beforeAt[slot] = this.pool.put(before);
    this.beforeLen[slot] = before.size;
    return before.size * 16;
  }

  /** Copies the remembered take-backs' states to the front of the pool (most of it was theirs that were dropped). */
  private compactPool(): void {
    this.pool.compact((move) => {
      for (let i = 0; i < this.count; i++) {
        const slot = (this.start + i) % this.cap;
        this.beforeAt[slot] = move(this.beforeAt[slot] as number, this.beforeLen[slot] as number);
      }
    });
  }

  /** Doubles the ring, the oldest moved to slot 0. */
  private grow(): void {
    const cap = Math.max(16, this.cap * 2);
    const order = (from: number): number => (this.start + from) % this.cap;
    const f64 = (old: Float64Array): Float64Array<ArrayBuffer> => {
      const next = new Float64Array(cap);
      for (let i = 0; i < this.count; i++) next[i] = old[order(i)] as number;
      return next;
    };
    const u32 = (old: Uint32Array): Uint32Array<ArrayBuffer> => {
      const next = new Uint32Array(cap);
      for (let i = 0; i < this.count; i++) next[i] = old[order(i)] as number;
      return next;
    };
    this.at = f64(this.at);
    this.tbClock = f64(this.tbClock);
    this.refClock = f64(this.refClock);
    this.encoded = u32(this.encoded);
    this.tbClient = u32(this.tbClient);
    this.refClient = u32(this.refClient);
    this.beforeAt = u32(this.beforeAt);
    this.beforeLen = u32(this.beforeLen);
    const maps: (Y.Map<unknown> | undefined)[] = new Array(cap).fill(undefined);
    const keys: (string | undefined)[] = new Array(cap).fill(undefined);
    for (let i = 0; i < this.count; i++) {
      maps[i] = this.maps[order(i)];
      keys[i] = this.keys[order(i)];
    }
    this.maps = maps;
    this.keys = keys;
    this.start = 0;
    this.cap = cap;
  }

  /** The take-back in `slot`, made afresh. */
  private takeBackAt(slot: number): TakeBack {
    const map = this.maps[slot] as Y.Map<unknown>;
    const key = this.keys[slot];
    if (key === undefined) return this.rows.get(map) as RowTakeBack;
    const before = this.pool.read(this.beforeAt[slot] as number, this.beforeLen[slot] as number);
    const id = (client: number, clock: number): Y.ID | null => (clock === NONE ? null : Y.createID(client, clock));
    return { kind: 'key', map, key, takeBack: id(this.tbClient[slot] as number, this.tbClock[slot] as number), refused: id(this.refClient[slot] as number, this.refClock[slot] as number), before };
  }
}

/** True when `id` and (client, clock) name the same item, or neither names one (clock {@link NONE}). */
function sameOrNone(id: Y.ID | null, client: number, clock: number): boolean {
  return id === null ? clock === NONE : id.client === client && id.clock === clock;
}
