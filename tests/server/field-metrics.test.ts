/**
 * The sync metrics a frame and a stored batch update are counted in fields and read by prom-client
 * at a scrape only: no prom-client call per frame or batch, and `/metrics` says what it said.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Counter, Histogram, Registry } from 'prom-client';
import { FieldHistogram } from '../../server/field-histogram.js';
import { createMetrics, PERSIST_BUCKETS } from '../../server/metrics.js';

/** Observations on and around every bound, below the first, above the last, and repeated. */
const VALUES = [0, 0.0001, ...PERSIST_BUCKETS, ...PERSIST_BUCKETS.map((b) => b * 1.5), 2, 7.25, 0.003, 0.003, 1e-9];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('FieldHistogram', () => {
  it('exposes the text prom-client’s Histogram exposes for the same observations', async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const field = new FieldHistogram('x_seconds', 'Some time.', PERSIST_BUCKETS).register(ours);
    const prom = new Histogram({ name: 'x_seconds', help: 'Some time.', buckets: [...PERSIST_BUCKETS], registers: [theirs] });
    expect(await ours.metrics()).toBe(await theirs.metrics());
    for (const v of VALUES) {
      field.observe(v);
      prom.observe(v);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.getMetricsAsJSON()).toEqual(await theirs.getMetricsAsJSON());
    ours.resetMetrics();
    theirs.resetMetrics();
    field.observe(0.02);
    prom.observe(0.02);
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });
});

describe('createMetrics', () => {
  it('makes no prom-client call per frame or stored batch, and /metrics counts them all', async () => {
    const inc = vi.spyOn(Counter.prototype, 'incWithoutExemplar' as never);
    const observe = vi.spyOn(Histogram.prototype, 'observeWithoutExemplar' as never);
    const metrics = createMetrics();
    for (let i = 0; i < 1000; i++) {
      metrics.sync.frameReceived();
      metrics.sync.persistSeconds(0.002);
    }
    expect(inc).not.toHaveBeenCalled();
    expect(observe).not.toHaveBeenCalled();
    const text = await metrics.registry.metrics();
    expect(text).toContain('samplan_sync_frames_total 1000\n');
    expect(text).toContain('samplan_sync_persist_seconds_bucket{le="0.001"} 0\n');
    expect(text).toContain('samplan_sync_persist_seconds_bucket{le="0.0025"} 1000\n');
    expect(text).toContain('samplan_sync_persist_seconds_count 1000\n');
    // A second scrape adds only what came since.
    metrics.sync.frameReceived();
    const again = await metrics.registry.metrics();
    expect(again).toContain('samplan_sync_frames_total 1001\n');
    expect(await metrics.registry.metrics()).toContain('samplan_sync_frames_total 1001\n');
  });
});
