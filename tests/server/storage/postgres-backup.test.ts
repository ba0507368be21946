import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { pagesOf } from '../../../server/storage/dump.js';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { dumpPostgres, NOT_BACKED_UP_TABLES } from '../../../server/storage/postgres-dump.js';
import { onEveryConnectionError } from '../../../server/storage/postgres-faults.js';
import { writeDumpToSqlite } from '../../../server/storage/sqlite-dump.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { AuditRecord, DocRecord, Storage } from '../../../server/storage/storage.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';

const missing = servicesMissing();
const at = (minute: number): string => new Date(Date.UTC(2026, 0, 5, 8, minute)).toISOString();
const ws = { id: 'hbi-stockholm', name: 'Region Stockholm', createdAt: at(0) };
const doc = (id: string): DocRecord => ({ workspace: ws.id, doc: id, kind: 'activity-plan', title: `Aktivitetsplan ${id}`, ownerUnit: 'husby', createdAt: at(1), updatedAt: at(1) });
const docs = [doc('plan-husby'), doc('plan-rinkeby')];

/** 7 updates in each of two documents and 7 audit rows: more than one page of 2 rows. */
async function fill(s: Storage): Promise<void> {
  await s.putWorkspace(ws);
  await s.putUnit({ workspace: ws.id, code: 'husby', name: 'Husby vårdcentral', parent: null });
  for (const d of docs) {
    await s.putDocRecord(d);
    await s.appendUpdates(d, Array.from({ length: 7 }, (_, i) => ({ update: new Uint8Array([i, d.doc.length]), memberId: i % 2 ? 'anna' : null })));
  }
  const audit = (i: number): AuditRecord => ({ at: at(i), workspace: ws.id, doc: docs[0]!.doc, memberId: 'anna', action: 'connect', bytes: i * 10, detail: null });
  await s.appendAudit(Array.from({ length: 7 }, (_, i) => audit(i)));
}

describe.skipIf(missing !== null)('postgres backup', () => {
  const server = usePostgres();

  it('backs up a store with more rows than one page and the copy holds the same rows', async () => {
    const url = await server.createDb('backup_pages');
    const s = await openPostgresStorage(url, { writeBackup: writeDumpToSqlite, dumpPageRows: 2 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-pg-backup-'));
    try {
      await fill(s);
      // One snapshot with the fresh clients' state (StoredDoc.fresh), one without: both copied as they are.
      await s.compact(docs[0]!, new Uint8Array([9, 9]), 5, new Uint8Array([7, 7, 7]));
      await s.compact(docs[1]!, new Uint8Array([8, 8]), 4);
      const copyPath = path.join(dir, 'copy.db');
      await s.backup(copyPath);
      const copy = openSqliteStorage(copyPath);
      try {
        for (const d of docs) expect(await copy.loadDoc(d)).toEqual(await s.loadDoc(d));
        expect((await copy.loadDoc(docs[0]!)).fresh).toEqual(new Uint8Array([7, 7, 7]));
        for (const d of docs) expect(await copy.listUpdates(d, 0, 100)).toEqual(await s.listUpdates(d, 0, 100));
        expect((await copy.listUpdates(docs[1]!, 0, 100)).length).toBe(7);
        expect(await copy.listAudit(ws.id, 100)).toEqual(await s.listAudit(ws.id, 100));
        expect((await copy.listAudit(ws.id, 100)).length).toBe(7);
      } finally {
        await copy.close();
      }
    } finally {
      await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('copies every table of the schema row for row, but those it lists with why it leaves them', async () => {
    const url = await server.createDb('backup_tables');
    const s = await openPostgresStorage(url, { writeBackup: writeDumpToSqlite });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-pg-backup-'));
    try {
      // A row in every table: records, history with a snapshot, checkpoint and take-back, a removal, a session's access-token key.
      await fill(s);
      await s.putMember({ workspace: ws.id, id: 'anna', name: 'Anna Ek', role: 'editor', units: ['husby'] });
      await s.putMember({ workspace: ws.id, id: 'gone', name: 'Bo Ek', role: 'viewer', units: [] });
      await s.deleteMember(ws.id, 'gone', { by: 'anna', at: at(20) });
      await s.putToken({ id: 'session-a', hash: 'ab'.repeat(32), workspace: ws.id, memberId: 'anna', label: 'session: sso', createdAt: at(21), expiresAt: at(59), revokedAt: null });
      await s.noteAccessTokenSession({ key: 'f6'.repeat(32), tokenId: 'session-a', until: at(50) }, at(21));
      // Signed out: the copy's row says so, so the token stays refused in every workspace after a restore.
      await s.signOutSession('session-a', at(21));
      await s.appendUpdates(docs[0]!, [{ update: new Uint8Array([1, 2]), memberId: 'anna', takeBacks: [{ at: Date.parse(at(22)), data: new Uint8Array([3]) }] }]);
      await s.compact(docs[0]!, new Uint8Array([9, 9]), 5);
      await s.checkWritable();
      const copyPath = path.join(dir, 'copy.db');
      await s.backup(copyPath);

      const pool = onEveryConnectionError(new pg.Pool({ connectionString: url, max: 1 }), () => undefined);
      const copy = new Database(copyPath, { readonly: true });
      try {
        const tables = (await pool.query<{ name: string }>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1')).rows.map((r) => r.name);
        expect(Object.keys(NOT_BACKED_UP_TABLES).filter((t) => !tables.includes(t))).toEqual([]);
        const counts: Record<string, [number, number]> = {};
        for (const t of tables.filter((name) => !(name in NOT_BACKED_UP_TABLES))) {
          const held = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n);
          const inCopy = (copy.prepare("SELECT 1 FROM sqlite_master WHERE name = ?").get(t) ? Number(copy.prepare(`SELECT count(*) FROM ${t}`).pluck().get()) : -1);
          counts[t] = [held, inCopy];
        }
        // Each table holds rows here (a table added to the schema needs rows above), and the copy as many.
        expect(Object.entries(counts).filter(([, [held, inCopy]]) => held === 0 || held !== inCopy)).toEqual([]);
        expect(counts.access_token_sessions).toEqual([1, 1]);
        expect(copy.prepare('SELECT ended_everywhere FROM access_token_sessions').pluck().all()).toEqual([1]);
      } finally {
        copy.close();
        await pool.end();
      }
    } finally {
      await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the update log and the audit trail in pages of the given size, as they are written', async () => {
    const url = await server.createDb('backup_reads');
    const s = await openPostgresStorage(url);
    await fill(s);
    await s.close();
    // pool.end() resolves before the socket closes: the server stopping after this block ends it
    // while idle, which pg-pool emits as `error` (thrown with no listener, failing the run); a
    // connection lost while checked out emits it on the client, which only this listens to.
    const pool = onEveryConnectionError(new pg.Pool({ connectionString: url, max: 1 }), () => undefined);
    const client = await pool.connect();
    const sqls: string[] = [];
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      sqls.push(String(args[0]));
      return query(...args);
    }) as typeof client.query;
    try {
      await client.query('BEGIN');
      const dump = await dumpPostgres(client, 2);
      // Nothing of the large tables is read before their pages are asked for.
      expect(sqls.filter((q) => /FROM (update_log|audit)\b/.test(q))).toEqual([]);
      const updatePages: number[] = [];
      for await (const page of pagesOf(dump.updates)) updatePages.push(page.length);
      const auditPages: number[] = [];
      for await (const page of pagesOf(dump.audit)) auditPages.push(page.length);
      await client.query('COMMIT');
      expect(updatePages).toEqual([2, 2, 2, 2, 2, 2, 2]);
      expect(auditPages).toEqual([2, 2, 2, 1]);
      // 14 updates in pages of 2: 7 full pages and one empty read that ends the table.
      expect(sqls.filter((q) => q.includes('FROM update_log')).length).toBe(8);
      expect(sqls.filter((q) => q.includes('FROM audit')).length).toBe(4);
    } finally {
      client.release();
      await pool.end();
    }
  });
});
