/**
 * Time on a CPU and time waiting for one, per process on an edit's path, from Linux's
 * `/proc/<pid>/task/<tid>/schedstat` (three numbers per thread: ns run on a CPU, ns spent runnable
 * on a run queue without a CPU, and time slices; `Documentation/scheduler/sched-stats.rst` of the
 * kernel). `bench/scale.ts` reads every thread of every process on the path at the start and the
 * end of each case's measured window and divides the differences by its deliveries: the Node
 * servers, PostgreSQL (postmaster, every backend and its background processes, `service-cpu.ts`),
 * redis-server and the bench process itself, whose clients send the edits and read them back.
 * The run-queue wait summed over them is what a delivery waited for a CPU on a machine with
 * fewer cores than runnable threads; it is summed over processes, so one delivery's share of it
 * may lie on its path or beside it (a process waits for a CPU while another one serves the edit).
 * A thread that ended within the window loses its figures (a short `pg-counts.ts` connection);
 * one that started within it counts whole. Where `/proc` cannot be read the figures are NaN.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { postgresPids, redisPids } from './service-cpu.js';

/** Processes read together under one name, e.g. `PostgreSQL`: their pids are looked up at each reading. */
export interface SchedGroup {
  name: string;
  pids(): number[];
}

/** Per group, per thread (`<pid>/<tid>`): [ns on a CPU, ns waiting on a run queue, times run] so far. */
export type SchedReading = Map<string, Map<string, [number, number, number]>>;

/** One group's figures over a window: per delivery, in µs, and the mean wait each time one of its threads was put on a CPU. */
export interface SchedFigures {
  name: string;
  cpuUs: number;
  waitUs: number;
  /**
   * Run-queue wait over the times its threads were run (schedstat's third field: a thread woken
   * from a sleep, or preempted and resumed, counts once), µs: what each wake of this process on an
   * edit's path waited for a CPU on average.
   */
  waitPerRunUs: number;
}

function readThreads(pid: number, into: Map<string, [number, number, number]>): void {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return; // ended meanwhile, or no /proc
  }
  for (const tid of tids) {
    try {
      const [run, wait, runs] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
      into.set(`${pid}/${tid}`, [run ?? NaN, wait ?? NaN, runs ?? NaN]);
    } catch {
      // the thread ended between the listing and the read
    }
  }
}

/** Every thread of every group's processes now. */
export function readSched(groups: readonly SchedGroup[]): SchedReading {
  return new Map(
    groups.map((g) => {
      const threads = new Map<string, [number, number, number]>();
      for (const pid of g.pids()) readThreads(pid, threads);
      return [g.name, threads];
    }),
  );
}

/** Each group's CPU and run-queue wait between two readings, over `deliveries`, in µs; NaN where a group was not read. */
export function schedPerDelivery(before: SchedReading, after: SchedReading, deliveries: number): SchedFigures[] {
  return [...after].map(([name, threads]) => {
    const was = before.get(name);
    let cpu = 0;
    let wait = 0;
    let runs = 0;
    for (const [key, [run, waited, ran]] of threads) {
      const [run0, wait0, ran0] = was?.get(key) ?? [0, 0, 0];
      cpu += run - run0;
      wait += waited - wait0;
      runs += ran - ran0;
    }
    const per = (ns: number): number => (threads.size === 0 ? NaN : ns / 1000 / Math.max(1, deliveries));
    return { name, cpuUs: per(cpu), waitUs: per(wait), waitPerRunUs: threads.size === 0 ? NaN : wait / 1000 / Math.max(1, runs) };
  });
}

/**
 * The groups on an edit's path: each Node server (`Node 1`… or `Node` alone), PostgreSQL and Redis
 * when their ports are given, and the bench process (`bench clients`).
 */
export function pathGroups(nodePids: readonly number[], services?: { pgPort: number; redisPort: number }): SchedGroup[] {
  const nodes = nodePids.map((pid, i) => ({ name: nodePids.length === 1 ? 'Node' : `Node ${i + 1}`, pids: () => [pid] }));
  const extra = services
    ? [
        { name: 'PostgreSQL', pids: () => postgresPids(services.pgPort) },
        { name: 'Redis', pids: () => redisPids(services.redisPort) },
      ]
    : [];
  return [...nodes, ...extra, { name: 'bench clients', pids: () => [process.pid] }];
}

const us = (n: number): string => (Number.isFinite(n) ? n.toFixed(0) : '–');

/**
 * Table cells: run-queue wait summed and CPU summed, µs per delivery; the mean wait per run summed
 * over the groups, µs (one wake of each process in series, as an edit crossing them all has); and
 * `name CPU / wait (wait per run)` of each group.
 */
export function schedCells(figures: readonly SchedFigures[]): string[] {
  const sum = (pick: (f: SchedFigures) => number): number => figures.reduce((a, f) => a + pick(f), 0);
  return [
    us(sum((f) => f.waitUs)),
    us(sum((f) => f.cpuUs)),
    us(sum((f) => f.waitPerRunUs)),
    figures.map((f) => `${f.name} ${us(f.cpuUs)} / ${us(f.waitUs)} (${us(f.waitPerRunUs)})`).join(' · '),
  ];
}

/** The table's explanation and header, before its rows (`| run | server | case | …`). */
export const SCHED_HEADER = [
  'Waiting for a CPU, per delivery over each case\'s measured window, µs (`support/sched-wait.ts`, /proc/<pid>/task/<tid>/schedstat): ' +
    'run-queue wait (runnable, no CPU free) and time on a CPU summed over every process on the path — the Node servers, PostgreSQL ' +
    '(postmaster, backends, background processes), redis-server, the bench process with its clients; the mean wait each time a thread was run, ' +
    'summed over the processes (one wake of each, as an edit that crosses them all in series: 2 wakes for one process, about 6 for several), µs; ' +
    'and each process as CPU / wait (wait per run).',
  '| run | server | case | run-queue wait | CPU | wait per run, summed | by process (CPU / wait (wait per run)) |',
  '| --- | --- | --- | --- | --- | --- | --- |',
];

/**
 * How Linux shares the CPUs among the bench's processes and the rest of the machine, in words: with
 * autogroup on (`/proc/sys/kernel/sched_autogroup_enabled`), each session (`setsid`) is one
 * scheduling group with one share, so the bench, its servers, PostgreSQL and Redis, all in the
 * bench's session, together get what one other busy session gets. On a shared machine a case that
 * spends twice the CPU per edit then runs out of that share first, whatever its number of processes.
 */
export function cpuShareNote(): string {
  const read = (file: string): string => {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch {
      return '';
    }
  };
  const enabled = read('/proc/sys/kernel/sched_autogroup_enabled');
  if (enabled === '') return 'CPU share: autogroup unknown (no /proc/sys/kernel/sched_autogroup_enabled)';
  if (enabled !== '1') return 'CPU share: autogroup off, every thread of the machine competes alone';
  return `CPU share: autogroup on; the bench, its servers, PostgreSQL and Redis share one session's group (${read('/proc/self/autogroup') || 'unknown'}) against each other busy session's`;
}
