/**
 * A document's history replaced by one snapshot (`DocumentStore.replaceHistory`, `samplan history
 * drop`): every update, the old snapshot and every checkpoint gone, the take-backs named dropped,
 * the last sequence number kept, and nothing written when another writer appended meanwhile.
 * Called by `runStorageContract` for every adapter.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../../server/storage/storage.js';
import type { StorageFixture } from './contract.js';
import { made } from './made.js';

const ref = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
const other = { workspace: 'hbi-stockholm', doc: 'plan-rinkeby' };
const u = (...values: number[]): Uint8Array => new Uint8Array(values);
const plain = (list: readonly Uint8Array[]): number[][] => list.map((b) => Array.from(b));
/** Bytes no other row holds, to look for in every table afterwards. */
const marked = (n: number): Uint8Array => new TextEncoder().encode(`old-history-${n}`);

/** {@link Storage.replaceHistory} against the store `get()` gives (fresh per test). */
export function replaceHistoryContract(get: () => { fx: StorageFixture; s: Storage }): void {
  let fx: StorageFixture;
  let s: Storage;
  beforeEach(() => {
    ({ fx, s } = get());
  });

  describe('history replaced by one snapshot', () => {
    beforeEach(async () => {
      await made(s, ref, other);
    });

    it('keeps only the snapshot at the last number and the take-backs not named; the next append follows it', async () => {
      const replace = s.replaceHistory?.bind(s);
      expect(replace).toBeTypeOf('function');
      if (!replace) return;
      await s.appendUpdates(ref, [{ update: marked(1), memberId: 'anna' }, { update: marked(2), memberId: null, takeBacks: [{ at: 1, data: u(41) }] }]);
      await s.compact(ref, marked(3), 1, marked(4));
      await s.appendUpdates(ref, [{ update: marked(5), memberId: null, takeBacks: [{ at: 2, data: u(42) }] }]);
      await s.appendUpdates(other, [{ update: u(9), memberId: null }]);
      expect(await replace(ref, u(7, 7), 3, [u(41)], u(6, 6))).toBe(true);
      expect(await s.loadDoc(ref)).toEqual({ snapshot: u(7, 7), updates: [], lastSeq: 3, takeBacks: [u(42)], fresh: u(6, 6) });
      expect(await s.listUpdates(ref, 0, 10)).toEqual([]);
      expect(await s.listCheckpoints(ref)).toEqual([]);
      expect((await s.lastSeqs(ref.workspace, [ref.doc])).get(ref.doc)).toBe(3);
      expect(await s.appendUpdates(ref, [{ update: u(8), memberId: null }])).toBe(4);
      expect(plain((await s.loadDoc(ref)).updates)).toEqual([[8]]);
      expect(plain((await s.loadDoc(other)).updates)).toEqual([[9]]);
      if (fx.allRows) {
        const rows = await fx.allRows();
        for (const n of [1, 2, 3, 4, 5]) expect(rows).not.toContain(`old-history-${n}`);
      }
      if (fx.reopen) {
        s = await fx.reopen();
        expect((await s.loadDoc(ref)).lastSeq).toBe(4);
      }
    });

    it('writes nothing when the last number moved since it was read, or for a document with nothing stored', async () => {
      const replace = s.replaceHistory?.bind(s);
      if (!replace) throw new Error('no replaceHistory');
      expect(await replace(ref, u(7), 0, [], u(6))).toBe(false);
      expect(await replace(ref, u(7), 1, [], u(6))).toBe(false);
      await s.appendUpdates(ref, [{ update: u(1), memberId: null }, { update: u(2), memberId: null }]);
      expect(await replace(ref, u(7), 1, [], u(6))).toBe(false);
      expect(await replace(ref, u(7), 3, [], u(6))).toBe(false);
      expect(await s.loadDoc(ref)).toEqual({ snapshot: null, updates: [u(1), u(2)], lastSeq: 2 });
      expect((await s.listUpdates(ref, 0, 10)).map((r) => r.seq)).toEqual([1, 2]);
    });

    it('stores the new state with its fresh bytes, so bytes made from the state before it are never put beside it', async () => {
      const replace = s.replaceHistory?.bind(s);
      if (!replace) throw new Error('no replaceHistory');
      // A snapshot stored without fresh bytes (a room that loaded it owes them), its history then replaced at the same sequence.
      await s.appendUpdates(ref, [{ update: marked(1), memberId: null }, { update: marked(2), memberId: null }]);
      await s.compact(ref, marked(3), 2);
      expect((await s.loadDoc(ref)).fresh).toBeUndefined();
      expect(await replace(ref, u(7, 7), 2, [], u(6, 6))).toBe(true);
      // That room's close: the bytes of the state it loaded, paired by the sequence it read.
      expect(await s.putFresh(ref, 2, marked(4))).toBe(false);
      await s.compact(ref, marked(3), 2, marked(4));
      expect(await s.loadDoc(ref)).toEqual({ snapshot: u(7, 7), updates: [], lastSeq: 2, fresh: u(6, 6) });
    });
  });
}
