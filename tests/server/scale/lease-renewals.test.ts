/**
 * A process's lease in the registry of live processes (`server/fanout/live-processes.ts`,
 * `keepLease`) during a partition where neither side sees the connection close: the link stays
 * 'ready' and no renewal is answered. One renewal waits at a time; on the code before, one more
 * was queued every heartbeat (2 s) until TCP gave up, each waiting in ioredis's command queue.
 * The fence still acts: cut before the lease runs out in Redis.
 */
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_MS, keepLease } from '../../../server/fanout/live-processes.js';

/** A Redis connection double whose `eval` answers the first `answered` calls and then never again. */
function partitionedAfter(answered: number) {
  let calls = 0;
  const conn = {
    status: 'ready',
    eval: vi.fn(() => (++calls <= answered ? Promise.resolve(1) : new Promise<never>(() => undefined))),
    zrem: vi.fn(() => Promise.resolve(1)),
  };
  return conn;
}

describe('lease renewals during a silent partition', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps one renewal waiting, not one per heartbeat, and acts as cut before the lease runs out', async () => {
    const conn = partitionedAfter(1);
    const cuts: boolean[] = [];
    const lease = keepLease(conn as unknown as Redis, 'samplan:sync', 'p1', () => true, () => undefined, (cut) => cuts.push(cut));
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(conn.eval).toHaveBeenCalledTimes(1);
    expect(cuts).toEqual([]);
    // A minute of partition: 30 heartbeats, each of which sent a renewal on the code before.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(conn.eval).toHaveBeenCalledTimes(2);
    // Renewing by hand (after a resubscribe) joins the renewal under way.
    void lease.renew();
    expect(conn.eval).toHaveBeenCalledTimes(2);
    // Cut from LEASE_MS − FENCE_MARGIN_MS after the last good renewal was sent.
    expect(cuts).toEqual([true]);
    await lease.leave();
  });

  it('sends the next renewal once the one before settled', async () => {
    let answer: (() => void) | null = null;
    const conn = { status: 'ready', eval: vi.fn(() => new Promise<number>((r) => (answer = () => r(1)))), zrem: vi.fn(() => Promise.resolve(1)) };
    const lease = keepLease(conn as unknown as Redis, 'samplan:sync', 'p1', () => true, () => undefined);
    await vi.advanceTimersByTimeAsync(5 * HEARTBEAT_MS);
    expect(conn.eval).toHaveBeenCalledTimes(1);
    answer!();
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(conn.eval).toHaveBeenCalledTimes(2);
    await lease.leave();
  });
});
