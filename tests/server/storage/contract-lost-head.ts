/**
 * A document whose head is lost: the row that counts its updates (PostgreSQL's `doc_heads`,
 * SQLite's `doc_keys`), removed by a hand, a partial restore or an older Samplan, while its
 * snapshot holds its whole state. SQLite reads the last sequence number from the snapshot, so the
 * document loads and takes edits after it; PostgreSQL answered `lastSeq` 0 over the snapshot and
 * numbered the next edit 1, under the snapshot, where no load reads it. A head restored older than
 * the updates (below them, not gone) numbered every edit into a stored row, refused as a duplicate
 * for good. Both now load the state and number the next edit after everything stored.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocRef, Storage } from '../../../server/storage/storage.js';
import type { StorageFixture } from './contract.js';
import { made } from './made.js';

const ref: DocRef = { workspace: 'hbi-stockholm', doc: 'plan-husby' };

/** A Yjs update (V1) setting `key` of the map `meta` to `value` on `doc`. */
function set(doc: Y.Doc, key: string, value: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getMap('meta').set(key, value);
  return Y.encodeStateAsUpdate(doc, before);
}

/** The map `meta` of the state `loadDoc` answered. */
function metaOf(stored: Awaited<ReturnType<Storage['loadDoc']>>): Record<string, unknown> {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc.getMap('meta').toJSON();
}

/** The lost-head half of the contract: for stores whose fixture can lose a document's head (`loseHead`). */
export function lostHeadContract(get: () => { fx: StorageFixture; s: Storage }): void {
  describe('a document whose head is lost', () => {
    it('loads from its snapshot and takes the next edit numbered after it', async () => {
      const { fx, s } = get();
      const doc = new Y.Doc();
      await made(s, ref);
      await s.appendUpdates(ref, [{ update: set(doc, 'title', 'Husby'), memberId: 'anna' }, { update: set(doc, 'year', '2026'), memberId: 'anna' }]);
      await s.compact(ref, Y.encodeStateAsUpdateV2(doc), 2);
      await fx.loseHead?.(ref);
      const store = await (fx.reopen as () => Promise<Storage>)();

      const loaded = await store.loadDoc(ref);
      expect(loaded.lastSeq).toBe(2);
      expect(metaOf(loaded)).toEqual({ title: 'Husby', year: '2026' });
      expect(await store.appendUpdates(ref, [{ update: set(doc, 'title', 'Husby VC'), memberId: 'anna' }])).toBe(3);
      const after = await store.loadDoc(ref);
      expect([after.lastSeq, metaOf(after)]).toEqual([3, { title: 'Husby VC', year: '2026' }]);
      expect(await store.lastSeqs(ref.workspace, [ref.doc])).toEqual(new Map([[ref.doc, 3]]));
    });

    it('whose head is behind its newest update loads every update and takes the next edit numbered after the newest', async () => {
      const { fx, s } = get();
      const doc = new Y.Doc();
      await made(s, ref);
      await s.appendUpdates(ref, [{ update: set(doc, 'title', 'Husby'), memberId: 'anna' }]);
      await s.appendUpdates(ref, [{ update: set(doc, 'year', '2026'), memberId: 'anna' }, { update: set(doc, 'unit', 'bvc'), memberId: 'anna' }]);
      await fx.lowerHead?.(ref, 1);
      const store = await (fx.reopen as () => Promise<Storage>)();

      const loaded = await store.loadDoc(ref);
      expect(loaded.lastSeq).toBe(3);
      expect(metaOf(loaded)).toEqual({ title: 'Husby', year: '2026', unit: 'bvc' });
      expect(await store.appendUpdates(ref, [{ update: set(doc, 'title', 'Husby VC'), memberId: 'anna' }])).toBe(4);
      const after = await store.loadDoc(ref);
      expect([after.lastSeq, metaOf(after)]).toEqual([4, { title: 'Husby VC', year: '2026', unit: 'bvc' }]);
    });
  });
}
