/**
 * `/healthz` (is the server up, can it reach storage) and `/metrics` (Prometheus text).
 * Neither needs a token: load balancers and Prometheus scrape them; neither reveals documents.
 */
import { Hono } from 'hono';
import type { ServerMetrics } from '../metrics.js';
import type { Storage } from '../storage/storage.js';
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
  version: string;
}

/** The health and metrics routes. */
export function healthRoutes(deps: HealthDeps) {
  const app = new Hono();
  const started = deps.clock();

  app.get('/healthz', async (c) => {
    let storageOk = true;
    try {
      await deps.storage.listWorkspaces();
    } catch {
      storageOk = false;
    }
    const ok = storageOk && !deps.draining();
    return c.json(
      {
        status: ok ? 'ok' : deps.draining() ? 'draining' : 'storage-unavailable',
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
