import { describe, expect, it } from 'vitest';
import { alternate } from '../../bench/support/alternate.js';
import type { FanoutSetup } from '../../bench/support/fanout.js';
import type { FanoutResult } from '../../bench/support/region-measure.js';
import { loggedWindow, p99Ratios, type AlternatedFanout, type WindowFigures } from '../../bench/support/sync-fanout.js';

/** A set-up as `alternate` and `loggedWindow` read it: its server's kind and the latencies its windows add. */
function fake(kind: string): FanoutSetup {
  return { server: { kind, pid: 0, cpu: async () => 0 }, latencies: [] } as unknown as FanoutSetup;
}

/** 100 latencies: 99 of `base` ms and one of `tail`. */
const window = (base: number, tail: number): number[] => [...Array.from({ length: 99 }, () => base), tail];

describe('bench/sync alternated fan-out', () => {
  it("logs each window's own deliveries under its server, in the order driven", async () => {
    const setups = [fake('samplan'), fake('y-websocket-server')];
    const log: WindowFigures[] = [];
    let n = 0;
    // Each window delivers 100 edits: the n-th window's base latency is n ms, its slowest 10n.
    const driven = loggedWindow(async (f) => {
      n++;
      f.latencies.push(...window(n, 10 * n));
    }, log);
    await alternate(setups, 2, 100, 1, 0, driven);
    expect(log.map((w) => w.window)).toEqual([1, 2, 3, 4]);
    expect(log.map((w) => w.delivered)).toEqual([100, 100, 100, 100]);
    // The p99 of a window is its own slowest delivery, not one of the windows before it.
    expect(log.map((w) => [w.p50, w.p99])).toEqual([1, 2, 3, 4].map((k) => [k, 10 * k]));
    expect(log.filter((w) => w.server === 'samplan')).toHaveLength(2);
    expect(log.filter((w) => w.server === 'y-websocket-server')).toHaveLength(2);
  });

  it("gives the p99 ratio pooled and as the median of the windows' paired ratios", () => {
    const w = (window: number, server: string, p99: number): WindowFigures => ({ window, server, p50: 1, p99, delivered: 100 });
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
