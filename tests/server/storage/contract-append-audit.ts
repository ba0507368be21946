/**
 * Audit lines stored with the update they tell of (`AppendItem.audit`), for every adapter: in the
 * append's transaction (both, or neither), stamped with the update's own stored time, through
 * `appendUpdates` and a group commit's `appendMany` alike. Called by `runStorageContract`.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AppendItem, Storage } from '../../../server/storage/storage.js';
import type { StorageContractOptions, StorageFixture } from './contract.js';
import { made } from './made.js';

const ref = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
const other = { workspace: 'hbi-stockholm', doc: 'plan-rinkeby' };
const u = (...values: number[]): Uint8Array => new Uint8Array(values);

/** An import's update and its audit line, as `importIntoDocument` hands them over. */
const imported = (byte: number, doc = ref.doc): AppendItem => ({
  update: u(byte),
  memberId: 'anna',
  audit: [{ workspace: ref.workspace, doc, memberId: 'anna', action: 'import', bytes: 120, detail: 'imported 2, updated 0, refused 0' }],
});

/** {@link AppendItem.audit} against the store and fixture `get()` gives (fresh per test). */
export function appendAuditContract(get: () => { fx: StorageFixture; s: Storage }, options: StorageContractOptions): void {
  describe('audit lines stored with their update', () => {
    beforeEach(async () => {
      await made(get().s, ref, other);
    });

    it('stores the line with the update, at the time the update was stored', async () => {
      const { s } = get();
      await s.appendUpdates(ref, [{ update: u(1), memberId: 'bo' }]);
      expect(await s.appendUpdates(ref, [imported(2)])).toBe(2);
      const [line] = await s.listAudit(ref.workspace, 10);
      const stored = (await s.listUpdates(ref, 0, 10)).find((r) => r.seq === 2);
      expect(line).toEqual({ at: stored?.at, workspace: ref.workspace, doc: ref.doc, memberId: 'anna', action: 'import', bytes: 120, detail: 'imported 2, updated 0, refused 0' });
      expect(await s.listAudit(ref.workspace, 10)).toHaveLength(1);
    });

    it('stores neither the update nor its line when the line is refused (stores whose fixture can refuse one)', async (ctx) => {
      const { fx, s } = get();
      if (!fx.refuseAudit) return ctx.skip();
      await s.appendUpdates(ref, [{ update: u(1), memberId: 'bo' }]);
      await fx.refuseAudit();
      await expect(s.appendUpdates(ref, [imported(2)])).rejects.toThrow();
      expect((await s.loadDoc(ref)).lastSeq).toBe(1);
      expect(await s.listUpdates(ref, 0, 10)).toHaveLength(1);
      expect(await s.listAudit(ref.workspace, 10)).toEqual([]);
    });

    it('stores no line when the update is refused (stores whose fixture can refuse one)', async (ctx) => {
      const { fx, s } = get();
      if (!fx.refuseAppends) return ctx.skip();
      await fx.refuseAppends(ref.doc);
      await expect(s.appendUpdates(ref, [imported(2)])).rejects.toThrow();
      expect(await s.listAudit(ref.workspace, 10)).toEqual([]);
    });

    if (options.groupCommit) {
      it('stores the lines of a group commit with its batches, all or none', async () => {
        const { fx, s } = get();
        const appendMany = s.appendMany?.bind(s);
        if (!appendMany || !fx.refuseAppends || !fx.refuseAudit) throw new Error('this store offers no appendMany, or its fixture no refuseAppends or refuseAudit');
        await appendMany([{ ref, updates: [{ update: u(1), memberId: null }, imported(2)] }, { ref: other, updates: [imported(1, other.doc)] }]);
        const lines = await s.listAudit(ref.workspace, 10);
        expect(lines.map((l) => l.doc).sort()).toEqual([ref.doc, other.doc]);
        // Each at the time of its own document's update.
        const storedAt = async (doc: string, seq: number) => (await s.listUpdates({ ...ref, doc }, 0, 10)).find((r) => r.seq === seq)?.at;
        expect(lines.map((l) => l.at)).toEqual(await Promise.all(lines.map((l) => storedAt(l.doc ?? '', l.doc === ref.doc ? 2 : 1))));
        // One document's update refused: no line of the group is stored, the other's neither.
        await fx.refuseAppends(other.doc);
        await expect(appendMany([{ ref, updates: [imported(3)] }, { ref: other, updates: [{ update: u(2), memberId: null }] }])).rejects.toThrow();
        expect(await s.listAudit(ref.workspace, 10)).toHaveLength(2);
        expect((await s.loadDoc(ref)).lastSeq).toBe(2);
        // A line refused: no update of the group is stored.
        await fx.refuseAudit();
        await expect(appendMany([{ ref, updates: [{ update: u(3), memberId: null }] }, { ref: { ...ref, doc: 'plan-tensta' }, updates: [imported(1, 'plan-tensta')] }])).rejects.toThrow();
        expect((await s.loadDoc(ref)).lastSeq).toBe(2);
        expect((await s.loadDoc({ ...ref, doc: 'plan-tensta' })).lastSeq).toBe(0);
      });
    }
  });
}
