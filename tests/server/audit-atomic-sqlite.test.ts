/**
 * A rights write and its audit line are stored together or not at all (SQLite): with every audit
 * insert refused (a trigger raising, as a full or broken audit table would), adding, changing and
 * removing a member, creating and revoking a token, starting a session with its sign-in line,
 * creating a workspace, adding a unit, and writing or deleting a document's entry fail and
 * leave the records as they were; the
 * same writes succeed with their lines once the audit table takes rows again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { issueSession } from '../../server/auth/sessions.js';
import { createToken } from '../../server/auth/tokens.js';
import { putMember, removeMember } from '../../server/http/put-member.js';
import { createWorkspace, putUnitChecked } from '../../server/http/units.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'samplan-audit-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = '2026-12-04T09:00:00.000Z';
const by = { at, by: 'anna' };

describe('a rights write whose audit line cannot be stored (SQLite)', () => {
  it('stores neither the write nor the line, and stores both once the audit table takes rows', async () => {
    const file = join(dir, 'store.db');
    const storage = openSqliteStorage(file);
    await storage.putWorkspace({ id: 'hbi-x', name: 'Region X', createdAt: at });
    await storage.putMember({ workspace: 'hbi-x', id: 'olle', name: 'Olle Berg', role: 'viewer', units: [] });
    const olleToken = (await createToken(storage, { workspace: 'hbi-x', memberId: 'olle', label: 'Excel', clock: () => new Date(at) })).record;
    const side = new Database(file);
    side.exec("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit refused'); END");
    const lines = async () => (await storage.listAudit('hbi-x', 100)).map((l) => l.detail);

    await expect(putMember(storage, 'hbi-x', { id: 'nina', name: 'Nina Ek', role: 'admin', units: [] }, by)).rejects.toThrow(/audit refused/);
    expect(await storage.getMember('hbi-x', 'nina')).toBeNull();
    await expect(putMember(storage, 'hbi-x', { id: 'olle', name: 'Olle Berg', role: 'admin', units: [] }, by)).rejects.toThrow(/audit refused/);
    expect((await storage.getMember('hbi-x', 'olle'))?.role).toBe('viewer');
    await expect(removeMember(storage, 'hbi-x', 'olle', by)).rejects.toThrow(/audit refused/);
    expect(await storage.getMember('hbi-x', 'olle')).not.toBeNull();
    expect(await storage.getRemoval('hbi-x', 'olle')).toBeNull();
    await expect(createToken(storage, { workspace: 'hbi-x', memberId: 'olle', label: 'Ny', clock: () => new Date(at), auditBy: 'anna' })).rejects.toThrow(/audit refused/);
    expect((await storage.listTokens('hbi-x')).map((t) => t.id)).toEqual([olleToken.id]);
    const line = [{ at, workspace: 'hbi-x', doc: null, memberId: 'anna', action: 'token', bytes: 0, detail: `revoked ${olleToken.id}` }];
    await expect(storage.revokeToken(olleToken.id, at, line)).rejects.toThrow(/audit refused/);
    expect((await storage.getToken('hbi-x', olleToken.id))?.revokedAt).toBeNull();
    await expect(createWorkspace(storage, { id: 'hbi-y', name: 'Region Y' }, at, 'anna')).rejects.toThrow(/audit refused/);
    expect(await storage.getWorkspace('hbi-y')).toBeNull();
    await expect(putUnitChecked(storage, { workspace: 'hbi-x', code: 'vc-husby', name: 'Husby vårdcentral', parent: null }, at, 'anna')).rejects.toThrow(/audit refused/);
    expect(await storage.listUnits('hbi-x')).toEqual([]);
    const signIn = [{ at, workspace: 'hbi-x', doc: null, memberId: 'olle', action: 'sign-in', bytes: 0, detail: 'dialog' }];
    await expect(issueSession(storage, { workspace: 'hbi-x', memberId: 'olle', via: 'dialog', minutes: 60, clock: () => new Date(at), lines: signIn })).rejects.toThrow(/audit refused/);
    expect((await storage.listTokens('hbi-x')).map((t) => t.id)).toEqual([olleToken.id]);
    const plan = { workspace: 'hbi-x', doc: 'plan', kind: 'activity-plan', title: 'Plan', ownerUnit: 'hbi-x', createdAt: at, updatedAt: at };
    const docLine = (action: string) => [{ at, workspace: 'hbi-x', doc: 'plan', memberId: 'anna', action, bytes: 0, detail: null }];
    await expect(storage.putDocRecord(plan, docLine('create'))).rejects.toThrow(/audit refused/);
    expect(await storage.getDocRecord(plan)).toBeNull();
    side.exec('DROP TRIGGER refuse_audit');
    await storage.putDocRecord(plan);
    side.exec("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit refused'); END");
    await expect(storage.deleteDoc(plan, docLine('delete'))).rejects.toThrow(/audit refused/);
    expect(await storage.getDocRecord(plan)).toEqual(plan);
    expect(await lines()).toEqual([]);

    side.exec('DROP TRIGGER refuse_audit');
    side.close();
    expect((await putMember(storage, 'hbi-x', { id: 'nina', name: 'Nina Ek', role: 'admin', units: [] }, by)).created).toBe(true);
    expect(await storage.revokeToken(olleToken.id, at, line)).toBe(true);
    // A revocation that changes nothing writes no line.
    expect(await storage.revokeToken(olleToken.id, at, line)).toBe(false);
    expect(await removeMember(storage, 'hbi-x', 'olle', by)).toEqual({ tokensRevoked: 0 });
    const made = (await createToken(storage, { workspace: 'hbi-x', memberId: 'nina', label: 'Ny', clock: () => new Date(at), auditBy: 'anna' })).record;
    expect((await lines()).sort()).toEqual(['added nina as admin', `created ${made.id} for nina`, 'removed olle', `revoked ${olleToken.id}`].sort());
    await storage.close();
  });
});
