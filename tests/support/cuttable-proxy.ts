/**
 * A TCP proxy in front of a server (Redis here) whose link can be cut: while cut, every open
 * connection through it is dropped and new ones are refused at once, as a process whose network
 * to Redis failed sees it, while the other processes still reach Redis directly.
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
  close(): Promise<void>;
}

/** Listen on a free port of 127.0.0.1 and pass each connection on to `127.0.0.1:<target>`. */
export async function startCuttableProxy(target: number): Promise<CuttableProxy> {
  const open = new Set<net.Socket>();
  let cutOff = false;
  const server = net.createServer((client) => {
    if (cutOff) return void client.destroy();
    const upstream = net.connect(target, '127.0.0.1');
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    cut() {
      cutOff = true;
      for (const s of open) s.destroy();
    },
    mend() {
      cutOff = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
