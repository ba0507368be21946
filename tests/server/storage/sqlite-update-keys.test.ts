import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../server/storage/sqlite-schema.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { made } from './made.js';

const WS = 'hbi-stockholm';
const AT = (n: number): string => new Date(Date.parse('2026-03-02T09:00:00.000Z') + n * 1000).toISOString();
/** An update of `size` bytes whose content says which document and number it is. */
const update = (doc: string, seq: number, size: number): Buffer => {
  const b = Buffer.alloc(size, seq & 0xff);
  b.write(`${doc}:${seq}:`, 0);
  return b;
};
/** The update size of each row written: a plan (stays in its page), a paste (spills out of it), small edits. */
const sizeOf = (seq: number): number => (seq === 1 ? 2800 : seq === 5 ? 6000 : 60 + seq);

/**
 * Write `file` as Samplan with schema `version` left it: that version's migrations in order and
 * rows as its statements stored them, three documents' updates interleaved (rowids out of key
 * order), a snapshot, a checkpoint (version 2 on) and a take-back (version 7 on).
 */
function writeVersionFile(file: string, version: number): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.transaction(() => {
    for (const sql of MIGRATIONS.slice(0, version)) db.exec(sql);
    db.pragma(`user_version = ${version}`);
  })();
  db.prepare('INSERT INTO workspaces VALUES (?, ?, ?)').run(WS, 'Region Stockholm', AT(0));
  const doc = db.prepare('INSERT INTO docs (workspace, doc, kind, title, owner_unit, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const name of ['plan', 'county', 'b']) doc.run(WS, name, 'activity-plan', name, 'vc-husby', AT(0), AT(1));
  const row = db.prepare('INSERT INTO update_log (workspace, doc, seq, at, member_id, data) VALUES (?, ?, ?, ?, ?, ?)');
  for (let seq = 1; seq <= 9; seq++) {
    for (const name of ['plan', 'county', 'b']) row.run(WS, name, seq, AT(seq), seq % 2 ? 'm-a' : null, update(name, seq, sizeOf(seq)));
  }
  db.prepare('INSERT INTO snapshots VALUES (?, ?, ?, ?, ?)').run(WS, 'plan', 6, AT(6), Buffer.from('snapshot'));
  if (version >= 2) db.prepare('INSERT INTO checkpoints VALUES (?, ?, ?, ?, ?)').run(WS, 'plan', 6, AT(6), Buffer.from('snapshot'));
  db.prepare('DELETE FROM update_log WHERE workspace = ? AND doc = ? AND seq <= ?').run(WS, 'plan', 3);
  if (version >= 7) db.prepare('INSERT INTO take_backs (workspace, doc, at, data) VALUES (?, ?, ?, ?)').run(WS, 'plan', Date.parse(AT(7)), Buffer.from([7]));
  db.close();
}

/** Every update row of `file` through `update_log` (a table up to version 7, a view from 8), in key order. */
function updateRows(file: string): { workspace: string; doc: string; seq: number; at: string; member_id: string | null; data: string }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT workspace, doc, seq, at, member_id, hex(data) AS data FROM update_log ORDER BY workspace, doc, seq').all() as never;
  } finally {
    db.close();
  }
}

describe('SQLite schema version 8: update rows keyed by document key and sequence number', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-keys-'));
    file = path.join(dir, 'samplan.db');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([1, 2, 3, 4, 5, 6, 7])('opens a file version %i wrote, copies its log once, and reads the same updates', async (version) => {
    writeVersionFile(file, version);
    // Tables in the way of versions 5 and 6's rebuilds of the log: the upgrade runs neither (the
    // file's log is copied once, by version 8), so they do not stop it.
    const blocker = new Database(file);
    for (const name of ['update_log_v5', 'update_log_v6']) blocker.exec(`CREATE TABLE IF NOT EXISTS ${name} (x)`);
    blocker.close();
    const before = updateRows(file);
    expect(before).toHaveLength(24);

    const s = openSqliteStorage(file);
    try {
      for (const name of ['plan', 'county', 'b']) {
        const ref = { workspace: WS, doc: name };
        const rows = before.filter((r) => r.doc === name);
        expect((await s.listUpdates(ref, 0, 100)).map((u) => [u.seq, u.at, u.memberId, Buffer.from(u.update).toString('hex').toUpperCase()])).toEqual(
          rows.map((r) => [r.seq, r.at, r.member_id, r.data]),
        );
        const loaded = await s.loadDoc(ref);
        const upto = name === 'plan' ? 6 : 0;
        expect(loaded.lastSeq).toBe(9);
        expect(loaded.updates.map((u) => Buffer.from(u).toString('hex').toUpperCase())).toEqual(rows.filter((r) => r.seq > upto).map((r) => r.data));
        await made(s, ref);
        expect(await s.appendUpdates(ref, [{ update: update(name, 10, 70), memberId: null }])).toBe(10);
      }
      expect((await s.loadDoc({ workspace: WS, doc: 'plan' })).takeBacks?.length ?? 0).toBe(version >= 7 ? 1 : 0);
    } finally {
      await s.close();
    }
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare("SELECT type FROM sqlite_schema WHERE name = 'update_log'").pluck().get()).toBe('view');
      // Keys in (workspace, doc) order; each row's id is its key * 2^32 + its sequence number.
      expect(db.prepare('SELECT id, doc FROM doc_keys ORDER BY id').raw().all()).toEqual([[1, 'b'], [2, 'county'], [3, 'plan']]);
      expect(db.prepare("SELECT count(*) FROM update_rows WHERE id = 3 * 4294967296 + 10").pluck().get()).toBe(1);
    } finally {
      db.close();
    }
    expect(updateRows(file).filter((r) => r.seq !== 10)).toEqual(before);
  });

  it('writes nothing through an index: the update table has none and is a rowid table', async () => {
    await openSqliteStorage(file).close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'update_rows'").pluck().all()).toEqual([]);
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'update_rows'").pluck().get()).not.toMatch(/WITHOUT ROWID/);
    db.close();
  });

  it('gives each document its own key, also when a group commit that gave one rolled back', async () => {
    const s = openSqliteStorage(file);
    try {
      await made(s, ...['fresh', 'refused', 'other'].map((doc) => ({ workspace: WS, doc })));
      const refuse = new Database(file);
      refuse.exec(`CREATE TRIGGER refuse BEFORE INSERT ON update_rows WHEN (NEW.id >> 32) IN (SELECT id FROM doc_keys WHERE doc = 'refused')
        BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
      refuse.close();
      const one = (doc: string, byte: number) => ({ ref: { workspace: WS, doc }, updates: [{ update: Uint8Array.of(byte), memberId: null }] });
      // 'fresh' gets a key inside the group commit, which then rolls back, taking the key with it.
      await expect(s.appendMany?.([one('fresh', 1), one('refused', 2)])).rejects.toThrow(/refused by the test/);
      // Another document now gets the number 'fresh' had for a moment.
      expect(await s.appendUpdates({ workspace: WS, doc: 'other' }, [{ update: Uint8Array.of(3), memberId: null }])).toBe(1);
      expect(await s.appendUpdates({ workspace: WS, doc: 'fresh' }, [{ update: Uint8Array.of(4), memberId: null }])).toBe(1);
      expect(await s.appendUpdates({ workspace: WS, doc: 'fresh' }, [{ update: Uint8Array.of(5), memberId: null }])).toBe(2);
      expect((await s.listUpdates({ workspace: WS, doc: 'other' }, 0, 10)).map((u) => [...u.update])).toEqual([[3]]);
      expect((await s.listUpdates({ workspace: WS, doc: 'fresh' }, 0, 10)).map((u) => [...u.update])).toEqual([[4], [5]]);
    } finally {
      await s.close();
    }
  });

  it('refuses an update past the last sequence number a key holds, storing nothing and leaving the next document alone', async () => {
    let s = openSqliteStorage(file);
    const full = { workspace: WS, doc: 'full' };
    const next = { workspace: WS, doc: 'next' };
    try {
      await made(s, full, next);
      await s.appendUpdates(full, [{ update: Uint8Array.of(1), memberId: null }]);
      await s.appendUpdates(next, [{ update: Uint8Array.of(1), memberId: null }]);
      // A row far past the last, written by hand with no server running: a store that stored row 1
      // itself would number its next row 2 (a document's rows are one unbroken run, `sqlite-append.ts`).
      await s.close();
      const raw = new Database(file);
      raw.prepare('INSERT INTO update_log VALUES (?, ?, ?, ?, NULL, ?)').run(WS, 'full', 2 ** 32 - 1, AT(0), Buffer.from([2]));
      raw.close();
      s = openSqliteStorage(file);
      for (const updates of [[{ update: Uint8Array.of(3), memberId: null }], [{ update: Uint8Array.of(3), memberId: null }, { update: Uint8Array.of(4), memberId: null }]]) {
        await expect(s.appendUpdates(full, updates)).rejects.toThrow(/hbi-stockholm\/full: update 4294967296 has no number left/);
      }
      expect((await s.loadDoc(full)).lastSeq).toBe(2 ** 32 - 1);
      expect((await s.listUpdates(next, 0, 10)).map((u) => [u.seq, ...u.update])).toEqual([[1, 1]]);
      expect(await s.appendUpdates(next, [{ update: Uint8Array.of(2), memberId: null }])).toBe(2);
    } finally {
      await s.close();
    }
  });

  it('reads no other document’s rows for a sequence number below 0', async () => {
    const s = openSqliteStorage(file);
    try {
      await made(s, { workspace: WS, doc: 'a' }, { workspace: WS, doc: 'b' });
      await s.appendUpdates({ workspace: WS, doc: 'a' }, [{ update: Uint8Array.of(1), memberId: null }]);
      await s.appendUpdates({ workspace: WS, doc: 'b' }, [{ update: Uint8Array.of(2), memberId: null }]);
      expect((await s.listUpdates({ workspace: WS, doc: 'b' }, -(2 ** 33), 10)).map((u) => [...u.update])).toEqual([[2]]);
    } finally {
      await s.close();
    }
  });
});
