/**
 * One run of `bench/region.ts` against one server: the memory slopes, the connect storms and the
 * fan-outs, each on a fresh server process, traced (`--trace`) or profiled (`--profile`,
 * `--heap-profile`) when asked; the measuring itself is `support/region-measure.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { regionDoc } from '../support/region-seed.js';
import { connectStorm, holdDocs, idleCpuByThread, oneSegment, type FanoutResult, type SegmentedWindow, type StormResult } from '../support/region-measure.js';
import { memoryPerConnection, memoryPerDoc } from '../support/region-memory.js';
import { startBenchServer, withServer, type BenchServer, type ServerKind } from '../support/servers.js';
import { mergeTraces, type TraceDump } from '../support/edit-trace.js';
import { traceReport } from '../support/trace-report.js';
import { seedPeer, storedColdStorm } from '../support/stored-storm.js';
import { fanout } from '../support/fanout.js';
import type { ClientPool } from '../support/client-pool.js';
import { unloadPause } from '../support/unload-pause.js';
import { perfLines, perfWindow } from '../support/perf-split.js';
import { addProfile, noCounts, profileLines, type CpuProfile, type ProfileCounts } from '../support/profile-counts.js';
import { CONNECTIONS, DOCS, FAN_DOCS, HEAP_DIR, IDLE, ONE_DOC_CLIENTS, PARTS, PER_DOC, PERF, PROFILE_DIR, RATE, SECONDS, TRACE, TRACE_DUMP, WARMUP } from './options.js';
import { NO_FANOUT, NONE, type Figures } from './figures.js';

/** The slowest edits of each traced fan-out (`--trace`), as printed lines, printed after the table. */
export const traces: string[] = [];
/** Each fan-out's main thread split by `perf` (`--perf`), as printed lines, printed after the table. */
export const perfSplits: string[] = [];
/** With `--profile`: each profiled part's samples by function, over its windows (`profile-counts.ts`), printed at the end. */
export const profileTallies = new Map<string, ProfileCounts>();
/** The lines of {@link profileTallies}, one block per server, run and part. */
export function profileSummaries(): string[] {
  return [...profileTallies].flatMap(([title, counts]) => [...profileLines(title, counts), '']);
}
/** The measured window `inner` of fan-out `title`, also sampled by `perf` with `--perf`. */
function perfed(s: BenchServer, title: string, inner: SegmentedWindow | undefined): SegmentedWindow | undefined {
  if (!PERF) return inner;
  const window = perfWindow(s.pid, (split) => perfSplits.push(...(typeof split === 'string' ? [`${title}: ${split}`] : perfLines(title, split)), ''));
  return {
    start: async () => {
      await inner?.start();
      await window.start();
    },
    end: async () => {
      await window.end();
      await inner?.end();
    },
    finish: async () => {
      await window.finish();
      await inner?.finish();
    },
  };
}
/** The measured window of a traced fan-out `tag`; `report` gets the trace of all its segments once it finishes. */
function traced(s: BenchServer, tag: string, inner: SegmentedWindow | undefined, report: (dump: TraceDump) => void): SegmentedWindow | undefined {
  if (!TRACE) return inner;
  let dump: TraceDump | undefined;
  return {
    start: async () => {
      await inner?.start();
      await s.traceStart?.(tag);
    },
    end: async () => {
      const more = await s.traceStop?.();
      if (more) dump = dump ? mergeTraces(dump, more) : more;
      await inner?.end();
    },
    finish: async () => {
      if (dump) report(dump);
      await inner?.finish();
    },
  };
}
/**
 * What a fan-out of `s` (`docs` × `perDoc`, keys `<tag>-<n>`) is measured with beyond its figures:
 * a window to start and end around its measured part (traced with `--trace`, sampled by `perf`
 * with `--perf`, profiled with `--profile` or `--heap-profile`), and `report`, which files the
 * trace once the figures are in.
 */
export function fanoutExtras(s: BenchServer, run: number, docs: number, perDoc: number, tag: string): { window: SegmentedWindow | undefined; report(r: FanoutResult): void } {
  let dump: TraceDump | undefined;
  const title = `run ${run + 1}, ${s.kind}, fan-out ${docs} docs × ${perDoc} (load ${loadavg()[0]?.toFixed(2)})`;
  const window = perfed(s, title, traced(s, tag, profiled(s, run, docs), (d) => (dump = d)));
  return {
    window,
    report(r) {
      if (dump && r.edits && TRACE_DUMP) writeFileSync(`${TRACE_DUMP}-${s.kind}-${tag}.json`, JSON.stringify({ dump, edits: r.edits }));
      if (dump && r.edits) traces.push(...traceReport(`${s.kind} run ${run + 1}, ${docs} docs × ${perDoc} (load ${loadavg()[0]?.toFixed(2)})`, r.edits, dump), '');
    },
  };
}

/** A fan-out of `fanout`, traced with `--trace`, its readers in `pool`'s processes if given. */
async function tracedFanout(s: BenchServer, run: number, docs: number, perDoc: number, tag: string, idleSeconds: number, pool: ClientPool | null): Promise<FanoutResult> {
  const extras = fanoutExtras(s, run, docs, perDoc, tag);
  const r = await fanout(s, docs, perDoc, RATE, SECONDS, tag, idleSeconds, extras.window && oneSegment(extras.window), WARMUP, pool);
  extras.report(r);
  return r;
}

/**
 * The measured window of a fan-out profiled into `PROFILE_DIR` (CPU), or with `--heap-profile <dir>`
 * what it allocated, by stack (`<kind>-run<n>-<docs>docs.heapprofile`; one or the other), or
 * undefined. A profile covers one segment: the first is written under that name, each later one
 * with `-w<n>` before the extension (the alternating mode's n-th window of the server).
 */
function profiled(s: BenchServer, run: number, docs: number | string): SegmentedWindow | undefined {
  const name = typeof docs === 'number' ? `${docs}docs` : docs;
  // Local copies: an imported binding is not narrowed inside the callbacks.
  const [heapDir, profileDir] = [HEAP_DIR, PROFILE_DIR];
  let segment = 0;
  const file = (dir: string, ext: string): string => join(dir, `${s.kind}-run${run + 1}-${name}${++segment > 1 ? `-w${segment}` : ''}.${ext}`);
  const finish = (): Promise<void> => Promise.resolve();
  if (heapDir) return { start: () => s.heapStart(), end: () => s.heapStop(file(heapDir, 'heapprofile')), finish };
  if (!profileDir) return undefined;
  const tally = profileTallies.get(`${s.kind} run ${run + 1}, ${name}`) ?? noCounts();
  profileTallies.set(`${s.kind} run ${run + 1}, ${name}`, tally);
  const end = async (): Promise<void> => {
    const written = file(profileDir, 'cpuprofile');
    await s.profileStop(written);
    // Counted by samples: a profile's times give a sample all the time the thread waited for a CPU before it.
    try {
      addProfile(tally, JSON.parse(readFileSync(written, 'utf8')) as CpuProfile);
    } catch {
      // Not written (the server answered `PROFILE none`): nothing to count.
    }
  };
  return { start: () => s.profileStart(), end, finish };
}

const steps = (max: number, from = 0): number[] => [from, Math.round(max / 4), Math.round(max / 2), Math.round((3 * max) / 4), max];

/**
 * One run's figures of `kind`, each part on a fresh server; with `fan` false (the fan-outs
 * alternated between the servers, `alternating.ts`) the fan-out rows are left to the caller. The
 * storms' clients run in the bench process, or spread over `pool`'s processes (`--client-procs`);
 * the fan-outs' readers over `fanPool`'s (`--fanout-readers-in-procs`).
 */
export async function measure(
  kind: ServerKind,
  dir: string,
  samplanDb: string,
  run: number,
  state: Uint8Array,
  fan = PARTS.has('fanout'),
  pool: ClientPool | null = null,
  fanPool: ClientPool | null = null,
): Promise<Figures> {
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
    stored = await storedColdStorm(startBenchServer, kind, path, FAN_DOCS, PER_DOC, state, pool);
  }
  if (!fan && !PARTS.has('storm')) return { conn, doc, cold: none, warm: none, held: none, back: none, stored, many: NO_FANOUT, one: NO_FANOUT, bare: { all: NaN, main: NaN } };
  return withServer(kind, db('load'), async (s) => {
    let cold = none;
    // Edited during each storm: a document the storm does not open (seeded for Samplan).
    const probe = regionDoc(FAN_DOCS);
    let warm = cold;
    let held = cold;
    let back = cold;
    if (PARTS.has('storm')) {
      cold = await connectStorm(s, FAN_DOCS, PER_DOC, probe, `c${run}`, profiled(s, run, 'storm-cold'), null, pool);
      await new Promise((r) => setTimeout(r, 300));
      warm = await connectStorm(s, FAN_DOCS, PER_DOC, probe, `w${run}`, profiled(s, run, 'storm-warm'), null, pool);
      const holders = await holdDocs(s, FAN_DOCS, state);
      await new Promise((r) => setTimeout(r, 300));
      held = await connectStorm(s, FAN_DOCS, PER_DOC, probe, `h${run}`, undefined, null, pool);
      await new Promise((r) => setTimeout(r, 300));
      back = await connectStorm(s, FAN_DOCS, PER_DOC, probe, `b${run}`, profiled(s, run, 'storm-back'), state, pool);
      for (const c of holders) c.close();
    }
    let bare = { all: NaN, main: NaN };
    if (fan && IDLE > 0) {
      await s.mem();
      await new Promise((r) => setTimeout(r, 2000));
      bare = await idleCpuByThread(s, IDLE);
    }
    const many = fan ? await tracedFanout(s, run, FAN_DOCS, PER_DOC, `m${run}`, IDLE, fanPool) : NO_FANOUT;
    // Samplan unloads the 100 rooms 30 s after their clients left: in the 1-doc warm-up, not its window.
    if (fan) await new Promise((r) => setTimeout(r, unloadPause(WARMUP, SECONDS) * 1000));
    const one = fan ? await tracedFanout(s, run, 1, ONE_DOC_CLIENTS, `o${run}`, 0, fanPool) : NO_FANOUT;
    return { conn, doc, cold, warm, held, back, stored, many, one, bare };
  });
}
