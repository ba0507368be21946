/**
 * Scale: N Samplan processes (`--processes`, 3 by default, as the issue asks; 2 shows one process
 * per core on a two-core machine) on PostgreSQL with Redis fan-out against one process on SQLite,
 * in the same run, through the same clients (`SyncClient`, spread over the processes round robin per
 * connection, as a load balancer would, each round starting one process further on, `support/spread.ts`:
 * writers and readers each evenly over the processes, and with two clients per document every
 * reader on another process than its writer; plain round robin put every writer on the first of
 * two processes, because the bench opens each document's writer and then its reader):
 *
 * - fan-out latency, edit → every other client, with 150 clients on one document and with two
 *   clients on each of 100 documents (200 clients: 150 over 100 documents would leave 50 of them
 *   with a writer and no reader, so half the documents would add load and no deliveries; with a
 *   writer and a reader on each, every document is measured); p50/p99/max, the number of
 *   deliveries and the ratio of p99s (target ≤ 1.5). Each case runs until at least
 *   `--deliveries` (3,000 by default) were due and at least `--edits` (300) were made, so that
 *   its p99 is the 30th-worst delivery or later, not the fifth: at 100 edits/s over 100 documents
 *   that is 30 s. On one document an edit reaches 149 readers together, so one late edit is 149
 *   late deliveries and the p99 is about the second-worst edit of 100: there the edits decide
 *   (15 s at 20 edits/s puts the p99 among the three worst of 300);
 * - the edit-rate ceiling: the offered rate (edits/s over 100 documents) doubles from 50 until
 *   fewer than 99 % of deliveries arrive within the window or p99 passes a second; the ceiling is
 *   the last rate that held, printed with how the next one failed.
 *
 * - an extra row (`--affinity 0` leaves it out; fan-out only, no ladder): the three processes with
 *   each document's clients on one of them, as a proxy hashing the document's path places them
 *   (nginx `hash $uri consistent`), so that most edits never cross processes. The issue's
 *   figure stays the round-robin spread, where two thirds of the readers are on another process.
 *
 * With `--stages` it also prints where the cluster processes' time goes (`support/stage-timer.ts`):
 * storage commit, a Redis round trip, applying a received message, and event-loop delay. That
 * instrument runs only with the flag, because it costs: a 20 ms event-loop monitor and a Redis
 * probe every 250 ms took about 3.5 ms of CPU a second in each cluster process, counted in their
 * idle CPU and CPU per delivery. It cannot run the same way in the SQLite process, which has no
 * Redis to probe, so running it always charged the cluster alone; without the flag no server runs
 * it and the CPU figures compare like with like. With the flag the header says so. The load
 * average is printed after each run (the machine may be shared).
 *
 * `--profile <dir>` writes a V8 CPU profile of each process over that case's measured window there.
 * With `--account 10` the 100-document case first measures every process's CPU for 10 s with all
 * its clients connected and nobody editing, and a table then splits the CPU per delivery by
 * process (each Node process, PostgreSQL with its backends, Redis) into what they spend idle
 * (timers, polls, probes) and what the edits cost on top (`support/service-cpu.ts`); the CPU per
 * delivery column itself stays the Node processes' CPU over the edit window, as before.
 *
 * A second table gives what each delivery asks of the kernel over each case's measured window, all
 * server processes summed (`support/proc-counts.ts`, read from `/proc`, so nothing runs in the
 * servers for it): wakeups, read-like and write-like system calls, and involuntary context
 * switches (how much the machine's load preempted them). The system calls hardly move with the
 * load, unlike wall-clock figures, so a change in the path shows in them run to run; wakeups do
 * move with it (a busy process finds more work at each wakeup). For the processes on PostgreSQL it
 * also gives PostgreSQL's commits per delivery and edits stored per commit over the window
 * (`support/pg-counts.ts`): how much the group commit merges.
 *
 * A third table gives, per case, each process on the path's time on a CPU and time waiting for one
 * (runnable on a run queue) per delivery, from `/proc/<pid>/task/<tid>/schedstat`
 * (`support/sched-wait.ts`): the Node servers, PostgreSQL (postmaster and every backend), Redis and
 * the bench process with its clients, and the wait summed over them. On a machine with fewer cores
 * than runnable threads, a delivery that passes through six processes in series waits for a CPU at
 * each of them; this says how much of the time that is.
 *
 * PostgreSQL and Redis are started from the system's binaries in temporary directories
 * (`apt-get install -y postgresql redis-server`). `npm run bench -- scale --runs 3`; `--seconds`,
 * `--deliveries`, `--edits`, `--warmup`, `--rate`, `--affinity`, `--processes` and `--stages` as above; `--ceiling 0`
 * skips the ladder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPostgresStorage } from '../server/storage/postgres.js';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import type { Storage } from '../server/storage/storage.js';
import { fanout, type FanoutResult } from './support/region-measure.js';
import { regionState, seedRegion } from './support/region-seed.js';
import { startBenchServer, stopBenchServers, type BenchServer } from './support/servers.js';
import { onTeardown, stopOnSignals, teardown } from './support/teardown.js';
import { spreadPick } from './support/spread.js';
import type { StageFigures, StageReport } from './support/stage-timer.js';
import { startPostgres, startRedis } from '../tests/support/services.js';
import { postgresCpuMs, redisCpuMs } from './support/service-cpu.js';
import { CpuAccount, SPLIT_HEADER, splitRows, type CpuSplit } from './support/cpu-account.js';
import { countsCell, perDelivery, sumCounts, type ProcCounts } from './support/proc-counts.js';
import { pgCounts, pgCountsCell, type PgCounts } from './support/pg-counts.js';
import { cpuShareNote, pathGroups, readSched, SCHED_HEADER, schedCells, schedPerDelivery, type SchedFigures, type SchedReading } from './support/sched-wait.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = flag('runs', 3);
const SECONDS = flag('seconds', 5);
/** Deliveries each fan-out case runs for at least: its window is stretched past `SECONDS` to reach them. */
const DELIVERIES = flag('deliveries', 3000);
/** Edits each fan-out case runs for at least. */
const EDITS = flag('edits', 300);
/**
 * `--warmup <s>`: seconds of edits before each fan-out case's measured window (2 by default), the
 * same for the one process and the cluster. Each cluster process sees a third of the edits, so V8
 * optimizes its edit path later than the single process's: a longer warm-up compares steady states.
 */
const WARMUP = flag('warmup', 2);
/**
 * `--rate <edits/s>`: the offered rate of the 100-document case (100 by default). Each process's
 * CPU per edit depends on how many edits it handles a second (a process woken seldom wakes cold),
 * which this varies without changing the number of processes.
 */
const RATE = flag('rate', 100);
/** `--affinity 0` leaves out the extra row with each document's clients on one process. */
const AFFINITY = flag('affinity', 1) !== 0;
/** `--ceiling 0` leaves out the edit-rate ladder (for short runs while working on the fan-out path). */
const CEILING = flag('ceiling', 1) !== 0;
/** `--profile <dir>`: a V8 CPU profile of each process over the 100-document case's measured window, written there. */
const PROFILE = (() => {
  const i = args.indexOf('--profile');
  return i >= 0 ? (args[i + 1] ?? '') : '';
})();
/** `--account <s>`: seconds of idle CPU measured before the 100-document case, and the CPU split by process (0: not measured). */
const ACCOUNT = flag('account', 0);
/** `--processes <n>`: server processes on PostgreSQL + Redis (3 by default). */
const PROCESSES = flag('processes', 3);
if (!Number.isInteger(PROCESSES) || PROCESSES < 1) throw new Error(`--processes wants a whole number of at least 1, not ${PROCESSES}`);
/** `--stages`: time the cluster processes' stages (`support/stage-timer.ts`), at a CPU cost those processes alone pay. */
const STAGE_TIMER = args.includes('--stages');
if (STAGE_TIMER) process.env.SAMPLAN_BENCH_STAGES = '1';
else delete process.env.SAMPLAN_BENCH_STAGES;
const CLUSTER = `${PROCESSES} process${PROCESSES === 1 ? '' : 'es'}, PostgreSQL + Redis`;
const DOCS = 100;
/** The ladder of offered edit rates; it stops at the first that fails. */
const RATES = [50, 100, 200, 400, 800, 1600, 3200, 6400];

/** FNV-1a of `text`, a 32-bit unsigned integer: which process a document's clients go to with affinity. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * N bench servers seen as one, CPU and memory summed. Clients are spread round robin per
 * connection (`spread`, a balancer's `round_robin`, each round of N starting one process further on
 * so that the bench's writer-then-reader order does not line up with N: `spreadPick`), or each document's clients go to one process
 * (`affinity`, a balancer hashing the document's path, as nginx's `hash $uri consistent`: the path without the query, which carries the token).
 */
function cluster(
  nodes: BenchServer[],
  routing: 'spread' | 'affinity' = 'spread',
  onCpu?: (perNodeUs: number[]) => void,
  pgUrl?: string,
  services?: { pgPort: number; redisPort: number },
): Cluster {
  let next = 0;
  const pids = nodes.map((n) => n.pid);
  const first = nodes[0] as BenchServer;
  const pick = (doc: string): BenchServer => nodes[routing === 'affinity' ? hashOf(doc) % nodes.length : spreadPick(next++, nodes.length)] as BenchServer;
  return {
    kind: first.kind,
    pid: first.pid,
    url: (doc) => pick(doc).url(doc),
    framing: (doc) => first.framing(doc),
    async mem() {
      const all = await Promise.all(nodes.map((n) => n.mem()));
      return { rss: all.reduce((a, m) => a + m.rss, 0), heapUsed: all.reduce((a, m) => a + m.heapUsed, 0) };
    },
    async cpu() {
      const each = await Promise.all(nodes.map((n) => n.cpu()));
      onCpu?.(each);
      return each.reduce((a, b) => a + b, 0);
    },
    loopStart: async () => void (await Promise.all(nodes.map((n) => n.loopStart()))),
    async loop() {
      const all = await Promise.all(nodes.map((n) => n.loop()));
      return { max: Math.max(...all.map((l) => l.max)), p99: Math.max(...all.map((l) => l.p99)) };
    },
    async alloc() {
      const all = await Promise.all(nodes.map((n) => n.alloc()));
      const sum = (pick: (a: (typeof all)[number]) => number): number => all.reduce((t, a) => t + pick(a), 0);
      return { bytes: sum((a) => a.bytes), scavenges: sum((a) => a.scavenges), full: sum((a) => a.full), gcMs: sum((a) => a.gcMs) };
    },
    stats: async () => Promise.all(nodes.map((n) => n.stats())),
    snapshot: (file) => first.snapshot(file),
    profileStart: async () => void (await Promise.all(nodes.map((n) => n.profileStart()))),
    /** Each process's profile to `file` with `.<process>.cpuprofile` in place of `.cpuprofile`. */
    profileStop: async (file) => void (await Promise.all(nodes.map((n, i) => n.profileStop(file.replace(/\.cpuprofile$/, `.${i + 1}.cpuprofile`))))),
    heapStart: async () => void (await Promise.all(nodes.map((n) => n.heapStart()))),
    heapStop: async (file) => void (await Promise.all(nodes.map((n, i) => n.heapStop(file.replace(/\.heapprofile$/, `.${i + 1}.heapprofile`))))),
    stop: async () => void (await Promise.all(nodes.map((n) => n.stop()))),
    counts: () => sumCounts(pids),
    pgCounts: pgUrl ? () => pgCounts(pgUrl) : undefined,
    sched: pathGroups(pids, services),
  };
}

/** A {@link cluster}: its processes' wakeups and system calls so far, summed (`support/proc-counts.ts`). */
type Cluster = BenchServer & { counts(): ProcCounts; pgCounts?: () => Promise<PgCounts>; sched: ReturnType<typeof pathGroups> };

interface RunFigures {
  oneDoc: FanoutResult;
  manyDocs: FanoutResult;
  /** Where the processes' time went in each case (`stage-timer.ts`); empty for the SQLite server. */
  stages: { oneDoc: StageReport[]; manyDocs: StageReport[] };
  /** The last offered rate that held, edits/s; NaN when the ladder was not run. */
  ceiling: number;
  /** How the first rate above the ceiling failed, e.g. `800: 91 % delivered, p99 1630 ms`. */
  failedAt: string;
  /** The 100-document case's CPU by process, idle and editing (`--account`). */
  split: CpuSplit | null;
  /** Wakeups and system calls per delivery over each case's measured window, all processes summed. */
  counts: { oneDoc: ProcCounts; manyDocs: ProcCounts };
  /** PostgreSQL commits per delivery / stored edits per commit in each case (`pg-counts.ts`); a dash on SQLite. */
  pg: { oneDoc: string; manyDocs: string };
  /** CPU and run-queue wait per delivery of each process on the path, in µs (`sched-wait.ts`). */
  sched: { oneDoc: SchedFigures[]; manyDocs: SchedFigures[] };
}

/**
 * Seconds of edits at `rate` edits/s, each to `readers` readers, for at least {@link DELIVERIES}
 * deliveries and {@link EDITS} edits, never under `SECONDS`.
 */
const windowFor = (rate: number, readers: number): number => Math.max(SECONDS, Math.ceil(DELIVERIES / (rate * readers)), Math.ceil(EDITS / rate));

async function measure(server: Cluster, tag: string, ladder = true, account?: CpuAccount): Promise<RunFigures> {
  const stagesOf = async (): Promise<StageReport[]> => {
    const all = await server.stats();
    return (Array.isArray(all) ? all : [all]).filter((r): r is StageReport => typeof r === 'object' && r !== null && 'commit' in r);
  };
  // The stages over the measured window only: a connect storm's loads would otherwise be its tail.
  let stages: StageReport[] = [];
  // Counted from the window's start to its end, the reads of `/proc` beside the stage reads.
  let counted: [ProcCounts, ProcCounts] | null = null;
  let pgRead: [PgCounts, PgCounts] | null = null;
  let schedRead: [SchedReading, SchedReading] = [new Map(), new Map()];
  const window = {
    start: async () => {
      await stagesOf();
      schedRead = [readSched(server.sched), new Map()];
      counted = [server.counts(), server.counts()];
      const pgNow = await server.pgCounts?.();
      if (pgNow) pgRead = [pgNow, pgNow];
    },
    end: async () => {
      schedRead[1] = readSched(server.sched);
      if (counted) counted[1] = server.counts();
      if (pgRead && server.pgCounts) pgRead[1] = await server.pgCounts();
      stages = await stagesOf();
    },
  };
  const pgOver = (deliveries: number): string => (pgRead ? pgCountsCell(pgRead[0], pgRead[1], deliveries) : '–');
  const countsOver = (deliveries: number): ProcCounts => perDelivery(counted![0], counted![1], deliveries);
  const oneDoc = await fanout(server, 1, 150, 20, windowFor(20, 149), `${tag}a`, 0, window, WARMUP);
  const oneDocCounts = countsOver(oneDoc.delivered);
  const oneDocPg = pgOver(oneDoc.delivered);
  const oneDocSched = schedPerDelivery(...schedRead, oneDoc.delivered);
  const oneDocStages = stages;
  account?.reset();
  const profiled = {
    start: async () => (await window.start(), PROFILE ? await server.profileStart() : undefined),
    end: async () => (await window.end(), PROFILE ? await server.profileStop(path.join(PROFILE, `${tag}b.cpuprofile`)) : undefined),
  };
  const manyDocs = await fanout(server, DOCS, 2, RATE, windowFor(RATE, 1), `${tag}b`, account ? ACCOUNT : 0, profiled, WARMUP);
  const split = account?.split(manyDocs.delivered) ?? null;
  const manyDocsCounts = countsOver(manyDocs.delivered);
  const manyDocsPg = pgOver(manyDocs.delivered);
  const manyDocsSched = schedPerDelivery(...schedRead, manyDocs.delivered);
  const manyDocsStages = stages;
  let ceiling = ladder ? 0 : NaN;
  let failedAt = ladder ? 'none failed' : 'not measured';
  for (const rate of ladder ? RATES : []) {
    const r = await fanout(server, DOCS, 2, rate, 3, `${tag}c${rate}`);
    if (r.delivered < 0.99 * r.expected || r.p99 > 1000) {
      failedAt = `${rate}: ${((100 * r.delivered) / Math.max(1, r.expected)).toFixed(0)} % delivered, p99 ${ms(r.p99)} ms`;
      break;
    }
    ceiling = rate;
  }
  return { oneDoc, manyDocs, stages: { oneDoc: oneDocStages, manyDocs: manyDocsStages }, ceiling, failedAt, split, counts: { oneDoc: oneDocCounts, manyDocs: manyDocsCounts }, pg: { oneDoc: oneDocPg, manyDocs: manyDocsPg }, sched: { oneDoc: oneDocSched, manyDocs: manyDocsSched } };
}

async function seeded(storage: Storage): Promise<void> {
  await seedRegion(storage, DOCS, regionState());
  await storage.close();
}

const ms = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '–');
const STAGES = ['commit', 'publish', 'redisHop', 'receive', 'loopDelay'] as const;
/** p50 / p99 / max of one stage, the worst of the processes for each figure. */
const stageCell = (reports: readonly StageReport[], stage: (typeof STAGES)[number]): string => {
  const worst = (pick: (f: StageFigures) => number): number => Math.max(...reports.map((r) => pick(r[stage])).filter(Number.isFinite));
  return `${ms(worst((f) => f.p50))} / ${ms(worst((f) => f.p99))} / ${ms(worst((f) => f.max))}`;
};
const row = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;

const load = (l: number[]): string => l.map((x) => x.toFixed(1)).join(' ');
/** A fan-out case as table cells: p50 / p99 / max, and deliveries received of those due (edits). */
const fanoutCells = (f: FanoutResult, readers: number): string[] => [
  `${ms(f.p50)} / ${ms(f.p99)} / ${ms(f.max)}`,
  `${f.delivered}/${f.expected} (${f.expected / readers} edits)`,
];

const loadBefore = os.loadavg();
// A run that fails or is stopped (Ctrl+C, SIGTERM) stops its server processes, PostgreSQL and Redis
// and removes its folder (`support/teardown.ts`); steps run last-registered first.
stopOnSignals();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-bench-scale-'));
onTeardown(() => fs.rmSync(dir, { recursive: true, force: true }));
const pg = await startPostgres();
onTeardown(() => pg.destroy());
const redis = await startRedis();
onTeardown(() => redis.destroy());
onTeardown(stopBenchServers);
const lines: string[] = [];
const stageLines: string[] = [];
const splitLines: string[] = [];
const countLines: string[] = [];
const schedLines: string[] = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    const file = path.join(dir, `run${run}.db`);
    await seeded(openSqliteStorage(file));
    const url = await pg.createDb(`scale${run}`);
    await seeded(await openPostgresStorage(url));
    process.env.SAMPLAN_REDIS_URL = redis.url;
    const oneAccount = ACCOUNT > 0 ? new CpuAccount(['Node (SQLite)']) : undefined;
    const single = cluster([await startBenchServer('samplan', file)], 'spread', (us) => oneAccount?.mark(us));
    const one = await measure(single, `s${run}`, CEILING, oneAccount);
    await single.stop();
    const startN = (): Promise<BenchServer[]> => Promise.all(Array.from({ length: PROCESSES }, () => startBenchServer('samplan-pg', url)));
    const services = [
      { name: 'PostgreSQL', ms: () => postgresCpuMs(pg.port) },
      { name: 'Redis', ms: () => redisCpuMs(redis.port) },
    ];
    const threeAccount = ACCOUNT > 0 ? new CpuAccount(Array.from({ length: PROCESSES }, (_, i) => `Node ${i + 1}`), services) : undefined;
    const ports = { pgPort: pg.port, redisPort: redis.port };
    const nodes = cluster(await startN(), 'spread', (us) => threeAccount?.mark(us), url, ports);
    const three = await measure(nodes, `c${run}`, CEILING, threeAccount);
    await nodes.stop();
    if (one.split) splitLines.push(...splitRows(run, '1 process, SQLite', one.split, 1));
    if (three.split) splitLines.push(...splitRows(run, CLUSTER, three.split, PROCESSES));
    const rows: [string, RunFigures][] = [
      ['1 process, SQLite', one],
      [CLUSTER, three],
    ];
    if (AFFINITY) {
      const pinned = cluster(await startN(), 'affinity', undefined, url, ports);
      rows.push([`${PROCESSES} processes, affinity by document (extra)`, await measure(pinned, `a${run}`, false)]);
      await pinned.stop();
    }
    for (const [name, f] of rows) {
      lines.push(
        row([
          run,
          name,
          ...fanoutCells(f.oneDoc, 149),
          ...fanoutCells(f.manyDocs, 1),
          (f.manyDocs.cpuPerDelivery / 1000).toFixed(2),
          Number.isNaN(f.ceiling) ? '–' : f.ceiling > 0 ? `${f.ceiling}` : `< ${RATES[0]}`,
          f.failedAt,
        ]),
      );
    }
    for (const [name, f] of rows) for (const [c, figs] of [['1 doc', f.sched.oneDoc], [`${DOCS} docs`, f.sched.manyDocs]] as const) schedLines.push(row([run, name, c, ...schedCells(figs)]));
    for (const [name, f] of rows) countLines.push(row([run, name, countsCell(f.counts.oneDoc), countsCell(f.counts.manyDocs), f.pg.oneDoc, f.pg.manyDocs]));
    for (const [name, reports] of STAGE_TIMER ? ([['1 doc × 150 clients', three.stages.oneDoc], [`${DOCS} docs × 2 clients`, three.stages.manyDocs]] as const) : []) {
      stageLines.push(row([run, name, ...STAGES.map((stage) => stageCell(reports, stage))]));
    }
    const ratio = (a: number, b: number): string => (a / b).toFixed(2);
    lines.push(row(['', `p99 ratio (${PROCESSES} / 1)`, ratio(three.oneDoc.p99, one.oneDoc.p99), '', ratio(three.manyDocs.p99, one.manyDocs.p99), '', '', '', `load ${load(os.loadavg())}`]));
    if (AFFINITY) {
      const pinned = (rows[2] as [string, RunFigures])[1];
      lines.push(row(['', 'p99 ratio (affinity / 1)', ratio(pinned.oneDoc.p99, one.oneDoc.p99), '', ratio(pinned.manyDocs.p99, one.manyDocs.p99), '', '', '', '']));
    }
    console.error(`run ${run} done`);
  }
} finally {
  await teardown();
}

console.log(`Server processes on PostgreSQL + Redis: ${PROCESSES}; stage timer: ${STAGE_TIMER ? 'on (--stages; its CPU is in the cluster processes\' figures only)' : 'off (no server runs it)'}.`);
console.log(
  `Fan-out, edit → every other client, ms (p50 / p99 / max) over at least ${DELIVERIES} deliveries, ${EDITS} edits and ${SECONDS} s per case ` +
    `(1 document: ${windowFor(20, 149)} s, ${DOCS} documents: ${windowFor(RATE, 1)} s) after ${WARMUP} s warm-up; clients spread round robin per connection over the ${PROCESSES} processes, each round one process further on ` +
    `(the issue's figure)${AFFINITY ? ", and in the extra row each document's clients on one process, as a proxy hashing the document's path would place them" : ''}; ` +
    `ceiling over ${DOCS} documents × 2 clients, offered ${RATES.join(', ')} edits/s (3 s each) until one fails.`,
);
console.log(row(['run', 'server', '1 doc × 150 clients, 20 edits/s', 'delivered (edits)', `${DOCS} docs × 2 clients, ${RATE} edits/s`, 'delivered (edits)', 'server CPU per delivery (ms, all processes)', 'edit-rate ceiling (edits/s)', 'first rate that failed']));
console.log(row(['---', '---', '---', '---', '---', '---', '---', '---', '---']));
for (const line of lines) console.log(line);
console.log('');
console.log(
  'What a delivery asks of the kernel, all server processes summed over the measured window (`support/proc-counts.ts`, /proc): ' +
    'wakeups (voluntary context switches) / read-like / write-like system calls (involuntary context switches), per delivery; ' +
    'PostgreSQL commits per delivery / edits stored per commit (`support/pg-counts.ts`: every transaction in the database, shifted by about 1 s).',
);
console.log(row(['run', 'server', '1 doc × 150 clients', `${DOCS} docs × 2 clients`, 'PostgreSQL, 1 doc', `PostgreSQL, ${DOCS} docs`]));
console.log(row(['---', '---', '---', '---', '---', '---']));
for (const line of countLines) console.log(line);
console.log('');
for (const line of [...SCHED_HEADER, ...schedLines]) console.log(line);
if (stageLines.length > 0) console.log('');
if (stageLines.length > 0) console.log('Where the cluster processes\' time goes (round-robin), ms (p50 / p99 / max, the worst process for each, over the measured part of the case, without its connects and warm-up): commit = storage append (PostgreSQL round trip and commit), publish = from a commit resolving to its batch handed to Redis (what runs in between delays every reader on another process), Redis hop = a probe published and received by the same process every 250 ms (hop plus event-loop wait), receive = applying and relaying one message of another process, loop delay = how late a 20 ms timer fired (the interval itself not counted; before, a 5 ms one with it counted).');
if (stageLines.length > 0) {
  console.log(row(['run', 'case', 'commit', 'publish', 'Redis hop', 'receive', 'loop delay']));
  console.log(row(['---', '---', '---', '---', '---', '---', '---']));
}
for (const line of stageLines) console.log(line);
if (splitLines.length > 0) {
  console.log('');
  console.log(
    `CPU by process over the ${DOCS}-document case (user + system): idle = all clients connected, nobody editing, ${ACCOUNT} s before the warm-up; ` +
      'editing = the measured window; per delivery = the window\'s CPU over its deliveries, split into the idle rate over the same window and the rest (what the edits cost). ' +
      'PostgreSQL counts the postmaster and every backend; the CPU per delivery column above is the Node processes\' sum.',
  );
  for (const line of [...SPLIT_HEADER, ...splitLines]) console.log(line);
}
console.log(`(${os.cpus().length} cores, load average ${load(loadBefore)} at the start, ${load(os.loadavg())} at the end; ${cpuShareNote()})`);
