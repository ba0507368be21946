/**
 * The Samplan server processes known live, kept in Redis beside the fan-out, so that a rights
 * change waits for the acknowledgements of exactly those (`rights-acks.ts`) — not for whatever
 * PUBLISH counts on the channel (an operator's `redis-cli SUBSCRIBE samplan:sync`, a monitoring
 * tool: counted, never acknowledging, so every change waited out the bound and answered
 * "unconfirmed"), and not only for the processes whose Redis link happened to be up when it was
 * published (one whose link was down was not counted, and the change answered "confirmed" while
 * that process still served the old right).
 *
 * The registry is one sorted set (`<channel>:processes`): member a process's fan-out id, score
 * the end of its lease in Redis's own clock (ms; `TIME`, so hosts' clocks do not matter). A
 * process enters itself once its subscription to the channel is in place and renews its lease
 * every {@link HEARTBEAT_MS} while it stays subscribed; it takes itself out when it closes. A
 * process that stops (killed, host gone) or cannot hear Redis is still counted until its lease
 * runs out ({@link LEASE_MS}): a change made meanwhile answers in words that it was not confirmed
 * by every process. Once the lease ran out it is no longer waited for; it reads the rights it
 * missed from the database (PostgreSQL's notice at once, its poll within `STORAGE_POLL_S`).
 */
import type { Redis } from 'ioredis';

/** How often a process renews its lease, in ms. */
export const HEARTBEAT_MS = 2000;
/**
 * How long a lease lasts, in ms: five heartbeats, so that an event loop held for seconds on a
 * loaded machine does not drop a live process out of the registry.
 */
export const LEASE_MS = 10_000;

/** The registry's key for the fan-out channel `channel`. */
export function processesKey(channel: string): string {
  return `${channel}:processes`;
}

/** Redis's clock in ms, inside a script (`TIME` answers seconds and microseconds). */
const NOW = `local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** `KEYS[1]` the registry, `ARGV[1]` the process id, `ARGV[2]` the lease in ms. */
const RENEW = `${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
return 1`;

/**
 * `KEYS[1]` the registry, `ARGV[1]` the channel, `ARGV[2]` the message: the processes live now
 * and the PUBLISH, in one step, so that a process entering itself after it is subscribed (and so
 * hears the message) and one counted are the same.
 */
const PUBLISH_TO_LIVE = `${NOW}
local live = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')
redis.call('PUBLISH', ARGV[1], ARGV[2])
return live`;

/**
 * Enter (or renew) process `id` in the registry of `channel` for {@link LEASE_MS}, on `conn`
 * (ready). Rejects with Redis's error when it cannot.
 */
export async function renewLease(conn: Redis, channel: string, id: string, leaseMs = LEASE_MS): Promise<void> {
  await conn.eval(RENEW, 1, processesKey(channel), id, String(leaseMs));
}

/** Take process `id` out of the registry of `channel` (it closes). Rejects with Redis's error. */
export async function leave(conn: Redis, channel: string, id: string): Promise<void> {
  await conn.zrem(processesKey(channel), id);
}

/**
 * Publish `message` on `channel` and answer the ids of the processes live in its registry at
 * that moment (the publisher included, if it is). Rejects with Redis's error.
 */
export async function publishToLive(conn: Redis, channel: string, message: Buffer): Promise<string[]> {
  const live = (await conn.eval(PUBLISH_TO_LIVE, 1, processesKey(channel), channel, message)) as unknown;
  return Array.isArray(live) ? live.map(String) : [];
}

/** What {@link keepLease} gives back. */
export interface Lease {
  /** Enter or renew now (after a resubscribe); resolves once done or failed (never rejects). */
  renew(): Promise<void>;
  /** Stop renewing and take the process out of the registry (best effort). */
  leave(): Promise<void>;
}

/**
 * Keep process `id` in the registry of `channel` while `hears()` (its subscription to the
 * channel is in place), renewing on `conn` every {@link HEARTBEAT_MS}. A process that does not
 * hear the channel does not renew: its lease runs out, and until then a change answers that it
 * was not confirmed. Failures are left to the lease and logged once per outage by `warn`.
 */
export function keepLease(conn: Redis, channel: string, id: string, hears: () => boolean, warn: (err: Error) => void): Lease {
  let failing = false;
  let stopped = false;
  const renew = async (): Promise<void> => {
    if (stopped || !hears() || conn.status !== 'ready') return;
    try {
      await renewLease(conn, channel, id);
      failing = false;
    } catch (err) {
      if (!failing) warn(err as Error);
      failing = true;
    }
  };
  const timer = setInterval(() => void renew(), HEARTBEAT_MS);
  timer.unref();
  return {
    renew,
    async leave() {
      stopped = true;
      clearInterval(timer);
      if (conn.status === 'ready') await leave(conn, channel, id).catch(() => undefined);
    },
  };
}
