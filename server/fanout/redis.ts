/**
 * {@link Fanout} on Redis pub/sub through `ioredis`, one publishing and one subscribed connection
 * per process. A document's updates, presence, asks and take-backs go on a channel of its own
 * (`<channel>:doc:<workspace>:<doc>`, names URI-encoded), which a process subscribes to while it
 * has the document loaded (`watch`); rights changes go on `<channel>` itself, which every process
 * hears. So a message wakes only the processes that hold its document, not all of them: with one
 * channel for everything, each process read and decoded every edit of every document (at 100
 * documents on three processes, a third of what each received was for documents it did not hold).
 * A process of an earlier version, which publishes updates on `<channel>`, is still heard.
 * Pub/sub keeps each publisher's order, and the sync layer
 * orders by storage sequence anyway; a message lost while Redis is down is read from storage
 * when the link is back (`resync`), so Redis holds nothing that matters and needs no persistence.
 * While Redis is unreachable publishing drops messages instead of queueing them without bound,
 * and the processes still see each other's writes through storage's data version, only slower.
 * Once it is back, each process reads what it missed and asks for and re-publishes presence
 * (`FanoutHandlers.resync`), as presence lives nowhere else.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { networkCause, StartupError } from '../connect-errors.js';
import type { DocRef } from '../storage/storage.js';
import { decodeFanoutMessage, encodeFanoutMessage, type Fanout, type FanoutHandlers, type FanoutMessage } from '../sync/fanout.js';

/** Options of {@link connectRedisFanout}. */
export interface RedisFanoutOptions {
  logger?: Logger;
  /** Channel name; processes sharing a database must share it (default `samplan:sync`). */
  channel?: string;
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
  const sub = new Redis(url, { ...common, maxRetriesPerRequest: null, autoResubscribe: false });
  /** The channels of the documents loaded here, subscribed again after a reconnect. */
  const watched = new Set<string>();
  const docChannel = (ref: DocRef): string => `${channel}:doc:${encodeURIComponent(ref.workspace)}:${encodeURIComponent(ref.doc)}`;
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
      if (conn === sub) subscribed = false;
    });
  }
  // Once both connections are back and subscribed, the sync layer reads what it missed from storage
  // and asks for and re-publishes presence (`FanoutHandlers.resync`): a publish made earlier would be lost.
  const catchUp = (): void => {
    if (!missed || !subscribed || pub.status !== 'ready' || !handlers) return;
    missed = false;
    if (down) opts.logger?.info('Redis reachable again; catching up from storage');
    down = false;
    handlers.resync();
  };
  sub.on('ready', () => {
    if (!started) return;
    sub.subscribe(channel, ...watched).then(
      () => {
        subscribed = true;
        catchUp();
      },
      (err: unknown) => opts.logger?.warn({ err: (err as Error).message }, 'subscribing to Redis again failed'),
    );
  });
  pub.on('ready', catchUp);
  sub.on('messageBuffer', (_channel: Buffer, message: Buffer) => {
    const msg = decodeFanoutMessage(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
    if (!msg || msg.origin === origin || !handlers) return;
    try {
      deliver(handlers, msg);
    } catch (err) {
      opts.logger?.error({ err }, 'applying a message of another process failed');
    }
  });
  try {
    await withTimeout(Promise.all([pub.connect(), sub.connect()]), 5000);
    await sub.subscribe(channel);
    subscribed = true;
    started = true;
  } catch (err) {
    pub.disconnect();
    sub.disconnect();
    const why = networkCause(lastError ?? err, url, '6379');
    throw new StartupError(`Cannot reach Redis at ${redactRedis(url)} (--redis-url or SAMPLAN_REDIS_URL): ${why}.`, lastError ?? err);
  }
  const publish = (to: string, msg: FanoutMessage): void => {
    if (pub.status !== 'ready') return;
    const bytes = encodeFanoutMessage(msg);
    pub.publish(to, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).catch(() => undefined);
  };
  return {
    publishUpdates: (ref, firstSeq, updates) => publish(docChannel(ref), { origin, kind: 'updates', ref, firstSeq, updates: [...updates] }),
    publishAwareness: (ref, frame) => publish(docChannel(ref), { origin, kind: 'awareness', ref, frame }),
    askPresence: (ref) => publish(docChannel(ref), { origin, kind: 'ask', ref }),
    publishTakeBacks: (ref, bytes) => publish(docChannel(ref), { origin, kind: 'takeBacks', ref, bytes }),
    publishRights: (change) => publish(channel, { origin, kind: 'rights', change }),
    connected: () => pub.status === 'ready' && subscribed,
    async watch(ref) {
      const to = docChannel(ref);
      watched.add(to);
      // While Redis is down this waits in the connection's queue; the catch-up after the reconnect
      // (`resync`) reads what the room missed meanwhile.
      await sub.subscribe(to);
    },
    unwatch(ref) {
      const to = docChannel(ref);
      if (!watched.delete(to)) return;
      // Queued after a subscribe still waiting, so that the two cancel out.
      sub.unsubscribe(to).catch(() => undefined);
    },
    listen(h) {
      handlers = h;
    },
    async close() {
      handlers = null;
      started = false;
      await Promise.allSettled([pub.quit(), sub.quit()]);
      pub.disconnect();
      sub.disconnect();
    },
  };
}

function deliver(h: FanoutHandlers, msg: FanoutMessage): void {
  if (msg.kind === 'updates') h.updates(msg.ref, msg.firstSeq, msg.updates);
  else if (msg.kind === 'awareness') h.awareness(msg.ref, msg.frame);
  else if (msg.kind === 'ask') h.presenceAsked(msg.ref);
  else if (msg.kind === 'takeBacks') h.takeBacks?.(msg.ref, msg.bytes);
  else h.rights(msg.change);
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
