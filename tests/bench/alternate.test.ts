import { describe, expect, it } from 'vitest';
import { alternate } from '../../bench/support/alternate.js';
import { freshFanoutState, type FanoutSetup } from '../../bench/support/fanout.js';
import { collectFanout } from '../../bench/support/fanout-collect.js';
import { warmFanoutsInterleaved } from '../../bench/support/fanout-warm.js';

/** What the fake servers were asked, in order (`warmFanoutsInterleaved`'s collections). */
let log: string[] = [];

/** A set-up whose server's CPU (µs) grows by `idleUs` per query while not driven, as `alternate` reads it. */
function fake(name: string, idleUs: number): FanoutSetup & { cpuUs: number } {
  const f = {
    server: { kind: name, pid: 0, cpu: async () => (f.cpuUs += idleUs), collect: async () => void log.push(`gc ${name}`) },
    tag: name,
    perDoc: 2,
    clients: [],
    writers: [],
    rowIds: [],
    ...freshFanoutState(),
    cpuUs: 0,
  };
  return f as unknown as FanoutSetup & { cpuUs: number };
}

describe('bench/region alternating fan-out', () => {
  it('drives each server its windows one at a time, each following each other one, forward then back', async () => {
    const setups = [fake('a', 0), fake('b', 0), fake('c', 0)];
    const order: string[] = [];
    let running = 0;
    await alternate(setups, 4, 100, 1, 0, async (f) => {
      running++;
      expect(running).toBe(1);
      order.push(f.tag);
      f.windows++;
      await new Promise((r) => setTimeout(r, 1));
      running--;
    });
    // The second half is the first backwards; b follows a, c follows b, a follows c and the other way round.
    expect(order.join('')).toBe('abccabbaccba');
    expect(setups.map((f) => f.windows)).toEqual([4, 4, 4]);
    for (const pair of ['ab', 'bc', 'ca', 'ba', 'cb', 'ac']) expect(order.join(''), pair).toContain(pair);
  });

  it("counts an idle server's CPU over the others' windows apart from its own figures", async () => {
    // b spends 2,000 µs between two of its CPU readings while a is driven; a's window adds to a alone.
    const a = fake('a', 0);
    const b = fake('b', 2000);
    await alternate([a, b], 1, 100, 1, 0, async (f) => {
      f.cpuMs += 5;
      f.windowMs += 10;
      f.latencies.push(1, 2, 3);
      f.measured += 3;
      f.windows++;
      await new Promise((r) => setTimeout(r, 5));
    });
    // Each of the two windows: the idle one's CPU read before and after (one 2 ms step per reading).
    expect(b.otherWindowsCpuMs).toBe(2);
    expect(a.otherWindowsCpuMs).toBe(0);
    expect(b.otherWindowsMs).toBeGreaterThan(0);
    const rb = collectFanout(b);
    const ra = collectFanout(a);
    expect(ra.cpuPerDelivery).toBeCloseTo(5000 / 3);
    expect(rb.cpuPerDelivery).toBeCloseTo(5000 / 3);
    expect(ra.windows).toBe(1);
    expect(rb.otherWindowsCpuMsPerSecond).toBeCloseTo((2 * 1000) / b.otherWindowsMs);
    expect(ra.delivered).toBe(3);
    expect(ra.expected).toBe(3);
  });

  it("adds the driven server's CPU over the pause after its window to its settle time alone", async () => {
    const a = fake('a', 1000);
    const b = fake('b', 0);
    await alternate([a, b], 1, 100, 1, 0.001, async (f) => {
      f.windows++;
    });
    // a's pause after its window: three readings, 1 ms apart (the last slice quiet); b's window: a read twice as the idle one.
    expect(a.settleCpuMs).toBe(2);
    expect(a.otherWindowsCpuMs).toBe(1);
    expect(a.cpuMs).toBe(0);
    expect(b.settleCpuMs).toBe(0);
  });

  it('waits after the pause until the driven server is quiet, so its deferred work stays out of the next window', async () => {
    // a is busy (20 ms per reading) for its first five readings after its window, then quiet.
    const a = fake('a', 0);
    let readings = 0;
    a.server.cpu = async () => (a.cpuUs += ++readings <= 5 ? 20_000 : 0);
    const b = fake('b', 0);
    const order: string[] = [];
    await alternate([a, b], 1, 100, 1, 0.001, async (f) => {
      order.push(`${f.tag}@${readings}`);
    });
    // b's window starts after a's sixth reading, the first quiet one (the seventh is b's window's
    // reading of a as the idle one); a's CPU from the first reading of its pause to it is its settle time.
    expect(order).toEqual(['a@0', 'b@7']);
    expect(a.settleCpuMs).toBe(80);
    expect(a.otherWindowsCpuMs).toBe(0);
  });

  it("measures each server's segments (perf, trace, profile) over its own windows only, and finishes them after the last", async () => {
    const setups = [fake('a', 0), fake('b', 0)];
    const log: string[] = [];
    const segment = (name: string) => ({
      start: async () => void log.push(`${name}+`),
      end: async () => void log.push(`${name}-`),
      finish: async () => void log.push(`${name}!`),
    });
    await alternate(setups, 2, 100, 1, 0, async (f) => void log.push(f.tag), [segment('A'), segment('B')]);
    // Each window inside its own server's segment, the other server's never open meanwhile.
    expect(log.join(' ')).toBe('A+ a A- B+ b B- B+ b B- A+ a A- A! B!');
  });

  it("gives the median of the windows' p99s beside the pooled p99, so one stalled window does not set it", () => {
    const f = fake('a', 0);
    f.windowP99.push(2, 250, 3, 4, 1);
    f.windows = 5;
    f.latencies.push(1, 2, 3);
    expect(collectFanout(f).windowP99Median).toBe(3);
    const one = fake('b', 0);
    one.windowP99.push(7);
    one.windows = 1;
    expect(collectFanout(one).windowP99Median).toBeNaN();
  });

  // Warmed one after the other, the first server idled through the others' warm-ups and V8's
  // memory reducer threw its optimized code out before its windows (1.3–1.5× its CPU per edit).
  it('warms the servers interleaved, so that none ends its warm-up long before the others', async () => {
    log = [];
    const setups = [fake('a', 0), fake('b', 0), fake('c', 0)];
    const slices: [string, number][] = [];
    await warmFanoutsInterleaved(setups, 100, 6, {
      rewarmSeconds: 2,
      slice: async (f, rate, seconds) => {
        expect(rate).toBe(100);
        slices.push([f.tag, seconds]);
        log.push(`drive ${f.tag}`);
      },
      wait: async (ms) => void log.push(`wait ${ms}`),
    });
    // 6 slices of 1 s each, then after the reducers' wait 2 more each.
    expect(slices).toHaveLength(24);
    for (const tag of ['a', 'b', 'c']) expect(slices.filter(([t, s]) => t === tag && s === 1)).toHaveLength(8);
    // Every server's first slice among the first three, its last of each warm-up among that warm-up's last three.
    const tags = slices.map(([t]) => t);
    expect(new Set(tags.slice(0, 3))).toEqual(new Set(['a', 'b', 'c']));
    expect(new Set(tags.slice(15, 18))).toEqual(new Set(['a', 'b', 'c']));
    expect(new Set(tags.slice(-3))).toEqual(new Set(['a', 'b', 'c']));
    // Collected after the first warm-up, every server; then left idle for the memory reducers; then warmed again.
    expect(log.slice(18, 23)).toEqual(['wait 200', 'gc a', 'gc b', 'gc c', 'wait 12000']);
    expect(log.slice(23).every((l) => l.startsWith('drive '))).toBe(true);
  });
});
