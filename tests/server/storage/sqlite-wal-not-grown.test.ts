import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { madeInFile } from './made.js';

/**
 * The checkpoint worker does not grow the WAL file ahead of the commits (`sqlite-checkpointer.ts`):
 * writing its zeros cost more CPU than the commits then saved, in the first seconds of edits after
 * a start or an idle TRUNCATE. The commits extend the file as they come, and what a crash leaves
 * is recovered as ever.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const until = async (check: () => boolean, what: string): Promise<void> => {
  const deadline = Date.now() + 20_000;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect({ what, done: check() }).toEqual({ what, done: true });
};
/** Ticks of the worker (every 50 ms) with no write: ~20 of them. */
const quietTicks = (): Promise<void> => new Promise((r) => setTimeout(r, 1000));

describe('the WAL file, not grown ahead of the commits', () => {
  it('holds only what was written after quiet ticks at start, grows as the commits come, and a copy taken mid-run recovers every commit', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-walgrow-'));
    dirs.push(dir);
    const file = path.join(dir, 'samplan.db');
    const limit = 4 * 1024 * 1024;
    await madeInFile(file, { workspace: 'ws', doc: 'plan' });
    const storage = openSqliteStorage(file, { checkpointerAtOpen: true, checkpointEveryMs: 50, truncateWalEveryMs: 60_000, walLimitBytes: limit });
    const walSize = (): number => fs.statSync(`${file}-wal`).size;
    const ref = { workspace: 'ws', doc: 'plan' };
    try {
      await quietTicks();
      // The frames the schema's migrations wrote at open (~100–200 KiB), nothing more.
      const atStart = walSize();
      expect(atStart).toBeLessThan(limit / 4);
      for (let i = 0; i < 200; i++) await storage.appendUpdates(ref, [{ update: new Uint8Array(300).fill(i % 251), memberId: null }]);
      await quietTicks();
      // 200 commits of a page or two each: well past what was there, well under the limit.
      expect(walSize()).toBeGreaterThan(atStart);
      expect(walSize()).toBeLessThan(limit / 2);
      // What a crash leaves: the database and its WAL as they are.
      const copy = path.join(dir, 'copy.db');
      fs.copyFileSync(file, copy);
      fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
      const recovered = openSqliteStorage(copy);
      const loaded = await recovered.loadDoc(ref);
      expect(loaded.updates.map((u) => u[0])).toEqual(Array.from({ length: 200 }, (_, i) => i % 251));
      expect(loaded.lastSeq).toBe(200);
      await recovered.close();
    } finally {
      await storage.close();
    }
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  }, 40_000);

  it('holds its header, one frame of its own and the new commits after an idle TRUNCATE, quiet ticks after them included', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-walgrow-'));
    dirs.push(dir);
    const file = path.join(dir, 'samplan.db');
    const limit = 1024 * 1024;
    await madeInFile(file, { workspace: 'ws', doc: 'plan' });
    const storage = openSqliteStorage(file, { checkpointerAtOpen: true, checkpointEveryMs: 50, truncateWalEveryMs: 1000, walLimitBytes: limit });
    const walSize = (): number => fs.statSync(`${file}-wal`).size;
    const ref = { workspace: 'ws', doc: 'plan' };
    // The header and the frame the worker writes after a TRUNCATE (`sqlite-wal-header.test.ts`).
    const truncated = 32 + 24 + 4096;
    try {
      await storage.appendUpdates(ref, [{ update: new Uint8Array(100).fill(1), memberId: null }]);
      await until(() => walSize() === truncated, 'the idle TRUNCATE');
      for (let i = 0; i < 5; i++) await storage.appendUpdates(ref, [{ update: new Uint8Array(100).fill(2), memberId: null }]);
      await quietTicks();
      // Five commits of a page or two each, on top of the header and the worker's frame.
      expect(walSize()).toBeGreaterThan(truncated);
      expect(walSize()).toBeLessThanOrEqual(truncated + 5 * 3 * (24 + 4096));
      expect((await storage.loadDoc(ref)).updates).toHaveLength(6);
    } finally {
      await storage.close();
    }
  }, 40_000);
});
