/**
 * A document of an SQLite store whose row of `doc_keys` a hand gives another key while a process
 * writes under the one it remembers: its history stays under the old key, which no document has
 * then. The edit was refused with a bare English Error (a 1011 on the socket, a 500 over HTTP), and
 * the load that followed read the document through the new key, without the rows under the old one.
 * Both are now refused in words, in Swedish and English, naming both keys and how to put the key
 * back (code `document-key-changed`); nothing is written, and once the row names the old key again
 * the same process reads and writes the document whole. A process started after the change knew no
 * old key: it read the document through the new one, its rows under the old key missing without a
 * word; it now refuses it in the same words when rows under a key no document has are shown to be
 * its own (a row at its newest checkpoint's number, of that checkpoint's time).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocKeyChangedError, docKeyChangedWords, KeylessHistoryError } from '../../../server/storage/keyless-history.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { DocRef } from '../../../server/storage/storage.js';
import { tempStores } from '../../support/temp-stores.js';
import { keyByHand, metaOf, rowsUnder, set } from './by-hand.js';
import { madeRecord } from './made.js';

const stores = tempStores();
const ref: DocRef = { workspace: 'hbi-stockholm', doc: 'plan-husby' };

describe('an SQLite document whose row of doc_keys a hand gives another key under a process that remembers its key', () => {
  it('refuses the edit and every later load and edit in words naming both keys, storing nothing, until the key is back', async () => {
    const file = stores.dbFile('key-changed');
    const s = stores.keep(openSqliteStorage(file));
    const doc = new Y.Doc();
    await s.putDocRecord(madeRecord(ref));
    await s.appendUpdates(ref, [{ update: set(doc, 'title', 'Husby'), memberId: 'anna' }]);
    await s.appendUpdates(ref, [{ update: set(doc, 'year', '2026'), memberId: 'anna' }]);
    keyByHand(file, ref, 9);

    const edit = set(doc, 'unit', 'bvc');
    const refused = await s.appendUpdates(ref, [{ update: edit, memberId: 'anna' }]).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DocKeyChangedError);
    // Said as a document without its key is (4409 on the socket, 409 over HTTP), naming the key its history is under.
    expect(refused).toBeInstanceOf(KeylessHistoryError);
    const err = refused as DocKeyChangedError;
    expect([err.code, err.from, err.to, err.keys]).toEqual(['document-key-changed', 1, 9, [1]]);
    expect(err.localized.sv).toBe(
      "Dokumentet hbi-stockholm/plan-husby har fått en annan nyckel i doc_keys (9 i stället för 1) medan servern skrev under 1: raden ändrades för hand eller av ett verktyg. Dess historik finns kvar under nyckel 1, som nu inget dokument har. Ändringen sparades inte, och dokumentet läses inte förrän nyckeln är tillbaka, så att ingen historik döljs eller numreras skild från den. Lägg tillbaka nyckeln med sqlite3 när servern är stoppad: UPDATE doc_keys SET id = 1 WHERE workspace = 'hbi-stockholm' AND doc = 'plan-husby';",
    );
    expect(err.message).toBe(err.localized.en);
    expect(err.message).toMatch(/^The document hbi-stockholm\/plan-husby was given another key in doc_keys \(9 instead of 1\)/);

    // The old code read the document through key 9 here: its title and year, under key 1, missing without a word.
    await expect(s.loadDoc(ref)).rejects.toBeInstanceOf(DocKeyChangedError);
    await expect(s.appendUpdates(ref, [{ update: edit, memberId: 'anna' }])).rejects.toBeInstanceOf(DocKeyChangedError);
    expect([rowsUnder(file, 1), rowsUnder(file, 9)]).toEqual([2, 0]);

    // Put back as the words say: the same process reads and writes it whole, the refused edit sent again stored after the others.
    keyByHand(file, ref, 1);
    expect(await s.appendUpdates(ref, [{ update: edit, memberId: 'anna' }])).toBe(3);
    expect(metaOf(await s.loadDoc(ref))).toEqual({ title: 'Husby', year: '2026', unit: 'bvc' });
    expect([rowsUnder(file, 1), rowsUnder(file, 9)]).toEqual([3, 0]);
  });

  it('refuses a load of a room that was unloaded meanwhile: the key it remembers is found changed, not read through the new one', async () => {
    const file = stores.dbFile('key-changed-load');
    const s = stores.keep(openSqliteStorage(file));
    const doc = new Y.Doc();
    await s.putDocRecord(madeRecord(ref));
    await s.appendUpdates(ref, [{ update: set(doc, 'title', 'Husby'), memberId: 'anna' }]);
    expect(metaOf(await s.loadDoc(ref))).toEqual({ title: 'Husby' });
    keyByHand(file, ref, 9);

    await expect(s.loadDoc(ref)).rejects.toMatchObject({ code: 'document-key-changed', from: 1, to: 9 });
    keyByHand(file, ref, 1);
    expect(metaOf(await s.loadDoc(ref))).toEqual({ title: 'Husby' });
  });
});

describe('an SQLite document whose row of doc_keys a hand gave another key before the store was opened', () => {
  /** `ref` in a new file: title and year, compacted at 2 (a checkpoint), then unit; the store closed. */
  async function compactedThenEdited(file: string, clock?: { now: Date; later: Date }): Promise<Y.Doc> {
    const doc = new Y.Doc();
    const s = openSqliteStorage(file, clock ? { clock: () => clock.now } : {});
    try {
      await s.putDocRecord(madeRecord(ref));
      await s.appendUpdates(ref, [{ update: set(doc, 'title', 'Husby'), memberId: 'anna' }, { update: set(doc, 'year', '2026'), memberId: 'anna' }]);
      if (clock) clock.now = clock.later;
      await s.compact(ref, Y.encodeStateAsUpdateV2(doc), 2);
      await s.appendUpdates(ref, [{ update: set(doc, 'unit', 'bvc'), memberId: 'anna' }]);
    } finally {
      await s.close();
    }
    return doc;
  }

  it('is refused by a store opened after the change in the words a store that wrote under the old key says, storing nothing, until the key is back', async () => {
    const file = stores.dbFile('key-changed-fresh');
    const doc = await compactedThenEdited(file);
    keyByHand(file, ref, 9);

    const s = stores.keep(openSqliteStorage(file));
    // The old code read it through key 9: the snapshot's title and year, the unit after it (under key 1) missing without a word.
    const refused = await s.loadDoc(ref).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DocKeyChangedError);
    const err = refused as DocKeyChangedError;
    expect([err.code, err.from, err.to, err.keys]).toEqual(['document-key-changed', 1, 9, [1]]);
    expect(err.localized).toEqual(docKeyChangedWords(ref.workspace, ref.doc, 1, 9));
    expect(err.message).toBe(err.localized.en);
    const edit = set(doc, 'place', 'Husby torg');
    await expect(s.appendUpdates(ref, [{ update: edit, memberId: 'anna' }])).rejects.toMatchObject({ code: 'document-key-changed', from: 1, to: 9 });
    await expect(s.loadDoc(ref)).rejects.toBeInstanceOf(DocKeyChangedError);
    expect([rowsUnder(file, 1), rowsUnder(file, 9)]).toEqual([3, 0]);

    // Put back as the words say: the same store reads and writes it whole, and so does one opened after.
    keyByHand(file, ref, 1);
    expect(await s.appendUpdates(ref, [{ update: edit, memberId: 'anna' }])).toBe(4);
    expect(metaOf(await s.loadDoc(ref))).toEqual({ title: 'Husby', year: '2026', unit: 'bvc', place: 'Husby torg' });
    const after = stores.keep(openSqliteStorage(file));
    expect(metaOf(await after.loadDoc(ref))).toEqual({ title: 'Husby', year: '2026', unit: 'bvc', place: 'Husby torg' });
  });

  it('reads whole, opened afresh, a document whose rows up to its newest checkpoint compaction pruned', async () => {
    const file = stores.dbFile('key-pruned-fresh');
    // Compacted 60 days after its first edits: older than the 30 days every change is kept, so rows 1 and 2 are pruned.
    await compactedThenEdited(file, { now: new Date('2026-01-01T00:00:00.000Z'), later: new Date('2026-03-02T00:00:00.000Z') });
    expect(rowsUnder(file, 1)).toBe(1);
    const s = stores.keep(openSqliteStorage(file));
    expect(metaOf(await s.loadDoc(ref))).toEqual({ title: 'Husby', year: '2026', unit: 'bvc' });
  });
});
