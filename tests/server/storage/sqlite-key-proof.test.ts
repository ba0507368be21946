/**
 * An SQLite document whose rows its row of `doc_keys` no longer names, met by a store that cannot
 * remember the old key: a store opened after a hand changed the key of a document never compacted
 * (no checkpoint to show whose rows are whose), or swapped two documents' keys, and a store whose
 * write transaction gave a key and rolled back. The old code read the first through its new, empty
 * key (the document empty without a word), the second through the other document's rows, and in the
 * third listed, compacted or deleted another document's rows under the key it remembered. Each is
 * now refused in words (`document-key-changed`, as a key changed under a running process) or read
 * through its own key, and nothing of either document is lost.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocKeyChangedError } from '../../../server/storage/keyless-history.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { DocRef } from '../../../server/storage/storage.js';
import { DocRecordGoneError } from '../../../server/storage/storage-records.js';
import { tempStores } from '../../support/temp-stores.js';
import { byHand, byHandTogether, keyByHand, metaOf, rowsUnder, set } from './by-hand.js';
import { madeRecord } from './made.js';

const stores = tempStores();
const husby: DocRef = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
const rinkeby: DocRef = { workspace: 'hbi-stockholm', doc: 'plan-rinkeby' };
/** The statements a hand swaps the keys of `husby` (1) and `rinkeby` (2) with, and swaps them back with. */
const SWAP = ["UPDATE doc_keys SET id = 99 WHERE doc = 'plan-husby'", "UPDATE doc_keys SET id = 1 WHERE doc = 'plan-rinkeby'", "UPDATE doc_keys SET id = 2 WHERE doc = 'plan-husby'"];
const SWAP_BACK = ["UPDATE doc_keys SET id = 99 WHERE doc = 'plan-husby'", "UPDATE doc_keys SET id = 2 WHERE doc = 'plan-rinkeby'", "UPDATE doc_keys SET id = 1 WHERE doc = 'plan-husby'"];

/**
 * `husby` (title, year: key 1) and `rinkeby` (title, year: key 2) in a new file, each edit a second
 * after the one before, compacted at their last update when `compacted`; the store closed.
 */
async function twoPlans(file: string, compacted: boolean): Promise<void> {
  let ms = Date.parse('2026-01-01T00:00:00.000Z');
  const s = openSqliteStorage(file, { clock: () => new Date((ms += 1000)) });
  try {
    const [h, r] = [new Y.Doc(), new Y.Doc()];
    await s.putDocRecord(madeRecord(husby));
    await s.putDocRecord(madeRecord(rinkeby));
    await s.appendUpdates(husby, [{ update: set(h, 'title', 'Husby'), memberId: 'anna' }]);
    await s.appendUpdates(rinkeby, [{ update: set(r, 'title', 'Rinkeby'), memberId: 'anna' }]);
    await s.appendUpdates(husby, [{ update: set(h, 'year', '2026'), memberId: 'anna' }]);
    await s.appendUpdates(rinkeby, [{ update: set(r, 'year', '2025'), memberId: 'anna' }]);
    if (compacted) {
      await s.compact(husby, Y.encodeStateAsUpdateV2(h), 2);
      await s.compact(rinkeby, Y.encodeStateAsUpdateV2(r), 2);
    }
  } finally {
    await s.close();
  }
}

describe('an SQLite document never compacted whose key a hand changed before the store was opened', () => {
  it('is refused in words naming its old key, not read empty, and read whole once the key is back', async () => {
    const file = stores.dbFile('key-proof-uncompacted');
    await twoPlans(file, false);
    keyByHand(file, husby, 9);

    const s = stores.keep(openSqliteStorage(file));
    // The old code loaded it through key 9: no title, no year, without a word.
    const refused = await s.loadDoc(husby).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DocKeyChangedError);
    expect(refused).toMatchObject({ code: 'document-key-changed', from: 1, to: 9 });
    await expect(s.appendUpdates(husby, [{ update: set(new Y.Doc(), 'unit', 'bvc'), memberId: 'anna' }])).rejects.toBeInstanceOf(DocKeyChangedError);
    expect([rowsUnder(file, 1), rowsUnder(file, 9)]).toEqual([2, 0]);
    // The other plan is read as before.
    expect(metaOf(await s.loadDoc(rinkeby))).toEqual({ title: 'Rinkeby', year: '2025' });

    keyByHand(file, husby, 1);
    expect(metaOf(await s.loadDoc(husby))).toEqual({ title: 'Husby', year: '2026' });
  });
});

describe('two SQLite documents whose keys a hand swapped before the store was opened', () => {
  it('are refused in words, each naming the key its rows are under, not read through each other\u2019s rows', async () => {
    const file = stores.dbFile('key-proof-swapped');
    await twoPlans(file, true);
    byHandTogether(file, ...SWAP);

    const s = stores.keep(openSqliteStorage(file));
    // The old code loaded Husby through Rinkeby's rows (its snapshot and Rinkeby's title after it) without a word.
    await expect(s.loadDoc(husby)).rejects.toMatchObject({ code: 'document-key-changed', from: 1, to: 2 });
    const refused = await s.loadDoc(rinkeby).catch((err: unknown) => err);
    expect(refused).toMatchObject({ code: 'document-key-changed', from: 2, to: 1, holder: husby });
    // Said as a swap, with the statements that swap the keys back (not "no document has it now").
    expect((refused as DocKeyChangedError).localized.sv).toMatch(/^Dokumentet hbi-stockholm\/plan-rinkeby har fått en annan nyckel i doc_keys \(1 i stället för 2\), och dess nyckel 2 har getts till hbi-stockholm\/plan-husby/);
    expect((refused as DocKeyChangedError).message).toMatch(/Swap the keys back with sqlite3 while the server is stopped: BEGIN; .*COMMIT;$/);
    await expect(s.appendUpdates(husby, [{ update: set(new Y.Doc(), 'unit', 'bvc'), memberId: 'anna' }])).rejects.toBeInstanceOf(DocKeyChangedError);
    expect([rowsUnder(file, 1), rowsUnder(file, 2)]).toEqual([2, 2]);

    byHandTogether(file, ...SWAP_BACK);
    expect(metaOf(await s.loadDoc(husby))).toEqual({ title: 'Husby', year: '2026' });
    expect(metaOf(await s.loadDoc(rinkeby))).toEqual({ title: 'Rinkeby', year: '2025' });
  });
});

describe('two SQLite documents never compacted whose keys a hand swapped', () => {
  /** Refused both ways as a swap, nothing written, and read whole once swapped back. */
  async function refusedAsSwap(file: string): Promise<void> {
    const s = stores.keep(openSqliteStorage(file));
    // The old code loaded Husby with Rinkeby's title and year and Rinkeby with Husby's, without a word: no checkpoint showed whose rows were whose.
    await expect(s.loadDoc(husby)).rejects.toMatchObject({ code: 'document-key-changed', from: 1, to: 2, holder: rinkeby });
    const refused = await s.loadDoc(rinkeby).catch((err: unknown) => err);
    expect(refused).toMatchObject({ code: 'document-key-changed', from: 2, to: 1, holder: husby });
    expect((refused as DocKeyChangedError).message).toMatch(/the keys swapped\). .*Swap the keys back with sqlite3 while the server is stopped: BEGIN; .*COMMIT;$/);
    await expect(s.appendUpdates(husby, [{ update: set(new Y.Doc(), 'unit', 'bvc'), memberId: 'anna' }])).rejects.toBeInstanceOf(DocKeyChangedError);
    expect([rowsUnder(file, 1), rowsUnder(file, 2)]).toEqual([2, 2]);

    byHandTogether(file, ...SWAP_BACK);
    expect(metaOf(await s.loadDoc(husby))).toEqual({ title: 'Husby', year: '2026' });
    expect(metaOf(await s.loadDoc(rinkeby))).toEqual({ title: 'Rinkeby', year: '2025' });
  }

  it('are refused in words as a swap, each naming the key its rows are under, not read through each other\u2019s rows', async () => {
    const file = stores.dbFile('key-proof-swapped-uncompacted');
    await twoPlans(file, false);
    byHandTogether(file, ...SWAP);
    await refusedAsSwap(file);
  });

  it('are refused so in a file whose keys were given before schema version 17, swapped after its upgrade', async () => {
    const file = stores.dbFile('key-proof-swapped-upgraded');
    await twoPlans(file, false);
    byHandTogether(file, 'DROP TRIGGER doc_key_owner', 'DROP TABLE doc_key_owners');
    byHand(file, 'PRAGMA user_version = 16');
    // Upgraded: each key's document as doc_keys names it then.
    await openSqliteStorage(file).close();
    byHandTogether(file, ...SWAP);
    await refusedAsSwap(file);
  });
});

describe('an SQLite key given inside a write transaction that rolls back', () => {
  it('is not remembered: the document another write gives that number keeps its rows, and the first reads none of them', async () => {
    const file = stores.dbFile('key-proof-rollback');
    const s = stores.keep(openSqliteStorage(file));
    await s.putDocRecord(madeRecord(husby));
    await s.putDocRecord(madeRecord(rinkeby));
    const appendMany = s.appendMany as NonNullable<typeof s.appendMany>;
    const h = new Y.Doc();
    // Husby twice in one group commit (given its key, then read again in the same transaction), then a document without a record: all rolled back.
    const gone = { workspace: 'hbi-stockholm', doc: 'plan-borttagen' };
    await expect(
      appendMany([
        { ref: husby, updates: [{ update: set(h, 'title', 'Husby'), memberId: 'anna' }] },
        { ref: husby, updates: [{ update: set(h, 'year', '2026'), memberId: 'anna' }] },
        { ref: gone, updates: [{ update: set(new Y.Doc(), 'title', 'x'), memberId: 'anna' }] },
      ]),
    ).rejects.toBeInstanceOf(DocRecordGoneError);
    // Rinkeby is given the number the rollback took back.
    const r = new Y.Doc();
    await s.appendUpdates(rinkeby, [{ update: set(r, 'title', 'Rinkeby'), memberId: 'anna' }, { update: set(r, 'year', '2025'), memberId: 'anna' }]);
    expect(rowsUnder(file, 1)).toBe(2);

    // The old code remembered key 1 as Husby's: it listed Rinkeby's history as Husby's and its deletion of Husby removed Rinkeby's rows.
    expect(await s.listUpdates(husby, 0, 10)).toEqual([]);
    expect([...(await s.lastSeqs(husby.workspace, [husby.doc])).values()]).toEqual([0]);
    await s.deleteDoc(husby);
    expect(rowsUnder(file, 1)).toBe(2);
    expect(metaOf(await s.loadDoc(rinkeby))).toEqual({ title: 'Rinkeby', year: '2025' });
  });
});
