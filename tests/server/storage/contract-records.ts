import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type {
  AuditRecord,
  DocRecord,
  MemberRecord,
  Storage,
  TokenRecord,
  UnitRecord,
  WorkspaceRecord,
} from '../../../server/storage/storage.js';
import type { StorageFixture } from './contract.js';

const at = (minute: number): string => new Date(Date.UTC(2026, 0, 5, 8, minute)).toISOString();
const ws: WorkspaceRecord = { id: 'hbi-stockholm', name: 'Region Stockholm', createdAt: at(0) };
const unitRegion: UnitRecord = { workspace: ws.id, code: 'region', name: 'Region Stockholm', parent: null };
const unitHusby: UnitRecord = { workspace: ws.id, code: 'husby', name: 'Husby vårdcentral', parent: 'region' };
const docPlan: DocRecord = {
  workspace: ws.id,
  doc: 'plan-husby',
  kind: 'activity-plan',
  title: 'Aktivitetsplan Husby 2026',
  ownerUnit: 'husby',
  createdAt: at(1),
  updatedAt: at(1),
};
const anna: MemberRecord = { workspace: ws.id, id: 'anna', name: 'Anna Lind', role: 'editor', units: ['husby', 'rinkeby'] };
const token = (id: string, minute: number, workspace = ws.id): TokenRecord => ({
  id,
  hash: `${id}`.padEnd(64, '0'),
  workspace,
  memberId: 'anna',
  label: `laptop ${id}`,
  createdAt: at(minute),
  expiresAt: null,
  revokedAt: null,
});
const audit = (minute: number, action: string, detail: string | null = null, workspace = ws.id): AuditRecord => ({
  at: at(minute),
  workspace,
  doc: 'plan-husby',
  memberId: 'anna',
  action,
  bytes: minute * 10,
  detail,
});

/** Fill a store with one of everything, for persistence and backup checks. */
async function fill(s: Storage): Promise<void> {
  await s.putWorkspace(ws);
  await s.putUnit(unitRegion);
  await s.putUnit(unitHusby);
  await s.putDocRecord(docPlan);
  await s.putMember(anna);
  await s.putMember({ ...anna, id: 'bo', name: 'Bo Ek' });
  await s.deleteMember(ws.id, 'bo', { by: 'anna', at: at(2) });
  await s.putToken(token('t1', 2));
  await s.appendAudit([audit(3, 'connect')]);
  await s.appendUpdates(docPlan, [
    { update: new Uint8Array([1]), memberId: 'anna' },
    { update: new Uint8Array([2]), memberId: null, takeBacks: [{ at: Date.parse('2026-03-02T08:00:00.000Z'), data: new Uint8Array([7, 8]) }] },
  ]);
  await s.compact(docPlan, new Uint8Array([12]), 1);
}

/** Check that `s` holds exactly what {@link fill} wrote. */
async function expectFilled(s: Storage): Promise<void> {
  expect(await s.listWorkspaces()).toEqual([ws]);
  expect(await s.listUnits(ws.id)).toEqual([unitHusby, unitRegion]);
  const rec = await s.getDocRecord(docPlan);
  expect({ ...rec, updatedAt: docPlan.updatedAt }).toEqual(docPlan);
  expect(await s.listMembers(ws.id)).toEqual([anna]);
  expect(await s.listRemovals(ws.id)).toEqual([{ workspace: ws.id, id: 'bo', name: 'Bo Ek', removedBy: 'anna', removedAt: at(2) }]);
  expect(await s.listTokens(ws.id)).toEqual([token('t1', 2)]);
  expect(await s.listAudit(ws.id, 10)).toEqual([audit(3, 'connect')]);
  const loaded = await s.loadDoc(docPlan);
  expect(Array.from(loaded.snapshot ?? [])).toEqual([12]);
  expect(loaded.updates.map((b) => Array.from(b))).toEqual([[2]]);
  expect(loaded.lastSeq).toBe(2);
  expect((loaded.takeBacks ?? []).map((b) => Array.from(b))).toEqual([[7, 8]]);
  expect((await s.listUpdates(docPlan, 0, 10)).map((h) => [h.seq, h.memberId])).toEqual([[1, 'anna'], [2, null]]);
}

/** The record half of the contract: catalogue, members, tokens, audit, persistence, backup. */
export function recordContract(get: () => { fx: StorageFixture; s: Storage }): void {
  describe('workspaces and units', () => {
    it('stores, replaces and lists workspaces by id; an unknown one is null', async () => {
      const { s } = get();
      await s.putWorkspace({ id: 'lan-jonkoping', name: 'Jönköpings län', createdAt: at(0) });
      await s.putWorkspace(ws);
      await s.putWorkspace({ ...ws, name: 'Region Stockholm HBI' });
      expect(await s.getWorkspace(ws.id)).toEqual({ ...ws, name: 'Region Stockholm HBI' });
      expect(await s.getWorkspace('nowhere')).toBeNull();
      expect((await s.listWorkspaces()).map((w) => w.id)).toEqual(['hbi-stockholm', 'lan-jonkoping']);
    });

    it('lists the units of one workspace by code, keeping a null parent', async () => {
      const { s } = get();
      await s.putUnit(unitRegion);
      await s.putUnit(unitHusby);
      await s.putUnit({ ...unitHusby, name: 'Husby VC' });
      await s.putUnit({ workspace: 'lan-jonkoping', code: 'husby', name: 'elsewhere', parent: null });
      expect(await s.listUnits(ws.id)).toEqual([{ ...unitHusby, name: 'Husby VC' }, unitRegion]);
      expect(await s.listUnits('nowhere')).toEqual([]);
    });
  });

  describe('document records', () => {
    it('stores, replaces, gets and lists document records per workspace', async () => {
      const { s } = get();
      await s.putDocRecord(docPlan);
      await s.putDocRecord({ ...docPlan, doc: 'action-plan', kind: 'action-plan', ownerUnit: 'region' });
      await s.putDocRecord({ ...docPlan, title: 'Aktivitetsplan Husby 2027' });
      await s.putDocRecord({ ...docPlan, workspace: 'lan-jonkoping' });
      expect(await s.getDocRecord(docPlan)).toEqual({ ...docPlan, title: 'Aktivitetsplan Husby 2027' });
      expect(await s.getDocRecord({ workspace: ws.id, doc: 'missing' })).toBeNull();
      expect((await s.listDocs(ws.id)).map((d) => d.doc)).toEqual(['action-plan', 'plan-husby']);
      const some = await s.getDocRecords(ws.id, ['plan-husby', 'missing', 'action-plan', 'plan-husby']);
      expect(some.sort((a, b) => a.doc.localeCompare(b.doc))).toEqual([
        { ...docPlan, doc: 'action-plan', kind: 'action-plan', ownerUnit: 'region' },
        { ...docPlan, title: 'Aktivitetsplan Husby 2027' },
      ]);
      expect(await s.getDocRecords('lan-jonkoping', ['plan-husby', 'action-plan'])).toEqual([{ ...docPlan, workspace: 'lan-jonkoping' }]);
      expect(await s.getDocRecords(ws.id, [])).toEqual([]);
    });

    it('keeps when a document was archived, and forgets it when it is restored', async () => {
      const { s } = get();
      await s.putDocRecord({ ...docPlan, archivedAt: '2026-11-30T09:00:00.000Z', archivedBy: 'Anna Admin' });
      expect(await s.getDocRecord(docPlan)).toEqual({ ...docPlan, archivedAt: '2026-11-30T09:00:00.000Z', archivedBy: 'Anna Admin' });
      expect((await s.listDocs(ws.id))[0]?.archivedAt).toBe('2026-11-30T09:00:00.000Z');
      await s.putDocRecord({ ...docPlan, archivedAt: null, archivedBy: null });
      expect((await s.getDocRecord(docPlan))?.archivedAt ?? null).toBeNull();
      expect((await s.getDocRecord(docPlan))?.archivedBy ?? null).toBeNull();
    });
  });

  describe('members', () => {
    it('updates a member only while one of the id is stored (a removal made meanwhile stays)', async () => {
      const { s } = get();
      await s.putMember(anna);
      expect(await s.updateMember?.({ ...anna, role: 'viewer', units: [] })).toBe(true);
      expect(await s.getMember(ws.id, 'anna')).toEqual({ ...anna, role: 'viewer', units: [] });
      expect(await s.deleteMember(ws.id, 'anna', { by: 'bo', at: at(20) })).toBe(true);
      expect(await s.updateMember?.({ ...anna, role: 'admin' })).toBe(false);
      expect(await s.getMember(ws.id, 'anna')).toBeNull();
      expect((await s.getRemoval(ws.id, 'anna'))?.removedBy).toBe('bo');
    });

    it('stores members with role and units, replaces them and lists them per workspace', async () => {
      const { s } = get();
      await s.putMember(anna);
      await s.putMember({ workspace: ws.id, id: 'bo', name: 'Bo Ek', role: 'viewer', units: [] });
      await s.putMember({ ...anna, workspace: 'lan-jonkoping', role: 'admin' });
      expect(await s.getMember(ws.id, 'anna')).toEqual(anna);
      await s.putMember({ ...anna, role: 'coordinator', units: ['husby'] });
      expect(await s.getMember(ws.id, 'anna')).toEqual({ ...anna, role: 'coordinator', units: ['husby'] });
      expect(await s.getMember(ws.id, 'nobody')).toBeNull();
      expect((await s.listMembers(ws.id)).map((m) => [m.id, m.role, m.units])).toEqual([
        ['anna', 'coordinator', ['husby']],
        ['bo', 'viewer', []],
      ]);
    });

    it('reads the members of given ids in its own workspace only, by id, removed ones left out', async () => {
      const { s } = get();
      const bo: MemberRecord = { workspace: ws.id, id: 'bo', name: 'Bo Ek', role: 'viewer', units: [] };
      await s.putMember(bo);
      await s.putMember(anna);
      await s.putMember({ ...anna, id: 'cilla', name: 'Cilla Berg' });
      await s.putMember({ ...anna, workspace: 'lan-jonkoping', id: 'dan', name: 'Dan Sjö' });
      await s.deleteMember(ws.id, 'cilla', { by: 'anna', at: at(20) });
      expect(await s.getMembers(ws.id, ['bo', 'anna', 'cilla', 'dan', 'nobody', 'bo'])).toEqual([anna, bo]);
      expect(await s.getMembers('lan-jonkoping', ['anna', 'dan'])).toEqual([{ ...anna, workspace: 'lan-jonkoping', id: 'dan', name: 'Dan Sjö' }]);
      expect(await s.getMembers(ws.id, [])).toEqual([]);
    });

    it('removes a member of one workspace only, and says whether there was one', async () => {
      const { s } = get();
      await s.putMember(anna);
      await s.putMember({ ...anna, workspace: 'lan-jonkoping' });
      expect(await s.deleteMember(ws.id, 'anna')).toBe(true);
      expect(await s.deleteMember(ws.id, 'anna')).toBe(false);
      expect(await s.getMember(ws.id, 'anna')).toBeNull();
      expect(await s.getMember('lan-jonkoping', 'anna')).not.toBeNull();
    });
  });

  describe('tokens', () => {
    it('finds a token by its hash and lists a workspace’s tokens oldest first', async () => {
      const { s } = get();
      await s.putToken(token('t2', 9));
      await s.putToken(token('t1', 2));
      await s.putToken(token('t3', 5, 'lan-jonkoping'));
      expect(await s.getTokenByHash(token('t2', 9).hash)).toEqual(token('t2', 9));
      expect(await s.getTokenByHash('f'.repeat(64))).toBeNull();
      expect((await s.listTokens(ws.id)).map((t) => t.id)).toEqual(['t1', 't2']);
    });

    it('reads one token by id in its own workspace only, revoked and expired ones too, and sees its later writes', async () => {
      const { s } = get();
      await s.putToken(token('t1', 2));
      await s.putToken({ ...token('t2', 3), label: 'session: dialog', expiresAt: at(4) });
      await s.putToken(token('t3', 5, 'lan-jonkoping'));
      expect(await s.getToken(ws.id, 't1')).toEqual(token('t1', 2));
      expect(await s.getToken(ws.id, 't2')).toEqual({ ...token('t2', 3), label: 'session: dialog', expiresAt: at(4) });
      // Another workspace's token is not found by its id from this one, nor this one's from there.
      expect(await s.getToken(ws.id, 't3')).toBeNull();
      expect(await s.getToken('lan-jonkoping', 't1')).toBeNull();
      expect(await s.getToken('lan-jonkoping', 't3')).toEqual(token('t3', 5, 'lan-jonkoping'));
      expect(await s.getToken(ws.id, 'nope')).toBeNull();
      expect(await s.revokeToken('t1', at(30))).toBe(true);
      await s.putToken({ ...token('t2', 3), label: 'session: dialog', expiresAt: at(50) });
      expect((await s.getToken(ws.id, 't1'))?.revokedAt).toBe(at(30));
      expect((await s.getToken(ws.id, 't2'))?.expiresAt).toBe(at(50));
    });

    it('reads the tokens of given ids in its own workspace only, oldest first, revoked ones too', async () => {
      const { s } = get();
      await s.putToken(token('t2', 9));
      await s.putToken({ ...token('t1', 2), expiresAt: at(4) });
      await s.putToken(token('t3', 5, 'lan-jonkoping'));
      await s.putToken(token('t4', 7));
      expect(await s.revokeToken('t4', at(30))).toBe(true);
      expect(await s.getTokens(ws.id, ['t2', 't1', 't4', 't3', 'nope', 't2'])).toEqual([{ ...token('t1', 2), expiresAt: at(4) }, { ...token('t4', 7), revokedAt: at(30) }, token('t2', 9)]);
      expect(await s.getTokens('lan-jonkoping', ['t1', 't3'])).toEqual([token('t3', 5, 'lan-jonkoping')]);
      expect(await s.getTokens(ws.id, [])).toEqual([]);
    });

    it('lists one member’s tokens in its own workspace, oldest first, revoked ones too', async () => {
      const { s } = get();
      const of = (id: string, minute: number, memberId: string, workspace = ws.id): TokenRecord => ({ ...token(id, minute, workspace), memberId });
      await s.putToken(of('t3', 9, 'anna'));
      await s.putToken(of('t1', 2, 'anna'));
      await s.putToken(of('t2', 3, 'nina'));
      await s.putToken(of('t4', 4, 'anna', 'lan-jonkoping'));
      expect(await s.revokeToken('t3', at(30))).toBe(true);
      expect(await s.listMemberTokens(ws.id, 'anna')).toEqual([of('t1', 2, 'anna'), { ...of('t3', 9, 'anna'), revokedAt: at(30) }]);
      expect(await s.listMemberTokens(ws.id, 'nina')).toEqual([of('t2', 3, 'nina')]);
      expect(await s.listMemberTokens('lan-jonkoping', 'anna')).toEqual([of('t4', 4, 'anna', 'lan-jonkoping')]);
      expect(await s.listMemberTokens(ws.id, 'nobody')).toEqual([]);
    });

    it('revokes a token once, keeping the first revocation time', async () => {
      const { s } = get();
      await s.putToken(token('t1', 2));
      expect(await s.revokeToken('t1', at(30))).toBe(true);
      expect(await s.revokeToken('t1', at(40))).toBe(false);
      expect(await s.revokeToken('nope', at(40))).toBe(false);
      expect((await s.getTokenByHash(token('t1', 2).hash))?.revokedAt).toBe(at(30));
    });

    it('keeps a revocation when a copy of the token read before it is written back (a session refresh racing a sign-out)', async () => {
      const { s } = get();
      await s.putToken(token('t1', 2));
      const readBefore = await s.getTokenByHash(token('t1', 2).hash);
      expect(await s.revokeToken('t1', at(30))).toBe(true);
      await s.putToken({ ...(readBefore as NonNullable<typeof readBefore>), expiresAt: at(50) });
      const now = await s.getTokenByHash(token('t1', 2).hash);
      expect(now?.revokedAt).toBe(at(30));
      expect(now?.expiresAt).toBe(at(50));
    });
  });

  describe('audit', () => {
    it('lists a workspace’s audit records newest first, at most limit', async () => {
      const { s } = get();
      await s.appendAudit([audit(1, 'connect'), audit(2, 'write')]);
      await s.appendAudit([audit(3, 'disconnect'), audit(4, 'connect', null, 'lan-jonkoping')]);
      expect((await s.listAudit(ws.id, 10)).map((r) => r.action)).toEqual(['disconnect', 'write', 'connect']);
      expect(await s.listAudit(ws.id, 1)).toEqual([audit(3, 'disconnect')]);
    });

    it('never stores a personal identity number in detail, whatever the caller passes', async () => {
      const { s } = get();
      const numbers = ['19121212-1212', '121212-1212', '191212121212', '121212+1212', '121212\u20131212', '１２１２１２-１２１２'];
      await s.appendAudit(numbers.map((n, i) => audit(i, 'refused', `personnummer ${n} in cell`)));
      for (const r of await s.listAudit(ws.id, 10)) {
        expect(r.detail).toBe('personnummer [redacted] in cell');
      }
    });

    it('stores no identity number the cap or a control character makes of a detail', async () => {
      const { s } = get();
      // Eleven digits are no number; cut at 200 characters the last ten are 850101-1236. A control
      // character the guard reads as nothing joins 9 to the number, and stored as a space parts them.
      const cut = `${'c'.repeat(65)} on row ${'r'.repeat(117)}85010112367`;
      const joined = 'comment-1 on row x9\u00018501011236';
      await s.appendAudit([audit(1, 'comment-add', cut), audit(2, 'comment-add', joined)]);
      const [second, first] = await s.listAudit(ws.id, 2);
      expect(first?.detail).toBe(`${'c'.repeat(65)} on row ${'r'.repeat(117)}[redacted]`);
      expect(second?.detail).toBe('comment-1 on row x9 [redacted]');
    });

    it('caps detail at 200 characters', async () => {
      const { s } = get();
      await s.appendAudit([audit(1, 'refused', 'x'.repeat(5000))]);
      expect((await s.listAudit(ws.id, 1))[0]?.detail).toHaveLength(200);
    });
  });

  describe('record texts', () => {
    // A lone surrogate comes back from storage as U+FFFD, which the guard reads as a dash.
    const spellings = ['Eva 850101-1236', '850101\u20131236', '８５０１０１－１２３６', '1985-01-01-1236', '850101\u200B1236', '850101\uD8001236', '8501\uDC0001-1236'];
    const writes: Array<[string, (s: Storage, pnr: string) => Promise<void>, (s: Storage) => Promise<unknown[]>]> = [
      ['workspace name', (s, pnr) => s.putWorkspace({ ...ws, id: 'w2', name: pnr }), async (s) => (await s.listWorkspaces()).filter((w) => w.id === 'w2')],
      ['workspace id', (s, pnr) => s.putWorkspace({ ...ws, id: pnr }), (s) => s.listWorkspaces()],
      ['unit name', (s, pnr) => s.putUnit({ ...unitHusby, name: pnr }), (s) => s.listUnits(ws.id)],
      ['unit code', (s, pnr) => s.putUnit({ ...unitHusby, code: pnr }), (s) => s.listUnits(ws.id)],
      ['document title', (s, pnr) => s.putDocRecord({ ...docPlan, title: pnr }), (s) => s.listDocs(ws.id)],
      ['document id', (s, pnr) => s.putDocRecord({ ...docPlan, doc: pnr }), (s) => s.listDocs(ws.id)],
      ['member name', (s, pnr) => s.putMember({ ...anna, name: pnr }), (s) => s.listMembers(ws.id)],
      ['member id', (s, pnr) => s.putMember({ ...anna, id: pnr }), (s) => s.listMembers(ws.id)],
      ['member units', (s, pnr) => s.putMember({ ...anna, units: ['husby', pnr] }), (s) => s.listMembers(ws.id)],
      ['token label', (s, pnr) => s.putToken({ ...token('t9', 1), label: pnr }), (s) => s.listTokens(ws.id)],
      ['token member', (s, pnr) => s.putToken({ ...token('t9', 1), memberId: pnr }), (s) => s.listTokens(ws.id)],
    ];

    it.each(writes)('refuses a personnummer in the %s, in every spelling, and stores nothing', async (_what, write, list) => {
      const { s } = get();
      for (const pnr of spellings) {
        await expect(write(s, pnr)).rejects.toMatchObject({ code: 'personnummer' });
      }
      expect(await list(s)).toEqual([]);
    });

    // A lone surrogate would be kept as U+FFFD (not what was typed); a control or bidirectional
    // character lets one name pass for another in the Explorer (shared/validate/plain-text.ts).
    const characters: Array<[string, string, number]> = [['\ud800', 'U+D800', 0], ['a\u0007b\u202eevil', 'U+0007', 1], ['Husby\u202e', 'U+202E', 5], ['A\u2066B', 'U+2066', 1], ['A\u200fB', 'U+200F', 1]];
    it.each(writes.filter(([what]) => /name|title|label/.test(what)))('refuses a lone surrogate, control or bidirectional character in the %s, naming it, and stores nothing', async (what, write, list) => {
      const { s } = get();
      for (const [text, code, index] of characters) {
        const field = what.split(' ')[1]!;
        // Where it is: 0-based in UTF-16 code units, and 1-based in the sentence (all here are one unit wide).
        await expect(write(s, text)).rejects.toMatchObject({ code: 'text-character', field, character: code, place: { index, number: index + 1 } });
        await expect(write(s, text)).rejects.toThrow(`as character ${index + 1}`);
      }
      expect(await list(s)).toEqual([]);
    });
  });

  describe('persistence', () => {
    it('keeps everything across close and reopen (persistent stores)', async (ctx) => {
      const { fx, s } = get();
      if (!fx.reopen) return ctx.skip();
      await fill(s);
      await expectFilled(await fx.reopen());
    });

    it('backs up to an SQLite file that opens with the same data', async () => {
      const { s } = get();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-backup-'));
      try {
        await fill(s);
        const copyPath = path.join(dir, 'copy.db');
        await s.backup(copyPath);
        // Writes after the backup must not reach the copy.
        await s.appendUpdates(docPlan, [{ update: new Uint8Array([3]), memberId: null }]);
        const copy = openSqliteStorage(copyPath);
        try {
          await expectFilled(copy);
        } finally {
          await copy.close();
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
