/**
 * The region bench's `samplan-unstored` server numbers its edits without writing them, so that
 * beside Samplan in one run it shows what persisting every edit costs: the numbers must go on from
 * what storage holds (the commit log checks them), and nothing after a document's first append may
 * reach the file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { writeNow, type DocRef, type Storage } from '../../server/storage/storage.js';
import { regionDoc, regionState, seedRegion } from '../../bench/support/region-seed.js';
import { BENCH_WS } from '../../bench/support/bench-seed.js';
import { unstoredAppends } from '../../bench/support/unstored-appends.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A one-cell-ish update on a fresh client: distinct bytes per call. */
function edit(i: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set('k', i);
  return Y.encodeStateAsUpdate(doc);
}

/** Run `fn` on a fresh SQLite store in its own folder holding one seeded region document `ref`; the store is closed after. */
async function withSeeded(fn: (storage: Storage, ref: DocRef, dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'unstored-'));
  dirs.push(dir);
  const storage = openSqliteStorage(join(dir, 's.db'), { durability: 'normal' });
  try {
    await seedRegion(storage, 1, regionState(), 'log');
    await fn(storage, { workspace: BENCH_WS, doc: regionDoc(0) }, dir);
  } finally {
    await storage.close();
  }
}

describe('unstoredAppends', () => {
  it("writes each document's first append and numbers the rest on from it without writing them", async () => {
    await withSeeded(async (storage, ref) => {
      const before = await storage.appendUpdates(ref, []);
      const counts = unstoredAppends(storage);
      const now = writeNow(storage.appendUpdates);
      expect(now).toBeDefined();
      expect(storage.appendMany).toBeUndefined();
      expect(now!(ref, [{ update: edit(1), memberId: null }])).toBe(before + 1);
      expect(now!(ref, [{ update: edit(2), memberId: null }, { update: edit(3), memberId: null }])).toBe(before + 3);
      expect(await storage.appendUpdates(ref, [{ update: edit(4), memberId: null }])).toBe(before + 4);
      // An empty batch reads the count as the commit log last left it.
      expect(await storage.appendUpdates(ref, [])).toBe(before + 4);
      expect([counts.written, counts.skipped]).toEqual([1, 2]);
      // Storage holds the first append only: its last number is the one before the skipped ones.
      expect((await storage.loadDoc(ref)).lastSeq).toBe(before + 1);
    });
  });

  it('refuses a store without a synchronous append', () => {
    const store = { appendUpdates: async () => 1 };
    expect(() => unstoredAppends(store as never)).toThrow(/synchronous append/);
  });
});
