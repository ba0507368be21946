import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer, type Checkpointer } from '../../../server/storage/sqlite-checkpointer.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const until = async (check: () => boolean, what: string): Promise<void> => {
  const deadline = Date.now() + 10_000;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect({ what, done: check() }).toEqual({ what, done: true });
};

describe('the WAL file grown ahead of the commits', () => {
  it('is grown to its limit once the worker runs, commits then write inside it, and a copy taken mid-run recovers every commit', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-walsize-'));
    dirs.push(dir);
    const file = path.join(dir, 'samplan.db');
    const limit = 2 * 1024 * 1024;
    const storage = openSqliteStorage(file, { checkpointerAtOpen: true, checkpointEveryMs: 50, truncateWalEveryMs: 60_000, walLimitBytes: limit });
    const walSize = (): number => fs.statSync(`${file}-wal`).size;
    await until(() => walSize() === limit, 'the WAL grown to its limit before any write');
    const ref = { workspace: 'ws', doc: 'plan' };
    // ~1 MB of frames: inside the grown file, so no commit extends it.
    for (let i = 0; i < 200; i++) {
      await storage.appendUpdates(ref, [{ update: new Uint8Array(300).fill(i % 251), memberId: null }]);
      expect(walSize()).toBe(limit);
    }
    // What a crash leaves: the database and its WAL, the frames followed by the zeros not yet written over.
    const copy = path.join(dir, 'copy.db');
    fs.copyFileSync(file, copy);
    fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    const recovered = openSqliteStorage(copy);
    const loaded = await recovered.loadDoc(ref);
    expect(loaded.updates.map((u) => u[0])).toEqual(Array.from({ length: 200 }, (_, i) => i % 251));
    expect(loaded.lastSeq).toBe(200);
    await recovered.close();
    await storage.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  }, 30_000);

  it('is grown 128 KiB per hold of the writer gate, so a commit of the main thread meanwhile waits for one small step, not a MiB of writes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-walsize-'));
    dirs.push(dir);
    const file = path.join(dir, 'samplan.db');
    const limit = 4 * 1024 * 1024;
    let checkpointer: Checkpointer | null = null;
    const kept: typeof startCheckpointer = (...args) => (checkpointer = startCheckpointer(...args));
    const storage = openSqliteStorage(file, { startCheckpointer: kept, checkpointerAtOpen: true, checkpointEveryMs: 50, truncateWalEveryMs: 60_000, walLimitBytes: limit });
    const walSize = (): number => fs.statSync(`${file}-wal`).size;
    const ref = { workspace: 'ws', doc: 'plan' };
    const holds = (): number => (checkpointer as Checkpointer | null)?.growHolds() ?? 0;
    // What is left to grow when growing begins: past the frames the schema's migrations wrote at
    // open (~100 KiB at schema version 10) and the commits' frames until then (growing waits for a
    // quiet tick, or ten ticks of writes: `sqlite-wal-grow-quiet.test.ts`).
    let toGrow = limit - walSize();
    try {
      // Commits go on while it grows: each waits at most for the hold under way.
      while (walSize() < limit) {
        if (holds() === 0) toGrow = limit - walSize();
        await storage.appendUpdates(ref, [{ update: new Uint8Array(100).fill(1), memberId: null }]);
        await new Promise((r) => setTimeout(r, 1));
      }
      // At 128 KiB a hold one per 128 KiB left, fewer by the frames the commits wrote meanwhile;
      // at 1 MiB a hold one per MiB. At least half of 128 KiB's count: no hold averaged over 256 KiB.
      expect(holds()).toBeGreaterThanOrEqual(Math.floor(toGrow / (256 * 1024)));
      expect(Math.floor(toGrow / (256 * 1024))).toBeGreaterThanOrEqual(2);
      expect((await storage.loadDoc(ref)).updates.length).toBeGreaterThan(0);
    } finally {
      await storage.close();
    }
  }, 30_000);

  it('is grown again when writes come after the idle TRUNCATE cut it to its header and one frame', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-walsize-'));
    dirs.push(dir);
    const file = path.join(dir, 'samplan.db');
    const limit = 1024 * 1024;
    const storage = openSqliteStorage(file, { checkpointerAtOpen: true, checkpointEveryMs: 50, truncateWalEveryMs: 1000, walLimitBytes: limit });
    const walSize = (): number => fs.statSync(`${file}-wal`).size;
    const ref = { workspace: 'ws', doc: 'plan' };
    await until(() => walSize() === limit, 'the WAL grown at open');
    await storage.appendUpdates(ref, [{ update: new Uint8Array(100).fill(1), memberId: null }]);
    // Its header and the one frame the worker writes after the TRUNCATE (`sqlite-wal-header.test.ts`).
    await until(() => walSize() <= 32 + 24 + 4096, 'the WAL truncated once writes stopped');
    await storage.appendUpdates(ref, [{ update: new Uint8Array(100).fill(2), memberId: null }]);
    await until(() => walSize() === limit, 'the WAL grown again after the next write');
    expect((await storage.loadDoc(ref)).updates.map((u) => u[0])).toEqual([1, 2]);
    await storage.close();
  }, 30_000);

  // A 40 MB file system: less than the 64 MiB the growth must leave free, so the WAL is not grown.
  const small = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-walsmall-'));
  let mounted = false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=40m', 'tmpfs', small], { stdio: 'ignore' });
    mounted = true;
  } catch {
    fs.rmSync(small, { recursive: true, force: true });
  }
  afterAll(() => {
    if (!mounted) return;
    execFileSync('umount', [small]);
    fs.rmSync(small, { recursive: true, force: true });
  });
  it.skipIf(!mounted)('is not grown on a disk without 64 MiB free beyond it, where it would take the space the edits need (needs a tmpfs mount)', async () => {
    const file = path.join(small, 'samplan.db');
    const limit = 1024 * 1024;
    const storage = openSqliteStorage(file, { checkpointerAtOpen: true, checkpointEveryMs: 50, truncateWalEveryMs: 60_000, walLimitBytes: limit });
    try {
      const ref = { workspace: 'ws', doc: 'plan' };
      await storage.appendUpdates(ref, [{ update: new Uint8Array(100).fill(1), memberId: null }]);
      // Several worker ticks after the write, which is when a grow would run.
      await new Promise((r) => setTimeout(r, 500));
      await storage.appendUpdates(ref, [{ update: new Uint8Array(100).fill(2), memberId: null }]);
      await new Promise((r) => setTimeout(r, 500));
      expect(fs.statSync(`${file}-wal`).size).toBeLessThan(limit / 4);
      expect((await storage.loadDoc(ref)).updates.map((u) => u[0])).toEqual([1, 2]);
    } finally {
      await storage.close();
    }
  }, 30_000);
});
