/**
 * The take-backs a room remembers (`take-backs.ts`), bounded as storage bounds them: the newest
 * {@link TAKE_BACK_LIMIT} of at most {@link TAKE_BACK_BYTES} together (each counted at the size of
 * its encoding, `take-back-wire.ts`), the oldest forgotten first. Looked up by item id, by row map
 * and by map key in constant time, so that a room holding a refused paste of 10,000 cells checks
 * an allowed update in time of that update's size, not of the take-backs'. The ids of the items the
 * take-backs it forgot wrote are kept as ranges ({@link TakeBackIndex.forgotten}), so that an edit
 * lost to one of them can be told (see `take-backs.ts`). The bytes bound counts encodings, not
 * heap: each remembered take-back costs about 0.7–0.8 kB of heap here (its objects, id strings and
 * map entries), so the most a room remembers is about 13 MB, per loaded document (`TAKE_BACK_BYTES`).
 */
import type * as Y from 'yjs';
import { TAKE_BACK_BYTES, TAKE_BACK_LIMIT } from '../storage/limits.js';
import type { KeyTakeBack, RowTakeBack, TakeBack } from './take-back-types.js';
import { identity } from './take-back-items.js';

/** A remembered take-back: when it was made (ms since 1970), and its size encoded, in bytes. */
export interface TakeBackEntry {
  at: number;
  tb: TakeBack;
  bytes: number;
}

const idKey = (id: Y.ID): string => `${id.client}.${id.clock}`;

/**
 * Item ids as ranges of clocks per client (a take-back of a paste writes its items one after the
 * other, so a paste's is one range). At most `limit` ranges; the oldest added are dropped beyond.
 */
export class IdRanges {
  private readonly byClient = new Map<number, [number, number][]>();
  private order: number[] = [];
  constructor(private readonly limit = 4096) {}

  add(id: Y.ID): void {
    const ranges = this.byClient.get(id.client) ?? [];
    this.byClient.set(id.client, ranges);
    const last = ranges.at(-1);
    if (last && last[1] === id.clock) last[1]++;
    else if (!this.has(id)) {
      ranges.push([id.clock, id.clock + 1]);
      ranges.sort((a, b) => a[0] - b[0]);
      this.order.push(id.client);
      if (this.order.length > this.limit) this.dropOldest();
    }
  }

  has(id: Y.ID): boolean {
    return (this.byClient.get(id.client) ?? []).some(([from, to]) => id.clock >= from && id.clock < to);
  }

  private dropOldest(): void {
    const client = this.order.shift() as number;
    const ranges = this.byClient.get(client);
    ranges?.shift();
    if (ranges?.length === 0) this.byClient.delete(client);
  }
}

/** The remembered take-backs of one room, newest last. */
export class TakeBackIndex {
  private list: TakeBackEntry[] = [];
  private head = 0;
  private total = 0;
  private readonly identities = new Set<string>();
  /** Key take-backs by the id of their take-back item and of their refused item. */
  private readonly byItem = new Map<string, KeyTakeBack>();
  private readonly rows = new Map<Y.Map<unknown>, RowTakeBack>();
  /** Key take-backs by their map (a row's few, filtered by key when looked up). */
  private readonly byMap = new Map<Y.Map<unknown>, KeyTakeBack[]>();
  /** Ids of the items the take-backs forgotten here wrote (their take-back items). */
  readonly forgotten = new IdRanges();

  /**
   * @param count how many are remembered at most ({@link TAKE_BACK_LIMIT})
   * @param bytes how many bytes of them at most ({@link TAKE_BACK_BYTES})
   */
  constructor(
    private readonly count = TAKE_BACK_LIMIT,
    private readonly bytes = TAKE_BACK_BYTES,
  ) {}

  get size(): number {
    return this.list.length - this.head;
  }

  /** The remembered take-backs, oldest first. */
  entries(): readonly TakeBackEntry[] {
    return this.head === 0 ? this.list : this.list.slice(this.head);
  }

  /** True when a take-back of this identity (`identity` in take-back-items.ts) is remembered. */
  has(id: string): boolean {
    return this.identities.has(id);
  }

  /** Remembers `entry`, then forgets the oldest until the bounds hold. */
  add(entry: TakeBackEntry): void {
    this.list.push(entry);
    this.total += entry.bytes;
    this.index(entry.tb, true);
    while (this.size > this.count || (this.total > this.bytes && this.size > 1)) this.dropOldest();
    if (this.head > 1024 && this.head * 2 > this.list.length) {
      this.list = this.list.slice(this.head);
      this.head = 0;
    }
  }

  clear(): void {
    this.list = [];
    this.head = 0;
    this.total = 0;
    this.identities.clear();
    this.byItem.clear();
    this.rows.clear();
    this.byMap.clear();
  }

  /** The remembered take-back of `map`'s `key` whose take-back or refused item is `winner`, or null. */
  keyTakeBack(map: Y.Map<unknown>, key: string, winner: Y.ID): KeyTakeBack | null {
    const tb = this.byItem.get(idKey(winner));
    return tb && tb.map === map && tb.key === key ? tb : null;
  }

  /** True when `id` is the item a remembered take-back of a map key wrote. */
  isTakeBack(id: Y.ID): boolean {
    const tb = this.byItem.get(idKey(id));
    return tb !== undefined && tb.takeBack !== null && tb.takeBack.client === id.client && tb.takeBack.clock === id.clock;
  }

  /** The remembered take-back of the row map `old` a refused delete deleted, or null. */
  row(old: Y.Map<unknown>): RowTakeBack | null {
    return this.rows.get(old) ?? null;
  }

  /** True when a take-back of a row is remembered. */
  hasRows(): boolean {
    return this.rows.size > 0;
  }

  /** The remembered take-backs of `map`'s `key`. */
  ofKey(map: Y.Map<unknown>, key: string): Iterable<KeyTakeBack> {
    return (this.byMap.get(map) ?? []).filter((tb) => tb.key === key);
  }

  private dropOldest(): void {
    const entry = this.list[this.head] as TakeBackEntry;
    this.list[this.head] = undefined as unknown as TakeBackEntry;
    this.head++;
    this.total -= entry.bytes;
    this.index(entry.tb, false);
    if (entry.tb.kind === 'key' && entry.tb.takeBack) this.forgotten.add(entry.tb.takeBack);
  }

  private index(tb: TakeBack, add: boolean): void {
    const id = identity(tb);
    if (add) this.identities.add(id);
    else this.identities.delete(id);
    if (tb.kind === 'row') {
      if (add) this.rows.set(tb.old, tb);
      else if (this.rows.get(tb.old) === tb) this.rows.delete(tb.old);
      return;
    }
    for (const item of [tb.takeBack, tb.refused]) {
      if (!item) continue;
      const k = idKey(item);
      if (add) this.byItem.set(k, tb);
      else if (this.byItem.get(k) === tb) this.byItem.delete(k);
    }
    const list = this.byMap.get(tb.map);
    if (add) {
      if (list) list.push(tb);
      else this.byMap.set(tb.map, [tb]);
    } else if (list) {
      const i = list.indexOf(tb);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.byMap.delete(tb.map);
    }
  }
}
