/**
 * A PostgreSQL store opened to read only (`samplan export`, `report`, `backup`), by a role that may
 * only read (as a read-only standby serves it), or one whose transactions are read-only by its
 * setting alone (`default_transaction_read_only`): part of `postgres.test.ts`, which holds the cluster.
 * The open migrated (a `CREATE TABLE IF NOT EXISTS` the role may not run), and a load of a document
 * whose head is lost wrote one: the command failed where the document is stored whole. It now
 * checks the schema version, and a load answers what it would rebuild from the rows it read,
 * writing nothing; an append through it is refused by PostgreSQL, whatever the role.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import type pg from 'pg';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { openStorage } from '../../../server/storage/open-storage.js';
import type { DocRef, StoredDoc } from '../../../server/storage/storage.js';
import { listenedClient } from '../../support/listened-client.js';
import type { PgServer } from '../../support/services.js';
import { made, madeRecord } from './made.js';
import { cliEn } from '../cli-capture.js';

const lost: DocRef = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
const older: DocRef = { workspace: 'hbi-stockholm', doc: 'plan-rinkeby' };

/** The map `meta` of a load. */
function metaOf(stored: StoredDoc): Record<string, unknown> {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc.getMap('meta').toJSON();
}

/** A Yjs update (V1) setting `key` of the map `meta` to `value` on `doc`. */
function set(doc: Y.Doc, key: string, value: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getMap('meta').set(key, value);
  return Y.encodeStateAsUpdate(doc, before);
}

/** What a hand sees of `ref`: its head, snapshot's number and head-rebuilt lines. */
async function rowsOf(c: pg.Client, ref: DocRef): Promise<unknown[]> {
  const p = [ref.workspace, ref.doc];
  const head = (await c.query('SELECT last_seq FROM doc_heads WHERE workspace = $1 AND doc = $2', p)).rows;
  const snap = (await c.query('SELECT upto_seq FROM snapshots WHERE workspace = $1 AND doc = $2', p)).rows;
  const lines = (await c.query("SELECT detail FROM audit WHERE doc = $1 AND action = 'head-rebuilt'", [ref.doc])).rows;
  return [head, snap, lines];
}

/** Defines the test, in the caller's `describe`, on the cluster `server` stands for. */
export function postgresReadonly(server: PgServer): void {
  it('reads, as a role that may only read, a document whose head is lost and one whose checkpoint is newer than its snapshot, writing nothing', async () => {
    const url = await server.createDb('readonly');
    const schema = (new URL(url).searchParams.get('options') ?? '').replace('-c search_path=', '');
    const s = await openPostgresStorage(url);
    const c = listenedClient({ connectionString: url });
    await c.connect();
    try {
      const docs = [new Y.Doc(), new Y.Doc()];
      let first: Uint8Array = new Uint8Array();
      for (const [i, ref] of [lost, older].entries()) {
        const doc = docs[i] as Y.Doc;
        await made(s, ref);
        await s.appendUpdates(ref, [{ update: set(doc, 'title', 'Husby'), memberId: 'anna' }]);
        first = Y.encodeStateAsUpdateV2(doc);
        await s.compact(ref, first, 1);
        await s.appendUpdates(ref, [{ update: set(doc, 'year', '2026'), memberId: 'anna' }, { update: set(doc, 'unit', 'bvc'), memberId: 'anna' }]);
        await s.compact(ref, Y.encodeStateAsUpdateV2(doc), 3);
        await s.appendUpdates(ref, [{ update: set(doc, 'title', 'Husby VC'), memberId: 'anna' }]);
      }
      await s.close();
      // By hand: one head removed; the other document's snapshot put back to the one at 1 (a restore), its updates to 3 pruned.
      await c.query('DELETE FROM doc_heads WHERE workspace = $1 AND doc = $2', [lost.workspace, lost.doc]);
      await c.query('UPDATE snapshots SET upto_seq = 1, data = $2, fresh = NULL WHERE doc = $1', [older.doc, Buffer.from(first)]);
      await c.query('DELETE FROM update_log WHERE doc = $1 AND seq <= 3', [older.doc]);
      const reader = `reader_${schema}`;
      await c.query(`CREATE ROLE ${reader} LOGIN; GRANT USAGE ON SCHEMA ${schema} TO ${reader};
        GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${reader}; GRANT SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${reader}`);
      const before = [await rowsOf(c, lost), await rowsOf(c, older)];

      const ro = await openStorage({ db: '', databaseUrl: url.replace('//samplan@', `//${reader}@`) }, undefined, { readonly: true });
      try {
        for (const ref of [lost, older]) {
          const loaded = await ro.loadDoc(ref);
          expect([ref.doc, loaded.lastSeq, metaOf(loaded), loaded.headRebuilt]).toEqual([ref.doc, 4, { title: 'Husby VC', year: '2026', unit: 'bvc' }, undefined]);
        }
        await expect(ro.appendUpdates(older, [{ update: set(docs[1] as Y.Doc, 'unit', 'mvc'), memberId: 'anna' }])).rejects.toThrow();
      } finally {
        await ro.close();
      }
      expect([await rowsOf(c, lost), await rowsOf(c, older)]).toEqual(before);

      // A store that writes rebuilds both, as before: the head, and the checkpoint stored as the snapshot.
      const rw = await openPostgresStorage(url);
      try {
        expect((await rw.loadDoc(older)).headRebuilt).toBe('head 4 kept; the checkpoint at 3, newer than the snapshot, stored as the snapshot');
        expect(metaOf(await rw.loadDoc(older))).toEqual({ title: 'Husby VC', year: '2026', unit: 'bvc' });
      } finally {
        await rw.close();
      }
    } finally {
      await c.end();
    }
  });

  it('runs export, report and backup as a role whose every transaction is read-only by its setting alone (default_transaction_read_only), all its grants kept', async () => {
    const url = await server.createDb('txreadonly');
    const schema = (new URL(url).searchParams.get('options') ?? '').replace('-c search_path=', '');
    const s = await openPostgresStorage(url);
    const plan: DocRef = { workspace: 'hbi-x', doc: 'plan-a' };
    try {
      await s.putWorkspace({ id: plan.workspace, name: 'Region X', createdAt: '2026-01-01T00:00:00.000Z' });
      await s.putDocRecord(madeRecord(plan));
      await s.appendUpdates(plan, [{ update: set(new Y.Doc(), 'title', 'Plan A'), memberId: null }]);
    } finally {
      await s.close();
    }
    expect((await cliEn(['rounds', 'define', '--workspace', plan.workspace, '--period', '2026 kv 1', '--due', '2026-04-15', '--database-url', url])).code).toBe(0);
    const c = listenedClient({ connectionString: url });
    await c.connect();
    const role = `settled_${schema}`;
    try {
      await c.query(`CREATE ROLE ${role} LOGIN; GRANT USAGE, CREATE ON SCHEMA ${schema} TO ${role};
        GRANT ALL ON ALL TABLES IN SCHEMA ${schema} TO ${role}; GRANT ALL ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role};
        ALTER ROLE ${role} SET default_transaction_read_only = on`);
    } finally {
      await c.end();
    }
    const ro = url.replace('//samplan@', `//${role}@`);
    const dir = mkdtempSync(join(tmpdir(), 'samplan-pg-txro-'));
    try {
      // The setting holds: a write as that role is refused by PostgreSQL.
      expect((await cliEn(['member', 'add', '--workspace', plan.workspace, '--id', 'nina', '--name', 'Nina', '--role', 'viewer', '--database-url', ro])).code).toBe(1);
      const exported = await cliEn(['export', plan.workspace, plan.doc, '--database-url', ro]);
      expect(exported.code, exported.err).toBe(0);
      const report = await cliEn(['report', plan.workspace, '2026-kv-1', '--out', join(dir, 'report.html'), '--database-url', ro]);
      expect(report.code, report.err).toBe(0);
      const backup = await cliEn(['backup', join(dir, 'copy.db'), '--database-url', ro]);
      expect(backup.code, backup.err).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['copy.db', 'report.html']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
}
