import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer, type Checkpointer } from '../../../server/storage/sqlite-checkpointer.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';

/**
 * Growing the WAL file (`sqlite-checkpointer-worker.ts`, `presize`) costs the process ~50–100 ms of
 * CPU and 128 holds of the writer gate. It ran as the worker started and at the first tick after
 * writes followed an idle TRUNCATE: in the middle of the connect storm that a server's start or a
 * region's morning brings, on the cores the storm needs. It now waits for a tick that finds no
 * write since the one before.
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

describe('the WAL file grown in a quiet moment', () => {
  it('is not grown while writes keep coming after the start, and is grown once they pause for a tick', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-walquiet-'));
    dirs.push(dir);
    const file = path.join(dir, 'samplan.db');
    const limit = 4 * 1024 * 1024;
    let checkpointer: Checkpointer | null = null;
    const kept: typeof startCheckpointer = (...args) => (checkpointer = startCheckpointer(...args));
    // Ticks of 500 ms: the writes below come every few ms, far more often than a tick; their frames
    // (at most ~400 of 4 KiB) stay well under the limit, so what grows the file to it is the worker.
    const storage = openSqliteStorage(file, { startCheckpointer: kept, checkpointerAtOpen: true, checkpointEveryMs: 500, truncateWalEveryMs: 60_000, walLimitBytes: limit });
    const holds = (): number => (checkpointer as Checkpointer | null)?.growHolds() ?? -1;
    const walSize = (): number => fs.statSync(`${file}-wal`).size;
    const ref = { workspace: 'ws', doc: 'plan' };
    try {
      // A storm's writes from the start, for about four ticks (fewer than the ten after which writes without a pause are grown under).
      const started = Date.now();
      let writes = 0;
      while (Date.now() - started < 2000) {
        await storage.appendUpdates(ref, [{ update: new Uint8Array(100).fill(writes % 251), memberId: null }]);
        writes++;
        await new Promise((r) => setTimeout(r, 5));
      }
      expect({ writes: writes > 50, holds: holds() }).toEqual({ writes: true, holds: 0 });
      // Quiet: grown at the next tick that finds no write.
      await until(() => walSize() === limit, 'the WAL grown once the writes paused');
      expect(holds()).toBeGreaterThan(0);
      expect((await storage.loadDoc(ref)).updates).toHaveLength(writes);
    } finally {
      await storage.close();
    }
  }, 40_000);

  it('is not grown again while the writes after an idle TRUNCATE keep coming (a morning storm), and is once they pause', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-walquiet-'));
    dirs.push(dir);
    const file = path.join(dir, 'samplan.db');
    const limit = 4 * 1024 * 1024;
    let checkpointer: Checkpointer | null = null;
    const kept: typeof startCheckpointer = (...args) => (checkpointer = startCheckpointer(...args));
    const storage = openSqliteStorage(file, { startCheckpointer: kept, checkpointerAtOpen: true, checkpointEveryMs: 500, truncateWalEveryMs: 1500, walLimitBytes: limit });
    const holds = (): number => (checkpointer as Checkpointer | null)?.growHolds() ?? -1;
    const walSize = (): number => fs.statSync(`${file}-wal`).size;
    const ref = { workspace: 'ws', doc: 'plan' };
    try {
      await until(() => walSize() === limit, 'the WAL grown at the first quiet tick');
      await storage.appendUpdates(ref, [{ update: new Uint8Array(100).fill(1), memberId: null }]);
      // Its header and the one frame the worker writes after the TRUNCATE (`sqlite-wal-header.test.ts`).
      await until(() => walSize() <= 32 + 24 + 4096, 'the WAL truncated once writes stopped');
      const before = holds();
      const started = Date.now();
      let writes = 1;
      while (Date.now() - started < 2000) {
        await storage.appendUpdates(ref, [{ update: new Uint8Array(100).fill(writes % 251), memberId: null }]);
        writes++;
        await new Promise((r) => setTimeout(r, 5));
      }
      expect({ writes: writes > 50, holds: holds() - before }).toEqual({ writes: true, holds: 0 });
      await until(() => walSize() === limit, 'the WAL grown again once the writes paused');
      expect(holds()).toBeGreaterThan(before);
      expect((await storage.loadDoc(ref)).updates).toHaveLength(writes);
    } finally {
      await storage.close();
    }
  }, 60_000);

  it('is grown under writes that never pause, after ten ticks of them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-walquiet-'));
    dirs.push(dir);
    const file = path.join(dir, 'samplan.db');
    const limit = 4 * 1024 * 1024;
    let checkpointer: Checkpointer | null = null;
    const kept: typeof startCheckpointer = (...args) => (checkpointer = startCheckpointer(...args));
    const storage = openSqliteStorage(file, { startCheckpointer: kept, checkpointerAtOpen: true, checkpointEveryMs: 50, truncateWalEveryMs: 60_000, walLimitBytes: limit });
    const holds = (): number => (checkpointer as Checkpointer | null)?.growHolds() ?? -1;
    const ref = { workspace: 'ws', doc: 'plan' };
    try {
      const deadline = Date.now() + 20_000;
      while (holds() === 0 && Date.now() < deadline) {
        await storage.appendUpdates(ref, [{ update: new Uint8Array(100).fill(1), memberId: null }]);
        await new Promise((r) => setTimeout(r, 2));
      }
      expect(holds()).toBeGreaterThan(0);
    } finally {
      await storage.close();
    }
  }, 40_000);
});
