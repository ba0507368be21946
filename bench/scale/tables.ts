/**
 * The cells and tables `bench/scale.ts` prints: fan-out cases, stage timings, and the tables
 * printed once every run is done, from the rows each run added.
 */
import os from 'node:os';
import type { FanoutResult } from '../support/region-measure.js';
import type { StageFigures, StageReport } from '../support/stage-timer.js';
import { SPLIT_HEADER } from '../support/cpu-account.js';
import { cpuShareNote, SCHED_HEADER } from '../support/sched-wait.js';
import { ACCOUNT, AFFINITY, DELIVERIES, FLOOR, DOCS, EDITS, PROCESSES, RATE, RATES, SECONDS, SEQUENTIAL, STAGE_TIMER, WARMUP, WINDOWS, windowFor } from './options.js';

export const ms = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '–');
export const STAGES = ['commit', 'publish', 'redisHop', 'receive', 'loopDelay'] as const;
/** p50 / p99 / max of one stage, the worst of the processes for each figure. */
export const stageCell = (reports: readonly StageReport[], stage: (typeof STAGES)[number]): string => {
  const worst = (pick: (f: StageFigures) => number): number => Math.max(...reports.map((r) => pick(r[stage])).filter(Number.isFinite));
  return `${ms(worst((f) => f.p50))} / ${ms(worst((f) => f.p99))} / ${ms(worst((f) => f.max))}`;
};
export const row = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;

export const load = (l: number[]): string => l.map((x) => x.toFixed(1)).join(' ');
/** A fan-out case as table cells: p50 / p99 / max, and deliveries received of those due (edits). */
export const fanoutCells = (f: Pick<FanoutResult, 'p50' | 'p99' | 'max' | 'delivered' | 'expected'>, readers: number): string[] => [
  `${ms(f.p50)} / ${ms(f.p99)} / ${ms(f.max)}`,
  `${f.delivered}/${f.expected} (${f.expected / readers} edits)`,
];

/** The table rows the runs added, one list per table. */
export interface ScaleLines {
  lines: string[];
  countLines: string[];
  schedLines: string[];
  stageLines: string[];
  splitLines: string[];
  /** The interleaved mode's per-window p99s (`run | case | server | p99 · p99 · …`); empty in the sequential mode. */
  windowLines: string[];
}

/** Print every table from the rows the runs added (`lines`), with the load average `loadBefore` of the start and the load now. */
export function printTables({ lines, countLines, schedLines, stageLines, splitLines, windowLines }: ScaleLines, loadBefore: number[]): void {
  console.log(`Server processes on PostgreSQL + Redis: ${PROCESSES}; stage timer: ${STAGE_TIMER ? 'on (--stages; its CPU is in the cluster processes\' figures only)' : 'off (no server runs it)'}.`);
  console.log(
    `Fan-out, edit → every other client, ms (p50 / p99 / max) over at least ${DELIVERIES} deliveries, ${EDITS} edits and ${SECONDS} s per case ` +
      `(1 document: ${windowFor(20, 149)} s, ${DOCS} documents: ${windowFor(RATE, 1)} s) after ${WARMUP} s warm-up, ` +
      `${SEQUENTIAL ? 'sequential (the default: each set-up measured after the other, so the load of each one\'s window differs; --interleaved alternates them)' : interleavedNote()}; clients spread round robin per connection over the ${PROCESSES} processes, each round one process further on ` +
      `(the issue's figure)${AFFINITY ? ", and in the extra row each document's clients on one process, as a proxy hashing the document's path would place them" : ''}` +
      `${FLOOR ? '; in the floor row one process on the same PostgreSQL and Redis (nothing crosses processes, every edit is committed before it is relayed)' : ''}; ` +
      `ceiling over ${DOCS} documents × 2 clients, offered ${RATES.join(', ')} edits/s (3 s each) until one fails.`,
  );
  console.log(row(['run', 'server', '1 doc × 150 clients, 20 edits/s', 'delivered (edits)', `${DOCS} docs × 2 clients, ${RATE} edits/s`, 'delivered (edits)', 'server CPU per delivery (ms, all processes)', 'edit-rate ceiling (edits/s)', 'first rate that failed']));
  console.log(row(['---', '---', '---', '---', '---', '---', '---', '---', '---']));
  for (const line of lines) console.log(line);
  console.log('');
  if (windowLines.length > 0) {
    console.log('Each window\'s p99, ms, in the order the windows ran (the pooled p99 above is over all of a set-up\'s windows):');
    console.log(row(['run', 'case', 'server', 'p99 per window']));
    console.log(row(['---', '---', '---', '---']));
    for (const line of windowLines) console.log(line);
    console.log('');
  }
  if (!SEQUENTIAL) {
    console.log(`(${os.cpus().length} cores, load average ${load(loadBefore)} at the start, ${load(os.loadavg())} at the end; the kernel, run-queue, stage and CPU-split tables are measured with --sequential)`);
    return;
  }
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
}

/** The interleaved mode's method, for the table's header. */
export const interleavedNote = (): string =>
  `interleaved: every set-up started and connected first, then each case in ${WINDOWS} windows per set-up, alternating ABBA… ` +
  `(1 document: ${20 * windowFor(20, 149)} edits, 100 documents: ${RATE * windowFor(RATE, 1)} edits per set-up, shared evenly over its windows), ` +
  `one set-up driven at a time while the others stay connected and idle, each window's deliveries awaited (5 s at most) before the next; ` +
  `p50 / p99 / max pooled over a set-up's windows (each window's p99 below); at least ${EDITS} edits per case`;
