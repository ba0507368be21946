/**
 * The Redis fan-out closes (so `serve` exits on SIGTERM) whatever its link to Redis is doing:
 * cut (every connection dropped, new ones refused: ioredis reconnects and queues `QUIT` behind
 * a connection that never comes) or held (the connection open, nothing answered). A server asked
 * to stop with its Redis gone stopped listening and never exited.
 */
import { describe, expect, it } from 'vitest';
import { connectRedisFanout } from '../../../server/fanout/redis.js';
import { startCuttableProxy } from '../../support/cuttable-proxy.js';
import { servicesMissing } from '../../support/services.js';
import { useRedis } from '../../support/use-services.js';

const missing = servicesMissing();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.skipIf(missing !== null)('closing the Redis fan-out', () => {
  const redis = useRedis();

  for (const how of ['cut', 'hold'] as const) {
    it(`ends within a bound while the link to Redis is ${how === 'cut' ? 'cut' : 'held'}`, async () => {
      const proxy = await startCuttableProxy(redis.port);
      try {
        const fanout = await connectRedisFanout(`redis://127.0.0.1:${proxy.port}`, { channel: `close-${how}-${Date.now()}` });
        fanout.listen({ updates() {}, awareness() {}, presenceAsked() {}, rights: () => Promise.resolve(), resync() {} });
        if (how === 'cut') proxy.cut();
        else proxy.hold();
        await sleep(300);
        const started = Date.now();
        const ended = await Promise.race([fanout.close().then(() => true), sleep(15_000).then(() => false)]);
        expect(ended).toBe(true);
        expect(Date.now() - started).toBeLessThan(10_000);
      } finally {
        proxy.mend();
        proxy.release();
        await proxy.close().catch(() => undefined);
      }
    }, 40_000);
  }
});
