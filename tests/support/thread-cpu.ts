/**
 * The main thread's own CPU time, for tests that bound how long work holds it: unlike the clock,
 * and unlike `process.cpuUsage()` (every thread of the process: the garbage collector's helpers,
 * workers), it does not count the time the thread waited for a core, which on a machine busy with
 * other work is 100-200 ms at a time with nothing running here.
 */
import { readFileSync } from 'node:fs';

/**
 * The main thread's time on a CPU so far, in ms, from Linux's `schedstat` of the thread (the
 * process's own id; nanoseconds there). Null where there is no such file (not Linux). Call it on
 * the main thread.
 */
export function mainThreadCpuMs(): number | null {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

/**
 * The CPU time `fn` takes, in ms: the main thread's ({@link mainThreadCpuMs}), or the process's
 * user and system time where that is not known.
 */
export function cpuMsOf(fn: () => void): number {
  const thread = mainThreadCpuMs();
  const process0 = process.cpuUsage();
  fn();
  const threadAfter = mainThreadCpuMs();
  if (thread !== null && threadAfter !== null) return threadAfter - thread;
  const used = process.cpuUsage(process0);
  return (used.user + used.system) / 1000;
}
