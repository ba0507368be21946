/**
 * Item ids as ranges of clocks per client (`take-back-index.ts`): a take-back of a paste writes
 * its items one after the other, so a paste's is one range. At most `limit` ranges; the oldest
 * added are dropped beyond. `has` is a binary search in the client's ranges.
 */
import type * as Y from 'yjs';

export class IdRanges {
  /** Per client, ranges [from, to) of clocks, sorted by `from`, not overlapping. */
  private readonly byClient = new Map<number, [number, number][]>();
  /** The client of each range, in the order added (for dropping the oldest). */
  private order: { client: number; range: [number, number] }[] = [];
  private head = 0;

  /** @param limit how many ranges are kept at most (the oldest added are dropped beyond) */
  constructor(private readonly limit = 4096) {}

  /** How many ranges are kept. */
  get size(): number {
    return this.order.length - this.head;
  }

  /** Adds `id` (a clock right after a range's end extends that range). */
  add(id: Y.ID): void {
    let ranges = this.byClient.get(id.client);
    if (!ranges) this.byClient.set(id.client, (ranges = []));
    const i = this.indexOf(ranges, id.clock);
    const at = ranges[i];
    if (at && id.clock >= at[0] && id.clock < at[1]) return;
    if (at && at[1] === id.clock && !(ranges[i + 1] && (ranges[i + 1] as [number, number])[0] === id.clock)) {
      at[1]++;
      return;
    }
    const range: [number, number] = [id.clock, id.clock + 1];
    ranges.splice(i + 1, 0, range);
    this.order.push({ client: id.client, range });
    if (this.size > this.limit) this.dropOldest();
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }

  /** True when `id` is in a kept range. */
  has(id: Y.ID): boolean {
    const ranges = this.byClient.get(id.client);
    if (!ranges) return false;
    const at = ranges[this.indexOf(ranges, id.clock)];
    return at !== undefined && id.clock >= at[0] && id.clock < at[1];
  }

  clear(): void {
    this.byClient.clear();
    this.order = [];
    this.head = 0;
  }

  /** The index of the last range starting at or before `clock` (-1 when none does). */
  private indexOf(ranges: [number, number][], clock: number): number {
    let lo = 0;
    let hi = ranges.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((ranges[mid] as [number, number])[0] <= clock) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  private dropOldest(): void {
    const oldest = this.order[this.head++];
    if (!oldest) return;
    const ranges = this.byClient.get(oldest.client);
    if (!ranges) return;
    const i = ranges.indexOf(oldest.range);
    if (i >= 0) ranges.splice(i, 1);
    if (ranges.length === 0) this.byClient.delete(oldest.client);
  }
}
