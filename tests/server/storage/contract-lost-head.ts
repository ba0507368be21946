/**
 * A document whose head is lost: the row that counts its updates (PostgreSQL's `doc_heads`,
 * SQLite's `doc_keys`), removed by a hand, a partial restore or an older Samplan, while its
 * snapshot holds its whole state. SQLite reads the last sequence number from the snapshot, so the
 * document loads and takes edits after it; PostgreSQL answered `lastSeq` 0 over the snapshot and
 * numbered the next edit 1, under the snapshot, where no load reads it. A head restored older than
 * the updates (below them, not gone) numbered every edit into a stored row, refused as a duplicate
 * for good. Both now load the state and number the next edit after everything stored, also in a
 * process that held the document loaded when its head went (it appends without loading again), and
 * also when only checkpoints are left (the snapshot and updates gone): the newest is the state. A
 * head lowered under a process that appends without loading again is raised at the append refused,
 * the compare-and-set append (`appendAfter`) too.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocRef, Storage } from '../../../server/storage/storage.js';
import type { StorageFixture } from './contract.js';
import { made, madeRecord } from './made.js';

const ref: DocRef = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
const second: DocRef = { workspace: 'hbi-stockholm', doc: 'plan-rinkeby' };
const third: DocRef = { workspace: 'hbi-stockholm', doc: 'plan-tensta' };
const fourth: DocRef = { workspace: 'hbi-stockholm', doc: 'plan-kista' };

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

    it('whose head was lowered under a process that appends without loading again takes its edits numbered after the newest, one at a time and in a group', async () => {
      const { fx, s } = get();
      const doc = new Y.Doc();
      await made(s, third);
      await s.appendUpdates(third, [{ update: set(doc, 'title', 'Tensta'), memberId: 'anna' }, { update: set(doc, 'year', '2026'), memberId: 'anna' }]);
      await s.appendUpdates(third, [{ update: set(doc, 'unit', 'bvc'), memberId: 'anna' }]);
      await fx.lowerHead?.(third, 1);
      expect(await s.appendUpdates(third, [{ update: set(doc, 'title', 'Tensta VC'), memberId: 'anna' }])).toBe(4);
      await fx.lowerHead?.(third, 2);
      expect(await s.appendMany?.([{ ref: third, updates: [{ update: set(doc, 'unit', 'mvc'), memberId: 'anna' }] }])).toEqual([5]);
      const after = await s.loadDoc(third);
      expect([after.lastSeq, metaOf(after)]).toEqual([5, { title: 'Tensta VC', year: '2026', unit: 'mvc' }]);
    });

    it('whose head was lowered under a process that appends after a number it read takes that append after the newest, and none after a number below it', async () => {
      const { fx, s } = get();
      const doc = new Y.Doc();
      await made(s, fourth);
      await s.appendUpdates(fourth, [{ update: set(doc, 'title', 'Kista'), memberId: 'anna' }, { update: set(doc, 'year', '2026'), memberId: 'anna' }]);
      await s.appendUpdates(fourth, [{ update: set(doc, 'unit', 'bvc'), memberId: 'anna' }]);
      await fx.lowerHead?.(fourth, 1);
      expect(await s.appendAfter(fourth, 3, [{ update: set(doc, 'title', 'Kista VC'), memberId: 'anna' }])).toBe(4);
      await fx.lowerHead?.(fourth, 2);
      expect(await s.appendAfter(fourth, 2, [{ update: set(new Y.Doc(), 'unit', 'mvc'), memberId: 'anna' }])).toBeNull();
      const after = await s.loadDoc(fourth);
      expect([after.lastSeq, metaOf(after)]).toEqual([4, { title: 'Kista VC', year: '2026', unit: 'bvc' }]);
    });

    it('takes an edit of a process that loaded it before, numbered after what is stored (its updates kept, or pruned under the snapshot)', async () => {
      const { fx, s } = get();
      for (const [at, pruned] of [[ref, false], [second, true]] as const) {
        const doc = new Y.Doc();
        // Made now, as the server makes one: rows of another document whose key went before it was made cannot be its history.
        await s.putDocRecord(madeRecord(at, new Date().toISOString()));
        await s.appendUpdates(at, [{ update: set(doc, 'title', 'Husby'), memberId: 'anna' }, { update: set(doc, 'year', '2026'), memberId: 'anna' }]);
        await s.compact(at, Y.encodeStateAsUpdateV2(doc), 2);
        expect((await s.loadDoc(at)).lastSeq).toBe(2);
        if (pruned) await fx.loseRows?.(at, { updates: true });
        await fx.loseHead?.(at);

        // No load between: the process appends to the document it holds.
        expect(await s.appendUpdates(at, [{ update: set(doc, 'title', 'Husby VC'), memberId: 'anna' }])).toBe(3);
        expect(await s.appendUpdates(at, [{ update: set(doc, 'unit', 'bvc'), memberId: 'anna' }])).toBe(4);
        const after = await s.loadDoc(at);
        expect([at.doc, after.lastSeq, metaOf(after)]).toEqual([at.doc, 4, { title: 'Husby VC', year: '2026', unit: 'bvc' }]);
      }
    });
  });

  describe('a document whose snapshot and updates are gone, its checkpoints kept', () => {
    /** `at` with updates 1–3 and checkpoints up to 3 (the newest at 3), its snapshot and updates then lost, its head as `head` says. */
    const checkpointsAlone = async (fx: StorageFixture, s: Storage, at: DocRef, head: 'kept' | 'lost' | 'behind'): Promise<Y.Doc> => {
      const doc = new Y.Doc();
      await made(s, at);
      await s.appendUpdates(at, [{ update: set(doc, 'title', 'Husby'), memberId: 'anna' }]);
      await s.compact(at, Y.encodeStateAsUpdateV2(doc), 1);
      await s.appendUpdates(at, [{ update: set(doc, 'year', '2026'), memberId: 'anna' }, { update: set(doc, 'unit', 'bvc'), memberId: 'anna' }]);
      await s.compact(at, Y.encodeStateAsUpdateV2(doc), 3);
      expect((await s.listCheckpoints(at)).at(-1)?.seq).toBe(3);
      await fx.loseRows?.(at, { snapshot: true, updates: true });
      if (head === 'lost') await fx.loseHead?.(at);
      if (head === 'behind') await fx.lowerHead?.(at, 1);
      return doc;
    };

    // A head behind what is stored is raised by a load (below); an append before any load numbers from it.
    it('takes an edit before any load, numbered after its newest checkpoint (its head kept, or lost)', async () => {
      const { fx, s } = get();
      const docs = [await checkpointsAlone(fx, s, ref, 'kept'), await checkpointsAlone(fx, s, second, 'lost')];
      const store = await (fx.reopen as () => Promise<Storage>)();
      for (const [i, at] of [ref, second].entries()) {
        // An append first, without a load: numbered after the checkpoint, not under it.
        expect(await store.appendUpdates(at, [{ update: set(docs[i] as Y.Doc, 'title', 'Husby VC'), memberId: 'anna' }])).toBe(4);
        const loaded = await store.loadDoc(at);
        expect([at.doc, loaded.lastSeq, metaOf(loaded)]).toEqual([at.doc, 4, { title: 'Husby VC', year: '2026', unit: 'bvc' }]);
        expect(await store.lastSeqs(at.workspace, [at.doc])).toEqual(new Map([[at.doc, 4]]));
        // A store that wrote in the load says so in the trail, in the load's words.
        if (loaded.headRebuilt) expect((await store.listAudit(at.workspace, 10)).find((a) => a.action === 'head-rebuilt' && a.doc === at.doc)?.detail).toBe(loaded.headRebuilt);
      }
    });

    it('loads its newest checkpoint and numbers the next edit after it (its head kept, lost or behind)', async () => {
      const { fx, s } = get();
      const refs = [ref, second, third];
      const docs = [await checkpointsAlone(fx, s, ref, 'kept'), await checkpointsAlone(fx, s, second, 'lost'), await checkpointsAlone(fx, s, third, 'behind')];
      const store = await (fx.reopen as () => Promise<Storage>)();
      for (const [i, at] of refs.entries()) {
        const loaded = await store.loadDoc(at);
        expect([at.doc, loaded.lastSeq, metaOf(loaded)]).toEqual([at.doc, 3, { title: 'Husby', year: '2026', unit: 'bvc' }]);
        expect(await store.appendUpdates(at, [{ update: set(docs[i] as Y.Doc, 'title', 'Husby VC'), memberId: 'anna' }])).toBe(4);
        const after = await store.loadDoc(at);
        expect([at.doc, after.lastSeq, metaOf(after)]).toEqual([at.doc, 4, { title: 'Husby VC', year: '2026', unit: 'bvc' }]);
      }
    });
  });
}
