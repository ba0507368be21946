/**
 * A document of an SQLite store whose row of `doc_keys` a hand removed, its update rows left under
 * the key: it loaded without them (empty, or its snapshot without the edits after it), and its next
 * edit was given a new key, numbering its history apart from the rows no load read again. Rows
 * shown to be its own (a row at one of its checkpoints' numbers, of that checkpoint's time) are now
 * read as its history, said so, and the key stored again at its next write; rows that only may be
 * its own refuse its load and its append in words, naming the key and the two ways out, and
 * `samplan history scan` names every such key, a personnummer in it or not.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { historyCommand } from '../../../server/cli-history.js';
import { KeylessHistoryError } from '../../../server/storage/keyless-history.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { DocRef, Storage } from '../../../server/storage/storage.js';
import { tempStores } from '../../support/temp-stores.js';
import { byHand, keyByHand, keysIn, metaOf, rowsUnder, set } from './by-hand.js';
import { madeRecord } from './made.js';

const stores = tempStores();
const ref: DocRef = { workspace: 'hbi-stockholm', doc: 'plan-husby' };

/** A store on `file` with `ref` made (its record) and edited: title, year, (compacted at 2 when `compact`), unit. */
async function edited(file: string, compact: boolean): Promise<Y.Doc> {
  const s = openSqliteStorage(file);
  const doc = new Y.Doc();
  try {
    await s.putDocRecord(madeRecord(ref));
    await s.appendUpdates(ref, [{ update: set(doc, 'title', 'Husby'), memberId: 'anna' }, { update: set(doc, 'year', '2026'), memberId: 'anna' }]);
    if (compact) await s.compact(ref, Y.encodeStateAsUpdateV2(doc), 2);
    await s.appendUpdates(ref, [{ update: set(doc, 'unit', 'bvc'), memberId: 'anna' }]);
  } finally {
    await s.close();
  }
  const db = new Database(file);
  db.prepare('DELETE FROM doc_keys WHERE doc = ?').run(ref.doc);
  db.close();
  return doc;
}

/** `samplan history scan` of the whole `store`, in English. */
async function scan(store: Storage): Promise<{ code: number; err: string[] }> {
  const err: string[] = [];
  const code = await historyCommand('scan', [], { lang: 'en' }, (fn) => fn(store), () => undefined, (l) => err.push(l));
  return { code, err };
}

describe('an SQLite document whose row of doc_keys a hand removed', () => {
  it('reads the rows its checkpoint shows to be its own, says so, and stores their key again at its next edit', async () => {
    const file = stores.dbFile('lost-key');
    const doc = await edited(file, true);
    const s = stores.keep(openSqliteStorage(file));

    const loaded = await s.loadDoc(ref);
    expect([loaded.lastSeq, metaOf(loaded)]).toEqual([3, { title: 'Husby', year: '2026', unit: 'bvc' }]);
    expect(loaded.headRebuilt).toMatch(/^its row of doc_keys was gone: the update rows under key 1, whose update 2 has the time of its checkpoint 2, read as its own/);
    expect((await s.listUpdates(ref, 0, 10)).map((u) => u.seq)).toEqual([1, 2, 3]);
    expect(keysIn(file)).toEqual([]);

    expect(await s.appendUpdates(ref, [{ update: set(doc, 'title', 'Husby VC'), memberId: 'anna' }])).toBe(4);
    expect(keysIn(file)).toEqual([[1, ref.doc]]);
    const after = await s.loadDoc(ref);
    expect([after.lastSeq, metaOf(after), after.headRebuilt]).toEqual([4, { title: 'Husby VC', year: '2026', unit: 'bvc' }, undefined]);
    expect((await s.listUpdates(ref, 0, 10)).map((u) => u.seq)).toEqual([1, 2, 3, 4]);
  });

  it('refuses to load or edit one whose rows only may be its own, in words naming the key, writing nothing; the scan names the key', async () => {
    const file = stores.dbFile('lost-key-unproven');
    const doc = await edited(file, false);
    const s = stores.keep(openSqliteStorage(file));

    await expect(s.loadDoc(ref)).rejects.toBeInstanceOf(KeylessHistoryError);
    const refused = await s.appendUpdates(ref, [{ update: set(doc, 'title', 'Husby VC'), memberId: 'anna' }]).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(KeylessHistoryError);
    expect((refused as KeylessHistoryError).localized.en).toContain("has no key in doc_keys, but the file holds update rows under key 1 that no document has");
    expect((refused as KeylessHistoryError).localized.en).toContain("INSERT INTO doc_keys (id, workspace, doc) VALUES (1, 'hbi-stockholm', 'plan-husby');");
    expect((refused as KeylessHistoryError).localized.sv).toContain('samplan history drop --key 1');
    expect(keysIn(file)).toEqual([]);

    const scanned = await scan(s);
    expect(scanned.code).toBe(1);
    expect(scanned.err).toEqual([
      expect.stringMatching(/^The document hbi-stockholm\/plan-husby has no key in doc_keys, but the file holds update rows under key 1/),
      expect.stringMatching(/^key 1: 3 update rows under a key no document has \(no row of doc_keys\): no document reads them\. .* otherwise samplan history drop --key 1 removes them$/),
    ]);

    // Put back as the words say: read whole again.
    const db = new Database(file);
    db.prepare('INSERT INTO doc_keys (id, workspace, doc) VALUES (1, ?, ?)').run(ref.workspace, ref.doc);
    db.close();
    const again = stores.keep(openSqliteStorage(file));
    expect(metaOf(await again.loadDoc(ref))).toEqual({ title: 'Husby', year: '2026', unit: 'bvc' });
    expect(await again.appendUpdates(ref, [{ update: set(doc, 'title', 'Husby VC'), memberId: 'anna' }])).toBe(4);
  });

  it('gives a document made after such rows were written a new key: they cannot be its history', async () => {
    const file = stores.dbFile('lost-key-newer');
    await edited(file, false);
    const s = stores.keep(openSqliteStorage(file));
    const fresh = { workspace: ref.workspace, doc: 'plan-tensta' };
    await s.putDocRecord(madeRecord(fresh, new Date(Date.now() + 60_000).toISOString()));
    expect(await s.loadDoc(fresh)).toMatchObject({ snapshot: null, updates: [], lastSeq: 0 });
    expect(await s.appendUpdates(fresh, [{ update: set(new Y.Doc(), 'title', 'Tensta'), memberId: 'anna' }])).toBe(1);
    expect(keysIn(file)).toEqual([[2, 'plan-tensta']]);
  });
});

describe('an SQLite document whose row of doc_keys a hand removes under a process that remembers its key', () => {
  /** A store on `file` that made `ref` and stored its title and year (its key and last number remembered). */
  async function live(file: string): Promise<{ s: Storage; doc: Y.Doc }> {
    const s = stores.keep(openSqliteStorage(file));
    const doc = new Y.Doc();
    await s.putDocRecord(madeRecord(ref));
    await s.appendUpdates(ref, [{ update: set(doc, 'title', 'Husby'), memberId: 'anna' }]);
    await s.appendUpdates(ref, [{ update: set(doc, 'year', '2026'), memberId: 'anna' }]);
    return { s, doc };
  }

  it('refuses its next edits, one alone and several together, and its load, as a process opened after does: nothing is stored under the key no load reads', async () => {
    const file = stores.dbFile('lost-key-live');
    const { s, doc } = await live(file);
    byHand(file, 'DELETE FROM doc_keys WHERE doc = ?', ref.doc);

    // Another client's edits (its own doc), refused: the next edit of `doc` below needs none of them.
    const other = new Y.Doc();
    const one = await s.appendUpdates(ref, [{ update: set(other, 'unit', 'bvc'), memberId: 'anna' }]).catch((err: unknown) => err);
    expect(one).toBeInstanceOf(KeylessHistoryError);
    expect((one as KeylessHistoryError).keys).toEqual([1]);
    await expect(s.appendUpdates(ref, [{ update: set(other, 'unit', 'mvc'), memberId: 'anna' }, { update: set(other, 'title', 'Husby VC'), memberId: 'anna' }])).rejects.toBeInstanceOf(KeylessHistoryError);
    await expect(s.loadDoc(ref)).rejects.toBeInstanceOf(KeylessHistoryError);
    await expect(stores.keep(openSqliteStorage(file)).loadDoc(ref)).rejects.toBeInstanceOf(KeylessHistoryError);
    expect([rowsUnder(file, 1), keysIn(file)]).toEqual([2, []]);

    // Put back as the words say: the same process reads and writes it whole again.
    byHand(file, 'INSERT INTO doc_keys (id, workspace, doc) VALUES (1, ?, ?)', ref.workspace, ref.doc);
    expect(await s.appendUpdates(ref, [{ update: set(doc, 'unit', 'bvc'), memberId: 'anna' }])).toBe(3);
    expect(metaOf(await s.loadDoc(ref))).toEqual({ title: 'Husby', year: '2026', unit: 'bvc' });
  });

  it('stores the key again at its next edit when a checkpoint shows the rows to be its own', async () => {
    const file = stores.dbFile('lost-key-live-proven');
    const { s, doc } = await live(file);
    await s.compact(ref, Y.encodeStateAsUpdateV2(doc), 2);
    byHand(file, 'DELETE FROM doc_keys WHERE doc = ?', ref.doc);

    expect(await s.appendUpdates(ref, [{ update: set(doc, 'unit', 'bvc'), memberId: 'anna' }])).toBe(3);
    expect(keysIn(file)).toEqual([[1, ref.doc]]);
    const after = await stores.keep(openSqliteStorage(file)).loadDoc(ref);
    expect([after.lastSeq, metaOf(after)]).toEqual([3, { title: 'Husby', year: '2026', unit: 'bvc' }]);
  });

  it('refuses an edit once the document was given another key meanwhile, storing nothing under either', async () => {
    const file = stores.dbFile('lost-key-live-moved');
    const { s, doc } = await live(file);
    keyByHand(file, ref, 9);

    await expect(s.appendUpdates(ref, [{ update: set(doc, 'unit', 'bvc'), memberId: 'anna' }])).rejects.toMatchObject({ name: 'DocKeyChangedError', code: 'document-key-changed', from: 1, to: 9, keys: [1] });
    expect([rowsUnder(file, 1), rowsUnder(file, 9)]).toEqual([2, 0]);
  });

  it('with the edit journal, flushes no journaled edit under the key no load reads: it is kept in the journal and stored once the key is back', async () => {
    const file = stores.dbFile('lost-key-live-journal');
    const s = stores.keep(openSqliteStorage(file, { journal: true, journalFlushMs: 60_000 }));
    const doc = new Y.Doc();
    await s.putDocRecord(madeRecord(ref));
    await s.appendUpdates(ref, [{ update: set(doc, 'title', 'Husby'), memberId: 'anna' }]);
    expect(metaOf(await s.loadDoc(ref))).toEqual({ title: 'Husby' });
    byHand(file, 'DELETE FROM doc_keys WHERE doc = ?', ref.doc);

    // Journaled (the edit is kept in <db>.journal before anyone is sent it); its flush, before the load, is refused.
    expect(await s.appendUpdates(ref, [{ update: set(doc, 'year', '2026'), memberId: 'anna' }])).toBe(2);
    await expect(s.loadDoc(ref)).rejects.toBeInstanceOf(KeylessHistoryError);
    expect(rowsUnder(file, 1)).toBe(1);

    byHand(file, 'INSERT INTO doc_keys (id, workspace, doc) VALUES (1, ?, ?)', ref.workspace, ref.doc);
    expect(metaOf(await s.loadDoc(ref))).toEqual({ title: 'Husby', year: '2026' });
    expect(rowsUnder(file, 1)).toBe(2);
  });
});
