/**
 * Edits the append journal holds back for one document the store refuses in words (its row of
 * `doc_keys` given another key by a hand), against everything else that meets the journal. The old
 * code refused the whole store's open when the journal left by a server held them (every document
 * unavailable until the key was back); refused every other store on the file while a server held
 * them (`pause`: a command's backup, an import); wrote a backup without them without a word; and left
 * a half-done rewrite's `<db>.journal.keep` on disk for good. Now the other documents' edits are
 * taken in and the held ones kept until the key is back, another store may open (the held edits
 * numbered on from what it stored), a backup says what it lacks, and the stray file is removed.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeBackup } from '../../../server/backup-target.js';
import { BackupWithoutHeldEditsError } from '../../../server/storage/backup-held.js';
import { DocKeyChangedError } from '../../../server/storage/keyless-history.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { encodeEntries, JOURNAL_MAGIC, readJournal } from '../../../server/storage/sqlite-journal-file.js';
import { tempStores } from '../../support/temp-stores.js';
import { keyByHand } from './by-hand.js';
import { bytes, edit, holdingJournal, other, ref } from './journal-holding.js';
import { made } from './made.js';

const stores = tempStores();

/** `ref` (edit 1, key 1) and `other` (edit 11, key 2) stored in a new file; the store closed. */
async function twoPlans(file: string): Promise<void> {
  const s = openSqliteStorage(file);
  try {
    await made(s, ref, other);
    await s.appendUpdates(ref, [edit(1)]);
    await s.appendUpdates(other, [edit(11)]);
  } finally {
    await s.close();
  }
}

/** A journal beside `file` as a server killed after journaling edit 2 of `ref` and 12 of `other` leaves it. */
function journalLeft(file: string): void {
  const batches = [
    { ...ref, firstSeq: 2, atMs: Date.parse('2026-03-01T10:00:00.000Z'), items: [{ memberId: 'anna', update: new Uint8Array([2]) }] },
    { ...other, firstSeq: 2, atMs: Date.parse('2026-03-01T10:00:00.000Z'), items: [{ memberId: 'anna', update: new Uint8Array([12]) }] },
  ];
  writeFileSync(`${file}.journal`, Buffer.concat([JOURNAL_MAGIC, encodeEntries(batches)]));
}

describe('a journal left holding the edits of a document whose key a hand changed', () => {
  it("opens the store, takes in the other documents' edits and holds that one's until its key is back", async () => {
    const file = stores.dbFile('journal-held-open');
    await twoPlans(file);
    journalLeft(file);
    keyByHand(file, ref, 9);

    // The old code refused the open itself with the document's refusal: no document could be served.
    const s = stores.keep(openSqliteStorage(file, { journal: true, journalFlushMs: 60_000 }));
    expect((await s.loadDoc(other)).updates).toEqual(bytes(11, 12));
    await expect(s.loadDoc(ref)).rejects.toBeInstanceOf(DocKeyChangedError);
    await expect(s.appendUpdates(ref, [edit(3)])).rejects.toMatchObject({ code: 'document-key-changed', from: 1, to: 9 });
    expect(readJournal(`${file}.journal`).batches.map((b) => [b.doc, b.firstSeq])).toEqual([[ref.doc, 2]]);

    keyByHand(file, ref, 1);
    expect(await s.appendUpdates(ref, [edit(3)])).toBe(3);
    expect((await s.loadDoc(ref)).updates).toEqual(bytes(1, 2, 3));
  });

  it('is removed with a half-done rewrite beside it (`.journal.keep`), whose entries the journal still holds', async () => {
    const file = stores.dbFile('journal-held-keep');
    await twoPlans(file);
    journalLeft(file);
    writeFileSync(`${file}.journal.keep`, Buffer.concat([JOURNAL_MAGIC, encodeEntries(readJournal(`${file}.journal`).batches.slice(0, 1))]));
    const s = stores.keep(openSqliteStorage(file, { journal: true }));
    expect(existsSync(`${file}.journal.keep`)).toBe(false);
    expect((await s.loadDoc(ref)).updates).toEqual(bytes(1, 2));
    expect((await s.loadDoc(other)).updates).toEqual(bytes(11, 12));
  });
});

describe('a server journal holding a refused document\u2019s edits', () => {
  it('writes a backup with everything else and says which edits it lacks', async () => {
    const file = stores.dbFile('journal-held-backup');
    const s = await holdingJournal(stores, file);
    const to = stores.dbFile('journal-held-backup-copy');
    // The old code wrote the backup without edit 2 and said nothing.
    const said = await s.backup(to).catch((err: unknown) => err);
    expect(said).toBeInstanceOf(BackupWithoutHeldEditsError);
    expect((said as BackupWithoutHeldEditsError).held).toEqual([{ ...ref, edits: 1 }]);
    expect((said as BackupWithoutHeldEditsError).sv).toMatch(/^Säkerhetskopian .* skrevs, men utan 1 ändring av hbi-stockholm\/plan-husby/);
    const copy = stores.keep(openSqliteStorage(to, { readonly: true }));
    expect((await copy.loadDoc(other)).updates).toEqual(bytes(11, 12));
    // `samplan backup`'s writer keeps the file it wrote and says the same, naming it.
    const target = stores.dbFile('journal-held-backup-target');
    await expect(writeBackup(s, target)).rejects.toMatchObject({ code: 'backup-without-held-edits', path: target });
    expect(existsSync(target)).toBe(true);
    // Once the key is back the held edit is stored, and a backup then holds it without a word.
    keyByHand(file, ref, 1);
    const again = stores.dbFile('journal-held-backup-again');
    await s.backup(again);
    const whole = stores.keep(openSqliteStorage(again, { readonly: true }));
    expect((await whole.loadDoc(ref)).updates).toEqual(bytes(1, 2));
  });

  it('lets another store open on the file, and stores the held edits after what that store wrote once the key is back', async () => {
    const file = stores.dbFile('journal-held-pause');
    const s = await holdingJournal(stores, file);
    // The old code refused this open with the held document's refusal (the owner would not pause).
    const guest = openSqliteStorage(file);
    try {
      expect(await guest.appendUpdates(other, [edit(13)])).toBe(3);
      await expect(guest.backup(stores.dbFile('journal-held-guest-copy'))).rejects.toBeInstanceOf(BackupWithoutHeldEditsError);
      keyByHand(file, ref, 1);
      // Stored by the other store under number 2, which the held edit was journaled as.
      expect(await guest.appendUpdates(ref, [edit(5)])).toBe(2);
    } finally {
      await guest.close();
    }
    // Numbered as journaled, the held edit was refused for good (`JournalNumberError`): it is numbered on instead.
    expect(await s.appendUpdates(ref, [edit(3)])).toBe(4);
    expect((await s.loadDoc(ref)).updates).toEqual(bytes(1, 5, 2, 3));
    expect((await s.loadDoc(other)).updates).toEqual(bytes(11, 12, 13));
  });
});
