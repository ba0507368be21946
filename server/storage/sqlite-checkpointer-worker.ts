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
export const WAITING = 5;
/** Gate values: free, held by the main thread (the worker holds it as 2). */
export const FREE = 0;
export const MAIN = 1;

/**
 * Runs in the worker as CommonJS (eval), so it needs no build step and works under tsx and vitest.
 * Slots of `workerData.counts`: TOLD counts the main thread's write transactions that have run (it adds one
 * after each, and notifies while WAITING), RUNS the checkpoints run here, GATE is the writer gate (0 free, 1 main,
 * 2 worker), WRITES counts the main thread's write transactions (added as it takes the gate),
 * RESTARTS the WAL restarts made here, WAITING is 1 while the worker waits on TOLD (set before it
 * waits; the main thread clears it when it notifies, the worker when it wakes). A
 * tick checkpoints only when writes were told since the last one; otherwise the worker waits on
 * TOLD (no timer runs) until a write, or until the idle TRUNCATE is due. The main thread notifies
 * only while WAITING says so: amid the writes the worker ticks on its timer, and a notify per
 * commit (a call into V8's runtime and its futex lock) woke nobody.
 */
export const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
// Named for top -H, perf and bench/region (Node names no thread): where the OS lets it.
try { fs.writeFileSync('/proc/thread-self/comm', 'sqlite-ckpt'); } catch {}
const Database = require(workerData.module);
const { path, everyMs, firstTickMs, truncateEveryMs, walLimitBytes } = workerData;
const counts = new Int32Array(workerData.counts);
const [TOLD, RUNS, GATE, WRITES, RESTARTS, WAITING] = [${TOLD}, ${RUNS}, ${GATE}, ${WRITES}, ${RESTARTS}, ${WAITING}];
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
const truncate = () => {
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
let restartDue = false;
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
    try {
      repin();
      const walBytes = checkpoint('PASSIVE').log * frameBytes;
      // Past the limit the restart waits for a quiet tick (below), past twice it no longer waits.
      restartDue = walBytes > walLimitBytes;
      if (walBytes > 2 * walLimitBytes) { restartDue = false; restart(); }
    } catch (err) { report(err); }
    timer = setTimeout(tick, everyMs);
    return;
  }
  // No write for a whole tick: the restart (its commit and the header's fsync, under the gate)
  // delays no commit now, where amid the writes it held one up for its whole length.
  if (restartDue) {
    restartDue = false;
    try { restart(); } catch (err) { report(err); }
  }
  // Said before the wait begins: a write told after this notifies; one told before it, the wait sees (not-equal).
  Atomics.store(counts, WAITING, 1);
  const wait = Atomics.waitAsync(counts, TOLD, seen, truncated ? Infinity : Math.max(0, lastWrite + truncateEveryMs - Date.now()));
  const woken = (result) => {
    Atomics.store(counts, WAITING, 0);
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
timer = setTimeout(tick, firstTickMs);
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
