/**
 * Prometheus metrics for `/metrics`: the sync layer's {@link SyncMetrics} backed by prom-client,
 * plus HTTP request counts. Each app gets its own registry, so tests can make many apps without
 * "metric already registered" errors.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { FieldHistogram } from './field-histogram.js';
import type { ReadAbortStage } from './http/read-worker.js';
import type { RefusalReason, SyncMetrics } from './sync/metrics.js';

/** Upper bounds of `samplan_sync_persist_seconds`' buckets, seconds. */
export const PERSIST_BUCKETS: readonly number[] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** The metrics of one server: a registry to expose, and the sink the sync layer writes to. */
export interface ServerMetrics {
  registry: Registry;
  sync: SyncMetrics;
  /** Count one answered HTTP request by method, route pattern and status. */
  httpRequest(method: string, route: string, status: number): void;
  /**
   * Count one spreadsheet read given up because its client went away (`read-worker.ts`
   * `readAborted`), by `stage`: `queued` waiting for a worker, `reading` in one.
   */
  readAborted(stage: ReadAbortStage): void;
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
  // Counted in a field per frame and handed to prom-client at a scrape: `Counter.inc` per frame
  // cost 0.1–2 µs a call in a fresh process, on every client frame.
  let framesSeen = 0;
  let framesTold = 0;
  new Counter({
    name: 'samplan_sync_frames_total',
    help: 'Frames received from sync clients.',
    registers: [registry],
    collect() {
      if (framesSeen > framesTold) this.inc(framesSeen - framesTold);
      framesTold = framesSeen;
    },
  });
  const refused = new Counter({
    name: 'samplan_sync_frames_refused_total',
    help: 'Frames refused or dropped, by reason.',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  // Observed once per stored batch: counted in fields, read at a scrape (`field-histogram.ts`).
  const persist = new FieldHistogram(
    'samplan_sync_persist_seconds',
    'Time from handing a batch of updates to storage until it was durable.',
    PERSIST_BUCKETS,
  ).register(registry);
  const requests = new Counter({
    name: 'samplan_http_requests_total',
    help: 'HTTP requests answered, by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });

  // How often people leave an import before its file was read: a count that grows with file
  // sizes or a busy server says reads are too slow for them (`samplan_http_requests_total` does not,
  // its 400 answered to nobody).
  const readsAborted = new Counter({
    name: 'samplan_reads_aborted_total',
    help: 'Spreadsheet reads given up because the client of the import went away, by stage (queued: waiting for a worker; reading).',
    labelNames: ['stage'] as const,
    registers: [registry],
  });

  const sync: SyncMetrics = {
    frameReceived: () => {
      framesSeen++;
    },
    frameRefused: (reason: RefusalReason) => refused.inc({ reason }),
    persistSeconds: (seconds: number) => persist.observe(seconds),
    connections: (count: number) => connections.set(count),
    rooms: (count: number) => rooms.set(count),
  };

  return {
    registry,
    sync,
    httpRequest: (method, route, status) => requests.inc({ method, route, status: String(status) }),
    readAborted: (stage) => readsAborted.inc({ stage }),
  };
}
