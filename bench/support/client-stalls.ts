/**
 * Which fan-out deliveries a collection of the bench process itself fell in (`fanout.ts`). The
 * readers of a fan-out run in the bench process by default, one thread: while it collects
 * garbage no reader reads, and every delivery waiting meanwhile is late by the pause whatever the
 * server did. Setting those apart says how much of a p99 is the bench client's own, the same
 * way for every server.
 */

/**
 * The latencies (ms) of the deliveries no interval of `stalls` overlaps, and how many it overlapped.
 * `spans` holds each delivery as `sent, received` (ms of `performance.now`, flat pairs); `stalls`
 * each pause as `start, end` (flat pairs, the bench process's `gc` performance entries), in any order.
 */
export function unstalledLatencies(spans: readonly number[], stalls: readonly number[]): { latencies: number[]; stalled: number } {
  const pauses: [number, number][] = [];
  for (let i = 0; i + 1 < stalls.length; i += 2) pauses.push([stalls[i] as number, stalls[i + 1] as number]);
  pauses.sort((a, b) => a[0] - b[0]);
  const latencies: number[] = [];
  let stalled = 0;
  for (let i = 0; i + 1 < spans.length; i += 2) {
    const sent = spans[i] as number;
    const got = spans[i + 1] as number;
    if (overlapsAny(pauses, sent, got)) stalled++;
    else latencies.push(got - sent);
  }
  return { latencies, stalled };
}

/** Whether any of `pauses` (sorted by start) overlaps [from, to]. */
function overlapsAny(pauses: readonly [number, number][], from: number, to: number): boolean {
  // The last pause starting by `to` (binary search), then back while pauses still reach `from`.
  let lo = 0;
  let hi = pauses.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((pauses[mid] as [number, number])[0] <= to) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) {
    const [start, end] = pauses[i] as [number, number];
    if (end >= from && start <= to) return true;
    // Pauses do not nest (one thread collects at a time): an earlier one ending before `from` is the last to look at.
    if (end < from) return false;
  }
  return false;
}
