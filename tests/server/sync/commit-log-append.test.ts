/**
 * The commit log's promise-free queueing: `append` queues an update and answers its sequence
 * number; `whenStored` makes the promise of it being durable only for whoever asks, before or
 * after the write, and rejects with the write's error for an update a failed write did not store.
 */
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { CommitLog, type CommitLogHost, type Relayed } from '../../../server/sync/commit-log.js';
import { defaultSyncOptions } from '../../../server/sync/deps.js';
import { noopSyncMetrics } from '../../../server/sync/metrics.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { AppendItem, DocRef, DocumentStore } from '../../../server/storage/storage.js';
import { made } from '../storage/made.js';

const u = (n: number): Uint8Array => new Uint8Array([n, 0, 0]);

function logOn(storage: DocumentStore): { log: CommitLog<string>; relayed: string[]; broken: number[] } {
  const relayed: string[] = [];
  const broken: number[] = [];
  const host: CommitLogHost<string> = {
    applyForeign: () => undefined,
    relay: (batch: readonly Relayed<string>[]) => void relayed.push(...batch.map((r) => `${String(r.origin)}:${r.update[0]}`)),
    snapshot: () => new Uint8Array(),
    broke: () => void broken.push(1),
  };
  const deps = { storage, logger: pino({ level: 'silent' }), metrics: noopSyncMetrics, options: defaultSyncOptions };
  return { log: new CommitLog<string>({ workspace: 'ws', doc: 'd' }, deps, host, 0, 0), relayed, broken };
}

/**
 * A memory store holding the record of the log's document `ws/d` (every store appends only to a
 * document whose record is stored), whose appends fail from the `failFrom`-th call on; records what each call was handed.
 */
async function failingFrom(failFrom: number): Promise<DocumentStore & { handed: AppendItem[][] }> {
  const memory = createMemoryStorage();
  await made(memory, { workspace: 'ws', doc: 'd' });
  const handed: AppendItem[][] = [];
  return Object.assign(Object.create(memory) as DocumentStore, {
    handed,
    appendUpdates: (ref: DocRef, updates: AppendItem[]) => {
      if (updates.length === 0) return memory.appendUpdates(ref, updates);
      handed.push(updates);
      if (handed.length >= failFrom) return Promise.reject(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
      return memory.appendUpdates(ref, updates);
    },
  });
}

describe('commit log append', () => {
  it('numbers queued updates, stores them with their member, and tells whoever asks when they are durable', async () => {
    const storage = await failingFrom(Infinity);
    const { log, relayed } = logOn(storage);
    const first = log.append(u(1), 'anna', 'pa');
    const second = log.append(u(2), null, 'pb');
    expect([first, second]).toEqual([1, 2]);
    expect(log.clean).toBe(false);
    await log.whenStored(second);
    expect(log.clean).toBe(true);
    expect(relayed).toEqual(['pa:1', 'pb:2']);
    expect(storage.handed.map((items) => items.map((i) => [i.update[0], i.memberId, i.takeBacks]))).toEqual([[[1, 'anna', undefined], [2, null, undefined]]]);
    // Asked after the write: at once.
    await expect(log.whenStored(first)).resolves.toBeUndefined();
    expect((await storage.loadDoc({ workspace: 'ws', doc: 'd' })).updates.map((x) => x[0])).toEqual([1, 2]);
  });

  it('rejects with the write\u2019s error for an update a failed write did not store, asked before or after, and keeps an earlier durable one resolved', async () => {
    const storage = await failingFrom(2);
    const { log, relayed, broken } = logOn(storage);
    const kept = log.append(u(1), 'anna', 'pa');
    await log.whenStored(kept);
    const lost = log.append(u(2), 'anna', 'pa');
    const asked = log.whenStored(lost);
    await expect(asked).rejects.toThrow('database or disk is full');
    expect(broken).toEqual([1]);
    expect(relayed).toEqual(['pa:1']);
    await expect(log.whenStored(lost)).rejects.toThrow('database or disk is full');
    await expect(log.whenStored(kept)).resolves.toBeUndefined();
    await expect(log.push(u(3), null, null)).rejects.toThrow('database or disk is full');
  });

  it('holds back what is queued from a hold on, writes it with what is queued behind it in one batch once released, and closes only after', async () => {
    const storage = await failingFrom(Infinity);
    const { log, relayed } = logOn(storage);
    const before = log.append(u(1), 'anna', 'pa');
    const held = log.hold();
    const first = log.append(u(2), 'anna', 'pa');
    log.append(u(3), 'bo', 'pb');
    // What came before is written and relayed; nothing held is.
    await held.before;
    await log.whenStored(before);
    await new Promise((r) => setTimeout(r, 20));
    expect(relayed).toEqual(['pa:1']);
    let closed = false;
    const closing = log.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(false);
    // The replay the held update owes, queued behind it: one transaction with it.
    log.append(u(4), null, null);
    held.release();
    held.release();
    await log.whenStored(first);
    await closing;
    expect(relayed).toEqual(['pa:1', 'pa:2', 'pb:3', 'null:4']);
    expect(storage.handed.map((items) => items.map((i) => i.update[0]))).toEqual([[1], [2, 3, 4]]);
  });

  it('hands storage every update in one shape, with take-backs, audit lines or a record or without (one V8 map for the append of the store)', async () => {
    const storage = await failingFrom(Infinity);
    const at = '2026-01-15T10:00:00.000Z';
    const record = { workspace: 'ws', doc: 'plan', kind: 'activity-plan', title: 'Plan 2026', ownerUnit: 'vc-a', createdAt: at, updatedAt: at };
    // The record the rename below is written over (a record change over none is refused: `DocRecordGoneError`).
    await (storage as unknown as { putDocRecord(r: typeof record): Promise<void> }).putDocRecord({ ...record, title: 'Plan' });
    const { log } = logOn(storage);
    log.append(u(1), 'anna', 'pa');
    log.append(u(2), 'anna', 'pa', [{ at: 1, data: u(9) }]);
    log.append(u(3), 'anna', null, [], [{ workspace: 'ws', doc: 'plan', memberId: 'anna', action: 'import', bytes: 10, detail: 'imported 1, updated 0, refused 0' }]);
    const last = log.append(u(4), 'anna', null, [], [{ workspace: 'ws', doc: 'plan', memberId: 'anna', action: 'rename', bytes: 0, detail: null }], record);
    await log.whenStored(last);
    const items = storage.handed.flat();
    expect(items.map((i) => [i.takeBacks?.length, i.audit?.length, i.record?.title])).toEqual([[undefined, undefined, undefined], [1, undefined, undefined], [undefined, 1, undefined], [undefined, 1, 'Plan 2026']]);
    // The same fields in the same order: a field added to some objects only gives them another map.
    expect(items.map((i) => Object.keys(i).join(','))).toEqual(Array(4).fill('update,memberId,takeBacks,audit,record,origin,seq'));
  });
});
