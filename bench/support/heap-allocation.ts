/**
 * V8 heap allocation of this process between two calls, read through `v8.GCProfiler` (which
 * records each collection's heap before and after): the `alloc` answer of `bench-hook.ts` in the
 * servers, and the bench clients' own in `fanout.ts`. Only Node built-ins are imported (the
 * peers' servers load it through the bench hook from their own folder).
 */
import { GCProfiler, getHeapStatistics } from 'node:v8';

/** One collection as `v8.GCProfiler` records it (the fields read here). */
interface GcRecord {
  gcType: string;
  /** µs on the main thread. */
  cost: number;
  beforeGC: GcHeap;
  afterGC: GcHeap;
}
/** The heap as `v8.GCProfiler` records it before or after a collection (the fields read here). */
interface GcHeap {
  heapStatistics: { usedHeapSize: number };
  heapSpaceStatistics?: { spaceName: string; spaceUsedSize: number }[];
}
/** Bytes used in the old generation's spaces that objects surviving the young one move to. */
const oldUsed = (heap: GcHeap): number =>
  (heap.heapSpaceStatistics ?? []).filter((s) => s.spaceName === 'old_space' || s.spaceName === 'lo_space').reduce((t, s) => t + s.spaceUsedSize, 0);

/**
 * Allocation since the last call, as `ALLOC <bytes> <scavenges> <full> <gcMs> <promoted>` (zeros on
 * the first; each call starts the next window): bytes allocated on V8's heap (what its collections
 * freed plus the growth of the used heap; Buffer and ArrayBuffer contents live outside it and are
 * not counted), the minor and the other collections, their main-thread ms, and the bytes the minor
 * ones promoted to the old generation. {@link parseAllocation} reads it back.
 */
export function allocationCounter(): () => string {
  let profiler: GCProfiler | null = null;
  let usedAtStart = 0;
  return () => {
    const used = getHeapStatistics().used_heap_size;
    const records = ((profiler?.stop() as { statistics?: GcRecord[] } | undefined)?.statistics ?? []) as GcRecord[];
    let freed = 0;
    let scavenges = 0;
    let cost = 0;
    let promoted = 0;
    for (const r of records) {
      freed += r.beforeGC.heapStatistics.usedHeapSize - r.afterGC.heapStatistics.usedHeapSize;
      if (r.gcType === 'Scavenge') {
        scavenges++;
        // A scavenge adds to the old generation only what it promotes there.
        promoted += oldUsed(r.afterGC) - oldUsed(r.beforeGC);
      }
      cost += r.cost;
    }
    const answer = profiler ? `ALLOC ${used - usedAtStart + freed} ${scavenges} ${records.length - scavenges} ${cost / 1000} ${promoted}` : 'ALLOC 0 0 0 0 0';
    profiler = new GCProfiler();
    profiler.start();
    usedAtStart = getHeapStatistics().used_heap_size;
    return answer;
  };
}

/** What one `ALLOC` line of {@link allocationCounter} says. */
export interface Allocation {
  bytes: number;
  scavenges: number;
  full: number;
  gcMs: number;
  promoted: number;
}

/** Reads an `ALLOC` line of {@link allocationCounter} (a field missing is NaN). */
export function parseAllocation(line: string): Allocation {
  const [, bytes, scavenges, full, gcMs, promoted] = line.split(' ').map(Number);
  return { bytes: bytes ?? NaN, scavenges: scavenges ?? NaN, full: full ?? NaN, gcMs: gcMs ?? NaN, promoted: promoted ?? NaN };
}
