/**
 * The refusal of `Storage.backup` by a store that was given no backup writer: the in-memory store
 * keeps no files, and a PostgreSQL store is backed up with pg_dump unless its opener passes a
 * writer. `samplan backup` and `samplan migrate` show the sentence to a person, so it is in Swedish
 * (`sv`) and English (`message`), as the other storage refusals are.
 */

/** Which store refused: `memory` (keeps no files) or `postgres` (pg_dump, or a writer passed). */
export type BackupWriterless = 'memory' | 'postgres';

const WORDS: Record<BackupWriterless, { sv: string; en: string }> = {
  memory: {
    sv: 'Den här lagringen i minnet kan inte säkerhetskopieras: den har ingen skrivare för säkerhetskopior och sparar inga filer.',
    en: 'This in-memory store has no backup writer; it keeps no files.',
  },
  postgres: {
    sv: 'Den här PostgreSQL-lagringen har ingen skrivare för säkerhetskopior; använd pg_dump, eller ange en skrivare.',
    en: 'This PostgreSQL store has no backup writer; use pg_dump, or pass one.',
  },
};

/** Thrown by `backup(path)` of a store opened without `writeBackup`; nothing is written. */
export class NoBackupWriterError extends Error {
  readonly code = 'no-backup-writer';
  /** The sentence in Swedish (`message` is the English). */
  readonly sv: string;
  /** @param store the kind of store that refused */
  constructor(readonly store: BackupWriterless) {
    super(WORDS[store].en);
    this.name = 'NoBackupWriterError';
    this.sv = WORDS[store].sv;
  }
}
