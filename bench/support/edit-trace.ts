/**
 * A trace of what a bench server's main thread does while edits fan out, the same for every
 * server (Samplan and the peers load it through `bench-hook.ts`): `trace start <marker>` begins
 * one, `trace stop` ends it and answers `TRACE <json>` ({@link TraceDump}). Only Node built-ins are
 * imported. Nothing of it is installed before the first `trace start`; while a trace runs, every
 * callback the event loop runs pays for an async hook (~1 µs) and every socket write for a scan of
 * its bytes, so the figures of a traced run are for finding what delays an edit, not for costs.
 *
 * Recorded, all times in ms since the epoch (`performance.timeOrigin + performance.now()`, so
 * comparable with the bench client's clock on the same machine):
 * - `tasks`: each callback the event loop ran (a socket read, a timer, an immediate, a worker's
 *   message…) as start, duration and a name: the resource type and, for timers and immediates,
 *   the callback's function name (its first characters when it has none); only those of at least
 *   `MIN_TASK_MS`, and every socket read and immediate; with the main thread's time on a CPU and
 *   waiting for one meanwhile (the rest it slept), and both as they stood at the callback's
 *   start, so that what the thread did between two callbacks is known too (`trace-report.ts`);
 * - `gc`: each garbage collection, start, duration and kind (1 minor, 2 major, 4 incremental
 *   marking, 8 weak callbacks, as `perf_hooks.constants.NODE_PERFORMANCE_GC_*`);
 * - `waits`: each `Atomics.wait` of the main thread, start and duration (Samplan's SQLite writer
 *   waiting for the checkpoint worker's gate);
 * - `writes`: per edit key (`<marker>` followed by digits, found in the bytes written to a
 *   socket: the server's frames are not masked), the first and last write and how many.
 */
import { createHook, executionAsyncResource, type AsyncHook } from 'node:async_hooks';
import { openSync, readSync } from 'node:fs';
import { Socket } from 'node:net';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { forEachMarkedKey } from './marked-keys.js';

/** Callbacks shorter than this are not recorded (socket reads always are), in ms. */
const MIN_TASK_MS = 0.3;

/** What `trace stop` answers. */
export interface TraceDump {
  /**
   * [start, duration ms, name, ms on a CPU, ms waiting for one, ms on a CPU so far, ms waiting so
   * far] of each recorded callback, the main thread's (the rest of the duration it slept: I/O, a
   * lock); the last two are the thread's totals at the callback's start.
   */
  tasks: [number, number, string, number, number, number, number][];
  /** [start, duration ms] of each `Atomics.wait` of the main thread (a writer waiting on a lock word). */
  waits: [number, number][];
  /** [start, duration ms, kind] of each garbage collection. */
  gc: [number, number, number][];
  /** Per edit key: [first write, last write, writes]. */
  writes: Record<string, [number, number, number]>;
}

/**
 * Two traces of one server as one (`a`'s window, then `b`'s): tasks, waits and collections of both;
 * an edit key written in both spans from its first write in either to its last, its writes summed.
 */
export function mergeTraces(a: TraceDump, b: TraceDump): TraceDump {
  const writes = { ...a.writes };
  for (const [key, [first, last, n]] of Object.entries(b.writes)) {
    const had = writes[key];
    writes[key] = had ? [Math.min(had[0], first), Math.max(had[1], last), had[2] + n] : [first, last, n];
  }
  return { tasks: [...a.tasks, ...b.tasks], waits: [...a.waits, ...b.waits], gc: [...a.gc, ...b.gc], writes };
}

const now = (): number => performance.timeOrigin + performance.now();

let marker: Buffer | null = null;
let dump: TraceDump = { tasks: [], waits: [], gc: [], writes: {} };
let hook: AsyncHook | undefined;
let observer: PerformanceObserver | undefined;
const started: { at: number; cpu: number; queued: number; name: string }[] = [];
/**
 * The main thread's time on a CPU and waiting for one (runnable, not running), in ms, from
 * `/proc/thread-self/schedstat` (Linux; zeros elsewhere): of a callback's wall time, what was
 * neither is time the thread slept (I/O, a lock) — told apart from time the machine's other
 * processes took the CPU. The waiting figure is exact (the kernel adds each wait as the thread
 * gets a CPU back), the CPU figure is not: a running thread reading its own line sees its CPU
 * time as of the last scheduler tick or switch, so it moves in steps of 1–4 ms (measured here:
 * median step 1.8 ms, largest 4.0). A callback under a millisecond then shows 0 ms of CPU or a
 * whole step, and the CPU it used is counted in the gap after it; the split means something for
 * stalls of several ms (the slowest edits'), not for one callback's cost.
 */
let statFd: number | undefined;
const statBuf = Buffer.alloc(128);
const sched = { cpu: 0, queued: 0 };
function readSched(): typeof sched {
  try {
    statFd ??= openSync('/proc/thread-self/schedstat', 'r');
    const n = readSync(statFd, statBuf, 0, statBuf.length, 0);
    const [cpu, queued] = statBuf.toString('latin1', 0, n).split(' ');
    sched.cpu = Number(cpu) / 1e6;
    sched.queued = Number(queued) / 1e6;
  } catch {
    sched.cpu = sched.queued = 0;
  }
  return sched;
}

/** A name for the resource whose callback is about to run. */
function resourceName(type: string | undefined): string {
  const r = executionAsyncResource() as { _onTimeout?: { name?: string }; _onImmediate?: { name?: string }; constructor?: { name?: string } };
  const fn = r?._onTimeout ?? r?._onImmediate;
  const ctor = r?.constructor?.name ?? 'resource';
  return fn ? `${type ?? ctor}:${fn.name || String(fn).replace(/\s+/g, ' ').slice(0, 40)}` : (type ?? ctor);
}

const types = new Map<number, string>();

function scanWrite(chunk: unknown): void {
  if (!marker || !(chunk instanceof Uint8Array)) return;
  const t = now();
  forEachMarkedKey(chunk, marker, (key) => {
    const seen = dump.writes[key];
    if (seen) {
      seen[1] = t;
      seen[2]++;
    } else dump.writes[key] = [t, t, 1];
  });
}

let patched = false;
function patchWrites(): void {
  if (patched) return;
  patched = true;
  const wait = Atomics.wait;
  Atomics.wait = ((...a: Parameters<typeof Atomics.wait>) => {
    if (!marker) return wait(...a);
    const t = now();
    try {
      return wait(...a);
    } finally {
      dump.waits.push([t, now() - t]);
    }
  }) as typeof Atomics.wait;
  const write = Socket.prototype.write as (...a: unknown[]) => boolean;
  Socket.prototype.write = function (this: Socket, ...a: unknown[]) {
    if (marker) scanWrite(a[0]);
    return write.apply(this, a);
  } as typeof Socket.prototype.write;
}

/** Begin a trace of edits whose keys start with `tag` (`<tag>-<n>`, as `region-measure.ts` writes them). */
export function traceStart(tag: string): void {
  dump = { tasks: [], waits: [], gc: [], writes: {} };
  marker = Buffer.from(`${tag}-`);
  patchWrites();
  hook ??= createHook({
    init(asyncId, type) {
      types.set(asyncId, type);
    },
    before(asyncId) {
      const { cpu, queued } = readSched();
      started.push({ at: now(), cpu, queued, name: resourceName(types.get(asyncId)) });
    },
    after() {
      const s = started.pop();
      if (!s) return;
      const d = now() - s.at;
      if (d >= MIN_TASK_MS || s.name.startsWith('TCP') || s.name.startsWith('Immediate')) {
        const { cpu, queued } = readSched();
        dump.tasks.push([s.at, d, s.name, cpu - s.cpu, queued - s.queued, s.cpu, s.queued]);
      }
    },
    destroy(asyncId) {
      types.delete(asyncId);
    },
  });
  hook.enable();
  observer ??= new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      dump.gc.push([performance.timeOrigin + e.startTime, e.duration, ((e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0)]);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
}

/** End the trace and give what it recorded. */
export function traceStop(): TraceDump {
  hook?.disable();
  observer?.disconnect();
  marker = null;
  started.length = 0;
  const out = dump;
  dump = { tasks: [], waits: [], gc: [], writes: {} };
  return out;
}
