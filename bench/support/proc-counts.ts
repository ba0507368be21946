/**
 * What a server process asked of the kernel so far, read from `/proc` (Linux): how often its
 * threads went to sleep and woke (context switches: a wait in `epoll_wait` that returns is one
 * voluntary switch; a thread descheduled while it could run is an involuntary one), and how many
 * read-like and write-like system calls it made (`/proc/<pid>/io` `syscr`, `syscw`: sockets read
 * and written by libuv with `read`/`write`/`writev`, and files with `pread`/`pwrite`, all
 * threads together). `bench/scale.ts` divides the difference over a measured window by its
 * deliveries: what one delivery costs the processes beyond their CPU time, e.g. a message a
 * process reads back from Redis only to throw it away. Reading `/proc` needs the same user as the
 * process; where it cannot be read the figures are NaN and the table shows a dash.
 */
import fs from 'node:fs';

/** Counts of one or more processes so far. */
export interface ProcCounts {
  /** Voluntary context switches of all threads: sleeps that ended, mostly event-loop wakeups. */
  wakeups: number;
  /** Involuntary context switches of all threads (preempted while runnable; the machine's load shows here). */
  preempted: number;
  /** Read-like system calls (`syscr`). */
  reads: number;
  /** Write-like system calls (`syscw`). */
  writes: number;
}

const field = (text: string, name: string): number => {
  const m = new RegExp(`^${name}:\\s*(\\d+)`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
};

/** The counts of process `pid` so far (its threads summed); NaN fields where `/proc` cannot be read. */
export function procCounts(pid: number): ProcCounts {
  let wakeups = 0;
  let preempted = 0;
  let reads = NaN;
  let writes = NaN;
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        const status = fs.readFileSync(`/proc/${pid}/task/${task}/status`, 'utf8');
        wakeups += field(status, 'voluntary_ctxt_switches');
        preempted += field(status, 'nonvoluntary_ctxt_switches');
      } catch {
        // A thread that ended between the listing and the read.
      }
    }
    const io = fs.readFileSync(`/proc/${pid}/io`, 'utf8');
    reads = field(io, 'syscr');
    writes = field(io, 'syscw');
  } catch {
    return { wakeups: NaN, preempted: NaN, reads: NaN, writes: NaN };
  }
  return { wakeups, preempted, reads, writes };
}

/** The counts of several processes summed. */
export function sumCounts(pids: readonly number[]): ProcCounts {
  const all = pids.map(procCounts);
  const sum = (k: keyof ProcCounts): number => all.reduce((a, c) => a + c[k], 0);
  return { wakeups: sum('wakeups'), preempted: sum('preempted'), reads: sum('reads'), writes: sum('writes') };
}

/** `after - before`, each over `deliveries`: per delivery. */
export function perDelivery(before: ProcCounts, after: ProcCounts, deliveries: number): ProcCounts {
  const per = (k: keyof ProcCounts): number => (after[k] - before[k]) / Math.max(1, deliveries);
  return { wakeups: per('wakeups'), preempted: per('preempted'), reads: per('reads'), writes: per('writes') };
}

/** `wakeups / reads / writes (preempted)` with two decimals, a dash for NaN. */
export function countsCell(c: ProcCounts): string {
  const f = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : '–');
  return `${f(c.wakeups)} / ${f(c.reads)} / ${f(c.writes)} (${f(c.preempted)})`;
}
