/**
 * Rights changes acknowledged across processes (`server/fanout/rights-acks.ts`), on a real Redis
 * and the Redis fan-out: `publishRights` resolves with null only once every other process applied
 * the change (a slow one is waited for), and says so in words when one stays silent past the
 * bound (a subscriber that never acknowledges: a stuck process, or one of an earlier version).
 */
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { connectRedisFanout } from '../../../server/fanout/redis.js';
import { RightsAcks } from '../../../server/fanout/rights-acks.js';
import type { FanoutHandlers, RightsChange } from '../../../server/sync/fanout.js';
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

  it('says in words, after the bound, that a silent process did not confirm', async () => {
    const channel = `acks-silent-${Date.now()}`;
    const pub = new Redis(redis.url);
    const own = new Redis(redis.url);
    const silent = new Redis(redis.url);
    try {
      const acks = new RightsAcks(channel, 'me', 300);
      await Promise.all([own.subscribe(channel), silent.subscribe(channel)]);
      const started = Date.now();
      const words = await acks.publish(pub, CHANGE, true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(words?.en).toMatch(/1 of 1 other server processes did not confirm/);
      expect(words?.sv).toMatch(/1 av 1 andra serverprocesser bekräftade den inte/);
    } finally {
      for (const conn of [pub, own, silent]) conn.disconnect();
    }
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
      const words = await new RightsAcks('acks-paused', 'me', 300).publish(pub, CHANGE, false);
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
    const words = await new RightsAcks('acks-down', 'me', 300).publish(pub, CHANGE, false);
    expect(words?.en).toMatch(/Redis cannot be reached/);
  }, 30_000);
});
