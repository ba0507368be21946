/**
 * The checkpoint worker's own code and the slots it shares with the main thread
 * (`sqlite-checkpointer.ts` starts it and describes what it does and why).
 */

/** Slots of the shared `counts` (Int32Array): see WORKER_SOURCE and `Checkpointer`. */
export const TOLD = 0;
export const RUNS = 1;
export const GATE = 2;
export const WRITES = 3;
export const RESTARTS = 4;
export const GROWS = 5;
/** Gate values: free, held by the main thread (the worker holds it as 2). */
export const FREE = 0;
export const MAIN = 1;

/**
 * Runs in the worker as CommonJS (eval), so it needs no build step and works under tsx and vitest.
 * Slots of `workerData.counts`: TOLD counts the main thread's write transactions that have run (it adds one
 * and notifies after each), RUNS the checkpoints run here, GATE is the writer gate (0 free, 1 main,
 * 2 worker), WRITES counts the main thread's write transactions (added as it takes the gate),
 * RESTARTS the WAL restarts made here, GROWS the holds of the gate taken to grow the WAL file. A
 * tick checkpoints only when writes were told since the last one; otherwise the worker waits on
 * TOLD (no timer runs) until a write, or until the idle TRUNCATE is due.
 */
export const WORKER_SOURCE = `
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
// Growing takes the process ~50–100 ms of CPU (the zeros written) and 128 holds of the gate, spread
// over ~1 s; at a server's start and after an idle TRUNCATE, the writes that come first are often a
// connect storm (a restart, a region opening its plans in the morning), which it then slowed. So
// the file is grown in the first tick that finds no write since the one before (a quiet everyMs),
// or, while writes never pause, once GROW_AFTER_BUSY_TICKS ticks in a row found writes.
const GROW_AFTER_BUSY_TICKS = 10;
/** Writes came since the file was last cut (or the worker started): grow it in the next quiet tick. */
let growWhenQuiet = true;
let busyTicks = 0;
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
  growWhenQuiet = false;
  busyTicks = 0;
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
    if (!sized) {
      growWhenQuiet = true;
      if (++busyTicks >= GROW_AFTER_BUSY_TICKS) try { presize(); } catch (err) { report(err); }
    }
    try {
      repin();
      const { log } = checkpoint('PASSIVE');
      if (log * frameBytes > walLimitBytes) restart();
    } catch (err) { report(err); }
    timer = setTimeout(tick, everyMs);
    return;
  }
  if (!sized && growWhenQuiet) {
    busyTicks = 0;
    try { presize(); } catch (err) { report(err); }
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
