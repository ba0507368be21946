/**
 * Sync fan-out, edit-rate ceiling, memory per loaded doc and cold load, with Samplan and the stock
 * servers started in the same run on loopback and driven by the same client code.
 *
 *   npx tsx bench/sync.ts
 *   BENCH_SECONDS=3 BENCH_WARMUP_SECONDS=2 BENCH_STEP_SECONDS=2 BENCH_BIG_ROWS=2000 npx tsx bench/sync.ts   # smoke run
 *   BENCH_PARTS=memory BENCH_BIG_ROWS=2000 npx tsx bench/sync.ts                        # the big doc alone
 *
 * The fan-out runs every server at once in alternating windows (`support/sync-fanout.ts`, the
 * code of `bench/region`'s alternating mode) and prints each window's figures and each run's ratios.
 *
 * `BENCH_PARTS` (comma-separated, all by default): `fanout`, `ladder`, `memory`. The memory part
 * (`support/big-doc.ts`) prints the big doc's cold load (until the room can take an edit, and
 * until a fresh client is answered from the stored bytes, each beside the bare `Y.applyUpdateV2` of
 * the same snapshot) and each process's memory growth while it holds the doc, Samplan's RSS
 * growth as a ratio to a bare Node process holding the same Y.Doc and to the stock servers'.
 *
 * The edit-rate ladder climbs `BENCH_RATES`, then doubles on until each server fails a step (up to
 * `BENCH_MAX_RATE`), and prints Samplan's ceiling over each peer's from the same run. A step in which
 * this one process could not send the edits asked (`sent/s` under 95 % of the rate) says nothing of
 * the server: the climb stops there and the ceiling is a lower bound (`support/ladder.ts`).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { pino } from 'pino';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import { insertRow, setCell } from '../shared/doc/index.js';
import { seedBench } from './support/bench-seed.js';
import { startBenchServer, withServer, type BenchServer, type ServerKind, type ServerMemory } from './support/servers.js';
import { bareHolding, coldLoads, growth, serverHolding } from './support/big-doc.js';
import { SyncClient } from './support/sync-client.js';
import { ceilingRatio, climb, stepVerdict, type Climb } from './support/ladder.js';
import { onFirstKeys } from './support/marked-keys.js';
import { alternatedFanout, p99Ratios } from './support/sync-fanout.js';

if (!globalThis.gc) {
  // Heap figures need a full GC; re-run with it exposed.
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
const gc = globalThis.gc;

/** Measured seconds of the fan-out per server and run, in `BENCH_WINDOW_SECONDS` windows (10: 49,000 deliveries per server and run at 50 clients). */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 5);
const BIG_ROWS = Number(process.env.BENCH_BIG_ROWS ?? 10_000);
const RATES = (process.env.BENCH_RATES ?? '100,200,400,800,1600,3200,6400,12800,25600').split(',').map(Number);
/** The ladder doubles on past `RATES` until a server fails, up to this rate (edits/s). */
const MAX_RATE = Number(process.env.BENCH_MAX_RATE ?? 409_600);
/**
 * Seconds of edits before the fan-out part is measured (`BENCH_WARMUP_SECONDS`, 30 by default: the
 * servers once V8 has optimized them, as `bench/region`'s `--warmup`; see `region/options.ts`).
 * Each ladder step warms for {@link STEP_WARMUP_SECONDS} only: its rate is the point, and the
 * steps before it have run the same code.
 */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 30);
const STEP_WARMUP_SECONDS = 2;
/**
 * The fan-out's alternation (`support/sync-fanout.ts`): `BENCH_WINDOW_SECONDS` (1) long windows,
 * `BENCH_SECONDS` of them in all per server and run, `BENCH_SETTLE_SECONDS` (2.5, past
 * Hocuspocus's 2 s store debounce) of pause after each, `BENCH_FANOUT_RUNS` (3) runs on the same
 * servers, the later ones warmed `BENCH_RUN_WARMUP_SECONDS` (5: V8 has optimized the servers in
 * the first; the clients are new).
 */
const WINDOW_SECONDS = Number(process.env.BENCH_WINDOW_SECONDS ?? 1);
const WINDOWS = Math.max(1, Math.round(SECONDS / WINDOW_SECONDS));
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 2.5);
const FANOUT_RUNS = Number(process.env.BENCH_FANOUT_RUNS ?? 3);
const RUN_WARMUP_SECONDS = Number(process.env.BENCH_RUN_WARMUP_SECONDS ?? 5);
/** Which parts run (`BENCH_PARTS=memory` for the big doc's memory and cold load alone). */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'fanout,ladder,memory').split(',').map((p) => p.trim()));
/** Cold loads of the big doc (each interleaved with a bare apply), and memory runs of each server. */
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 7);
const MEMORY_RUNS = Number(process.env.BENCH_MEMORY_RUNS ?? 3);
const MIN_READERS = 10;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
const median = (xs: number[]): number => pct([...xs].sort((a, b) => a - b), 50);
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

interface Fanout {
  p50: number;
  p99: number;
  max: number;
  samples: number;
  expected: number;
  /** Edits the bench sent in the measured seconds (fewer than asked when it could not keep up). */
  sent: number;
  /** Clients the server closed before the harness did, by close code: `4429×32`, or `—`. */
  closes: string;
}

/** `deliveries` as printed: a run that delivered nothing says so instead of a bare `0/n`. */
const deliveries = (r: Fanout): string =>
  r.expected === 0 ? 'nothing to measure (no readers)' : r.samples === 0 ? `**none** (0/${r.expected})` : `${r.samples}/${r.expected}`;

let run = 0;

/**
 * `clients` clients on one doc (more when the writers need it, so that at least ten read);
 * writers (≤100 edits/s each) edit at `rate` for `seconds`.
 */
async function fanout(server: BenchServer, rate: number, seconds: number, clients: number, warmupSeconds: number): Promise<Fanout> {
  const doc = 'fanout';
  const tag = `r${run++}`;
  gc();
  const writerCount = Math.max(1, Math.ceil(rate / 100));
  // Every client is light, writers too: at 3,200 edits/s, 32 writers each applying everyone
  // else's edits would saturate this process long before the server, and the readers' frames
  // would queue behind that work until nothing measured arrived in time.
  // Past `clients` writers, readers are added so that there is always someone to measure.
  const total = Math.max(clients, writerCount + MIN_READERS);
  const conns = Array.from({ length: total }, () => new SyncClient(server.url(doc), server.framing(doc), true));
  await Promise.all(conns.map((c) => c.synced));
  const writers = conns.slice(0, writerCount);
  const readers = conns.slice(writerCount);
  // Each writer edits a cell of its own row, as a person typing in the pane does: the update's
  // size does not grow with the doc, and neither does the client's work.
  const rowIds = writers.map((writer, i) => {
    let id = '';
    writer.write((d) => (id = insertRow(d, { title: 'Promenadgrupp', participantsReached: 0 }, { id: `${tag}-w${i}` })));
    return id;
  });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  // Readers find the edits' keys in the update bytes instead of applying them (light clients).
  onFirstKeys(readers, tag, (key, now) => {
    const t = sentAt.get(key);
    if (t === undefined) return false;
    latencies.push(now - t);
    return true;
  });
  // A close before the harness closes the clients is the server's doing: counted by code, and
  // each distinct code with its reason printed once.
  const earlyCloses = new Map<number, { count: number; reason: string }>();
  let closing = false;
  for (const c of conns) {
    void c.closed.then(({ code, reason }) => {
      if (closing) return;
      const seen = earlyCloses.get(code) ?? { count: 0, reason: `${reason}${c.error ? ` (${c.error.message})` : ''}` };
      seen.count++;
      earlyCloses.set(code, seen);
    });
  }
  let sent = 0;
  let measured = 0;
  const drive = async (secs: number, record: boolean): Promise<void> => {
    const start = performance.now();
    let done = 0;
    while (performance.now() - start < secs * 1000) {
      const due = Math.floor(((performance.now() - start) / 1000) * rate);
      for (; done < due; done++) {
        const w = done % writers.length;
        const writer = writers[w] as SyncClient;
        const key = `${tag}-${sent++}`;
        writer.write((d) => setCell(d, rowIds[w] as string, 'comment', key));
        // Stamped as the frame was handed to the socket (`SyncClient.lastSentAt`), after the bench's Yjs work.
        if (record) {
          sentAt.set(key, writer.lastSentAt);
          measured++;
        }
      }
      await sleep(1);
    }
  };
  await drive(warmupSeconds, false);
  await drive(seconds, true);
  const expected = measured * readers.length;
  const until = performance.now() + 5000;
  while (latencies.length < expected && performance.now() < until) await sleep(20);
  closing = true;
  for (const c of conns) c.close();
  const closes = [...earlyCloses].map(([code, { count }]) => `${code}×${count}`).join(', ') || '—';
  for (const [code, { count, reason }] of earlyCloses) {
    console.log(`  ${server.kind} at ${rate} edits/s closed ${count} of ${conns.length} clients with ${code}${reason ? ` "${reason}"` : ''}`);
  }
  if (expected > 0 && latencies.length === 0) {
    console.log(`  ${server.kind} at ${rate} edits/s delivered nothing: 0 of ${expected} expected deliveries within 5 s of the last edit`);
  }
  latencies.sort((a, b) => a - b);
  return { p50: pct(latencies, 50), p99: pct(latencies, 99), max: latencies[latencies.length - 1] ?? NaN, samples: latencies.length, expected, sent: measured, closes };
}

function table(headers: string[], rows: (string | number)[][]): void {
  console.log(`| ${headers.join(' | ')} |`);
  console.log(`|${headers.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log();
}

type Kinds = [ServerKind, string, string][];

/**
 * Fan-out at {@link RATE} to {@link CLIENTS} clients on one doc, every server of `kinds` started
 * at once (Samplan FULL on a copy of `db`) and driven in alternating windows
 * (`support/sync-fanout.ts`), {@link FANOUT_RUNS} runs on the same servers; every window printed,
 * then each run's table and ratios, then the ratios of all runs.
 */
async function fanoutPart(kinds: Kinds, dir: string, db: string): Promise<void> {
  console.log(
    `Fan-out: ${CLIENTS} clients on one doc, one writer at ${RATE} edits/s, the servers alternated in ${WINDOW_SECONDS} s windows (${WINDOWS} each per run, ` +
      `${SETTLE_SECONDS} s pause after each, ${WARMUP_SECONDS} s warm-up per server in the first run, ${RUN_WARMUP_SECONDS} s in the others), ${FANOUT_RUNS} runs; edit-to-peer latency in ms\n`,
  );
  const servers: BenchServer[] = [];
  const ratios: (string | number)[][] = [];
  try {
    for (const [kind, , file] of kinds) servers.push(await startBenchServer(kind, kind === 'samplan-fsync' ? copyDb(db, join(dir, 'fsync.db')) : file));
    for (let r = 0; r < FANOUT_RUNS; r++) {
      const o = { clients: CLIENTS, rate: RATE, windowSeconds: WINDOW_SECONDS, windows: WINDOWS, settleSeconds: SETTLE_SECONDS, tag: `f${r}`, doc: 'fanout' };
      const run = await alternatedFanout(servers, { ...o, warmupSeconds: r === 0 ? WARMUP_SECONDS : RUN_WARMUP_SECONDS });
      console.log(`Run ${r + 1} (load ${run.load[0].toFixed(1)} → ${run.load[1].toFixed(1)}), every window in the order driven:\n`);
      table(
        ['window', 'server', 'p50', 'p99', 'deliveries', 'GCs minor / full (ms)', 'checkpoints', 'WAL restarts', 'longest gate wait so far, ms'],
        run.windows.map((w) => [w.window, w.server, w.p50.toFixed(2), w.p99.toFixed(2), w.delivered, `${w.scavenges} / ${w.full} (${w.gcMs.toFixed(1)})`, w.checkpoints, w.walRestarts, w.longestGateWaitMs.toFixed(1)]),
      );
      table(
        ['server', 'p50', 'p99', 'max', 'median of windows\' p99', 'deliveries', 'CPU µs per delivery'],
        run.results.map((x, i) => [kinds[i]?.[1] ?? '', x.p50.toFixed(2), x.p99.toFixed(2), x.max.toFixed(1), (x.windowP99Median ?? NaN).toFixed(2), `${x.delivered}/${x.expected}`, x.cpuPerDelivery.toFixed(1)]),
      );
      const row: (string | number)[] = [r + 1, `${run.load[0].toFixed(1)} → ${run.load[1].toFixed(1)}`];
      for (const mine of ['samplan', 'samplan-fsync'] as const) {
        for (const peer of ['y-websocket-server', 'hocuspocus'] as const) {
          const q = p99Ratios(run, mine, peer);
          row.push(`${q.pooled.toFixed(2)} (${q.windowsMedian.toFixed(2)})`);
        }
      }
      console.log(`Run ${r + 1} p99 ratios, pooled (median of the paired windows'): ${row.slice(2).join(', ')} — Samplan ÷ stock, Samplan ÷ Hocuspocus, Samplan FULL ÷ stock, Samplan FULL ÷ Hocuspocus\n`);
      ratios.push(row);
    }
  } finally {
    for (const s of servers) await s.stop();
  }
  console.log('Fan-out p99 ratios of every run, pooled over the windows (median of the paired windows\' ratios):\n');
  table(['run', 'load', 'Samplan ÷ stock', 'Samplan ÷ Hocuspocus', 'Samplan FULL ÷ stock', 'Samplan FULL ÷ Hocuspocus'], ratios);
}

/** The edit-rate ladder of each server but the fsync one, and the ceilings' ratios. */
async function ladderPart(kinds: Kinds): Promise<void> {
  console.log(
    `Edit-rate ceiling on one doc (${CLIENTS} clients or writers + ${MIN_READERS} readers, ${STEP_SECONDS} s per step, writers of ≤100 edits/s each; ` +
      `${RATES.join(', ')} edits/s, then doubling on up to ${MAX_RATE}; each server stops at its first failing step, or where the bench sent under 95 % of the edits asked)\n`,
  );
  const steps: (string | number)[][] = [];
  const climbs = new Map<ServerKind, Climb>();
  for (const [kind, label, file] of kinds.filter(([k]) => k !== 'samplan-fsync')) {
    const name = label.split(' (')[0] as string;
    const result = await withServer(kind, file, (s) =>
      climb(RATES, MAX_RATE, async (rate) => {
        const r = await fanout(s, rate, STEP_SECONDS, CLIENTS, STEP_WARMUP_SECONDS);
        const verdict = stepVerdict({ rate, seconds: STEP_SECONDS, sent: r.sent, expected: r.expected, delivered: r.samples, p99: r.p99 });
        const offered = `${Math.round(r.sent / STEP_SECONDS)}${verdict === 'not-offered' ? ' (bench short)' : ''}`;
        steps.push([name, rate, offered, r.p50.toFixed(2), r.p99.toFixed(2), deliveries(r), r.closes]);
        return verdict;
      }),
    );
    climbs.set(kind, result);
  }
  table(['server', 'edits/s', 'sent/s', 'p50', 'p99', 'deliveries', 'closed by server'], steps);
  const ceilings = kinds
    .filter(([k]) => climbs.has(k))
    .map(([k, label]) => {
      const c = climbs.get(k) as Climb;
      const end = c.unoffered ? `≥ ${c.ceiling} (the bench could not send ${c.unoffered})` : c.failedAt === null ? `≥ ${c.ceiling} (held up to the cap)` : `${c.ceiling} (failed at ${c.failedAt})`;
      return `${label.split(' (')[0] as string} ${end}`;
    });
  console.log(`Highest rate with p99 ≤ 100 ms and every edit delivered, edits/s: ${ceilings.join(', ')}`);
  const mine = climbs.get('samplan');
  const ratios = (['y-websocket-server', 'hocuspocus'] as const)
    .filter((k) => mine && climbs.has(k))
    .map((k) => `Samplan ÷ ${k === 'hocuspocus' ? 'Hocuspocus' : 'stock'} ${ceilingRatio(mine as Climb, climbs.get(k) as Climb)}`);
  console.log(`Ceiling ratios (same run): ${ratios.join(', ') || '—'}\n`);
}

/** A copy of the SQLite file `db` (and its WAL) at `to`, so that each run starts from the same stored state. */
function copyDb(db: string, to: string): string {
  for (const end of ['', '-wal']) if (existsSync(db + end)) copyFileSync(db + end, to + end);
  return to;
}

const mbs = (xs: number[]): string => xs.map(mb).join(', ');
const mss = (xs: number[]): string => xs.map((x) => x.toFixed(0)).join(', ');

/** Memory and cold load of the big doc, each beside its baseline of the same run (`support/big-doc.ts` says what each figure measures). */
async function memoryPart(dir: string, db: string, snapshot: Uint8Array): Promise<void> {
  console.log(`Memory and cold load of a ${BIG_ROWS}-row × 15-column doc (V2 snapshot ${mb(snapshot.byteLength)} MB)\n`);
  const heapBefore = (gc(), process.memoryUsage().heapUsed);
  const held = new Y.Doc();
  Y.applyUpdateV2(held, snapshot);
  gc();
  const docHeap = process.memoryUsage().heapUsed - heapBefore;
  const state = Y.encodeStateAsUpdate(held);
  held.destroy();

  const storage = openSqliteStorage(db, { durability: 'normal' });
  const loads = await coldLoads(storage, 'big', snapshot, COLD_RUNS, gc, pino({ level: 'silent' }));
  await storage.close();
  const bareMs = loads.map((l) => l.bareApply);
  const row = (what: string, xs: number[]): string[] => [what, `${median(xs).toFixed(0)}`, `${(median(xs) / median(bareMs)).toFixed(2)}×`, mss(xs)];
  console.log(`Cold load in this process, ms (median of ${COLD_RUNS}, interleaved; the doc stored as a snapshot with its fresh bytes, as after any close)\n`);
  table(
    ['measure', 'median ms', '÷ bare apply', 'all runs, ms'],
    [
      row('until the room can take an edit: acquire + its Y.Doc built from SQLite', loads.map((l) => l.editable)),
      row('until a fresh client is answered: acquire + join + step 2 from the stored bytes (nothing built)', loads.map((l) => l.freshAnswered)),
      row('bare Y.applyUpdateV2 of the same snapshot', bareMs),
    ],
  );

  // Interleaved, so that a slow stretch of this shared machine falls on every process alike.
  const names = ['bare Node process holding the Y.Doc', 'Samplan (loaded from SQLite)', '@y/websocket-server 0.1.1 (sent the doc)', '@hocuspocus/server 3 (sent the doc)'] as const;
  const grown = new Map<string, ServerMemory[]>(names.map((n) => [n, []]));
  const file = join(dir, 'big.v2');
  for (let i = 0; i < MEMORY_RUNS; i++) {
    grown.get(names[0])?.push(growth(await bareHolding(snapshot, file)));
    grown.get(names[1])?.push(growth(await serverHolding('samplan', copyDb(db, join(dir, `memory-${i}.db`)), 'big', state, BIG_ROWS)));
    grown.get(names[2])?.push(growth(await serverHolding('y-websocket-server', '', 'big', state, BIG_ROWS)));
    grown.get(names[3])?.push(growth(await serverHolding('hocuspocus', join(dir, `hocuspocus-memory-${i}.db`), 'big', state, BIG_ROWS)));
  }
  const rssOf = (n: string): number => median((grown.get(n) ?? []).map((m) => m.rss));
  const bareRss = rssOf(names[0]);
  console.log(`Memory growth while the doc is held (process.memoryUsage() after two full GCs, before opening it and while two clients hold it; ${MEMORY_RUNS} runs each, medians; the Y.Doc's heapUsed in this process: ${mb(docHeap)} MB)\n`);
  table(
    ['process', 'RSS MB', 'RSS ÷ bare process', 'heapUsed MB', 'heapTotal MB', 'external MB (arrayBuffers)', 'RSS MB, all runs', 'heapUsed MB, all runs'],
    names.map((n) => {
      const ms = grown.get(n) ?? [];
      const med = (k: keyof ServerMemory): string => mb(median(ms.map((m) => m[k])));
      return [n, med('rss'), `${(rssOf(n) / bareRss).toFixed(2)}×`, med('heapUsed'), med('heapTotal'), `${med('external')} (${med('arrayBuffers')})`, mbs(ms.map((m) => m.rss)), mbs(ms.map((m) => m.heapUsed))];
    }),
  );
  const samplan = rssOf(names[1]);
  console.log(
    `Samplan's RSS growth per loaded doc: ${(samplan / bareRss).toFixed(2)}× the bare process's, ${(samplan / rssOf(names[2])).toFixed(2)}× the stock server's, ${(samplan / rssOf(names[3])).toFixed(2)}× Hocuspocus's (medians, same run)\n`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'samplan-bench-'));
try {
  const db = join(dir, 'samplan.db');
  const seedStorage = openSqliteStorage(db, { durability: 'normal' });
  const snapshot = await seedBench(seedStorage, BIG_ROWS);
  await seedStorage.close();

  const kinds: Kinds = [
    ['y-websocket-server', '@y/websocket-server 0.1.1 (in memory, no persistence)', ''],
    ['samplan', 'Samplan (SQLite WAL synchronous=NORMAL, validating, persist before relay)', db],
    ['hocuspocus', '@hocuspocus/server 3 + extension-sqlite (debounced store)', join(dir, 'hocuspocus.db')],
    ['samplan-fsync', 'Samplan (SQLite WAL synchronous=FULL: fsync per group commit)', db],
  ];
  if (PARTS.has('fanout')) await fanoutPart(kinds, dir, db);
  if (PARTS.has('ladder')) await ladderPart(kinds);
  if (PARTS.has('memory')) await memoryPart(dir, db, snapshot);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
