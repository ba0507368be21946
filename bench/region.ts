/**
 * Samplan at the shape a region has (many documents, hundreds of people connected, a few edits
 * each) beside the stock `@y/websocket-server` and Hocuspocus 3 + SQLite, all started in the same
 * run as child processes and driven by the same client code (`bench/support/region-measure.ts`):
 *
 * - heap and RSS per idle connection (slope over 0–1,000 connections on one document) and per
 *   loaded document (slope over 1–500 documents, one client each), after a full GC;
 * - fan-out, 500 clients over 100 documents and 50 clients on one, 100 edits/s: p50/p99/max ms
 *   and the server process's CPU (user + system) per delivered edit, over 100 documents also the
 *   main thread's part of it (the rest is V8's compiler and GC threads, and Samplan's checkpointer);
 * - connect storms, 500 clients over 100 documents at once, until all are synced; each with the
 *   server's CPU, the bench clients' CPU, the bytes each client received (what it had to decode)
 *   and the server's longest event-loop delay:
 *   - *cold*: on a fresh server. Samplan loads and serves its 100 stored plans (2.8 KB each);
 *     the stock server keeps nothing across a restart and Hocuspocus' SQLite file starts empty,
 *     so both serve empty documents: this row compares unequal work;
 *   - *warm*: the same storm again at once, every document still loaded (the peers' still empty);
 *   - *warm, every server holding the plans*: again, once one client per document has sent the
 *     plan, so every server holds and serves the same content;
 *   - *cold, every server loading the plans from its own storage*: the fair cold figure. Each
 *     server is started afresh on storage that already holds the plans (the stock server with its
 *     y-leveldb persistence, `YPERSISTENCE`; Hocuspocus on a seeded SQLite file; Samplan as
 *     seeded), and a client is done once it holds the plan (`support/stored-storm.ts`).
 *
 * Every figure over `--runs` runs (each on fresh servers), all printed, with Samplan's ratio to
 * each peer per run. Before the storms, the bench's client code is run once against every server
 * (`warmClients`), so that the first storm measured (Samplan's, first in every run) does not pay
 * for compiling it. Sizes are flags:
 *
 *   npm run bench -- region
 *   npm run bench -- region --runs 1 --seconds 3 --connections 400 --docs 100   # smoke run
 *   npm run bench -- region --parts fanout --warmup 30    # fan-out once V8 has optimized each server
 *   npm run bench -- region --parts storm --runs 5    # the connect storms alone
 *   npm run bench -- region --parts storm --stored log   # Samplan's plans as one update in the log each (default: as unloaded, `region-seed.ts`)
 *   npm run bench -- region --parts storm,fanout --profile /tmp/prof   # fan-out after the storms, profiled
 *   npm run bench -- region --parts fanout --one-doc-clients 2   # the 1-doc fan-out with one reader
 *   npm run bench -- region --parts fanout --trace   # the slowest edits, and what each server ran meanwhile
 *   npm run bench -- region --parts fanout --heap-profile /tmp/heap   # what each server allocates in the fan-out, by stack
 *
 * The 1-doc figure is CPU per delivered edit, so it mixes what a server spends once per edit
 * (receive, check, apply, store) with what it spends once per reader (a frame written to a
 * socket). Run with `--one-doc-clients 2` and with the default 50, alternating, and multiply each
 * figure by its readers: the CPU per edit at 1 and 49 readers gives both parts (the difference
 * over 48 is the cost of one more reader). Measured so (3 alternated pairs, load 17–27, after
 * the 100-doc part): per edit at 1 reader Samplan 730, 780, 948 µs, stock 517, 500, 526; at 49
 * readers Samplan 951, 1156, 1034, stock 711, 784, 838; one more reader Samplan 4.6, 7.8, 1.8
 * µs, stock 4.0, 5.9, 6.5 (the stock server also sends each edit back to its writer). Samplan's
 * gap was per edit (persisting and checking every edit), not per reader.
 *
 * Allocation and the other threads (`alloc` of `bench-hook.ts`, per-thread CPU of `/proc`), measured
 * so at load ~20 (`--parts fanout --warmup 10`): V8 heap allocated per edit Samplan 24.6 / 26.0 KB,
 * stock 24.5 / 24.4, Hocuspocus 36.6; minor collections 0–0.3 a second, stock 0.4–0.75: Samplan
 * allocates as the stock server does, and collecting it costs either almost nothing. In Samplan's
 * 100-doc window (`--heap-profile`) Yjs's transaction is half (6.8 of 13.1 MB, as in the stock
 * server's apply), the check 2.8, the relay 1.5. The CPU off the main thread is V8's optimizing
 * compiler: over an 8 s window after 10 s of edits, `perf` sampled the four V8 worker threads
 * compiling in 141 of 164 samples (stock 117 of 129), collecting garbage in 3 (stock 7); the WAL
 * checkpointer took 17 ms, libuv's pool nothing. At one edit per document per second the edit
 * path's functions reach TurboFan slowly (`--log-code`: 5–19 optimized a second still 10–20 s into
 * the fan-out, Yjs's, `ws`'s and Samplan's check, apply and relay; next to no deoptimizations), and
 * Samplan has more of them to optimize. With 500 idle connections both use the same CPU (14.8 and
 * 14.5 ms a second, nearly all of it on the main thread): no timer or poll of Samplan's adds a
 * per-second cost.
 *
 * The other threads by name (`support/thread-cpu.ts`; every bench server names Node's startup threads
 * `node-platform`, Samplan's checkpointer names itself `sqlite-ckpt`), `--parts fanout`, load 2–20:
 * in both servers they are V8's platform workers (`perf`: TurboFan's GraphReducer, GraphTrimmer,
 * register allocation), plus Samplan's checkpointer at 0.4–1.9 ms/s (4.9 in the 1-doc window);
 * libuv's pool takes nothing in either. After 2 s of warm-up Samplan's platform workers took
 * 19.6–33.2 ms/s over 100 docs to the stock server's 4.5–11.1; after 30 s, 5.7 to 2.0 (1 doc: 12.9
 * to 1.3): compiling more of its own code, and it decays (70 deoptimizations over a run to the
 * stock server's 39, none repeated more than twice: no deopt loop). Kernel work per delivery
 * (`strace -f -c`, 1 doc × 50, 500 edits = 24,451 deliveries): Samplan 24,260 `write` of one
 * buffer each, the stock server 24,500 `writev`; `epoll_pwait` 1,637 and 1,561, `read` 500 and
 * 499, no `epoll_ctl` or `setsockopt` in either; Samplan's own per edit is its SQLite commit, 3
 * `pwrite64` and 6 `fcntl` (locks), and 4 `fsync` in the window from its checkpointer. Idle
 * (`--idle 3`): nothing connected 6.74 and 6.63 ms/s, 500 clients connected 6.74 and 6.67.
 *
 * Why Samplan's collections cost more per byte allocated (2 runs, load ~20): of 28.0 / 28.3 KB
 * allocated per edit, its scavenges promoted 6.41 / 5.06 KB to the old generation, the stock
 * server's 1.40 / 1.17 of 25.4 / 25.7 (4.3–4.6×), with one scavenge every ~5 s in both: per edit,
 * Samplan keeps about 5 KB alive across two scavenges, which then dies in the old generation (two
 * heap snapshots after a full GC, 1,000 edits apart over 100 docs, grew by 327 KB, almost all of it
 * compiled code; the stock server's by 236 KB): what holds it for seconds is not found yet. The
 * checkpointer's interval (`checkpointEveryMs`, 1 s) is about the cheapest: 3 alternated pairs of
 * 1,500 commits over 100 docs at 100/s, load 16–20, checkpointer + main thread ms/s: 250 ms
 * 55.2, 54.6, 54.2 to 1 s 55.8, 60.5, 54.8; 5 s 47.8, 44.5, 51.9 to 1 s 41.4, 36.0, 47.2 (every
 * 5 s halves the checkpointer's CPU but the main thread's commits cost more).
 *
 * `--profile <dir>` writes a V8 CPU profile of each server's measured fan-out windows alone
 * (`<kind>-run<n>-<docs>docs.cpuprofile`) and of its cold and warm connect storms
 * (`<kind>-run<n>-storm-cold.cpuprofile`, `-storm-warm`), through the same `profile` hook of
 * `bench-hook.ts` for every server; open it in Chrome DevTools. The profiler costs the servers CPU of its own: the
 * CPU figures of a profiled run are for comparing profiles, not servers.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import { regionDoc, regionState, seedRegion, type SeedStored } from './support/region-seed.js';
import {
  connectStorm,
  fanout,
  holdDocs,
  idleCpuByThread,
  memoryPerConnection,
  memoryPerDoc,
  type FanoutResult,
  type MeasuredWindow,
  type MemorySlope,
  type StormResult,
} from './support/region-measure.js';
import { ratioRows, type Figure } from './support/ratio-table.js';
import { PLATFORM_THREAD } from './support/thread-cpu.js';
import { startBenchServer, stopBenchServers, type BenchServer, type ServerKind } from './support/servers.js';
import { onTeardown, stopOnSignals, teardown } from './support/teardown.js';
import type { TraceDump } from './support/edit-trace.js';
import { traceReport } from './support/trace-report.js';
import { seedPeer, storedColdStorm, warmClients } from './support/stored-storm.js';

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    rate: { type: 'string', default: '100' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '1000' },
    docs: { type: 'string', default: '500' },
    'fanout-docs': { type: 'string', default: '100' },
    'per-doc': { type: 'string', default: '5' },
    'one-doc-clients': { type: 'string', default: '50' },
    servers: { type: 'string', default: 'samplan,y-websocket-server,hocuspocus' },
    parts: { type: 'string', default: 'memory,fanout,storm' },
    profile: { type: 'string' },
    'heap-profile': { type: 'string' },
    trace: { type: 'boolean', default: false },
    stored: { type: 'string', default: 'unloaded' },
    idle: { type: 'string', default: '0' },
  },
  strict: true,
});
const RUNS = Number(flags.runs);
/** How Samplan's plans are stored before its storms (`SeedStored` of `support/region-seed.ts`). */
const STORED = flags.stored as SeedStored;
if (STORED !== 'log' && STORED !== 'unloaded') throw new Error(`--stored: log or unloaded, not ${STORED}`);
const SECONDS = Number(flags.seconds);
const RATE = Number(flags.rate);
/**
 * Seconds of edits before each fan-out is measured; 30 measures the servers once V8 has optimized
 * them. With the default 2, the fan-out's CPU per edit is as much V8's warm-up as the steady state
 * (in `perf` of the server over the window: TurboFan compiling and baseline code's inline-cache
 * stubs are about half of either server's CPU), and after the storms (`measure`) the warm-ups are
 * not alike: the stock server's joins and edits run the same code (y-protocols' sync messages,
 * `Y.applyUpdate`, the broadcast), so 1,500 joins leave its edit path optimized, while Samplan's
 * joins (admission, load, step 1 and 2) send it empty updates, which stop before the check, and
 * the 100 holders' plans, which change nothing: its validation runs 100 times, its commit and
 * relay never, and they stay in baseline code. A CPU-per-edit ratio of a full run is then wider
 * than of `--parts fanout`; `--warmup 30` compares steady states.
 */
const WARMUP = Number(flags.warmup);
const CONNECTIONS = Number(flags.connections);
const DOCS = Number(flags.docs);
const FAN_DOCS = Number(flags['fanout-docs']);
const PER_DOC = Number(flags['per-doc']);
const ONE_DOC_CLIENTS = Number(flags['one-doc-clients']);
/**
 * `--idle <s>`: each server's CPU is also measured for that long with nothing connected (2 s after
 * it started) and with the 100-doc fan-out's clients connected and synced before anyone edits
 * (`fanout`'s `idleSeconds`): the fixed cost that "CPU per delivered edit" includes. 0 (the
 * default) measures neither.
 */
const IDLE = Number(flags.idle);

/** The measurements made (`--parts storm` measures the connect storms alone, for profiling). */
const PARTS = new Set(flags.parts.split(','));
for (const part of PARTS) {
  if (!['memory', 'fanout', 'storm'].includes(part)) throw new Error(`--parts: unknown part ${part} (known: memory, fanout, storm)`);
}
/** Where the fan-out windows' CPU profiles go (`--profile`), or undefined. */
const PROFILE_DIR = flags.profile;
if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
/** Where the fan-out windows' heap allocation profiles go (`--heap-profile`), or undefined. */
const HEAP_DIR = flags['heap-profile'];
if (HEAP_DIR) mkdirSync(HEAP_DIR, { recursive: true });

/**
 * `--trace`: each fan-out's measured window is traced in the server (`support/edit-trace.ts`, the
 * same hook for every server) and its slowest edits are printed with what ran meanwhile
 * (`support/trace-report.ts`). The trace costs the servers time of its own.
 *
 * Measured so (`--parts fanout --servers samplan,y-websocket-server --runs 1 --seconds 3`, 5 runs
 * at load 16.6–18.5, and 3 more at 19–28): the slowest 1 % of edits, which decide p99, spent
 * their time with the server's main thread runnable but not running (the machine's other
 * processes had the CPU), e.g. Samplan 1 doc 32.8 of 52.6 ms to the last frame, 100 docs 65.3 of
 * 78.4; the stock server's alike (97.3 of 103.0, 548 of 586). Samplan's never waited in
 * `Atomics.wait` (the checkpointer's writer gate) in any run, ran a timer callback in one slowest
 * edit's window (2.8 ms; elsewhere the timer callbacks of 0.3 ms or more were the rights and
 * foreign-write polls, 0.5–0.6 ms, once a window), and collected garbage in its
 * slowest edits' windows in 2 of 10 (2.6 and 54 ms, a minor collection stretched by the same
 * contention; the stock server in 2 of 10 too, with 2–7 minor collections per window to
 * Samplan's 0–1). On a busy machine the tail follows the CPU each edit takes, not a stall of its own.
 */
const TRACE = flags.trace;
const traces: string[] = [];
/** The measured window of a traced fan-out `tag`; `report` gets the trace once it ends. */
function traced(s: BenchServer, tag: string, inner: MeasuredWindow | undefined, report: (dump: TraceDump) => void): MeasuredWindow | undefined {
  if (!TRACE) return inner;
  return {
    start: async () => {
      await inner?.start();
      await s.traceStart?.(tag);
    },
    end: async () => {
      const dump = await s.traceStop?.();
      if (dump) report(dump);
      await inner?.end();
    },
  };
}
/** A fan-out of `fanout`, traced with `--trace`. */
async function tracedFanout(s: BenchServer, run: number, docs: number, perDoc: number, tag: string, idleSeconds = 0): Promise<FanoutResult> {
  let dump: TraceDump | undefined;
  const r = await fanout(s, docs, perDoc, RATE, SECONDS, tag, idleSeconds, traced(s, tag, profiled(s, run, docs), (d) => (dump = d)), WARMUP);
  if (dump && r.edits) traces.push(...traceReport(`${s.kind} run ${run + 1}, ${docs} docs × ${perDoc} (load ${loadavg()[0]?.toFixed(2)})`, r.edits, dump), '');
  return r;
}

/**
 * The measured window of a fan-out profiled into `PROFILE_DIR` (CPU), or with `--heap-profile <dir>`
 * what it allocated, by stack (`<kind>-run<n>-<docs>docs.heapprofile`; one or the other), or undefined.
 */
function profiled(s: BenchServer, run: number, docs: number | string): MeasuredWindow | undefined {
  const name = typeof docs === 'number' ? `${docs}docs` : docs;
  if (HEAP_DIR) return { start: () => s.heapStart(), end: () => s.heapStop(join(HEAP_DIR, `${s.kind}-run${run + 1}-${name}.heapprofile`)) };
  if (!PROFILE_DIR) return undefined;
  return { start: () => s.profileStart(), end: () => s.profileStop(join(PROFILE_DIR, `${s.kind}-run${run + 1}-${name}.cpuprofile`)) };
}
const NONE = { heap: NaN, rss: NaN };
const NO_FANOUT: FanoutResult = {
  p50: NaN,
  p99: NaN,
  max: NaN,
  delivered: 0,
  expected: 0,
  cpuPerDelivery: NaN,
  cpuMsPerSecond: NaN,
  idleCpuMsPerSecond: NaN,
  idleMainMsPerSecond: NaN,
  mainMsPerSecond: NaN,
  allocPerDelivery: NaN,
  allocPerEdit: NaN,
  scavengesPerSecond: NaN,
  promotedPerEdit: NaN,
  majorsPerSecond: NaN,
  gcMsPerSecond: NaN,
  otherThreads: [],
};

const LABELS: Partial<Record<ServerKind, string>> = { samplan: 'Samplan', 'y-websocket-server': 'stock y-websocket', hocuspocus: 'Hocuspocus' };
/** The servers compared, Samplan first (`--servers` picks fewer, for profiling). */
const KINDS = flags.servers.split(',').map((k): [ServerKind, string] => {
  const label = LABELS[k as ServerKind];
  if (!label) throw new Error(`--servers: unknown server ${k} (known: ${Object.keys(LABELS).join(', ')})`);
  return [k as ServerKind, label];
});

/** One run's figures of one server. */
interface Figures {
  conn: MemorySlope;
  doc: MemorySlope;
  cold: StormResult;
  warm: StormResult;
  /** Warm, with every server holding the plans' content (see `holdDocs`). */
  held: StormResult;
  /** Cold, every server loading the plans from its own storage (see `support/stored-storm.ts`). */
  stored: StormResult;
  many: FanoutResult;
  one: FanoutResult;
  /** CPU with nothing connected (`--idle`), ms per second, and the main thread's part. */
  bare: { all: number; main: number };
}

async function withServer<T>(kind: ServerKind, db: string, fn: (s: BenchServer) => Promise<T>): Promise<T> {
  const server = await startBenchServer(kind, db);
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}

const steps = (max: number, from = 0): number[] => [from, Math.round(max / 4), Math.round(max / 2), Math.round((3 * max) / 4), max];

async function measure(kind: ServerKind, dir: string, samplanDb: string, run: number, state: Uint8Array): Promise<Figures> {
  const db = (n: string): string => (kind === 'samplan' ? samplanDb : join(dir, `${kind}-${run}-${n}.db`));
  const memory = PARTS.has('memory');
  const conn = memory ? await withServer(kind, db('conn'), (s) => memoryPerConnection(s, steps(CONNECTIONS), state)) : NONE;
  const doc = memory ? await withServer(kind, db('doc'), (s) => memoryPerDoc(s, steps(DOCS, 1), state)) : NONE;
  const none: StormResult = { ms: NaN, cpuMs: NaN, loopMaxMs: NaN, clientCpuMs: NaN, probeMaxMs: NaN, bytesPerClient: NaN };
  let stored = none;
  if (PARTS.has('storm')) {
    // Before the fan-out writes to Samplan's file: every server's storage holds the plans alone.
    const path = kind === 'samplan' ? samplanDb : join(dir, `${kind}-${run}-stored${kind === 'hocuspocus' ? '.db' : ''}`);
    if (kind !== 'samplan') await seedPeer(startBenchServer, kind, path, FAN_DOCS, state);
    stored = await storedColdStorm(startBenchServer, kind, path, FAN_DOCS, PER_DOC, state);
  }
  return withServer(kind, db('load'), async (s) => {
    let cold = none;
    // Edited during each storm: a document the storm does not open (seeded for Samplan).
    const probe = regionDoc(FAN_DOCS);
    let warm = cold;
    let held = cold;
    if (PARTS.has('storm')) {
      cold = await connectStorm(s, FAN_DOCS, PER_DOC, probe, `c${run}`, profiled(s, run, 'storm-cold'));
      await new Promise((r) => setTimeout(r, 300));
      warm = await connectStorm(s, FAN_DOCS, PER_DOC, probe, `w${run}`, profiled(s, run, 'storm-warm'));
      const holders = await holdDocs(s, FAN_DOCS, state);
      await new Promise((r) => setTimeout(r, 300));
      held = await connectStorm(s, FAN_DOCS, PER_DOC, probe, `h${run}`);
      for (const c of holders) c.close();
    }
    const fan = PARTS.has('fanout');
    let bare = { all: NaN, main: NaN };
    if (fan && IDLE > 0) {
      await s.mem();
      await new Promise((r) => setTimeout(r, 2000));
      bare = await idleCpuByThread(s, IDLE);
    }
    const many = fan ? await tracedFanout(s, run, FAN_DOCS, PER_DOC, `m${run}`, IDLE) : NO_FANOUT;
    const one = fan ? await tracedFanout(s, run, 1, ONE_DOC_CLIENTS, `o${run}`) : NO_FANOUT;
    return { conn, doc, cold, warm, held, stored, many, one, bare };
  });
}

function table(headers: string[], rows: (string | number)[][]): void {
  console.log(`| ${headers.join(' | ')} |`);
  console.log(`|${headers.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log();
}

const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
const ms = (x: number): string => x.toFixed(2);

/**
 * The other threads' CPU summed by name (`support/thread-cpu.ts`): V8's platform workers (TurboFan
 * compiling concurrently, concurrent marking), Samplan's WAL checkpointer, and whatever started
 * after the server named its threads (libuv's pool; a worker that names itself not).
 */
const THREAD_GROUPS: [label: string, name: string][] = [
  [`threads ${PLATFORM_THREAD} (V8's compiler and GC helpers)`, PLATFORM_THREAD],
  ['thread sqlite-ckpt (WAL checkpointer)', 'sqlite-ckpt'],
  ['threads started later (libuv pool)', 'node'],
];

/** Each server's busiest other threads in each run, by name: `name ms/s`, the busiest first. */
function threadNames(all: readonly (readonly Figures[])[]): string[] {
  const lines: string[] = [];
  all.forEach((figures, run) =>
    figures.forEach((f, i) => {
      for (const [part, label] of [['many', `${FAN_DOCS} docs`], ['one', '1 doc']] as const) {
        const threads = f[part].otherThreads.filter((t) => t.msPerSecond >= 0.05);
        if (threads.length) lines.push(`run ${run + 1}, ${KINDS[i]?.[1]}, fan-out ${label}: ${threads.map((t) => `${t.name} ${t.msPerSecond.toFixed(2)}`).join(', ')}`);
      }
    }),
  );
  return lines;
}

/** The printed figures: name, how a value is shown, and the value of one server's run. */
const FIGURES: Figure<Figures>[] = [
  ['heap per idle connection, KB', (f) => f.conn.heap, kb],
  ['RSS per idle connection, KB', (f) => f.conn.rss, kb],
  ['heap per loaded doc (+1 client), KB', (f) => f.doc.heap, kb],
  ['RSS per loaded doc (+1 client), KB', (f) => f.doc.rss, kb],
  [`fan-out ${FAN_DOCS} docs × ${PER_DOC}: p50 ms`, (f) => f.many.p50, ms],
  [`fan-out ${FAN_DOCS} docs × ${PER_DOC}: p99 ms`, (f) => f.many.p99, ms],
  [`fan-out ${FAN_DOCS} docs × ${PER_DOC}: max ms`, (f) => f.many.max, (x) => x.toFixed(1)],
  [`fan-out ${FAN_DOCS} docs: CPU µs per delivered edit`, (f) => f.many.cpuPerDelivery, (x) => x.toFixed(1)],
  // The main thread's part of the CPU above; the rest is the server's other threads (V8's optimizing compiler and GC helpers, Samplan's WAL checkpointer).
  [`fan-out ${FAN_DOCS} docs: main-thread CPU µs per delivered edit`, (f) => (f.many.cpuPerDelivery * f.many.mainMsPerSecond) / f.many.cpuMsPerSecond, (x) => x.toFixed(1)],
  // V8 heap allocation (Buffer contents not counted), and what it costs: minor collections and their main-thread time.
  [`fan-out ${FAN_DOCS} docs: heap KB allocated per edit`, (f) => f.many.allocPerEdit / 1024, (x) => x.toFixed(2)],
  [`fan-out ${FAN_DOCS} docs: heap KB allocated per delivered edit`, (f) => f.many.allocPerDelivery / 1024, (x) => x.toFixed(2)],
  [`fan-out ${FAN_DOCS} docs: minor GCs per second`, (f) => f.many.scavengesPerSecond, (x) => x.toFixed(1)],
  [`fan-out ${FAN_DOCS} docs: major GCs per second`, (f) => f.many.majorsPerSecond, (x) => x.toFixed(2)],
  // What outlives the young generation: the old generation's growth, which major collections then mark.
  [`fan-out ${FAN_DOCS} docs: heap KB promoted to old space per edit`, (f) => f.many.promotedPerEdit / 1024, (x) => x.toFixed(2)],
  [`fan-out ${FAN_DOCS} docs: main-thread GC ms per second`, (f) => f.many.gcMsPerSecond, (x) => x.toFixed(2)],
  // The busiest threads but the main one, ms per second; their names are printed under the table (`threadNames`).
  ...[0, 1, 2].map((i): Figure<Figures> => [`fan-out ${FAN_DOCS} docs: other threads, busiest no. ${i + 1}, CPU ms per second`, (f) => f.many.otherThreads[i]?.msPerSecond ?? NaN, (x) => x.toFixed(2)]),
  // The same threads summed by name (`support/thread-cpu.ts`), both fan-outs.
  ...(['many', 'one'] as const).flatMap((part) =>
    THREAD_GROUPS.map(([label, name]): Figure<Figures> => [
      `fan-out ${part === 'many' ? `${FAN_DOCS} docs` : '1 doc'}: ${label}, CPU ms per second`,
      (f) => (f[part].otherThreads.length ? f[part].otherThreads.filter((t) => t.name === name).reduce((a, t) => a + t.msPerSecond, 0) : NaN),
      (x) => x.toFixed(2),
    ]),
  ),
  [`idle, nothing connected: CPU ms per second`, (f) => f.bare.all, (x) => x.toFixed(2)],
  [`idle, ${FAN_DOCS * PER_DOC} clients over ${FAN_DOCS} docs: CPU ms per second`, (f) => f.many.idleCpuMsPerSecond, (x) => x.toFixed(2)],
  [`idle, ${FAN_DOCS * PER_DOC} clients over ${FAN_DOCS} docs: main-thread CPU ms per second`, (f) => f.many.idleMainMsPerSecond, (x) => x.toFixed(2)],
  [`fan-out 1 doc × ${ONE_DOC_CLIENTS}: p50 ms`, (f) => f.one.p50, ms],
  [`fan-out 1 doc × ${ONE_DOC_CLIENTS}: p99 ms`, (f) => f.one.p99, ms],
  [`fan-out 1 doc × ${ONE_DOC_CLIENTS}: max ms`, (f) => f.one.max, (x) => x.toFixed(1)],
  ['fan-out 1 doc: CPU µs per delivered edit', (f) => f.one.cpuPerDelivery, (x) => x.toFixed(1)],
  [`connect storm ${FAN_DOCS * PER_DOC} clients, cold ms`, (f) => f.cold.ms, (x) => x.toFixed(0)],
  [`connect storm ${FAN_DOCS * PER_DOC} clients, warm ms`, (f) => f.warm.ms, (x) => x.toFixed(0)],
  [`connect storm ${FAN_DOCS * PER_DOC} clients, warm, every server holding the plans, ms`, (f) => f.held.ms, (x) => x.toFixed(0)],
  [`connect storm ${FAN_DOCS * PER_DOC} clients, cold, every server loading the plans from its own storage, ms`, (f) => f.stored.ms, (x) => x.toFixed(0)],
  [`connect storm cold: server CPU ms`, (f) => f.cold.cpuMs, (x) => x.toFixed(0)],
  [`connect storm warm: server CPU ms`, (f) => f.warm.cpuMs, (x) => x.toFixed(0)],
  [`connect storm warm, holding the plans: server CPU ms`, (f) => f.held.cpuMs, (x) => x.toFixed(0)],
  [`connect storm cold, loading the plans from storage: server CPU ms`, (f) => f.stored.cpuMs, (x) => x.toFixed(0)],
  [`connect storm cold: bench clients' CPU ms`, (f) => f.cold.clientCpuMs, (x) => x.toFixed(0)],
  [`connect storm warm, holding the plans: bench clients' CPU ms`, (f) => f.held.clientCpuMs, (x) => x.toFixed(0)],
  [`connect storm cold, loading the plans from storage: bench clients' CPU ms`, (f) => f.stored.clientCpuMs, (x) => x.toFixed(0)],
  // What the clients above decode: Samplan's cold storm serves the stored plans, the peers' empty documents.
  [`connect storm cold: bytes received per client`, (f) => f.cold.bytesPerClient, (x) => x.toFixed(0)],
  [`connect storm warm, holding the plans: bytes received per client`, (f) => f.held.bytesPerClient, (x) => x.toFixed(0)],
  [`connect storm cold, loading the plans from storage: bytes received per client`, (f) => f.stored.bytesPerClient, (x) => x.toFixed(0)],
  [`connect storm cold: slowest edit on another doc, ms`, (f) => f.cold.probeMaxMs, (x) => x.toFixed(0)],
  [`connect storm warm: slowest edit on another doc, ms`, (f) => f.warm.probeMaxMs, (x) => x.toFixed(0)],
  [`connect storm cold: longest event-loop delay ms`, (f) => f.cold.loopMaxMs, (x) => x.toFixed(0)],
  [`connect storm warm: longest event-loop delay ms`, (f) => f.warm.loopMaxMs, (x) => x.toFixed(0)],
  [`connect storm cold, loading the plans from storage: longest event-loop delay ms`, (f) => f.stored.loopMaxMs, (x) => x.toFixed(0)],
];

// A run that fails or is stopped (Ctrl+C, SIGTERM) stops its server processes and removes its
// folder (`support/teardown.ts`), as `scale` does; steps run last-registered first.
stopOnSignals();
const dir = mkdtempSync(join(tmpdir(), 'samplan-region-'));
onTeardown(() => rmSync(dir, { recursive: true, force: true }));
onTeardown(stopBenchServers);
try {
  const state = regionState();
  const all: Figures[][] = [];
  console.log(
    `Region: ${RUNS} runs; memory over 0–${CONNECTIONS} idle connections and 1–${DOCS} docs (${state.byteLength} B each); ` +
      `fan-out ${RATE} edits/s for ${SECONDS} s after ${WARMUP} s of edits; every run on fresh servers, Samplan persisting and validating every edit; ` +
      `Samplan's plans stored as ${STORED === 'log' ? 'one update in the log (--stored log)' : 'a server leaves them when it unloads them: snapshot and fresh state (--stored unloaded)'}\n`,
  );
  if (PARTS.has('storm')) {
    // The bench's clients warmed against every server first, so no server's first storm pays for it.
    const warmDb = join(dir, 'warmup-samplan.db');
    const warmStorage = openSqliteStorage(warmDb, { durability: 'normal' });
    await seedRegion(warmStorage, FAN_DOCS, state);
    await warmStorage.close();
    for (const [kind] of KINDS) await warmClients(startBenchServer, kind, kind === 'samplan' ? warmDb : join(dir, `warmup-${kind}.db`), FAN_DOCS, PER_DOC, state);
  }
  for (let run = 0; run < RUNS; run++) {
    const samplanDb = join(dir, `samplan-${run}.db`);
    const storage = openSqliteStorage(samplanDb, { durability: 'normal' });
    await seedRegion(storage, Math.max(PARTS.has('memory') ? DOCS : 0, FAN_DOCS + 1), state, STORED);
    await storage.close();
    const figures: Figures[] = [];
    for (const [kind] of KINDS) figures.push(await measure(kind, dir, samplanDb, run, state));
    all.push(figures);
    const misses = figures.flatMap((f, i) =>
      [f.many, f.one].filter((r) => r.delivered < r.expected).map((r) => `${KINDS[i]?.[1]}: ${r.delivered}/${r.expected} delivered`),
    );
    console.log(`run ${run + 1} done${misses.length ? ` (${misses.join('; ')})` : ''}`);
  }
  console.log();
  const headers = ['figure', 'run', ...KINDS.map(([, label]) => label), 'Samplan ÷ stock', 'Samplan ÷ Hocuspocus'];
  // A part not measured (`--parts`) prints no rows.
  const rows = ratioRows(KINDS.map(([kind]) => kind), ['y-websocket-server', 'hocuspocus'], all, FIGURES);
  table(headers, rows);
  const names = threadNames(all);
  if (names.length) console.log(`Other threads of each server, CPU ms per second over the measured fan-out, the busiest first:\n${names.join('\n')}\n`);
  if (traces.length) console.log(traces.join('\n'));
} finally {
  await teardown();
}
process.exit(0);
