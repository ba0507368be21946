import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrateSqliteToPostgres } from '../../../server/migrate.js';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { MIGRATIONS } from '../../../server/storage/sqlite-schema.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import * as Y from 'yjs';
import { servicesMissing, startPostgres, type PgServer } from '../../support/services.js';

const WS = 'hbi-stockholm';
const AT = (n: number): string => new Date(Date.parse('2026-03-02T09:00:00.000Z') + n * 1000).toISOString();

/** The snapshot of `plan` written by {@link writeVersion4File}: its state after update 8. */
let PLAN_AT_8: Uint8Array = new Uint8Array();

/**
 * Write `file` as Samplan with schema version 4 left it: that version's migrations (entries are
 * never edited once released) and rows as its statements stored them. `plan` has 12 updates, the
 * first 8 compacted into a snapshot and a checkpoint and pruned from the log; `county` has 3.
 */
function writeVersion4File(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.transaction(() => {
    for (const sql of MIGRATIONS.slice(0, 4)) db.exec(sql);
    db.pragma('user_version = 4');
  })();
  db.prepare('INSERT INTO workspaces VALUES (?, ?, ?)').run(WS, 'Region Stockholm', AT(0));
  const doc = db.prepare(
    'INSERT INTO docs (workspace, doc, kind, title, owner_unit, created_at, updated_at, archived_at, archived_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  doc.run(WS, 'plan', 'activity-plan', 'Plan', 'vc-husby', AT(0), AT(12), null, null);
  doc.run(WS, 'county', 'activity-plan', 'Län', 'hbi', AT(0), AT(3), AT(20), 'Admin');
  const update = db.prepare('INSERT INTO update_log (workspace, doc, seq, at, member_id, data) VALUES (?, ?, ?, ?, ?, ?)');
  // Real updates (the PostgreSQL copy is verified by document state), interleaved as a server
  // writing two documents at once would store them: rowids out of key order.
  const ydocs = { plan: new Y.Doc(), county: new Y.Doc() };
  const edit = (name: 'plan' | 'county', seq: number): Buffer => {
    const ydoc = ydocs[name];
    const before = Y.encodeStateVector(ydoc);
    ydoc.getMap('cells').set(`${name}-${seq}`, seq);
    return Buffer.from(Y.encodeStateAsUpdate(ydoc, before));
  };
  for (let seq = 1; seq <= 12; seq++) {
    update.run(WS, 'plan', seq, AT(seq), seq % 2 ? 'm-a' : null, edit('plan', seq));
    if (seq === 8) PLAN_AT_8 = Y.encodeStateAsUpdateV2(ydocs.plan);
    if (seq <= 3) update.run(WS, 'county', seq, AT(seq), 'm-b', edit('county', seq));
  }
  db.prepare('INSERT INTO snapshots VALUES (?, ?, ?, ?, ?)').run(WS, 'plan', 8, AT(9), Buffer.from(PLAN_AT_8));
  db.prepare('INSERT INTO checkpoints VALUES (?, ?, ?, ?, ?)').run(WS, 'plan', 8, AT(8), Buffer.from(PLAN_AT_8));
  db.prepare('DELETE FROM update_log WHERE workspace = ? AND doc = ? AND seq <= ?').run(WS, 'plan', 6);
  db.prepare('INSERT INTO audit (at, workspace, doc, member_id, action, bytes, detail) VALUES (?, ?, ?, ?, ?, ?, ?)').run(AT(1), WS, 'plan', 'm-a', 'write', 2, null);
  db.close();
}

/** Every update row of `file`, in key order, as plain data. */
function updateRows(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT workspace, doc, seq, at, member_id, hex(data) AS data FROM update_log ORDER BY workspace, doc, seq').all();
  } finally {
    db.close();
  }
}

describe('SQLite schema: the update log from version 4 on (a WITHOUT ROWID table in 5, a rowid table with its index again in 6, rows keyed by one integer in 8)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-schema-'));
    file = path.join(dir, 'samplan.db');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([4, 5])('migrates a file version %i wrote, keeping every update row, and the store reads and continues it', async (version) => {
    writeVersion4File(file);
    if (version === 5) {
      const v5 = new Database(file);
      v5.transaction(() => {
        v5.exec(MIGRATIONS[4] ?? '');
        v5.pragma('user_version = 5');
      })();
      v5.close();
    }
    const before = updateRows(file);
    expect(before).toHaveLength(9);

    const s = openSqliteStorage(file);
    try {
      const plan = { workspace: WS, doc: 'plan' };
      const county = { workspace: WS, doc: 'county' };
      const loaded = await s.loadDoc(plan);
      expect({ snapshot: loaded.snapshot, tail: loaded.updates.length, lastSeq: loaded.lastSeq }).toEqual({ snapshot: PLAN_AT_8, tail: 4, lastSeq: 12 });
      const ydoc = new Y.Doc();
      Y.applyUpdateV2(ydoc, loaded.snapshot as Uint8Array);
      for (const u of loaded.updates) Y.applyUpdate(ydoc, u);
      expect(ydoc.getMap('cells').toJSON()).toEqual(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`plan-${i + 1}`, i + 1])));
      expect((await s.listUpdates(county, 0, 10)).map((u) => [u.seq, u.at, u.memberId])).toEqual([
        [1, AT(1), 'm-b'],
        [2, AT(2), 'm-b'],
        [3, AT(3), 'm-b'],
      ]);
      expect(await s.listCheckpoints(plan)).toEqual([{ seq: 8, at: AT(8) }]);
      expect(await s.getDocRecord(county)).toMatchObject({ archivedAt: AT(20), archivedBy: 'Admin' });
      expect(await s.appendUpdates(plan, [{ update: Uint8Array.of(13), memberId: null }, { update: Uint8Array.of(14), memberId: null }])).toBe(14);
      expect(await s.appendUpdates(county, [{ update: Uint8Array.of(4), memberId: 'm-b' }])).toBe(4);
      // The unique key holds as the index did: a sequence number stored twice is refused.
      const raw = new Database(file);
      expect(() => raw.prepare('INSERT INTO update_log VALUES (?, ?, 4, ?, NULL, x\'00\')').run(WS, 'county', AT(0))).toThrow(/UNIQUE|PRIMARY KEY/);
      raw.close();
    } finally {
      await s.close();
    }

    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const table = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'update_rows'").pluck().get() as string;
    expect(table).not.toMatch(/WITHOUT ROWID/);
    expect(db.prepare("SELECT type FROM sqlite_schema WHERE name = 'update_log'").pluck().get()).toBe('view');
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE tbl_name IN ('update_log', 'update_rows') AND type = 'index'").pluck().all()).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'update_log_v%'").pluck().get()).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const after = updateRows(file) as { doc: string; seq: number }[];
    expect(after.filter((r) => !(r.doc === 'plan' && r.seq > 12) && !(r.doc === 'county' && r.seq > 3))).toEqual(before);
  });

  it('leaves a file of an earlier version untouched when the migration fails, and it opens once the cause is gone', async () => {
    writeVersion4File(file);
    // A version 5 file, with a table in the way of version 8's own: the whole upgrade rolls back.
    const db = new Database(file);
    db.transaction(() => {
      db.exec(MIGRATIONS[4] ?? '');
      db.pragma('user_version = 5');
    })();
    const before = updateRows(file);
    db.exec('CREATE TABLE update_rows (x)');
    db.close();
    expect(() => openSqliteStorage(file)).toThrow(/update_rows already exists/);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(5);
    check.close();
    expect(updateRows(file)).toEqual(before);
    const fix = new Database(file);
    fix.exec('DROP TABLE update_rows');
    fix.close();
    const s = openSqliteStorage(file);
    expect((await s.loadDoc({ workspace: WS, doc: 'plan' })).lastSeq).toBe(12);
    await s.close();
  });
});

describe('SQLite schema version 7: take-backs stored with the document', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-schema-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens a file version 6 wrote: its documents read as before, with no take-backs, and take-backs are stored from then on', async () => {
    const file = path.join(dir, 'samplan.db');
    writeVersion4File(file);
    const v6 = new Database(file);
    v6.transaction(() => {
      for (const sql of MIGRATIONS.slice(4, 6)) v6.exec(sql);
      v6.pragma('user_version = 6');
    })();
    expect(v6.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'take_backs'").pluck().get()).toBe(0);
    v6.close();
    const before = updateRows(file);

    const plan = { workspace: WS, doc: 'plan' };
    const s = openSqliteStorage(file);
    try {
      const loaded = await s.loadDoc(plan);
      expect({ tail: loaded.updates.length, lastSeq: loaded.lastSeq, takeBacks: loaded.takeBacks ?? [] }).toEqual({ tail: 4, lastSeq: 12, takeBacks: [] });
      const at = Date.parse(AT(13));
      await s.appendUpdates(plan, [{ update: Uint8Array.of(13), memberId: null, takeBacks: [{ at, data: Uint8Array.of(1, 2) }] }]);
      expect((await s.loadDoc(plan)).takeBacks?.map((b) => [...b])).toEqual([[1, 2]]);
    } finally {
      await s.close();
    }
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE tbl_name = 'take_backs' AND type = 'index'").pluck().all()).toEqual(['take_backs_by_doc']);
    db.close();
    expect((updateRows(file) as { seq: number }[]).filter((r) => r.seq !== 13)).toEqual(before);
  });
});

describe('SQLite schema versions 9 and 14: removals of members kept, then with the name', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-schema-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens a file version 8 wrote: its members read as before, none removed, and removals are kept from then on', async () => {
    const file = path.join(dir, 'samplan.db');
    writeVersion4File(file);
    const v8 = new Database(file);
    v8.transaction(() => {
      // As a version 4 file is brought to version 8 (`SKIPS`: 4 goes straight to 6).
      for (const sql of MIGRATIONS.slice(6, 8)) v8.exec(sql);
      v8.pragma('user_version = 8');
      v8.prepare('INSERT INTO members VALUES (?, ?, ?, ?, ?)').run(WS, 'nina', 'Nina Ek', 'editor', '["vc-husby"]');
      v8.prepare('INSERT INTO members VALUES (?, ?, ?, ?, ?)').run(WS, 'anna', 'Anna Lind', 'admin', '[]');
    })();
    expect(v8.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'member_removals'").pluck().get()).toBe(0);
    v8.close();

    const s = openSqliteStorage(file);
    try {
      expect((await s.listMembers(WS)).map((m) => m.id)).toEqual(['anna', 'nina']);
      expect(await s.listRemovals(WS)).toEqual([]);
      expect(await s.deleteMember(WS, 'nina', { by: 'anna', at: AT(20) })).toBe(true);
      expect(await s.getRemoval(WS, 'nina')).toEqual({ workspace: WS, id: 'nina', name: 'Nina Ek', removedBy: 'anna', removedAt: AT(20) });
      expect((await s.listUpdates({ workspace: WS, doc: 'plan' }, 0, 100)).map((u) => u.seq)).toEqual([7, 8, 9, 10, 11, 12]);
    } finally {
      await s.close();
    }
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  // Version 14 keeps the removed member's name (`RemovalRecord.name`).
  it('opens a file version 13 wrote: its removals read with no name, and removals made from then on keep the name', async () => {
    const file = path.join(dir, 'samplan.db');
    const v13 = new Database(file);
    v13.transaction(() => {
      for (const sql of MIGRATIONS.slice(0, 13)) v13.exec(sql);
      v13.pragma('user_version = 13');
      const member = v13.prepare('INSERT INTO members VALUES (?, ?, ?, ?, ?)');
      member.run(WS, 'nina', 'Nina Ek', 'editor', '["vc-husby"]');
      // A name an older Samplan stored before the guard refused it: the removal must still be made, without it.
      member.run(WS, 'olle', 'Olle 19121212-1212', 'viewer', '[]');
      v13.prepare('INSERT INTO member_removals VALUES (?, ?, ?, ?)').run(WS, 'per', 'anna', AT(10));
    })();
    v13.close();

    const s = openSqliteStorage(file);
    try {
      expect(await s.listRemovals(WS)).toEqual([{ workspace: WS, id: 'per', name: null, removedBy: 'anna', removedAt: AT(10) }]);
      expect(await s.deleteMember(WS, 'nina', { by: 'anna', at: AT(20) })).toBe(true);
      expect(await s.deleteMember(WS, 'olle', { by: null, at: AT(21) })).toBe(true);
      expect(await s.listRemovals(WS)).toEqual([
        { workspace: WS, id: 'nina', name: 'Nina Ek', removedBy: 'anna', removedAt: AT(20) },
        { workspace: WS, id: 'olle', name: null, removedBy: null, removedAt: AT(21) },
        { workspace: WS, id: 'per', name: null, removedBy: 'anna', removedAt: AT(10) },
      ]);
    } finally {
      await s.close();
    }
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.prepare('SELECT count(*) FROM member_removals WHERE name LIKE ?').pluck().get('%1212%')).toBe(0);
    } finally {
      db.close();
    }
  });
});

const missing = servicesMissing();

describe.skipIf(missing !== null)('samplan migrate from a version 4 SQLite file', () => {
  let server: PgServer;
  let dir: string;
  beforeAll(async () => {
    server = await startPostgres();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-schema-pg-'));
  }, 60_000);
  afterAll(async () => {
    await server?.destroy();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies its history to PostgreSQL and verifies it', async () => {
    const file = path.join(dir, 'v4.db');
    writeVersion4File(file);
    const url = await server.createDb('fromv4');
    const report = await migrateSqliteToPostgres(file, url);
    expect(report.mismatched).toEqual([]);
    expect(report.tables.find((t) => t.name === 'update_log')).toEqual({ name: 'update_log', source: 9, target: 9 });
    const dst = await openPostgresStorage(url);
    try {
      expect((await dst.listUpdates({ workspace: WS, doc: 'plan' }, 0, 100)).map((u) => u.seq)).toEqual([7, 8, 9, 10, 11, 12]);
      expect(await dst.appendUpdates({ workspace: WS, doc: 'plan' }, [{ update: Uint8Array.of(13), memberId: null }])).toBe(13);
    } finally {
      await dst.close();
    }
  }, 60_000);
});
