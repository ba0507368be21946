import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateSqliteToPostgres, stateHash, targetPool, verifyMigration } from '../../server/migrate.js';
import { MIGRATED_TABLES, NOT_MIGRATED_TABLES } from '../../server/migrate-tables.js';
import { lockDatabase } from '../../server/storage/db-lock.js';
import { openPostgresStorage } from '../../server/storage/postgres.js';
import { openSqliteDatabase, openSqliteStorage } from '../../server/storage/sqlite.js';
import type { Storage } from '../../server/storage/storage.js';
import { insertRow } from '../../shared/doc/index.js';
import * as Y from 'yjs';
import { nodeCommand } from '../support/compiled.js';
import { ENGLISH_WORDS, withoutKeys } from '../support/language-words.js';
import { servicesMissing, startPostgres, type PgServer } from '../support/services.js';
import { DOCS, seed, WS } from './sync/seed.js';

const missing = servicesMissing();
/** Access-token keys as `accessTokenKey` makes them (64 hex digits). */
const SIGNED_OUT_KEY = 'd4'.repeat(32);
const LIVE_KEY = 'e5'.repeat(32);
const REVOKED_KEY = 'f6'.repeat(32);

/** Everything a store holds that a migration must carry, as plain data. */
async function contents(s: Storage): Promise<unknown> {
  const docs = await s.listDocs(WS);
  return {
    workspaces: await s.listWorkspaces(),
    units: await s.listUnits(WS),
    docs,
    members: await s.listMembers(WS),
    tokens: await s.listTokens(WS),
    audit: await s.listAudit(WS, 1000),
    history: await Promise.all(docs.map(async (d) => (await s.listUpdates(d, 0, 10_000)).map((u) => [u.seq, u.at, u.memberId, Buffer.from(u.update).toString('hex')]))),
    checkpoints: await Promise.all(docs.map((d) => s.listCheckpoints(d))),
    states: await Promise.all(docs.map((d) => stateHash(s, d))),
    takeBacks: await Promise.all(docs.map(async (d) => ((await s.loadDoc(d)).takeBacks ?? []).map((b) => Buffer.from(b).toString('hex')))),
    removals: await s.listRemovals(WS),
  };
}

describe.skipIf(missing !== null)('samplan migrate (SQLite → PostgreSQL)', () => {
  let server: PgServer;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    server = await startPostgres();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-migrate-'));
    file = path.join(dir, 'samplan.db');
    const s = openSqliteStorage(file);
    await seed(s);
    // History on every document: rows by two members, a snapshot in the middle, a revoked token, audit.
    for (const d of DOCS) {
      const ref = { workspace: WS, doc: d.doc };
      const doc = new Y.Doc();
      for (const u of (await s.loadDoc(ref)).updates) Y.applyUpdate(doc, u);
      for (let i = 0; i < 30; i++) {
        const before = Y.encodeStateVector(doc);
        insertRow(doc, { title: `rad ${i}` }, { id: `${d.doc}-r${i}` });
        await s.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(doc, before), memberId: i % 2 ? 'm-a' : 'm-b' }]);
        if (i === 14) await s.compact(ref, Y.encodeStateAsUpdateV2(doc), 16);
      }
      // Take-backs stored with the document (ids only; opaque bytes to storage) are copied too.
      for (let i = 0; i < 2; i++) {
        const takeBacks = [{ at: Date.parse('2026-02-01T00:00:00.000Z') + i, data: Uint8Array.of(i, d.doc.length) }];
        await s.appendUpdates(ref, [{ update: Uint8Array.of(0, 0), memberId: null, takeBacks }]);
      }
    }
    // Sessions' access-token keys: one of a token signed out (its session t-m-b), one of a token
    // whose session a coordinator revoked (t-m-coord: refused in its workspace only), one of a live sign-in.
    await s.noteAccessTokenSession({ key: SIGNED_OUT_KEY, tokenId: 't-m-b', until: '2999-01-01T00:00:00.000Z' }, '2026-02-01T00:00:00.000Z');
    await s.signOutSession('t-m-b', '2026-02-01T00:00:00.000Z');
    await s.noteAccessTokenSession({ key: REVOKED_KEY, tokenId: 't-m-coord', until: '2999-01-01T00:00:00.000Z' }, '2026-02-01T00:00:00.000Z');
    await s.revokeToken('t-m-coord', '2026-02-01T00:00:00.000Z');
    await s.noteAccessTokenSession({ key: LIVE_KEY, tokenId: 't-m-a', until: '2999-01-01T00:00:00.000Z' }, '2026-02-01T00:00:00.000Z');
    await s.noteAccessTokenSession({ key: LIVE_KEY, tokenId: 't-m-v', until: '2999-01-01T00:00:00.000Z' }, '2026-02-01T00:00:00.000Z');
    // A member an admin removed: the removal must hold on the new deployment too.
    await s.putMember({ workspace: WS, id: 'm-gone', name: 'Gone', role: 'viewer', units: [] });
    await s.deleteMember(WS, 'm-gone', { by: 'm-a', at: '2026-02-01T00:00:00.000Z' });
    // An archived document: its record's archive columns were added by later schema versions.
    const county = await s.getDocRecord({ workspace: WS, doc: 'county' });
    if (!county) throw new Error('seed has no county document');
    await s.putDocRecord({ ...county, archivedAt: '2026-02-02T00:00:00.000Z', archivedBy: 'Admin' });
    await s.appendAudit([{ at: '2026-02-01T00:00:00.000Z', workspace: WS, doc: 'plan-a', memberId: 'm-a', action: 'write', bytes: 12, detail: null }]);
    await s.close();
  }, 60_000);
  afterAll(async () => {
    await server?.destroy();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies documents with history, records, members, tokens and audit, and verifies counts and states', async () => {
    const url = await server.createDb('migrate');
    const lines: string[] = [];
    const report = await migrateSqliteToPostgres(file, url, (l) => lines.push(l.en));
    expect(report.mismatched).toEqual([]);
    expect(report.documents).toBe(DOCS.length);
    for (const t of report.tables) expect(t.target, t.name).toBe(t.source);
    expect(report.tables.find((t) => t.name === 'update_log')?.source).toBe(DOCS.length * 33);
    expect(lines).toContain(`update_log ${DOCS.length * 33}/${DOCS.length * 33}`);
    expect(report.tables.find((t) => t.name === 'take_backs')).toEqual({ name: 'take_backs', source: DOCS.length * 2, target: DOCS.length * 2 });
    expect(report.tables.find((t) => t.name === 'member_removals')).toEqual({ name: 'member_removals', source: 1, target: 1 });
    expect(report.tables.find((t) => t.name === 'access_token_sessions')).toEqual({ name: 'access_token_sessions', source: 4, target: 4 });

    const [src, dst] = [openSqliteStorage(file), await openPostgresStorage(url)];
    try {
      expect(await dst.getDocRecord({ workspace: WS, doc: 'county' })).toMatchObject({ archivedAt: '2026-02-02T00:00:00.000Z', archivedBy: 'Admin' });
      expect(await contents(dst)).toEqual(await contents(src));
      // A token signed out before the move is still refused at sign-in, in every workspace; one revoked
      // in its workspace only; a sign-out after it ends the sign-in's other session.
      const now = '2026-03-01T00:00:00.000Z';
      const ended = async (key: string) => [(await dst.accessTokenEnded(key, WS, now))?.how ?? null, (await dst.accessTokenEnded(key, 'hbi-other', now))?.how ?? null];
      expect([await ended(SIGNED_OUT_KEY), await ended(REVOKED_KEY), await ended(LIVE_KEY)]).toEqual([['signed-out', 'signed-out'], ['revoked', null], [null, null]]);
      expect(await dst.revokeToken('t-m-a', now)).toBe(true);
      expect(await dst.revokeSameSignIn('t-m-a', now, null)).toEqual(['t-m-v']);
      // The copy continues each document's sequence.
      expect(await dst.appendUpdates({ workspace: WS, doc: 'plan-a' }, [{ update: new Uint8Array([0, 0]), memberId: null }])).toBe(34);
    } finally {
      await src.close();
      await dst.close();
    }
  }, 60_000);

  it('copies every table of either schema, or lists it with why it is left', async () => {
    const decided = new Set([...MIGRATED_TABLES.map((t) => t.name), ...Object.keys(NOT_MIGRATED_TABLES)]);
    const fresh = path.join(dir, 'fresh.db');
    const db = openSqliteDatabase(fresh);
    const sqliteTables = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").pluck().all() as string[];
    db.close();
    const url = await server.createDb('tables');
    await (await openPostgresStorage(url)).close();
    const pool = targetPool(url);
    const pgTables = (await pool.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()")).rows.map((r) => r.name);
    await pool.end();
    expect(sqliteTables.filter((t) => !decided.has(t))).toEqual([]);
    expect(pgTables.filter((t) => !decided.has(t))).toEqual([]);
    // Every table copied is in both schemas; every table left is in one of them (no stale entry).
    expect(MIGRATED_TABLES.map((t) => t.name).filter((t) => !sqliteTables.includes(t) || !pgTables.includes(t))).toEqual([]);
    expect(Object.keys(NOT_MIGRATED_TABLES).filter((t) => !sqliteTables.includes(t) && !pgTables.includes(t))).toEqual([]);
  });

  it('run again on a target holding its whole copy (a migrate stopped after its commit), verifies it and copies nothing; one holding more is refused', async () => {
    const url = await server.createDb('full');
    await migrateSqliteToPostgres(file, url);
    const again = await migrateSqliteToPostgres(file, url);
    expect(again).toMatchObject({ alreadyCopied: true, mismatched: [], documents: DOCS.length });
    expect(again.tables.every((t) => t.source === t.target)).toBe(true);
    const dst = await openPostgresStorage(url);
    try {
      expect((await dst.listUpdates({ workspace: WS, doc: 'plan-a' }, 0, 1000)).length).toBe(33);
      // A server ran on the target and took one edit: no longer the file's copy, so refused, naming what differs.
      await dst.appendUpdates({ workspace: WS, doc: 'plan-a' }, [{ update: (await dst.listUpdates({ workspace: WS, doc: 'plan-a' }, 0, 1))[0]!.update, memberId: 'm-a' }]);
      await expect(migrateSqliteToPostgres(file, url)).rejects.toThrow(/already holds Samplan data \(.*\), and it is not a copy of .*update_log rows 99 → 100, hbi-test\/plan-a\). Nothing was written/);
      expect((await dst.listUpdates({ workspace: WS, doc: 'plan-a' }, 0, 1000)).length).toBe(34);
    } finally {
      await dst.close();
    }
  }, 60_000);

  it('refuses a target that holds only audit rows (a server started on it) and changes nothing there', async () => {
    const url = await server.createDb('audited');
    const dst = await openPostgresStorage(url);
    await dst.appendAudit([{ at: '2026-01-01T00:00:00.000Z', workspace: WS, doc: null, memberId: null, action: 'connect', bytes: 0, detail: null }]);
    await dst.close();
    await expect(migrateSqliteToPostgres(file, url)).rejects.toThrow(/already holds Samplan data \(audit\)/);
    const pool = targetPool(url);
    try {
      expect((await pool.query('SELECT count(*)::int AS n FROM update_log')).rows[0]).toEqual({ n: 0 });
      expect((await pool.query('SELECT count(*)::int AS n FROM audit')).rows[0]).toEqual({ n: 1 });
    } finally {
      await pool.end();
    }
  }, 60_000);

  it('refuses a database a server still serves, and changes nothing in the target', async () => {
    const lock = lockDatabase(file);
    try {
      const url = await server.createDb('served');
      await expect(migrateSqliteToPostgres(file, url)).rejects.toThrow(/already served by another Samplan server .*Stop that server first/);
      const dst = await openPostgresStorage(url);
      expect(await dst.listWorkspaces()).toEqual([]);
      await dst.close();
    } finally {
      lock.release();
    }
  }, 60_000);

  it('refuses a source column PostgreSQL has no place for, before writing anything', async () => {
    const newer = path.join(dir, 'newer.db');
    fs.copyFileSync(file, newer);
    const db = new Database(newer);
    db.exec('ALTER TABLE docs ADD COLUMN reviewed_at TEXT');
    db.close();
    const url = await server.createDb('newer');
    await expect(migrateSqliteToPostgres(newer, url)).rejects.toThrow(/docs\.reviewed_at/);
    const dst = await openPostgresStorage(url);
    expect(await dst.listWorkspaces()).toEqual([]);
    await dst.close();
  }, 60_000);

  it('finds a document record that differs after the copy', async () => {
    const url = await server.createDb('records');
    await migrateSqliteToPostgres(file, url);
    const dst = await openPostgresStorage(url);
    const county = await dst.getDocRecord({ workspace: WS, doc: 'county' });
    await dst.putDocRecord({ ...(county as NonNullable<typeof county>), archivedAt: null, archivedBy: null });
    await dst.close();
    expect(await verifyMigration(file, url)).toMatchObject({ mismatched: [`${WS}: document records`] });
  }, 60_000);

  it('finds a removal of a member that differs after the copy', async () => {
    const url = await server.createDb('removals');
    await migrateSqliteToPostgres(file, url);
    const dst = await openPostgresStorage(url);
    await dst.putMember({ workspace: WS, id: 'm-gone', name: 'Gone', role: 'viewer', units: [] });
    await dst.close();
    expect(await verifyMigration(file, url)).toMatchObject({ mismatched: [`${WS}: members`, `${WS}: member removals`] });
  }, 60_000);

  it("verifies the state of a workspace's rounds, which the server keeps under no document record", async () => {
    const withRounds = path.join(dir, 'rounds.db');
    fs.copyFileSync(file, withRounds);
    const s = openSqliteStorage(withRounds);
    const rounds = { workspace: WS, doc: '~rounds' };
    const doc = new Y.Doc();
    for (const [i, status] of ['open', 'closed'].entries()) {
      const before = Y.encodeStateVector(doc);
      doc.getMap<string>('rounds').set('r-2026-1', JSON.stringify({ status, i }));
      await s.appendUpdates(rounds, [{ update: Y.encodeStateAsUpdate(doc, before), memberId: 'm-a' }]);
    }
    await s.close();
    const url = await server.createDb('rounds');
    expect(await migrateSqliteToPostgres(withRounds, url)).toMatchObject({ documents: DOCS.length + 1, mismatched: [] });
    // The round's last transition replaced by its first: the row count stays, the state does not.
    const pool = targetPool(url);
    try {
      const changed = await pool.query("UPDATE update_log SET data = (SELECT data FROM update_log WHERE doc = '~rounds' AND seq = 1) WHERE doc = '~rounds' AND seq = 2");
      expect(changed.rowCount).toBe(1);
    } finally {
      await pool.end();
    }
    expect(await verifyMigration(withRounds, url)).toMatchObject({ mismatched: [`${WS}/~rounds`] });
  }, 60_000);

  it('finds an audit row whose content differs after the copy, though the count matches', async () => {
    const url = await server.createDb('audit');
    expect(await migrateSqliteToPostgres(file, url)).toMatchObject({ mismatched: [] });
    const pool = targetPool(url);
    try {
      const changed = await pool.query("UPDATE audit SET member_id = 'm-b' WHERE id = (SELECT max(id) FROM audit) AND member_id = 'm-a'");
      expect(changed.rowCount).toBe(1);
      expect(await verifyMigration(file, url)).toMatchObject({ mismatched: ['audit'] });
      // Put right, then one row replaced by another: the count is the same, the content is not.
      await pool.query("UPDATE audit SET member_id = 'm-a' WHERE id = (SELECT max(id) FROM audit)");
      expect(await verifyMigration(file, url)).toMatchObject({ mismatched: [] });
      await pool.query("INSERT INTO audit (at, workspace, doc, member_id, action, bytes, detail) VALUES ('2026-01-01T00:00:00.000Z', $1, null, null, 'connect', 0, null)", [WS]);
      await pool.query('DELETE FROM audit WHERE id = (SELECT min(id) FROM audit)');
      expect(await verifyMigration(file, url)).toMatchObject({ mismatched: ['audit'] });
    } finally {
      await pool.end();
    }
  }, 60_000);

  it('runs from the command line with progress and a verdict', async () => {
    const url = await server.createDb('cli');
    // The CLI compiled once per run (`compiled.ts`): through the tsx wrapper each start compiled
    // every source file in a second process, over a minute for the two at load 40.
    const [node, cli] = await nodeCommand(path.join(process.cwd(), 'server', 'cli.ts'));
    const res = spawnSync(node, [...cli, 'migrate', '--from', file, '--to', url, '--lang', 'en'], { encoding: 'utf8', timeout: 60_000 });
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/update_log\s+99 →\s+99/);
    expect(res.stdout).toMatch(/take_backs\s+6 →\s+6/);
    expect(res.stdout).toContain(`all ${DOCS.length} documents' states match`);
    const bad = spawnSync(node, [...cli, 'migrate', '--from', path.join(dir, 'nope.db'), '--to', url, '--lang', 'en'], { encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('There is no SQLite database at');
  }, 60_000);

  it('speaks Swedish under the Swedish default: its progress, counts and verdict', async () => {
    const url = await server.createDb('cli_sv');
    const [node, cli] = await nodeCommand(path.join(process.cwd(), 'server', 'cli.ts'));
    const res = spawnSync(node, [...cli, 'migrate', '--from', file, '--to', url], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toContain(`${DOCS.length}/${DOCS.length} dokument genomsökta`);
    expect(res.stdout).toMatch(/update_log\s+99 →\s+99/);
    expect(res.stdout).toContain(`alla ${DOCS.length} dokuments tillstånd stämmer`);
    // Table names, paths and the address are as they are in both.
    const words = MIGRATED_TABLES.reduce((text, t) => text.replaceAll(t.name, ''), res.stdout.replaceAll(file, '<fil>').replaceAll(url, '<url>'));
    expect(withoutKeys(words)).not.toMatch(ENGLISH_WORDS);
  }, 60_000);
});
