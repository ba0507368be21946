/**
 * Rights changes the CLI announces on Redis while another is being announced (`cli-rights.ts`):
 * each command's subscription is counted by the other's PUBLISH, so each must acknowledge the
 * other's change (it holds no socket to apply it to), or both wait out the bound and say falsely
 * that a server process did not confirm.
 */
import { describe, expect, it } from 'vitest';
import { announceRightsChange } from '../../../server/cli-rights.js';
import { connectRedisFanout } from '../../../server/fanout/redis.js';
import type { RightsChange } from '../../../server/sync/fanout.js';
import { servicesMissing } from '../../support/services.js';
import { useRedis } from '../../support/use-services.js';

const missing = servicesMissing();

describe.skipIf(missing !== null)('rights changes announced by several samplan commands at once', () => {
  const redis = useRedis();

  it('each is confirmed by the server process alone, with no words of an unconfirmed process', async () => {
    const server = await connectRedisFanout(redis.url);
    const applied: string[] = [];
    const none = (): undefined => undefined;
    server.listen({
      updates: none,
      awareness: none,
      presenceAsked: none,
      resync: none,
      rights: (change: RightsChange) => void applied.push(change.hook === 'tokenRevoked' ? change.tokenId : change.hook),
    });
    try {
      const tokens = ['t-1', 't-2', 't-3', 't-4'];
      const started = Date.now();
      const words = await Promise.all(tokens.map((tokenId) => announceRightsChange({ redisUrl: redis.url, postgres: true }, { hook: 'tokenRevoked', tokenId })));
      const ms = Date.now() - started;
      console.log(`4 concurrent announcements answered in ${ms} ms: ${JSON.stringify(words)}`);
      expect(words).toEqual([null, null, null, null]);
      expect([...applied].sort()).toEqual(tokens);
    } finally {
      await server.close();
    }
  }, 30_000);
});
