/**
 * A row import and its audit line are one write (SQLite and PostgreSQL). `POST .../import` stored
 * the rows, then its line in a call of its own: with the audit table refusing rows (a trigger
 * raising, as a full or broken audit table would) the rows were stored with no line. Now the
 * import is refused whole, answered with an error in words, and the document is as it was; with
 * the update refused instead, no line claims the import. Once both tables take rows, the same
 * import stores both, the line at the time of its change. `samplan import` (`importIntoDocument`
 * straight on storage) stores its line with its rows too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { listenedClient } from '../../support/listened-client.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.js';
import { createToken } from '../../../server/auth/tokens.js';
import { loadFromStorage, storageDocAccess } from '../../../server/http/doc-access.js';
import { importIntoDocument, parseJsonRows } from '../../../server/http/import-rows.js';
import { silentLogger } from '../../../server/logger.js';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { rowsOf } from '../../../shared/doc/index.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';
import { planRow, putDoc, WS } from './support.js';

const AT = '2026-01-15T10:00:00.000Z';
const ref = { workspace: WS, doc: 'plan-a' };
const CSV = 'Aktivitet;Typ\nNy grupp;promenadgrupp\n';

/** Refuse, and allow again, inserts of one table in the store under test. */
interface Faults {
  refuse(table: 'audit' | 'updates'): Promise<void>;
  allow(): Promise<void>;
}

async function importIsOneWrite(storage: Storage, faults: Faults): Promise<void> {
  await storage.putWorkspace({ id: WS, name: 'Testregion', createdAt: AT });
  await storage.putUnit({ workspace: WS, code: 'vc-a', name: 'Vårdcentral A', parent: null });
  await storage.putMember({ workspace: WS, id: 'eda', name: 'Eda Ek', role: 'editor', units: ['vc-a'] });
  await putDoc(storage, ref.doc, 'activity-plan', 'vc-a', [planRow('Promenadgrupp A')], AT);
  const token = (await createToken(storage, { workspace: WS, memberId: 'eda', label: 'test', clock: () => new Date(AT) })).secret;
  const samplan = createApp({ storage, logger: silentLogger(), clock: () => new Date(AT), publicUrl: 'http://samplan.test', syncOptions: { graceMs: 10 } });
  const post = () =>
    samplan.app.request(`/v1/workspaces/${WS}/documents/${ref.doc}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: CSV,
    });
  const storedTitles = async () => rowsOf(await loadFromStorage(storage, ref)).map((r) => r.values.title);
  const imports = async () => (await storage.listAudit(WS, 100)).filter((l) => l.action === 'import');

  try {
    for (const table of ['audit', 'updates'] as const) {
      await faults.refuse(table);
      const res = await post();
      expect(await storedTitles()).toEqual(['Promenadgrupp A']);
      expect(await imports()).toEqual([]);
      expect(res.status).toBe(503);
      const { error } = (await res.json()) as { error: { message: string; details: { message: { sv: string; en: string } } } };
      expect(error.details.message.sv).toMatch(/^Servern kan inte spara ändringar just nu \(.+\)\. Inget ändrades; försök igen om en stund\.$/);
      await faults.allow();
    }

    const res = await post();
    expect(await res.json()).toMatchObject({ dryRun: false, imported: 1 });
    expect(await storedTitles()).toEqual(['Promenadgrupp A', 'Ny grupp']);
    const [line] = await imports();
    const changes = await storage.listUpdates(ref, 0, 100);
    expect(line).toMatchObject({ workspace: WS, doc: ref.doc, memberId: 'eda', detail: 'imported 1, updated 0, refused 0', at: changes.at(-1)?.at });
    expect(changes.at(-1)?.memberId).toBe('eda');
  } finally {
    await samplan.close();
  }

  // `samplan import`: on storage itself, by no member.
  const rows = parseJsonRows(JSON.stringify([{ Aktivitet: 'Hälsodag', Typ: 'halsodag' }]));
  const cli = () => importIntoDocument(storage, storageDocAccess(storage), ref, rows, { dryRun: false, principal: null, audit: { bytes: 60 } });
  await faults.refuse('audit');
  await expect(cli()).rejects.toThrow(/refused/);
  expect(await storedTitles()).toEqual(['Promenadgrupp A', 'Ny grupp']);
  await faults.allow();
  expect(await cli()).toMatchObject({ imported: 1 });
  expect(await storedTitles()).toEqual(['Promenadgrupp A', 'Ny grupp', 'Hälsodag']);
  expect((await imports()).map((l) => [l.memberId, l.bytes, l.detail])).toEqual([[null, 60, 'imported 1, updated 0, refused 0'], ['eda', Buffer.byteLength(CSV), 'imported 1, updated 0, refused 0']]);
}

describe('a row import whose audit line or update cannot be stored (SQLite)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-import-audit-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores neither the rows nor the line, answers in words, and stores both once the tables take rows', async () => {
    const file = path.join(dir, 'store.db');
    const storage = openSqliteStorage(file);
    const side = new Database(file);
    const table = { audit: 'audit', updates: 'update_rows' } as const;
    await importIsOneWrite(storage, {
      async refuse(which) {
        side.exec(`CREATE TRIGGER refuse_write BEFORE INSERT ON ${table[which]} BEGIN SELECT RAISE(ABORT, 'write refused by the test'); END`);
      },
      async allow() {
        side.exec('DROP TRIGGER refuse_write');
      },
    });
    side.close();
    await storage.close();
  });
});

describe.skipIf(servicesMissing() !== null)('a row import whose audit line or update cannot be stored (PostgreSQL)', () => {
  const server = usePostgres();

  it('stores neither the rows nor the line, answers in words, and stores both once the tables take rows', async () => {
    const url = await server.createDb('importaudit');
    const storage = await openPostgresStorage(url);
    const side = listenedClient({ connectionString: url });
    await side.connect();
    await side.query("CREATE FUNCTION refuse_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'write refused by the test'; END $$");
    const table = { audit: 'audit', updates: 'update_log' } as const;
    let refused = '';
    try {
      await importIsOneWrite(storage, {
        async refuse(which) {
          refused = table[which];
          await side.query(`CREATE TRIGGER refuse_write BEFORE INSERT ON ${refused} FOR EACH ROW EXECUTE FUNCTION refuse_write()`);
        },
        async allow() {
          await side.query(`DROP TRIGGER refuse_write ON ${refused}`);
        },
      });
    } finally {
      await side.end();
      await storage.close();
    }
  }, 60_000);
});
