/**
 * A bare HTTP server with only the sync route, on loopback: for tests, benches and the crash
 * fixture. The real server mounts the same route inside `createApp`. Like the real server
 * (`startServer`), it makes the process's scavenges run on the main thread alone (`scavenge-alone.ts`).
 */
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { SyncDeps } from './deps.js';
import { mountSync, type SyncHandle } from './route.js';
import { scavengeAlone } from './scavenge-alone.js';

/** A running sync server. */
export interface RunningSyncServer {
  /** `ws://127.0.0.1:<port>` */
  url: string;
  port: number;
  sync: SyncHandle;
  /** Close sockets with 1001, flush rooms, stop listening. */
  stop(): Promise<void>;
}

/**
 * Start the sync route alone on 127.0.0.1.
 *
 * @example
 * const server = await startSyncServer({ storage, records: storage, auth, checkUpdate, logger });
 * new WebsocketProvider(`${server.url}/v1/sync`, 'ws1/doc1', doc, { params: { token } });
 */
export async function startSyncServer(deps: SyncDeps, port = 0): Promise<RunningSyncServer> {
  // As `startServer` does: a scavenge never waits for helper threads kept off the CPU (`scavenge-alone.ts`).
  scavengeAlone();
  const app = new Hono();
  const sync = mountSync(deps);
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  sync.inject(server);
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${actual}`,
    port: actual,
    sync,
    async stop() {
      await sync.close();
      for (const client of sync.wss.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
