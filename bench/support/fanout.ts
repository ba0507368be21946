/**
 * The fan-out of `bench/region` (and `bench/idle`, `bench/scale`'s sequential mode) in three
 * steps, so that one server's fan-out can be measured in one window (`fanout`) or several servers'
 * in short alternating windows (`region/alternating.ts`): {@link setUpFanout} connects the clients
 * and listens for the edits' keys, `warmFanout` (`fanout-warm.ts`) edits unrecorded, {@link fanoutWindow}
 * drives one measured window and adds what the server spent in it, `collectFanout` (`fanout-collect.ts`) gives
 * the figures over all the windows and closes the clients.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { insertRow } from '../../shared/doc/index.js';
import type { BenchServer } from './servers.js';
import type { SyncClient } from './sync-client.js';
import { regionDoc } from './region-seed.js';
import { mainThreadDelta, threadCpu } from './thread-cpu.js';
import { onFirstKeys } from './marked-keys.js';
import { connect, idleCpuByThread, specsOf, type FanoutResult, type MeasuredWindow } from './region-measure.js';
import { monoMs, runStorm, type ClientPool, type StormRun } from './client-pool.js';
import { allocationCounter, parseAllocation } from './heap-allocation.js';
import { closeFanout, collectFanout } from './fanout-collect.js';
import { addReadDelta, noReads, readCounts, type ReadCounts } from './read-counts.js';
import { drive, warmFanout } from './fanout-warm.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

/** One server's fan-out clients and what its measured windows have added up (see the file's comment). */
export interface FanoutSetup {
  server: BenchServer;
  /** The client processes the readers run in (`client-pool.ts`), or null: every client in the bench process. */
  pool: ClientPool | null;
  /** The readers in the client processes, or null. */
  readers: StormRun | null;
  /** The edits' keys are `<tag>-<n>`. */
  tag: string;
  perDoc: number;
  clients: SyncClient[];
  writers: SyncClient[];
  rowIds: string[];
  /** When each recorded edit was handed to its writer's socket (ms, `performance.now`). */
  sentAt: Map<string, number>;
  /** When its last reader got it. */
  lastAt: Map<string, number>;
  /** Each delivery's latency, in ms, over every window. */
  latencies: number[];
  /** Each in-process delivery as `sent, received` (ms of `performance.now`, flat pairs), and each bench-process collection as `start, end`. */
  spans: number[];
  clientGcSpans: number[];
  sent: number;
  /** Edits recorded, over every window. */
  measured: number;
  /** Measured windows driven. */
  windows: number;
  /** Each window's p99 latency (of the deliveries received in that window and its wait), in ms. */
  windowP99: number[];
  /** Over the measured windows: their wall time, the server's CPU, its main thread's, each other thread's by id (ms). */
  windowMs: number;
  cpuMs: number;
  mainMs: number;
  /** Of `mainMs`, the kernel's part (ms), and how many times the main thread was put on a CPU. */
  mainSysMs: number;
  mainRuns: number;
  threadMs: Map<number, { name: string; ms: number }>;
  /** The bench clients' CPU (the bench process's and its client processes') and the bench process's GC time over the windows, in ms. */
  clientMs: number;
  clientGcMs: number;
  /** The bench process's collections over the windows (`gc` performance entries), and its V8 heap bytes allocated (`heap-allocation.ts`). */
  clientGcs: number;
  clientAllocBytes: number;
  /** Over the windows, what the in-process clients read (`read-counts.ts`; the readers' NaN with the readers in client processes). */
  reads: ReadCounts;
  alloc: { bytes: number; scavenges: number; full: number; gcMs: number; promoted: number };
  /** The server's CPU while other servers' windows were driven, in ms, and how long those were (`region/alternating.ts`). */
  otherWindowsCpuMs: number;
  otherWindowsMs: number;
  /** The server's CPU over the pause after each of its windows (`region/alternating.ts`), in ms. */
  settleCpuMs: number;
}

/** What a fan-out has measured (the part of {@link FanoutSetup} that its windows fill in). */
export type FanoutMeasures = Omit<FanoutSetup, 'server' | 'pool' | 'readers' | 'tag' | 'perDoc' | 'clients' | 'writers' | 'rowIds'>;

/** The measures of a fan-out before its first window: every count 0, every list and map empty. */
export function freshFanoutState(): FanoutMeasures {
  return {
    sentAt: new Map(),
    lastAt: new Map(),
    latencies: [],
    spans: [],
    clientGcSpans: [],
    sent: 0,
    measured: 0,
    windows: 0,
    windowP99: [],
    windowMs: 0,
    cpuMs: 0,
    mainMs: 0,
    mainSysMs: 0,
    mainRuns: 0,
    threadMs: new Map(),
    clientMs: 0,
    clientGcMs: 0,
    clientGcs: 0,
    clientAllocBytes: 0,
    /** Readers in this process; `setUpFanout` says otherwise when they run in client processes. */
    reads: noReads(true),
    alloc: { bytes: 0, scavenges: 0, full: 0, gcMs: 0, promoted: 0 },
    otherWindowsCpuMs: 0,
    otherWindowsMs: 0,
    settleCpuMs: 0,
  };
}

/**
 * Connect `perDoc` clients to each of `docCount` documents (all at once), insert each writer's row
 * and listen for the keys `<tag>-<n>` at every reader (each once per reader). With `pool` the
 * writers (the first client of each document) stay in the bench process and the readers are
 * spread over the pool's processes, which report when each key came (one monotonic clock).
 * Document `d` is named `docOf(d)` (`region-<d>` by default; `bench/sync` gives its one `fanout`).
 */
export async function setUpFanout(
  server: BenchServer,
  docCount: number,
  perDoc: number,
  tag: string,
  pool: ClientPool | null = null,
  docOf: (d: number) => string = regionDoc,
): Promise<FanoutSetup> {
  const groups = await Promise.all(
    Array.from({ length: docCount }, (_, d) => connect(server, Array.from({ length: pool ? 1 : perDoc }, () => docOf(d)), null)),
  );
  const readerDocs = Array.from({ length: docCount * (perDoc - 1) }, (_, i) => docOf(Math.floor(i / (perDoc - 1))));
  const readers = pool ? await runStorm(pool, specsOf(server, readerDocs), { synced: true }, 60_000, `${server.kind}: ${readerDocs.length} readers not synced`, `${tag}-`) : null;
  const writers = groups.map((g) => g[0] as SyncClient);
  const rowIds = writers.map((w, i) => {
    let id = '';
    w.write((doc) => (id = insertRow(doc, { title: 'Hälsodag' }, { id: `${tag}-w${i}` })));
    return id;
  });
  const f: FanoutSetup = {
    server,
    pool,
    readers,
    tag,
    perDoc,
    clients: groups.flat(),
    writers,
    rowIds,
    ...freshFanoutState(),
    reads: noReads(!pool),
  };
  /** A reader got `key` at `now` (ms of `performance.now`). */
  const delivered = (key: string, now: number): void => {
    const t = f.sentAt.get(key);
    if (t === undefined) return;
    f.latencies.push(now - t);
    if (now > (f.lastAt.get(key) ?? 0)) f.lastAt.set(key, now);
  };
  if (pool && readers) {
    // The client processes stamp with the monotonic clock; `performance.now()` is that clock from this process's start.
    const offset = monoMs() - performance.now();
    pool.onDelivered(readers.id, (keys, at) => keys.forEach((key, i) => delivered(key, (at[i] as number) - offset)));
    return f;
  }
  onFirstKeys(groups.flatMap((g) => g.slice(1)), tag, (key, now) => {
    const t = f.sentAt.get(key);
    if (t === undefined) return false;
    f.spans.push(t, now);
    delivered(key, now);
    return true;
  });
  return f;
}

/**
 * One measured window: `seconds` of edits at `rate`, then until every reader has them (5 s at
 * most); adds the window's deliveries and the server's CPU (whole process and by thread), V8
 * allocation and collections, and the bench process's CPU and GC to `f`.
 */
export async function fanoutWindow(f: FanoutSetup, rate: number, seconds: number): Promise<void> {
  await f.server.alloc();
  const cpuBefore = await f.server.cpu();
  const threadsBefore = threadCpu(f.server.pid);
  const clientBefore = process.cpuUsage();
  const poolBefore = (await f.pool?.cpuUs()) ?? 0;
  const clientGc = new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => {
      f.clientGcMs += e.duration;
      f.clientGcs++;
      f.clientGcSpans.push(e.startTime, e.startTime + e.duration);
    }),
  );
  const readsBefore = readCounts(f.clients, f.writers);
  const clientAlloc = allocationCounter();
  clientAlloc();
  clientGc.observe({ entryTypes: ['gc'] });
  const windowStart = performance.now();
  const received = f.latencies.length;
  await drive(f, rate, seconds, true);
  const expected = f.measured * (f.perDoc - 1);
  const until = performance.now() + 5000;
  while (f.latencies.length < expected && performance.now() < until) await sleep(10);
  const client = process.cpuUsage(clientBefore);
  f.clientAllocBytes += parseAllocation(clientAlloc()).bytes;
  addReadDelta(f.reads, readsBefore, readCounts(f.clients, f.writers));
  const poolUs = ((await f.pool?.cpuUs()) ?? 0) - poolBefore;
  clientGc.disconnect();
  f.windowP99.push(pct(f.latencies.slice(received).sort((a, b) => a - b), 99));
  f.cpuMs += ((await f.server.cpu()) - cpuBefore) / 1000;
  const threadsAfter = threadCpu(f.server.pid);
  const main = mainThreadDelta(f.server.pid, threadsBefore, threadsAfter);
  f.mainMs += main.ms;
  f.mainSysMs += main.sysMs;
  f.mainRuns += main.runs;
  const alloc = await f.server.alloc();
  const windowMs = performance.now() - windowStart;
  // By thread, as `otherThreadsMsPerSecond` gives them, summed over the windows.
  for (const t of threadsAfter ?? []) {
    if (t.tid === f.server.pid || !threadsBefore) continue;
    const ms = t.ms - (threadsBefore.find((b) => b.tid === t.tid)?.ms ?? 0);
    f.threadMs.set(t.tid, { name: t.name, ms: (f.threadMs.get(t.tid)?.ms ?? 0) + ms });
  }
  f.windowMs += windowMs;
  f.clientMs += (client.user + client.system + poolUs) / 1000;
  f.alloc.bytes += alloc.bytes;
  f.alloc.scavenges += alloc.scavenges;
  f.alloc.full += alloc.full;
  f.alloc.gcMs += alloc.gcMs;
  f.alloc.promoted += alloc.promoted ?? NaN;
  f.windows++;
}

/**
 * `perDoc` clients on each of `docCount` documents; the first of each writes a cell of its own
 * row, `rate` edits/s in all, round-robin over the documents, for `seconds` after a warm-up of
 * `warmupSeconds` (2 s by default; a longer one measures the servers once V8 has optimized them);
 * the others read. A delivery is one edit arriving at one reader. With `idleSeconds` > 0 the
 * server's CPU is first measured for that long with every client connected and nobody editing
 * (after a 2 s settling pause with a full GC in the middle).
 *
 * The measured window starts after a full GC (`mem` of the bench hook, every server alike): what
 * the connects and the warm-up left young (each connection's objects, the documents Samplan builds
 * from storage at their first edit, ~6 MB over 100 documents, where the peers' are empty) would
 * otherwise be promoted by the window's first scavenges and counted per edit. Without it, 2 s of
 * warm-up and 5 s measured (3 runs, load 23-28): Samplan promoted 4.65, 7.44, 7.09 KB per edit and
 * collected 58.3, 61.4, 18.0 ms/s on its main thread, the stock server 0.78, 2.46, 1.71 KB and
 * 12.8, 3.6, 6.5 ms/s. With it and 30 s measured (2 runs, load ~25): Samplan 0.25, 0.24 KB and
 * 8.0, 14.3 ms/s, the stock server 0.30, 0.29 KB and 16.6, 17.2 ms/s. Samplan's young generation
 * is ~16 MB here, a scavenge every ~6 s: its promoted and GC figures need a window of several
 * (`--seconds 30`); a 5 s one often holds none.
 */
export async function fanout(
  server: BenchServer,
  docCount: number,
  perDoc: number,
  rate: number,
  seconds: number,
  tag: string,
  idleSeconds = 0,
  window?: MeasuredWindow,
  warmupSeconds = 2,
  pool: ClientPool | null = null,
): Promise<FanoutResult> {
  const f = await setUpFanout(server, docCount, perDoc, tag, pool);
  let idle = { all: NaN, main: NaN };
  if (idleSeconds > 0) {
    // The connect storm's garbage is collected first (the same hook for every server), so that a
    // collection V8 would make of it a few seconds later is not counted as the idle cost.
    await sleep(1000);
    await server.mem();
    await sleep(1000);
    idle = await idleCpuByThread(server, idleSeconds);
  }
  try {
    await warmFanout(f, rate, warmupSeconds);
    await window?.start();
    await fanoutWindow(f, rate, seconds);
    await window?.end();
  } finally {
    closeFanout(f);
  }
  return collectFanout(f, idle);
}
