import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Checkpointer } from '../../../server/storage/sqlite-checkpointer.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { made } from './made.js';

/** A checkpointer that never runs: the WAL only grows, so its size counts the pages commits wrote. */
const noCheckpoints = (): Checkpointer => ({ wrote() {}, write: (transaction) => transaction(), writeWith: (transaction, a, b) => transaction(a, b), runs: () => 0, restarts: () => 0, longestWaitMs: () => 0, stop: async () => {} });
const FRAME = 4096 + 24;

describe('SQLite commit shape', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-commit-'));
    file = path.join(dir, 'samplan.db');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes one page to the WAL for a commit of one small update (one B-tree keyed by one integer, no index; no record rewrite within the minute)', async () => {
    let now = Date.parse('2026-03-02T09:00:00.000Z');
    const s = openSqliteStorage(file, { startCheckpointer: noCheckpoints, clock: () => new Date(now) });
    const ref = { workspace: 'hbi-stockholm', doc: 'plan' };
    await s.putDocRecord({ ...ref, kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc-husby', createdAt: '2026-03-02T08:00:00.000Z', updatedAt: '2026-03-02T08:00:00.000Z' });
    await s.appendUpdates(ref, [{ update: new Uint8Array(40).fill(1), memberId: 'm-a' }]);
    const wal = (): number => fs.statSync(`${file}-wal`).size;
    const pages: number[] = [];
    for (let i = 0; i < 20; i++) {
      now += 1000;
      const before = wal();
      await s.appendUpdates(ref, [{ update: new Uint8Array(40).fill(i), memberId: 'm-a' }]);
      pages.push((wal() - before) / FRAME);
    }
    expect(pages).toEqual(Array.from({ length: 20 }, () => 1));
    // A minute on, the record's updatedAt moves again: that commit also writes the record's page.
    now += 60_000;
    const before = wal();
    await s.appendUpdates(ref, [{ update: new Uint8Array(40).fill(9), memberId: 'm-a' }]);
    expect((wal() - before) / FRAME).toBe(2);
    expect((await s.getDocRecord(ref))?.updatedAt).toBe(new Date(now).toISOString());
    expect((await s.listUpdates(ref, 0, 100)).map((u) => u.seq)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    await s.close();
  });

  it('moves updatedAt at the next append after the record was written again through the store', async () => {
    let now = Date.parse('2026-03-02T09:00:00.000Z');
    const s = openSqliteStorage(file, { clock: () => new Date(now) });
    const ref = { workspace: 'hbi-stockholm', doc: 'plan' };
    const record = { ...ref, kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc-husby', createdAt: '2026-03-02T08:00:00.000Z', updatedAt: '2026-03-02T08:00:00.000Z' };
    await s.putDocRecord(record);
    await s.appendUpdates(ref, [{ update: Uint8Array.of(1), memberId: null }]);
    now += 5_000;
    // Written back with an old time (a restore, an import): the next append moves it, within the minute.
    await s.putDocRecord(record);
    await s.appendUpdates(ref, [{ update: Uint8Array.of(2), memberId: null }]);
    expect((await s.getDocRecord(ref))?.updatedAt).toBe('2026-03-02T09:00:05.000Z');
    await s.close();
  });

  it('waits for another connection’s write lock with a lone update instead of failing with SQLITE_BUSY', async () => {
    const s = openSqliteStorage(file);
    const ref = { workspace: 'hbi-stockholm', doc: 'plan' };
    await made(s, ref);
    await s.appendUpdates(ref, [{ update: Uint8Array.of(1), memberId: null }]);
    await s.appendUpdates(ref, [{ update: Uint8Array.of(2), memberId: null }]);
    // Another connection (the CLI) holds the write lock for 300 ms and appends update 3 meanwhile;
    // it notes the time (epoch µs) just before it lets go of it.
    const released = new BigInt64Array(new SharedArrayBuffer(8));
    const holder = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const Database = require(workerData.module);
       const db = new Database(workerData.file);
       db.exec('BEGIN IMMEDIATE');
       db.prepare("INSERT INTO update_log (workspace, doc, seq, at, member_id, data) VALUES ('hbi-stockholm', 'plan', 3, '2026-03-02T09:00:00.000Z', NULL, x'03')").run();
       parentPort.postMessage('locked');
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
       Atomics.store(workerData.released, 0, BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)));
       db.exec('COMMIT');
       db.close();
       parentPort.postMessage('done');`,
      { eval: true, workerData: { file, module: createRequire(import.meta.url).resolve('better-sqlite3'), released } },
    );
    await new Promise<void>((resolve) => holder.once('message', () => resolve()));
    expect(await s.appendUpdates(ref, [{ update: Uint8Array.of(4), memberId: null }])).toBe(4);
    // It waited for the lock: it returned after the holder let go, however late this thread came
    // to it (a busy machine can keep it off the cores for most of the 300 ms).
    const appended = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000));
    const letGo = Atomics.load(released, 0);
    expect(letGo).toBeGreaterThan(0n);
    expect(appended).toBeGreaterThanOrEqual(letGo);
    await new Promise<void>((resolve) => holder.once('exit', () => resolve()));
    expect((await s.listUpdates(ref, 0, 10)).map((u) => [u.seq, ...u.update])).toEqual([[1, 1], [2, 2], [3, 3], [4, 4]]);
    await s.close();
  });
  it('remembers no touch of the record from a write that was rolled back, so the next append within the minute moves updatedAt', async () => {
    let now = Date.parse('2026-03-02T09:00:00.000Z');
    const s = openSqliteStorage(file, { clock: () => new Date(now) });
    const plan = { workspace: 'hbi-stockholm', doc: 'plan' };
    const other = { workspace: 'hbi-stockholm', doc: 'other' };
    const old = '2026-03-02T08:00:00.000Z';
    await s.putDocRecord({ ...plan, kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc-husby', createdAt: old, updatedAt: old });
    // One transaction for two documents whose second batch fails (a NOT NULL column): the record
    // update of the first is rolled back with it.
    await expect(
      s.appendMany?.([
        { ref: plan, updates: [{ update: Uint8Array.of(1), memberId: null }] },
        { ref: other, updates: [{ update: null as unknown as Uint8Array, memberId: null }] },
      ]),
    ).rejects.toThrow();
    expect((await s.getDocRecord(plan))?.updatedAt).toBe(old);
    expect(await s.appendUpdates(plan, [])).toBe(0);
    now += 5_000;
    await s.appendUpdates(plan, [{ update: Uint8Array.of(2), memberId: null }]);
    expect((await s.getDocRecord(plan))?.updatedAt).toBe('2026-03-02T09:00:05.000Z');
    await s.close();
  });

  it('commits appends through the checkpointer with one function made at open, no closure per commit', async () => {
    const passed: { write: number; fns: Set<unknown> } = { write: 0, fns: new Set() };
    const counting = (): Checkpointer => ({
      ...noCheckpoints(),
      write: (transaction) => (passed.write++, transaction()),
      writeWith: (transaction, a, b) => (passed.fns.add(transaction), transaction(a, b)),
    });
    const s = openSqliteStorage(file, { startCheckpointer: counting, checkpointerAtOpen: true });
    const plans = ['plan-a', 'plan-b'].map((doc) => ({ workspace: 'hbi-stockholm', doc }));
    for (const ref of plans) await s.putDocRecord({ ...ref, kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc-husby', createdAt: '2026-03-02T08:00:00.000Z', updatedAt: '2026-03-02T08:00:00.000Z' });
    passed.write = 0;
    for (let i = 0; i < 5; i++) {
      await s.appendUpdates(plans[i % 2] as (typeof plans)[number], [{ update: Uint8Array.of(i), memberId: 'm-a' }]);
      await s.appendMany?.(plans.map((ref) => ({ ref, updates: [{ update: Uint8Array.of(10 + i), memberId: 'm-a' }] })));
    }
    // One function for single appends, one for batches of several documents: the same at every commit.
    expect({ closures: passed.write, functions: passed.fns.size }).toEqual({ closures: 0, functions: 2 });
    expect((await s.listUpdates(plans[0] as (typeof plans)[number], 0, 100)).length).toBe(3 + 5);
    await s.close();
  });
});
