/**
 * A read-only store (`samplan export`, `report`, `backup`) on a database whose journal holds one
 * document's edits back (its row of `doc_keys` given another key by a hand). With the server gone,
 * the old code refused the open itself, saying to run any samplan command to take the edits in,
 * which no command could while the key stayed changed, so no document could be read; with the
 * server running, it read the document without the held edits once its key was back, and wrote a
 * backup without them, without a word. Now the other documents are read, the held one is refused
 * in words saying why and when its edits are written in, and a backup says what it lacks.
 */
import { describe, expect, it } from 'vitest';
import { BackupWithoutHeldEditsError, HeldEditsNotReadError } from '../../../server/storage/backup-held.js';
import { DocKeyChangedError } from '../../../server/storage/keyless-history.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { readBesideJournal } from '../../../server/storage/sqlite-journal-store.js';
import { tempStores } from '../../support/temp-stores.js';
import { keyByHand } from './by-hand.js';
import { bytes, edit, holdingJournal, other, ref } from './journal-holding.js';

const stores = tempStores();

describe('a read-only store beside a journal holding a refused document\u2019s edits', () => {
  it('with the server gone, reads the other documents and refuses that one in words until its edits are taken in', async () => {
    const file = stores.dbFile('held-readonly-gone');
    const s = await holdingJournal(stores, file);
    // A server's stop keeps the held edits in the journal for the next open.
    await expect(s.close()).rejects.toBeInstanceOf(DocKeyChangedError);

    // The old code refused this open: "Run any samplan command on the database … to take them in".
    const r = stores.keep(openSqliteStorage(file, { readonly: true }));
    expect((await r.loadDoc(other)).updates).toEqual(bytes(11, 12));
    await expect(r.loadDoc(ref)).rejects.toMatchObject({ code: 'document-key-changed', from: 1, to: 9 });
    keyByHand(file, ref, 1);
    const refused = await r.loadDoc(ref).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(HeldEditsNotReadError);
    expect((refused as HeldEditsNotReadError).message).toBe(
      `${file}.journal holds 1 edit of hbi-stockholm/plan-husby that the database does not have yet: they were held back while the document's key in doc_keys was gone or changed by a hand. A read-only command does not read the document without them. Once its key is back, a running server writes them in as soon as this command ends; with none running, start the server (samplan serve), which writes them in as it starts. Then try again.`,
    );
    expect((refused as HeldEditsNotReadError).sv).toMatch(/^.*\.journal har 1 ändring av hbi-stockholm\/plan-husby som databasen ännu inte har/);
    await expect(r.listUpdates(ref, 0, 10)).rejects.toBeInstanceOf(HeldEditsNotReadError);
    await expect(r.backup(stores.dbFile('held-readonly-gone-copy'))).rejects.toBeInstanceOf(BackupWithoutHeldEditsError);
    // `samplan migrate` copies the tables whole, so it is refused in the same words.
    expect(() => readBesideJournal(file, true)).toThrow(HeldEditsNotReadError);

    // As the words say: the server's start writes them in, and the document is read whole.
    await openSqliteStorage(file, { journal: true }).close();
    const after = stores.keep(openSqliteStorage(file, { readonly: true }));
    expect((await after.loadDoc(ref)).updates).toEqual(bytes(1, 2));
  });

  it('with the server running, refuses that document rather than read it without the held edits, and a backup says what it lacks', async () => {
    const file = stores.dbFile('held-readonly-live');
    const s = await holdingJournal(stores, file);
    const r = openSqliteStorage(file, { readonly: true });
    try {
      keyByHand(file, ref, 1);
      // The old code answered edit 1 alone, without a word.
      await expect(r.loadDoc(ref)).rejects.toBeInstanceOf(HeldEditsNotReadError);
      expect((await r.loadDoc(other)).updates).toEqual(bytes(11, 12));
      // The old code wrote the backup without edit 2 and said nothing.
      const said = await r.backup(stores.dbFile('held-readonly-live-copy')).catch((err: unknown) => err);
      expect(said).toBeInstanceOf(BackupWithoutHeldEditsError);
      expect((said as BackupWithoutHeldEditsError).held).toEqual([{ ...ref, edits: 1 }]);
    } finally {
      await r.close();
    }
    // Its close resumes the server, which stores the held edits now that the key is back.
    expect((await s.loadDoc(ref)).updates).toEqual(bytes(1, 2));
    expect(await s.appendUpdates(ref, [edit(3)])).toBe(3);
  });
});
