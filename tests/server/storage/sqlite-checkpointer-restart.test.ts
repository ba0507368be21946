import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer, type Checkpointer } from '../../../server/storage/sqlite-checkpointer.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { made as madeDocs } from './made.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the WAL restart past its limit', () => {
  it('waits for a tick with no write, so no commit amid the edits waits on it; then comes at once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-ckpt-'));
    dirs.push(dir);
    const file = path.join(dir, 'samplan.db');
    let checkpointer: Checkpointer | null = null;
    const kept: typeof startCheckpointer = (...args) => (checkpointer = startCheckpointer(...args));
    // Above what the WAL holds when the worker first runs (0.4-0.6 MiB at load 16: madeDocs and the writes while its thread starts).
    const limit = 1024 * 1024;
    const storage = openSqliteStorage(file, { startCheckpointer: kept, checkpointEveryMs: 50, truncateWalEveryMs: 60_000, walLimitBytes: limit });
    const ref = { workspace: 'ws', doc: 'plan' };
    await madeDocs(storage, ref);
    const walBytes = (): number => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
    // 2 KB updates a few ms apart, as edits keep coming, until the WAL holds 1.9 times the limit
    // (short of twice, where the restart no longer waits): ~0.9 MiB past it, 150 or more commits
    // and many of the worker's 50 ms ticks, in each of which it would have restarted the WAL amid
    // the writes (and trimmed its file to the limit).
    let written = 0;
    const write = async (): Promise<void> => {
      await storage.appendUpdates(ref, [{ update: new Uint8Array(2000).fill(written % 251), memberId: null }]);
      written++;
      await new Promise((r) => setTimeout(r, 3));
    };
    // First until the worker has checkpointed once: on a loaded machine its thread takes a while
    // to start, and the WAL grows meanwhile whatever the worker would do.
    await write();
    const ck = checkpointer as Checkpointer | null;
    while ((ck?.runs() ?? 0) === 0 && written < 2000) await write();
    while (walBytes() < 1.9 * limit && written < 1000) await write();
    expect(walBytes()).toBeGreaterThanOrEqual(1.9 * limit);
    expect(ck?.restarts()).toBe(0);
    // The writes pause: the next tick that saw none restarts it.
    const deadline = Date.now() + 5000;
    while ((ck?.restarts() ?? 0) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(ck?.restarts()).toBe(1);
    expect((await storage.loadDoc(ref)).updates).toHaveLength(written);
    await storage.close();
  }, 30_000);
});
