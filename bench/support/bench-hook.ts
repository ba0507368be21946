/**
 * The measuring hook every bench server (Samplan and the peers alike) installs, so that all are
 * measured the same way: a line on stdin answers one line on stdout.
 *
 * - `mem` → `MEM <rss> <heapUsed> <heapTotal> <external> <arrayBuffers>` in bytes (`process.memoryUsage()`),
 *   after two full GCs (the process runs with `--expose-gc`);
 * - `collect` → `COLLECTED <heapUsed>` in bytes, after one major collection as V8 makes one itself
 *   (`major-gc.ts`): what the fan-outs run before their measured windows, where `mem`'s full GCs
 *   (V8's memory-reducing ones) would deoptimize the code the warm-up optimized;
 * - `cpu` → `CPU <user> <system>` in µs, the process's CPU time so far (`process.cpuUsage()`);
 * - `snapshot <file>` writes a heap snapshot there (after a full GC) and answers `SNAPSHOT <file>`;
 * - `loop start` arms an event-loop delay monitor (10 ms resolution) and answers `LOOP started`;
 *   `loop` → `LOOP <max> <p99>` in ms, the event loop's delay since `loop start` (0 0 without one),
 *   and disarms it. The monitor is a libuv timer firing every 10 ms: armed always, it woke every
 *   bench server ~100 times a second with nothing to do (the stock server too), 3× as many in a
 *   three-process cluster as in one process, so it runs only over the window a bench reads it for;
 * - `stats` → `STATS <json>`, what the server records about itself (`stage-timer.ts`; `{}` for the others);
 * - `profile start` starts V8's CPU profiler (sampling every 100 µs) and answers `PROFILE started`;
 *   `profile stop <file>` writes the profile since then there (`.cpuprofile` JSON, as `--cpu-prof`
 *   writes, for Chrome DevTools) and answers `PROFILE <file>`: a profile of a measured window alone;
 * - `trace start <tag>` begins a trace of the main thread's callbacks, garbage collections and the
 *   writes of each edit `<tag>-<n>` (`edit-trace.ts`) and answers `TRACE started`; `trace stop`
 *   answers `TRACE <json>`, what it recorded. Nothing of it runs before the first `trace start`;
 * - `heap start` starts V8's sampling heap profiler (a sample every 4 KiB allocated, objects the
 *   collections freed kept in it) and answers `HEAP started`; `heap stop <file>` writes what was
 *   allocated since, by the stack that allocated it (`.heapprofile` JSON, for Chrome DevTools'
 *   Memory tab), and answers `HEAP <file>`. `heap start survivors` samples only what no minor
 *   collection freed: what was promoted to the old generation (then kept, or freed by a major
 *   collection) or is still alive at the stop, which first runs two minor collections so that
 *   young garbage leaves the profile; the allocation sites of what the `promoted` of `alloc` counts
 *   (young garbage a major collection freed stays in it too: compare sites, not totals);
 * - `alloc` → `ALLOC <bytes> <scavenges> <full> <gcMs> <promoted>` since the last `alloc` (zeros
 *   on the first): bytes allocated on V8's heap (what its collections freed plus the growth of the
 *   used heap, read through `v8.GCProfiler`, which records each collection's heap before and after;
 *   Buffer and ArrayBuffer contents live outside it and are not counted), the minor and the other
 *   collections, their time on the main thread in ms, and the bytes the minor ones promoted to the
 *   old generation (its `old_space` and `lo_space` after each scavenge less before): what the
 *   major collections will have to mark and sweep;
 * - `exit` ends the process normally, so that `--cpu-prof` writes its profile.
 *
 * It also names the server's threads as it loads (`nameStartupThreads` of `thread-cpu.ts`).
 *
 * Only Node built-ins are imported: the peers load it from their own folder's install.
 */
import { createInterface } from 'node:readline';
import { writeHeapSnapshot } from 'node:v8';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { traceStart, traceStop } from './edit-trace.js';
import { nameStartupThreads } from './thread-cpu.js';
import { allocationCounter } from './heap-allocation.js';
import { majorGc } from './major-gc.js';

// As this module loads, before the server queues any work on libuv's pool: the threads Node
// started so far are its platform's (V8's workers); named so, `bench/region` tells them apart.
nameStartupThreads();

/** Answer `mem` and `cpu` lines on stdin; `stats` with `STATS <json>` of what `stats()` gives ({} without it). */
/**
 * Stops an inspector profiler (`method`: `Profiler.stop` or `HeapProfiler.stopSampling`), writes its
 * `profile` as JSON to `file` and answers `<label> <file>`, or `<label> none` when no profiler ran or
 * the profile could not be written. Disconnects the session either way.
 */
function stopAndWrite(
  session: Session | undefined,
  method: 'Profiler.stop' | 'HeapProfiler.stopSampling',
  file: string,
  label: string,
): void {
  if (!session) return void process.stdout.write(`${label} none\n`);
  session.post(method, (err: Error | null, result: { profile: unknown }) => {
    let written = !err;
    try {
      if (written) writeFileSync(file, JSON.stringify(result.profile));
    } catch {
      written = false;
    }
    session.disconnect();
    process.stdout.write(`${label} ${written ? file : 'none'}\n`);
  });
}

export function installBenchHook(stats?: () => unknown): void {
  let loop: IntervalHistogram | undefined;
  let profiler: Session | undefined;
  let heapProfiler: Session | undefined;
  let survivorsOnly = false;
  const allocation = allocationCounter();
  createInterface({ input: process.stdin }).on('line', (line) => {
    const command = line.trim();
    if (command === 'mem') {
      globalThis.gc?.();
      globalThis.gc?.();
      const m = process.memoryUsage();
      process.stdout.write(`MEM ${m.rss} ${m.heapUsed} ${m.heapTotal} ${m.external} ${m.arrayBuffers}\n`);
    } else if (command === 'collect') {
      majorGc();
      process.stdout.write(`COLLECTED ${process.memoryUsage().heapUsed}\n`);
    } else if (command === 'cpu') {
      const c = process.cpuUsage();
      process.stdout.write(`CPU ${c.user} ${c.system}\n`);
    } else if (command.startsWith('snapshot ')) {
      globalThis.gc?.();
      process.stdout.write(`SNAPSHOT ${writeHeapSnapshot(command.slice('snapshot '.length))}\n`);
    } else if (command === 'loop start') {
      loop?.disable();
      loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      process.stdout.write('LOOP started\n');
    } else if (command === 'loop') {
      loop?.disable();
      // A histogram with no sample holds max 0 and percentiles 0; the first timer fires 10 ms after enable().
      process.stdout.write(`LOOP ${(loop?.max ?? 0) / 1e6} ${(loop?.percentile(99) ?? 0) / 1e6}\n`);
      loop = undefined;
    } else if (command === 'stats') {
      process.stdout.write(`STATS ${JSON.stringify(stats?.() ?? {})}\n`);
    } else if (command === 'profile start') {
      const session = new Session();
      profiler = session;
      session.connect();
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 100 }, () =>
          session.post('Profiler.start', () => process.stdout.write('PROFILE started\n')),
        ),
      );
    } else if (command.startsWith('profile stop ')) {
      const file = command.slice('profile stop '.length);
      const session = profiler;
      profiler = undefined;
      stopAndWrite(session, 'Profiler.stop', file, 'PROFILE');
    } else if (command === 'heap start' || command === 'heap start survivors') {
      const session = new Session();
      heapProfiler = session;
      survivorsOnly = command.endsWith('survivors');
      session.connect();
      const sampling = { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !survivorsOnly };
      session.post('HeapProfiler.startSampling', sampling, () => process.stdout.write('HEAP started\n'));
    } else if (command.startsWith('heap stop ')) {
      const file = command.slice('heap stop '.length);
      const session = heapProfiler;
      heapProfiler = undefined;
      // What is still young has met no minor collection yet: two take out what dies young.
      if (session && survivorsOnly) for (let i = 0; i < 2; i++) (globalThis.gc as ((o: { type: 'minor' }) => void) | undefined)?.({ type: 'minor' });
      stopAndWrite(session, 'HeapProfiler.stopSampling', file, 'HEAP');
    } else if (command.startsWith('trace start ')) {
      traceStart(command.slice('trace start '.length));
      process.stdout.write('TRACE started\n');
    } else if (command === 'trace stop') {
      process.stdout.write(`TRACE ${JSON.stringify(traceStop())}\n`);
    } else if (command === 'alloc') {
      process.stdout.write(`${allocation()}\n`);
    } else if (command === 'exit') {
      process.exit(0);
    }
  });
}
