/**
 * Where a lone edit's SQLite commit waits: appends one small update (70 bytes, a cell edit) at a
 * fixed rate through Samplan's store as the server opens it (checkpoint worker at open,
 * `appendUpdates.now`, one update per call, the documents taken in turn), and splits each
 * append's wall time by the main thread's `/proc/self/task/<pid>/schedstat` into time on a CPU,
 * time runnable but not running (the machine's load), and the rest, *blocked*: asleep in a system
 * call or on the checkpoint worker's gate (`Atomics.wait`). Each append is also marked when the
 * worker restarted the WAL meanwhile (`Checkpointer.restarts`) and with the longest gate wait so
 * far when it grew (`Checkpointer.longestWaitMs`).
 *
 * Prints per run: wall p50/p99/max (ms), blocked p99/max and how many appends were blocked over
 * 1 ms, runnable p99, the WAL restarts (and how many of them an append met), the longest gate wait
 * and the main thread's CPU over the whole run per append (µs: the commits as a server's come, one
 * per turn with the machine's other work between, so at the cache and compiler state they have in
 * situ, unlike `sqlite-append`'s loop; the pacing timers included); then every append blocked over
 * 1 ms, with its offset in the run. The CPU column of schedstat moves only at ticks and context
 * switches, so per-append CPU is coarse: blocked is an upper bound for short appends. Also per
 * run: the main thread's write system calls per append (`syscw` of `/proc/self/task/<pid>/io`),
 * a count the machine's load does not change: SQLite writes each WAL frame as two `pwrite64` (its
 * 24-byte header, then the page), so the share of appends over 2 is the share that wrote more than
 * their row's leaf page (a page split of `update_rows`, whose documents' rows lie side by side in
 * their keys' order). Measured so (5 s runs, load 14–17): 1 document 2.13 (3.0 %), 20 documents
 * 3.13 (18.4 %), 100 documents 4.02 (38.4 %): at 100 documents the splits double the WAL written.
 * `strace -f` of 2,000 appends at one per turn (20 documents, differenced against none) found
 * per append on the main thread 6.06 `fcntl`, 3.34 `pwrite64` and nothing else: the 6 `fcntl`
 * are the `-shm` locks of a WAL transaction (a read mark moved to the new last frame, exclusive
 * then released; that mark read-locked; the write lock; both released), which only
 * `locking_mode = EXCLUSIVE` drops and the checkpoint worker's own connection forbids; no `fstat`,
 * no `-shm` read or write (it is mapped), no read of the database (its pages stay cached).
 *
 * Measured so (100 documents, 100 appends/s, 30 s per run, checkpoints every 1000 ms; load 12–34):
 * the only appends blocked for more than ~3 ms were the one that met the worker's WAL restart
 * (every ~25 s here: 1.5 WAL pages per commit fill the 16 MiB `walLimitBytes`), waiting on the
 * gate 13.1, 16.8, 18.5, 19.9, 41.7, 38.2, 10.8, 25.2, 8.6 ms (its copy of the last frames and the new header's
 * fsyncs, which must not be skipped: sqlite-checkpointer.ts), and those at a server's start while
 * the worker grew the WAL file (it no longer does); the PASSIVE checkpoints every second blocked no append (p99 of
 * blocked 0.33–0.48 ms). Checkpoints every 200 ms (`--every 200`, alternated with 1000, two pairs,
 * load 16–29) made the restart's wait longer (114.4 and 139.9 ms against 18.5 and 94.8), not
 * shorter, and blocked as many appends. What a commit costs at a server's pace: 100 documents, 8 s
 * runs alternated, load 9.8–14.8, wall p50 of one append 0.22 and 0.25 ms at 100 appends/s against
 * 0.07 and 0.06 at 1,000/s, the main thread's CPU per append over the run 456 and 483 µs against
 * 126 and 121 (`sqlite-append`'s loop: ~20 µs). A commit that comes alone after 10 ms of the
 * machine's other work runs with cold caches, about ten times as long as in a loop; the region
 * fan-out's perf profile agrees (the commit path, ~10% of the main thread's samples at 100 docs,
 * ~160 µs of it per edit). The page splits are not cut by another key layout: one-row appends of
 * 70 bytes with checkpoints off, WAL frames per commit (the WAL's growth over 5,000 commits after
 * 0 / 50,000 / 200,000 rows, round robin over the documents; a count, the same under any load),
 * today's key (`id = key·2³² + seq`) against a global append order with a unique index on
 * (doc, seq): 1 document 1.05 / 1.06 / 1.05 against 2.12 / 2.14 / 2.14, 20 documents (50,000
 * rows) 1.79 against 2.21, 100 documents 1.58 / 1.88 / 1.79 against 2.16 / 2.18 / 2.24. The
 * index's leaf is a frame of its own in every commit, more than the splits it spares; the layout
 * stays. Run:
 * `npm run bench -- sqlite-commit-tail [--seconds 30] [--rate 100] [--docs 100] [--every 1000] [--runs 1]`.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import { startCheckpointer, type Checkpointer } from '../server/storage/sqlite-checkpointer.js';
import { writeNow } from '../server/storage/storage.js';
import { kindDef } from '../shared/schema/index.js';
import { madeDoc } from './support/made-doc.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const SECONDS = arg('seconds', 30);
const RATE = arg('rate', 100);
const DOCS = arg('docs', 100);
const EVERY = arg('every', 1000);
const RUNS = arg('runs', 1);

/** One append: ms of wall time, on a CPU, runnable, blocked (the rest); write system calls; offset in the run (s); a WAL restart meanwhile; the longest gate wait when it grew. */
interface Append {
  wall: number;
  writes: number;
  cpu: number;
  runnable: number;
  blocked: number;
  at: number;
  restarted: boolean;
  gateWait: number;
}

const schedFd = openSync(`/proc/self/task/${process.pid}/schedstat`, 'r');
const schedBuf = Buffer.alloc(128);
/** The main thread's [ms on a CPU, ms runnable] so far. */
const sched = (): [number, number] => {
  const n = readSync(schedFd, schedBuf, 0, schedBuf.length, 0);
  const [cpu, wait] = schedBuf.toString('latin1', 0, n).split(' ');
  return [Number(cpu) / 1e6, Number(wait) / 1e6];
};
// The main thread's write system calls so far (`syscw`: write, pwrite64, writev …), a count the
// machine's load does not change: SQLite writes each WAL frame as two (its 24-byte header, then the page).
const ioFd = openSync(`/proc/self/task/${process.pid}/io`, 'r');
const ioBuf = Buffer.alloc(256);
const writeCalls = (): number => {
  const n = readSync(ioFd, ioBuf, 0, ioBuf.length, 0);
  return Number(/syscw: (\d+)/.exec(ioBuf.toString('latin1', 0, n))?.[1]);
};

async function run(): Promise<{ appends: Append[]; restarts: number; cpuPerAppendUs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-commit-tail-'));
  let checkpointer: Checkpointer | undefined;
  const storage = openSqliteStorage(join(dir, 'tail.db'), {
    mustWrite: true,
    checkpointerAtOpen: true,
    checkpointEveryMs: EVERY,
    startCheckpointer: (path, opts) => (checkpointer = startCheckpointer(path, opts)),
  });
  const now = writeNow(storage.appendUpdates);
  if (!now || !checkpointer) throw new Error('the SQLite store has no synchronous append or no checkpointer');
  const worker: Checkpointer = checkpointer;
  const update = new Uint8Array(70).fill(7);
  const refs = Array.from({ length: DOCS }, (_, i) => ({ workspace: 'bench', doc: `doc-${i}` }));
  // The documents made as the server makes one: the record first (a store appends only to a
  // document whose record is stored), then the made document's state (madeDoc, marked), before the run.
  const madeAt = new Date().toISOString();
  for (const ref of refs) {
    await storage.putDocRecord({ ...ref, kind: 'activity-plan', title: ref.doc, ownerUnit: 'bench', createdAt: madeAt, updatedAt: madeAt });
    const made = madeDoc('activity-plan', { title: ref.doc, ownerUnit: 'bench', schemaVersion: kindDef('activity-plan').schemaVersion });
    await storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(made), memberId: null }]);
    made.destroy();
  }
  // Let the worker start and write the WAL's header, as a server has long done by its first edits.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const appends: Append[] = [];
  const start = performance.now();
  const [runCpu0] = sched();
  try {
    for (let i = 0; performance.now() - start < SECONDS * 1000; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const restarts = worker.restarts();
      const longest = worker.longestWaitMs();
      const [cpu0, run0] = sched();
      const w0 = writeCalls();
      const t0 = performance.now();
      now(refs[i % DOCS]!, [{ update, memberId: 'member-1' }]);
      const wall = performance.now() - t0;
      const writes = writeCalls() - w0;
      const [cpu1, run1] = sched();
      const cpu = cpu1 - cpu0;
      const runnable = run1 - run0;
      appends.push({
        wall,
        writes,
        cpu,
        runnable,
        blocked: Math.max(0, wall - cpu - runnable),
        at: (t0 - start) / 1000,
        restarted: worker.restarts() !== restarts,
        gateWait: worker.longestWaitMs() > longest ? worker.longestWaitMs() : 0,
      });
    }
    // The main thread's whole CPU over the run per append: the appends, and what runs between them
    // (the pacing timers, and whatever a commit left for later in its turn).
    return { appends, restarts: worker.restarts(), cpuPerAppendUs: ((sched()[0] - runCpu0) * 1000) / appends.length };
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? NaN;
};
const ms = (x: number): string => x.toFixed(2);

console.log(`${DOCS} documents, ${RATE} appends/s for ${SECONDS} s, checkpoints every ${EVERY} ms, ${RUNS} run(s)`);
console.log(
  '| run | load | wall p50 / p99 / max ms | blocked p99 / max ms | blocked > 1 ms | runnable p99 ms | WAL restarts | longest gate wait ms | main-thread CPU µs per append, whole run | write syscalls per append (share over 2) |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
const slow: string[] = [];
try {
  for (let r = 1; r <= RUNS; r++) {
    const { appends, restarts, cpuPerAppendUs } = await run();
    const wall = appends.map((a) => a.wall);
    const blocked = appends.map((a) => a.blocked);
    const over = appends.filter((a) => a.blocked > 1);
    const writes = appends.reduce((sum, a) => sum + a.writes, 0) / appends.length;
    const split = appends.filter((a) => a.writes > 2).length / appends.length;
    console.log(
      `| ${r} | ${loadavg()[0]!.toFixed(1)} | ${ms(quantile(wall, 0.5))} / ${ms(quantile(wall, 0.99))} / ${ms(quantile(wall, 1))} | ` +
        `${ms(quantile(blocked, 0.99))} / ${ms(quantile(blocked, 1))} | ${over.length} | ${ms(quantile(appends.map((a) => a.runnable), 0.99))} | ` +
        `${restarts} (${appends.filter((a) => a.restarted).length} met by an append) | ${ms(Math.max(0, ...appends.map((a) => a.gateWait)))} | ${cpuPerAppendUs.toFixed(1)} | ${writes.toFixed(2)} (${(split * 100).toFixed(1)} %) |`,
    );
    for (const a of over) {
      slow.push(`run ${r} @${a.at.toFixed(2)} s: wall ${ms(a.wall)}, blocked ${ms(a.blocked)}, runnable ${ms(a.runnable)}${a.restarted ? ', WAL restarted' : ''}${a.gateWait ? `, gate wait ${ms(a.gateWait)}` : ''}`);
    }
  }
} finally {
  closeSync(schedFd);
  closeSync(ioFd);
}
if (slow.length > 0) console.log(`\nappends blocked over 1 ms:\n${slow.join('\n')}`);
