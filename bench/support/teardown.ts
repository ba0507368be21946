/**
 * What a benchmark started outside itself (server processes, PostgreSQL, Redis, temporary
 * folders) is stopped however the benchmark ends: after its work or a failure (call
 * {@link teardown} in a `finally`), and on SIGINT or SIGTERM (after {@link stopOnSignals}), where
 * Node's default would end the process at once and leave them running — a server process holding
 * the bench's output pipe keeps a reader (`npm run bench -- scale | tee`) waiting for ever.
 * Server processes are also killed at the process's exit itself (`servers.ts`), a last resort.
 */
import os from 'node:os';

/** How long the steps together may take on a signal before the process exits anyway, in ms. */
const SIGNAL_GRACE_MS = 30_000;

const steps: (() => unknown)[] = [];
let running: Promise<void> | null = null;

/**
 * Register a step to run at {@link teardown}; steps run last-registered first (a server before the
 * database it uses). Returns a function that unregisters it (for a step already done).
 */
export function onTeardown(step: () => unknown): () => void {
  steps.push(step);
  return () => {
    const i = steps.indexOf(step);
    if (i >= 0) steps.splice(i, 1);
  };
}

/**
 * Run every registered step once, last-registered first, each whatever the others did (a failing
 * step is reported on stderr, not thrown); a second call while one runs waits for it.
 */
export function teardown(): Promise<void> {
  running ??= (async () => {
    while (steps.length > 0) {
      const step = steps.pop() as () => unknown;
      try {
        await step();
      } catch (err) {
        console.error(`teardown: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    running = null;
  })();
  return running;
}

/**
 * On SIGINT or SIGTERM: run {@link teardown} (at most {@link SIGNAL_GRACE_MS}), then exit with
 * 128 + the signal's number, as a shell reports a process a signal ended.
 */
export function stopOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`${signal}: stopping what the benchmark started …`);
      const grace = setTimeout(() => process.exit(128 + os.constants.signals[signal]), SIGNAL_GRACE_MS);
      void teardown().finally(() => {
        clearTimeout(grace);
        process.exit(128 + os.constants.signals[signal]);
      });
    });
  }
}
