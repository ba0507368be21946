/**
 * The document-store half of the storage contract ({@link DocumentStore}): update logs, snapshots,
 * history and retention. Called by `runStorageContract` for every adapter.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../../server/storage/storage.js';
import type { StorageFactory, StorageFixture } from './contract.js';
import { made } from './made.js';

const ref = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
const other = { workspace: 'hbi-stockholm', doc: 'plan-rinkeby' };
const elsewhere = { workspace: 'lan-jonkoping', doc: 'plan-husby' };
const u = (...values: number[]): Uint8Array => new Uint8Array(values);
const plain = (list: Uint8Array[]): number[][] => list.map((b) => Array.from(b));

/** Every `DocumentStore` method, against the store `get()` gives (fresh per test, its documents made). */
export function documentContract(get: () => Storage, make: StorageFactory): void {
  let s: Storage;
  beforeEach(() => {
    s = get();
  });

    describe('document updates', () => {
      beforeEach(async () => {
        await made(s, ref, other, elsewhere);
      });

      it('loads an unknown document as empty', async () => {
        expect(await s.loadDoc(ref)).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
      });

      it('appends updates in order and numbers them from 1 per document', async () => {
        expect(await s.appendUpdates(ref, [{ update: u(1), memberId: 'anna' }, { update: u(2), memberId: null }])).toBe(2);
        expect(await s.appendUpdates(ref, [{ update: u(3), memberId: 'anna' }])).toBe(3);
        expect(await s.appendUpdates(other, [{ update: u(9), memberId: null }])).toBe(1);
        const loaded = await s.loadDoc(ref);
        expect(loaded.snapshot).toBeNull();
        expect(plain(loaded.updates)).toEqual([[1], [2], [3]]);
        expect(loaded.lastSeq).toBe(3);
      });

      it('keeps documents of the same id in different workspaces apart', async () => {
        await s.appendUpdates(ref, [{ update: u(1), memberId: null }]);
        const loaded = await s.loadDoc(elsewhere);
        expect(loaded).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
      });

      it('returns the current sequence for an empty batch and stores nothing', async () => {
        await s.appendUpdates(ref, [{ update: u(1), memberId: null }]);
        expect(await s.appendUpdates(ref, [])).toBe(1);
        expect((await s.loadDoc(ref)).updates).toHaveLength(1);
      });

      it('reads the last sequence numbers of several documents at once, 0 for one with none', async () => {
        await s.appendUpdates(ref, [{ update: u(1), memberId: null }, { update: u(2), memberId: null }]);
        await s.compact(ref, u(7), 2);
        await s.appendUpdates(other, [{ update: u(1), memberId: null }]);
        await s.appendUpdates(elsewhere, [1, 2, 3, 4].map((n) => ({ update: u(n), memberId: null })));
        const heads = await s.lastSeqs(ref.workspace, [ref.doc, other.doc, 'never-written']);
        expect([...heads.entries()].sort()).toEqual([['never-written', 0], [ref.doc, 2], [other.doc, 1]].sort());
        expect(heads.get(ref.doc)).toBe(await s.appendUpdates(ref, []));
        expect((await s.lastSeqs(ref.workspace, [])).size).toBe(0);
      });

      it('stores a copy: changing the caller’s buffer afterwards changes nothing', async () => {
        const buf = u(1, 2, 3);
        await s.appendUpdates(ref, [{ update: buf, memberId: null }]);
        buf[0] = 99;
        expect(plain((await s.loadDoc(ref)).updates)).toEqual([[1, 2, 3]]);
      });

      it('round-trips a large update byte for byte', async () => {
        const big = new Uint8Array(2 * 1024 * 1024).map((_, i) => (i * 31) % 251);
        await s.appendUpdates(ref, [{ update: big, memberId: null }]);
        const [got] = (await s.loadDoc(ref)).updates;
        expect(got?.byteLength).toBe(big.byteLength);
        expect(Buffer.compare(Buffer.from(got ?? u()), Buffer.from(big))).toBe(0);
      });

      it('serialises concurrent appends without losing or reordering any', async () => {
        const batches = Array.from({ length: 50 }, (_, i) => [
          { update: u(i, 0), memberId: `m${i}` },
          { update: u(i, 1), memberId: `m${i}` },
        ]);
        const seqs = await Promise.all(batches.map((b) => s.appendUpdates(ref, b)));
        expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => 2 * (i + 1)));
        const loaded = plain((await s.loadDoc(ref)).updates);
        expect(loaded).toHaveLength(100);
        seqs.forEach((last, i) => {
          expect(loaded[last - 2]).toEqual([i, 0]);
          expect(loaded[last - 1]).toEqual([i, 1]);
        });
      });

      it('loads a compacted document as the snapshot plus only the updates after uptoSeq', async () => {
        await s.appendUpdates(ref, [1, 2, 3, 4, 5].map((n) => ({ update: u(n), memberId: null })));
        await s.compact(ref, u(100, 101), 3);
        const loaded = await s.loadDoc(ref);
        expect(Array.from(loaded.snapshot ?? [])).toEqual([100, 101]);
        expect(plain(loaded.updates)).toEqual([[4], [5]]);
        expect(loaded.lastSeq).toBe(5);
      });

      it('loads a document compacted up to its last update as the snapshot alone', async () => {
        await s.appendUpdates(ref, [{ update: u(1), memberId: null }, { update: u(2), memberId: null }]);
        await s.compact(ref, u(7), 2);
        expect(await s.loadDoc(ref)).toEqual({ snapshot: u(7), updates: [], lastSeq: 2 });
      });

      it('keeps the fresh state given with a snapshot, returns it with that snapshot only, and clears it with one written without', async () => {
        await s.appendUpdates(ref, [{ update: u(1), memberId: null }, { update: u(2), memberId: null }]);
        await s.compact(ref, u(7), 2, u(70, 71));
        expect(await s.loadDoc(ref)).toEqual({ snapshot: u(7), updates: [], lastSeq: 2, fresh: u(70, 71) });
        // A stale compaction leaves snapshot and fresh state as they are.
        await s.compact(ref, u(6), 1, u(60));
        expect((await s.loadDoc(ref)).fresh).toEqual(u(70, 71));
        // Returned as stored with updates after the snapshot too (the reader decides what it serves).
        await s.appendUpdates(ref, [{ update: u(3), memberId: null }]);
        expect((await s.loadDoc(ref)).fresh).toEqual(u(70, 71));
        await s.compact(ref, u(8), 3);
        expect(await s.loadDoc(ref)).toEqual({ snapshot: u(8), updates: [], lastSeq: 3 });
        // History never reads it: the checkpoints hold the snapshots alone.
        expect(await s.getCheckpoint(ref, 3)).toEqual(u(8));
        // A compaction at the same sequence brings the fresh state a snapshot was stored without;
        // the snapshot stays, and a later one at that sequence changes nothing.
        await s.compact(ref, u(9), 3, u(80));
        expect(await s.loadDoc(ref)).toEqual({ snapshot: u(8), updates: [], lastSeq: 3, fresh: u(80) });
        await s.compact(ref, u(9), 3, u(90));
        expect(await s.loadDoc(ref)).toEqual({ snapshot: u(8), updates: [], lastSeq: 3, fresh: u(80) });
        expect(await s.getCheckpoint(ref, 3)).toEqual(u(8));
      });

      it('replaces damaged fresh bytes at the same sequence only while they are still the ones the caller read', async () => {
        await s.appendUpdates(ref, [{ update: u(1), memberId: null }, { update: u(2), memberId: null }]);
        const damaged = u(70, 71, 72);
        await s.compact(ref, u(7), 2, damaged);
        // The rebuilt state in place of the damaged bytes read: the snapshot and its checkpoint stay.
        await s.compact(ref, u(9), 2, u(80, 81), u(70, 71, 72));
        expect(await s.loadDoc(ref)).toEqual({ snapshot: u(7), updates: [], lastSeq: 2, fresh: u(80, 81) });
        expect(await s.getCheckpoint(ref, 2)).toEqual(u(7));
        // A repair that read other bytes (a compaction stored these meanwhile) keeps them.
        await s.compact(ref, u(9), 2, u(90), u(70, 71, 72));
        await s.compact(ref, u(9), 2, u(90), u(80, 81, 0));
        await s.compact(ref, u(9), 2, u(90), u(80));
        expect((await s.loadDoc(ref)).fresh).toEqual(u(80, 81));
        // Nor does one of an older snapshot touch a newer one's bytes.
        await s.appendUpdates(ref, [{ update: u(3), memberId: null }]);
        await s.compact(ref, u(8), 3, u(33));
        await s.compact(ref, u(9), 2, u(90), u(33));
        expect(await s.loadDoc(ref)).toEqual({ snapshot: u(8), updates: [], lastSeq: 3, fresh: u(33) });
      });

      it('continues the sequence after compaction', async () => {
        await s.appendUpdates(ref, [{ update: u(1), memberId: null }, { update: u(2), memberId: null }]);
        await s.compact(ref, u(7), 2);
        expect(await s.appendUpdates(ref, [{ update: u(3), memberId: null }])).toBe(3);
        expect(plain((await s.loadDoc(ref)).updates)).toEqual([[3]]);
      });

      it('ignores a stale compaction older than the current snapshot', async () => {
        await s.appendUpdates(ref, [1, 2, 3, 4].map((n) => ({ update: u(n), memberId: null })));
        await s.compact(ref, u(40), 4);
        await s.compact(ref, u(20), 2);
        const loaded = await s.loadDoc(ref);
        expect(Array.from(loaded.snapshot ?? [])).toEqual([40]);
        expect(loaded.updates).toEqual([]);
      });

      it('refuses to compact beyond the last sequence', async () => {
        await s.appendUpdates(ref, [{ update: u(1), memberId: null }]);
        await expect(s.compact(ref, u(7), 2)).rejects.toThrow(/last sequence is 1/);
        expect((await s.loadDoc(ref)).snapshot).toBeNull();
      });

      it('keeps the whole history with authors and times through compaction', async () => {
        await s.appendUpdates(ref, [{ update: u(1), memberId: 'anna' }, { update: u(2), memberId: null }]);
        await s.appendUpdates(ref, [{ update: u(3), memberId: 'bo' }]);
        await s.compact(ref, u(9), 3);
        const history = await s.listUpdates(ref, 0, 10);
        expect(history.map((h) => [h.seq, h.memberId, Array.from(h.update)])).toEqual([
          [1, 'anna', [1]],
          [2, null, [2]],
          [3, 'bo', [3]],
        ]);
        for (const h of history) expect(Number.isNaN(Date.parse(h.at))).toBe(false);
      });

      it('pages history by afterSeq and limit', async () => {
        await s.appendUpdates(ref, [1, 2, 3, 4, 5].map((n) => ({ update: u(n), memberId: null })));
        expect((await s.listUpdates(ref, 1, 2)).map((h) => h.seq)).toEqual([2, 3]);
        expect((await s.listUpdates(ref, 4, 10)).map((h) => h.seq)).toEqual([5]);
        expect(await s.listUpdates(ref, 5, 10)).toEqual([]);
        expect(await s.listUpdates(other, 0, 10)).toEqual([]);
      });



      it('takes a small write when it can', async () => {
        await expect(s.checkWritable()).resolves.toBeUndefined();
      });
    });

    describe('history retention', () => {
      let clock: { now: Date };
      let r: Storage;
      let rfx: StorageFixture;
      const at = (hhmm: string): Date => new Date(`2026-01-01T${hhmm}:00.000Z`);
      const append = async (time: string, n: number): Promise<void> => {
        clock.now = at(time);
        await r.appendUpdates(ref, [{ update: u(n), memberId: 'anna' }]);
      };
      beforeEach(async () => {
        clock = { now: at('00:00') };
        rfx = await make({ clock: () => clock.now, retention: { keepEveryChangeMs: 10 * 3_600_000, checkpointEveryMs: 3_600_000 } });
        r = rfx.storage;
        await made(r, ref);
      });
      afterEach(async () => {
        await rfx.cleanup();
      });

      it('keeps every change inside the window and one checkpoint per period', async () => {
        await append('00:10', 1);
        await append('00:11', 2);
        await r.compact(ref, u(20), 2);
        await append('00:30', 3);
        await r.compact(ref, u(30), 3);
        await append('01:30', 4);
        await r.compact(ref, u(40), 4);
        expect(await r.listCheckpoints(ref)).toEqual([
          { seq: 3, at: at('00:30').toISOString() },
          { seq: 4, at: at('01:30').toISOString() },
        ]);
        expect((await r.listUpdates(ref, 0, 10)).map((h) => h.seq)).toEqual([1, 2, 3, 4]);
        expect(Array.from((await r.getCheckpoint(ref, 3)) ?? [])).toEqual([30]);
        expect(await r.getCheckpoint(ref, 2)).toBeNull();
      });

      it('removes log rows older than the window once a kept checkpoint covers them', async () => {
        await append('00:10', 1);
        await append('00:30', 2);
        await r.compact(ref, u(20), 2);
        await append('01:30', 3);
        await r.compact(ref, u(30), 3);
        await append('11:00', 4);
        await r.compact(ref, u(40), 4);
        expect((await r.listUpdates(ref, 0, 10)).map((h) => h.seq)).toEqual([3, 4]);
        expect((await r.listCheckpoints(ref)).map((c) => c.seq)).toEqual([2, 3, 4]);
        expect(await r.loadDoc(ref)).toEqual({ snapshot: u(40), updates: [], lastSeq: 4 });
        await append('12:00', 5);
        await r.compact(ref, u(50), 5);
        expect((await r.listUpdates(ref, 0, 10)).map((h) => h.seq)).toEqual([4, 5]);
        expect(await r.appendUpdates(ref, [{ update: u(6), memberId: null }])).toBe(6);
        expect(plain((await r.loadDoc(ref)).updates)).toEqual([[6]]);
      });

      it('never removes rows a snapshot does not cover', async () => {
        await append('00:10', 1);
        await r.compact(ref, u(10), 1);
        await append('00:20', 2);
        await append('00:30', 3);
        clock.now = at('23:00');
        await r.compact(ref, u(20), 2);
        expect(plain((await r.loadDoc(ref)).updates)).toEqual([[3]]);
        expect((await r.listUpdates(ref, 0, 10)).map((h) => h.seq)).toEqual([3]);
      });
    });
}
