/**
 * `/healthz` (is the server up, does storage take writes: 503 with the fault's kind while it
 * fails) and `/metrics` (Prometheus text).
 * Neither needs a token: load balancers and Prometheus scrape them; neither reveals documents nor
 * the set-up. A storage fault is answered by its kind in words (`the database server cannot be
 * reached`), never the store's own wording, which with PostgreSQL names host, port, user and
 * database; that wording goes to the log (warn, once per fault).
 */
import { Hono } from 'hono';
import type { ServerMetrics } from '../metrics.js';
import type { Storage } from '../storage/storage.js';
import type { Logger } from '../logger.js';
import { faultWords, type StorageFault } from '../storage/watched.js';
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
  /** Where a fault's full reason goes (once per fault); without it, nowhere. */
  logger?: Pick<Logger, 'warn'>;
}

/** The health and metrics routes. */
export function healthRoutes(deps: HealthDeps) {
  const app = new Hono();
  const started = deps.clock();
  let logged: StorageFault | null = null;

  app.get('/healthz', async (c) => {
    let fault = (await deps.storageFault?.()) ?? null;
    try {
      await deps.storage.listWorkspaces();
    } catch (err) {
      const reason = (err as { reason?: unknown }).reason ?? (err as Error).message;
      const cause = (err as Error).cause ?? err;
      fault ??= { reason: String(reason), words: faultWords(String(reason), cause), since: deps.clock().toISOString() };
    }
    if (fault && (fault.since !== logged?.since || fault.reason !== logged.reason)) {
      logged = fault;
      deps.logger?.warn({ reason: fault.reason, since: fault.since }, 'healthz: storage failing');
    }
    const ok = !fault && !deps.draining();
    return c.json(
      {
        status: ok ? 'ok' : deps.draining() ? 'draining' : 'storage-unavailable',
        ...(fault ? { fault: { kind: fault.words.en, since: fault.since }, reason: `Storage has been failing since ${fault.since}: ${fault.words.en}.` } : {}),
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
