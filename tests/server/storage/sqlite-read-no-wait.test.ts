import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { made } from './made.js';

/**
 * Admission reads storage on the main thread (`AdmissionCache`: the rights version, a token's
 * rows, a document's record, then the room's load). The checkpoint worker holds SQLite's write
 * lock while it grows, restarts and truncates the WAL (`sqlite-checkpointer-worker.ts`), and the
 * main connection's `busy_timeout` is 5 s: a read that needed that lock would sit in SQLite's busy
 * handler for as long as the worker (or a CLI command on the same file) holds it. In WAL mode a
 * read needs no write lock; this holds another connection's write lock, with a write pending and
 * with a checkpoint of its own run under it, and requires every admission read to answer while it
 * is held, far below the 5 s a busy-handler wait would take.
 */
const HOLDER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
// The store's own checkpoint worker may hold the write lock for a moment (growing the WAL):
// wait for it rather than fail.
db.pragma('busy_timeout = 10000');
db.exec('BEGIN IMMEDIATE');
db.prepare('INSERT OR REPLACE INTO write_check (id, at) VALUES (1, ?)').run('held');
parentPort.postMessage('held');
parentPort.once('message', () => { db.exec('ROLLBACK'); db.pragma('wal_checkpoint(TRUNCATE)'); db.close(); parentPort.postMessage('released'); });
`;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('main-thread reads while another connection holds the write lock', () => {
  it('answers the rights version, tokens, records and loads at once, not after a busy wait', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-read-'));
    dirs.push(dir);
    const file = path.join(dir, 'samplan.db');
    const storage = openSqliteStorage(file, { checkpointerAtOpen: true });
    const ref = { workspace: 'ws', doc: 'plan' };
    await made(storage, ref);
    await storage.appendUpdates(ref, [{ update: new Uint8Array(200).fill(7), memberId: null }]);
    const worker = new Worker(HOLDER, { eval: true, workerData: { file, module: createRequire(import.meta.url).resolve('better-sqlite3') } });
    try {
      await new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
      });
      const started = performance.now();
      const version = await storage.rightsVersion!();
      await storage.getDocRecord(ref);
      await storage.getTokens('ws', ['t1']);
      const loaded = await storage.loadDoc(ref);
      const took = performance.now() - started;
      expect(typeof version).toBe('number');
      expect(loaded.updates).toHaveLength(1);
      // A busy-handler wait lasts until the lock is released (never, here) or 5 s pass.
      expect(took).toBeLessThan(2000);
    } finally {
      // A holder that failed (its error already rejected above) has exited: do not wait for it.
      const released = new Promise((resolve) => {
        worker.once('message', resolve);
        worker.once('exit', resolve);
      });
      worker.postMessage('release');
      await released;
      await worker.terminate();
      await storage.close();
    }
  }, 30_000);
});
