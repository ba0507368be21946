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
 * - once the WAL holds more than `walLimitBytes`, the worker restarts it itself: it renews its
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
 * - the WAL file is grown to `walLimitBytes` (in zeros past its end) when the worker starts and
 *   when writes come after a TRUNCATE, so that commits write into blocks and page-cache pages
 *   that are already there instead of extending the file, which cost each commit more kernel
 *   work (allocation, size update) while the WAL grew: ~15 µs of a ~120 µs commit at 100
 *   commits/s, and at a server's start the WAL grows for its first 16 MiB; only while the file
 *   system keeps 4 × `walLimitBytes` (at least 64 MiB) free beyond it, so that a nearly full disk
 *   is never filled by the WAL's zeros and still refuses the edits it cannot store;
 * - the writer gate is a word shared with the main thread (`counts[GATE]`): the main thread holds
 *   it around each of its write transactions ({@link Checkpointer.write}), the worker around the
 *   few steps that take SQLite's write lock. A main-thread commit that finds the worker there waits
 *   on the word (`Atomics.wait`) and runs the moment it is released, never in SQLite's busy
 *   handler; the worker never waits on SQLite while it holds the gate (busy_timeout 0: a lock
 *   another process holds makes the step give up, to be tried at the next tick).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Slots of the shared `counts` (Int32Array): see WORKER_SOURCE and {@link Checkpointer}. */
const TOLD = 0;
const RUNS = 1;
const GATE = 2;
const WRITES = 3;
const RESTARTS = 4;
const GROWS = 5;
/** Gate values: free, held by the main thread, held by the worker. */
const FREE = 0;
const MAIN = 1;
/** How long a main-thread write waits for the worker's gate at most, in ms (a stuck worker). */
const GATE_WAIT_MS = 2000;

/**
 * Runs in the worker as CommonJS (eval), so it needs no build step and works under tsx and vitest.
 * Slots of `workerData.counts`: TOLD counts the turns in which the main thread wrote (it adds one
 * and notifies after each), RUNS the checkpoints run here, GATE is the writer gate (0 free, 1 main,
 * 2 worker), WRITES counts the main thread's write transactions (added as it takes the gate),
 * RESTARTS the WAL restarts made here, GROWS the holds of the gate taken to grow the WAL file. A
 * tick checkpoints only when writes were told since the last one; otherwise the worker waits on
 * TOLD (no timer runs) until a write, or until the idle TRUNCATE is due.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
// Named for top -H, perf and bench/region (Node names no thread): where the OS lets it.
try { fs.writeFileSync('/proc/thread-self/comm', 'sqlite-ckpt'); } catch {}
const Database = require(workerData.module);
const { path, everyMs, truncateEveryMs, walLimitBytes } = workerData;
const counts = new Int32Array(workerData.counts);
const [TOLD, RUNS, GATE, WRITES, RESTARTS, GROWS] = [${TOLD}, ${RUNS}, ${GATE}, ${WRITES}, ${RESTARTS}, ${GROWS}];
const db = new Database(path);
// Nothing here waits on SQLite: a lock held elsewhere makes a step give up until the next tick.
db.pragma('busy_timeout = 0');
db.pragma('journal_size_limit = ' + walLimitBytes);
const frameBytes = db.pragma('page_size', { simple: true }) + 24;
const mark = db.prepare('INSERT OR REPLACE INTO write_check (id, at) VALUES (1, ?)');
const pin = new Database(path);
const pinRead = pin.prepare('SELECT count(*) FROM sqlite_schema');
let pinned = false;
const unpin = () => { if (pinned) { pin.exec('COMMIT'); pinned = false; } };
const repin = () => { unpin(); pin.exec('BEGIN'); pinRead.get(); pinned = true; };
const gate = () => { while (Atomics.compareExchange(counts, GATE, 0, 2) !== 0) Atomics.wait(counts, GATE, 1, 1); };
const ungate = () => { Atomics.store(counts, GATE, 0); Atomics.notify(counts, GATE); };
const report = (err) => parentPort.postMessage({ error: String((err && err.message) || err) });
const checkpoint = (mode, counted = true) => {
  // A TRUNCATE is counted as it starts: whoever sees the WAL at zero bytes sees it counted.
  const before = counted && mode === 'TRUNCATE';
  if (before) Atomics.add(counts, RUNS, 1);
  const [result] = db.pragma('wal_checkpoint(' + mode + ')');
  if (counted && !before) Atomics.add(counts, RUNS, 1);
  return result;
};
const restarted = () => {
  unpin();
  mark.run(new Date().toISOString());
  Atomics.add(counts, RESTARTS, 1);
};
const restart = () => {
  for (let attempt = 0; attempt < 2; attempt++) {
    let before;
    gate();
    try { repin(); before = Atomics.load(counts, WRITES); } finally { ungate(); }
    const copied = checkpoint('PASSIVE');
    if (copied.busy || copied.checkpointed < copied.log) continue;
    gate();
    try {
      if (Atomics.load(counts, WRITES) !== before) continue;
      restarted();
      return;
    } finally {
      if (!pinned) repin();
      ungate();
    }
  }
  // The main thread writes without a gap: copy the few frames left holding the gate.
  gate();
  try {
    unpin();
    const copied = checkpoint('PASSIVE');
    if (!copied.busy && copied.checkpointed === copied.log) restarted();
  } finally {
    repin();
    ungate();
  }
};
// The WAL file is grown to walLimitBytes ahead of the writes, in zeros: a commit then writes into
// blocks and page-cache pages that are already there instead of extending the file (measured: a
// commit that extends the WAL costs ~10–25 µs more in the kernel). Only bytes past the file's end
// are written, holding the gate and SQLite's write lock (BEGIN IMMEDIATE, which no writer of any
// process gets past), so no frame is ever overwritten; zeros past the last frame are what a WAL
// holds after a restart anyway (stale frames), and recovery stops at the first invalid frame.
const walPath = path + '-wal';
// Written a 4 KiB page per call: a larger write makes the kernel cache the file in large folios,
// and each of SQLite's small writes into one then walks all its blocks (measured: a MiB per call
// doubled the kernel time of a commit's writes instead of cutting it).
const zeros = Buffer.alloc(4096);
// Pages per hold of the gate (128 KiB): a main-thread commit that comes meanwhile waits for one
// hold. Measured at a server's start on a busy machine (load 16–19, commits every 2 ms while the
// 16 MiB are written): with 1 MiB per hold the longest wait was 1.5–112 ms (8, 16, 28, 112, 21,
// 1.5 ms over six runs), with 128 KiB 2.8–8.7 ms.
const PAGES_PER_HOLD = 32;
// The grown WAL must never take a disk's last free space: the database file needs room when
// checkpoints copy pages into it, and a full disk must refuse edits (1011), not be filled by
// zeros the commits then write into. So the file is grown only while the file system keeps at
// least this much free beyond the growth; on a smaller disk the WAL grows as the commits come.
const reserveBytes = Math.max(4 * walLimitBytes, 64 * 1024 * 1024);
const roomToGrow = (bytes) => {
  try {
    const s = fs.statfsSync(require('node:path').dirname(walPath));
    return Number(s.bavail) * Number(s.bsize) >= bytes + reserveBytes;
  } catch { return false; }
};
let sized = false;
/** Grow the WAL file to walLimitBytes, PAGES_PER_HOLD pages per hold of the gate; false when a writer elsewhere holds the lock (tried again at the next tick). */
const presize = () => {
  let fd;
  try { fd = fs.openSync(walPath, 'r+'); } catch { return false; }
  try {
    for (;;) {
      gate();
      try {
        try { db.exec('BEGIN IMMEDIATE'); } catch (err) { if (err && err.code === 'SQLITE_BUSY') return false; throw err; }
        try {
          let end = fs.fstatSync(fd).size;
          if (end >= walLimitBytes) return (sized = true);
          // Too little room on the disk: not grown (tried again after the next TRUNCATE).
          if (!roomToGrow(walLimitBytes - end)) return (sized = true);
          const start = end;
          Atomics.add(counts, GROWS, 1);
          try {
            for (let i = 0; i < PAGES_PER_HOLD && end < walLimitBytes; i++) {
              // To the next page boundary first, then page by page.
              end += fs.writeSync(fd, zeros, 0, Math.min(zeros.length - (end % zeros.length), walLimitBytes - end), end);
            }
          } catch (err) {
            // The zeros of this hold alone, written under the write lock, past every frame: given back.
            try { fs.ftruncateSync(fd, start); } catch {}
            throw err;
          }
        } finally { db.exec('COMMIT'); }
      } finally { ungate(); }
    }
  } catch (err) {
    // A full disk, say: the WAL grows as the commits come, as without this; tried again after the next TRUNCATE.
    sized = true;
    throw err;
  } finally { fs.closeSync(fd); }
};
const truncate = () => {
  sized = false;
  unpin();
  // Copies what is left without the gate; counted with the TRUNCATE as one run.
  checkpoint('PASSIVE', false);
  gate();
  try { checkpoint('TRUNCATE'); } finally { ungate(); }
};
// The commit that writes the header of an empty (or fully copied, unread) WAL, made here so that
// the main thread's next commit does not write and fsync it (see the module comment). A lock
// another process holds (busy_timeout 0) leaves it to that process's commit.
const prime = () => {
  gate();
  try {
    mark.run(new Date().toISOString());
  } catch (err) {
    if (!(err && err.code === 'SQLITE_BUSY')) throw err;
  } finally { ungate(); }
};
let lastWrite = Date.now();
let truncated = true;
let seen = 0;
let stopped = false;
let timer = null;
const tick = () => {
  timer = null;
  if (stopped) return;
  const written = Atomics.load(counts, TOLD);
  if (written !== seen) {
    seen = written;
    lastWrite = Date.now();
    truncated = false;
    if (!sized) try { presize(); } catch (err) { report(err); }
    try {
      repin();
      const { log } = checkpoint('PASSIVE');
      if (log * frameBytes > walLimitBytes) restart();
    } catch (err) { report(err); }
    timer = setTimeout(tick, everyMs);
    return;
  }
  const wait = Atomics.waitAsync(counts, TOLD, seen, truncated ? Infinity : Math.max(0, lastWrite + truncateEveryMs - Date.now()));
  const woken = (result) => {
    if (stopped) return;
    if (result === 'timed-out') {
      try { truncate(); prime(); } catch (err) { report(err); }
      truncated = true;
      tick();
    } else timer = setTimeout(tick, everyMs);
  };
  if (wait.async) wait.value.then(woken); else woken(wait.value);
};
try { prime(); } catch (err) { report(err); }
try { presize(); } catch (err) { report(err); }
timer = setTimeout(tick, everyMs);
parentPort.on('message', (msg) => {
  if (msg !== 'stop') return;
  stopped = true;
  if (timer) clearTimeout(timer);
  try { truncate(); } catch (err) { report(err); }
  pin.close();
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
  /**
   * Run `transaction` (synchronous SQLite writes of the main connection) holding the writer gate:
   * if the worker holds it, wait until it lets go (at most 2 s, then write anyway under SQLite's
   * own locking). Nested calls hold it once. Costs two atomic operations when the gate is free.
   */
  write<T>(transaction: () => T): T;
  /** Checkpoints run so far (PASSIVE and TRUNCATE), for tests and benches. */
  runs(): number;
  /** Times the worker restarted the WAL because it passed `walLimitBytes`, for tests and benches. */
  restarts(): number;
  /** Holds of the writer gate the worker took to grow the WAL file (at most 128 KiB each), for tests and benches. */
  growHolds(): number;
  /** The longest a main-thread write waited for the worker's gate so far, in ms (for tests and benches). */
  longestWaitMs(): number;
  /** Runs a last checkpoint, closes the worker's connections and ends the worker. */
  stop(): Promise<void>;
}

/**
 * Starts checkpointing `path` in a worker thread: at most every `everyMs` (default 1000) while
 * {@link Checkpointer.wrote} is called; restarting the WAL once it holds more than `walLimitBytes`
 * (default 16 MiB; at 100 commits/s of one page each, about every 40 s); growing the file to
 * `walLimitBytes` ahead of the commits, at start and after each TRUNCATE (so the WAL file takes
 * that much disk while the store is open and written; not on a disk with less than 4 ×
 * `walLimitBytes`, at least 64 MiB, free beyond it); truncating it when writes have stopped for
 * `truncateEveryMs` (default 30000) to its header and one frame of its own (32 + 24 + page-size
 * bytes, written at start too, so that no commit of the main thread writes and fsyncs the header of
 * an empty WAL), and to zero bytes on stop. With no writes
 * the worker sleeps and costs no CPU. Errors are passed to `onError` (the main connection keeps
 * working; the WAL just grows until the next successful checkpoint).
 */
export function startCheckpointer(
  path: string,
  opts: { everyMs?: number; truncateEveryMs?: number; walLimitBytes?: number; onError?: (message: string) => void } = {},
): Checkpointer {
  const require = createRequire(import.meta.url);
  const counts = new Int32Array(new SharedArrayBuffer(8 * Int32Array.BYTES_PER_ELEMENT));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      path,
      everyMs: opts.everyMs ?? 1000,
      truncateEveryMs: opts.truncateEveryMs ?? 30_000,
      walLimitBytes: opts.walLimitBytes ?? 16 * 1024 * 1024,
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
    Atomics.add(counts, TOLD, 1);
    Atomics.notify(counts, TOLD);
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
      if (told || stopped) return;
      told = true;
      // After the turn: the write's statements have run by then (they are synchronous).
      queueMicrotask(tell);
    },
    write(transaction) {
      if (depth > 0 || stopped) return transaction();
      const held = enter();
      depth++;
      try {
        return transaction();
      } finally {
        depth--;
        if (held) Atomics.store(counts, GATE, FREE);
      }
    },
    runs: () => Atomics.load(counts, RUNS),
    restarts: () => Atomics.load(counts, RESTARTS),
    growHolds: () => Atomics.load(counts, GROWS),
    longestWaitMs: () => longestWait,
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
