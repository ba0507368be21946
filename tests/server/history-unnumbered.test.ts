/**
 * Updates no last sequence number counts, which `samplan history scan` finds and `samplan history
 * drop` deletes. On SQLite, rows of `update_rows` under a key no row of `doc_keys` has (a crash
 * between two writes, a hand, an older Samplan) were read by nothing: the scan of a whole store
 * said "No personnummer" over a number in them, and no command could remove them. They name no
 * document, so the scan names them by their key and `drop --key <n>` takes it. On PostgreSQL, a
 * document's updates without its row of `doc_heads` were found by the scan, but the drop refused
 * them (exit 1): they are deleted as they are now, the document named as usual.
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
const NUMBER = 'Eva 850101-1236';
const SPAN = 2 ** 32;

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
  const code = await historyCommand(sub, args, flags, (fn) => fn(store), (l) => out.push(l), (l) => err.push(l));
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
      '1 key no document has holds a personnummer in update rows.',
    ]);

    expect(await history(store, 'drop', [], { key: '99', 'dry-run': true })).toMatchObject({ code: 0, out: ['key 99: would drop 2 update rows no document has (dry run, nothing written).'] });
    expect(rows()).toEqual([1, 98, 99, 99]);
    expect(await history(store, 'drop', [], { key: '99' })).toMatchObject({ code: 0, out: ['key 99: 2 update rows no document has dropped.'] });
    expect(rows()).toEqual([1, 98]);
    // Gone from the file's pages and its log, not only from the table.
    const bytes = Buffer.concat([readFileSync(file), readFileSync(`${file}-wal`)]).toString('latin1');
    expect(bytes).not.toContain('850101');
    expect(await history(store, 'scan', [])).toMatchObject({ code: 0 });

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
    await store.putDocRecord({ workspace: WS, doc: 'fresh', kind: 'activity-plan', title: 'Ny', ownerUnit: 'vc', createdAt: AT, updatedAt: AT });
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
    await store.putDocRecord({ workspace: WS, doc: 'fresh', kind: 'activity-plan', title: 'Ny', ownerUnit: 'vc', createdAt: AT, updatedAt: AT });
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

describe.skipIf(pg === null)('updates of a PostgreSQL document without a head', () => {
  it('are found by the scan and dropped by the document named, after which it takes edits again', async () => {
    const url = await (pg as NonNullable<typeof pg>).createDb('history_unnumbered');
    const store = stores.keep(await seeded(await openPostgresStorage(url)));
    const c = listenedClient({ connectionString: url });
    await c.connect();
    clients.push(c);
    await c.query('INSERT INTO update_log (workspace, doc, seq, at, member_id, data) VALUES ($1, $2, 1, $3, NULL, $4)', [WS, 'ghost', AT, Buffer.from(titled(NUMBER))]);
    const count = async (): Promise<number> => Number((await c.query("SELECT count(*) AS n FROM update_log WHERE doc = 'ghost'")).rows[0].n);

    const scan = await history(store, 'scan', [WS]);
    expect(scan.code).toBe(2);
    expect(scan.err[0]).toBe(
      `${WS}/ghost: a personnummer in its stored updates at update 1, which no last sequence number counts (the document has no head: left by a crash between two writes, or by an older Samplan); no server can store an edit of it while they stay. Remove them with samplan history drop ${WS}/ghost`,
    );
    expect(await history(store, 'drop', [`${WS}/ghost`], { 'dry-run': true })).toMatchObject({
      code: 0,
      out: [`${WS}/ghost: would drop 1 stored update no last sequence number counts (the document has no head) (dry run, nothing written). A personnummer was held at update 1.`],
    });
    expect(await count()).toBe(1);
    const drop = await history(store, 'drop', [`${WS}/ghost`]);
    expect(drop.code).toBe(0);
    expect(drop.out[0]).toBe(`${WS}/ghost: dropped 1 stored update no last sequence number counts (the document has no head). A personnummer was held at update 1.`);
    expect(await count()).toBe(0);
    expect(await history(store, 'scan', [WS])).toMatchObject({ code: 0 });
    // Given its record again, the document takes edits numbered from 1, where they met the rows left before.
    await store.putDocRecord({ workspace: WS, doc: 'ghost', kind: 'activity-plan', title: 'Ny', ownerUnit: 'vc', createdAt: AT, updatedAt: AT });
    expect(await store.appendUpdates({ workspace: WS, doc: 'ghost' }, [{ update: titled('Ny'), memberId: null }])).toBe(1);
  });
});
