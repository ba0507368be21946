/**
 * The measurements of `bench/region`, each against one running server and through the same
 * client code for every server (`SyncClient`): fan-out over many documents with the server's CPU
 * per delivered edit, and connect storms (the memory slopes are in `region-memory.ts`). Sizes are
 * parameters; `bench/region.ts` prints the tables.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { BenchServer } from './servers.js';
import { syncFrame, type SyncClient } from './sync-client.js';
import { stormSlice, type ClientSpec } from './storm-clients.js';
import { runStorm, type ClientPool } from './client-pool.js';
import { regionDoc } from './region-seed.js';
import { mainThreadMs, threadCpu } from './thread-cpu.js';
import { majorGc } from './major-gc.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Connect a client to each of `docs` at once, in the bench process; resolves when all are synced
 * (rejects after 60 s). With `state`, each then sends it as an update; with `sendBack`, each, once
 * synced, sends it and a new step 1 and is done at the answer (`StormUntil` of `storm-clients.ts`).
 */
export async function connect(server: BenchServer, docs: readonly string[], state: Uint8Array | null, sendBack: Uint8Array | null = null): Promise<SyncClient[]> {
  const clients = await stormSlice(specsOf(server, docs), sendBack ? { sendBack } : { synced: true }, 60_000, `${server.kind}: ${docs.length} clients not synced`);
  if (state) for (const c of clients) c.sendRaw(syncFrame(2, state));
  return clients;
}

/** A storm's client specs: one per name in `docs`, for `server`. */
export function specsOf(server: BenchServer, docs: readonly string[]): ClientSpec[] {
  return docs.map((doc) => ({ kind: server.kind, url: server.url(doc), doc }));
}

/** A connect storm's figures. */
export interface StormResult {
  /** Wall time until every client was synced, in ms. */
  ms: number;
  /** The server process's CPU (user + system) over that time, in ms: less noisy on a shared machine. */
  cpuMs: number;
  /** The server's worst event-loop delay during the storm, in ms (what an edit on another document would wait). */
  loopMaxMs: number;
  /**
   * The bench clients' CPU over the storm, in ms (the bench process's, or its client processes'
   * summed, `client-pool.ts`): its 500 clients decode what they are sent (a server holding content
   * sends more to apply), on the same cores as the server.
   */
  clientCpuMs: number;
  /** Edits on a document outside the storm, one every 20 ms while it lasts: the slowest to reach its reader, in ms. */
  probeMaxMs: number;
  /**
   * What each client's TCP socket had read once all were synced (the HTTP upgrade answer and
   * every frame), in bytes, averaged over the clients: a server that sends a plan's content, or
   * more or larger frames, gives its clients more to decode (see `bytesRead` of `storm-clients.ts`).
   */
  bytesPerClient: number;
}

/**
 * Every `everyMs`, an edit on `doc` by one client and the time until another client has it, both
 * in a child process (`edit-probe.ts`), so the bench's own busy event loop does not delay them.
 * `stop` resolves with the slowest edit, in ms.
 */
async function editProbe(server: BenchServer, doc: string, tag: string, everyMs: number): Promise<{ stop(): Promise<number> }> {
  const script = fileURLToPath(new URL('./edit-probe.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, server.kind, server.url(doc), doc, tag, String(everyMs)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = (): Promise<string> =>
    new Promise((resolve, reject) => {
      waiting.push(resolve);
      child.once('exit', (code) => reject(new Error(`edit probe exited with ${code}`)));
    });
  const ready = await next();
  if (ready !== 'READY') throw new Error(`edit probe did not start: ${ready}`);
  return {
    async stop() {
      const answer = next();
      child.stdin.write('stop\n');
      return Number((await answer).split(' ')[1]);
    },
  };
}

/**
 * `docCount × perDoc` clients connecting at once, until all are synced; meanwhile two clients on
 * `probeDoc` (a document outside the storm, opened before it) edit and read it. `window`, when
 * given, is started just before the clients connect and ended once all are synced (a CPU profile
 * of the storm alone). The clients run in the bench process, or spread over `pool`'s processes.
 */
export async function connectStorm(
  server: BenchServer,
  docCount: number,
  perDoc: number,
  probeDoc: string,
  tag: string,
  window?: MeasuredWindow,
  sendBack: Uint8Array | null = null,
  pool: ClientPool | null = null,
): Promise<StormResult> {
  const docs = Array.from({ length: docCount * perDoc }, (_, i) => regionDoc(i % docCount));
  // A major collection in the bench process first (`--expose-gc`, `run-bench.ts`), as before each
  // fan-out window: what the previous part left (a fan-out's latencies and clients, the other
  // servers' storms) is otherwise collected during whichever storm comes next, Samplan's first in
  // every run, and its clients decode a plan each where the peers' cold clients decode ~140 bytes.
  // One as V8 makes itself (`major-gc.ts`): a bare gc() would deoptimize the bench's client code
  // right before the storm that comes first.
  majorGc();
  const probe = await editProbe(server, probeDoc, tag, 20);
  await window?.start();
  const cpuBefore = await server.cpu();
  await server.loopStart();
  const storm = await runStorm(pool, specsOf(server, docs), sendBack ? { sendBack } : { synced: true }, 60_000, `${server.kind}: ${docs.length} clients not synced`);
  const cpuMs = ((await server.cpu()) - cpuBefore) / 1000;
  const loopMaxMs = (await server.loop()).max;
  await window?.end();
  const probeMaxMs = await probe.stop();
  await storm.close();
  return { ms: storm.ms, cpuMs, loopMaxMs, clientCpuMs: storm.clientCpuMs, probeMaxMs, bytesPerClient: storm.bytesPerClient };
}

/**
 * One client on each of `docCount` documents that sends `state` after its first sync, so that
 * every server holds the plans Samplan has stored (the stock server keeps nothing across a
 * restart, so its cold storm serves empty documents). Close the clients when done.
 */
export function holdDocs(server: BenchServer, docCount: number, state: Uint8Array): Promise<SyncClient[]> {
  return connect(server, Array.from({ length: docCount }, (_, i) => regionDoc(i)), state);
}

/** Edit-to-peer latency over many documents, and the server's CPU per delivered edit. */
export interface FanoutResult {
  p50: number;
  p99: number;
  max: number;
  delivered: number;
  expected: number;
  /** Server CPU (user + system) over the measured window per delivered edit, in µs. */
  cpuPerDelivery: number;
  /**
   * Measured windows the figures are over: 1 in one server's fan-out (`fanout`), more where servers
   * alternate (`region/alternating.ts`); every figure here is over this server's own windows alone.
   */
  windows?: number;
  /**
   * Alternating: this server's CPU while the other servers' windows were driven (its clients
   * connected, none editing), in ms per second of those windows: what it took from the cores
   * the driven server ran on. NaN or absent in one server's fan-out.
   */
  otherWindowsCpuMsPerSecond?: number;
  /** With several windows: the median of the windows' own p99s, in ms (one stall sets one window's, not this). */
  windowP99Median?: number;
  /**
   * Alternating: `cpuPerDelivery` with the server's CPU over the pause after each of its windows
   * added (the deferred work of its edits, e.g. Hocuspocus's debounced stores, and its idle cost).
   */
  settledCpuPerDelivery?: number;
  /**
   * Each measured edit: its key (`<tag>-<n>`), when it was sent and when its last reader got it,
   * in ms since the epoch (`performance.timeOrigin + performance.now()`, the clock of `edit-trace.ts`).
   */
  edits?: { key: string; sent: number; last: number }[];
  /** Server CPU over the measured window (edits at `rate`), in ms per second of wall time. */
  cpuMsPerSecond: number;
  /**
   * Server CPU with every client connected and synced but nobody editing, in ms per second over
   * `idleSeconds` (NaN when not asked for): the fixed part of `cpuMsPerSecond`.
   */
  idleCpuMsPerSecond: number;
  /** The main thread's part of `idleCpuMsPerSecond` (the rest: GC helpers, workers), NaN without `/proc`. */
  idleMainMsPerSecond: number;
  /** The main thread's part of `cpuMsPerSecond`, NaN without `/proc`. */
  mainMsPerSecond: number;
  /** The kernel's part of `mainMsPerSecond` (system clock ticks, `thread-cpu.ts`), NaN without `/proc`. */
  mainSysMsPerSecond?: number;
  /** How many times the main thread was put on a CPU per delivered edit (wake-ups and preemptions), NaN without `schedstat`. */
  mainRunsPerDelivery?: number;
  /**
   * The bench process's own CPU over the measured window (its clients encode the writers' edits
   * and decode what every reader is sent, on the same two cores as the server), ms per second.
   */
  clientCpuMsPerSecond: number;
  /** The bench process's garbage collections over the measured window, ms per second (a pause there delays every reader). */
  clientGcMsPerSecond: number;
  /** The bench process's garbage collections over the measured window, per second (with the ms, what each cost). */
  clientGcsPerSecond?: number;
  /** V8 heap bytes the bench process allocated over the measured window per delivered edit (NaN with the readers in client processes, whose allocation is not counted). */
  clientAllocPerDelivery?: number;
  /**
   * The p99 (ms) of the deliveries in whose wait (from the send to the reader's receipt) the bench
   * process collected no garbage, and the share of deliveries it did (`client-stalls.ts`): how much
   * of `p99` the bench client's own pauses make. NaN with the readers in client processes.
   */
  p99WithoutClientGc?: number;
  clientGcStalledShare?: number;
  /**
   * What the readers' sockets read per delivered edit (TCP bytes: WebSocket headers and payloads)
   * and the WebSocket messages they got per delivered edit (below 1 where a server sends several
   * edits in one frame; NaN with the readers in client processes): what a server gives its
   * readers to decode, the same client code for every server.
   */
  readerBytesPerDelivery?: number;
  readerFramesPerDelivery?: number;
  /** What the writers' sockets read per edit sent, bytes and messages (a server that echoes an edit or acknowledges it sends its writer something). */
  writerBytesPerEdit?: number;
  writerFramesPerEdit?: number;
  /** V8 heap bytes the server allocated over the measured window per delivered edit (`alloc` of `bench-hook.ts`). */
  allocPerDelivery: number;
  /** V8 heap bytes the server allocated over the measured window per edit sent (whatever its readers). */
  allocPerEdit: number;
  /** V8 heap bytes the minor collections promoted to the old generation over the measured window, per edit sent. */
  promotedPerEdit: number;
  /** Major (and other non-minor) collections over the measured window, per second. */
  majorsPerSecond: number;
  /** Minor collections (scavenges) over the measured window, per second. */
  scavengesPerSecond: number;
  /** The main thread's time in collections over the measured window, in ms per second. */
  gcMsPerSecond: number;
  /**
   * Each other thread's name (`thread-cpu.ts`: `node-platform`, `sqlite-ckpt`, `node`) and CPU over
   * the measured window in ms per second, the busiest first (empty without `/proc`).
   */
  otherThreads: { name: string; msPerSecond: number }[];
}

/**
 * The server's CPU (user + system) over `seconds` of wall time while the bench does nothing, in
 * ms per second.
 */
export async function idleCpu(server: BenchServer, seconds: number): Promise<number> {
  return (await idleCpuByThread(server, seconds)).all;
}

/** {@link idleCpu}, and the main thread's part of it (NaN without `/proc`), in ms per second. */
export async function idleCpuByThread(server: BenchServer, seconds: number): Promise<{ all: number; main: number }> {
  const before = await server.cpu();
  const threads = threadCpu(server.pid);
  const start = performance.now();
  await sleep(seconds * 1000);
  const cpu = (await server.cpu()) - before;
  const ms = performance.now() - start;
  return { all: cpu / ms, main: (mainThreadMs(server.pid, threads, threadCpu(server.pid)) * 1000) / ms };
}

/** Called as the measured part of `fanout` (`fanout.ts`) starts (after connects and warm-up) and as it ends, before the clients close. */
export interface MeasuredWindow {
  start(): Promise<void>;
  end(): Promise<void>;
}

/**
 * A measured window taken in segments: `start` and `end` around each, `finish` once after the last,
 * which files what was measured over all of them. `bench/region`'s alternating mode measures a
 * server over its own windows this way, not over the other servers' windows and the pauses between.
 */
export interface SegmentedWindow extends MeasuredWindow {
  finish(): Promise<void>;
}

/** `w` as one window: it finishes as its one segment ends (the sequential mode). */
export function oneSegment(w: SegmentedWindow): MeasuredWindow {
  return {
    start: () => w.start(),
    end: async () => {
      await w.end();
      await w.finish();
    },
  };
}
