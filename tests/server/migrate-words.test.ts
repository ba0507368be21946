/**
 * What `samplan migrate` says is said in the CLI's language (`messageLang`): its progress lines,
 * the table of counts' marker, what differs, and its refusals (a source of another schema version,
 * a journal not taken in, a hard-linked file, a target that holds data, a column of a newer
 * Samplan) were English under the Swedish default. Names, paths and numbers are as typed.
 */
import { linkSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sentenceOf } from '../../server/cli-lang.js';
import { checkingEarlierWords, copiedWords, MISMATCH, mismatchWords, newerColumnWords, notACopyWords, rowsDifferWords, scannedWords, upgradedCopyWords, verifiedWords } from '../../server/migrate-words.js';
import { HardLinkedDatabaseError, lockDatabase } from '../../server/storage/db-lock.js';
import { JournalNotTakenInError } from '../../server/storage/sqlite-journal-store.js';
import { SchemaVersionError } from '../../server/storage/sqlite-schema.js';
import type { Localized } from '../../shared/schema/types.js';
import { ENGLISH_WORDS, SWEDISH_WORDS, withoutKeys } from '../support/language-words.js';

const FILE = '/srv/samplan/samplan.db';

/** `words` is Swedish in Swedish and English in English, and the two differ. */
function saidInBoth(words: Localized): void {
  expect(words.sv).not.toBe(words.en);
  expect(withoutKeys(words.sv), words.sv).not.toMatch(ENGLISH_WORDS);
  expect(withoutKeys(words.en), words.en).not.toMatch(SWEDISH_WORDS);
}

describe('samplan migrate in Swedish and English', () => {
  it('says its progress lines in both', () => {
    saidInBoth(scannedWords(50, 120));
    saidInBoth(verifiedWords(120, 120));
    saidInBoth(upgradedCopyWords(FILE, 7, 9, `${FILE}.migrate-12`));
    saidInBoth(checkingEarlierWords(['audit'], FILE));
    expect(scannedWords(50, 120).en).toBe('scanned 50/120 documents');
    expect(copiedWords('update_log', 4000, 12345)).toEqual({ sv: 'update_log 4\u00a0000/12\u00a0345', en: 'update_log 4,000/12,345' });
  });

  it('names what differs in both, a document as it is', () => {
    saidInBoth(MISMATCH);
    for (const name of ['hbi-stockholm: document records', 'hbi-stockholm: member removals', 'hbi-stockholm: members', 'audit', 'workspaces']) saidInBoth(mismatchWords(name));
    expect(mismatchWords('hbi-stockholm: members')).toEqual({ sv: 'hbi-stockholm: medlemmar', en: 'hbi-stockholm: members' });
    expect(mismatchWords('hbi-stockholm/plan-a')).toEqual({ sv: 'hbi-stockholm/plan-a', en: 'hbi-stockholm/plan-a' });
    saidInBoth(notACopyWords(['audit', 'docs'], FILE, [rowsDifferWords('update_log', 99, 100), mismatchWords('hbi-stockholm: members')]));
    saidInBoth(newerColumnWords('docs', 'colour'));
  });

  it('refuses a source it cannot read in the CLI\'s language', () => {
    for (const err of [new SchemaVersionError(FILE, 10, 9), new SchemaVersionError(FILE, 7, 9), new JournalNotTakenInError(FILE)]) {
      saidInBoth({ sv: sentenceOf(err, 'sv'), en: sentenceOf(err, 'en') });
    }
    const dir = mkdtempSync(join(tmpdir(), 'samplan-migrate-words-'));
    try {
      writeFileSync(join(dir, 'a.db'), '');
      linkSync(join(dir, 'a.db'), join(dir, 'b.db'));
      let err: unknown;
      try {
        lockDatabase(join(dir, 'b.db')).release();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(HardLinkedDatabaseError);
      saidInBoth({ sv: sentenceOf(err, 'sv'), en: sentenceOf(err, 'en') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
