import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { made, madeInFile } from './made.js';

/** A WAL holding its header and one frame of a 4 KiB page: what the worker leaves after an idle TRUNCATE. */
const PRIMED_BYTES = 32 + 24 + 4096;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const until = async (check: () => boolean, what: string): Promise<void> => {
  const deadline = Date.now() + 10_000;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect({ what, done: check() }).toEqual({ what, done: true });
};

/**
 * The WAL file's 32-byte header when it holds a valid one (SQLite's magic 0x377f0682 or
 * 0x377f0683, big-endian), else null (no file, empty, or zeros). A commit that restarts or starts
 * the WAL writes a new header (new salts) and fsyncs it; one that appends leaves it as it was.
 */
function walHeader(file: string): string | null {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(`${file}-wal`).subarray(0, 32);
  } catch {
    return null;
  }
  if (bytes.length < 32) return null;
  const magic = bytes.readUInt32BE(0);
  return magic === 0x377f0682 || magic === 0x377f0683 ? bytes.toString('hex') : null;
}

describe("the WAL's header written by the checkpoint worker, not by the main thread's commits", () => {
  it('is there once the worker has started, and the first commit of the main thread appends to it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-walhdr-'));
    dirs.push(dir);
    const file = path.join(dir, 'samplan.db');
    // A store written and closed before, as a server finds its file at a restart: no WAL left.
    const before = openSqliteStorage(file);
    const ref = { workspace: 'ws', doc: 'plan' };
    await made(before, ref);
    await before.appendUpdates(ref, [{ update: new Uint8Array(100).fill(1), memberId: null }]);
    await before.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const storage = openSqliteStorage(file, { checkpointerAtOpen: true, checkpointEveryMs: 50, truncateWalEveryMs: 60_000, walLimitBytes: 1024 * 1024 });
    try {
      await until(() => walHeader(file) !== null, 'the WAL has a header before the main thread wrote');
      const header = walHeader(file);
      await storage.appendUpdates(ref, [{ update: new Uint8Array(100).fill(2), memberId: null }]);
      await storage.appendUpdates(ref, [{ update: new Uint8Array(100).fill(3), memberId: null }]);
      // Appended: the header (its salts) is the worker's, so the main thread wrote and synced none.
      expect(walHeader(file)).toBe(header);
      expect((await storage.loadDoc(ref)).updates.map((u) => u[0])).toEqual([1, 2, 3]);
    } finally {
      await storage.close();
    }
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  }, 30_000);

  it('is written again right after each idle TRUNCATE, so the first edit after a quiet spell appends to it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-walhdr-'));
    dirs.push(dir);
    const file = path.join(dir, 'samplan.db');
    await madeInFile(file, { workspace: 'ws', doc: 'plan' });
    const storage = openSqliteStorage(file, { checkpointerAtOpen: true, checkpointEveryMs: 50, truncateWalEveryMs: 300 });
    const walSize = (): number => fs.statSync(`${file}-wal`).size;
    const ref = { workspace: 'ws', doc: 'plan' };
    try {
      await until(() => walHeader(file) !== null, 'the header written at start');
      for (let round = 1; round <= 2; round++) {
        await storage.appendUpdates(ref, [{ update: new Uint8Array(4000).fill(round), memberId: null }]);
        expect(walSize()).toBeGreaterThan(PRIMED_BYTES);
        // Truncated once the writes stopped, then given a header and one frame of the worker's.
        await until(() => walSize() <= PRIMED_BYTES && walHeader(file) !== null, `round ${round}: truncated and given a header`);
        const header = walHeader(file);
        await storage.appendUpdates(ref, [{ update: new Uint8Array(100).fill(10 + round), memberId: null }]);
        expect(walHeader(file)).toBe(header);
      }
      expect((await storage.loadDoc(ref)).updates.map((u) => u[0])).toEqual([1, 11, 2, 12]);
    } finally {
      await storage.close();
    }
    // Closing still folds everything in and removes the WAL.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  }, 30_000);
});
