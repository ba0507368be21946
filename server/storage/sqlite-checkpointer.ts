/**
 * Moves SQLite's WAL checkpoints off the event loop. With the default auto-checkpoint, every
 * thousandth page written makes one commit on the main thread copy the WAL into the database and
 * fsync it — a 5–25 ms stall in the middle of the sync relay. Instead the main connection turns
 * auto-checkpoints off and a worker thread, with its own connections, runs PASSIVE checkpoints
 * after writes; PASSIVE never blocks the writer, and commits in WAL mode stay durable against a
 * process crash as before.
 *
 * The WAL must still be brought back to its start now and then, or it grows for as long as
 * writes keep coming. Two ways of doing that stalled the main thread, whose commits are
 * synchronous (measured at 200 commits/s: 2.6–23 ms commits at every restart, p99.9 13 ms):
 * - a TRUNCATE or RESTART checkpoint holds SQLite's write lock while it copies and fsyncs; a
 *   commit that comes meanwhile gets SQLITE_BUSY and SQLite's busy handler sleeps 1, 2, 5, 10 ms…
 *   however soon the lock is free;
 * - the first commit after a restart writes the WAL's new header and fsyncs it, and that commit
 *   was the main thread's (after every TRUNCATE, and whenever a PASSIVE checkpoint had happened to
 *   copy everything, which at 100 commits/s is most seconds).
 *
 * So here:
 * - a reader in the worker holds a snapshot of the WAL's end, renewed at every checkpoint. While
 *   any reader is in the WAL, SQLite's writer never restarts it, so the main thread never pays for
 *   a restart; PASSIVE checkpoints copy everything up to that snapshot, as before;
 * - once the WAL holds more than `walLimitBytes`, the worker restarts it itself at its first tick
 *   that saw no write (a whole `everyMs` quiet), or at once when it holds more than twice that (the
 *   writes never pause), so that the WAL stays bounded. Amid the writes the restart held up the
 *   commit that met it for its whole length (its commit and the header's fsync under the gate:
 *   8.6–41.7 ms at load 12–34, `bench/sqlite-commit-tail.ts`), about once per 4,000 one-document
 *   commits (40 s at 100 edits/s) of edits that never pause; in a quiet tick it delays nobody.
 *   (The benches' 1 s fan-out windows see no checkpoint of either kind: the worker's tick comes
 *   `everyMs` after the window's first write wakes it, as the window ends.) It renews its
 *   snapshot, copies up to it (PASSIVE, the main thread writing on), then takes the writer gate
 *   below and, only when the main thread wrote nothing since the snapshot (so there is nothing
 *   left to copy), lets go of its snapshot and commits one row of `write_check`: that commit
 *   restarts the WAL, writes and fsyncs its header, and trims the file to `walLimitBytes`
 *   (`journal_size_limit`). It tries that twice; when the main thread writes without a gap, it
 *   copies the few frames left holding the gate, then restarts;
 * - when writes have stopped for `truncateEveryMs`, the WAL is truncated (TRUNCATE), and to zero
 *   bytes once more when the store closes;
 * - the first commit into an empty WAL writes its header and fsyncs it (the first one of a
 *   connection also fsyncs the directory): measured on the main thread at a server's start, 0.8–58
 *   ms on a busy machine, an event-loop stall in the middle of the first connect storm, and again
 *   for the first edit after every idle TRUNCATE. So the worker makes that commit itself, holding
 *   the gate, whenever it left the WAL empty or found it so: when it starts, and right after each
 *   idle TRUNCATE (one row of `write_check`; the WAL then holds its header and that one frame,
 *   32 + 24 + page-size bytes). The main thread's next commit appends to a WAL that has a header
 *   and syncs nothing;
 * - the WAL file is not grown ahead of the commits: they extend it as they come, up to
 *   `walLimitBytes`, after which it is reused from its start. Growing it in zeros beforehand (as
 *   this worker once did, after start and after each idle TRUNCATE) spared each commit a little
 *   kernel work while the WAL grew, but cost more CPU than it spared and held the writer gate for
 *   it: 16 MiB of zeros in 4 KiB writes took 24–26 ms of CPU in a bare process against 3–5 µs less
 *   per commit over the ~2,000 commits that fill it (6–10 ms; 5 pairs, load ~22), and in the
 *   server ~50–100 ms with 128 holds of the gate, landing in the first seconds of edits after a
 *   start (bench/region's fan-out: the checkpointer thread at 5.8–8.7 ms/s in those windows);
 *   with it gone, the WAL takes on disk only what was written;
 * - the writer gate is a word shared with the main thread (`counts[GATE]`): the main thread holds
 *   it around each of its write transactions ({@link Checkpointer.write}), the worker around the
 *   few steps that take SQLite's write lock. A main-thread commit that finds the worker there waits
 *   on the word (`Atomics.wait`) and runs the moment it is released, never in SQLite's busy
 *   handler; the worker never waits on SQLite while it holds the gate (busy_timeout 0: a lock
 *   another process holds makes the step give up, to be tried at the next tick);
 * - the worker's heap has no V8 memory reducer (`without-memory-reducer.ts`). The reducer
 *   shrinks a heap that stopped allocating with full collections, and the worker's small heap
 *   (~5 MB, grown by loading better-sqlite3) always qualifies: ~8 s after every start it made two
 *   mark-compacts (`--trace-gc`: "Mark-Compact (reduce)" 4.7 → 3.4 MB, 18–26 ms, then 12–51 ms on
 *   the worker, plus V8's helper threads), ~40–80 ms of CPU at a moment nobody chose: in a server,
 *   the reconnect storm after a restart, or (bench/region) 2.5–4 s after the fan-out's edits paused,
 *   sqlite-ckpt 20 ms and the platform threads 18 ms in one half-second (`perf`: MemoryReducer's
 *   TimerTask, then MarkCompactCollector), 3 of 3 runs. It freed ~1.3 MB; the heap is collected as
 *   any heap is when it fills.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { FREE, GATE, MAIN, RESTARTS, RUNS, TOLD, WAITING, WORKER_SOURCE, WRITES } from './sqlite-checkpointer-worker.js';
import { withoutMemoryReducer } from './without-memory-reducer.js';

/** How long a main-thread write waits for the worker's gate at most, in ms (a stuck worker). */
const GATE_WAIT_MS = 2000;

/** `transaction()`, as {@link Checkpointer.writeWith} calls it for {@link Checkpointer.write}. */
const call = <T>(transaction: () => T): T => transaction();

/** A running checkpointer. */
export interface Checkpointer {
  /**
   * The main connection wrote outside {@link Checkpointer.write}: the worker checkpoints within
   * `everyMs`. Two atomic operations: a counter shared with the worker and a wake of it.
   */
  wrote(): void;
  /**
   * Run `transaction` (synchronous SQLite writes of the main connection) holding the writer gate:
   * if the worker holds it, wait until it lets go (at most 2 s, then write anyway under SQLite's
   * own locking), and tell the worker of the write once it has run ({@link Checkpointer.wrote}).
   * Nested calls hold it and tell once. Costs four atomic operations when the gate is free.
   */
  write<T>(transaction: () => T): T;
  /**
   * {@link Checkpointer.write} of `transaction(a, b)`: for the writes made at every commit, with a
   * function made once and its arguments, so that no closure is made per commit.
   */
  writeWith<A, B, T>(transaction: (a: A, b: B) => T, a: A, b: B): T;
  /** Checkpoints run so far (PASSIVE and TRUNCATE), for tests and benches. */
  runs(): number;
  /** Times the worker restarted the WAL because it passed `walLimitBytes`, for tests and benches. */
  restarts(): number;
  /** The longest a main-thread write waited for the worker's gate so far, in ms (for tests and benches). */
  longestWaitMs(): number;
  /** Runs a last checkpoint, closes the worker's connections and ends the worker. */
  stop(): Promise<void>;
}

/**
 * Starts checkpointing `path` in a worker thread: at most every `everyMs` (default 1000) while
 * the main connection writes ({@link Checkpointer.write}); restarting the WAL once it holds more than `walLimitBytes`
 * (default 16 MiB; at 100 commits/s of one page each, about every 40 s) at the first tick with no
 * write, or past twice that at once (see the module comment), whose file the commits
 * extend as they come (not grown ahead, see the module comment); truncating it when writes have stopped for
 * `truncateEveryMs` (default 30000) to its header and one frame of its own (32 + 24 + page-size
 * bytes, written at start too, so that no commit of the main thread writes and fsyncs the header of
 * an empty WAL), and to zero bytes on stop. With no writes
 * the worker sleeps and costs no CPU. Errors are passed to `onError` (the main connection keeps
 * working; the WAL just grows until the next successful checkpoint).
 *
 * With `atFirstTick`, the thread starts at the first tick instead: `everyMs` after the first write
 * told, and checkpoints at once. The first checkpoint comes as soon as without it (a thread started
 * at once first ticks `everyMs` after its start), but a store closed sooner (a command that writes
 * and exits, a test) starts no thread (~40–95 ms of CPU and ~15 MB each): the main connection's
 * close folds its WAL in, as SQLite does for the last connection. It gives up the header commit of
 * an empty WAL made off the main thread (the first write comes before the thread), so a server,
 * whose first commits land in a connect storm, starts its thread at once.
 */
export function startCheckpointer(
  path: string,
  opts: { everyMs?: number; truncateEveryMs?: number; walLimitBytes?: number; atFirstTick?: boolean; onError?: (message: string) => void } = {},
): Checkpointer {
  const require = createRequire(import.meta.url);
  const counts = new Int32Array(new SharedArrayBuffer(8 * Int32Array.BYTES_PER_ELEMENT));
  const everyMs = opts.everyMs ?? 1000;
  let stopped = false;
  let worker: Worker | null = null;
  const startWorker = (): Worker => {
    const started = withoutMemoryReducer(() => new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        path,
        everyMs,
        // Started at its first tick: it checkpoints the writes it was started for at once.
        firstTickMs: opts.atFirstTick ? 0 : everyMs,
        truncateEveryMs: opts.truncateEveryMs ?? 30_000,
        walLimitBytes: opts.walLimitBytes ?? 16 * 1024 * 1024,
        module: require.resolve('better-sqlite3'),
        counts: counts.buffer,
      },
    }));
    started.unref();
    started.on('message', (msg: { error?: string }) => {
      if (msg.error) opts.onError?.(msg.error);
    });
    started.on('error', (err) => opts.onError?.(err.message));
    return started;
  };
  // Until the worker runs, nobody else takes the gate: the main thread's writes pass it at once.
  let due: ReturnType<typeof setTimeout> | null = null;
  if (!opts.atFirstTick) worker = startWorker();
  // Told at once, after the write's statements have run (they are synchronous). A microtask per
  // turn did the same later, and `queueMicrotask` builds an AsyncResource per call: measured in a
  // region fan-out's main thread, ~5% of the commit's samples. Notified only while the worker waits
  // (WAITING, cleared here so that one commit notifies): amid the writes it ticks on its timer.
  const tell = (): void => {
    Atomics.add(counts, TOLD, 1);
    if (Atomics.load(counts, WAITING) !== 0 && Atomics.compareExchange(counts, WAITING, 1, 0) === 1) Atomics.notify(counts, TOLD);
    if (worker === null && due === null) {
      due = setTimeout(() => {
        if (!stopped) worker = startWorker();
      }, everyMs);
      due.unref();
    }
  };
  let depth = 0;
  let longestWait = 0;
  /** Take the gate; false when a stuck worker kept it past GATE_WAIT_MS. */
  const enter = (): boolean => {
    if (Atomics.compareExchange(counts, GATE, FREE, MAIN) !== FREE) {
      const started = performance.now();
      const until = started + GATE_WAIT_MS;
      try {
        for (;;) {
          const left = until - performance.now();
          if (left <= 0) return false;
          const seen = Atomics.compareExchange(counts, GATE, FREE, MAIN);
          if (seen === FREE) break;
          Atomics.wait(counts, GATE, seen, left);
        }
      } finally {
        longestWait = Math.max(longestWait, performance.now() - started);
      }
    }
    Atomics.add(counts, WRITES, 1);
    return true;
  };
  return {
    wrote() {
      if (!stopped) tell();
    },
    write(transaction) {
      return this.writeWith(call, transaction, undefined);
    },
    writeWith(transaction, a, b) {
      if (depth > 0 || stopped) return transaction(a, b);
      const held = enter();
      depth++;
      try {
        return transaction(a, b);
      } finally {
        depth--;
        if (held) Atomics.store(counts, GATE, FREE);
        tell();
      }
    },
    runs: () => Atomics.load(counts, RUNS),
    restarts: () => Atomics.load(counts, RESTARTS),
    longestWaitMs: () => longestWait,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (due !== null) clearTimeout(due);
      // Never started: the main connection's close checkpoints what the writes left.
      if (worker === null) return;
      const running = worker;
      await new Promise<void>((resolve) => {
        const done = () => resolve();
        const timeout = setTimeout(() => void running.terminate().then(done, done), 5000);
        running.once('exit', () => {
          clearTimeout(timeout);
          done();
        });
        running.on('message', (msg: { stopped?: boolean }) => {
          if (msg.stopped) void running.terminate();
        });
        running.postMessage('stop');
      });
    },
  };
}
