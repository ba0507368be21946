/**
 * A document's record stored with the update that changes it (`AppendItem.record`, a rename's),
 * for every adapter: in the append's transaction with the update and its audit line (all, or none),
 * through `appendUpdates` and a group commit's `appendMany`, writing only the title (and `updatedAt`)
 * over a stored record: an archive, owner unit or kind stored after the caller read it is not undone;
 * a rename of a document deleted after the caller read its record stores nothing (the document stays
 * deleted), where a new document's record (`creates`) is written whole, and only over none: two makings
 * of one id (a double click, two processes) store one document. Called by `runStorageContract`.
 */
import { describe, expect, it } from 'vitest';
import type { AppendItem, DocRecord, Storage } from '../../../server/storage/storage.js';
import { DocIdTakenError, DocRecordGoneError } from '../../../server/storage/storage-records.js';
import type { StorageContractOptions, StorageFixture } from './contract.js';

const ref = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
const AT = '2026-01-15T10:00:00.000Z';
const record: DocRecord = { ...ref, kind: 'activity-plan', title: 'Aktivitetsplan 2025', ownerUnit: 'vc-husby', createdAt: AT, updatedAt: AT, archivedAt: null, archivedBy: null };

/** A rename as the REST route hands it over: the title's update, its line and the renamed record. */
const renamed = (title: string): AppendItem => ({
  update: new Uint8Array([7]),
  memberId: 'anna',
  audit: [{ ...ref, memberId: 'anna', action: 'rename', bytes: 0, detail: `"Aktivitetsplan 2025" → "${title}"` }],
  record: { ...record, title, updatedAt: '2026-01-16T09:00:00.000Z' },
});

/** {@link AppendItem.record} against the store and fixture `get()` gives (fresh per test). */
export function appendRecordContract(get: () => { fx: StorageFixture; s: Storage }, options: StorageContractOptions): void {
  describe('a record stored with its update', () => {
    it('stores the record with the update and its line, keeping an archive stored since the record was read', async () => {
      const { s } = get();
      await s.putDocRecord(record);
      await s.putDocRecord({ ...record, archivedAt: AT, archivedBy: 'Bo Ek' });
      expect(await s.appendUpdates(ref, [renamed('Aktivitetsplan 2026')])).toBe(1);
      expect(await s.getDocRecord(ref)).toMatchObject({ title: 'Aktivitetsplan 2026', archivedAt: AT, archivedBy: 'Bo Ek' });
      expect((await s.listAudit(ref.workspace, 10)).map((l) => l.action)).toEqual(['rename']);
    });

    it('writes only the title over a record stored since the rename read it: an owner unit or kind stored meanwhile holds', async () => {
      const { s } = get();
      await s.putDocRecord(record);
      // Moved to another unit (and kind) after the rename read the record as `record`.
      await s.putDocRecord({ ...record, ownerUnit: 'vc-rinkeby', kind: 'action-plan' });
      await s.appendUpdates(ref, [renamed('Aktivitetsplan 2026')]);
      expect(await s.getDocRecord(ref)).toMatchObject({ title: 'Aktivitetsplan 2026', ownerUnit: 'vc-rinkeby', kind: 'action-plan' });
    });

    it('stores neither the update nor the record when the line is refused (stores whose fixture can refuse one)', async (ctx) => {
      const { fx, s } = get();
      if (!fx.refuseAudit) return ctx.skip();
      await s.putDocRecord(record);
      await fx.refuseAudit();
      await expect(s.appendUpdates(ref, [renamed('Aktivitetsplan 2026')])).rejects.toThrow();
      expect((await s.getDocRecord(ref))?.title).toBe('Aktivitetsplan 2025');
      expect((await s.loadDoc(ref)).lastSeq).toBe(0);
    });

    it('stores nothing of a rename whose record was deleted after it was read, and says so', async () => {
      const { s } = get();
      await s.putDocRecord(record);
      // Deleted by another writer between the rename's read of the record and its append.
      await s.deleteDoc(ref);
      await expect(s.appendUpdates(ref, [renamed('Aktivitetsplan 2026')])).rejects.toBeInstanceOf(DocRecordGoneError);
      expect(await s.getDocRecord(ref)).toBeNull();
      expect((await s.loadDoc(ref)).lastSeq).toBe(0);
      expect(await s.listAudit(ref.workspace, 10)).toEqual([]);
    });

    it('writes a new document’s record whole (`creates`): a creation or a copy', async () => {
      const { s } = get();
      const made: AppendItem = { update: new Uint8Array([7]), memberId: 'anna', audit: [{ ...ref, memberId: 'anna', action: 'create', bytes: 0, detail: 'activity-plan' }], record, creates: true };
      expect(await s.appendUpdates(ref, [made])).toBe(1);
      expect(await s.getDocRecord(ref)).toMatchObject({ title: 'Aktivitetsplan 2025', ownerUnit: 'vc-husby', kind: 'activity-plan' });
      expect((await s.listAudit(ref.workspace, 10)).map((l) => l.action)).toEqual(['create']);
    });

    it('stores nothing of a new document whose id was taken after the caller found it free, and says so', async () => {
      const { s } = get();
      const making = (title: string, action: string): AppendItem => ({
        update: new Uint8Array([7]),
        memberId: 'anna',
        audit: [{ ...ref, memberId: 'anna', action, bytes: 0, detail: title }],
        record: { ...record, title },
        creates: true,
      });
      // Two makings of one free id at once (a double click on copy, two processes): one document, made once.
      const both = await Promise.allSettled([s.appendUpdates(ref, [making('Plan A', 'create')]), s.appendUpdates(ref, [making('Plan B', 'copy')])]);
      expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(DocIdTakenError);
      const madeFirst = both[0].status === 'fulfilled' ? 'Plan A' : 'Plan B';
      expect(await s.getDocRecord(ref)).toMatchObject({ title: madeFirst });
      expect((await s.loadDoc(ref)).lastSeq).toBe(1);
      expect((await s.listAudit(ref.workspace, 10)).map((l) => l.detail)).toEqual([madeFirst]);
      // And one made over a record stored long before.
      await expect(s.appendUpdates(ref, [making('Plan C', 'create')])).rejects.toBeInstanceOf(DocIdTakenError);
      expect(await s.getDocRecord(ref)).toMatchObject({ title: madeFirst });
      expect((await s.loadDoc(ref)).lastSeq).toBe(1);
    });

    if (options.groupCommit) {
      it('stores no batch of a group commit holding a rename of a deleted document (all or none)', async () => {
        const { s } = get();
        const appendMany = s.appendMany?.bind(s);
        if (!appendMany) throw new Error('this store offers no appendMany');
        const other = { ...ref, doc: 'plan-rinkeby' };
        await s.putDocRecord(record);
        await s.deleteDoc(ref);
        const batches = [
          { ref: other, updates: [{ update: new Uint8Array([1]), memberId: null }] },
          { ref, updates: [{ update: new Uint8Array([2]), memberId: null }, renamed('Plan Husby 2026')] },
        ];
        await expect(appendMany(batches)).rejects.toBeInstanceOf(DocRecordGoneError);
        expect(await s.getDocRecord(ref)).toBeNull();
        expect([(await s.loadDoc(ref)).lastSeq, (await s.loadDoc(other)).lastSeq]).toEqual([0, 0]);
      });

      it('stores the record of a group commit with its batch', async () => {
        const { s } = get();
        const appendMany = s.appendMany?.bind(s);
        if (!appendMany) throw new Error('this store offers no appendMany');
        await s.putDocRecord(record);
        await s.putDocRecord({ ...record, ownerUnit: 'vc-rinkeby' });
        await appendMany([{ ref, updates: [{ update: new Uint8Array([1]), memberId: null }, renamed('Plan Husby 2026')] }]);
        expect(await s.getDocRecord(ref)).toMatchObject({ title: 'Plan Husby 2026', ownerUnit: 'vc-rinkeby' });
        expect((await s.loadDoc(ref)).lastSeq).toBe(2);
      });
    }
  });
}
