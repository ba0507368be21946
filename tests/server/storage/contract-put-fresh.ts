/**
 * Fresh clients' bytes stored beside the current snapshot without writing it again
 * (`DocumentStore.putFresh`): stored only while the snapshot at the given sequence is still the
 * document's and has none, never paired with a later snapshot nor put over bytes already stored.
 * Called by `runStorageContract` for every adapter.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../../server/storage/storage.js';
import type { StorageFixture } from './contract.js';
import { made } from './made.js';

const ref = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
const other = { workspace: 'hbi-stockholm', doc: 'plan-rinkeby' };
const u = (...values: number[]): Uint8Array => new Uint8Array(values);

/** {@link Storage.putFresh} against the store `get()` gives (fresh per test). */
export function putFreshContract(get: () => { fx: StorageFixture; s: Storage }): void {
  let s: Storage;
  beforeEach(() => {
    ({ s } = get());
  });

  describe('fresh bytes put beside the snapshot', () => {
    beforeEach(async () => {
      await made(s, ref, other);
    });

    it('stores them beside a snapshot at that sequence written without them, and leaves the snapshot and other documents alone', async () => {
      await s.appendUpdates(ref, [{ update: u(1), memberId: 'anna' }, { update: u(2), memberId: null }]);
      await s.appendUpdates(other, [{ update: u(9), memberId: null }]);
      await s.compact(other, u(9, 9), 1);
      await s.compact(ref, u(5, 5), 2);
      expect(await s.putFresh(ref, 2, u(6, 6))).toBe(true);
      expect(await s.loadDoc(ref)).toEqual({ snapshot: u(5, 5), updates: [], lastSeq: 2, fresh: u(6, 6) });
      expect(await s.loadDoc(other)).toEqual({ snapshot: u(9, 9), updates: [], lastSeq: 1 });
      expect(await s.listCheckpoints(ref)).toHaveLength(1);
      expect(await s.getCheckpoint(ref, 2)).toEqual(u(5, 5));
    });

    it('stores nothing when the snapshot is at another sequence, or there is none', async () => {
      await s.appendUpdates(ref, [{ update: u(1), memberId: null }, { update: u(2), memberId: null }, { update: u(3), memberId: null }]);
      expect(await s.putFresh(ref, 3, u(6))).toBe(false);
      expect((await s.loadDoc(ref)).fresh).toBeUndefined();
      await s.compact(ref, u(5), 2);
      // Another process compacted to 3 meanwhile: bytes of the state at 2 are not paired with it.
      await s.compact(ref, u(7), 3);
      expect(await s.putFresh(ref, 2, u(6))).toBe(false);
      expect(await s.loadDoc(ref)).toEqual({ snapshot: u(7), updates: [], lastSeq: 3 });
    });

    it('keeps bytes already stored beside the snapshot', async () => {
      await s.appendUpdates(ref, [{ update: u(1), memberId: null }]);
      await s.compact(ref, u(5), 1, u(8));
      expect(await s.putFresh(ref, 1, u(6))).toBe(false);
      expect((await s.loadDoc(ref)).fresh).toEqual(u(8));
    });

    it('replaces bytes equal to the ones named, byte for byte, and no others', async () => {
      await s.appendUpdates(ref, [{ update: u(1), memberId: null }]);
      await s.compact(ref, u(5), 1, u(8, 8));
      expect(await s.putFresh(ref, 1, u(6), u(8, 9))).toBe(false);
      expect(await s.putFresh(ref, 1, u(6), u(8))).toBe(false);
      expect((await s.loadDoc(ref)).fresh).toEqual(u(8, 8));
      expect(await s.putFresh(ref, 1, u(6), u(8, 8))).toBe(true);
      expect((await s.loadDoc(ref)).fresh).toEqual(u(6));
      // Named, but the snapshot moved on: nothing is paired with the later one.
      await s.compact(ref, u(7), 1, u(9));
      await s.appendUpdates(ref, [{ update: u(2), memberId: null }]);
      await s.compact(ref, u(7, 7), 2, u(9));
      expect(await s.putFresh(ref, 1, u(6), u(9))).toBe(false);
      expect((await s.loadDoc(ref)).fresh).toEqual(u(9));
    });

    it('keeps them while only updates follow, and a later snapshot written without them drops them', async () => {
      await s.appendUpdates(ref, [{ update: u(1), memberId: null }]);
      await s.compact(ref, u(5), 1);
      await s.appendUpdates(ref, [{ update: u(2), memberId: null }]);
      expect(await s.putFresh(ref, 1, u(6))).toBe(true);
      const loaded = await s.loadDoc(ref);
      expect(loaded.lastSeq).toBe(2);
      expect(loaded.snapshot).toEqual(u(5));
      await s.compact(ref, u(7), 2);
      expect((await s.loadDoc(ref)).fresh).toBeUndefined();
    });
  });
}
