/**
 * A REST write (an import) to a document whose row of `doc_keys` a hand gave another key while the
 * server holds it open. The first such write was answered 503 `storage-unavailable`, "the document
 * is being reloaded after a fault … try again in a moment", though trying again meets the same key:
 * only the writes after it were told the truth. Now the first is refused as they are: 409
 * `document-key-changed` in words naming both keys, nothing stored; once the key is back it imports.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { rowsOf } from '../../../shared/doc/index.js';
import { tempStores } from '../../support/temp-stores.js';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';

const stores = tempStores();
let f: Fixture | null = null;
afterEach(async () => {
  await f?.close();
  f = null;
});

/** Runs `sql` on `file` on a connection of its own, as a hand in the `sqlite3` shell would. */
function byHand(file: string, sql: string, ...params: unknown[]): unknown {
  const db = new Database(file);
  try {
    const stmt = db.prepare(sql);
    return stmt.reader ? stmt.pluck().get(...params) : stmt.run(...params);
  } finally {
    db.close();
  }
}

const csv = (title: string) => ['Aktivitet;Typ', `${title};halsodag`].join('\r\n');

describe('an import to a document whose key a hand changed under the server', () => {
  it('is refused in words naming the keys from the first write on, stores nothing, and imports once the key is back', async () => {
    const file = stores.dbFile('import-key-changed');
    const fixture = await makeFixture({ open: (o) => openSqliteStorage(file, o) });
    f = fixture;
    const post = (title: string) =>
      fixture.req(`/v1/workspaces/${WS}/documents/plan-a/import`, fixture.tokens.admin, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv(title) });
    expect((await post('Före')).status).toBe(200);
    const key = Number(byHand(file, 'SELECT id FROM doc_keys WHERE workspace = ? AND doc = ?', WS, 'plan-a'));
    byHand(file, 'UPDATE doc_keys SET id = ? WHERE workspace = ? AND doc = ?', key + 100, WS, 'plan-a');

    for (const title of ['Under 1', 'Under 2']) {
      const refused = await post(title);
      expect(refused.status).toBe(409);
      const error = await errorOf(refused);
      expect(error.code).toBe('document-key-changed');
      expect(error.message).toContain(`${key + 100} i stället för ${key}`);
    }

    byHand(file, 'UPDATE doc_keys SET id = ? WHERE workspace = ? AND doc = ?', key, WS, 'plan-a');
    expect((await post('Efter')).status).toBe(200);
    const doc = await fixture.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' });
    expect(rowsOf(doc).map((r) => r.values.title)).toEqual(['Promenadgrupp A', 'Hälsodag A', 'Före', 'Efter']);
  });
});
