import { describe, expect, it } from 'vitest';
import type { DocRef, Storage } from '../../../server/storage/storage.js';
import type { StorageFixture } from './contract.js';
import { made } from './made.js';

const u = (...values: number[]): Uint8Array => new Uint8Array(values);
/** Ids holding a personnummer (as typed, look-alike letters, a 12-digit one inside a slug). */
const REFUSED: DocRef[] = [
  { workspace: 'hbi-stockholm', doc: '850101-1236' },
  { workspace: 'hbi-stockholm', doc: 'plan-19850101-1236' },
  { workspace: 'hbi-stockholm', doc: '850l0l-1236' },
  { workspace: '850101-1236', doc: 'plan-husby' },
];

/**
 * A document's workspace and id are checked at every write keyed by them, before anything is
 * written: a refused id leaves no row in any table (SQLite's `doc_keys`, PostgreSQL's heads).
 */
export function docIdContract(get: () => { fx: StorageFixture; s: Storage }): void {
  describe('document ids at the writes keyed by them', () => {
    it('refuses a personnummer in the workspace or document id of an append, a compare-and-set append, a group commit and a snapshot, and keeps no row of it', async () => {
      const { fx, s } = get();
      const kept = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
      await made(s, kept);
      await s.appendUpdates(kept, [{ update: u(1), memberId: null }]);
      for (const ref of REFUSED) {
        const refused = { code: 'personnummer' };
        await expect(s.appendUpdates(ref, [{ update: u(2), memberId: null }])).rejects.toMatchObject(refused);
        await expect(s.appendUpdates(ref, [{ update: u(3), memberId: null, takeBacks: [{ at: Date.UTC(2026, 0, 5, 8), data: u(9) }] }])).rejects.toMatchObject(refused);
        await expect(s.appendAfter(ref, 0, [{ update: u(4), memberId: null }])).rejects.toMatchObject(refused);
        if (s.appendMany) await expect(s.appendMany([{ ref: kept, updates: [{ update: u(5), memberId: null }] }, { ref, updates: [{ update: u(6), memberId: null }] }])).rejects.toMatchObject(refused);
        await expect(s.compact(ref, u(7), 0)).rejects.toMatchObject(refused);
        expect((await s.loadDoc(ref)).updates).toEqual([]);
      }
      expect((await s.loadDoc(kept)).updates).toHaveLength(1);
      if (!fx.allRows) return;
      const text = await fx.allRows();
      // The kept document's id is there, so the scan can see an id.
      expect(text).toContain('plan-husby');
      for (const ref of REFUSED) {
        expect(text).not.toContain(ref.doc === 'plan-husby' ? ref.workspace : ref.doc);
      }
    });
  });
}
