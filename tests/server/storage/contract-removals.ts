import { describe, expect, it } from 'vitest';
import { LastAdminError } from '../../../server/storage/last-admin.js';
import type { MemberRecord, Storage } from '../../../server/storage/storage.js';
import type { StorageFixture } from './contract.js';

const WS = 'hbi-stockholm';
const OTHER = 'lan-jonkoping';
const at = (minute: number): string => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();
const nina: MemberRecord = { workspace: WS, id: 'nina.ek@region.example', name: 'Nina Ek', role: 'editor', units: ['vc-husby'] };

/**
 * The removal half of the contract: an admin's removal of a member is kept (the name they had,
 * who, when) until a member of that id is added again, per workspace, in the same write as the
 * member's deletion.
 */
export function removalContract(get: () => { fx: StorageFixture; s: Storage }): void {
  describe('removals of members', () => {
    it("keeps an admin's removal with the removed member's name, who and when, in that workspace only", async () => {
      const { s } = get();
      await s.putMember(nina);
      await s.putMember({ ...nina, workspace: OTHER });
      expect(await s.getRemoval(WS, nina.id)).toBeNull();
      expect(await s.deleteMember(WS, nina.id, { by: 'anna', at: at(1) })).toBe(true);
      const kept = { workspace: WS, id: nina.id, name: 'Nina Ek', removedBy: 'anna', removedAt: at(1) };
      expect(await s.getRemoval(WS, nina.id)).toEqual(kept);
      expect(await s.listRemovals(WS)).toEqual([kept]);
      expect(await s.getRemoval(OTHER, nina.id)).toBeNull();
      expect(await s.listRemovals(OTHER)).toEqual([]);
      expect(await s.getMember(OTHER, nina.id)).toEqual({ ...nina, workspace: OTHER });
    });

    it('keeps no removal for a deletion without one, or when there was no member to remove', async () => {
      const { s } = get();
      await s.putMember(nina);
      expect(await s.deleteMember(WS, nina.id)).toBe(true);
      expect(await s.deleteMember(WS, 'bo', { by: 'anna', at: at(1) })).toBe(false);
      expect(await s.listRemovals(WS)).toEqual([]);
    });

    it('forgets the removal when a member of that id is added again, and keeps the newest of two removals', async () => {
      const { s } = get();
      await s.putMember(nina);
      await s.putMember({ ...nina, id: 'bo', name: 'Bo Ek' });
      await s.deleteMember(WS, nina.id, { by: 'anna', at: at(1) });
      await s.deleteMember(WS, 'bo', { by: null, at: at(2) });
      await s.putMember({ ...nina, role: 'viewer', units: [] });
      expect(await s.getRemoval(WS, nina.id)).toBeNull();
      expect(await s.listRemovals(WS)).toEqual([{ workspace: WS, id: 'bo', name: 'Bo Ek', removedBy: null, removedAt: at(2) }]);
      await s.deleteMember(WS, nina.id, { by: 'carl', at: at(3) });
      expect(await s.getRemoval(WS, nina.id)).toEqual({ workspace: WS, id: nina.id, name: 'Nina Ek', removedBy: 'carl', removedAt: at(3) });
    });

    it('keeps the name the member had when removed: a rename before the removal is the name kept', async () => {
      const { s } = get();
      await s.putMember(nina);
      await s.putMember({ ...nina, name: 'Nina Berg' });
      await s.deleteMember(WS, nina.id, { by: 'anna', at: at(1) });
      await s.putMember(nina);
      await s.putMember({ ...nina, name: 'Nina Ek Berg' });
      await s.deleteMember(WS, nina.id, { by: 'anna', at: at(2) });
      expect(await s.listRemovals(WS)).toEqual([{ workspace: WS, id: nina.id, name: 'Nina Ek Berg', removedBy: 'anna', removedAt: at(2) }]);
    });

    it('refuses a personnummer as who removed, and neither deletes the member nor keeps a removal', async () => {
      const { s } = get();
      await s.putMember(nina);
      await expect(s.deleteMember(WS, nina.id, { by: '19121212-1212', at: at(1) })).rejects.toMatchObject({ code: 'personnummer' });
      expect(await s.getMember(WS, nina.id)).toEqual(nina);
      expect(await s.listRemovals(WS)).toEqual([]);
    });

    it('stores the audit lines given with a member, token, workspace or unit write, and none with a write that changed nothing', async () => {
      const { s } = get();
      const line = (detail: string) => [{ at: at(1), workspace: WS, doc: null, memberId: 'anna', action: 'member', bytes: 0, detail }];
      await s.putMember(nina, line('added nina'));
      await s.putMember({ ...nina, id: 'bo', name: 'Bo Ek' });
      expect(await s.updateMember?.({ ...nina, role: 'viewer', units: [] }, line('updated nina'))).toBe(true);
      // Written again as stored: found, but nothing changed, so no line.
      expect(await s.updateMember?.({ ...nina, role: 'viewer', units: [] }, line('updated nina unchanged'))).toBe(true);
      expect(await s.updateMember?.({ ...nina, id: 'ghost' }, line('updated ghost'))).toBe(false);
      const token = { id: 'tokaudit', hash: 'a'.repeat(64), workspace: WS, memberId: nina.id, label: 'Excel', createdAt: at(1), expiresAt: null, revokedAt: null };
      await s.putToken(token, line('created tokaudit'));
      // Written again as stored: nothing changed, so no line.
      await s.putMember({ ...nina, id: 'bo', name: 'Bo Ek' }, line('added bo unchanged'));
      await s.putToken({ ...token }, line('created tokaudit unchanged'));
      expect(await s.revokeToken(token.id, at(2), line('revoked tokaudit'))).toBe(true);
      expect(await s.revokeToken(token.id, at(3), line('revoked again'))).toBe(false);
      expect(await s.deleteMember(WS, nina.id, { by: 'anna', at: at(4) }, line('removed nina'))).toBe(true);
      expect(await s.deleteMember(WS, 'bo', undefined, line('removed bo'))).toBe(true);
      expect(await s.deleteMember(WS, 'ghost', { by: 'anna', at: at(4) }, line('removed ghost'))).toBe(false);
      await s.putWorkspace({ id: WS, name: 'Region Stockholm', createdAt: at(1) }, line('renamed'));
      await s.putUnit({ workspace: WS, code: 'vc-husby', name: 'Husby vårdcentral', parent: null }, line('added vc-husby'));
      const kept = (await s.listAudit(WS, 100)).map((l) => l.detail).sort();
      const want = ['added nina', 'added vc-husby', 'created tokaudit', 'removed bo', 'removed nina', 'renamed', 'revoked tokaudit'];
      // A store without updateMember changes members by putMember only.
      expect(kept).toEqual((s.updateMember ? [...want, 'updated nina'] : want).sort());
    });

    it('keeps a workspace its one admin when its two last admins are removed at once: one removal passes, the other is refused', async () => {
      const { s } = get();
      const ws = 'lan-kalmar';
      await s.putWorkspace({ id: ws, name: 'Kalmar', createdAt: at(0) });
      for (const id of ['anna', 'bo']) await s.putMember({ workspace: ws, id, name: id, role: 'admin', units: [] });
      const both = await Promise.allSettled(['anna', 'bo'].map((id) => s.deleteMember(ws, id, { by: null, at: at(1) }, [])));
      expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(both.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(LastAdminError) });
      expect((await s.listMembers(ws)).map((m) => m.role)).toEqual(['admin']);
      // A change of role that would leave none is refused as well, in the store itself.
      const [last] = await s.listMembers(ws);
      if (s.updateMember) await expect(s.updateMember({ ...last!, role: 'viewer' }, [])).rejects.toBeInstanceOf(LastAdminError);
    });

    it('refuses, in the store itself, every write that takes away a workspace its only admin: a deletion without a removal and a replacement by putMember too', async () => {
      const { s } = get();
      const ws = 'lan-gotland';
      const anna: MemberRecord = { workspace: ws, id: 'anna', name: 'Anna', role: 'admin', units: [] };
      await s.putWorkspace({ id: ws, name: 'Gotland', createdAt: at(0) });
      await s.putMember(anna);
      await expect(s.deleteMember(ws, 'anna')).rejects.toMatchObject({ code: 'last-admin', change: 'remove' });
      await expect(s.deleteMember(ws, 'anna', undefined, [])).rejects.toBeInstanceOf(LastAdminError);
      await expect(s.putMember({ ...anna, role: 'coordinator' })).rejects.toMatchObject({ code: 'last-admin', change: 'demote' });
      await expect(s.putMember({ ...anna, role: 'viewer' }, [])).rejects.toBeInstanceOf(LastAdminError);
      await expect(s.putWorkspace({ id: ws, name: 'Region Gotland', createdAt: at(0) }, [], { ...anna, role: 'editor', units: ['vc-visby'] })).rejects.toBeInstanceOf(LastAdminError);
      expect((await s.getWorkspace(ws))?.name).toBe('Gotland');
      expect(await s.listMembers(ws)).toEqual([anna]);
      // With a second admin each passes; an admin written again as admin, or a member never stored, is not refused.
      await s.putMember({ ...anna, name: 'Anna Lind' });
      await s.putMember({ ...anna, id: 'bo', name: 'Bo' });
      await s.putMember({ ...anna, role: 'viewer' });
      expect(await s.deleteMember(ws, 'anna')).toBe(true);
      expect(await s.deleteMember(ws, 'ghost')).toBe(false);
      expect((await s.listMembers(ws)).map((m) => [m.id, m.role])).toEqual([['bo', 'admin']]);
    });

    it('keeps removals across close and reopen (persistent stores)', async (ctx) => {
      const { fx, s } = get();
      if (!fx.reopen) return ctx.skip();
      await s.putMember(nina);
      await s.deleteMember(WS, nina.id, { by: 'anna', at: at(1) });
      const again = await fx.reopen();
      expect(await again.getRemoval(WS, nina.id)).toEqual({ workspace: WS, id: nina.id, name: 'Nina Ek', removedBy: 'anna', removedAt: at(1) });
    });
  });
}
