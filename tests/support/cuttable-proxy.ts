/**
 * A TCP proxy in front of a server (Redis here) whose link can be cut: while cut, every open
 * connection through it is dropped and new ones are refused at once, as a process whose network
 * to Redis failed sees it, while the other processes still reach Redis directly. Or held: nothing
 * passes either way but the connections stay open, as in a partition where neither side hears a
 * reset (the server still lists the connection; the client's commands get no answer). Or split:
 * held, and a new connection too is taken and left without an answer, as a connect across a
 * network split waits until its own timeout. In front of PostgreSQL, a split can also come just
 * after a new connection's start-up ({@link CuttableProxy.splitAfter}), what the held connections
 * sent can arrive late while their goodbyes never do ({@link CuttableProxy.deliver}), and one answer
 * can come late ({@link CuttableProxy.lateAnswer}).
 */
import net from 'node:net';

/** The proxy once listening. */
export interface CuttableProxy {
  /** Port on 127.0.0.1 to connect to instead of the server's. */
  port: number;
  /** Drop every connection through the proxy and refuse new ones until {@link CuttableProxy.mend}. */
  cut(): void;
  /** Let connections through again. */
  mend(): void;
  /** Pass nothing either way on the open connections, keeping them open, until {@link CuttableProxy.release}. */
  hold(): void;
  /** {@link CuttableProxy.hold}, and each new connection accepted but joined to the server only at {@link CuttableProxy.release}. */
  split(): void;
  /**
   * {@link CuttableProxy.hold}, and each new connection (and each one a split keeps waiting) joined
   * to PostgreSQL until it has said ReadyForQuery `readies` times, then held: 1 lets the start-up
   * finish and holds the first question, 2 also passes the first answer.
   */
  splitAfter(readies: number): void;
  /**
   * Pass on to the server what the held connections sent, also of a client gone since, keeping
   * their answers held and their server ends open even once the client closed: a split whose
   * requests arrive late and whose goodbyes never do, so the server keeps those sessions.
   */
  deliver(): void;
  /** Join each new connection in full again, the connections held so far staying held. */
  passNew(): void;
  /** Pass on again what was held, join the connections a split kept waiting, and pass all that follows. */
  release(): void;
  /**
   * Hold back the answer to the next request on each open connection until `ms` after the request
   * passed; resolves once the first such answer was passed on.
   */
  lateAnswer(ms: number): Promise<void>;
  /** How many connections the proxy took so far (not those a cut refused). */
  accepted(): number;
  close(): Promise<void>;
}

/** One connection through the proxy: its two ends, whether it is held, and how its answers are read. */
interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  held: boolean;
  /** What the client sends is passed on while held, and its close is not ({@link CuttableProxy.deliver}). */
  delivered: boolean;
  /** Reads the server's messages up to a split ({@link CuttableProxy.splitAfter}); null while piped. */
  counting: ((chunk: Buffer) => void) | null;
}

/** PostgreSQL's ReadyForQuery message type ('Z'). */
const READY = 0x5a;

/**
 * A reader of PostgreSQL's server messages (a type byte, then a length that counts itself) that
 * returns, for each chunk, the offset just past the `readies`-th ReadyForQuery, or -1 before it.
 */
function readyCounter(readies: number): (chunk: Buffer) => number {
  let seen = 0;
  let head = Buffer.alloc(0);
  let type = 0;
  let left = 0;
  return (chunk) => {
    let i = 0;
    while (i < chunk.length) {
      if (left === 0) {
        const part = chunk.subarray(i, i + 5 - head.length);
        head = Buffer.concat([head, part]);
        i += part.length;
        if (head.length < 5) return -1;
        type = head[0] as number;
        left = head.readInt32BE(1) - 4;
        head = Buffer.alloc(0);
      } else {
        const body = Math.min(left, chunk.length - i);
        left -= body;
        i += body;
      }
      if (left === 0 && type === READY && ++seen === readies) return i;
    }
    return -1;
  };
}

/** Listen on a free port of 127.0.0.1 and pass each connection on to `127.0.0.1:<target>`. */
export async function startCuttableProxy(target: number): Promise<CuttableProxy> {
  const open = new Set<net.Socket>();
  const pairs = new Set<Pair>();
  let cutOff = false;
  let splitOff = false;
  /** Readies a new connection passes before it is held ({@link CuttableProxy.splitAfter}), or null. */
  let passReadies: number | null = null;
  let taken = 0;
  /** Connections a split accepted and keeps waiting, joined at release. */
  const waiting = new Set<net.Socket>();

  const holdPair = (pair: Pair): void => {
    if (pair.held) return;
    pair.held = true;
    pair.client.unpipe(pair.upstream);
    pair.upstream.unpipe(pair.client);
    if (pair.counting) pair.upstream.off('data', pair.counting);
    pair.counting = null;
    pair.client.pause();
    pair.upstream.pause();
  };
  /** The server's answers read message by message until the `readies`-th ReadyForQuery, then held. */
  const countReadies = (pair: Pair, readies: number): void => {
    const past = readyCounter(readies);
    pair.counting = (chunk) => {
      const end = past(chunk);
      pair.client.write(end < 0 ? chunk : chunk.subarray(0, end));
      if (end < 0) return;
      holdPair(pair);
      if (end < chunk.length) pair.upstream.unshift(chunk.subarray(end));
    };
    pair.upstream.on('data', pair.counting);
  };
  const join = (client: net.Socket): void => {
    const upstream = net.connect(target, '127.0.0.1');
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => undefined);
    }
    const pair: Pair = { client, upstream, held: false, delivered: false, counting: null };
    pairs.add(pair);
    client.pipe(upstream);
    if (passReadies === null) upstream.pipe(client);
    else countReadies(pair, passReadies);
    client.on('close', () => {
      pairs.delete(pair);
      if (!pair.delivered) upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
  };
  const server = net.createServer((client) => {
    if (cutOff) return void client.destroy();
    taken++;
    if (!splitOff) return join(client);
    client.pause();
    client.on('error', () => undefined);
    client.on('close', () => waiting.delete(client));
    waiting.add(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const joinWaiting = (): void => {
    for (const client of waiting) if (!client.destroyed) join(client);
    waiting.clear();
  };
  const proxy: CuttableProxy = {
    port,
    cut() {
      cutOff = true;
      for (const s of open) s.destroy();
    },
    mend() {
      cutOff = false;
    },
    hold() {
      for (const pair of pairs) holdPair(pair);
    },
    split() {
      splitOff = true;
      proxy.hold();
    },
    splitAfter(readies) {
      proxy.hold();
      splitOff = false;
      passReadies = readies;
      joinWaiting();
    },
    deliver() {
      for (const pair of pairs) {
        if (!pair.held || pair.delivered) continue;
        pair.delivered = true;
        pair.client.pipe(pair.upstream, { end: false });
      }
    },
    passNew() {
      splitOff = false;
      passReadies = null;
    },
    release() {
      splitOff = false;
      passReadies = null;
      for (const pair of pairs) {
        const counted = pair.counting;
        pair.counting = null;
        if (counted) pair.upstream.off('data', counted);
        if (pair.held && !pair.delivered) pair.client.pipe(pair.upstream);
        if (pair.held || counted) pair.upstream.pipe(pair.client);
        pair.held = false;
      }
      joinWaiting();
    },
    lateAnswer(ms) {
      return new Promise<void>((passed) => {
        for (const pair of pairs) {
          if (pair.held || pair.counting) continue;
          pair.client.once('data', () => {
            // The request was just written on by the pipe; its answer cannot have been read yet.
            pair.upstream.unpipe(pair.client);
            pair.upstream.pause();
            setTimeout(() => {
              if (!pair.held) pair.upstream.pipe(pair.client);
              passed();
            }, ms);
          });
        }
      });
    },
    accepted: () => taken,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of [...open, ...waiting]) s.destroy();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
