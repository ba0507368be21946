/**
 * One server's run of `bench/scale.ts`: the one-document and the 100-document fan-out cases, each
 * with what the processes spent over its measured window (kernel counts, PostgreSQL commits,
 * run-queue wait, stage timings), then the edit-rate ladder.
 */
import path from 'node:path';
import type { Storage } from '../../server/storage/storage.js';
import type { FanoutResult } from '../support/region-measure.js';
import { fanout } from '../support/fanout.js';
import { regionState, seedRegion } from '../support/region-seed.js';
import type { StageReport } from '../support/stage-timer.js';
import type { CpuAccount, CpuSplit } from '../support/cpu-account.js';
import { perDelivery, type ProcCounts } from '../support/proc-counts.js';
import { pgCountsCell, type PgCounts } from '../support/pg-counts.js';
import { readSched, schedPerDelivery, type SchedFigures, type SchedReading } from '../support/sched-wait.js';
import type { Cluster } from './cluster.js';
import { ACCOUNT, DOCS, PARTS, PROFILE, RATE, RATES, WARMUP, windowFor } from './options.js';
import { ms } from './tables.js';

export interface RunFigures {
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

const NO_COUNTS: ProcCounts = { wakeups: NaN, preempted: NaN, reads: NaN, writes: NaN };

export async function measure(server: Cluster, tag: string, ladder = true, account?: CpuAccount): Promise<RunFigures> {
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
  // A case not run (`--parts`) was not counted: dashes, not the previous case's window.
  const pgOver = (f: FanoutResult): string => (pgRead && f.expected > 0 ? pgCountsCell(pgRead[0], pgRead[1], f.delivered) : '–');
  const countsOver = (f: FanoutResult): ProcCounts => (f.expected > 0 ? perDelivery(counted![0], counted![1], f.delivered) : NO_COUNTS);
  const schedOver = (f: FanoutResult): SchedFigures[] => (f.expected > 0 ? schedPerDelivery(...schedRead, f.delivered) : []);
  const oneDoc = PARTS.has('one') ? await fanout(server, 1, 150, 20, windowFor(20, 149), `${tag}a`, 0, window, WARMUP) : notRun();
  const oneDocCounts = countsOver(oneDoc);
  const oneDocPg = pgOver(oneDoc);
  const oneDocSched = schedOver(oneDoc);
  const oneDocStages = oneDoc.expected > 0 ? stages : [];
  account?.reset();
  const profiled = {
    start: async () => (await window.start(), PROFILE ? await server.profileStart() : undefined),
    end: async () => (await window.end(), PROFILE ? await server.profileStop(path.join(PROFILE, `${tag}b.cpuprofile`)) : undefined),
  };
  const manyDocs = PARTS.has('many') ? await fanout(server, DOCS, 2, RATE, windowFor(RATE, 1), `${tag}b`, account ? ACCOUNT : 0, profiled, WARMUP) : notRun();
  const split = account?.split(manyDocs.delivered) ?? null;
  const manyDocsCounts = countsOver(manyDocs);
  const manyDocsPg = pgOver(manyDocs);
  const manyDocsSched = schedOver(manyDocs);
  const manyDocsStages = manyDocs.expected > 0 ? stages : [];
  const { ceiling, failedAt } = ladder ? await ceilingOf(server, tag) : { ceiling: NaN, failedAt: 'not measured' };
  return { oneDoc, manyDocs, stages: { oneDoc: oneDocStages, manyDocs: manyDocsStages }, ceiling, failedAt, split, counts: { oneDoc: oneDocCounts, manyDocs: manyDocsCounts }, pg: { oneDoc: oneDocPg, manyDocs: manyDocsPg }, sched: { oneDoc: oneDocSched, manyDocs: manyDocsSched } };
}

/**
 * The edit-rate ladder over {@link DOCS} documents × 2 clients: {@link RATES} offered 3 s each until
 * fewer than 99 % of deliveries arrive or p99 passes a second. `ceiling` is the last rate that held
 * (edits/s, 0 when none), `failedAt` how the next one failed.
 */
export async function ceilingOf(server: Cluster, tag: string): Promise<{ ceiling: number; failedAt: string }> {
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
  return { ceiling, failedAt };
}

/** A case `--parts` left out: every figure NaN (printed as a dash), no deliveries. */
function notRun(): FanoutResult {
  const nan = NaN;
  return {
    p50: nan, p99: nan, max: nan, delivered: 0, expected: 0, cpuPerDelivery: nan, cpuMsPerSecond: nan, idleCpuMsPerSecond: nan, idleMainMsPerSecond: nan,
    mainMsPerSecond: nan, allocPerDelivery: nan, allocPerEdit: nan, promotedPerEdit: nan, majorsPerSecond: nan, scavengesPerSecond: nan, gcMsPerSecond: nan, otherThreads: [],
    clientCpuMsPerSecond: nan, clientGcMsPerSecond: nan,
  };
}

export async function seeded(storage: Storage): Promise<void> {
  await seedRegion(storage, DOCS, regionState());
  await storage.close();
}
