/**
 * The end of a fan-out (`fanout.ts`): {@link closeFanout} closes its clients, {@link collectFanout}
 * turns what its measured windows added up into the printed figures (latencies in ms, CPU in µs per
 * delivered edit and ms per second of window, bytes per delivery or edit).
 */
import type { FanoutSetup } from './fanout.js';
import type { FanoutResult } from './region-measure.js';
import { unstalledLatencies } from './client-stalls.js';

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

/** Closes `f`'s clients, those in client processes too (not awaited: they close with their processes at the latest). */
export function closeFanout(f: FanoutSetup): void {
  for (const c of f.clients) c.close();
  void f.readers?.close().catch(() => undefined);
  f.readers = null;
}

/** The figures over `f`'s measured windows (`idle`: see `fanout`'s `idleSeconds`); closes its clients. */
export function collectFanout(f: FanoutSetup, idle = { all: NaN, main: NaN }): FanoutResult {
  closeFanout(f);
  const latencies = [...f.latencies].sort((a, b) => a - b);
  const { windowMs, measured } = f;
  const unstalled = unstalledLatencies(f.spans, f.clientGcSpans);
  const clean = unstalled.latencies.sort((a, b) => a - b);
  const inProcess = f.spans.length / 2;
  const cpuUs = f.cpuMs * 1000;
  return {
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    delivered: latencies.length,
    expected: measured * (f.perDoc - 1),
    cpuPerDelivery: latencies.length > 0 ? cpuUs / latencies.length : NaN,
    edits: [...f.sentAt].map(([key, sent]) => ({ key, sent: performance.timeOrigin + sent, last: performance.timeOrigin + (f.lastAt.get(key) ?? NaN) })),
    cpuMsPerSecond: cpuUs / windowMs,
    idleCpuMsPerSecond: idle.all,
    idleMainMsPerSecond: idle.main,
    mainMsPerSecond: (f.mainMs * 1000) / windowMs,
    mainSysMsPerSecond: (f.mainSysMs * 1000) / windowMs,
    mainRunsPerDelivery: latencies.length > 0 ? f.mainRuns / latencies.length : NaN,
    clientCpuMsPerSecond: (f.clientMs * 1000) / windowMs,
    clientGcMsPerSecond: (f.clientGcMs * 1000) / windowMs,
    clientGcsPerSecond: (f.clientGcs * 1000) / windowMs,
    p99WithoutClientGc: inProcess > 0 ? pct(clean, 99) : NaN,
    clientGcStalledShare: inProcess > 0 ? unstalled.stalled / inProcess : NaN,
    clientAllocPerDelivery: latencies.length > 0 && !f.pool ? f.clientAllocBytes / latencies.length : NaN,
    readerBytesPerDelivery: latencies.length > 0 ? f.reads.readerBytes / latencies.length : NaN,
    readerFramesPerDelivery: latencies.length > 0 ? f.reads.readerFrames / latencies.length : NaN,
    writerBytesPerEdit: measured > 0 ? f.reads.writerBytes / measured : NaN,
    writerFramesPerEdit: measured > 0 ? f.reads.writerFrames / measured : NaN,
    allocPerDelivery: latencies.length > 0 ? f.alloc.bytes / latencies.length : NaN,
    allocPerEdit: measured > 0 ? f.alloc.bytes / measured : NaN,
    promotedPerEdit: measured > 0 ? f.alloc.promoted / measured : NaN,
    majorsPerSecond: (f.alloc.full * 1000) / windowMs,
    scavengesPerSecond: (f.alloc.scavenges * 1000) / windowMs,
    gcMsPerSecond: (f.alloc.gcMs * 1000) / windowMs,
    otherThreads: [...f.threadMs.values()]
      .map(({ name, ms }) => ({ name, msPerSecond: (ms * 1000) / windowMs }))
      .sort((a, b) => b.msPerSecond - a.msPerSecond),
    windows: f.windows,
    windowP99Median: f.windowP99.length > 1 ? pct([...f.windowP99].sort((a, b) => a - b), 50) : NaN,
    otherWindowsCpuMsPerSecond: f.otherWindowsMs > 0 ? (f.otherWindowsCpuMs * 1000) / f.otherWindowsMs : NaN,
    settledCpuPerDelivery: f.windows > 0 && f.settleCpuMs > 0 && latencies.length > 0 ? ((f.cpuMs + f.settleCpuMs) * 1000) / latencies.length : NaN,
  };
}
