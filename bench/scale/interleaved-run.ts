/**
 * One run of `bench/scale.ts` in the interleaved mode (the default): every set-up started first —
 * one process on SQLite, N on PostgreSQL + Redis spread round robin, and the extra rows asked for
 * (affinity, floor), each set-up on PostgreSQL with a database and a Redis of its own, so that no
 * set-up hears another's edits — then each fan-out case alternated between them in short windows
 * (`interleaved.ts`), then the edit-rate ladder of the first two, one after the other (a ceiling,
 * not a ratio). Returns the main table's rows and the per-window p99 rows.
 */
import os from 'node:os';
import path from 'node:path';
import { openPostgresStorage } from '../../server/storage/postgres.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { startBenchServer, type BenchServer } from '../support/servers.js';
import type { PgServer, RedisServer } from '../../tests/support/services.js';
import { cluster, type Cluster } from './cluster.js';
import { ceilingOf, seeded } from './measure.js';
import { interleavedFanout, type InterleavedResult } from './interleaved.js';
import { AFFINITY, CEILING, CLUSTER, DOCS, FLOOR, PARTS, PROCESSES, RATE, RATES, WARMUP, WINDOWS, windowFor } from './options.js';
import { fanoutCells, load, ms, row } from './tables.js';

/** The PostgreSQL set-ups in the order they take a Redis: spread, affinity, floor (as asked). */
export const pgSetups = (): ('spread' | 'affinity' | 'floor')[] => ['spread', ...(AFFINITY ? (['affinity'] as const) : []), ...(FLOOR ? (['floor'] as const) : [])];

const NAMES = {
  sqlite: '1 process, SQLite',
  spread: CLUSTER,
  affinity: `${PROCESSES} processes, affinity by document (extra)`,
  floor: '1 process, PostgreSQL + Redis (floor, extra)',
} as const;

const NOT_RUN: InterleavedResult = { p50: NaN, p99: NaN, max: NaN, count: 0, windowP99: [], delivered: 0, expected: 0, cpuPerDelivery: NaN };

/** Run `run` (1…) with its SQLite file in `dir`, databases on `pg` and one Redis per entry of {@link pgSetups} in `redises`. */
export async function interleavedRun(run: number, dir: string, pg: PgServer, redises: readonly RedisServer[]): Promise<{ lines: string[]; windowLines: string[] }> {
  const file = path.join(dir, `run${run}.db`);
  await seeded(openSqliteStorage(file));
  const setups: { name: string; server: Cluster }[] = [{ name: NAMES.sqlite, server: cluster([await startBenchServer('samplan', file)]) }];
  try {
    for (const [i, kind] of pgSetups().entries()) {
      const redis = redises[i] as RedisServer;
      const url = await pg.createDb(`scale${run}${kind}`);
      await seeded(await openPostgresStorage(url));
      process.env.SAMPLAN_REDIS_URL = redis.url;
      const count = kind === 'floor' ? 1 : PROCESSES;
      const nodes: BenchServer[] = await Promise.all(Array.from({ length: count }, () => startBenchServer('samplan-pg', url)));
      const routing = kind === 'affinity' ? 'affinity' : 'spread';
      setups.push({ name: NAMES[kind], server: cluster(nodes, routing, undefined, url, { pgPort: pg.port, redisPort: redis.port }) });
    }
    const servers = setups.map((s) => s.server);
    const oneDoc = PARTS.has('one')
      ? await interleavedFanout(servers, { docCount: 1, perDoc: 150, rate: 20, edits: 20 * windowFor(20, 149), windows: WINDOWS, warmupSeconds: WARMUP, tag: `i${run}a` })
      : setups.map(() => NOT_RUN);
    const manyDocs = PARTS.has('many')
      ? await interleavedFanout(servers, { docCount: DOCS, perDoc: 2, rate: RATE, edits: RATE * windowFor(RATE, 1), windows: WINDOWS, warmupSeconds: WARMUP, tag: `i${run}b` })
      : setups.map(() => NOT_RUN);
    const ceilings = [];
    for (const [i, s] of setups.entries()) ceilings.push(CEILING && i < 2 ? await ceilingOf(s.server, `i${run}s${i}`) : { ceiling: NaN, failedAt: 'not measured' });
    const lines: string[] = [];
    const windowLines: string[] = [];
    for (const [i, s] of setups.entries()) {
      const one = oneDoc[i] as InterleavedResult;
      const many = manyDocs[i] as InterleavedResult;
      const c = ceilings[i] as { ceiling: number; failedAt: string };
      const ceiling = Number.isNaN(c.ceiling) ? '–' : c.ceiling > 0 ? `${c.ceiling}` : `< ${RATES[0]}`;
      lines.push(row([run, s.name, ...fanoutCells(one, 149), ...fanoutCells(many, 1), (many.cpuPerDelivery / 1000).toFixed(2), ceiling, c.failedAt]));
      for (const [caseName, r] of [['1 doc', one], [`${DOCS} docs`, many]] as const) if (r.expected > 0) windowLines.push(row([run, caseName, s.name, r.windowP99.map(ms).join(' · ')]));
    }
    const ratio = (a: number, b: number): string => (Number.isFinite(a / b) ? (a / b).toFixed(2) : '–');
    const base = { one: oneDoc[0] as InterleavedResult, many: manyDocs[0] as InterleavedResult };
    for (const [i, s] of setups.entries()) {
      if (i === 0) continue;
      const which = i === 1 ? `${PROCESSES} / 1` : s.name.includes('floor') ? 'floor / 1' : 'affinity / 1';
      const loadCell = i === 1 ? `load ${load(os.loadavg())}` : '';
      lines.push(row(['', `p99 ratio (${which})`, ratio((oneDoc[i] as InterleavedResult).p99, base.one.p99), '', ratio((manyDocs[i] as InterleavedResult).p99, base.many.p99), '', '', '', loadCell]));
    }
    return { lines, windowLines };
  } finally {
    await Promise.all(setups.map((s) => s.server.stop()));
  }
}

