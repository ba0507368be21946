/**
 * A TCP proxy in front of a server (Redis here) whose link can be cut: while cut, every open
 * connection through it is dropped and new ones are refused at once, as a process whose network
 * to Redis failed sees it, while the other processes still reach Redis directly. Or held: nothing
 * passes either way but the connections stay open, as in a partition where neither side hears a
 * reset (the server still lists the connection; the client's commands get no answer). Or split:
 * held, and a new connection too is taken and left without an answer, as a connect across a
 * network split waits until its own timeout.
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
  /** Pass on again what was held, join the connections a split kept waiting, and pass all that follows. */
  release(): void;
  close(): Promise<void>;
}

/** Listen on a free port of 127.0.0.1 and pass each connection on to `127.0.0.1:<target>`. */
export async function startCuttableProxy(target: number): Promise<CuttableProxy> {
  const open = new Set<net.Socket>();
  /** Each connection's two ends, client first. */
  const pairs = new Set<[net.Socket, net.Socket]>();
  let cutOff = false;
  let splitOff = false;
  /** Connections a split accepted and keeps waiting, joined at release. */
  const waiting = new Set<net.Socket>();
  const join = (client: net.Socket): void => {
    const upstream = net.connect(target, '127.0.0.1');
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => undefined);
    }
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    client.pipe(upstream).pipe(client);
    client.on('close', () => (pairs.delete(pair), upstream.destroy()));
    upstream.on('close', () => client.destroy());
  };
  const server = net.createServer((client) => {
    if (cutOff) return void client.destroy();
    if (!splitOff) return join(client);
    client.pause();
    client.on('error', () => undefined);
    client.on('close', () => waiting.delete(client));
    waiting.add(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
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
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    split() {
      splitOff = true;
      proxy.hold();
    },
    release() {
      splitOff = false;
      for (const [client, upstream] of pairs) {
        client.pipe(upstream);
        upstream.pipe(client);
      }
      for (const client of waiting) if (!client.destroyed) join(client);
      waiting.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of [...open, ...waiting]) s.destroy();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
