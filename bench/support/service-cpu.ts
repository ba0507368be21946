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

/** Every process listed in `/proc` with its parent and CPU; empty without `/proc`. */
function allProcs(): Proc[] {
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return [];
  }
  return pids.map(readProc).filter((p): p is Proc => p !== null);
}

/** Each process whose command line `matches` and every process below them, once each, with whether it matched itself. */
function serviceTree(matches: (cmd: string) => boolean): { proc: Proc; top: boolean }[] {
  const procs = allProcs();
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const counted = new Set<number>();
  const found: { proc: Proc; top: boolean }[] = [];
  const walk = (p: Proc, top: boolean): void => {
    if (counted.has(p.pid)) return;
    counted.add(p.pid);
    found.push({ proc: p, top });
    for (const c of children.get(p.pid) ?? []) walk(c, false);
  };
  for (const p of procs) if (matches(cmdline(p.pid))) walk(p, true);
  return found;
}

/**
 * CPU (user + system) in ms so far of the processes whose command line `matches`, and of every
 * process below them (those that ended and were reaped count through their parent), or NaN
 * without `/proc`. Each process is counted once even when a match sits below another.
 *
 * @example serviceCpuMs((cmd) => /postgres .*-p 5433\b/.test(cmd))
 */
export function serviceCpuMs(matches: (cmd: string) => boolean): number {
  if (allProcs().length === 0) return NaN;
  return serviceTree(matches).reduce((ms, { proc, top }) => ms + proc.own + (top ? proc.reaped : 0), 0);
}

/** The pids of the processes whose command line `matches` and of every process below them (empty without `/proc`). */
export const servicePids = (matches: (cmd: string) => boolean): number[] => serviceTree(matches).map(({ proc }) => proc.pid);

const isPostgres = (port: number) => (cmd: string): boolean => /postgres\b.* -p \d+/.test(cmd) && cmd.includes(` -p ${port} `);
const isRedis = (port: number) => (cmd: string): boolean => /redis-server/.test(cmd) && new RegExp(`(:|--port )${port}\\b`).test(cmd);

/** The pids of the PostgreSQL cluster listening on `port`: the postmaster, its backends and its background processes. */
export const postgresPids = (port: number): number[] => servicePids(isPostgres(port));

/** The pids of the Redis server on `port` (with any child it forked, e.g. for a save). */
export const redisPids = (port: number): number[] => servicePids(isRedis(port));

/** The CPU so far of the PostgreSQL cluster listening on `port` (postmaster and backends), in ms. */
export const postgresCpuMs = (port: number): number => serviceCpuMs(isPostgres(port));

/** The CPU so far of the Redis server on `port`, in ms. */
export const redisCpuMs = (port: number): number => serviceCpuMs(isRedis(port));
