/**
 * What `bench/region.ts` measures of one server in one run (`Figures`), the printed figures, and
 * the table they are printed in (`ratio-table.ts` makes its rows).
 */
import type { FanoutResult, StormResult } from '../support/region-measure.js';
import type { MemorySlope } from '../support/region-memory.js';
import type { Figure } from '../support/ratio-table.js';
import { PLATFORM_THREAD } from '../support/thread-cpu.js';
import { FAN_DOCS, KINDS, ONE_DOC_CLIENTS, PER_DOC } from './options.js';

export const NONE = { heap: NaN, rss: NaN };
export const NO_FANOUT: FanoutResult = {
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
  clientCpuMsPerSecond: NaN,
  clientGcMsPerSecond: NaN,
  allocPerDelivery: NaN,
  allocPerEdit: NaN,
  scavengesPerSecond: NaN,
  promotedPerEdit: NaN,
  majorsPerSecond: NaN,
  gcMsPerSecond: NaN,
  otherThreads: [],
};

/** One run's figures of one server. */
export interface Figures {
  conn: MemorySlope;
  doc: MemorySlope;
  cold: StormResult;
  warm: StormResult;
  /** Warm, with every server holding the plans' content (see `holdDocs`). */
  held: StormResult;
  /** As `held`, each client then sending the plan back as an update (a pane's offline copy loaded after it joined). */
  back: StormResult;
  /** Cold, every server loading the plans from its own storage (see `support/stored-storm.ts`). */
  stored: StormResult;
  many: FanoutResult;
  one: FanoutResult;
  /** CPU with nothing connected (`--idle`), ms per second, and the main thread's part. */
  bare: { all: number; main: number };
}

/**
 * What each connect storm of the table is, printed before the runs: above all what "cold" means
 * for each server, since the plain cold storm gives the servers unequal work and the fair cold
 * figure is another row. `clientProcs`: how many processes the storms' clients ran in.
 */
export function stormsSaid(clientProcs: number): string {
  const n = FAN_DOCS * PER_DOC;
  return [
    `Connect storms: ${n} clients over ${FAN_DOCS} documents at once, until all are done; the clients ${
      clientProcs > 1 ? `spread over ${clientProcs} client processes (--client-procs)` : 'in the bench process (--client-procs 1)'
    }, the same code for every server.`,
    `- cold: a fresh server. Samplan loads and serves its ${FAN_DOCS} stored plans; the stock server keeps nothing across a restart and Hocuspocus' SQLite file starts empty, so both serve empty documents (their clients decode ~140 bytes, Samplan's ~3 KB): unequal work, kept to compare with earlier figures.`,
    `- cold, every server loading the plans from its own storage: the fair cold figure. Each server starts afresh on storage that already holds the same plans (stock: y-leveldb, YPERSISTENCE; Hocuspocus: a seeded SQLite file; Samplan: its own), and a client is done once it holds the plan.`,
    `- warm: the same storm again on the same server, its documents still loaded (the peers' still empty); warm, every server holding the plans: again once one client per document has sent the plan; sending it back: each client also sends the plan as an update and waits for the answer to a new step 1.`,
    '',
  ].join('\n');
}

export function table(headers: string[], rows: (string | number)[][]): void {
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
/** What names a fan-out part in its rows: the 100-doc one (`many`) and the 1-doc one (`one`). */
const PART_LABEL = { many: `${FAN_DOCS} docs`, one: '1 doc' } as const;

const THREAD_GROUPS: [label: string, name: string][] = [
  [`threads ${PLATFORM_THREAD} (V8's compiler and GC helpers)`, PLATFORM_THREAD],
  ['thread sqlite-ckpt (WAL checkpointer)', 'sqlite-ckpt'],
  ['threads started later (libuv pool)', 'node'],
];

/** Each server's busiest other threads in each run, by name: `name ms/s`, the busiest first. */
export function threadNames(all: readonly (readonly Figures[])[]): string[] {
  const lines: string[] = [];
  all.forEach((figures, run) =>
    figures.forEach((f, i) => {
      for (const part of ['many', 'one'] as const) {
        const threads = f[part].otherThreads.filter((t) => t.msPerSecond >= 0.05);
        if (threads.length) lines.push(`run ${run + 1}, ${KINDS[i]?.[1]}, fan-out ${PART_LABEL[part]}: ${threads.map((t) => `${t.name} ${t.msPerSecond.toFixed(2)}`).join(', ')}`);
      }
    }),
  );
  return lines;
}

/**
 * The GC rows of one fan-out part: V8 heap allocation (Buffer contents not counted), what it costs
 * (minor and major collections and their main-thread time) and what outlives the young generation
 * (the old generation's growth, which major collections then mark).
 */
export function gcFigures(part: 'many' | 'one'): Figure<Figures>[] {
  const at = `fan-out ${PART_LABEL[part]}`;
  return [
    [`${at}: heap KB allocated per edit`, (f) => f[part].allocPerEdit / 1024, (x) => x.toFixed(2)],
    [`${at}: heap KB allocated per delivered edit`, (f) => f[part].allocPerDelivery / 1024, (x) => x.toFixed(2)],
    [`${at}: minor GCs per second`, (f) => f[part].scavengesPerSecond, (x) => x.toFixed(1)],
    [`${at}: major GCs per second`, (f) => f[part].majorsPerSecond, (x) => x.toFixed(2)],
    [`${at}: heap KB promoted to old space per edit`, (f) => f[part].promotedPerEdit / 1024, (x) => x.toFixed(2)],
    [`${at}: main-thread GC ms per second`, (f) => f[part].gcMsPerSecond, (x) => x.toFixed(2)],
    // The same client code for every server; what it costs is on the server's two cores too.
    [`${at}: bench clients' CPU ms per second`, (f) => f[part].clientCpuMsPerSecond, (x) => x.toFixed(1)],
    [`${at}: bench clients' GC ms per second`, (f) => f[part].clientGcMsPerSecond, (x) => x.toFixed(2)],
    [`${at}: bench clients' GCs per second`, (f) => f[part].clientGcsPerSecond ?? NaN, (x) => x.toFixed(1)],
    [`${at}: p99 ms of the deliveries no bench-client GC fell in`, (f) => f[part].p99WithoutClientGc ?? NaN, (x) => x.toFixed(2)],
    [`${at}: deliveries a bench-client GC fell in, %`, (f) => (f[part].clientGcStalledShare ?? NaN) * 100, (x) => x.toFixed(2)],
    [`${at}: bench clients' heap KB allocated per delivered edit`, (f) => (f[part].clientAllocPerDelivery ?? NaN) / 1024, (x) => x.toFixed(2)],
    // What each server gives the same clients to read: more bytes or frames per edit is more for them to decode and collect.
    [`${at}: bytes a reader reads per delivered edit`, (f) => f[part].readerBytesPerDelivery ?? NaN, (x) => x.toFixed(1)],
    [`${at}: frames a reader gets per delivered edit`, (f) => f[part].readerFramesPerDelivery ?? NaN, (x) => x.toFixed(3)],
    [`${at}: bytes the writer reads per edit sent`, (f) => f[part].writerBytesPerEdit ?? NaN, (x) => x.toFixed(1)],
    [`${at}: frames the writer gets per edit sent`, (f) => f[part].writerFramesPerEdit ?? NaN, (x) => x.toFixed(3)],
  ];
}

/**
 * The windows a fan-out part's figures are over (1 sequentially, `--seconds / --window` alternated)
 * and, alternated, the server's CPU while the others' windows ran (nothing of it counted above) and
 * its CPU per delivered edit with the pause after each of its windows (`region/alternating.ts`).
 */
export function windowFigures(part: 'many' | 'one'): Figure<Figures>[] {
  const at = `fan-out ${PART_LABEL[part]}`;
  return [
    [`${at}: measured windows`, (f) => f[part].windows ?? NaN, (x) => x.toFixed(0)],
    [`${at}: p99 ms, median of the windows' p99s`, (f) => f[part].windowP99Median ?? NaN, (x) => x.toFixed(2)],
    [`${at}: CPU ms per second while the other servers' windows ran`, (f) => f[part].otherWindowsCpuMsPerSecond ?? NaN, (x) => x.toFixed(2)],
    [`${at}: CPU µs per delivered edit, with the pause after each window`, (f) => f[part].settledCpuPerDelivery ?? NaN, (x) => x.toFixed(1)],
  ];
}

/**
 * What the main thread's CPU is made of beyond the code V8 and `perf`'s user-space samples see: its
 * time in the kernel (syscalls, and the loopback's receive work a socket write does in the
 * writer's thread) and how often it was put on a CPU (each wake-up costs a switch in and out).
 */
export function mainThreadFigures(part: 'many' | 'one'): Figure<Figures>[] {
  const at = `fan-out ${PART_LABEL[part]}`;
  const perDelivery = (f: Figures, msPerSecond: number | undefined): number => (f[part].cpuPerDelivery * (msPerSecond ?? NaN)) / f[part].cpuMsPerSecond;
  return [
    [`${at}: main-thread CPU in the kernel, µs per delivered edit`, (f) => perDelivery(f, f[part].mainSysMsPerSecond), (x) => x.toFixed(1)],
    [`${at}: main thread put on a CPU, times per delivered edit`, (f) => f[part].mainRunsPerDelivery ?? NaN, (x) => x.toFixed(2)],
  ];
}

/** The printed figures: name, how a value is shown, and the value of one server's run. */
export const FIGURES: Figure<Figures>[] = [
  ['heap per idle connection, KB', (f) => f.conn.heap, kb],
  ['RSS per idle connection, KB', (f) => f.conn.rss, kb],
  ['heap per loaded doc (+1 client), KB', (f) => f.doc.heap, kb],
  ['RSS per loaded doc (+1 client), KB', (f) => f.doc.rss, kb],
  [`fan-out ${FAN_DOCS} docs × ${PER_DOC}: p50 ms`, (f) => f.many.p50, ms],
  [`fan-out ${FAN_DOCS} docs × ${PER_DOC}: p99 ms`, (f) => f.many.p99, ms],
  [`fan-out ${FAN_DOCS} docs × ${PER_DOC}: max ms`, (f) => f.many.max, (x) => x.toFixed(1)],
  [`fan-out ${FAN_DOCS} docs: CPU µs per delivered edit`, (f) => f.many.cpuPerDelivery, (x) => x.toFixed(1)],
  ...windowFigures('many'),
  // The main thread's part of the CPU above; the rest is the server's other threads (V8's optimizing compiler and GC helpers, Samplan's WAL checkpointer).
  [`fan-out ${FAN_DOCS} docs: main-thread CPU µs per delivered edit`, (f) => (f.many.cpuPerDelivery * f.many.mainMsPerSecond) / f.many.cpuMsPerSecond, (x) => x.toFixed(1)],
  ...mainThreadFigures('many'),
  ...gcFigures('many'),
  // The busiest threads but the main one, ms per second; their names are printed under the table (`threadNames`).
  ...[0, 1, 2].map((i): Figure<Figures> => [`fan-out ${FAN_DOCS} docs: other threads, busiest no. ${i + 1}, CPU ms per second`, (f) => f.many.otherThreads[i]?.msPerSecond ?? NaN, (x) => x.toFixed(2)]),
  // The same threads summed by name (`support/thread-cpu.ts`), both fan-outs.
  ...(['many', 'one'] as const).flatMap((part) =>
    THREAD_GROUPS.map(([label, name]): Figure<Figures> => [
      `fan-out ${PART_LABEL[part]}: ${label}, CPU ms per second`,
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
  ...windowFigures('one'),
  ['fan-out 1 doc: main-thread CPU µs per delivered edit', (f) => (f.one.cpuPerDelivery * f.one.mainMsPerSecond) / f.one.cpuMsPerSecond, (x) => x.toFixed(1)],
  ...mainThreadFigures('one'),
  ...gcFigures('one'),
  [`connect storm ${FAN_DOCS * PER_DOC} clients, cold ms (unequal work: Samplan serves its stored plans, the peers empty documents)`, (f) => f.cold.ms, (x) => x.toFixed(0)],
  [`connect storm ${FAN_DOCS * PER_DOC} clients, warm ms`, (f) => f.warm.ms, (x) => x.toFixed(0)],
  [`connect storm ${FAN_DOCS * PER_DOC} clients, warm, every server holding the plans, ms`, (f) => f.held.ms, (x) => x.toFixed(0)],
  [`connect storm ${FAN_DOCS * PER_DOC} clients, warm, holding the plans, each client sending the plan back, ms`, (f) => f.back.ms, (x) => x.toFixed(0)],
  [`connect storm ${FAN_DOCS * PER_DOC} clients, cold, every server loading the plans from its own storage, ms (the fair cold figure)`, (f) => f.stored.ms, (x) => x.toFixed(0)],
  [`connect storm cold: server CPU ms`, (f) => f.cold.cpuMs, (x) => x.toFixed(0)],
  [`connect storm warm: server CPU ms`, (f) => f.warm.cpuMs, (x) => x.toFixed(0)],
  [`connect storm warm, holding the plans: server CPU ms`, (f) => f.held.cpuMs, (x) => x.toFixed(0)],
  [`connect storm warm, holding the plans, sending it back: server CPU ms`, (f) => f.back.cpuMs, (x) => x.toFixed(0)],
  [`connect storm warm, holding the plans, sending it back: bench clients' CPU ms`, (f) => f.back.clientCpuMs, (x) => x.toFixed(0)],
  [`connect storm cold, loading the plans from storage: server CPU ms`, (f) => f.stored.cpuMs, (x) => x.toFixed(0)],
  [`connect storm cold: bench clients' CPU ms`, (f) => f.cold.clientCpuMs, (x) => x.toFixed(0)],
  [`connect storm warm, holding the plans: bench clients' CPU ms`, (f) => f.held.clientCpuMs, (x) => x.toFixed(0)],
  [`connect storm cold, loading the plans from storage: bench clients' CPU ms`, (f) => f.stored.clientCpuMs, (x) => x.toFixed(0)],
  // Summed over the client processes (`--client-procs`): where one process's CPU nears the wall time, the storm waited on its clients, not the server.
  [`connect storm cold: bench clients' CPU, % of the wall time`, (f) => (100 * f.cold.clientCpuMs) / f.cold.ms, (x) => x.toFixed(0)],
  [`connect storm cold, loading the plans from storage: bench clients' CPU, % of the wall time`, (f) => (100 * f.stored.clientCpuMs) / f.stored.ms, (x) => x.toFixed(0)],
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
