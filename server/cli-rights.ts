/**
 * Rights changes the CLI makes (`token revoke`, `member add` changing a member, `member remove`) told to the
 * running server processes through Redis, as a REST route on one of them would tell the others
 * (`fanout.ts`): their open sockets are decided again at once, and the command returns only once
 * every server process listening acknowledged the change (`server/fanout/rights-acks.ts`), so that
 * no frame the member sends after it is stored. Without `--redis-url` / `SAMPLAN_REDIS_URL`, or
 * when Redis cannot be reached or a process does not answer in time, the servers still see the
 * change in storage (on PostgreSQL's notice, or within their rights poll); the CLI then says so
 * (on PostgreSQL without Redis too; SQLite's one server reads the file's changes as committed).
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { decodeFanoutMessage, encodeFanoutMessage, type RightsChange } from './sync/fanout.js';
import { connectionName } from './fanout/live-processes.js';
import { RightsAcks, unannounced, unannouncedWithoutRedis } from './fanout/rights-acks.js';
import type { Localized } from '../shared/schema/types.js';

/** The fan-out channel the servers listen on (`connectRedisFanout`'s default). */
const CHANNEL = 'samplan:sync';

/** Where a command's rights change is told: the Redis of `--redis-url` (null: none), and whether the store is PostgreSQL. */
export interface RightsAnnounce {
  redisUrl: string | null;
  postgres: boolean;
}

/**
 * Publish `change` on Redis at `redisUrl` and wait for the server processes' acknowledgements (at
 * most `ACK_BOUND_MS`). Resolves with a sentence in both languages for the terminal when that could not be
 * confirmed, else null; never rejects, as the change itself is already stored. Without Redis: on
 * PostgreSQL the sentence that no server confirmed it ({@link unannouncedWithoutRedis}); on SQLite
 * null, as the file's one server reads the change when it is committed (`Storage.watchChanges`).
 */
export async function announceRightsChange({ redisUrl, postgres }: RightsAnnounce, change: RightsChange): Promise<Localized | null> {
  if (!redisUrl) return postgres ? unannouncedWithoutRedis() : null;
  const options = { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null };
  const origin = `cli-${randomUUID()}`;
  const pub = new Redis(redisUrl, options);
  // Named as a server's is, so that Redis's list of connections tells which processes are gone (`live-processes.ts`).
  const sub = new Redis(redisUrl, { ...options, connectionName: connectionName(origin) });
  const acks = new RightsAcks(CHANNEL, origin);
  for (const conn of [pub, sub]) conn.on('error', () => undefined);
  sub.on('messageBuffer', (_channel: Buffer, message: Buffer) => {
    const msg = decodeFanoutMessage(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
    if (msg?.kind === 'applied') acks.heard(msg.id, msg.origin);
    // A server process of an earlier version counts this subscription (PUBLISH's count) for every
    // change made meanwhile: it holds no socket to apply it to, so it acknowledges at once, else
    // that change would wait out the bound. Current processes wait only for the live ones
    // (`live-processes.ts`), which a command is not.
    else if (msg?.kind === 'rights' && msg.ack !== undefined && msg.origin !== origin && pub.status === 'ready') {
      pub.publish(CHANNEL, Buffer.from(encodeFanoutMessage({ origin, kind: 'applied', id: msg.ack }))).catch(() => undefined);
    }
  });
  try {
    await Promise.all([pub.connect(), sub.connect()]);
    await sub.subscribe(CHANNEL);
    const words = await acks.publish(pub, change);
    return words ?? null;
  } catch (err) {
    return unannounced((err as Error).message);
  } finally {
    pub.disconnect();
    sub.disconnect();
  }
}
