/**
 * The append journal's flush refused for one document (its row of `doc_keys` given another key by a
 * hand while the server journaled its edits): the flush took every document's batches in one
 * transaction, so the refusal rolled back the others' too, kept failing at every tick, and every
 * later edit and load of every document was refused with it. Now the other documents' batches are
 * stored, that one's stay in the journal (nothing of it lost), its next edit is refused in words,
 * and once its key is back its batches are stored in order.
 */
import { describe, expect, it } from 'vitest';
import { DocKeyChangedError } from '../../../server/storage/keyless-history.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { readJournal } from '../../../server/storage/sqlite-journal-file.js';
import { tempStores } from '../../support/temp-stores.js';
import { keyByHand, rowsIn } from './by-hand.js';
import { edit, holdingJournal, other, ref } from './journal-holding.js';
import { made } from './made.js';

const stores = tempStores();

describe("the append journal's flush refused for one document", () => {
  it("stores the other documents' edits, keeps that one's in the journal and refuses its next edit in words, until its key is back", async () => {
    const file = stores.dbFile('journal-refused-doc');
    const s = stores.keep(openSqliteStorage(file, { journal: true, journalFlushMs: 60_000 }));
    await made(s, ref, other);
    await s.appendUpdates(ref, [edit(1)]);
    await s.appendUpdates(other, [edit(11)]);
    // A load flushes first: both documents get their keys, 1 and 2.
    await s.loadDoc(other);
    expect(rowsIn(file)).toEqual([[1, 1, 1], [2, 1, 11]]);

    keyByHand(file, ref, 9);
    expect(await s.appendUpdates(ref, [edit(2)])).toBe(2);
    expect(await s.appendUpdates(other, [edit(12)])).toBe(2);

    // The old code refused this load (its flush, of both documents, rolled back) and every edit after it.
    expect((await s.loadDoc(other)).updates).toEqual([new Uint8Array([11]), new Uint8Array([12])]);
    expect(rowsIn(file)).toEqual([[1, 1, 1], [2, 1, 11], [2, 2, 12]]);
    // The refused edit stays in the journal, alone: taken in at the next open if this process dies.
    expect(readJournal(`${file}.journal`).batches.map((b) => [b.doc, b.firstSeq])).toEqual([[ref.doc, 2]]);
    expect(await s.appendUpdates(other, [edit(13)])).toBe(3);

    const refused = await s.appendUpdates(ref, [edit(3)]).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DocKeyChangedError);
    expect(refused).toMatchObject({ code: 'document-key-changed', from: 1, to: 9 });
    expect((refused as DocKeyChangedError).localized.sv).toMatch(/^Dokumentet hbi-stockholm\/plan-husby har fått en annan nyckel i doc_keys \(9 i stället för 1\)/);
    await expect(s.loadDoc(ref)).rejects.toBeInstanceOf(DocKeyChangedError);

    // Put back as the words say: the kept edit is stored first, the next after it, nothing lost or numbered apart.
    keyByHand(file, ref, 1);
    expect(await s.appendUpdates(ref, [edit(3)])).toBe(3);
    expect((await s.loadDoc(ref)).updates).toEqual([1, 2, 3].map((n) => new Uint8Array([n])));
    expect(rowsIn(file)).toEqual([[1, 1, 1], [1, 2, 2], [1, 3, 3], [2, 1, 11], [2, 2, 12], [2, 3, 13]]);
  });

  it('keeps the refused edits in the journal at close, for the next open to take in once the key is back', async () => {
    const file = stores.dbFile('journal-refused-close');
    const s = await holdingJournal(stores, file);
    await expect(s.close()).rejects.toBeInstanceOf(DocKeyChangedError);
    expect(readJournal(`${file}.journal`).batches.map((b) => [b.doc, b.firstSeq])).toEqual([[ref.doc, 2]]);
    expect(rowsIn(file)).toEqual([[1, 1, 1], [2, 1, 11], [2, 2, 12]]);

    keyByHand(file, ref, 1);
    const after = stores.keep(openSqliteStorage(file, { journal: true }));
    expect((await after.loadDoc(ref)).updates).toEqual([new Uint8Array([1]), new Uint8Array([2])]);
  });
});
