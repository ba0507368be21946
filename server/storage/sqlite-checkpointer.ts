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

/**
 * Runs in the worker as CommonJS (eval), so it needs no build step and works under tsx and vitest.
 * `workerData.counts` is shared with the main thread: slot 0 counts the writes the main thread
 * made (it adds one and notifies after each turn that wrote), slot 1 the checkpoints run here. A
 * tick checkpoints only when writes were counted since the last one; otherwise the worker waits
 * on slot 0 (no timer runs) until a write, or until the WAL's TRUNCATE is due when a PASSIVE
 * checkpoint ran since the last TRUNCATE.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
const counts = new Int32Array(workerData.counts);
const { everyMs, truncateEveryMs } = workerData;
let lastTruncate = Date.now();
let truncated = true;
let seen = 0;
let stopped = false;
let timer = null;
const run = (truncate) => {
  try {
    db.pragma(truncate ? 'wal_checkpoint(TRUNCATE)' : 'wal_checkpoint(PASSIVE)');
    Atomics.add(counts, 1, 1);
    if (truncate) lastTruncate = Date.now();
    truncated = truncate;
  } catch (err) { parentPort.postMessage({ error: String(err && err.message || err) }); }
};
const tick = () => {
  timer = null;
  if (stopped) return;
  const written = Atomics.load(counts, 0);
  if (written !== seen) {
    seen = written;
    run(Date.now() - lastTruncate >= truncateEveryMs);
    timer = setTimeout(tick, everyMs);
    return;
  }
  const wait = Atomics.waitAsync(counts, 0, seen, truncated ? Infinity : Math.max(0, lastTruncate + truncateEveryMs - Date.now()));
  const woken = (result) => {
    if (stopped) return;
    if (result === 'timed-out') {
      run(true);
      tick();
    } else timer = setTimeout(tick, everyMs);
  };
  if (wait.async) wait.value.then(woken); else woken(wait.value);
};
timer = setTimeout(tick, everyMs);
parentPort.on('message', (msg) => {
  if (msg !== 'stop') return;
  stopped = true;
  if (timer) clearTimeout(timer);
  run(true);
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

/** A running checkpointer. */
export interface Checkpointer {
  /**
   * The main connection wrote (or is writing, in this turn of the event loop): the worker
   * checkpoints within `everyMs` after the turn ends. Cheap enough to call on every write; the
   * worker is told once per turn.
   */
  wrote(): void;
  /** Checkpoints run so far (PASSIVE and TRUNCATE), for tests and benches. */
  runs(): number;
  /** Runs a last checkpoint, closes the worker's connection and ends the worker. */
  stop(): Promise<void>;
}

/**
 * Starts checkpointing `path` in a worker thread: at most every `everyMs` (default 1000) while
 * {@link Checkpointer.wrote} is called, truncating the WAL every `truncateEveryMs` (default 30000;
 * once more after the writes stop, when that time comes) and once more on stop. With no writes the
 * worker sleeps and costs no CPU. Errors are passed to `onError` (the main connection keeps
 * working; the WAL just grows until the next successful checkpoint).
 */
export function startCheckpointer(
  path: string,
  opts: { everyMs?: number; truncateEveryMs?: number; onError?: (message: string) => void } = {},
): Checkpointer {
  const require = createRequire(import.meta.url);
  const counts = new Int32Array(new SharedArrayBuffer(8));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      path,
      everyMs: opts.everyMs ?? 1000,
      truncateEveryMs: opts.truncateEveryMs ?? 30_000,
      module: require.resolve('better-sqlite3'),
      counts: counts.buffer,
    },
  });
  worker.unref();
  let stopped = false;
  worker.on('message', (msg: { error?: string }) => {
    if (msg.error) opts.onError?.(msg.error);
  });
  worker.on('error', (err) => opts.onError?.(err.message));
  let told = false;
  const tell = (): void => {
    told = false;
    Atomics.add(counts, 0, 1);
    Atomics.notify(counts, 0);
  };
  return {
    wrote() {
      if (told || stopped) return;
      told = true;
      // After the turn: the write's statements have run by then (they are synchronous).
      queueMicrotask(tell);
    },
    runs: () => Atomics.load(counts, 1),
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
