/**
 * The refusals of an SQLite store's edit journal (`<db>.journal`, `SAMPLAN_SQLITE_JOURNAL=on`)
 * reach a person on the command line (`samplan serve`, or any command on the file, takes a journal
 * in at its open) and were English only under the Swedish default. Each now carries its Swedish,
 * which the command's failure line picks by the CLI's language (`sentenceOf`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sentenceOf } from '../../../server/cli-lang.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { encodeEntries, JOURNAL_MAGIC, readJournal } from '../../../server/storage/sqlite-journal-file.js';
import { refuseLiveOwner } from '../../../server/storage/sqlite-journal-share.js';
import { made } from './made.js';

const ref = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
const edit = (n: number) => ({ update: new Uint8Array([n]), memberId: 'anna' });

/** What `fn` throws (it must throw). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('it did not throw');
}

describe('the edit journal refusals, in the language of the command line', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-journal-words-'));
    file = path.join(dir, 'samplan.db');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('says a journal with a gap, or one not this database\'s, in Swedish', async () => {
    const s = openSqliteStorage(file);
    await made(s, ref);
    await s.close();
    const journal = `${file}.journal`;
    fs.writeFileSync(journal, Buffer.concat([JOURNAL_MAGIC, encodeEntries([{ ...ref, firstSeq: 7, atMs: Date.now(), items: [edit(7)] }])]));
    const gap = thrown(() => openSqliteStorage(file, { journal: true }));
    expect(sentenceOf(gap, 'sv')).toBe(
      `${journal} har uppdatering 7 av hbi-stockholm/plan-husby, men databasens sista uppdatering av dokumentet är 0: uppdateringarna där emellan saknas, så journalen kan inte föras in. Inget ändrades; behåll filen och databasen tillsammans och be om hjälp innan du tar bort någon av dem.`,
    );
    expect(sentenceOf(gap, 'en')).toMatch(/holds update 7 of hbi-stockholm\/plan-husby, but the database's last update of it is 0/);
    fs.writeFileSync(journal, Buffer.concat([JOURNAL_MAGIC, encodeEntries([{ ...ref, doc: 'plan-okand', firstSeq: 1, atMs: Date.now(), items: [edit(1)] }])]));
    expect(sentenceOf(thrown(() => openSqliteStorage(file, { journal: true })), 'sv')).toMatch(/^.* har uppdatering 1 av hbi-stockholm\/plan-okand, men databasen har inget sådant dokument: journalen hör inte till den här databasen/);
  });

  it('says a file that is no journal in Swedish', () => {
    const journal = path.join(dir, 'samplan.db.journal');
    fs.writeFileSync(journal, 'inte en journal');
    expect(sentenceOf(thrown(() => readJournal(journal)), 'sv')).toBe(`${journal} är ingen Samplan-journal (den börjar inte med SPJ1): flytta undan den om den inte är en journal`);
  });

  it('says a second journal of a database in Swedish', async () => {
    const s = openSqliteStorage(file, { journal: true, journalFlushMs: 60_000 });
    try {
      const second = thrown(() => refuseLiveOwner(file));
      expect(second).toMatchObject({ code: 'journal-busy' });
      expect(sentenceOf(second, 'sv')).toMatch(/^Databasen .*samplan\.db har redan en journal i den här processen: stäng dess lagring först\.$/);
      expect(sentenceOf(second, 'en')).toMatch(/^The database .*samplan\.db already has a journal in this process: close its store first\.$/);
    } finally {
      await s.close();
    }
  });
});
