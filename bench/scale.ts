/**
 * Scale: three Samplan processes on PostgreSQL with Redis fan-out against one process on SQLite,
 * in the same run, through the same clients (`SyncClient`, spread round-robin over the processes):
 *
 * - fan-out latency, edit → every other client, with 150 clients on one document and with two
 *   clients on each of 100 documents (200 clients); p50/p99 and the ratio of p99s (target ≤ 1.5);
 * - the edit-rate ceiling: the offered rate (edits/s over 100 documents) doubles from 50 until
 *   fewer than 99 % of deliveries arrive within the window or p99 passes a second; the ceiling is
 *   the last rate that held, printed with how the next one failed.
 *
 * For the three processes it also prints where the time goes (`support/stage-timer.ts`): storage
 * commit, a Redis round trip, applying a received message, and event-loop delay.
 *
 * PostgreSQL and Redis are started from the system's binaries in temporary directories
 * (`apt-get install -y postgresql redis-server`). `npm run bench -- scale --runs 3`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPostgresStorage } from '../server/storage/postgres.js';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import type { Storage } from '../server/storage/storage.js';
import { fanout, type FanoutResult } from './support/region-measure.js';
import { regionState, seedRegion } from './support/region-seed.js';
import { startBenchServer, type BenchServer } from './support/servers.js';
import type { StageFigures, StageReport } from './support/stage-timer.js';
import { startPostgres, startRedis } from '../tests/support/services.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = flag('runs', 3);
const SECONDS = flag('seconds', 5);
const DOCS = 100;
/** The ladder of offered edit rates; it stops at the first that fails. */
const RATES = [50, 100, 200, 400, 800, 1600, 3200, 6400];

/** N bench servers seen as one: clients spread round-robin, CPU and memory summed. */
function cluster(nodes: BenchServer[]): BenchServer {
  let next = 0;
  const first = nodes[0] as BenchServer;
  return {
    kind: first.kind,
    pid: first.pid,
    url: (doc) => (nodes[next++ % nodes.length] as BenchServer).url(doc),
    framing: (doc) => first.framing(doc),
    async mem() {
      const all = await Promise.all(nodes.map((n) => n.mem()));
      return { rss: all.reduce((a, m) => a + m.rss, 0), heapUsed: all.reduce((a, m) => a + m.heapUsed, 0) };
    },
    async cpu() {
      return (await Promise.all(nodes.map((n) => n.cpu()))).reduce((a, b) => a + b, 0);
    },
    async loop() {
      const all = await Promise.all(nodes.map((n) => n.loop()));
      return { max: Math.max(...all.map((l) => l.max)), p99: Math.max(...all.map((l) => l.p99)) };
    },
    stats: async () => Promise.all(nodes.map((n) => n.stats())),
    snapshot: (file) => first.snapshot(file),
    stop: async () => void (await Promise.all(nodes.map((n) => n.stop()))),
  };
}

interface RunFigures {
  oneDoc: FanoutResult;
  manyDocs: FanoutResult;
  /** Where the processes' time went in each case (`stage-timer.ts`); empty for the SQLite server. */
  stages: { oneDoc: StageReport[]; manyDocs: StageReport[] };
  ceiling: number;
  /** How the first rate above the ceiling failed, e.g. `800: 91 % delivered, p99 1630 ms`. */
  failedAt: string;
}

async function measure(server: BenchServer, tag: string): Promise<RunFigures> {
  const stagesOf = async (): Promise<StageReport[]> => {
    const all = await server.stats();
    return (Array.isArray(all) ? all : [all]).filter((r): r is StageReport => typeof r === 'object' && r !== null && 'commit' in r);
  };
  // The stages over the measured window only: a connect storm's loads would otherwise be its tail.
  let stages: StageReport[] = [];
  const window = { start: async () => void (await stagesOf()), end: async () => void (stages = await stagesOf()) };
  const oneDoc = await fanout(server, 1, 150, 20, SECONDS, `${tag}a`, 0, window);
  const oneDocStages = stages;
  const manyDocs = await fanout(server, DOCS, 2, 100, SECONDS, `${tag}b`, 0, window);
  const manyDocsStages = stages;
  let ceiling = 0;
  let failedAt = 'none failed';
  for (const rate of RATES) {
    const r = await fanout(server, DOCS, 2, rate, 3, `${tag}c${rate}`);
    if (r.delivered < 0.99 * r.expected || r.p99 > 1000) {
      failedAt = `${rate}: ${((100 * r.delivered) / Math.max(1, r.expected)).toFixed(0)} % delivered, p99 ${ms(r.p99)} ms`;
      break;
    }
    ceiling = rate;
  }
  return { oneDoc, manyDocs, stages: { oneDoc: oneDocStages, manyDocs: manyDocsStages }, ceiling, failedAt };
}

async function seeded(storage: Storage): Promise<void> {
  await seedRegion(storage, DOCS, regionState());
  await storage.close();
}

const ms = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '–');
const STAGES = ['commit', 'redisHop', 'receive', 'loopDelay'] as const;
/** p50 / p99 / max of one stage, the worst of the processes for each figure. */
const stageCell = (reports: readonly StageReport[], stage: (typeof STAGES)[number]): string => {
  const worst = (pick: (f: StageFigures) => number): number => Math.max(...reports.map((r) => pick(r[stage])).filter(Number.isFinite));
  return `${ms(worst((f) => f.p50))} / ${ms(worst((f) => f.p99))} / ${ms(worst((f) => f.max))}`;
};
const row = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;

const loadBefore = os.loadavg();
const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-bench-scale-'));
const lines: string[] = [];
const stageLines: string[] = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    const file = path.join(dir, `run${run}.db`);
    await seeded(openSqliteStorage(file));
    const url = await pg.createDb(`scale${run}`);
    await seeded(await openPostgresStorage(url));
    process.env.SAMPLAN_REDIS_URL = redis.url;
    const single = await startBenchServer('samplan', file);
    const one = await measure(single, `s${run}`);
    await single.stop();
    const nodes = cluster(await Promise.all([0, 1, 2].map(() => startBenchServer('samplan-pg', url))));
    const three = await measure(nodes, `c${run}`);
    await nodes.stop();
    for (const [name, f] of [['1 process, SQLite', one], ['3 processes, PostgreSQL + Redis', three]] as const) {
      lines.push(
        row([
          run,
          name,
          `${ms(f.oneDoc.p50)} / ${ms(f.oneDoc.p99)}`,
          `${f.oneDoc.delivered}/${f.oneDoc.expected}`,
          `${ms(f.manyDocs.p50)} / ${ms(f.manyDocs.p99)}`,
          `${f.manyDocs.delivered}/${f.manyDocs.expected}`,
          (f.manyDocs.cpuPerDelivery / 1000).toFixed(2),
          f.ceiling > 0 ? `${f.ceiling}` : `< ${RATES[0]}`,
          f.failedAt,
        ]),
      );
    }
    for (const [name, reports] of [['1 doc × 150 clients', three.stages.oneDoc], [`${DOCS} docs × 2 clients`, three.stages.manyDocs]] as const) {
      stageLines.push(row([run, name, ...STAGES.map((stage) => stageCell(reports, stage))]));
    }
    lines.push(row(['', 'p99 ratio (3 / 1)', (three.oneDoc.p99 / one.oneDoc.p99).toFixed(2), '', (three.manyDocs.p99 / one.manyDocs.p99).toFixed(2), '', '', '', '']));
    console.error(`run ${run} done`);
  }
} finally {
  await Promise.allSettled([pg.destroy(), redis.destroy()]);
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log(`Fan-out, edit → every other client, ms (p50 / p99), ${SECONDS} s measured per case after 2 s warm-up; ceiling over ${DOCS} documents × 2 clients, offered ${RATES.join(', ')} edits/s (3 s each) until one fails.`);
console.log(row(['run', 'server', '1 doc × 150 clients, 20 edits/s', 'delivered', `${DOCS} docs × 2 clients, 100 edits/s`, 'delivered', 'server CPU per delivery (ms, all processes)', 'edit-rate ceiling (edits/s)', 'first rate that failed']));
console.log(row(['---', '---', '---', '---', '---', '---', '---', '---', '---']));
for (const line of lines) console.log(line);
console.log('');
console.log('Where the three processes\' time goes, ms (p50 / p99 / max, the worst process for each, over the measured part of the case, without its connects and warm-up): commit = storage append (PostgreSQL round trip and commit), Redis hop = a probe published and received by the same process every 250 ms (hop plus event-loop wait), receive = applying and relaying one message of another process, loop delay = how late the event loop ran.');
console.log(row(['run', 'case', 'commit', 'Redis hop', 'receive', 'loop delay']));
console.log(row(['---', '---', '---', '---', '---', '---']));
for (const line of stageLines) console.log(line);
const load = (l: number[]): string => l.map((x) => x.toFixed(1)).join(' ');
console.log(`(${os.cpus().length} cores, load average ${load(loadBefore)} at the start, ${load(os.loadavg())} at the end)`);
