/**
 * {@link Fanout} on Redis pub/sub through `ioredis`, a publishing and a subscribed connection per
 * process, and a third that sends a document's messages without reading replies (`quiet-publisher.ts`). A document's updates, presence, asks and take-backs go only to the other processes
 * that hold it: each holder listens on a channel of its own for the document, and a directory in
 * Redis says who holds it (`directory.ts`, which says why: no process hears its own messages back,
 * and a process holding nothing of a document hears nothing of it). Rights changes go on
 * `<channel>` itself, which every process hears, and each process acknowledges each there once
 * applied, so that the one that made it answers only then (`rights-acks.ts`); which processes must
 * is kept in a registry with leases (`live-processes.ts`). A process of an earlier version, which publishes
 * on `<channel>` or on a channel per document (`<channel>:doc:<workspace>:<doc>`, names
 * URI-encoded), is still heard.
 * Pub/sub keeps each publisher's order, and the sync layer
 * orders by storage sequence anyway; a message lost while Redis is down is read from storage
 * when the link is back (`resync`), so Redis holds nothing that matters and needs no persistence.
 * While Redis is unreachable publishing drops messages instead of queueing them without bound,
 * and the processes still see each other's writes through storage's data version, only slower.
 * Once it is back, each process enters itself in the directory again, reads what it missed and
 * asks for and re-publishes presence (`FanoutHandlers.resync`), as presence lives nowhere else.
 */
import { randomUUID } from 'node:crypto';
import { Redis, ReplyError } from 'ioredis';
import type { Logger } from 'pino';
import { networkCause, StartupError } from '../connect-errors.js';
import type { DocRef } from '../storage/storage.js';
import { loadRoute, type Route } from './directory.js';
import { connectionName, keepLease, LEASE_TIMING, type LeaseTiming } from './live-processes.js';
import { openQuietPublisher } from './quiet-publisher.js';
import { RightsAcks, unannounced } from './rights-acks.js';
import { decodeFanoutMessage, encodeFanoutMessage, type Fanout, type FanoutHandlers, type FanoutMessage, type RightsChange } from '../sync/fanout.js';

/**
 * How long `close()` waits for Redis to answer the leaving commands (lease, directory, QUIT), in
 * ms, before it drops the connections: a process asked to stop with its Redis gone still exits.
 */
const CLOSE_POLITE_MS = 2000;

/** Options of {@link connectRedisFanout}. */
export interface RedisFanoutOptions {
  logger?: Logger;
  /** Channel name; processes sharing a database must share it (default `samplan:sync`). */
  channel?: string;
  /** The times of this process's lease in the registry of live processes (default {@link LEASE_TIMING}; shorter in tests). */
  leaseTiming?: LeaseTiming;
}

/**
 * Connect to Redis at `url`; resolves once subscribed, rejects with a sentence when Redis cannot
 * be reached within 5 s at start. Later outages are retried for ever (growing pauses up to 2 s).
 *
 * @example
 * const fanout = await connectRedisFanout('redis://127.0.0.1:6379', { logger });
 * const app = createApp({ storage, fanout, ... });
 */
export async function connectRedisFanout(url: string, opts: RedisFanoutOptions = {}): Promise<Fanout> {
  const channel = opts.channel ?? 'samplan:sync';
  const origin = randomUUID();
  const common = { retryStrategy: (times: number) => Math.min(100 * times, 2000), lazyConnect: true };
  // Each publish is written to the socket as it is made, before the room relays to its own peers
  // (`CommitLog`): with auto-pipelining it waited for a setImmediate, after every local relay and
  // the rest of that I/O phase, and the other processes' readers, two thirds of them with three
  // processes, waited with it. Pub/sub keeps the order of one connection's publishes either way.
  const pub = new Redis(url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  // The subscription is renewed below, so that the catch-up starts only once it is in place.
  // Named, so that a rights change waits for this process only while Redis holds this connection (`live-processes.ts`).
  const sub = new Redis(url, { ...common, maxRetriesPerRequest: null, autoResubscribe: false, connectionName: connectionName(origin) });
  // A document's messages go on a third connection that reads no replies (`quiet-publisher.ts`);
  // while that one is not set up, on `pub`.
  const quiet = openQuietPublisher(url, origin, common, opts.logger);
  /** The documents loaded here, by their holders key: subscribed and entered again after a reconnect. */
  const watched = new Map<string, DocRef>();
  const names = (ref: DocRef) => {
    const doc = `${encodeURIComponent(ref.workspace)}:${encodeURIComponent(ref.doc)}`;
    const legacy = `${channel}:doc:${doc}`;
    return { holders: `${channel}:holders:${doc}`, prefix: `${legacy}:`, own: `${legacy}:${origin}`, legacy };
  };
  let route: Route | null = null;
  let handlers: FanoutHandlers | null = null;
  let down = false;
  /** A connection was lost since the last catch-up: messages may have been missed both ways. */
  let missed = false;
  /** The subscribed connection holds the subscription now. */
  let subscribed = false;
  let started = false;
  /** The last connection error, which says why a first connect failed ("Connection is closed" does not). */
  let lastError: Error | null = null;
  for (const conn of [pub, sub]) {
    conn.on('error', (err: Error) => {
      lastError = err;
      // Before the first connect the start fails with a sentence instead (below).
      if (!started) return;
      if (!down) opts.logger?.warn({ err: err.message }, 'Redis unreachable; other processes are seen through storage until it is back');
      down = true;
    });
    conn.on('close', () => {
      if (!started) return;
      missed = true;
      if (conn === sub) {
        subscribed = false;
        lease.lost();
      }
    });
  }
  /** Enter this process as a holder of every loaded document (after its channels are subscribed). */
  const enter = async (): Promise<void> => {
    if (watched.size === 0) return;
    const batch = pub.pipeline();
    for (const holders of watched.keys()) batch.sadd(holders, origin);
    const results = (await batch.exec()) ?? [];
    const failed = results.find(([err]) => err);
    if (failed) throw failed[0] as Error;
  };
  // Once both connections are back and subscribed, and this process is in the directory again,
  // the sync layer reads what it missed from storage and asks for and re-publishes presence
  // (`FanoutHandlers.resync`): a publish made earlier would be lost.
  let catchingUp = false;
  const catchUp = (): void => {
    if (catchingUp || !missed || !subscribed || pub.status !== 'ready' || !handlers) return;
    catchingUp = true;
    missed = false;
    enter().then(
      () => {
        catchingUp = false;
        if (down) opts.logger?.info('Redis reachable again; catching up from storage');
        down = false;
        handlers?.resync();
      },
      (err: unknown) => {
        // The connection dropped again (its close sets `missed`, and its return catches up) or
        // Redis refused: try once more at the next reconnect.
        catchingUp = false;
        missed = true;
        opts.logger?.warn({ err: (err as Error).message }, 'entering this process in the Redis directory again failed');
      },
    );
  };
  const channelsOf = (ref: DocRef): string[] => {
    const n = names(ref);
    return [n.own, n.legacy];
  };
  sub.on('ready', () => {
    if (!started) return;
    sub.subscribe(channel, ...[...watched.values()].flatMap(channelsOf)).then(
      () => {
        subscribed = true;
        void lease.renew();
        catchUp();
      },
      (err: unknown) => opts.logger?.warn({ err: (err as Error).message }, 'subscribing to Redis again failed'),
    );
  });
  pub.on('ready', () => {
    if (!started) return;
    // A restarted Redis has forgotten the routing step; the load is written before any message.
    loadRoute(pub, origin).then(
      (r) => {
        route = r;
        catchUp();
      },
      (err: unknown) => opts.logger?.error({ err: (err as Error).message }, 'loading the fan-out routing into Redis failed'),
    );
  });
  const acks = new RightsAcks(channel, origin);
  // Renewed only while subscribed: a process that cannot hear the channel is not claimed live.
  const lease = keepLease(
    pub,
    channel,
    origin,
    () => subscribed,
    (err) => opts.logger?.warn({ err: err.message }, 'renewing this process in the Redis registry of live processes failed'),
    (cut) => {
      if (cut) opts.logger?.warn('cut from the other processes over Redis; reading rights from storage at the fast rate until back');
      handlers?.cut?.(cut);
    },
    opts.leaseTiming ?? LEASE_TIMING,
  );
  /** Apply a rights change of another process, then acknowledge it when its sender waits (`rights-acks.ts`). */
  const applyRights = (h: FanoutHandlers, change: RightsChange, ack: string | undefined): void => {
    void (async () => {
      try {
        await h.rights(change);
      } catch (err) {
        opts.logger?.error({ err }, 'applying a rights change of another process failed');
        return;
      }
      if (ack !== undefined && pub.status === 'ready') pub.publish(channel, encode({ origin, kind: 'applied', id: ack })).catch(() => undefined);
    })();
  };
  sub.on('messageBuffer', (_channel: Buffer, message: Buffer) => {
    const msg = decodeFanoutMessage(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
    if (!msg || msg.origin === origin) return;
    // Heard whether or not this process listens itself: it may wait for them all the same.
    if (msg.kind === 'applied') return acks.heard(msg.id, msg.origin);
    if (!handlers) return;
    try {
      if (msg.kind === 'rights') applyRights(handlers, msg.change, msg.ack);
      else deliver(handlers, msg);
    } catch (err) {
      opts.logger?.error({ err }, 'applying a message of another process failed');
    }
  });
  try {
    await withTimeout(Promise.all([pub.connect(), sub.connect()]), 5000);
    await sub.subscribe(channel);
    route = await loadRoute(pub, origin);
    await withTimeout(quiet.started, 5000).catch(() => undefined);
    subscribed = true;
    await lease.renew();
    started = true;
  } catch (err) {
    void lease.leave();
    quiet.close();
    pub.disconnect();
    sub.disconnect();
    const at = redactRedis(url);
    if (lastError === null && err instanceof Error && err instanceof ReplyError) {
      throw new StartupError(
        {
          sv: `Redis på ${at} (--redis-url eller SAMPLAN_REDIS_URL) vägrade spridningens dirigeringsskript: ${err.message}.`,
          en: `Redis at ${at} (--redis-url or SAMPLAN_REDIS_URL) refused the fan-out's routing script: ${err.message}.`,
        },
        err,
      );
    }
    const why = networkCause(lastError ?? err, url, '6379');
    throw new StartupError({ sv: `Kan inte nå Redis på ${at} (--redis-url eller SAMPLAN_REDIS_URL): ${why.sv}.`, en: `Cannot reach Redis at ${at} (--redis-url or SAMPLAN_REDIS_URL): ${why.en}.` }, lastError ?? err);
  }
  const encode = (msg: FanoutMessage): Buffer => {
    const bytes = encodeFanoutMessage(msg);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
  /** To the other holders of `ref` only (`directory.ts`). */
  const toHolders = (ref: DocRef, msg: FanoutMessage): void => {
    if (pub.status !== 'ready' || !route) return;
    const n = names(ref);
    const bytes = encode(msg);
    if (!quiet.send(n.holders, n.prefix, bytes)) route(n.holders, n.prefix, bytes);
  };
  return {
    publishUpdates: (ref, firstSeq, updates) => toHolders(ref, { origin, kind: 'updates', ref, firstSeq, updates: [...updates] }),
    publishAwareness: (ref, frame) => toHolders(ref, { origin, kind: 'awareness', ref, frame }),
    askPresence: (ref) => toHolders(ref, { origin, kind: 'ask', ref }),
    publishTakeBacks: (ref, bytes) => toHolders(ref, { origin, kind: 'takeBacks', ref, bytes }),
    flush: () => quiet.flush(),
    publishRights: (change) => {
      // After the documents' messages of this turn, which the quiet connection may still hold: a
      // process's messages reach the others in the order it sent them, rights changes included.
      quiet.flush();
      if (pub.status !== 'ready') return Promise.resolve(unannounced(lastError?.message ?? null));
      return acks.publish(pub, change);
    },
    connected: () => pub.status === 'ready' && subscribed && !lease.cut(),
    async watch(ref) {
      const n = names(ref);
      watched.set(n.holders, ref);
      // While Redis is down this waits in the connection's queue; the catch-up after the reconnect
      // enters this process in the directory and reads what the room missed meanwhile (`resync`).
      await sub.subscribe(...channelsOf(ref));
      // Only once subscribed: from the entry on, every message of the document is heard here.
      if (watched.has(n.holders) && pub.status === 'ready') await pub.sadd(n.holders, origin).catch(() => undefined);
    },
    unwatch(ref) {
      const n = names(ref);
      if (!watched.delete(n.holders)) return;
      if (pub.status === 'ready') pub.srem(n.holders, origin).catch(() => undefined);
      // Queued after a subscribe still waiting, so that the two cancel out. Were the entry above
      // lost, the next message finds the channel unheard and takes it out (`directory.ts`).
      sub.unsubscribe(...channelsOf(ref)).catch(() => undefined);
    },
    listen(h) {
      handlers = h;
    },
    async close() {
      handlers = null;
      started = false;
      // Leaving politely (the lease, this process in the directory, QUIT) needs Redis to answer: a
      // link that is cut queues the commands for a connection that may never come, a held one
      // never answers. So it gets a bound, and the connections are dropped after it either way.
      const polite = async (): Promise<void> => {
        await lease.leave();
        if (pub.status === 'ready' && watched.size > 0) {
          const batch = pub.pipeline();
          for (const holders of watched.keys()) batch.srem(holders, origin);
          await batch.exec().catch(() => undefined);
        }
        await Promise.allSettled([pub, sub].filter((c) => c.status === 'ready').map((c) => c.quit()));
      };
      await withTimeout(polite(), CLOSE_POLITE_MS).catch(() => undefined);
      quiet.close();
      pub.disconnect();
      sub.disconnect();
    },
  };
}

function deliver(h: FanoutHandlers, msg: Exclude<FanoutMessage, { kind: 'rights' | 'applied' }>): void {
  if (msg.kind === 'updates') h.updates(msg.ref, msg.firstSeq, msg.updates);
  else if (msg.kind === 'awareness') h.awareness(msg.ref, msg.frame);
  else if (msg.kind === 'ask') h.presenceAsked(msg.ref);
  else h.takeBacks?.(msg.ref, msg.bytes);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}

function redactRedis(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
}
