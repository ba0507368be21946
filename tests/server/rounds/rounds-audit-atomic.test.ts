/**
 * A round's change and its audit line are stored together or not at all (SQLite and PostgreSQL).
 * The rounds service stored the change (an append to the rounds document), then its line in a
 * call of its own: with the audit table refusing rows (a trigger raising, as a full or broken
 * audit table would), a round was defined, a unit submitted, a round closed with no line. Now the
 * change is refused whole and the rounds are as they were; once the table takes rows, the same
 * changes are stored with their lines.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { listenedClient } from '../../support/listened-client.js';
import { afterAll, describe, expect, it } from 'vitest';
import { RoundsService, type RoundPrincipal } from '../../../server/rounds/rounds-service.js';
import { RoundsStore, unitKey } from '../../../server/rounds/rounds-store.js';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';

const WS = 'ws1';
const AT = '2026-05-01T08:00:00.000Z';
const coordinator: RoundPrincipal = { workspace: WS, memberId: 'coord', role: 'coordinator', units: [] };
const editor: RoundPrincipal = { workspace: WS, memberId: 'ed', role: 'editor', units: ['vc-a'] };
const def = { id: '2026-kv-2', title: '2026 kv 2', period: '2026Q2', dueDate: '2026-07-15', indicators: [], activities: true, units: [] };

/** Refuse, and allow again, inserts of audit lines in the store under test. */
interface AuditFault {
  refuse(): Promise<void>;
  allow(): Promise<void>;
}

async function roundsWithTheirLines(storage: Storage, fault: AuditFault): Promise<void> {
  await storage.putWorkspace({ id: WS, name: 'Testregion', createdAt: AT });
  await storage.putUnit({ workspace: WS, code: 'region', name: 'Region', parent: null });
  await storage.putUnit({ workspace: WS, code: 'vc-a', name: 'Vårdcentral A', parent: 'region' });
  const service = new RoundsService(new RoundsStore(storage), storage, () => new Date(AT));
  /** The rounds as storage holds them, read by a store of their own (another process's view). */
  const stored = async () => new RoundsStore(storage).state(WS);
  const lines = async () => (await storage.listAudit(WS, 100)).map((l) => `${l.action} ${l.detail ?? ''}`).sort();

  await fault.refuse();
  await expect(service.create(coordinator, def)).rejects.toThrow(/audit refused/);
  expect((await stored()).rounds.has('2026-kv-2')).toBe(false);
  await fault.allow();
  await service.create(coordinator, def);

  await fault.refuse();
  await expect(service.transition(editor, { round: '2026-kv-2', unit: 'vc-a', action: 'submit' })).rejects.toThrow(/audit refused/);
  expect((await stored()).units.get(unitKey('2026-kv-2', 'vc-a'))).toBeUndefined();
  await expect(service.setClosed(coordinator, '2026-kv-2', 'close')).rejects.toThrow(/audit refused/);
  expect((await stored()).closures.get('2026-kv-2')?.closed).not.toBe(true);
  await expect(service.place(coordinator, '2026-kv-2', '2', undefined)).rejects.toThrow(/audit refused/);
  expect((await stored()).maturity.get('2026-kv-2') ?? []).toEqual([]);
  expect(await lines()).toEqual(['round-create round=2026-kv-2 period=2026Q2']);

  await fault.allow();
  await service.transition(editor, { round: '2026-kv-2', unit: 'vc-a', action: 'submit' });
  await service.place(coordinator, '2026-kv-2', '2', undefined);
  await service.setClosed(coordinator, '2026-kv-2', 'close');
  expect((await stored()).closures.get('2026-kv-2')?.closed).toBe(true);
  expect(await lines()).toEqual(
    ['round-close round=2026-kv-2', 'round-create round=2026-kv-2 period=2026Q2', 'round-maturity round=2026-kv-2 level=2', 'round-submit round=2026-kv-2 unit=vc-a ej-paborjad->inskickad'].sort(),
  );
}

describe('a round change whose audit line cannot be stored (SQLite)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-rounds-audit-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores neither the change nor the line, and both once the audit table takes rows', async () => {
    const file = path.join(dir, 'store.db');
    const storage = openSqliteStorage(file);
    const side = new Database(file);
    await roundsWithTheirLines(storage, {
      async refuse() {
        side.exec("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit refused'); END");
      },
      async allow() {
        side.exec('DROP TRIGGER refuse_audit');
      },
    });
    side.close();
    await storage.close();
  });
});

describe.skipIf(servicesMissing() !== null)('a round change whose audit line cannot be stored (PostgreSQL)', () => {
  const server = usePostgres();

  it('stores neither the change nor the line, and both once the audit table takes rows', async () => {
    const url = await server.createDb('roundsaudit');
    const storage = await openPostgresStorage(url);
    const side = listenedClient({ connectionString: url });
    await side.connect();
    await side.query("CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$");
    await roundsWithTheirLines(storage, {
      async refuse() {
        await side.query('CREATE TRIGGER refuse_audit BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION refuse_audit()');
      },
      async allow() {
        await side.query('DROP TRIGGER refuse_audit ON audit');
      },
    });
    await side.end();
    await storage.close();
  }, 60_000);
});
