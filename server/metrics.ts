/**
 * Prometheus metrics for `/metrics`: the sync layer's {@link SyncMetrics} backed by prom-client,
 * plus HTTP request counts. Each app gets its own registry, so tests can make many apps without
 * "metric already registered" errors.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RefusalReason, SyncMetrics } from './sync/metrics.js';

/** The metrics of one server: a registry to expose, and the sink the sync layer writes to. */
export interface ServerMetrics {
  registry: Registry;
  sync: SyncMetrics;
  /** Count one answered HTTP request by method, route pattern and status. */
  httpRequest(method: string, route: string, status: number): void;
}

/** Options of {@link createMetrics}. */
export interface MetricsOptions {
  /** Also collect Node process metrics (memory, event loop lag); off in tests. */
  processMetrics?: boolean;
}

/**
 * Create the metrics of one server.
 *
 * @example
 * const metrics = createMetrics({ processMetrics: true });
 * metrics.sync.frameReceived();
 * const text = await metrics.registry.metrics();
 */
export function createMetrics(options: MetricsOptions = {}): ServerMetrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'samplan_' });

  const connections = new Gauge({
    name: 'samplan_sync_connections',
    help: 'Open sync WebSocket connections.',
    registers: [registry],
  });
  const rooms = new Gauge({
    name: 'samplan_sync_rooms',
    help: 'Documents loaded in memory (rooms).',
    registers: [registry],
  });
  const frames = new Counter({
    name: 'samplan_sync_frames_total',
    help: 'Frames received from sync clients.',
    registers: [registry],
  });
  const refused = new Counter({
    name: 'samplan_sync_frames_refused_total',
    help: 'Frames refused or dropped, by reason.',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const persist = new Histogram({
    name: 'samplan_sync_persist_seconds',
    help: 'Time from handing a batch of updates to storage until it was durable.',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  const requests = new Counter({
    name: 'samplan_http_requests_total',
    help: 'HTTP requests answered, by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });

  const sync: SyncMetrics = {
    frameReceived: () => frames.inc(),
    frameRefused: (reason: RefusalReason) => refused.inc({ reason }),
    persistSeconds: (seconds: number) => persist.observe(seconds),
    connections: (count: number) => connections.set(count),
    rooms: (count: number) => rooms.set(count),
  };

  return {
    registry,
    sync,
    httpRequest: (method, route, status) => requests.inc({ method, route, status: String(status) }),
  };
}
