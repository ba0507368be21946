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
 * every {@link HEARTBEAT_MS} while it stays subscribed; it takes itself out when it closes. Its
 * subscribed connection carries its name ({@link connectionName}), and a process counts only while
 * Redis holds that connection: one killed (even by `kill -9`) or whose link was reset is not waited
 * for at all. One that hangs, or is cut off without either side seeing the connection close, is
 * counted until its lease runs out ({@link LEASE_MS}): a change made meanwhile answers in words
 * that it was not confirmed by every process. Such a process knows when it last renewed: from
 * {@link FENCE_MARGIN_MS} before its lease runs out (and at once when it sees its subscription
 * close) it acts as cut ({@link keepLease}), reading rights from the database at once and then at
 * its fast rate, and checking the rights version before it takes any frame (`server/sync/rights-fence.ts`),
 * so that no write is taken there on a right older than a change confirmed without it.
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
 * The name (`CLIENT SETNAME`) of process `id`'s subscribed connection: `samplan:<id>`. Redis
 * drops a connection from `CLIENT LIST` as soon as its TCP connection closes (a process killed,
 * even by `kill -9`, or one whose link was cut with a reset), long before its lease runs out.
 */
export function connectionName(id: string): string {
  return `samplan:${id}`;
}

/** The names of the connections in a `CLIENT LIST` answer (one line per connection, `name=…` among its fields). */
export function namesOf(list: string): Set<string> {
  const names = new Set<string>();
  for (const m of list.matchAll(/(?:^|\s)name=(\S+)/g)) names.add(m[1]!);
  return names;
}

/**
 * Publish `message` on `channel` and answer the ids of the processes live at that moment (the
 * publisher included, if it is): those with a lease in its registry whose subscribed connection
 * ({@link connectionName}) Redis still holds. A process that died is thus not waited for at all,
 * while one that hangs (its connection open, its lease running) is, until its lease runs out.
 * `CLIENT` cannot run inside a script, so `CLIENT LIST TYPE pubsub` follows the script in the same
 * pipeline: a process absent then either heard the message before its connection closed or has
 * no connection to hear it on (and reads its rights from storage once back, `FanoutHandlers.resync`).
 * Where Redis refuses `CLIENT LIST` (an ACL without it), or the names are not there (the
 * publisher `self`'s own connection is not listed by its name: an ACL without `CLIENT SETNAME`),
 * the leases alone decide, as before: an unnamed connection must not make every process look dead.
 * Rejects with Redis's error when the script fails.
 */
export async function publishToLive(conn: Redis, channel: string, message: Buffer, self: string): Promise<string[]> {
  const answers = (await conn.pipeline().eval(PUBLISH_TO_LIVE, 1, processesKey(channel), channel, message).client('LIST', 'TYPE', 'PUBSUB').exec()) ?? [];
  const [[scriptErr, live] = [new Error('no answer to the publish script'), null], [listErr, list] = [null, null]] = answers;
  if (scriptErr) throw scriptErr;
  const leased = Array.isArray(live) ? live.map(String) : [];
  if (listErr || typeof list !== 'string') return leased;
  const connected = namesOf(list);
  if (!connected.has(connectionName(self))) return leased;
  return leased.filter((id) => connected.has(connectionName(id)));
}

/** What {@link keepLease} gives back. */
export interface Lease {
  /** Enter or renew now (after a resubscribe), or join the renewal under way; resolves once done or failed (never rejects). */
  renew(): Promise<void>;
  /** The subscription is lost (its connection closed): act as cut at once, until a renewal succeeds again. */
  lost(): void;
  /** True while this process acts as cut (see {@link keepLease}). */
  cut(): boolean;
  /** Stop renewing and take the process out of the registry (best effort). */
  leave(): Promise<void>;
}

/**
 * How long before its lease runs out in Redis a process whose renewals do not succeed acts as cut,
 * in ms: a margin for timers that run late on a loaded machine and for clocks that drift apart
 * (the lease's end is counted here from when the renewal was sent, before Redis read its clock).
 */
export const FENCE_MARGIN_MS = 2000;

/**
 * The times of a lease, in ms: how often it is renewed, how long it lasts in Redis, and how long
 * before its end an unrenewed process acts as cut. Production uses {@link LEASE_TIMING}; a test may
 * pass shorter ones so as not to wait out ten seconds (the heartbeat must stay well under the
 * lease less the margin).
 */
export interface LeaseTiming {
  heartbeatMs: number;
  leaseMs: number;
  fenceMarginMs: number;
}

/** {@link HEARTBEAT_MS}, {@link LEASE_MS} and {@link FENCE_MARGIN_MS}. */
export const LEASE_TIMING: LeaseTiming = { heartbeatMs: HEARTBEAT_MS, leaseMs: LEASE_MS, fenceMarginMs: FENCE_MARGIN_MS };

/**
 * Keep process `id` in the registry of `channel` while `hears()` (its subscription to the
 * channel is in place), renewing on `conn` every {@link HEARTBEAT_MS} (the times are `timing`'s,
 * {@link LEASE_TIMING} unless given). A process that does not
 * hear the channel does not renew: its lease runs out, and until then a change answers that it
 * was not confirmed. Failures are left to the lease and logged once per outage by `warn`.
 *
 * Fenced: once a process is no longer waited for, a change may be confirmed without it, so it
 * must not go on serving rights it may not have heard of. It acts as cut — `onCut(true)` — as soon
 * as its subscription is {@link Lease.lost}, and when no renewal has succeeded for
 * {@link LEASE_MS} − {@link FENCE_MARGIN_MS} (counted from when the last good one was sent, on
 * this process's monotonic clock), which is before its lease runs out in Redis: a partition where
 * neither side sees the connection close (the process's renewals just go unanswered). `onCut(false)`
 * once a renewal succeeds again. What acting as cut means is the sync layer's
 * (`FanoutHandlers.cut`): it reads rights from storage at once and then at its fast rate. One timer,
 * re-armed at each renewal: it fires only when renewals stop. A renewal is sent only once the one
 * before it settled ({@link Lease.renew} meanwhile resolves with the one under way).
 */
export function keepLease(
  conn: Redis,
  channel: string,
  id: string,
  hears: () => boolean,
  warn: (err: Error) => void,
  onCut: (cut: boolean) => void = () => undefined,
  timing: LeaseTiming = LEASE_TIMING,
): Lease {
  let failing = false;
  let stopped = false;
  let cut = false;
  const setCut = (on: boolean): void => {
    if (cut === on || stopped) return;
    cut = on;
    onCut(on);
  };
  let fence: NodeJS.Timeout | null = null;
  const fenceAt = (deadline: number): void => {
    if (fence) clearTimeout(fence);
    fence = setTimeout(() => setCut(true), Math.max(0, deadline - performance.now()));
    fence.unref();
  };
  // One renewal at a time: in a partition where neither side sees the connection close, the link
  // stays 'ready' and each command waits for an answer that does not come; one sent every
  // heartbeat regardless piled up in ioredis's command queue until TCP gave up (a new one is
  // pointless anyway: it would be answered after the one before).
  let inFlight: Promise<void> | null = null;
  const renew = (): Promise<void> =>
    (inFlight ??= renewOnce().finally(() => {
      inFlight = null;
    }));
  const renewOnce = async (): Promise<void> => {
    if (stopped || !hears() || conn.status !== 'ready') return;
    const sent = performance.now();
    try {
      await renewLease(conn, channel, id, timing.leaseMs);
      failing = false;
      if (stopped) return;
      fenceAt(sent + timing.leaseMs - timing.fenceMarginMs);
      setCut(false);
    } catch (err) {
      if (!failing) warn(err as Error);
      failing = true;
    }
  };
  const timer = setInterval(() => void renew(), timing.heartbeatMs);
  timer.unref();
  return {
    renew,
    lost: () => setCut(true),
    cut: () => cut,
    async leave() {
      stopped = true;
      clearInterval(timer);
      if (fence) clearTimeout(fence);
      if (conn.status === 'ready') await leave(conn, channel, id).catch(() => undefined);
    },
  };
}
