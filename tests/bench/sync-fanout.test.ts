import { describe, expect, it } from 'vitest';
import { alternate } from '../../bench/support/alternate.js';
import type { FanoutSetup } from '../../bench/support/fanout.js';
import type { FanoutResult } from '../../bench/support/region-measure.js';
import { loggedWindow, p99Ratios, type AlternatedFanout, type WindowFigures } from '../../bench/support/sync-fanout.js';

/**
 * A set-up as `alternate` and `loggedWindow` read it: its server's kind, the latencies and
 * collections its windows add, and `stats` as Samplan's bench server answers it (`counts`, moved
 * by the test's window) or as the peers do (`{}`).
 */
function fake(kind: string, counts: Record<string, number> | null): FanoutSetup {
  const stats = async (): Promise<unknown> => (counts ? { ...counts } : {});
  return { server: { kind, pid: 0, cpu: async () => 0, stats }, latencies: [], alloc: { bytes: 0, scavenges: 0, full: 0, gcMs: 0, promoted: 0 } } as unknown as FanoutSetup;
}

/** 100 latencies: 99 of `base` ms and one of `tail`. */
const window = (base: number, tail: number): number[] => [...Array.from({ length: 99 }, () => base), tail];

describe('bench/sync alternated fan-out', () => {
  it("logs each window's own deliveries under its server, in the order driven", async () => {
    const counts = { checkpoints: 4, walRestarts: 1, longestGateWaitMs: 3 };
    const setups = [fake('samplan', counts), fake('y-websocket-server', null)];
    const log: WindowFigures[] = [];
    let n = 0;
    // Each window delivers 100 edits: the n-th window's base latency is n ms, its slowest 10n; it
    // collects n times (n ms each), and Samplan's restarts its WAL in its second window only.
    const driven = loggedWindow(async (f) => {
      n++;
      f.latencies.push(...window(n, 10 * n));
      f.alloc.scavenges += n;
      f.alloc.gcMs += n;
      if (f.server.kind !== 'samplan') return;
      counts.checkpoints += 2;
      if (log.some((w) => w.server === 'samplan')) {
        counts.walRestarts++;
        counts.longestGateWaitMs = 20;
      }
    }, log);
    await alternate(setups, 2, 100, 1, 0, driven);
    expect(log.map((w) => w.window)).toEqual([1, 2, 3, 4]);
    expect(log.map((w) => w.delivered)).toEqual([100, 100, 100, 100]);
    // The p99 of a window is its own slowest delivery, not one of the windows before it.
    expect(log.map((w) => [w.p50, w.p99])).toEqual([1, 2, 3, 4].map((k) => [k, 10 * k]));
    expect(log.map((w) => [w.scavenges, w.gcMs])).toEqual([1, 2, 3, 4].map((k) => [k, k]));
    const samplan = log.filter((w) => w.server === 'samplan');
    expect(samplan.map((w) => [w.checkpoints, w.walRestarts, w.longestGateWaitMs])).toEqual([
      [2, 0, 3],
      [2, 1, 20],
    ]);
    // A peer answers no checkpoint counts: NaN, not 0.
    const stock = log.filter((w) => w.server === 'y-websocket-server');
    expect(stock).toHaveLength(2);
    expect(stock.every((w) => Number.isNaN(w.walRestarts))).toBe(true);
  });

  it("gives the p99 ratio pooled and as the median of the windows' paired ratios", () => {
    const w = (window: number, server: string, p99: number): WindowFigures => ({ window, server, p50: 1, p99, delivered: 100, scavenges: 0, full: 0, gcMs: 0, checkpoints: 0, walRestarts: 0, longestGateWaitMs: 0 });
    const run: AlternatedFanout = {
      kinds: ['y-websocket-server', 'samplan'],
      results: [{ p99: 4 }, { p99: 3 }] as FanoutResult[],
      // Samplan's windows 2, 3 and 9 ms; stock's 4, 2 and 3: paired ratios 0.5, 1.5, 3.
      windows: [w(1, 'samplan', 2), w(2, 'y-websocket-server', 4), w(3, 'y-websocket-server', 2), w(4, 'samplan', 3), w(5, 'samplan', 9), w(6, 'y-websocket-server', 3)],
      load: [0, 0],
    };
    expect(p99Ratios(run, 'samplan', 'y-websocket-server')).toEqual({ pooled: 0.75, windowsMedian: 1.5 });
    expect(p99Ratios(run, 'samplan', 'hocuspocus').pooled).toBeNaN();
  });
});
