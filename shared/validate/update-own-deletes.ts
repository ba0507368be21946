/**
 * Whether an update's own delete set removes a new item of the same update (`update-walk.ts`
 * judges such an item by what it leaves in the doc: nothing). The delete ranges are sorted per
 * client once, when first asked, so each item costs a binary search.
 */
import type * as Y from 'yjs';
import type { DeleteSet } from './update-structs.js';

type Range = { clock: number; len: number };

/** The delete ranges of one update, per client, as {@link OwnDeletes.removes} asks them. */
export class OwnDeletes {
  /** Per client, the ranges sorted by start clock; made when first asked. */
  private readonly sorted = new Map<number, readonly Range[]>();
  /** Per client and index, the furthest end of the ranges up to that index. */
  private readonly reachBefore = new Map<number, number[]>();

  constructor(private readonly ds: DeleteSet) {}

  /** True when the delete set removes (part of) `item`. */
  removes(item: Y.Item): boolean {
    const ranges = this.rangesOf(item.id.client);
    if (ranges === null) return false;
    const start = item.id.clock;
    const end = start + item.length;
    // The last range that starts before `end`, and whether it reaches past `start`.
    let lo = 0;
    let hi = ranges.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((ranges[mid] as Range).clock < end) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (at < 0) return false;
    // Ranges may overlap in a forged update: the furthest reach among those starting before `end`.
    return ((this.reachBefore.get(item.id.client) as number[])[at] as number) > start;
  }

  /**
   * The delete ranges of one client by start clock (and their reach, {@link reachBefore}); null
   * when the update deletes nothing of that client. Yjs encodes them sorted, so they are sorted
   * here only when a forged update has them out of order.
   */
  private rangesOf(client: number): readonly Range[] | null {
    let sorted = this.sorted.get(client);
    if (sorted === undefined) {
      const given = this.ds.clients.get(client);
      if (given === undefined || given.length === 0) return null;
      sorted = inOrder(given) ? given : [...given].sort((a, b) => a.clock - b.clock);
      let far = 0;
      const reach = new Array<number>(sorted.length);
      for (let i = 0; i < sorted.length; i++) {
        const r = sorted[i] as Range;
        reach[i] = far = Math.max(far, r.clock + r.len);
      }
      this.reachBefore.set(client, reach);
      this.sorted.set(client, sorted);
    }
    return sorted;
  }
}

/** Whether delete ranges are sorted by start clock. */
function inOrder(ranges: ReadonlyArray<{ clock: number }>): boolean {
  for (let i = 1; i < ranges.length; i++) if ((ranges[i] as { clock: number }).clock < (ranges[i - 1] as { clock: number }).clock) return false;
  return true;
}
