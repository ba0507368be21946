/**
 * Rights changes the CLI makes (`token revoke`, `member add` changing a member, `member remove`) told to the
 * running server processes through Redis, as a REST route on one of them would tell the others
 * (`fanout.ts`): their open sockets are decided again at once. Without `--redis-url` /
 * `SAMPLAN_REDIS_URL`, or when Redis cannot be reached, the servers still see the change in
 * storage (at the next socket, or within the half-second rights poll); the CLI then says so.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { encodeFanoutMessage, type RightsChange } from './sync/fanout.js';

/** The fan-out channel the servers listen on (`connectRedisFanout`'s default). */
const CHANNEL = 'samplan:sync';

/**
 * Publish `change` on Redis at `redisUrl` (null: do nothing). Resolves with a sentence for the
 * terminal when the servers could not be told directly, else null; never rejects, as the change
 * itself is already stored.
 */
export async function announceRightsChange(redisUrl: string | null, change: RightsChange): Promise<string | null> {
  if (!redisUrl) return null;
  const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.publish(CHANNEL, Buffer.from(encodeFanoutMessage({ origin: `cli-${randomUUID()}`, kind: 'rights', change })));
    return null;
  } catch (err) {
    return `Redis could not be reached (${(err as Error).message}); running servers notice the change within half a second.`;
  } finally {
    redis.disconnect();
  }
}
