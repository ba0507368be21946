/**
 * Whether a lone edit's SQLite commit would cost the server less in a worker thread: the same
 * keyed INSERT (`key * 2^32 + seq`, as `update_rows` keys a row; a 48-byte update, ISO time,
 * member id; WAL, `synchronous = NORMAL`) committed at a server's pace (one append every
 * `1000 / rate` ms, the documents taken in turn), either on the main thread (`main`, what the
 * store does) or posted to a worker thread that commits it on its own connection and answers with
 * the row's number, the caller waiting for that answer before it would relay (`worker`:
 * persist-before-relay kept). The two alternate per round in one process, so the machine's load
 * falls on both alike.
 *
 * Prints per round and variant: wall ms per append from the call to the number known (p50, p99),
 * the main thread's CPU µs per append (`/proc/self/task/<pid>/schedstat`) and the whole process's
 * (`process.cpuUsage`, every thread), the pacing timers included in both alike.
 *
 * Measured so (2 cores, load 12–16 from other work, 5 rounds of 1,000 appends at 100/s over 100
 * documents, every round): the worker saved the main thread 33–45 µs per append (0.85–0.93×) and
 * cost the process 1.31–1.65× the CPU (+185–290 µs per append: two thread wake-ups and a
 * structured clone each way), doubled the wall time to the number known (p50 0.38–0.41 ms against
 * 0.19–0.20) and put the p99 at 5.1–17.8 ms against 0.37–0.83 (the worker thread waits for a core
 * the loaded machine has given away). A bare round trip to a worker, no INSERT, measured alone
 * (same load, 5 runs): 133–167 µs of process CPU against 86–134 µs for the whole INSERT on the
 * main thread. The hop costs more than the commit it would move, so the commit stays on the main
 * thread, and a region's fan-out figures (`region.ts`) count it there.
 *
 * `npm run bench -- append-thread [--rounds 5] [--appends 1000] [--rate 100] [--docs 100]`.
 */
import { openSync, readSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : dflt;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name}: a positive number, not ${process.argv[i + 1]}`);
  return value;
};
const ROUNDS = arg('rounds', 5);
const APPENDS = arg('appends', 1000);
const RATE = arg('rate', 100);
const DOCS = arg('docs', 100);

const SCHEMA = 'CREATE TABLE IF NOT EXISTS update_rows (id INTEGER PRIMARY KEY, at TEXT NOT NULL, member_id TEXT, data BLOB NOT NULL)';
const INSERT = 'INSERT INTO update_rows (id, at, member_id, data) VALUES (?, ?, ?, ?)';

/** Opens `file` as the store opens a server's file (WAL, NORMAL, no autocheckpoint). */
function open(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 0');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  return db;
}

// The worker: its own connection on the file, one autocommit INSERT per message, answered with the id.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const insert = db.prepare(${JSON.stringify(INSERT)});
parentPort.on('message', (m) => {
  insert.run(m.id, m.at, m.memberId, m.data);
  parentPort.postMessage(m.id);
});`;

const schedFd = openSync(`/proc/self/task/${process.pid}/schedstat`, 'r');
const schedBuf = Buffer.alloc(128);
/** The main thread's time on a CPU so far, µs. */
const mainCpuUs = (): number => Number(schedBuf.toString('latin1', 0, readSync(schedFd, schedBuf, 0, schedBuf.length, 0)).split(' ')[0]) / 1000;
const processCpuUs = (): number => {
  const c = process.cpuUsage();
  return c.user + c.system;
};
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

interface Figures {
  p50: number;
  p99: number;
  mainUs: number;
  processUs: number;
}

/** Appends APPENDS rows paced at RATE through `append`, resolving with the row's id once stored. */
async function paced(append: (id: number, at: string, data: Uint8Array) => Promise<number> | number, seqBase: number): Promise<Figures> {
  const walls: number[] = [];
  const data = new Uint8Array(48).fill(7);
  const main0 = mainCpuUs();
  const process0 = processCpuUs();
  for (let i = 0; i < APPENDS; i++) {
    const id = (i % DOCS) * 2 ** 32 + seqBase + i;
    const started = performance.now();
    await append(id, new Date().toISOString(), data);
    walls.push(performance.now() - started);
    await sleep(1000 / RATE);
  }
  walls.sort((a, b) => a - b);
  return { p50: quantile(walls, 0.5), p99: quantile(walls, 0.99), mainUs: (mainCpuUs() - main0) / APPENDS, processUs: (processCpuUs() - process0) / APPENDS };
}

const dir = mkdtempSync(join(tmpdir(), 'samplan-append-thread-'));
const file = join(dir, 'rows.db');
const db = open(file);
const insert = db.prepare(INSERT);
const worker = new Worker(WORKER, { eval: true, workerData: { file, sqlite: createRequire(import.meta.url).resolve('better-sqlite3') } });
const waiting = new Map<number, (id: number) => void>();
worker.on('message', (id: number) => {
  waiting.get(id)?.(id);
  waiting.delete(id);
});
const viaWorker = (id: number, at: string, data: Uint8Array): Promise<number> =>
  new Promise((resolve) => {
    waiting.set(id, resolve);
    worker.postMessage({ id, at, memberId: 'm-1', data });
  });
const onMain = (id: number, at: string, data: Uint8Array): number => (insert.run(id, at, 'm-1', data), id);

const fmt = (f: Figures): string => `wall p50 ${f.p50.toFixed(3)} ms, p99 ${f.p99.toFixed(3)} ms; main thread ${f.mainUs.toFixed(1)} µs, process ${f.processUs.toFixed(1)} µs per append`;
console.log(`append-thread: ${ROUNDS} rounds of ${APPENDS} appends at ${RATE}/s over ${DOCS} documents, load ${loadavg()[0]?.toFixed(2)}`);
try {
  for (let round = 0; round < ROUNDS; round++) {
    const base = round * 2 * APPENDS;
    // Alternated: the first of a round meets whatever the previous round left (caches, V8's tiers).
    const order = round % 2 === 0 ? (['main', 'worker'] as const) : (['worker', 'main'] as const);
    const figures: Record<string, Figures> = {};
    for (const [k, variant] of order.entries()) figures[variant] = await paced(variant === 'main' ? onMain : viaWorker, base + k * APPENDS);
    const m = figures.main as Figures;
    const w = figures.worker as Figures;
    console.log(`round ${round + 1} (load ${loadavg()[0]?.toFixed(2)}): main ${fmt(m)}`);
    console.log(`  worker ${fmt(w)}; worker ÷ main: wall p50 ${(w.p50 / m.p50).toFixed(2)}×, main thread ${(w.mainUs / m.mainUs).toFixed(2)}×, process ${(w.processUs / m.processUs).toFixed(2)}×`);
  }
} finally {
  await worker.terminate();
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
