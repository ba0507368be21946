/**
 * The group-commit half of the storage contract (`DocumentStore.appendMany`): the batches of
 * several documents in one transaction, numbered per document as consecutive `appendUpdates`
 * would number them, all or none. Called by `runStorageContract` for the adapters that offer it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../../server/storage/storage.js';
import type { StorageFixture } from './contract.js';
import { made } from './made.js';

const ref = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
const other = { workspace: 'hbi-stockholm', doc: 'plan-rinkeby' };
const third = { workspace: 'lan-jonkoping', doc: 'plan-husby' };
const u = (...values: number[]): Uint8Array => new Uint8Array(values);
const plain = (list: Uint8Array[]): number[][] => list.map((b) => Array.from(b));
const item = (n: number, memberId: string | null = null): { update: Uint8Array; memberId: string | null } => ({ update: u(n), memberId });

/** `appendMany` against the store `get()` gives (fresh per test). */
export function groupCommitContract(get: () => { fx: StorageFixture; s: Storage }): void {
  describe('group commit (appendMany)', () => {
    let s: Storage;
    let fx: StorageFixture;
    let appendMany: NonNullable<Storage['appendMany']>;
    beforeEach(async () => {
      ({ fx, s } = get());
      if (!s.appendMany) throw new Error('this store offers no appendMany');
      appendMany = s.appendMany.bind(s);
      await made(s, ref, other, third);
    });

    it('numbers each document’s batch from its own last sequence and answers in the order given', async () => {
      await s.appendUpdates(ref, [item(1), item(2)]);
      await s.compact(ref, u(7), 2);
      const lasts = await appendMany([
        { ref: other, updates: [item(10, 'anna'), item(11, null)] },
        { ref, updates: [item(3, 'bo')] },
        { ref: third, updates: [item(30)] },
      ]);
      expect(lasts).toEqual([2, 3, 1]);
      expect(await s.loadDoc(ref)).toEqual({ snapshot: u(7), updates: [u(3)], lastSeq: 3 });
      expect(plain((await s.loadDoc(other)).updates)).toEqual([[10], [11]]);
      expect((await s.listUpdates(other, 0, 10)).map((h) => [h.seq, h.memberId])).toEqual([[1, 'anna'], [2, null]]);
      expect(plain((await s.loadDoc(third)).updates)).toEqual([[30]]);
      expect(await s.appendUpdates(ref, [item(4)])).toBe(4);
    });

    it('keeps the order of batches of one document within a call, and an empty batch stores nothing', async () => {
      await s.appendUpdates(other, [item(1)]);
      const lasts = await appendMany([
        { ref, updates: [item(1), item(2)] },
        { ref: other, updates: [] },
        { ref, updates: [item(3)] },
        { ref, updates: [] },
        { ref: third, updates: [] },
      ]);
      expect(lasts).toEqual([2, 1, 3, 3, 0]);
      expect(plain((await s.loadDoc(ref)).updates)).toEqual([[1], [2], [3]]);
      expect((await s.loadDoc(other)).lastSeq).toBe(1);
      expect(await s.loadDoc(third)).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
      expect(await appendMany([])).toEqual([]);
    });

    it('marks each written document’s record as updated', async () => {
      const old = '2000-01-01T00:00:00.000Z';
      for (const r of [ref, other]) await s.putDocRecord({ ...r, kind: 'activity-plan', title: r.doc, ownerUnit: 'husby', createdAt: old, updatedAt: old });
      await appendMany([{ ref, updates: [item(1)] }, { ref: other, updates: [] }]);
      expect(((await s.getDocRecord(ref))?.updatedAt ?? old) > old).toBe(true);
      expect((await s.getDocRecord(other))?.updatedAt).toBe(old);
    });

    it('serialises concurrent group commits over the same documents, in either order, without gaps', async () => {
      const calls = Array.from({ length: 20 }, (_, i) => {
        const pair = [
          { ref, updates: [item(i), item(100 + i)] },
          { ref: other, updates: [item(i)] },
        ];
        return i % 2 ? appendMany(pair) : appendMany([...pair].reverse()).then((r) => [...r].reverse());
      });
      const answers = await Promise.all(calls);
      expect(answers.map((a) => a[0]).sort((x, y) => (x as number) - (y as number))).toEqual(Array.from({ length: 20 }, (_, i) => 2 * (i + 1)));
      expect(answers.map((a) => a[1]).sort((x, y) => (x as number) - (y as number))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const log = plain((await s.loadDoc(ref)).updates);
      answers.forEach(([last], i) => expect([log[(last as number) - 2], log[(last as number) - 1]]).toEqual([[i], [100 + i]]));
    });

    it('stores none of the batches when one of them cannot be stored', async () => {
      if (!fx.refuseAppends) throw new Error('the fixture must say how to make appends of one document fail');
      await s.appendUpdates(ref, [item(1)]);
      await fx.refuseAppends(other.doc);
      await expect(appendMany([{ ref, updates: [item(2)] }, { ref: other, updates: [item(3)] }])).rejects.toThrow();
      expect(plain((await s.loadDoc(ref)).updates)).toEqual([[1]]);
      expect((await s.loadDoc(other)).lastSeq).toBe(0);
      expect(await s.appendUpdates(ref, [item(4)])).toBe(2);
    });
  });
}
