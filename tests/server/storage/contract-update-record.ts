/**
 * A document's record read and written in one transaction (`updateDocRecord`, the record of a
 * change that stored no update, a title the record follows), for every adapter: the change is
 * made from the record as stored (an archive stored before is kept), with its audit lines (both,
 * or neither), nothing written when the change gives none or no record is stored, and a title
 * with a personnummer refused before anything is written; the rights version moved only by a write
 * that changed something. Called by `runStorageContract`.
 */
import { describe, expect, it } from 'vitest';
import type { DocRecord, Storage } from '../../../server/storage/storage.js';
import type { StorageFixture } from './contract.js';

const ref = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
const AT = '2026-01-15T10:00:00.000Z';
const LATER = '2026-01-16T09:00:00.000Z';
const record: DocRecord = { ...ref, kind: 'activity-plan', title: 'Aktivitetsplan 2025', ownerUnit: 'vc-husby', createdAt: AT, updatedAt: AT, archivedAt: null, archivedBy: null };
const line = (detail: string) => ({ at: LATER, ...ref, memberId: 'anna', action: 'rename', bytes: 0, detail });
/** The rename to `title` of the record as stored, by Anna. */
const retitle = (title: string) => (stored: DocRecord) => ({ record: { ...stored, title, updatedAt: LATER }, audit: [line(`"${stored.title}" → "${title}"`)] });

/** {@link Storage.updateDocRecord} against the store and fixture `get()` gives (fresh per test). */
export function updateRecordContract(get: () => { fx: StorageFixture; s: Storage }): void {
  describe('a record read and written in one transaction', () => {
    it('writes the change of the record as stored, with its lines, keeping an archive stored before', async () => {
      const { s } = get();
      const update = s.updateDocRecord.bind(s);
      await s.putDocRecord({ ...record, archivedAt: AT, archivedBy: 'Bo Ek' });
      const written = await update(ref, retitle('Aktivitetsplan 2026'));
      expect(written).toMatchObject({ title: 'Aktivitetsplan 2026', updatedAt: LATER, archivedAt: AT, archivedBy: 'Bo Ek' });
      expect(await s.getDocRecord(ref)).toEqual(written);
      expect((await s.listAudit(ref.workspace, 10)).map((l) => l.detail)).toEqual(['"Aktivitetsplan 2025" → "Aktivitetsplan 2026"']);
    });

    it('writes nothing when the change gives none or no record is stored, and refuses a personnummer before writing', async () => {
      const { s } = get();
      const update = s.updateDocRecord.bind(s);
      expect(await update(ref, retitle('Aktivitetsplan 2026'))).toBeNull();
      expect(await s.getDocRecord(ref)).toBeNull();
      await s.putDocRecord(record);
      expect(await update(ref, () => null)).toEqual(await s.getDocRecord(ref));
      await expect(update(ref, retitle('Plan 19121212-1212'))).rejects.toMatchObject({ code: 'personnummer' });
      expect((await s.getDocRecord(ref))?.title).toBe(record.title);
      expect(await s.listAudit(ref.workspace, 10)).toEqual([]);
    });

    it('moves the rights version only when a write of rights changes something (stores that keep one)', async (ctx) => {
      const { s } = get();
      const version = s.rightsVersion?.bind(s);
      if (!version) return ctx.skip();
      const nina = { workspace: ref.workspace, id: 'nina', name: 'Nina Ek', role: 'editor' as const, units: ['vc-husby', 'vc-tensta'] };
      const token = { id: 'tok-nina', hash: 'b'.repeat(64), workspace: ref.workspace, memberId: nina.id, label: 'Excel', createdAt: AT, expiresAt: LATER, revokedAt: null };
      await s.putDocRecord(record);
      await s.putMember(nina);
      await s.putToken(token);
      await s.putToken({ ...token, id: 'tok-revoked', hash: 'c'.repeat(64) });
      await s.revokeToken('tok-revoked', AT);
      const before = await version();
      // Each writes nothing: no open socket need read its rights again.
      const nothing: [string, () => Promise<unknown>][] = [
        ['record change giving none', () => s.updateDocRecord(ref, () => null)],
        ['record change of a missing record', () => s.updateDocRecord({ ...ref, doc: 'plan-saknas' }, retitle('Plan'))],
        ['record change to the record as stored', () => s.updateDocRecord(ref, (stored) => ({ record: { ...stored }, audit: [] }))],
        ['record written again as stored', () => s.putDocRecord({ ...record, archivedAt: null })],
        ['change of a missing member', () => s.updateMember!({ workspace: ref.workspace, id: 'saknas', name: 'Nina Ek', role: 'editor', units: [] })],
        ['change of a member to what is stored', () => s.updateMember!({ ...nina, units: [...nina.units] })],
        ['member written again as stored', () => s.putMember({ ...nina, units: [...nina.units] })],
        ['token written again as stored', () => s.putToken({ ...token })],
        // A copy read before the revocation, written back: the revocation is kept, so nothing changes.
        ['revoked token written back unrevoked', () => s.putToken({ ...token, id: 'tok-revoked', hash: 'c'.repeat(64) })],
        ['removal of a missing member', () => s.deleteMember(ref.workspace, 'saknas')],
        ['revocation of a missing token', () => s.revokeToken('saknas', LATER)],
      ];
      for (const [what, write] of nothing) {
        await write();
        expect({ what, version: await version() }).toEqual({ what, version: before });
      }
      // A member stored is still found (`put-member.ts` reads false as removed meanwhile), and is as it was.
      expect(await s.updateMember!(nina)).toBe(true);
      expect(await s.getMember(nina.workspace, nina.id)).toEqual(nina);
      // Each changes one field (a name and a title give no right, but the stored row differs): each moves the version.
      const changes: [string, () => Promise<unknown>][] = [
        ['role', () => s.updateMember!({ ...nina, role: 'viewer' })],
        ['name', () => s.updateMember!({ ...nina, role: 'viewer', name: 'Nina Ekström' })],
        ['units', () => s.updateMember!({ ...nina, role: 'viewer', name: 'Nina Ekström', units: ['vc-husby'] })],
        ['record archived', () => s.putDocRecord({ ...record, archivedAt: LATER, archivedBy: 'Bo Ek' })],
        ['record retitled', () => s.updateDocRecord(ref, retitle('Aktivitetsplan 2026'))],
        ['member put with a role', () => s.putMember({ ...nina, role: 'editor', name: 'Nina Ekström', units: ['vc-husby'] })],
        ['member put with units', () => s.putMember({ ...nina, role: 'editor', name: 'Nina Ekström', units: [] })],
        ['member added', () => s.putMember({ ...nina, id: 'bo', name: 'Bo Ek' })],
        ['token put with a later expiry', () => s.putToken({ ...token, expiresAt: '2026-02-16T09:00:00.000Z' })],
        ['token added', () => s.putToken({ ...token, id: 'tok-ny', hash: 'd'.repeat(64) })],
        ['token revoked', () => s.revokeToken(token.id, LATER)],
      ];
      for (const [what, write] of changes) {
        const was = await version();
        await write();
        expect({ what, moved: (await version()) > was }).toEqual({ what, moved: true });
      }
    });

    it('writes neither the record nor its line when the line is refused (stores whose fixture can refuse one)', async (ctx) => {
      const { fx, s } = get();
      if (!fx.refuseAudit) return ctx.skip();
      await s.putDocRecord(record);
      await fx.refuseAudit();
      await expect(s.updateDocRecord(ref, retitle('Aktivitetsplan 2026'))).rejects.toThrow();
      expect((await s.getDocRecord(ref))?.title).toBe(record.title);
    });
  });
}
