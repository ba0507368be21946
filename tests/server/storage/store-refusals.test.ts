/**
 * What a watched store makes of a database refusing a write (`store-refusals.ts`), on SQLite and
 * PostgreSQL alike: a write that clashes with a key stored first is a `storage-conflict` (409), a
 * server that takes no writes (PostgreSQL's read-only standby, 25006) is a fault of the medium like
 * SQLite's read-only file (503, remembered for `/healthz`), each with its sentence in Swedish and
 * English. Before, both answered as the driver's own error, which a route turned into a 500.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { listenedClient } from '../../support/listened-client.js';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { AuditRecord, Storage } from '../../../server/storage/storage.js';
import { StorageUnavailableError, watchStorage } from '../../../server/storage/watched.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';

const line: AuditRecord = { at: '2026-01-15T10:00:00.000Z', workspace: 'ws1', doc: null, memberId: 'ada', action: 'member', bytes: 0, detail: 'added bo' };

/** What a rejected call threw, as the route's answer would carry it. */
async function thrown(call: Promise<unknown>): Promise<unknown> {
  const err = await call.then(() => null, (e: unknown) => e);
  if (!(err instanceof StorageUnavailableError)) return err;
  return { code: err.code, status: err.status, sv: err.sv, en: err.message };
}

const CONFLICT = {
  code: 'storage-conflict',
  status: 409,
  sv: 'Ändringen kunde inte sparas: en post med samma id sparades samtidigt. Inget ändrades; läs in på nytt och försök igen.',
  en: 'The change could not be stored: a record of the same id was stored at the same moment. Nothing was changed; reload and try again.',
};

/** With `unique` making a second line of one action clash: the second is a conflict, not remembered as a fault. */
async function clashIsConflict(inner: Storage, unique: () => Promise<void>): Promise<void> {
  const watched = watchStorage(inner);
  await unique();
  await watched.storage.appendAudit([line]);
  expect(await thrown(watched.storage.appendAudit([line]))).toEqual(CONFLICT);
  expect(watched.fault()).toBeNull();
}

describe('a store refusing a write (SQLite)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-store-refusals-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers a clash with a stored key as a conflict in words', async () => {
    const file = path.join(dir, 'store.db');
    const storage = openSqliteStorage(file);
    const side = new Database(file);
    try {
      await clashIsConflict(storage, async () => void side.exec('CREATE UNIQUE INDEX one_line_per_action ON audit (action)'));
    } finally {
      side.close();
      await storage.close();
    }
  });
});

describe.skipIf(servicesMissing() !== null)('a store refusing a write (PostgreSQL)', () => {
  const server = usePostgres();

  it('answers a clash with a stored key as a conflict in words, and a server taking no writes as unavailable', async () => {
    const url = await server.createDb('storerefusals');
    const storage = await openPostgresStorage(url);
    const side = listenedClient({ connectionString: url });
    await side.connect();
    try {
      await clashIsConflict(storage, async () => void (await side.query('CREATE UNIQUE INDEX one_line_per_action ON audit (action)')));
      // What a hot standby (or a database set read-only) answers every write: SQLSTATE 25006.
      await side.query("CREATE FUNCTION read_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'cannot execute INSERT in a read-only transaction' USING ERRCODE = 'read_only_sql_transaction'; END $$");
      await side.query('CREATE TRIGGER read_only BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION read_only()');
      const watched = watchStorage(storage);
      expect(await thrown(watched.storage.appendAudit([{ ...line, action: 'token' }]))).toEqual({
        code: 'storage-unavailable',
        status: 503,
        sv: 'Servern kan inte spara ändringar just nu (skrivbehörighet till databasen saknas). Inget ändrades; försök igen om en stund.',
        en: 'The server cannot store changes right now (no permission to write to the database). Nothing was changed; try again in a while.',
      });
      expect(watched.fault()?.words.en).toBe('no permission to write to the database');
    } finally {
      await side.end();
      await storage.close();
    }
  }, 60_000);
});
