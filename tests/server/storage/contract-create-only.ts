/**
 * A create-only write (`putWorkspace` / `putUnit` with `{ create: true }`), for every adapter: it
 * stores a new record with its lines (and the workspace's admin), and refuses a stored one with
 * `RecordExistsError`, writing nothing — of creators at once, exactly one stores it. Called by
 * `runStorageContract`.
 */
import { describe, expect, it } from 'vitest';
import { RecordExistsError } from '../../../server/storage/record-exists.js';
import type { AuditRecord, MemberRecord, Storage, UnitRecord } from '../../../server/storage/storage.js';
import type { StorageFixture } from './contract.js';

const AT = '2026-01-15T10:00:00.000Z';
const line = (workspace: string, detail: string): AuditRecord => ({ at: AT, workspace, doc: null, memberId: 'anna', action: 'workspace', bytes: 0, detail });
const admin = (id: string): MemberRecord => ({ workspace: 'ny', id, name: `Person ${id}`, role: 'admin', units: [] });

/** Create-only writes against the store `get()` gives (fresh per test). */
export function createOnlyContract(get: () => { fx: StorageFixture; s: Storage }): void {
  describe('a create-only write', () => {
    it('stores one workspace of three created at once: the others refused, no admin, no line of theirs', async () => {
      const { s } = get();
      const names = ['Ny region', 'Annan region', 'Tredje region'];
      const tries = await Promise.allSettled(
        names.map((name, i) => s.putWorkspace({ id: 'ny', name, createdAt: AT }, [line('ny', `created ny ${i}`)], admin(`a${i}`), { create: true })),
      );
      const won = tries.findIndex((t) => t.status === 'fulfilled');
      expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
      for (const t of tries) if (t.status === 'rejected') expect(t.reason).toBeInstanceOf(RecordExistsError);
      expect((await s.getWorkspace('ny'))?.name).toBe(names[won]);
      expect((await s.listMembers('ny')).map((m) => m.id)).toEqual([`a${won}`]);
      expect((await s.listAudit('ny', 10)).map((l) => l.detail)).toEqual([`created ny ${won}`]);
    });

    it('refuses a stored unit and keeps it, and still adds and changes units', async () => {
      const { s } = get();
      await s.putWorkspace({ id: 'ny', name: 'Ny region', createdAt: AT });
      const unit: UnitRecord = { workspace: 'ny', code: 'vc-c', name: 'Vårdcentral C', parent: null };
      await s.putUnit(unit, [line('ny', 'added vc-c')], { create: true });
      await expect(s.putUnit({ ...unit, name: 'Annan' }, [line('ny', 'added vc-c again')], { create: true })).rejects.toBeInstanceOf(RecordExistsError);
      expect(await s.listUnits('ny')).toEqual([unit]);
      await s.putUnit({ ...unit, name: 'Vårdcentral Centrum' }, [line('ny', 'changed vc-c')]);
      expect((await s.listUnits('ny'))[0]?.name).toBe('Vårdcentral Centrum');
      expect((await s.listAudit('ny', 10)).map((l) => l.detail).sort()).toEqual(['added vc-c', 'changed vc-c']);
    });
  });
}
