import { describe, expect, it } from 'vitest';
import { editsPerWindow, followSpread, percentile, pool, windowOrder } from '../../bench/scale/windows.js';

describe('bench/scale interleaved windows', () => {
  it('alternates set-ups forward and back, one window each per round', () => {
    expect(windowOrder(2, 4)).toEqual([0, 1, 1, 0, 0, 1, 1, 0]);
    expect(windowOrder(3, 2)).toEqual([0, 1, 2, 2, 1, 0]);
    expect(windowOrder(1, 3)).toEqual([0, 0, 0]);
  });

  it('gives every set-up the same number of windows and the same mean position in the run', () => {
    for (const [setups, windows] of [[2, 8], [3, 6], [4, 10]] as const) {
      const order = windowOrder(setups, windows);
      expect(order).toHaveLength(setups * windows);
      const positions = Array.from({ length: setups }, (_, s) => order.flatMap((x, i) => (x === s ? [i] : [])));
      for (const p of positions) expect(p).toHaveLength(windows);
      // With an even number of rounds a load that drifts linearly over the run falls on each alike.
      const means = positions.map((p) => p.reduce((a, b) => a + b, 0) / p.length);
      for (const m of means) expect(m).toBeCloseTo(means[0] as number, 9);
    }
  });

  it('has every set-up follow every other as often as the length allows', () => {
    /** How often set-up `b`'s window comes straight after set-up `a`'s, for every ordered pair of two. */
    const follows = (order: number[], setups: number): number[] => {
      const counts: number[] = [];
      for (let a = 0; a < setups; a++) for (let b = 0; b < setups; b++) if (a !== b) counts.push(order.slice(1).filter((x, i) => order[i] === a && x === b).length);
      return counts;
    };
    // Three servers, as bench/region alternates them (five windows each by default): the first
    // follows the third too, and no ordered pair comes more than once more often than another.
    for (let windows = 2; windows <= 10; windows++) {
      const counts = follows(windowOrder(3, windows), 3);
      expect(Math.max(...counts) - Math.min(...counts), `3 set-ups, ${windows} windows`).toBeLessThanOrEqual(1);
      // Two windows each make five followings, too few for the six ordered pairs.
      if (windows >= 3) expect(Math.min(...counts), `3 set-ups, ${windows} windows`).toBeGreaterThan(0);
      expect(followSpread(windowOrder(3, windows), 3)[0]).toBe(Math.max(...counts) - Math.min(...counts));
    }
    // With 6 or more rounds (an even count), each ordered pair equally often.
    expect(new Set(follows(windowOrder(3, 6), 3))).toEqual(new Set([2]));
    for (const windows of [2, 4, 8]) expect(new Set(follows(windowOrder(2, windows), 2)).size).toBe(1);
    for (const windows of [2, 4, 6, 8]) {
      const counts = follows(windowOrder(4, windows), 4);
      expect(Math.max(...counts) - Math.min(...counts), `4 set-ups, ${windows} windows`).toBeLessThanOrEqual(1);
    }
  });

  it('never drives the same set-up in two windows in a row except at a turn', () => {
    const order = windowOrder(2, 8);
    const repeats = order.slice(1).filter((x, i) => x === order[i]).length;
    expect(repeats).toBe(7); // ABBA: one repeat at each turn between rounds
    expect(new Set(order.slice(0, 2))).toEqual(new Set([0, 1]));
  });

  it('refuses counts that are not whole numbers of at least 1', () => {
    expect(() => windowOrder(0, 8)).toThrow(/set-ups/);
    expect(() => windowOrder(2, 0)).toThrow(/windows/);
    expect(() => windowOrder(2, 2.5)).toThrow(/windows/);
    expect(() => editsPerWindow(-1, 4)).toThrow(/edits/);
    expect(() => editsPerWindow(10, 0)).toThrow(/windows/);
  });

  it('shares a case\'s edits over the windows so that the total is unchanged', () => {
    expect(editsPerWindow(3000, 8)).toEqual([375, 375, 375, 375, 375, 375, 375, 375]);
    expect(editsPerWindow(300, 8)).toEqual([38, 38, 38, 38, 37, 37, 37, 37]);
    expect(editsPerWindow(3, 5)).toEqual([1, 1, 1, 0, 0]);
    for (const [total, windows] of [[2999, 7], [301, 9], [0, 3]] as const) {
      const shares = editsPerWindow(total, windows);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
      expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
    }
  });

  it('pools latencies over windows: percentiles of the union, and each window\'s p99', () => {
    const a = Array.from({ length: 100 }, (_, i) => i + 1); // 1…100
    const b = Array.from({ length: 100 }, (_, i) => 1000 + i); // 1000…1099, a window under a load spike
    const pooled = pool([b.slice().reverse(), a]);
    expect(pooled.count).toBe(200);
    expect(pooled.p50).toBe(1000); // index 100 of 200 sorted
    expect(pooled.p99).toBe(1098); // index 198
    expect(pooled.max).toBe(1099);
    expect(pooled.windowP99).toEqual([1099, 100]);
    // The inputs are left as they were.
    expect(b[0]).toBe(1000);
  });

  it('takes percentiles as the sequential fan-out does, and NaN of nothing', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4], 99)).toBe(4);
    expect(percentile([], 99)).toBeNaN();
    const empty = pool([[], []]);
    expect(empty.count).toBe(0);
    expect(empty.p99).toBeNaN();
    expect(empty.windowP99).toEqual([NaN, NaN]);
  });
});
