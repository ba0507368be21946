/**
 * CPU time per thread of a process, from Linux's `/proc/<pid>/task/<tid>/stat` (user + system
 * in clock ticks, 100 per second): which threads of a server — the main thread, the libuv pool,
 * V8's GC helpers, a worker — spend the process's CPU. Null where `/proc` is not there.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU of one thread so far: its name (`comm`) and user + system time in ms. */
export interface ThreadCpu {
  tid: number;
  name: string;
  ms: number;
}

/** Every thread of `pid` with its CPU so far; null when `/proc` cannot be read. */
export function threadCpu(pid: number): ThreadCpu[] | null {
  try {
    return readdirSync(`/proc/${pid}/task`).map((tid) => {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // The name is in parentheses and may hold spaces; the fields after it are space-separated.
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(rest[11]) + Number(rest[12]);
      return { tid: Number(tid), name, ms: ticks * 10 };
    });
  } catch {
    return null;
  }
}

/** CPU per thread name between two {@link threadCpu} readings, in ms, largest first. */
export function threadCpuDelta(before: readonly ThreadCpu[], after: readonly ThreadCpu[]): [string, number][] {
  const was = new Map(before.map((t) => [t.tid, t.ms]));
  const byName = new Map<string, number>();
  for (const t of after) byName.set(t.name, (byName.get(t.name) ?? 0) + t.ms - (was.get(t.tid) ?? 0));
  return [...byName].filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]);
}
