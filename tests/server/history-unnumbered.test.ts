/**
 * Updates no last sequence number counts, which `samplan history scan` finds and `samplan history
 * drop` deletes. On SQLite, rows of `update_rows` under a key no row of `doc_keys` has (a crash
 * between two writes, a hand, an older Samplan) were read by nothing: the scan of a whole store
 * said "No personnummer" over a number in them, and no command could remove them. They name no
 * document, so the scan names them by their key and `drop --key <n>` takes it. On PostgreSQL, a
 * document's updates without its row of `doc_heads` were found by the scan, but the drop refused
 * them (exit 1), and later deleted them outright, the document's other content with them: the
 * head is now rebuilt from the stored rows at the load (`postgres-head.ts`), and the drop drops the
 * document's history as any other's, its live state kept.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { historyCommand } from '../../server/cli-history.js';
import type { Flags } from '../../server/cli-args.js';
import { openPostgresStorage } from '../../server/storage/postgres.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import type { Storage } from '../../server/storage/storage.js';
import { listenedClient } from '../support/listened-client.js';
import { servicesMissing } from '../support/services.js';
import { tempStores } from '../support/temp-stores.js';
import { usePostgres } from '../support/use-services.js';

const stores = tempStores();
const WS = 'ws';
const AT = '2026-02-01T08:00:00.000Z';
const LATER = '2026-02-02T08:00:00.000Z';
const NUMBER = 'Eva 850101-1236';
const SPAN = 2 ** 32;
const KEY_98 =
  "key 98: 1 update row under a key no document has (no row of doc_keys): no document reads it. If it is a document's history (its row of doc_keys removed by a hand), put the row back with sqlite3 while the server is stopped: INSERT INTO doc_keys (id, workspace, doc) VALUES (98, '<workspace>', '<document>'); otherwise samplan history drop --key 98 removes it";

/** A Yjs update (V1) setting the title to `title`. */
function titled(title: string): Uint8Array {
  const d = new Y.Doc();
  d.getMap('meta').set('title', title);
  return Y.encodeStateAsUpdate(d);
}

/** A store with workspace `ws` and document `plan` (one update). */
async function seeded(store: Storage): Promise<Storage> {
  await store.putWorkspace({ id: WS, name: 'Region', createdAt: AT });
  await store.putDocRecord({ workspace: WS, doc: 'plan', kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc', createdAt: AT, updatedAt: AT });
  await store.appendUpdates({ workspace: WS, doc: 'plan' }, [{ update: titled('Plan'), memberId: null }]);
  return store;
}

/** `samplan history <sub> <args>` with `flags` on `store`: its exit code, what it printed and what it warned. */
async function history(store: Storage, sub: string, args: string[], flags: Flags = {}): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await historyCommand(sub, args, { lang: 'en', ...flags }, (fn) => fn(store), (l) => out.push(l), (l) => err.push(l));
  expect(JSON.stringify([out, err])).not.toMatch(/850101|1236/);
  return { code, out, err };
}

describe('update rows of an SQLite store under a key no document has', () => {
  it('are read by the scan of the store, named by their key, and dropped by it alone', async () => {
    const file = stores.dbFile('history-keyless');
    const store = stores.keep(await seeded(openSqliteStorage(file)));
    const db = new Database(file);
    const put = db.prepare('INSERT INTO update_rows (id, at, member_id, data) VALUES (?, ?, NULL, ?)');
    put.run(99 * SPAN + 1, AT, titled('Utkast'));
    put.run(99 * SPAN + 2, AT, titled(NUMBER));
    put.run(98 * SPAN + 1, AT, titled('Utkast'));
    db.close();
    const rows = (): number[] => {
      const d = new Database(file, { readonly: true });
      try {
        return (d.prepare('SELECT id FROM update_rows ORDER BY id').pluck().all() as number[]).map((id) => Math.floor(id / SPAN));
      } finally {
        d.close();
      }
    };

    const scan = await history(store, 'scan', []);
    expect(scan.code).toBe(2);
    expect(scan.err).toEqual([
      'key 99: 2 update rows under a key no document has (no row of doc_keys: left by a crash between two writes, or by an older Samplan) hold a personnummer at update 2; no server reads them or gives a new document their key, but they stay in the file and its backups. Remove them with samplan history drop --key 99',
      KEY_98,
      '1 key no document has holds a personnummer in update rows.',
    ]);

    expect(await history(store, 'drop', [], { key: '99', 'dry-run': true })).toMatchObject({ code: 0, out: ['key 99: would drop 2 update rows no document has (dry run, nothing written).'] });
    expect(rows()).toEqual([1, 98, 99, 99]);
    expect(await history(store, 'drop', [], { key: '99' })).toMatchObject({ code: 0, out: ['key 99: 2 update rows no document has dropped.'] });
    expect(rows()).toEqual([1, 98]);
    // Gone from the file's pages and its log, not only from the table.
    const bytes = Buffer.concat([readFileSync(file), readFileSync(`${file}-wal`)]).toString('latin1');
    expect(bytes).not.toContain('850101');
    // Rows no document reads are named whatever they hold: they may be a document's lost history.
    expect(await history(store, 'scan', [])).toMatchObject({ code: 1, err: [KEY_98] });

    // Nothing there, and a document's own key: no row goes.
    expect(await history(store, 'drop', [], { key: '99' })).toMatchObject({ code: 2, err: ['There are no update rows under key 99 without a document; nothing to drop (samplan history scan lists such keys).'] });
    expect(await history(store, 'drop', [], { key: '1' })).toMatchObject({ code: 2 });
    expect(rows()).toEqual([1, 98]);
    expect((await store.loadDoc({ workspace: WS, doc: 'plan' })).lastSeq).toBe(1);
  });

  it('under key 0, or below it, are no history of a document without a key, and are dropped by the key the scan prints', async () => {
    // doc_keys gives keys from 1; rows put by a hand may have any id SQLite takes, up to 2^63 − 1.
    const file = stores.dbFile('history-keyless-low');
    const store = stores.keep(await seeded(openSqliteStorage(file)));
    const db = new Database(file);
    const put = db.prepare('INSERT INTO update_rows (id, at, member_id, data) VALUES (?, ?, NULL, ?)');
    put.run(5, AT, titled(NUMBER));
    put.run(-SPAN + 3, AT, titled(NUMBER));
    put.run((2n ** 31n - 1n) * BigInt(SPAN) + 3n, AT, titled(NUMBER));
    db.close();
    // Made after the rows were written: they cannot be its history (one made before would be refused, `keyless-history.ts`).
    await store.putDocRecord({ workspace: WS, doc: 'fresh', kind: 'activity-plan', title: 'Ny', ownerUnit: 'vc', createdAt: LATER, updatedAt: LATER });
    expect(await store.loadDoc({ workspace: WS, doc: 'fresh' })).toMatchObject({ snapshot: null, updates: [], lastSeq: 0 });

    const scan = await history(store, 'scan', []);
    expect(scan.err.map((l) => l.replace(/ \(no row of doc_keys.*$/, ''))).toEqual([
      'key -1: 1 update row under a key no document has',
      'key 0: 1 update row under a key no document has',
      'key 2147483647: 1 update row under a key no document has',
      '3 keys no document has hold a personnummer in update rows.',
    ]);
    expect(scan.err[0]).toMatch(/at update 3; .* Remove them with samplan history drop --key=-1$/);
    expect(scan.err[2]).toMatch(/at update 3; .* Remove them with samplan history drop --key 2147483647$/);
    for (const key of ['-1', '0', '2147483647']) expect(await history(store, 'drop', [], { key })).toMatchObject({ code: 0, out: [`key ${key}: 1 update row no document has dropped.`] });
    expect(await history(store, 'scan', [])).toMatchObject({ code: 0 });
    expect((await store.loadDoc({ workspace: WS, doc: 'plan' })).lastSeq).toBe(1);
  });

  it('under the next key to be given are not the history of the document given a key next', async () => {
    const file = stores.dbFile('history-keyless-next');
    const store = stores.keep(await seeded(openSqliteStorage(file)));
    const db = new Database(file);
    const next = (db.prepare('SELECT max(id) FROM doc_keys').pluck().get() as number) + 1;
    db.prepare('INSERT INTO update_rows (id, at, member_id, data) VALUES (?, ?, NULL, ?)').run(next * SPAN + 1, AT, titled(NUMBER));
    db.close();
    // Made after the rows were written: they cannot be its history (one made before would be refused, `keyless-history.ts`).
    await store.putDocRecord({ workspace: WS, doc: 'fresh', kind: 'activity-plan', title: 'Ny', ownerUnit: 'vc', createdAt: LATER, updatedAt: LATER });
    expect(await store.appendUpdates({ workspace: WS, doc: 'fresh' }, [{ update: titled('Ny'), memberId: null }])).toBe(1);
    const loaded = await store.loadDoc({ workspace: WS, doc: 'fresh' });
    const doc = new Y.Doc();
    for (const u of loaded.updates) Y.applyUpdate(doc, u);
    expect([loaded.lastSeq, loaded.updates.length, doc.getMap('meta').get('title')]).toEqual([1, 1, 'Ny']);
    expect((await history(store, 'scan', [])).err[0]).toMatch(new RegExp(`^key ${next}: 1 update row under a key no document has`));
  });

  it('are dropped by --all-flagged of the whole store, with the documents the scan flags', async () => {
    const file = stores.dbFile('history-keyless-all');
    const store = stores.keep(await seeded(openSqliteStorage(file)));
    const db = new Database(file);
    db.prepare('INSERT INTO update_rows (id, at, member_id, data) VALUES (?, ?, NULL, ?)').run(7 * SPAN + 1, AT, titled(NUMBER));
    db.close();
    expect(await history(store, 'drop', [], { 'all-flagged': true })).toMatchObject({ code: 0, out: ['key 7: 1 update row no document has dropped.'] });
    expect(await history(store, 'scan', [])).toMatchObject({ code: 0 });
  });
});

const pg = servicesMissing() === null ? usePostgres() : null;
const clients: { end(): Promise<void> }[] = [];
afterAll(async () => {
  for (const c of clients) await c.end();
});

/** A Yjs update (V1) setting `values` in the map `meta` of `doc`. */
function set(doc: Y.Doc, values: Record<string, string>): Uint8Array {
  const before = Y.encodeStateVector(doc);
  for (const [k, v] of Object.entries(values)) doc.getMap('meta').set(k, v);
  return Y.encodeStateAsUpdate(doc, before);
}

/** The map `meta` of what `store` loads of `ref`. */
async function metaOf(store: Storage, ref: { workspace: string; doc: string }): Promise<Record<string, unknown>> {
  const stored = await store.loadDoc(ref);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc.getMap('meta').toJSON();
}

describe.skipIf(pg === null)('a PostgreSQL document whose rows stand under no head', () => {
  /** A store seeded as {@link seeded}, and a client of its own on the database. */
  async function opened(name: string): Promise<{ store: Storage; c: ReturnType<typeof listenedClient> }> {
    const url = await (pg as NonNullable<typeof pg>).createDb(name);
    const store = stores.keep(await seeded(await openPostgresStorage(url)));
    const c = listenedClient({ connectionString: url });
    await c.connect();
    clients.push(c);
    return { store, c };
  }
  const audit = async (c: ReturnType<typeof listenedClient>): Promise<string[]> =>
    (await c.query("SELECT doc || ': ' || detail AS line FROM audit WHERE action = 'head-rebuilt' ORDER BY id")).rows.map((r: { line: string }) => r.line);

  it('loads whole from its snapshot and the updates after it, or from its newest checkpoint, and takes edits after them', async () => {
    const { store, c } = await opened('head_rebuilt');
    const [plan, goals] = [{ workspace: WS, doc: 'plan' }, { workspace: WS, doc: 'goals' }];
    await store.putDocRecord({ ...goals, kind: 'activity-plan', title: 'Mål', ownerUnit: 'vc', createdAt: AT, updatedAt: AT });
    const doc = new Y.Doc();
    await store.appendUpdates(plan, [{ update: set(doc, { title: 'Plan', year: '2026' }), memberId: null }]);
    await store.compact(plan, Y.encodeStateAsUpdateV2(doc), 2);
    await store.appendUpdates(plan, [{ update: set(doc, { note: 'Träffar varje vecka' }), memberId: null }]);
    const other = new Y.Doc();
    await store.appendUpdates(goals, [1, 2, 3].map((n) => ({ update: set(other, { [`goal${n}`]: `Mål ${n}` }), memberId: null })));
    await store.compact(goals, Y.encodeStateAsUpdateV2(other), 3);
    // The plan's head lost; the goals' too, with its snapshot and the updates the checkpoint covers.
    await c.query('DELETE FROM doc_heads');
    await c.query("DELETE FROM snapshots WHERE doc = 'goals'");
    await c.query("DELETE FROM update_log WHERE doc = 'goals'");

    expect((await store.loadDoc(plan)).lastSeq).toBe(3);
    expect(await metaOf(store, plan)).toEqual({ title: 'Plan', year: '2026', note: 'Träffar varje vecka' });
    expect(await store.appendUpdates(plan, [{ update: set(doc, { title: 'Plan Husby' }), memberId: null }])).toBe(4);
    expect(await metaOf(store, plan)).toEqual({ title: 'Plan Husby', year: '2026', note: 'Träffar varje vecka' });
    expect(await metaOf(store, goals)).toEqual({ goal1: 'Mål 1', goal2: 'Mål 2', goal3: 'Mål 3' });
    expect(await store.appendUpdates(goals, [{ update: set(other, { goal4: 'Mål 4' }), memberId: null }])).toBe(4);
    expect(await audit(c)).toEqual(['plan: head 3 rebuilt from the snapshot at 2 and update 3', 'goals: head 3 rebuilt from the checkpoint at 3, stored as the snapshot']);
    // The scan names a head its load rebuilt, and nothing more when nothing else is found.
    await c.query("DELETE FROM doc_heads WHERE doc = 'plan'");
    expect(await history(store, 'scan', [WS])).toEqual({
      code: 0,
      out: [`${WS}/plan: its stored rows had no head (no last sequence number): the scan wrote one first (head 4 rebuilt from the snapshot at 2 and updates 3–4), as a server's load does, so it loads whole and takes edits.`, 'No personnummer in the stored history of 3 documents.'],
      err: [],
    });
    // A head restored older than the updates (below them, not gone) is raised, said where it stood.
    await c.query("UPDATE doc_heads SET last_seq = 2 WHERE doc = 'plan'");
    expect(await history(store, 'scan', [WS])).toEqual({
      code: 0,
      out: [`${WS}/plan: its stored rows had a head below their newest sequence number: the scan wrote one first (head 4 (it stood at 2) rebuilt from the snapshot at 2 and updates 3–4), as a server's load does, so it loads whole and takes edits.`, 'No personnummer in the stored history of 3 documents.'],
      err: [],
    });
    expect((await audit(c)).at(-1)).toBe('plan: head 4 (it stood at 2) rebuilt from the snapshot at 2 and updates 3–4');
    expect(await store.appendUpdates(plan, [{ update: set(doc, { note: 'Varannan vecka' }), memberId: null }])).toBe(5);
  });

  it('are dropped by samplan history drop as any history: the head rebuilt first, the number gone from every table, the rest of the document kept', async () => {
    const { store, c } = await opened('history_unnumbered');
    const notes = { workspace: WS, doc: 'notes' };
    await store.putDocRecord({ ...notes, kind: 'activity-plan', title: 'Anteckningar', ownerUnit: 'vc', createdAt: AT, updatedAt: AT });
    const doc = new Y.Doc();
    // Update 1 typed a personnummer into the title and a note; update 2 wrote the title over it. Neither has a head.
    const typed = [set(doc, { title: NUMBER, note: 'Träffar varje vecka' }), set(doc, { title: 'Plan Husby' })];
    for (const [i, data] of typed.entries()) {
      await c.query('INSERT INTO update_log (workspace, doc, seq, at, member_id, data) VALUES ($1, $2, $3, $4, NULL, $5)', [WS, 'notes', i + 1, AT, Buffer.from(data)]);
    }
    const everyTable = async (): Promise<string> => {
      const tables = (await c.query('SELECT tablename FROM pg_tables WHERE schemaname = current_schema()')).rows.map((r: { tablename: string }) => r.tablename);
      let text = '';
      for (const t of tables) text += JSON.stringify((await c.query(`SELECT * FROM "${t}"`)).rows.map((r) => Object.values(r).map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : v))));
      return text;
    };
    expect(await everyTable()).toContain('850101');
    // A dry run rebuilds the head (a load does), and says so; nothing else is written.
    const dry = await history(store, 'drop', [`${WS}/notes`], { 'dry-run': true });
    expect(dry.out[0]).toMatch(/ \(dry run, nothing else written\)\. A personnummer was held at update 1\. Its stored rows had no head \(no last sequence number\): the dry run wrote one first \(head 2 rebuilt from no snapshot and updates 1–2\)/);
    expect(await everyTable()).toContain('850101');
    await c.query("DELETE FROM doc_heads WHERE doc = 'notes'");

    const drop = await history(store, 'drop', [`${WS}/notes`]);
    expect(drop.code).toBe(0);
    expect(drop.out[0]).toBe(
      `${WS}/notes: history dropped (2 updates, 0 checkpoints, 0 take-backs); the live state at update 2 is its only snapshot, the next edit is update 3. A personnummer was held at update 1. Its stored rows had no head (no last sequence number): the drop wrote one first (head 2 rebuilt from no snapshot and updates 1–2), as a server's load does, so the rest of the document was kept.`,
    );
    expect(await everyTable()).not.toContain('850101');
    expect(await metaOf(store, notes)).toEqual({ title: 'Plan Husby', note: 'Träffar varje vecka' });
    expect(await history(store, 'scan', [WS])).toMatchObject({ code: 0 });
    expect(await store.appendUpdates(notes, [{ update: set(doc, { note: 'Varannan vecka' }), memberId: null }])).toBe(3);
    expect(await audit(c)).toEqual(['notes: head 2 rebuilt from no snapshot and updates 1–2', 'notes: head 2 rebuilt from no snapshot and updates 1–2']);
  });
});
