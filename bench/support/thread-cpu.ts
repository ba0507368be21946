/**
 * CPU time per thread of a process, from Linux's `/proc/<pid>/task/<tid>/schedstat` (time on the
 * CPU in ns; `stat`'s user + system clock ticks of 10 ms where schedstat is missing): which threads
 * of a server — the main thread (its tid is the pid), the libuv pool, V8's GC helpers, a worker —
 * spend the process's CPU. Null where `/proc` is not there.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU of one thread so far, in ms. */
export interface ThreadCpu {
  tid: number;
  ms: number;
}

function threadMs(pid: number, tid: string): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    // The fields after the name (in parentheses, which may hold spaces): utime and stime are the 12th and 13th.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) * 10;
  }
}

/** Every thread of `pid` with its CPU so far; null when `/proc` cannot be read. */
export function threadCpu(pid: number): ThreadCpu[] | null {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
      try {
        return [{ tid: Number(tid), ms: threadMs(pid, tid) }];
      } catch {
        return []; // the thread ended meanwhile
      }
    });
  } catch {
    return null;
  }
}

/** The main thread's share of the CPU between two {@link threadCpu} readings of `pid`, in ms (NaN without both). */
export function mainThreadMs(pid: number, before: readonly ThreadCpu[] | null, after: readonly ThreadCpu[] | null): number {
  const at = (list: readonly ThreadCpu[] | null): number | undefined => list?.find((t) => t.tid === pid)?.ms;
  const [b, a] = [at(before), at(after)];
  return a === undefined || b === undefined ? NaN : a - b;
}
