/**
 * Rights changes acknowledged across processes (`server/fanout/rights-acks.ts`), on a real Redis
 * and the Redis fan-out: `publishRights` resolves with null only once every other process applied
 * the change (a slow one is waited for), and says so in words when one stays silent past the
 * bound (a live process that never acknowledges: a stuck one, or one cut from Redis), and waits
 * for no other subscriber of the channel (an operator's `redis-cli SUBSCRIBE`).
 */
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { connectRedisFanout } from '../../../server/fanout/redis.js';
import { connectionName, FENCE_MARGIN_MS, LEASE_MS, processesKey, renewLease } from '../../../server/fanout/live-processes.js';
import { RightsAcks } from '../../../server/fanout/rights-acks.js';
import type { FanoutHandlers, RightsChange } from '../../../server/sync/fanout.js';
import { startCuttableProxy } from '../../support/cuttable-proxy.js';
import { eventually } from '../../support/eventually.js';
import { servicesMissing } from '../../support/services.js';
import { useRedis } from '../../support/use-services.js';

const missing = servicesMissing();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const CHANGE: RightsChange = { hook: 'tokenRevoked', tokenId: 't-x' };

/** Handlers that apply a rights change `ms` late and record when it was applied. */
function slowHandlers(ms: number, applied: number[]): FanoutHandlers {
  const ignore = (): undefined => undefined;
  return {
    updates: ignore,
    awareness: ignore,
    presenceAsked: ignore,
    rights: () => sleep(ms).then(() => void applied.push(Date.now())),
    resync: ignore,
  };
}

describe.skipIf(missing !== null)('rights changes acknowledged across processes', () => {
  const redis = useRedis();

  it('resolves once every other process applied the change, the slow one too', async () => {
    const channel = `acks-${Date.now()}`;
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => connectRedisFanout(redis.url, { channel })));
    const applied: number[] = [];
    b!.listen(slowHandlers(0, applied));
    c!.listen(slowHandlers(600, applied));
    try {
      const words = await a!.publishRights(CHANGE);
      const answered = Date.now();
      expect(words).toBeNull();
      expect(applied).toHaveLength(2);
      expect(Math.max(...applied)).toBeLessThanOrEqual(answered);
    } finally {
      await Promise.all([a, b, c].map((f) => f!.close()));
    }
  }, 30_000);

  it('says in words, after the bound, that a silent live process did not confirm', async () => {
    const channel = `acks-silent-${Date.now()}`;
    const pub = new Redis(redis.url);
    // Named as a Samplan process's subscribed connection is: Redis holds it, so it is waited for.
    const silent = new Redis(redis.url, { connectionName: connectionName('stuck') });
    try {
      const acks = new RightsAcks(channel, 'me', 300);
      await silent.subscribe(channel);
      await Promise.all([renewLease(pub, channel, 'me'), renewLease(pub, channel, 'stuck')]);
      const started = Date.now();
      const words = await acks.publish(pub, CHANGE);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(words?.en).toMatch(/1 of 1 other server processes did not confirm/);
      expect(words?.sv).toMatch(/1 av 1 andra serverprocesser bekräftade den inte/);
    } finally {
      for (const conn of [pub, silent]) conn.disconnect();
    }
  }, 30_000);

  it('waits for no leased process without its named connection, unless names are missing altogether (no CLIENT SETNAME)', async () => {
    const channel = `acks-names-${Date.now()}`;
    const pub = new Redis(redis.url);
    const me = new Redis(redis.url, { connectionName: connectionName('me') });
    try {
      await Promise.all([renewLease(pub, channel, 'me'), renewLease(pub, channel, 'ghost')]);
      // Without the publisher's own name listed, the leases alone decide: the ghost is waited for.
      const unnamed = await new RightsAcks(channel, 'me', 300).publish(pub, CHANGE);
      expect(unnamed?.en).toMatch(/1 of 1 other server processes did not confirm/);
      await me.subscribe(channel);
      const started = Date.now();
      const named = await new RightsAcks(channel, 'me', 3000).publish(pub, CHANGE);
      expect(named).toBeNull();
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      for (const conn of [pub, me]) conn.disconnect();
    }
  }, 30_000);

  it('waits for no subscriber of the channel that is not a Samplan process (redis-cli SUBSCRIBE)', async () => {
    const channel = `acks-foreign-${Date.now()}`;
    const [a, b] = await Promise.all([1, 2].map(() => connectRedisFanout(redis.url, { channel })));
    const applied: number[] = [];
    b!.listen(slowHandlers(0, applied));
    const operator = new Redis(redis.url);
    try {
      await operator.subscribe(channel);
      const started = Date.now();
      const words = await a!.publishRights(CHANGE);
      const ms = Date.now() - started;
      console.log(`rights change with a foreign subscriber on the channel: answered in ${ms} ms, words ${JSON.stringify(words?.en ?? null)}`);
      expect(words).toBeNull();
      expect(applied).toHaveLength(1);
      expect(ms).toBeLessThan(2500);
    } finally {
      operator.disconnect();
      await Promise.all([a!.close(), b!.close()]);
    }
  }, 30_000);

  it('says in words that a live process cut from Redis without a reset (its connections still open) did not confirm it', async () => {
    const channel = `acks-held-${Date.now()}`;
    const proxy = await startCuttableProxy(redis.port);
    const [a, b] = await Promise.all([1, 2].map(() => connectRedisFanout(redis.url, { channel })));
    const c = await connectRedisFanout(`redis://127.0.0.1:${proxy.port}`, { channel });
    const applied: number[] = [];
    for (const f of [b!, c]) f.listen(slowHandlers(0, applied));
    try {
      proxy.hold();
      await sleep(200);
      const words = await a!.publishRights(CHANGE);
      console.log(`rights change with one of three processes held off Redis: words ${JSON.stringify(words?.en ?? null)}`);
      expect(applied).toHaveLength(1);
      expect(words?.en).toMatch(/1 of 2 other server processes did not confirm/);
      expect(words?.sv).toMatch(/1 av 2 andra serverprocesser bekräftade den inte/);
    } finally {
      proxy.release();
      await Promise.all([a!.close(), b!.close(), c.close()]);
      await proxy.close();
    }
  }, 30_000);

  it('waits for no process whose connection Redis dropped, and that process acts as cut at once', async () => {
    const channel = `acks-cut-${Date.now()}`;
    const proxy = await startCuttableProxy(redis.port);
    const [a, b] = await Promise.all([1, 2].map(() => connectRedisFanout(redis.url, { channel })));
    const c = await connectRedisFanout(`redis://127.0.0.1:${proxy.port}`, { channel });
    const applied: number[] = [];
    const cuts: boolean[] = [];
    b!.listen(slowHandlers(0, applied));
    c.listen({ ...slowHandlers(0, applied), cut: (on) => void cuts.push(on) });
    try {
      proxy.cut();
      await sleep(200);
      expect(cuts).toEqual([true]);
      expect(c.connected()).toBe(false);
      const started = Date.now();
      const words = await a!.publishRights(CHANGE);
      const ms = Date.now() - started;
      console.log(`rights change with one of three processes cut from Redis by a reset: answered in ${ms} ms, words ${JSON.stringify(words?.en ?? null)}`);
      expect(words).toBeNull();
      expect(ms).toBeLessThan(2500);
      proxy.mend();
      await eventually(() => cuts.length === 2, 15_000, 'the cut process heard again');
      expect(cuts).toEqual([true, false]);
    } finally {
      proxy.mend();
      await Promise.all([a!.close(), b!.close(), c.close()]);
      await proxy.close();
    }
  }, 30_000);

  it('a process whose lease is not renewed acts as cut before its lease runs out in Redis', async () => {
    const channel = `acks-fence-${Date.now()}`;
    const admin = new Redis(redis.url);
    const proxy = await startCuttableProxy(redis.port);
    const a = await connectRedisFanout(redis.url, { channel });
    const [aLeaseId] = await admin.zrange(processesKey(channel), 0, -1);
    // Production's margin on a shorter lease: c acts as cut about 2 s after it is held, not 8 s.
    const timing = { heartbeatMs: 500, leaseMs: 4000, fenceMarginMs: FENCE_MARGIN_MS };
    const c = await connectRedisFanout(`redis://127.0.0.1:${proxy.port}`, { channel, leaseTiming: timing });
    const ids = await admin.zrange(processesKey(channel), 0, -1);
    const cLeaseId = ids.find((id) => id !== aLeaseId);
    const cutAt: { leaseLeftMs: number }[] = [];
    // The reads are awaited before admin disconnects: one left running would reject after the test.
    const reads: Promise<void>[] = [];
    const applied: number[] = [];
    c.listen({
      ...slowHandlers(0, applied),
      cut: (on) => {
        if (!on) return;
        // Redis's clock against the end of c's lease there, read at once (admin's link is not held).
        reads.push(Promise.all([admin.time(), admin.zscore(processesKey(channel), cLeaseId ?? '')]).then(([[secs, micros], score]) => {
          cutAt.push({ leaseLeftMs: Number(score) - (Number(secs) * 1000 + Math.floor(Number(micros) / 1000)) });
        }));
      },
    });
    try {
      expect(ids).toHaveLength(2);
      proxy.hold();
      await eventually(() => cutAt.length > 0, timing.leaseMs + 5000, 'c acting as cut');
      console.log(`held off Redis, the process acted as cut with ${cutAt[0]!.leaseLeftMs} ms of its lease left in Redis (margin ${FENCE_MARGIN_MS} ms)`);
      expect(cutAt[0]!.leaseLeftMs).toBeGreaterThan(0);
      expect(c.connected()).toBe(false);
    } finally {
      proxy.release();
      await Promise.all([a.close(), c.close()]);
      await Promise.allSettled(reads);
      admin.disconnect();
      await proxy.close();
    }
  }, 40_000);

  it('keeps a process in the registry while it hears the channel, and takes it out when it closes', async () => {
    const channel = `acks-registry-${Date.now()}`;
    const admin = new Redis(redis.url);
    const a = await connectRedisFanout(redis.url, { channel });
    try {
      expect(await admin.zcard(processesKey(channel))).toBe(1);
      const [, score] = await admin.zrange(processesKey(channel), 0, -1, 'WITHSCORES');
      const [secs] = await admin.time();
      expect(Number(score) - Number(secs) * 1000).toBeGreaterThan(LEASE_MS - 3000);
    } finally {
      await a.close();
    }
    expect(await admin.zcard(processesKey(channel))).toBe(0);
    admin.disconnect();
  }, 30_000);

  it('answers within the bound when Redis holds the PUBLISH (paused), saying it could not be reached', async () => {
    const pub = new Redis(redis.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    const admin = new Redis(redis.url);
    pub.on('error', () => undefined);
    try {
      await Promise.all([pub.connect(), admin.ping()]);
      // Redis holds every client's commands for 3 s (as a stalled server would; UNPAUSE is held too).
      await admin.call('CLIENT', 'PAUSE', '3000', 'ALL');
      const started = Date.now();
      const words = await new RightsAcks('acks-paused', 'me', 300).publish(pub, CHANGE);
      const ms = Date.now() - started;
      expect(words?.en).toMatch(/Redis cannot be reached \(no answer to PUBLISH within 0.3 s\)/);
      expect(ms).toBeLessThan(2500);
    } finally {
      for (const conn of [pub, admin]) conn.disconnect();
    }
  }, 30_000);

  it('says in words at once that Redis cannot be reached', async () => {
    const pub = new Redis(redis.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    pub.on('error', () => undefined);
    const words = await new RightsAcks('acks-down', 'me', 300).publish(pub, CHANGE);
    expect(words?.en).toMatch(/Redis cannot be reached/);
  }, 30_000);
});
