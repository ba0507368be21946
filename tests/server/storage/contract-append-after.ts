/**
 * The compare-and-set append of the storage contract (`DocumentStore.appendAfter`): stored only
 * while the document's last sequence number is the one the caller read. Called by
 * `runStorageContract` for every adapter.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DocumentStore } from '../../../server/storage/storage.js';
import { DocRecordGoneError } from '../../../server/storage/storage-records.js';

const ref = { workspace: 'hbi-stockholm', doc: '~rounds' };
const u = (...values: number[]): Uint8Array => new Uint8Array(values);
const plain = (list: Uint8Array[]): number[][] => list.map((b) => Array.from(b));

/** {@link DocumentStore.appendAfter} against the store `get()` gives (fresh per test). */
export function appendAfterContract(get: () => DocumentStore): void {
  let s: DocumentStore;
  beforeEach(() => {
    s = get();
  });

  describe('compare-and-set append', () => {
    it('refuses a document with no record, as every append (DocRecordGoneError, nothing stored); the rounds, kept without one, are stored', async () => {
      const plan = { workspace: ref.workspace, doc: 'plan-husby' };
      await expect(s.appendAfter(plan, 0, [{ update: u(1), memberId: 'anna' }])).rejects.toBeInstanceOf(DocRecordGoneError);
      expect(await s.loadDoc(plan)).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
      expect(await s.appendAfter(ref, 0, [{ update: u(1), memberId: 'anna' }])).toBe(1);
    });

    it('appends after the last sequence number the caller read, from 0 for a new document', async () => {
      expect(await s.appendAfter(ref, 0, [{ update: u(1), memberId: 'anna' }])).toBe(1);
      expect(await s.appendAfter(ref, 1, [{ update: u(2), memberId: null }, { update: u(3), memberId: null }])).toBe(3);
      const loaded = await s.loadDoc(ref);
      expect(plain(loaded.updates)).toEqual([[1], [2], [3]]);
      expect(loaded.lastSeq).toBe(3);
    });

    it('stores nothing and answers null when another writer appended since', async () => {
      await s.appendUpdates(ref, [{ update: u(1), memberId: null }]);
      expect(await s.appendAfter(ref, 0, [{ update: u(7), memberId: 'anna' }])).toBeNull();
      await s.appendUpdates(ref, [{ update: u(2), memberId: null }]);
      expect(await s.appendAfter(ref, 1, [{ update: u(8), memberId: 'anna' }])).toBeNull();
      // A number ahead of the document's is refused too.
      expect(await s.appendAfter(ref, 5, [{ update: u(9), memberId: 'anna' }])).toBeNull();
      const loaded = await s.loadDoc(ref);
      expect(plain(loaded.updates)).toEqual([[1], [2]]);
      expect((await s.listUpdates(ref, 0, 10)).map((r) => r.memberId)).toEqual([null, null]);
    });

    it('lets exactly one of several appends after the same number store, at once', async () => {
      await s.appendUpdates(ref, [{ update: u(1), memberId: null }]);
      for (let round = 0; round < 5; round++) {
        const after = (await s.loadDoc(ref)).lastSeq;
        const answers = await Promise.all([1, 2, 3, 4, 5, 6].map((k) => s.appendAfter(ref, after, [{ update: u(10 * round + k), memberId: `m${k}` }])));
        expect(answers.filter((a) => a !== null)).toEqual([after + 1]);
        expect((await s.loadDoc(ref)).lastSeq).toBe(after + 1);
      }
    });

    it('continues after a compaction from the compacted head', async () => {
      await s.appendUpdates(ref, [{ update: u(1), memberId: null }, { update: u(2), memberId: null }]);
      await s.compact(ref, u(0, 0), 2);
      expect(await s.appendAfter(ref, 1, [{ update: u(3), memberId: null }])).toBeNull();
      expect(await s.appendAfter(ref, 2, [{ update: u(3), memberId: null }])).toBe(3);
    });
  });
}
