/**
 * `samplan history scan` reads every place a store keeps, on SQLite and PostgreSQL: the history of
 * a document with no record (its record removed by a hand, or one the server keeps for itself
 * other than `~rounds`, or one of a workspace with no record), found by the rows under its id in
 * any table, not by `docs`; and every text column of every table beside the bytes of history (who
 * archived a document, the audit trail's member and detail, an access token's session, a removed
 * member's name, rows of a workspace with no record too, an update's author), named by table, key
 * and field, never the number, with what
 * to do (an audit line: the statement that deletes it). A hash the store writes is not read as a
 * text: one holding ten digits that pass as a number is no finding. The old scan listed documents
 * by their records, read the catalogue through the store's methods, and said "No personnummer".
 */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { historyCommand } from '../../server/cli-history.js';
import { openPostgresStorage } from '../../server/storage/postgres.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import type { Storage } from '../../server/storage/storage.js';
import { findPersonnummer } from '../../shared/validate/personnummer.js';
import { listenedClient } from '../support/listened-client.js';
import { servicesMissing } from '../support/services.js';
import { tempStores } from '../support/temp-stores.js';
import { usePostgres } from '../support/use-services.js';

const stores = tempStores();
const WS = 'ws';
const AT = '2026-02-01T08:00:00.000Z';
const NUMBER = 'Eva 850101-1236';

/** One way to write SQL straight into a store's database (`?` placeholders). */
type Run = (sql: string, params: unknown[]) => Promise<void>;

/** A Yjs update (V1) setting the title to `title`. */
function titled(title: string): Uint8Array {
  const d = new Y.Doc();
  d.getMap('meta').set('title', title);
  return Y.encodeStateAsUpdate(d);
}

/** A store with workspace `ws` (member `anna`, token `t1`, document `plan` with one update) and how to write into its database. */
async function seeded(store: Storage): Promise<Storage> {
  await store.putWorkspace({ id: WS, name: 'Region', createdAt: AT });
  await store.putUnit({ workspace: WS, code: 'vc', name: 'Vårdcentralen', parent: null });
  await store.putMember({ workspace: WS, id: 'anna', name: 'Anna', role: 'coordinator', units: ['vc'] });
  await store.putToken({ id: 't1', hash: 'a'.repeat(64), workspace: WS, memberId: 'anna', label: 'Excel', createdAt: AT, expiresAt: null, revokedAt: null });
  await store.putDocRecord({ workspace: WS, doc: 'plan', kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc', createdAt: AT, updatedAt: AT });
  await store.appendUpdates({ workspace: WS, doc: 'plan' }, [{ update: titled('Plan'), memberId: 'anna' }]);
  return store;
}

const sqlite = async (): Promise<{ store: Storage; run: Run }> => {
  const file = stores.dbFile('history-scan-stored');
  const store = stores.keep(await seeded(openSqliteStorage(file)));
  const run: Run = async (sql, params) => {
    const db = new Database(file);
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
  };
  return { store, run };
};

const pg = servicesMissing() === null ? usePostgres() : null;
let pgDbs = 0;
const clients: { end(): Promise<void> }[] = [];
afterAll(async () => {
  for (const c of clients) await c.end();
});
const postgres = async (): Promise<{ store: Storage; run: Run }> => {
  if (!pg) throw new Error('no PostgreSQL');
  const url = await pg.createDb(`history_scan_stored_${++pgDbs}`);
  const store = stores.keep(await seeded(await openPostgresStorage(url)));
  const c = listenedClient({ connectionString: url });
  await c.connect();
  clients.push(c);
  const run: Run = async (sql, params) => {
    let n = 0;
    await c.query(
      sql.replace(/\?/g, () => `$${++n}`),
      params.map((p) => (p instanceof Uint8Array ? Buffer.from(p) : p)),
    );
  };
  return { store, run };
};

const backends: [string, () => Promise<{ store: Storage; run: Run }>][] = [['SQLite', sqlite], ...(pg ? [['PostgreSQL', postgres] as [string, () => Promise<{ store: Storage; run: Run }>]] : [])];

/** `samplan history <args>` on `store`: its exit code, what it printed and what it warned. */
async function history(store: Storage, sub: string, args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await historyCommand(sub, args, { lang: 'en' }, (fn) => fn(store), (l) => out.push(l), (l) => err.push(l));
  return { code, out, err };
}

const insertUpdate = 'INSERT INTO update_log (workspace, doc, seq, at, member_id, data) VALUES (?, ?, ?, ?, NULL, ?)';

describe.each(backends)('the history scan of every stored place (%s)', (name, open) => {
  it('reads the history of documents with no record, found by their rows in any table', async () => {
    const { store, run } = await open();
    expect((await history(store, 'scan', [WS])).code).toBe(0);
    // Updates of a document whose record a hand removed; one the server keeps for itself besides its rounds;
    // a take-back alone; and a document of a workspace that has no record.
    await run(insertUpdate, [WS, 'ghost', 1, AT, titled(NUMBER)]);
    await store.appendUpdates({ workspace: WS, doc: '~notes' }, [{ update: titled(NUMBER), memberId: null }]);
    await run('INSERT INTO snapshots (workspace, doc, upto_seq, at, data) VALUES (?, ?, ?, ?, ?)', [WS, 'kept', 1, AT, Y.encodeStateAsUpdateV2(Y.createDocFromSnapshot(new Y.Doc({ gc: false }), Y.emptySnapshot))]);
    await run('INSERT INTO checkpoints (workspace, doc, seq, at, data) VALUES (?, ?, ?, ?, ?)', [WS, 'kept', 1, AT, Y.convertUpdateFormatV1ToV2(titled(NUMBER))]);
    await run(insertUpdate, ['gone-ws', 'plan', 1, AT, titled(NUMBER)]);
    const ws = await history(store, 'scan', [WS]);
    expect(ws.code).toBe(2);
    // The documents named: a title the live state holds is named as live, one a checkpoint alone keeps as history.
    const held = (lines: string[]): string[] => lines.flatMap((l) => /^(\S+): a personnummer in its (stored history|live state|stored updates)/.exec(l)?.slice(1, 3).join(' ') ?? []);
    // Updates stored by a hand: SQLite's view gives the document a key, and its rows are numbered;
    // PostgreSQL's table leaves it without a head (`doc_heads`), which the scan's load rebuilds from them.
    expect(held(ws.err)).toEqual([`${WS}/ghost live state`, `${WS}/kept stored history`, `${WS}/~notes live state`]);
    const all = await history(store, 'scan', []);
    expect(held(all.err)).toEqual(['gone-ws/plan live state', ...held(ws.err)]);
    // A workspace with no record but stored documents is there to scan; a document alone too.
    expect(held((await history(store, 'scan', ['gone-ws'])).err)).toEqual(['gone-ws/plan live state']);
    expect((await history(store, 'scan', [`${WS}/ghost`])).code).toBe(2);
    expect(JSON.stringify([ws, all])).not.toMatch(/850101|1236/);
  });

  it('names every text column holding a number, the audit trail and sessions too, with what to do', async () => {
    const { store, run } = await open();
    await run("INSERT INTO access_token_sessions (token_key, token_id, until) VALUES (?, 't1', ?)", ['b'.repeat(64), '2026-02-01T09:00:00.000Z']);
    await store.appendAudit([{ at: AT, workspace: WS, doc: 'plan', memberId: 'anna', action: 'write', bytes: 10, detail: null }]);
    expect(await history(store, 'scan', [WS])).toMatchObject({ code: 0, err: [] });
    await run('UPDATE docs SET archived_at = ?, archived_by = ? WHERE workspace = ? AND doc = ?', [AT, NUMBER, WS, 'plan']);
    await run('UPDATE audit SET member_id = ?, detail = ? WHERE workspace = ?', [NUMBER, NUMBER, WS]);
    await run('UPDATE access_token_sessions SET token_key = ?', ['850101-1236']);
    await run("INSERT INTO member_removals (workspace, member_id, name, removed_by, removed_at) VALUES (?, 'bo', ?, NULL, ?)", [WS, NUMBER, AT]);
    await run('INSERT INTO update_log (workspace, doc, seq, at, member_id, data) VALUES (?, ?, ?, ?, ?, ?)', [WS, 'plan', 2, AT, NUMBER, titled('Plan 2')]);
    const { code, err } = await history(store, 'scan', [WS]);
    expect(code).toBe(2);
    const named = err.filter((l) => l.includes('a personnummer in a stored record')).map((l) => /record, (\S+ \S+), field ([a-z_]+)/.exec(l)?.slice(1).join(' ').replace(/^audit \d+/, 'audit <id>'));
    expect(named).toEqual([
      'docs plan archived_by',
      'member_removals bo name',
      'audit <id> member_id',
      'audit <id> detail',
      'access_token_sessions [personnummer]/t1 token_key',
      'update_log plan/2 member_id',
    ]);
    const audit = err.find((l) => l.includes('audit ') && l.includes('field detail')) ?? '';
    const id = /audit (\d+)/.exec(audit)?.[1];
    expect(audit).toContain(`samplan history drop leaves the audit trail as it is): delete it with sqlite3 <file> "DELETE FROM audit WHERE id = ${id}"`);
    expect(err.join('\n')).not.toMatch(/850101|1236/);
    // A scan of all reads the same fields, and the rows of a workspace with no record: a removal kept there.
    await run("INSERT INTO member_removals (workspace, member_id, name, removed_by, removed_at) VALUES ('gone-ws', 'bo', ?, NULL, ?)", [NUMBER, AT]);
    const all = (await history(store, 'scan', [])).err.filter((l) => l.includes('stored record'));
    expect(all).toHaveLength(7);
    expect(all).toContainEqual(expect.stringMatching(/^gone-ws: a personnummer in a stored record, member_removals bo, field name /));
  });

  it('does not read a hash the store wrote as a text, though its digits pass as a number', async () => {
    const { store, run } = await open();
    const hash = `ab8501011236${'c'.repeat(52)}`;
    expect(findPersonnummer(hash)).not.toBeNull();
    await run('UPDATE tokens SET hash = ?', [hash]);
    await run("INSERT INTO access_token_sessions (token_key, token_id, until) VALUES (?, 't1', ?)", [hash, '2026-02-01T09:00:00.000Z']);
    expect(await history(store, 'scan', [])).toMatchObject({ code: 0, err: [] });
  });
});
