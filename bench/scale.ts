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
 * - with `--floor 1`, an extra row (fan-out only): one process on the same PostgreSQL and Redis, whose
 *   edits never cross processes but are committed to PostgreSQL before they are relayed: the floor
 *   of any design that keeps persist-before-relay on PostgreSQL, whatever carries edits between
 *   processes (`scale/options.ts`).
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
 * By default the set-ups are measured one after the other, and only that mode prints the kernel,
 * run-queue, stage and CPU-split tables below (`--account`, `--profile` and `--stages` need it).
 * `--interleaved` starts every set-up first and alternates each fan-out case between them in short
 * windows, one set-up driven at a time (`scale/interleaved-run.ts`, `--windows 8` per set-up,
 * ABBA…), with each window's p99 printed: it says whose tail it is (see `scale/options.ts` for why
 * it is not the default).
 *
 * PostgreSQL and Redis are started from the system's binaries in temporary directories
 * (`apt-get install -y postgresql redis-server`). `npm run bench -- scale --runs 3`; `--seconds`,
 * `--deliveries`, `--edits`, `--warmup`, `--rate`, `--affinity`, `--processes` and `--stages` as above; `--ceiling 0`
 * skips the ladder; `--parts one` or `--parts many` runs one fan-out case only (`scale/options.ts`):
 * `npm run bench -- scale --runs 1 --parts many --ceiling 0 --affinity 0` is the 100-document p99 alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPostgresStorage } from '../server/storage/postgres.js';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import { startBenchServer, stopBenchServers, type BenchServer } from './support/servers.js';
import { onTeardown, stopOnSignals, teardown } from './support/teardown.js';
import { startPostgres, startRedis } from '../tests/support/services.js';
import { postgresCpuMs, redisCpuMs } from './support/service-cpu.js';
import { CpuAccount, splitRows } from './support/cpu-account.js';
import { countsCell } from './support/proc-counts.js';
import { schedCells } from './support/sched-wait.js';
import { ACCOUNT, AFFINITY, CEILING, CLUSTER, DOCS, FLOOR, PROCESSES, PROFILE, RATES, RUNS, SEQUENTIAL, STAGE_TIMER } from './scale/options.js';
import { interleavedRun, pgSetups } from './scale/interleaved-run.js';
import { cluster } from './scale/cluster.js';
import { measure, seeded, type RunFigures } from './scale/measure.js';
import { fanoutCells, load, printTables, row, STAGES, stageCell } from './scale/tables.js';

if (!SEQUENTIAL && (ACCOUNT > 0 || PROFILE !== '' || STAGE_TIMER)) {
  throw new Error('--account, --profile and --stages measure one set-up at a time: leave out --interleaved');
}
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
const windowLines: string[] = [];
try {
  // The default: every set-up started, then each case alternated between them (`scale/interleaved-run.ts`).
  const redises = [redis];
  while (!SEQUENTIAL && redises.length < pgSetups().length) {
    const more = await startRedis();
    onTeardown(() => more.destroy());
    redises.push(more);
  }
  for (let run = 1; run <= (SEQUENTIAL ? 0 : RUNS); run++) {
    const figures = await interleavedRun(run, dir, pg, redises);
    lines.push(...figures.lines);
    windowLines.push(...figures.windowLines);
    console.error(`run ${run} done`);
  }
  for (let run = 1; run <= (SEQUENTIAL ? RUNS : 0); run++) {
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
    if (FLOOR) {
      const alone = cluster([await startBenchServer('samplan-pg', url)], 'spread', undefined, url, ports);
      rows.push(['1 process, PostgreSQL + Redis (floor, extra)', await measure(alone, `f${run}`, false)]);
      await alone.stop();
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
    for (const [name, f] of rows) {
      // A case `--parts` left out has no figures: no row.
      for (const [c, figs] of [['1 doc', f.sched.oneDoc], [`${DOCS} docs`, f.sched.manyDocs]] as const) if (figs.length > 0) schedLines.push(row([run, name, c, ...schedCells(figs)]));
    }
    for (const [name, f] of rows) countLines.push(row([run, name, countsCell(f.counts.oneDoc), countsCell(f.counts.manyDocs), f.pg.oneDoc, f.pg.manyDocs]));
    for (const [name, reports] of STAGE_TIMER ? ([['1 doc × 150 clients', three.stages.oneDoc], [`${DOCS} docs × 2 clients`, three.stages.manyDocs]] as const) : []) {
      stageLines.push(row([run, name, ...STAGES.map((stage) => stageCell(reports, stage))]));
    }
    const ratio = (a: number, b: number): string => (Number.isFinite(a / b) ? (a / b).toFixed(2) : '–');
    lines.push(row(['', `p99 ratio (${PROCESSES} / 1)`, ratio(three.oneDoc.p99, one.oneDoc.p99), '', ratio(three.manyDocs.p99, one.manyDocs.p99), '', '', '', `load ${load(os.loadavg())}`]));
    // The extra rows after the first two, each against the one process on SQLite.
    for (const [name, f] of rows.slice(2)) {
      const which = name.includes('floor') ? 'floor' : 'affinity';
      lines.push(row(['', `p99 ratio (${which} / 1)`, ratio(f.oneDoc.p99, one.oneDoc.p99), '', ratio(f.manyDocs.p99, one.manyDocs.p99), '', '', '', '']));
    }
    console.error(`run ${run} done`);
  }
} finally {
  await teardown();
}

printTables({ lines, countLines, schedLines, stageLines, splitLines, windowLines }, loadBefore);
