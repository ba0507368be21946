/**
 * A member's removal and a REST workspace create are each one write (SQLite and PostgreSQL).
 * A removal revoked the member's tokens in writes of their own after it, so a fault between them
 * left a removed member with live tokens; now a refused token revocation refuses the removal
 * (the member, her tokens and the audit kept as they were), and the same removal stores all once
 * the fault is gone. A workspace created over REST stored the workspace, then its creator's
 * membership, in two transactions (a fault between left a workspace with no admin); now a refused
 * member insert refuses the workspace too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { listenedClient } from '../support/listened-client.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createToken } from '../../server/auth/tokens.js';
import { removeMember } from '../../server/http/put-member.js';
import { createWorkspace } from '../../server/http/units.js';
import { openPostgresStorage } from '../../server/storage/postgres.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import type { Storage } from '../../server/storage/storage.js';
import { servicesMissing } from '../support/services.js';
import { usePostgres } from '../support/use-services.js';

const at = '2026-12-04T09:00:00.000Z';
const by = { at, by: 'anna' };

/** Ways to refuse, and allow again, writes of one table in the store under test. */
interface Faults {
  refuse(table: 'tokens' | 'members', op: 'UPDATE' | 'INSERT'): Promise<void>;
  allow(): Promise<void>;
}

async function removalIsOneWrite(storage: Storage, faults: Faults): Promise<void> {
  await storage.putWorkspace({ id: 'hbi-x', name: 'Region X', createdAt: at });
  await storage.putMember({ workspace: 'hbi-x', id: 'olle', name: 'Olle Berg', role: 'editor', units: [] });
  for (const label of ['Excel', 'Dator']) await createToken(storage, { workspace: 'hbi-x', memberId: 'olle', label, clock: () => new Date('2026-12-01T09:00:00.000Z') });
  const live = async () => (await storage.listMemberTokens('hbi-x', 'olle')).filter((t) => t.revokedAt === null).length;
  const lines = async () => (await storage.listAudit('hbi-x', 100)).map((l) => l.detail);

  await faults.refuse('tokens', 'UPDATE');
  await expect(removeMember(storage, 'hbi-x', 'olle', by)).rejects.toThrow(/refused/);
  expect(await storage.getMember('hbi-x', 'olle')).not.toBeNull();
  expect(await storage.getRemoval('hbi-x', 'olle')).toBeNull();
  expect(await live()).toBe(2);
  expect(await lines()).toEqual([]);

  await faults.allow();
  expect(await removeMember(storage, 'hbi-x', 'olle', by)).toEqual({ tokensRevoked: 2 });
  expect(await storage.getMember('hbi-x', 'olle')).toBeNull();
  expect((await storage.getRemoval('hbi-x', 'olle'))?.removedAt).toBe(at);
  expect(await live()).toBe(0);
  expect(await lines()).toEqual(['removed olle']);
}

async function workspaceCreateIsOneWrite(storage: Storage, faults: Faults): Promise<void> {
  await storage.putWorkspace({ id: 'hbi-a', name: 'Region A', createdAt: at });
  const creator = { workspace: 'hbi-a', id: 'anna', name: 'Anna Lund' };
  await faults.refuse('members', 'INSERT');
  await expect(createWorkspace(storage, { id: 'hbi-y', name: 'Region Y' }, at, 'anna', creator)).rejects.toThrow(/refused/);
  expect(await storage.getWorkspace('hbi-y')).toBeNull();
  expect(await storage.listAudit('hbi-y', 10)).toEqual([]);
  expect(await storage.listAudit('hbi-a', 10)).toEqual([]);

  await faults.allow();
  await createWorkspace(storage, { id: 'hbi-y', name: 'Region Y' }, at, 'anna', creator);
  expect((await storage.getWorkspace('hbi-y'))?.name).toBe('Region Y');
  expect(await storage.getMember('hbi-y', 'anna')).toEqual({ workspace: 'hbi-y', id: 'anna', name: 'Anna Lund', role: 'admin', units: [] });
  expect((await storage.listAudit('hbi-y', 10)).map((l) => l.detail)).toEqual(['created hbi-y']);
  expect((await storage.listAudit('hbi-a', 10)).map((l) => [l.memberId, l.detail])).toEqual([['anna', 'created hbi-y']]);
}

describe('one write for a removal and for a workspace with its admin (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-one-write-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const open = (name: string): { storage: Storage; faults: Faults; close: () => Promise<void> } => {
    const file = join(dir, `${name}.db`);
    const storage = openSqliteStorage(file);
    const side = new Database(file);
    const faults: Faults = {
      async refuse(table, op) {
        side.exec(`CREATE TRIGGER refuse_write BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${table} refused'); END`);
      },
      async allow() {
        side.exec('DROP TRIGGER refuse_write');
      },
    };
    return { storage, faults, close: async () => (side.close(), await storage.close()) };
  };

  it('a removal whose token revocation is refused is refused whole', async () => {
    const s = open('removal');
    await removalIsOneWrite(s.storage, s.faults);
    await s.close();
  });

  it('a workspace whose admin cannot be stored is not stored', async () => {
    const s = open('workspace');
    await workspaceCreateIsOneWrite(s.storage, s.faults);
    await s.close();
  });
});

describe.skipIf(servicesMissing() !== null)('one write for a removal and for a workspace with its admin (PostgreSQL)', () => {
  const server = usePostgres();

  const open = async (name: string): Promise<{ storage: Storage; faults: Faults; close: () => Promise<void> }> => {
    const url = await server.createDb(name);
    const storage = await openPostgresStorage(url);
    const side = listenedClient({ connectionString: url });
    await side.connect();
    const faults: Faults = {
      async refuse(table, op) {
        await side.query(`CREATE FUNCTION refuse_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${table} refused'; END $$`);
        await side.query(`CREATE TRIGGER refuse_write BEFORE ${op} ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_write()`);
      },
      async allow() {
        await side.query('DROP FUNCTION refuse_write() CASCADE');
      },
    };
    return { storage, faults, close: async () => (await side.end(), await storage.close()) };
  };

  it('a removal whose token revocation is refused is refused whole', async () => {
    const s = await open('oneremoval');
    await removalIsOneWrite(s.storage, s.faults);
    await s.close();
  }, 60_000);

  it('a workspace whose admin cannot be stored is not stored', async () => {
    const s = await open('oneworkspace');
    await workspaceCreateIsOneWrite(s.storage, s.faults);
    await s.close();
  }, 60_000);
});
