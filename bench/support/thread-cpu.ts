/**
 * CPU time per thread of a process, from Linux's `/proc/<pid>/task/<tid>/schedstat` (time on the
 * CPU in ns; `stat`'s user + system clock ticks of 10 ms where schedstat is missing): which threads
 * of a server — the main thread (its tid is the pid), the libuv pool, V8's GC helpers, a worker —
 * spend the process's CPU. Null where `/proc` is not there.
 *
 * Node 20 names none of its threads: every one is `node` in `/proc/<pid>/task/<tid>/comm`. So
 * every bench server names them itself ({@link nameStartupThreads}, called by `bench-hook.ts` as
 * it loads) and Samplan's WAL checkpointer names its own (`sqlite-ckpt`); a thread still called
 * `node` besides the main one started later: libuv's pool (fs, dns, zlib, crypto work), or a worker
 * that did not name itself.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * The name {@link nameStartupThreads} gives the threads Node starts before any JavaScript runs:
 * V8's platform workers (concurrent compilation, concurrent marking and sweeping; 4 by default,
 * `--v8-pool-size`), Node's delayed-task scheduler and its inspector signal thread.
 */
export const PLATFORM_THREAD = 'node-platform';

/** CPU of one thread so far, in ms. */
export interface ThreadCpu {
  tid: number;
  /**
   * The thread's name (`/proc/<pid>/task/<tid>/comm`, at most 15 bytes): `node` for the main thread
   * and for every thread nobody named (Node 20 names none), {@link PLATFORM_THREAD} for those
   * {@link nameStartupThreads} named, `sqlite-ckpt` for Samplan's checkpointer.
   */
  name: string;
  ms: number;
  /**
   * Of `ms`, the time in the kernel, in ms: `stat`'s system clock ticks (10 ms each, charged to
   * whichever mode a tick finds the thread in, so a statistic over many ticks, not a clock) scaled
   * to `ms`, as the kernel scales `getrusage`. NaN where `stat` cannot be read.
   */
  sysMs: number;
  /**
   * How many times the thread was put on a CPU (`schedstat`'s third field): each wake-up from
   * `epoll_wait`, each preemption and return. NaN without `schedstat`.
   */
  runs: number;
}

function threadName(pid: number, tid: string): string {
  try {
    return readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

/** `stat`'s user and system clock ticks of a thread, in ms (10 ms a tick). */
function statMs(pid: number, tid: string): { user: number; sys: number } {
  const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
  // The fields after the name (in parentheses, which may hold spaces): utime and stime are the 12th and 13th.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(rest[11]) * 10, sys: Number(rest[12]) * 10 };
}

function threadTimes(pid: number, tid: string): Omit<ThreadCpu, 'tid' | 'name'> {
  const ticks = statMs(pid, tid);
  try {
    const [ns, , runs] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
    const ms = (ns ?? NaN) / 1e6;
    const ticked = ticks.user + ticks.sys;
    return { ms, sysMs: ticked > 0 ? (ms * ticks.sys) / ticked : 0, runs: runs ?? NaN };
  } catch {
    return { ms: ticks.user + ticks.sys, sysMs: ticks.sys, runs: NaN };
  }
}

/** Every thread of `pid` with its CPU so far; null when `/proc` cannot be read. */
export function threadCpu(pid: number): ThreadCpu[] | null {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
      try {
        return [{ tid: Number(tid), name: threadName(pid, tid), ...threadTimes(pid, tid) }];
      } catch {
        return []; // the thread ended meanwhile
      }
    });
  } catch {
    return null;
  }
}

/**
 * Names {@link PLATFORM_THREAD} every thread of this process but the main one that is called
 * `node` now. Call it before anything queues work on libuv's pool (its threads start with the
 * first such work and would be named so too). Returns how many it named; 0 without `/proc` or
 * where the kernel refuses (nothing is thrown).
 */
export function nameStartupThreads(): number {
  let named = 0;
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      if (Number(tid) === process.pid) continue;
      const comm = `/proc/self/task/${tid}/comm`;
      try {
        if (readFileSync(comm, 'utf8').trim() !== 'node') continue;
        writeFileSync(comm, PLATFORM_THREAD);
        named++;
      } catch {
        // the thread ended, or the name cannot be written: left as it is
      }
    }
  } catch {
    // no /proc
  }
  return named;
}

/**
 * Each thread but `pid`'s main one, with its CPU between two {@link threadCpu} readings over
 * `windowMs` of wall time in ms per second, the busiest first (a thread that started meanwhile
 * counts from zero). Empty without both readings.
 */
export function otherThreadsMsPerSecond(
  pid: number,
  before: readonly ThreadCpu[] | null,
  after: readonly ThreadCpu[] | null,
  windowMs: number,
): { name: string; msPerSecond: number }[] {
  if (!before || !after) return [];
  return after
    .filter((t) => t.tid !== pid)
    .map((t) => ({ name: t.name, msPerSecond: ((t.ms - (before.find((b) => b.tid === t.tid)?.ms ?? 0)) * 1000) / windowMs }))
    .sort((a, b) => b.msPerSecond - a.msPerSecond);
}

/** The main thread's share of the CPU between two {@link threadCpu} readings of `pid`, in ms (NaN without both). */
export function mainThreadMs(pid: number, before: readonly ThreadCpu[] | null, after: readonly ThreadCpu[] | null): number {
  return mainThreadDelta(pid, before, after).ms;
}

/**
 * What `pid`'s main thread added between two {@link threadCpu} readings: its CPU and the kernel's
 * part of it in ms, and how many times it was put on a CPU (each NaN without both readings). The
 * kernel's part is a statistic of clock ticks (see {@link ThreadCpu.sysMs}): read it over seconds.
 */
export function mainThreadDelta(pid: number, before: readonly ThreadCpu[] | null, after: readonly ThreadCpu[] | null): { ms: number; sysMs: number; runs: number } {
  const b = before?.find((t) => t.tid === pid);
  const a = after?.find((t) => t.tid === pid);
  if (!a || !b) return { ms: NaN, sysMs: NaN, runs: NaN };
  return { ms: a.ms - b.ms, sysMs: a.sysMs - b.sysMs, runs: a.runs - b.runs };
}
