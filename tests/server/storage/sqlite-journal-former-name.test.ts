/**
 * The journal under its former name. Before journals were named after the database's real path
 * (`journalPathOf`), a server started through a symbolic link journaled beside the link:
 * `link.db.journal`. After an upgrade, edits such a server journaled before it was killed must
 * still be taken in, not left unread beside the link.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { encodeEntries, formerJournalPathOf, JOURNAL_MAGIC, openJournalFile, type JournalBatch } from '../../../server/storage/sqlite-journal-file.js';
import { JournalGapError } from '../../../server/storage/sqlite-journal-recover.js';
import { JournalNotTakenInError } from '../../../server/storage/sqlite-journal-store.js';
import { made } from './made.js';

const ref = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
const edit = (n: number) => ({ update: new Uint8Array([n]), memberId: 'anna' });
const batch = (firstSeq: number, ...ns: number[]): JournalBatch => ({ ...ref, firstSeq, atMs: Date.now(), items: ns.map(edit) });

describe('a journal an older Samplan left under its former name (<link>.journal)', () => {
  let dir: string;
  let file: string;
  let link: string;
  let former: string;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-journal-former-'));
    file = path.join(dir, 'samplan.db');
    link = path.join(dir, 'link.db');
    fs.symlinkSync(file, link);
    former = `${link}.journal`;
    const s = openSqliteStorage(file);
    await made(s, ref);
    await s.appendUpdates(ref, [edit(1), edit(2)]);
    await s.close();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Journals `batches` at the former name as the older server's journal did (same file format), and leaves it as `kill -9` did: open, never flushed. */
  const leftByOlderServer = (...batches: JournalBatch[]): void => {
    const j = openJournalFile(former);
    j.append(encodeEntries(batches));
    j.close();
  };
  const stored = async (): Promise<number[]> => {
    const s = openSqliteStorage(file);
    try {
      return (await s.loadDoc(ref)).updates.map((u) => u[0] as number);
    } finally {
      await s.close();
    }
  };

  it('is the path beside the link, and none where the path names the file itself or a folder through a link', () => {
    expect(formerJournalPathOf(link)).toBe(former);
    expect(formerJournalPathOf(file)).toBeUndefined();
    const folderLink = path.join(os.tmpdir(), `samplan-journal-former-folder-${process.pid}`);
    fs.symlinkSync(dir, folderLink);
    try {
      // `<folder link>/samplan.db.journal` is the current journal file itself.
      expect(formerJournalPathOf(path.join(folderLink, 'samplan.db'))).toBeUndefined();
    } finally {
      fs.rmSync(folderLink);
    }
  });

  it('is taken in by the upgraded server started through the link, then removed', async () => {
    leftByOlderServer(batch(3, 3), batch(4, 4, 5));
    const s = openSqliteStorage(link, { journal: true, journalFlushMs: 60_000 });
    expect((await s.loadDoc(ref)).updates.map((u) => u[0])).toEqual([1, 2, 3, 4, 5]);
    expect(fs.existsSync(former)).toBe(false);
    // Numbering goes on after the edits taken in.
    expect(await s.appendUpdates(ref, [edit(6)])).toBe(6);
    await s.close();
    expect(await stored()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('is taken in by a command through the link (a store that does not journal), then removed', async () => {
    leftByOlderServer(batch(3, 3));
    const s = openSqliteStorage(link);
    expect((await s.loadDoc(ref)).updates.map((u) => u[0])).toEqual([1, 2, 3]);
    await s.close();
    expect(fs.existsSync(former)).toBe(false);
  });

  it('stops a read-only store through the link, naming the file, as a journal under its name does', () => {
    leftByOlderServer(batch(3, 3));
    expect(() => openSqliteStorage(link, { readonly: true })).toThrow(JournalNotTakenInError);
    expect(() => openSqliteStorage(link, { readonly: true })).toThrow(`${former} holds edits not yet taken into the database`);
  });

  it('is refused in words and kept as it was when it cannot be taken in (a gap)', async () => {
    leftByOlderServer(batch(7, 7));
    const left = fs.readFileSync(former);
    expect(() => openSqliteStorage(link, { journal: true })).toThrow(JournalGapError);
    expect(fs.readFileSync(former)).toEqual(left);
    expect(left.subarray(0, 4)).toEqual(JOURNAL_MAGIC);
    expect(await stored()).toEqual([1, 2]);
  });
});
