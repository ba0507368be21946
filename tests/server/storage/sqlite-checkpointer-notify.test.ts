/**
 * The main thread tells the checkpoint worker of its commits with a counter, and wakes it
 * (`Atomics.notify`) only while the worker waits for one: amid the writes the worker ticks on its
 * own timer, and a notify per commit woke nobody (`sqlite-checkpointer.ts`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCheckpointer, type Checkpointer } from '../../../server/storage/sqlite-checkpointer.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { writeNow } from '../../../server/storage/storage.js';
import { made as madeDocs } from './made.js';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the checkpoint worker told of commits', () => {
  it('is woken by the first commit after it went to sleep, not notified at every commit, and checkpoints them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-ckpt-'));
    dirs.push(dir);
    const file = path.join(dir, 'samplan.db');
    let checkpointer: Checkpointer | null = null;
    const kept: typeof startCheckpointer = (...args) => (checkpointer = startCheckpointer(...args));
    const storage = openSqliteStorage(file, { startCheckpointer: kept, checkpointEveryMs: 50, truncateWalEveryMs: 60_000, checkpointerAtOpen: true });
    const append = writeNow(storage.appendUpdates);
    if (!append) throw new Error('the SQLite store has no synchronous append');
    const ref = { workspace: 'ws', doc: 'plan' };
    await madeDocs(storage, ref);
    const runs = (): number => (checkpointer as Checkpointer | null)?.runs() ?? 0;
    const until = async (check: () => boolean): Promise<void> => {
      const deadline = Date.now() + 10_000;
      while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    };
    append(ref, [{ update: new Uint8Array(100).fill(1), memberId: null }]);
    await until(() => runs() >= 1);
    expect(runs()).toBeGreaterThanOrEqual(1);
    // Several ticks without a write: the worker waits for the next one.
    await new Promise((r) => setTimeout(r, 300));
    const asleep = runs();
    const notify = vi.spyOn(Atomics, 'notify');
    // A room's commits, one after another in one synchronous run.
    for (let i = 0; i < 200; i++) append(ref, [{ update: new Uint8Array(100).fill(i % 251), memberId: null }]);
    const notified = notify.mock.calls.length;
    notify.mockRestore();
    // The first commit woke the sleeping worker; the other 199 did not notify.
    expect(notified).toBe(1);
    await until(() => runs() > asleep);
    expect(runs()).toBeGreaterThan(asleep);
    expect((await storage.loadDoc(ref)).updates).toHaveLength(201);
    await storage.close();
  }, 30_000);
});
