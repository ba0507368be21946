/**
 * The watch that ends a test run's resident LibreOffice (`office-convert.ts`) when the run's own
 * process is gone. The office is started detached, in a process group of its own, and is no child
 * of vitest's main process: a run ended by SIGKILL (a killed CI job, a stopped shell) never ran the
 * teardown that stops it, and left `soffice.bin` running with its pipe open. `global-setup.ts`
 * starts one watch per run: `office-watch.sh`, whose standard input is a pipe held only by this
 * process; when this process exits in any way the kernel closes the pipe, and the watch stops the
 * office group named in the run's `office/pid` and the PostgreSQL and Redis servers named in its
 * `services/` (`services.ts`), and removes their folders, the run's compiled folder and the run's
 * folder. No polling, no `prctl`: the pipe's end is the signal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Socket } from 'node:net';

const SCRIPT = path.join(import.meta.dirname, 'office-watch.sh');

/**
 * Starts the watch of `runDir` (a run's scratch folder, `samplan-test-run-*`); `compiledRoot` is
 * where `compiled.ts` writes the run's `<runDir's name>/` folder, removed too. The returned
 * process is unreferenced (it keeps no event loop alive) and listened to for `error`; ending its
 * standard input (`child.stdin.end()`, or this process's exit) sets it off.
 */
export function watchOffice(runDir: string, compiledRoot?: string): ChildProcess {
  // Detached: a signal to the run's process group (Ctrl+C, `kill -- -pgid`) does not end it.
  const child = spawn('sh', [SCRIPT, runDir, ...(compiledRoot ? [compiledRoot] : [])], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  child.on('error', () => undefined);
  child.stdin?.on('error', () => undefined);
  child.unref();
  (child.stdin as unknown as Socket | null)?.unref();
  return child;
}
