/**
 * A server killed while its journal held a refused document's edits (its row of `doc_keys` given
 * another key by a hand) after another store wrote that document, its key back: the journal
 * numbered the held edits as they were journaled, and the other store's rows took those numbers.
 * The recovery after the kill met rows with other bytes under them and refused the whole journal
 * as another database's (`JournalMismatchError`), every document's open with it, and had the held
 * edits been numbered on by the recovery itself, a flush that had stored them just before the kill
 * stored them twice. The held edits are now floating in the file: a recovery stores them after the
 * document's last row, or finds them stored, and nothing is lost or stored twice.
 *
 * A kill -9 leaves the files as they are at that instant: the test takes the database (a backup of
 * its committed state) and the journal file (its bytes) at the instant named, and opens them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { readJournal } from '../../../server/storage/sqlite-journal-file.js';
import type { Storage } from '../../../server/storage/storage.js';
import { tempStores } from '../../support/temp-stores.js';
import { keyByHand, rowsIn } from './by-hand.js';
import { bytes, edit, holdingJournal, other, ref } from './journal-holding.js';

const stores = tempStores();

/** {@link holdingJournal}, its journal holding edit 2 of `ref` alone. */
async function holding(file: string, alsoOther: boolean): Promise<Storage> {
  const s = await holdingJournal(stores, file, alsoOther);
  expect(readJournal(`${file}.journal`).batches.map((b) => [b.doc, b.firstSeq])).toEqual([[ref.doc, 2]]);
  return s;
}

/** The files a kill -9 leaves: the database's committed state now, and beside it `journal` (the journal's bytes). */
async function killedWith(file: string, journal: Buffer, name: string): Promise<string> {
  const to = stores.dbFile(name);
  const db = new Database(file, { readonly: true });
  try {
    await db.backup(to);
  } finally {
    db.close();
  }
  writeFileSync(`${to}.journal`, journal);
  return to;
}

describe('a server killed while its journal holds a refused document\u2019s edits that another store numbered over', () => {
  it('is taken in at the next open after the rows that store wrote, not refused as another database\u2019s journal', async () => {
    const file = stores.dbFile('held-crash-guest');
    await holding(file, false);
    const guest = openSqliteStorage(file);
    try {
      keyByHand(file, ref, 1);
      // Stored under number 2, which the held edit was journaled as.
      expect(await guest.appendUpdates(ref, [edit(5)])).toBe(2);
      // The server is killed here, paused, the held edit not stored.
      const image = await killedWith(file, readFileSync(`${file}.journal`), 'held-crash-guest-image');
      // The old code refused this open: "stores another update under that number" (JournalMismatchError).
      const after = stores.keep(openSqliteStorage(image, { journal: true }));
      expect((await after.loadDoc(ref)).updates).toEqual(bytes(1, 5, 2));
      expect((await after.loadDoc(other)).updates).toEqual(bytes(11));
      expect(rowsIn(image)).toEqual([[1, 1, 1], [1, 2, 5], [1, 3, 2], [2, 1, 11]]);
    } finally {
      await guest.close();
    }
  });

  it('is not stored twice when the server stored it numbered on and was killed before it emptied the journal', async () => {
    const file = stores.dbFile('held-crash-flush');
    const s = await holding(file, true);
    const guest = openSqliteStorage(file);
    keyByHand(file, ref, 1);
    expect(await guest.appendUpdates(ref, [edit(5)])).toBe(2);
    const journal = readFileSync(`${file}.journal`);
    // Its close resumes the server, whose flush stores the held edit as 3 and then empties the journal.
    await guest.close();
    expect(rowsIn(file)).toEqual([[1, 1, 1], [1, 2, 5], [1, 3, 2], [2, 1, 11], [2, 2, 12]]);
    // Killed between that flush's COMMIT and its truncation: the database has the edit, the journal still holds it.
    const image = await killedWith(file, journal, 'held-crash-flush-image');
    // The old code refused this open as the other case; stored again after its rows, it would be there twice.
    const after = stores.keep(openSqliteStorage(image, { journal: true }));
    expect((await after.loadDoc(ref)).updates).toEqual(bytes(1, 5, 2));
    expect(rowsIn(image)).toEqual([[1, 1, 1], [1, 2, 5], [1, 3, 2], [2, 1, 11], [2, 2, 12]]);
    expect(await s.appendUpdates(ref, [edit(3)])).toBe(4);
  });

  it('is refused again, kept floating, by a recovery while the key is still changed', async () => {
    const file = stores.dbFile('held-crash-still');
    await holding(file, false);
    const image = await killedWith(file, readFileSync(`${file}.journal`), 'held-crash-still-image');
    // The server itself, closed after the test, stores its held edit once its own file has the key back.
    keyByHand(file, ref, 1);
    const after = stores.keep(openSqliteStorage(image, { journal: true, journalFlushMs: 60_000 }));
    await expect(after.loadDoc(ref)).rejects.toMatchObject({ code: 'document-key-changed', from: 1, to: 9 });
    expect(readJournal(`${image}.journal`).batches.map((b) => [b.doc, b.firstSeq, b.floating])).toEqual([[ref.doc, 2, true]]);
    keyByHand(image, ref, 1);
    expect(await after.appendUpdates(ref, [edit(3)])).toBe(3);
    expect((await after.loadDoc(ref)).updates).toEqual(bytes(1, 2, 3));
  });
});
