/**
 * A large document's snapshot row read off the event loop. better-sqlite3 reads a row in one
 * synchronous call, and SQLite hands a blob over whole (`substr` of it reads every overflow page of
 * the value on each call, so reading it in parts costs the whole read per part): the row of a plan
 * of 10,000 rows with 1,900-character comments (its V2 snapshot and the fresh clients' V1 bytes, 42
 * MB) held the loop 241–424 ms in that one statement, every other document's edits waiting behind it
 * (`tests/server/storage/sqlite-load-off-loop.test.ts`). Here it is read by a worker thread with a
 * read-only connection of its own, and its bytes come back transferred, not copied.
 *
 * The worker reads the row as stored when it runs: the caller (`sqlite-load.ts`) names the row its
 * own transaction saw (sequence number, time, lengths) and reads again when another came meanwhile.
 * The thread (~15 MB, `sqlite-ckpt`'s cost to start) starts at the first large read and stays for
 * the store's life; a failed one is told to `onError` and its reads reject, so the caller reads the
 * row itself as before.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { withoutMemoryReducer } from './without-memory-reducer.js';

/** A document's snapshot row as the worker read it: `at` as stored (ISO text), `fresh` null when none. */
export interface SnapshotRow {
  upto: number;
  at: string;
  data: Uint8Array;
  fresh: Uint8Array | null;
}

/** Reads on the worker thread. */
export interface LargeReads {
  /** The snapshot row of (`workspace`, `doc`) as stored now, or null for none. Rejects when the worker failed. */
  snapshotRow(workspace: string, doc: string): Promise<SnapshotRow | null>;
  /** Ends the thread and its connection; reads under way reject. */
  stop(): Promise<void>;
}

/**
 * Runs in the worker as CommonJS (eval), as the checkpoint worker does: no build step, works under
 * tsx and vitest. A message { id, workspace, doc } is answered { id, row } or { id, error }; a
 * blob is sent in an ArrayBuffer of its own (transferred), copied first when it shares one.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
try { fs.writeFileSync('/proc/thread-self/comm', 'sqlite-read'); } catch {}
const Database = require(workerData.module);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const row = db.prepare('SELECT upto_seq, at, data, fresh FROM snapshots WHERE workspace = ? AND doc = ?');
const own = (b, list) => {
  if (b === null || b === undefined) return null;
  const whole = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : Buffer.from(b);
  list.push(whole.buffer);
  return whole;
};
parentPort.on('message', (m) => {
  if (m === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const r = row.get(m.workspace, m.doc);
    if (!r) return parentPort.postMessage({ id: m.id, row: null });
    const list = [];
    const found = { upto: Number(r.upto_seq), at: String(r.at), data: own(r.data, list), fresh: own(r.fresh, list) };
    parentPort.postMessage({ id: m.id, row: found }, list);
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: String((err && err.message) || err) });
  }
});
`;

interface Answer {
  id: number;
  row?: { upto: number; at: string; data: Uint8Array; fresh: Uint8Array | null } | null;
  error?: string;
}

/** Reads of the SQLite file at `path` on a worker thread started at the first read; `onError` hears of a failed thread. */
export function startLargeReads(path: string, onError: (message: string) => void = () => {}): LargeReads {
  const require = createRequire(import.meta.url);
  const waiting = new Map<number, { resolve: (row: SnapshotRow | null) => void; reject: (err: Error) => void }>();
  let worker: Worker | null = null;
  let failed: Error | null = null;
  let next = 0;
  const fail = (err: Error): void => {
    failed ??= err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  const started = (): Worker => {
    if (worker) return worker;
    const made = withoutMemoryReducer(() => new Worker(WORKER_SOURCE, { eval: true, workerData: { path, module: require.resolve('better-sqlite3') } }));
    made.unref();
    made.on('message', (answer: Answer) => {
      const w = waiting.get(answer.id);
      if (!w) return;
      waiting.delete(answer.id);
      if (answer.error !== undefined) w.reject(new Error(answer.error));
      else w.resolve(answer.row ? { ...answer.row, data: plain(answer.row.data), fresh: answer.row.fresh ? plain(answer.row.fresh) : null } : null);
    });
    made.on('error', (err) => {
      onError(err.message);
      fail(err);
    });
    made.on('exit', () => fail(new Error('the SQLite read worker ended')));
    worker = made;
    return made;
  };
  return {
    snapshotRow(workspace, doc) {
      if (failed) return Promise.reject(failed);
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        started().postMessage({ id, workspace, doc });
      });
    },
    async stop() {
      const running = worker;
      fail(new Error('the store is closing'));
      if (!running) return;
      await new Promise<void>((resolve) => {
        const timeout = setTimeout(() => void running.terminate().then(() => resolve(), () => resolve()), 5000);
        running.once('exit', () => {
          clearTimeout(timeout);
          resolve();
        });
        running.postMessage('stop');
      });
    },
  };
}

/** A plain Uint8Array over the bytes (a Buffer arrives as a Uint8Array; the store hands out Uint8Arrays). */
const plain = (b: Uint8Array): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
