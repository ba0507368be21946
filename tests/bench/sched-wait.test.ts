import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pathGroups, readSched, schedCells, schedPerDelivery, type SchedReading } from '../../bench/support/sched-wait.js';

const reading = (groups: Record<string, Record<string, [number, number, number]>>): SchedReading =>
  new Map(Object.entries(groups).map(([name, threads]) => [name, new Map(Object.entries(threads))]));

describe('run-queue wait per delivery', () => {
  it('sums each group\'s threads between two readings, counting a thread started meanwhile whole and dropping one that ended', () => {
    const before = reading({ Node: { '1/1': [1_000_000, 500_000, 10], '1/2': [2_000_000, 0, 5], '1/9': [7_000_000, 7_000_000, 9] }, Redis: {} });
    const after = reading({ Node: { '1/1': [3_000_000, 1_500_000, 13], '1/2': [2_000_000, 1_000_000, 6], '1/3': [1_000_000, 0, 1] }, Redis: {} });
    // Node: CPU 2 + 0 + 1 ms, wait 1 + 1 + 0 ms in 3 + 1 + 1 runs, over 2 deliveries; Redis was not read.
    const [node, redis] = schedPerDelivery(before, after, 2);
    expect(node).toEqual({ name: 'Node', cpuUs: 1500, waitUs: 1000, waitPerRunUs: 400 });
    expect(redis?.cpuUs).toBeNaN();
    expect(schedCells([node!, { name: 'Redis', cpuUs: 20.4, waitUs: 5, waitPerRunUs: 50 }])).toEqual(['1005', '1520', '450', 'Node 1500 / 1000 (400) · Redis 20 / 5 (50)']);
  });

  it.runIf(existsSync(`/proc/${process.pid}/task/${process.pid}/schedstat`))('reads this process\'s CPU from /proc', () => {
    const groups = pathGroups([]);
    expect(groups.map((g) => g.name)).toEqual(['bench clients']);
    const before = readSched(groups);
    const start = process.cpuUsage();
    let x = 0;
    while (process.cpuUsage(start).user < 40_000) x += Math.sqrt(x + 1);
    const [figures] = schedPerDelivery(before, readSched(groups), 1);
    expect(x).toBeGreaterThan(0);
    // 40 ms of user time on the main thread, by the kernel's other count; the wait is whatever the load made it.
    expect(figures!.cpuUs).toBeGreaterThan(30_000);
    expect(figures!.waitUs).toBeGreaterThanOrEqual(0);
  });
});
