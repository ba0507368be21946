/**
 * The window schedule and pooling of `bench/scale`'s interleaved mode (pure functions, no I/O):
 * which set-up is driven in each short window, how a case's edits are shared among a set-up's
 * windows, and the percentiles of latencies pooled over them.
 */

/**
 * The order of `windows` windows for each of `setups` set-ups (indices 0…setups-1), in rounds that
 * go forward and back (ABBA for two, ABCCBA for three…): a drift of the machine's load over the
 * run falls on every set-up alike, and no set-up always follows the same other one. Length
 * `setups × windows`; each index occurs exactly `windows` times. Throws on a count that is not a
 * whole number of at least 1.
 */
export function windowOrder(setups: number, windows: number): number[] {
  for (const [name, n] of [['set-ups', setups], ['windows', windows]] as const) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} wants a whole number of at least 1, not ${n}`);
  }
  const forward = Array.from({ length: setups }, (_, i) => i);
  const order: number[] = [];
  for (let round = 0; round < windows; round++) order.push(...(round % 2 === 0 ? forward : [...forward].reverse()));
  return order;
}

/**
 * `total` edits shared among `windows` windows as evenly as whole edits allow (the first
 * `total mod windows` windows one more), so that every set-up makes exactly `total` edits over its
 * windows, as many as the sequential mode's one window. Throws on a negative or fractional total.
 */
export function editsPerWindow(total: number, windows: number): number[] {
  if (!Number.isInteger(total) || total < 0) throw new Error(`edits want a whole number of at least 0, not ${total}`);
  if (!Number.isInteger(windows) || windows < 1) throw new Error(`windows want a whole number of at least 1, not ${windows}`);
  const base = Math.floor(total / windows);
  return Array.from({ length: windows }, (_, i) => base + (i < total % windows ? 1 : 0));
}

/**
 * The `p`-th percentile (0–100) of ascending `sorted`, as the sequential mode's fan-out takes it
 * (`support/region-measure.ts`): the value at index ⌊n·p/100⌋, the last one at most; NaN when empty.
 */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

/** Latencies pooled over a set-up's windows, in ms: p50, p99, max and how many, and each window's p99. */
export interface Pooled {
  p50: number;
  p99: number;
  max: number;
  count: number;
  windowP99: number[];
}

/** Pool `windows` (each window's latencies in ms, any order) into one distribution; the inputs are not changed. */
export function pool(windows: readonly (readonly number[])[]): Pooled {
  const all = windows.flat().sort((a, b) => a - b);
  const windowP99 = windows.map((w) => percentile([...w].sort((a, b) => a - b), 99));
  return { p50: percentile(all, 50), p99: percentile(all, 99), max: all[all.length - 1] ?? NaN, count: all.length, windowP99 };
}
