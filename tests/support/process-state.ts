/**
 * Whether a process, or a process group, still runs, read from `/proc` (Linux). A zombie does not
 * run: it has ended and waits for its parent to read its exit status. One whose parent ended first
 * is reaped by the machine's init, which here took 0.5–1.5 s after the process died, so a check by
 * signal 0 (`kill -0`), which a zombie still answers, waited that long after every stop.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** The state letter (`R`, `S`, `Z`, …) and the process group of `pid`, or null when it is gone. */
function stateOf(pid: string | number): { state: string; group: number } | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // After the command's name, which may hold spaces and parentheses: state, parent, group.
  const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: state ?? '', group: Number(group) };
}

/** Whether process `pid` exists and is not a zombie. */
export function runs(pid: number): boolean {
  const found = stateOf(pid);
  return found !== null && found.state !== 'Z';
}

/** Whether a process of group `pgid` exists that is not a zombie. */
export function groupRuns(pgid: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const found = stateOf(entry);
    if (found && found.group === pgid && found.state !== 'Z') return true;
  }
  return false;
}
