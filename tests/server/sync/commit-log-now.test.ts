/**
 * On a store whose writes are synchronous (SQLite), the commit log writes through the append's
 * synchronous form (`writeNow`) and relays in the same turn: no promise is made between the
 * commit and the sends, alone or in a group commit. A wrapper keeps that form and its fault
 * handling (`watchStorage`); a double that replaces the append is what writes.
 */
import { createHook } from 'node:async_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { CommitLog, type CommitLogHost, type Relayed } from '../../../server/sync/commit-log.js';
import { GroupCommit } from '../../../server/sync/group-commit.js';
import { defaultSyncOptions } from '../../../server/sync/deps.js';
import { noopSyncMetrics } from '../../../server/sync/metrics.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { watchStorage, StorageUnavailableError } from '../../../server/storage/watched.js';
import { withNow, writeNow, type AppendItem, type DocRef, type DocumentStore, type Storage } from '../../../server/storage/storage.js';
import { made as madeDocs } from '../storage/made.js';

const u = (n: number): Uint8Array => new Uint8Array([n, 0, 0]);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A store on a new file, documents `ws/a` and `ws/b` made. */
async function sqlite(): Promise<Storage> {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-now-'));
  dirs.push(dir);
  const store = openSqliteStorage(join(dir, 'n.db'));
  await madeDocs(store, { workspace: 'ws', doc: 'a' }, { workspace: 'ws', doc: 'b' });
  return store;
}

/** Counts the promises made from the start of each append until the relay after it. */
function promiseCounter(): { start(): void; stop(): number } {
  let counting = false;
  let made = 0;
  const hook = createHook({
    init(_id, type) {
      if (counting && type === 'PROMISE') made++;
    },
  }).enable();
  return {
    start: () => void (counting = true),
    stop: () => {
      counting = false;
      hook.disable();
      return made;
    },
  };
}

/** `store` with its appends starting `counter` (both forms, so the old path is counted alike). */
function counted(store: Storage, counter: { start(): void }): DocumentStore {
  const one = store.appendUpdates;
  const many = store.appendMany!;
  const oneNow = writeNow(one)!;
  const manyNow = writeNow(many)!;
  return Object.assign(Object.create(store) as DocumentStore, {
    appendUpdates: withNow(
      (ref: DocRef, items: AppendItem[]) => (counter.start(), one(ref, items)),
      (ref: DocRef, items: AppendItem[]) => (counter.start(), oneNow(ref, items)),
    ),
    appendMany: withNow(
      (batches: { ref: DocRef; updates: AppendItem[] }[]) => (counter.start(), many(batches)),
      (batches: { ref: DocRef; updates: AppendItem[] }[]) => (counter.start(), manyNow(batches)),
    ),
  });
}

function logsOn(storage: DocumentStore, group: GroupCommit | undefined, docs: string[], relayed: (doc: string, batch: readonly Relayed<string>[]) => void): CommitLog<string>[] {
  return docs.map((doc) => {
    const host: CommitLogHost<string> = {
      applyForeign: () => undefined,
      relay: (batch) => relayed(doc, batch),
      snapshot: () => new Uint8Array(),
      broke: () => undefined,
    };
    const deps = { storage, logger: pino({ level: 'silent' }), metrics: noopSyncMetrics, options: defaultSyncOptions, group };
    return new CommitLog<string>({ workspace: 'ws', doc }, deps, host, 0, 0);
  });
}

describe('commit log on a synchronous store', () => {
  for (const rooms of [1, 2]) {
    it(`commits and relays ${rooms === 1 ? 'one room' : 'a group of two rooms'} with no promise between the commit and the sends`, async () => {
      const store = await sqlite();
      const counter = promiseCounter();
      let made = -1;
      const relayed: string[] = [];
      let done: () => void = () => undefined;
      const all = new Promise<void>((resolve) => (done = resolve));
      const storage = counted(store, counter);
      const docs = ['a', 'b'].slice(0, rooms);
      const logs = logsOn(storage, new GroupCommit(storage), docs, (doc, batch) => {
        relayed.push(...batch.map((r) => `${doc}:${r.update[0]}`));
        if (relayed.length === rooms) {
          made = counter.stop();
          done();
        }
      });
      logs.forEach((log, i) => log.append(u(i + 1), 'anna', 'pa'));
      await all;
      expect(relayed.sort()).toEqual(docs.map((d, i) => `${d}:${i + 1}`));
      expect(made).toBe(0);
      expect((await store.loadDoc({ workspace: 'ws', doc: 'a' })).updates.map((x) => x[0])).toEqual([1]);
      await store.close();
    });
  }

  it('keeps the synchronous form through watchStorage, with a fault as StorageUnavailableError remembered, and drops it with a replaced append', async () => {
    const store = await sqlite();
    const watched = watchStorage(store);
    const now = writeNow(watched.storage.appendUpdates);
    expect(now).toBeTypeOf('function');
    expect(now!({ workspace: 'ws', doc: 'a' }, [{ update: u(1), memberId: null }])).toBe(1);
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    store.appendUpdates = withNow(
      () => Promise.reject(full),
      () => {
        throw full;
      },
    );
    expect(() => writeNow(watched.storage.appendUpdates)!({ workspace: 'ws', doc: 'a' }, [{ update: u(2), memberId: null }])).toThrow(StorageUnavailableError);
    expect(watched.fault()?.reason).toBe('database or disk is full');
    store.appendUpdates = () => Promise.reject(full);
    expect(writeNow(watched.storage.appendUpdates)).toBeUndefined();
    await store.close();
  });
});
