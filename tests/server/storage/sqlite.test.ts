import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../server/storage/sqlite-schema.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { rowsText, runStorageContract } from './contract.js';
import { made } from './made.js';
import { appendUntilKilled } from './append-kill.js';

runStorageContract('sqlite', async (opts) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-sqlite-'));
  const file = path.join(dir, 'samplan.db');
  let current: Storage = openSqliteStorage(file, opts);
  return {
    storage: current,
    async reopen() {
      await current.close();
      current = openSqliteStorage(file, opts);
      return current;
    },
    async cleanup() {
      await current.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
    async allRows() {
      const db = new Database(file, { readonly: true });
      try {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
        return tables.map((t) => rowsText(db.prepare(`SELECT * FROM "${t}"`).all())).join('\n');
      } finally {
        db.close();
      }
    },
    async refuseAppends(doc) {
      const db = new Database(file);
      db.prepare(
        `CREATE TRIGGER refuse_${Math.random().toString(36).slice(2)} BEFORE INSERT ON update_rows
         WHEN (NEW.id >> 32) IN (SELECT id FROM doc_keys WHERE doc = ${JSON.stringify(doc).replace(/"/g, "'")})
         BEGIN SELECT RAISE(ABORT, 'appends refused by the test'); END`,
      ).run();
      db.close();
    },
    async refuseAudit() {
      const db = new Database(file);
      db.exec("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit lines refused by the test'); END");
      db.close();
    },
    async loseHead(ref) {
      const db = new Database(file);
      db.prepare('DELETE FROM doc_keys WHERE workspace = ? AND doc = ?').run(ref.workspace, ref.doc);
      db.close();
    },
    // No head to lower: SQLite reads the last sequence number from the update rows and snapshot.
    async lowerHead() {},
    async loseRows(ref, what) {
      const db = new Database(file);
      if (what.snapshot) db.prepare('DELETE FROM snapshots WHERE workspace = ? AND doc = ?').run(ref.workspace, ref.doc);
      if (what.updates) db.prepare('DELETE FROM update_rows WHERE id >> 32 = (SELECT id FROM doc_keys WHERE workspace = ? AND doc = ?)').run(ref.workspace, ref.doc);
      db.close();
    },
  };
}, { groupCommit: true, lostHeads: true });

describe('sqlite storage file', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-sqlite-'));
    file = path.join(dir, 'samplan.db');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is in WAL mode with the current schema version', async () => {
    await openSqliteStorage(file).close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a file written by a newer schema version', () => {
    const db = new Database(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openSqliteStorage(file)).toThrow(/has schema version \d+, newer than this Samplan.s \(\d+\): a newer Samplan wrote it/);
  });

  it('moves the record updatedAt on appends once it is a minute old, not on every commit', async () => {
    let now = Date.parse('2026-03-02T09:00:00.000Z');
    const s = openSqliteStorage(file, { clock: () => new Date(now) });
    const ref = { workspace: 'hbi-stockholm', doc: 'plan' };
    const old = '2026-03-02T08:00:00.000Z';
    await s.putDocRecord({ ...ref, kind: 'activity-plan', title: 'Plan', ownerUnit: 'husby', createdAt: old, updatedAt: old });
    const append = (): Promise<number> => s.appendUpdates(ref, [{ update: new Uint8Array([1, 2]), memberId: null }]);
    await append();
    expect((await s.getDocRecord(ref))?.updatedAt).toBe('2026-03-02T09:00:00.000Z');
    now += 59_000;
    await append();
    expect((await s.getDocRecord(ref))?.updatedAt).toBe('2026-03-02T09:00:00.000Z');
    now += 2_000;
    await append();
    expect((await s.getDocRecord(ref))?.updatedAt).toBe('2026-03-02T09:01:01.000Z');
    // The update log keeps every commit's own time.
    expect((await s.listUpdates(ref, 0, 10)).map((u) => u.at)).toEqual([
      '2026-03-02T09:00:00.000Z',
      '2026-03-02T09:00:59.000Z',
      '2026-03-02T09:01:01.000Z',
    ]);
    await s.close();
  });

  it('stores updates and snapshots as BLOBs', async () => {
    const s = openSqliteStorage(file);
    const ref = { workspace: 'hbi-stockholm', doc: 'plan' };
    await made(s, ref);
    await s.appendUpdates(ref, [{ update: new Uint8Array([1, 2]), memberId: null }]);
    await s.compact(ref, new Uint8Array([3]), 1);
    await s.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT typeof(data) AS t FROM update_log').get()).toEqual({ t: 'blob' });
    expect(db.prepare('SELECT typeof(data) AS t FROM snapshots').get()).toEqual({ t: 'blob' });
    db.close();
  });

  it('moves the rights version with every token, member and document-record write, its own and another connection’s, not with reads or its own appends', async () => {
    const [a, b] = [openSqliteStorage(file), openSqliteStorage(file)];
    const version = (s: Storage): Promise<number> => (s.rightsVersion as () => Promise<number>)();
    const ws = 'hbi-stockholm';
    const at = '2026-01-01T00:00:00.000Z';
    const writes = (s: Storage, id: string): [string, () => Promise<unknown>][] => [
      ['put member', () => s.putMember({ workspace: ws, id, name: 'Nina Ek', role: 'editor', units: ['vc-husby'] })],
      ['change role', () => s.putMember({ workspace: ws, id, name: 'Nina Ek', role: 'viewer', units: [] })],
      ['put token', () => s.putToken({ id: `t-${id}`, hash: `h-${id}`, workspace: ws, memberId: id, label: '', createdAt: at, expiresAt: null, revokedAt: null })],
      ['revoke token', () => s.revokeToken(`t-${id}`, at)],
      ['put document record', () => s.putDocRecord({ workspace: ws, doc: `plan-${id}`, kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc-husby', createdAt: at, updatedAt: at })],
      ['delete document', () => s.deleteDoc({ workspace: ws, doc: `plan-${id}` })],
      ['remove member', () => s.deleteMember(ws, id)],
    ];
    for (const [writer, reader, id] of [[a, b, 'nina'], [b, b, 'omar']] as const) {
      for (const [what, write] of writes(writer, id)) {
        const before = await version(reader);
        await write();
        const own = writer === reader ? 'own' : 'other';
        expect({ what, own, moved: (await version(reader)) !== before }).toEqual({ what, own, moved: true });
      }
    }
    await made(b, { workspace: ws, doc: 'plan' });
    const before = await version(b);
    await b.listTokens(ws);
    await b.getDocRecords(ws, ['plan-nina']);
    await b.appendUpdates({ workspace: ws, doc: 'plan' }, [{ update: new Uint8Array([1]), memberId: null }]);
    expect(await version(b)).toBe(before);
    // Asked again and again with nothing written, it stays put.
    expect(await version(b)).toBe(before);
    await a.close();
    await b.close();
  });

  it('numbers each batch after what another connection stored, also when compaction left only a snapshot', async () => {
    const ref = { workspace: 'hbi-stockholm', doc: 'plan' };
    const one = (n: number): { update: Uint8Array; memberId: null } => ({ update: Uint8Array.of(n), memberId: null });
    const server = openSqliteStorage(file);
    const cli = openSqliteStorage(file);
    await made(cli, ref);
    expect(await server.appendUpdates(ref, [one(1), one(2)])).toBe(2);
    expect(await cli.appendUpdates(ref, [one(3), one(4), one(5)])).toBe(5);
    expect(await server.appendUpdates(ref, [one(6)])).toBe(6);
    expect((await server.listUpdates(ref, 0, 10)).map((h) => [h.seq, ...h.update])).toEqual([
      [1, 1], [2, 2], [3, 3], [4, 4], [5, 5], [6, 6],
    ]);
    await server.compact(ref, Uint8Array.of(60), 6);
    // A log pruned down to nothing (history past the retention window): the snapshot holds the last number.
    const raw = new Database(file);
    raw.prepare('DELETE FROM update_log').run();
    raw.close();
    expect(await server.appendUpdates(ref, [one(7), one(8)])).toBe(8);
    expect((await cli.listUpdates(ref, 0, 10)).map((h) => h.seq)).toEqual([7, 8]);
    await cli.close();
    await server.close();
  });

  it('sees a commit from another connection to the same file (CLI beside a running server)', async () => {
    const server = openSqliteStorage(file);
    const cli = openSqliteStorage(file);
    await cli.putWorkspace({ id: 'hbi-stockholm', name: 'Region Stockholm', createdAt: '2026-01-01T00:00:00.000Z' });
    expect((await server.getWorkspace('hbi-stockholm'))?.name).toBe('Region Stockholm');
    await cli.close();
    await server.close();
  });

  it('moves its data version on every commit of another connection and on none of its own, read after read', async () => {
    const server = openSqliteStorage(file);
    const cli = openSqliteStorage(file);
    const seen = [await server.dataVersion()];
    for (let i = 0; i < 3; i++) {
      await cli.putWorkspace({ id: `ws-${i}`, name: `Region ${i}`, createdAt: '2026-01-01T00:00:00.000Z' });
      seen.push(await server.dataVersion());
      await server.putWorkspace({ id: `own-${i}`, name: `Egen ${i}`, createdAt: '2026-01-01T00:00:00.000Z' });
      expect(await server.dataVersion()).toBe(seen[seen.length - 1]);
    }
    expect(new Set(seen).size).toBe(4);
    await cli.close();
    await server.close();
  });

  // Killed after 400 acknowledged appends (`append-kill.ts`), each commit fsynced.
  it('keeps every acknowledged append when the process is killed with SIGKILL', async () => {
    const { acknowledged, signal } = await appendUntilKilled(file);
    expect(signal).toBe('SIGKILL');
    const s = openSqliteStorage(file);
    const loaded = await s.loadDoc({ workspace: 'hbi-stockholm', doc: 'plan-husby' });
    await s.close();
    expect(loaded.lastSeq).toBeGreaterThanOrEqual(acknowledged);
    expect(loaded.updates).toHaveLength(loaded.lastSeq);
  }, 120_000);

  it('backs up one consistent state while appends keep coming', async () => {
    const s = openSqliteStorage(file);
    const ref = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
    const big = new Uint8Array(16 * 1024).fill(1);
    await made(s, ref);
    for (let i = 0; i < 200; i++) await s.appendUpdates(ref, [{ update: big, memberId: null }]);
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await s.appendUpdates(ref, [{ update: big, memberId: null }, { update: big, memberId: null }]);
        await new Promise((r) => setImmediate(r));
      }
    })();
    const copyPath = path.join(dir, 'copy.db');
    await s.backup(copyPath);
    writing = false;
    await writer;
    const copy = openSqliteStorage(copyPath);
    const loaded = await copy.loadDoc(ref);
    const history = await copy.listUpdates(ref, 0, 100_000);
    await copy.close();
    await s.close();
    expect(loaded.lastSeq).toBeGreaterThanOrEqual(200);
    expect(loaded.updates).toHaveLength(loaded.lastSeq);
    expect(history.map((h) => h.seq)).toEqual(Array.from({ length: loaded.lastSeq }, (_, i) => i + 1));
  });
});
