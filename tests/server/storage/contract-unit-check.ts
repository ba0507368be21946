/**
 * A unit write with a rule on the tree (`putUnit` with `{ check }`, `PutUnitOptions`), for every
 * adapter: the rule is given the workspace's units as stored in the write's transaction, so of two
 * writes at once the second is checked on the tree the first made (on PostgreSQL the two run on two
 * connections of the pool at once); a rule that throws rejects the put with its error and writes
 * nothing. Called by `runStorageContract`.
 */
import { describe, expect, it } from 'vitest';
import type { AuditRecord, Storage, UnitRecord } from '../../../server/storage/storage.js';
import type { StorageFixture } from './contract.js';

const AT = '2026-01-15T10:00:00.000Z';
const line = (detail: string): AuditRecord => ({ at: AT, workspace: 'ny', doc: null, memberId: 'anna', action: 'unit', bytes: 0, detail });
const unit = (code: string, parent: string | null): UnitRecord => ({ workspace: 'ny', code, name: `Enhet ${code}`, parent });

/** The rule the tests give: `u` under its parent must not lie under itself in `stored`. */
const noCycle = (u: UnitRecord) => (stored: readonly UnitRecord[]) => {
  const parent = new Map(stored.map((s) => [s.code, s.parent]));
  for (let p = u.parent, hops = 0; p !== null && hops <= stored.length; p = parent.get(p) ?? null, hops++) {
    if (p === u.code) throw new Error(`${u.code} would lie under itself`);
  }
};

/** Checked unit writes against the store `get()` gives (fresh per test). */
export function unitCheckContract(get: () => { fx: StorageFixture; s: Storage }): void {
  describe('the unit lines of the audit trail', () => {
    it('are every unit line of the workspace, oldest first, however many other lines came after them', async () => {
      const { s } = get();
      const at = '2026-03-01T08:00:00.000Z';
      const line = (workspace: string, action: string, detail: string | null): AuditRecord => ({ at, workspace, doc: null, memberId: 'admin', action, bytes: 0, detail });
      await s.appendAudit([line('hbi-stockholm', 'unit', 'changed vc-a, renamed from "Vårdcentral A"'), line('hbi-goteborg', 'unit', 'added vc-g')]);
      await s.appendAudit(Array.from({ length: 300 }, () => line('hbi-stockholm', 'write', null)));
      await s.appendAudit([line('hbi-stockholm', 'unit', 'added vc-b')]);
      expect((await s.listUnitAudit('hbi-stockholm')).map((l) => l.detail)).toEqual(['changed vc-a, renamed from "Vårdcentral A"', 'added vc-b']);
      expect((await s.listUnitAudit('hbi-malmo')).length).toBe(0);
    });
  });

  describe('a unit write with a rule on the tree', () => {
    it('checks two writes at once one after the other: of two units put under each other, one is stored and the other refused', async () => {
      const { s } = get();
      await s.putWorkspace({ id: 'ny', name: 'Ny region', createdAt: AT });
      await s.putUnit(unit('a', null));
      await s.putUnit(unit('b', null));
      // Reads at once leave the pool (PostgreSQL) with idle connections, so both writes begin at once.
      await Promise.all([1, 2, 3].map(() => s.listUnits('ny')));
      const moves = [unit('a', 'b'), unit('b', 'a')];
      const tries = await Promise.allSettled(moves.map((u) => s.putUnit(u, [line(`changed ${u.code}`)], { check: noCycle(u) })));
      const won = tries.findIndex((t) => t.status === 'fulfilled');
      expect(tries.map((t) => t.status).sort()).toEqual(['fulfilled', 'rejected']);
      const lost = tries.find((t) => t.status === 'rejected');
      expect(lost?.reason).toBeInstanceOf(Error);
      expect((lost?.reason as Error).message).toMatch(/^[ab] would lie under itself$/);
      const moved = moves[won] as UnitRecord;
      expect(await s.listUnits('ny')).toEqual([moved, unit(moved.code === 'a' ? 'b' : 'a', null)].sort((x, y) => x.code.localeCompare(y.code)));
      expect((await s.listAudit('ny', 10)).map((l) => l.detail)).toEqual([`changed ${moved.code}`]);
    });

    it('gives the rule the stored units, and a rule that throws writes neither the unit nor its line', async () => {
      const { s } = get();
      await s.putWorkspace({ id: 'ny', name: 'Ny region', createdAt: AT });
      await s.putUnit(unit('a', null));
      const seen: UnitRecord[][] = [];
      const refuse = (stored: readonly UnitRecord[]) => {
        seen.push([...stored]);
        throw new Error('refused by the rule');
      };
      await expect(s.putUnit(unit('c', 'a'), [line('added c')], { create: true, check: refuse })).rejects.toThrow('refused by the rule');
      await expect(s.putUnit({ ...unit('a', null), name: 'Annan' }, [line('changed a')], { check: refuse })).rejects.toThrow('refused by the rule');
      expect(seen).toEqual([[unit('a', null)], [unit('a', null)]]);
      expect(await s.listUnits('ny')).toEqual([unit('a', null)]);
      expect(await s.listAudit('ny', 10)).toEqual([]);
    });
  });
}
