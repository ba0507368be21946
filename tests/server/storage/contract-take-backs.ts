/**
 * The take-back half of the storage contract (`AppendItem.takeBacks`, `StoredDoc.takeBacks`): a
 * document's take-backs are stored in the transaction of the update that writes them, loaded with
 * the document, pruned in the same write to the newest `TAKE_BACK_LIMIT` of at most
 * `TAKE_BACK_BYTES` (whatever their age; `contract-take-back-paste.ts`), and deleted with the
 * document. Called by `runStorageContract` for every adapter.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { TAKE_BACK_LIMIT } from '../../../server/storage/limits.js';
import type { Storage } from '../../../server/storage/storage.js';
import type { StorageContractOptions, StorageFixture } from './contract.js';
import { made } from './made.js';
import { takeBackPasteContract } from './contract-take-back-paste.js';

const ref = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
const other = { workspace: 'hbi-stockholm', doc: 'plan-rinkeby' };
const u = (...values: number[]): Uint8Array => new Uint8Array(values);
const plain = (list: Uint8Array[] | undefined): number[][] => (list ?? []).map((b) => Array.from(b));
const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const tb = (n: number, at = T0): { at: number; data: Uint8Array } => ({ at, data: u(n % 256, Math.floor(n / 256)) });

/** Take-backs stored, loaded, pruned and deleted, against the store `get()` gives (fresh per test). */
export function takeBackContract(get: () => { fx: StorageFixture; s: Storage }, options: StorageContractOptions): void {
  describe('take-backs stored with the document', () => {
    let s: Storage;
    let fx: StorageFixture;
    beforeEach(async () => {
      ({ fx, s } = get());
      await made(s, ref, other);
    });

    takeBackPasteContract(() => s);

    it('loads the take-backs an append stored with the document, oldest first, and none for another document', async () => {
      await s.appendUpdates(ref, [{ update: u(1), memberId: null }]);
      expect((await s.loadDoc(ref)).takeBacks ?? []).toEqual([]);
      await s.appendUpdates(ref, [
        { update: u(2), memberId: 'anna', takeBacks: [tb(1), tb(2)] },
        { update: u(3), memberId: null },
      ]);
      await s.appendUpdates(ref, [{ update: u(4), memberId: null, takeBacks: [tb(3, T0 + 1000)] }]);
      const loaded = await s.loadDoc(ref);
      expect(plain(loaded.updates)).toEqual([[1], [2], [3], [4]]);
      expect(plain(loaded.takeBacks)).toEqual([[1, 0], [2, 0], [3, 0]]);
      expect((await s.loadDoc(other)).takeBacks ?? []).toEqual([]);
      expect((await s.loadDoc({ workspace: 'lan-jonkoping', doc: ref.doc })).takeBacks ?? []).toEqual([]);
    });

    it('reads the stored take-backs alone as loadDoc answers them', async () => {
      const loadTakeBacks = s.loadTakeBacks?.bind(s);
      if (!loadTakeBacks) throw new Error('this store offers no loadTakeBacks');
      expect(await loadTakeBacks(ref)).toEqual([]);
      await s.appendUpdates(ref, [{ update: u(1), memberId: null, takeBacks: [tb(1), tb(2)] }]);
      await s.appendUpdates(other, [{ update: u(1), memberId: null, takeBacks: [tb(3)] }]);
      expect(plain(await loadTakeBacks(ref))).toEqual([[1, 0], [2, 0]]);
      expect(plain(await loadTakeBacks(ref))).toEqual(plain((await s.loadDoc(ref)).takeBacks));
      await s.deleteDoc(ref);
      expect(await loadTakeBacks(ref)).toEqual([]);
    });

    it('stores a copy of the take-back bytes', async () => {
      const data = u(5, 6, 7);
      await s.appendUpdates(ref, [{ update: u(1), memberId: null, takeBacks: [{ at: T0, data }] }]);
      data[0] = 99;
      expect(plain((await s.loadDoc(ref)).takeBacks)).toEqual([[5, 6, 7]]);
    });

    it('keeps the take-backs through compaction', async () => {
      await s.appendUpdates(ref, [{ update: u(1), memberId: null, takeBacks: [tb(1)] }, { update: u(2), memberId: null }]);
      await s.compact(ref, u(7), 2);
      const loaded = await s.loadDoc(ref);
      expect(loaded.updates).toEqual([]);
      expect(plain(loaded.takeBacks)).toEqual([[1, 0]]);
    });

    it(`keeps the newest ${TAKE_BACK_LIMIT} of a document, pruned in the write that stores more`, async () => {
      const many = Array.from({ length: TAKE_BACK_LIMIT + 5 }, (_, i) => tb(i + 1, T0 + i));
      await s.appendUpdates(ref, [{ update: u(1), memberId: null, takeBacks: many.slice(0, 10) }]);
      await s.appendUpdates(other, [{ update: u(1), memberId: null, takeBacks: [tb(1000)] }]);
      await s.appendUpdates(ref, [{ update: u(2), memberId: null, takeBacks: many.slice(10) }]);
      const kept = plain((await s.loadDoc(ref)).takeBacks);
      expect(kept).toHaveLength(TAKE_BACK_LIMIT);
      expect(kept).toEqual(plain(many.slice(5).map((t) => t.data)));
      expect(plain((await s.loadDoc(other)).takeBacks)).toEqual([[1000 % 256, 3]]);
    });

    it('keeps take-backs of any age (11 minutes, 8 hours, 3 days before the newest): only the count bounds them', async () => {
      const hour = 3_600_000;
      await s.appendUpdates(ref, [{ update: u(1), memberId: null, takeBacks: [tb(1, T0), tb(2, T0 + 3 * 24 * hour - 8 * hour)] }]);
      await s.appendUpdates(other, [{ update: u(1), memberId: null, takeBacks: [tb(3, T0)] }]);
      await s.appendUpdates(ref, [{ update: u(2), memberId: null, takeBacks: [tb(4, T0 + 3 * 24 * hour - 11 * 60_000)] }]);
      await s.appendUpdates(ref, [{ update: u(3), memberId: null, takeBacks: [tb(5, T0 + 3 * 24 * hour)] }]);
      expect(plain((await s.loadDoc(ref)).takeBacks)).toEqual([[1, 0], [2, 0], [4, 0], [5, 0]]);
      await s.appendUpdates(other, [{ update: u(2), memberId: null, takeBacks: [tb(6, T0 + 30 * 24 * hour)] }]);
      expect(plain((await s.loadDoc(other)).takeBacks)).toEqual([[3, 0], [6, 0]]);
    });

    it('deletes the take-backs with the document, so one re-created under its id starts without them', async () => {
      await s.appendUpdates(ref, [{ update: u(1), memberId: null, takeBacks: [tb(1)] }]);
      await s.appendUpdates(other, [{ update: u(1), memberId: null, takeBacks: [tb(2)] }]);
      await s.deleteDoc(ref);
      expect((await s.loadDoc(ref)).takeBacks ?? []).toEqual([]);
      await made(s, ref);
      await s.appendUpdates(ref, [{ update: u(5), memberId: null }]);
      expect((await s.loadDoc(ref)).takeBacks ?? []).toEqual([]);
      expect(plain((await s.loadDoc(other)).takeBacks)).toEqual([[2, 0]]);
    });

    it('stores no take-back of an append that fails (stores whose fixture can make one fail)', async (ctx) => {
      if (!fx.refuseAppends) return ctx.skip();
      await s.appendUpdates(ref, [{ update: u(1), memberId: null, takeBacks: [tb(1)] }]);
      await fx.refuseAppends(ref.doc);
      await expect(s.appendUpdates(ref, [{ update: u(2), memberId: null, takeBacks: [tb(2)] }])).rejects.toThrow();
      expect(plain((await s.loadDoc(ref)).takeBacks)).toEqual([[1, 0]]);
    });

    it('keeps the take-backs when the store is opened again (persistent stores)', async (ctx) => {
      if (!fx.reopen) return ctx.skip();
      await s.appendUpdates(ref, [{ update: u(1), memberId: null, takeBacks: [tb(1), tb(2)] }]);
      s = await fx.reopen();
      expect(plain((await s.loadDoc(ref)).takeBacks)).toEqual([[1, 0], [2, 0]]);
    });

    if (options.groupCommit) {
      it('stores the take-backs of a group commit with its batches, all or none', async () => {
        const appendMany = s.appendMany?.bind(s);
        if (!appendMany || !fx.refuseAppends) throw new Error('this store offers no appendMany, or its fixture no refuseAppends');
        await appendMany([
          { ref, updates: [{ update: u(1), memberId: null, takeBacks: [tb(1)] }] },
          { ref: other, updates: [{ update: u(1), memberId: null }, { update: u(2), memberId: null, takeBacks: [tb(2), tb(3)] }] },
        ]);
        expect(plain((await s.loadDoc(ref)).takeBacks)).toEqual([[1, 0]]);
        expect(plain((await s.loadDoc(other)).takeBacks)).toEqual([[2, 0], [3, 0]]);
        await fx.refuseAppends(other.doc);
        await expect(
          appendMany([
            { ref, updates: [{ update: u(2), memberId: null, takeBacks: [tb(4)] }] },
            { ref: other, updates: [{ update: u(3), memberId: null }] },
          ]),
        ).rejects.toThrow();
        expect(plain((await s.loadDoc(ref)).takeBacks)).toEqual([[1, 0]]);
        expect((await s.loadDoc(ref)).lastSeq).toBe(1);
      });
    }
  });
}
