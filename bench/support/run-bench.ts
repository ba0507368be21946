/**
 * Runs one benchmark file in its own Node process (`--import tsx --expose-gc`), its output the
 * caller's. A SIGINT or SIGTERM to the calling process is passed on to the running benchmark, which
 * stops its servers and removes its folders (`teardown.ts`) and exits; the caller then sees
 * {@link stopSignal} set and stops starting more.
 */
import { spawn, type ChildProcess } from 'node:child_process';

let current: ChildProcess | undefined;
let stopped: NodeJS.Signals | undefined;
let listening = false;

/** The signal that asked this process to stop, once one did. */
export function stopSignal(): NodeJS.Signals | undefined {
  return stopped;
}

function forwardSignals(): void {
  if (listening) return;
  listening = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopped = signal;
      current?.kill(signal);
    });
  }
}

/**
 * Run `file` with `args`; resolves with its exit code (128 + the signal's number when a signal
 * ended it, 1 when it could not start). Never rejects.
 */
export function runBench(file: string, args: readonly string[]): Promise<number> {
  forwardSignals();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', file, ...args], { stdio: 'inherit', env: process.env });
    current = child;
    child.once('error', (err) => {
      current = undefined;
      console.error(`${file}: ${err.message}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => {
      current = undefined;
      resolve(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1));
    });
  });
}
