/**
 * The fan-out's messages sent on a Redis connection that gets no replies (`CLIENT REPLY OFF`),
 * so that the publishing process is not woken to read one per message.
 *
 * Every committed edit is published once (`directory.ts`: `FCALL samplan_publish`). Its reply, the
 * number of holders reached, is of no use to the sender: the routing step itself takes out the
 * holders nobody hears, and a message that fails is read from storage by the others anyway. Yet on
 * the connection that publishes with replies each reply arrives a little after the commit's local
 * relay, when the process has gone back to waiting: one more wakeup and read system call of the
 * writing process per edit, and a parse and a promise settled for nothing.
 *
 * This connection loads the routing step and checks that the server takes `CLIENT REPLY` (with
 * replies, through `ioredis`), then turns replies off and from then on writes each message to the
 * socket itself as one RESP command (`ioredis` pairs every command with a reply, so it no longer
 * sends any on this connection). A reconnect opens a connection with replies on: it is set up the
 * same way again, and until it is, {@link QuietPublisher.send} answers false and the caller sends
 * with replies (`redis.ts`), so nothing waits and nothing is dropped that would not be otherwise.
 * Messages of one document may then go over two connections; the sync layer orders by the
 * storage sequence and reads a gap from storage (`CommitLog.receivePublished`).
 *
 * The messages of one turn of the event loop go out in one socket write, at its end (the socket
 * is corked at the first and uncorked at the next tick), unless {@link QuietPublisher.flush} writes
 * them earlier. A group commit resolves every document it wrote in one turn (`group-commit.ts`),
 * and each write to Redis's socket wakes Redis, which on a loaded machine takes the writer's CPU:
 * with one write per document, the last document of a group waited for every earlier write's
 * preemption (the publish stage's p99 was 115 ms at load 21 over 100 documents, p50 0.1 ms).
 * The room flushes before it relays to its own peers, so no message waits for a local relay.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { loadRoute, type Route } from './directory.js';

/** The connection's name in `CLIENT LIST`. */
export const QUIET_CONNECTION_NAME = 'samplan-publish';

/** What {@link openQuietPublisher} gives back. */
export interface QuietPublisher {
  /**
   * Write one message for the other holders of a document (the holders key, the channel prefix,
   * the bytes, as `Route` takes them) to the socket now. False when the connection is not set up
   * (connecting, reconnecting, or refused `CLIENT REPLY`): then nothing was written.
   */
  send(holders: string, prefix: string, message: Buffer): boolean;
  /** Write the messages of this turn that {@link QuietPublisher.send} holds to the socket now (one write). */
  flush(): void;
  /** Resolves once the connection is set up, or failed to be, the first time (never rejects). */
  readonly started: Promise<void>;
  /** Drop the connection for good. */
  close(): void;
}

const CRLF = Buffer.from('\r\n');
const REPLY_OFF = encodeCommand(['CLIENT', 'REPLY', 'OFF']);

/**
 * A RESP array of bulk strings (the form Redis takes every command in): `*<n>`, then `$<bytes>`
 * and the bytes of each word. One buffer, so that it is one write to the socket.
 */
export function encodeCommand(words: readonly (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${words.length}\r\n`)];
  for (const word of words) {
    const bytes = typeof word === 'string' ? Buffer.from(word) : word;
    parts.push(Buffer.from(`$${bytes.byteLength}\r\n`), bytes, CRLF);
  }
  return Buffer.concat(parts);
}

/**
 * Open the connection to Redis at `url` for process `sender` (its fan-out origin), with
 * `options` (retry strategy and the like, as the fan-out's other connections). Never throws: a
 * connection that cannot be set up leaves `send` answering false, and the failure is logged.
 */
export function openQuietPublisher(url: string, sender: string, options: RedisOptions, logger?: Logger): QuietPublisher {
  const conn = new Redis(url, { ...options, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectionName: QUIET_CONNECTION_NAME });
  /** The routing command while this connection is set up with replies off; null otherwise. */
  let words: readonly string[] | null = null;
  let closed = false;
  /** The socket corked by a message of this turn, until the tick that uncorks it or a flush. */
  let corked: typeof conn.stream | null = null;
  const flush = (): void => {
    const stream = corked;
    corked = null;
    stream?.uncork();
  };
  conn.on('error', () => undefined); // the fan-out's other connections say when Redis is unreachable
  conn.on('close', () => (words = null));
  const setUp = async (): Promise<void> => {
    let route: Route;
    try {
      route = await loadRoute(conn, sender);
      // Refused (a renamed command, an ACL) with an error reply here, not silently after OFF.
      await conn.call('CLIENT', 'REPLY', 'ON');
    } catch (err) {
      if (!closed) logger?.warn({ err: (err as Error).message }, 'the fan-out publishes with replies: its connection without replies could not be set up');
      return;
    }
    if (closed || conn.status !== 'ready') return;
    conn.stream.write(REPLY_OFF);
    words = route.words;
  };
  let first: (() => void) | null = null;
  const started = new Promise<void>((resolve) => (first = resolve));
  conn.on('ready', () => void setUp().then(first));
  conn.connect().catch(() => first?.());
  return {
    started,
    send(holders, prefix, message) {
      if (!words || conn.status !== 'ready') return false;
      const stream = conn.stream;
      if (corked !== stream) {
        flush();
        corked = stream;
        stream.cork();
        process.nextTick(flush);
      }
      stream.write(encodeCommand([...words, '1', holders, sender, prefix, message]));
      return true;
    },
    flush,
    close() {
      closed = true;
      words = null;
      conn.disconnect();
    },
  };
}
