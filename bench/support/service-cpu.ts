/**
 * CPU time of a service the bench started (PostgreSQL, Redis) and of every process under it, from
 * Linux's `/proc` (`stat`'s user + system clock ticks, 10 ms each): PostgreSQL does its work in a
 * backend process per connection, forked by the postmaster, so the postmaster alone says little.
 * The root is found by its command line (the port it was started on), not by name: other
 * PostgreSQL and Redis servers may run on the same machine.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of `/proc/<pid>/stat` (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

interface Proc {
  pid: number;
  ppid: number;
  /** utime + stime, and cutime + cstime (children already reaped), in ms. */
  own: number;
  reaped: number;
}

function readProc(pid: number): Proc | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the name (in parentheses, which may hold spaces): ppid is the 2nd, utime the 12th.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      pid,
      ppid: Number(rest[1]),
      own: (Number(rest[11]) + Number(rest[12])) * TICK_MS,
      reaped: (Number(rest[13]) + Number(rest[14])) * TICK_MS,
    };
  } catch {
    return null; // ended meanwhile
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/**
 * CPU (user + system) in ms so far of the processes whose command line `matches`, and of every
 * process below them (those that ended and were reaped count through their parent), or NaN
 * without `/proc`. Each process is counted once even when a match sits below another.
 *
 * @example serviceCpuMs((cmd) => /postgres .*-p 5433\b/.test(cmd))
 */
export function serviceCpuMs(matches: (cmd: string) => boolean): number {
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return NaN;
  }
  const procs = pids.map(readProc).filter((p): p is Proc => p !== null);
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const counted = new Set<number>();
  let ms = 0;
  const walk = (p: Proc, top: boolean): void => {
    if (counted.has(p.pid)) return;
    counted.add(p.pid);
    ms += p.own + (top ? p.reaped : 0);
    for (const c of children.get(p.pid) ?? []) walk(c, false);
  };
  for (const p of procs) if (matches(cmdline(p.pid))) walk(p, true);
  return ms;
}

/** The CPU so far of the PostgreSQL cluster listening on `port` (postmaster and backends), in ms. */
export const postgresCpuMs = (port: number): number => serviceCpuMs((cmd) => /postgres\b.* -p \d+/.test(cmd) && cmd.includes(` -p ${port} `));

/** The CPU so far of the Redis server on `port`, in ms. */
export const redisCpuMs = (port: number): number =>
  serviceCpuMs((cmd) => /redis-server/.test(cmd) && new RegExp(`(:|--port )${port}\\b`).test(cmd));
