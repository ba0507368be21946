/**
 * Moves SQLite's WAL checkpoints off the event loop. With the default auto-checkpoint, every
 * thousandth page written makes one commit on the main thread copy the WAL into the database and
 * fsync it — a 5–25 ms stall in the middle of the sync relay. Instead the main connection turns
 * auto-checkpoints off and a worker thread, with its own connection, runs PASSIVE checkpoints on
 * a timer; PASSIVE never blocks the writer, and commits in WAL mode stay durable against a
 * process crash as before. Every `truncateEveryMs` the checkpoint is a TRUNCATE instead, which
 * also cuts the WAL file back to zero bytes, so it does not stay at its largest size for as long
 * as the server runs. A TRUNCATE holds off new commits while it finishes; coming right after
 * PASSIVE ones, little is left to copy and the hold is a few milliseconds.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Runs in the worker as CommonJS (eval), so it needs no build step and works under tsx and vitest. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
let lastTruncate = Date.now();
const run = (truncate) => {
  try {
    db.pragma(truncate ? 'wal_checkpoint(TRUNCATE)' : 'wal_checkpoint(PASSIVE)');
    if (truncate) lastTruncate = Date.now();
  } catch (err) { parentPort.postMessage({ error: String(err && err.message || err) }); }
};
const timer = setInterval(() => run(Date.now() - lastTruncate >= workerData.truncateEveryMs), workerData.everyMs);
parentPort.on('message', (msg) => {
  if (msg !== 'stop') return;
  clearInterval(timer);
  run(true);
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

/** A running checkpointer. */
export interface Checkpointer {
  /** Runs a last checkpoint, closes the worker's connection and ends the worker. */
  stop(): Promise<void>;
}

/**
 * Starts checkpointing `path` every `everyMs` (default 1000) in a worker thread, truncating the
 * WAL every `truncateEveryMs` (default 30000) and once more on stop. Errors are passed to `onError`
 * (the main connection keeps working; the WAL just grows until the next successful checkpoint).
 */
export function startCheckpointer(
  path: string,
  opts: { everyMs?: number; truncateEveryMs?: number; onError?: (message: string) => void } = {},
): Checkpointer {
  const require = createRequire(import.meta.url);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, everyMs: opts.everyMs ?? 1000, truncateEveryMs: opts.truncateEveryMs ?? 30_000, module: require.resolve('better-sqlite3') },
  });
  worker.unref();
  let stopped = false;
  worker.on('message', (msg: { error?: string }) => {
    if (msg.error) opts.onError?.(msg.error);
  });
  worker.on('error', (err) => opts.onError?.(err.message));
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => {
        const done = () => resolve();
        const timeout = setTimeout(() => void worker.terminate().then(done, done), 5000);
        worker.once('exit', () => {
          clearTimeout(timeout);
          done();
        });
        worker.on('message', (msg: { stopped?: boolean }) => {
          if (msg.stopped) void worker.terminate();
        });
        worker.postMessage('stop');
      });
    },
  };
}
