/**
 * `/healthz` (is the server up, does storage take writes: 503 with the reason while it fails) and
 * `/metrics` (Prometheus text).
 * Neither needs a token: load balancers and Prometheus scrape them; neither reveals documents.
 */
import { Hono } from 'hono';
import type { ServerMetrics } from '../metrics.js';
import type { Storage } from '../storage/storage.js';
import type { StorageFault } from '../storage/watched.js';
import type { Clock } from './context.js';

/** What the health routes read. */
export interface HealthDeps {
  storage: Storage;
  metrics: ServerMetrics;
  clock: Clock;
  /** Loaded rooms and open sockets, from the sync registry. */
  stats: () => { rooms: number; connections: number };
  /** Set while the server shuts down, so load balancers stop sending. */
  draining: () => boolean;
  /** The storage fault writes currently meet, rechecked with a small write; null when none. */
  storageFault?: () => Promise<StorageFault | null>;
  version: string;
}

/** The health and metrics routes. */
export function healthRoutes(deps: HealthDeps) {
  const app = new Hono();
  const started = deps.clock();

  app.get('/healthz', async (c) => {
    let fault = (await deps.storageFault?.()) ?? null;
    try {
      await deps.storage.listWorkspaces();
    } catch (err) {
      fault ??= { reason: (err as Error).message, since: deps.clock().toISOString() };
    }
    const ok = !fault && !deps.draining();
    return c.json(
      {
        status: ok ? 'ok' : deps.draining() ? 'draining' : 'storage-unavailable',
        ...(fault ? { reason: `Storage has been failing since ${fault.since}: ${fault.reason}` } : {}),
        version: deps.version,
        uptimeSeconds: Math.round((deps.clock().getTime() - started.getTime()) / 1000),
        ...deps.stats(),
      },
      ok ? 200 : 503,
    );
  });

  app.get('/metrics', async (c) => {
    const { rooms, connections } = deps.stats();
    deps.metrics.sync.rooms(rooms);
    deps.metrics.sync.connections(connections);
    const body = await deps.metrics.registry.metrics();
    return c.body(body, 200, { 'content-type': deps.metrics.registry.contentType });
  });

  return app;
}
