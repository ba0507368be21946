/**
 * A backup of an SQLite store written while its journal holds edits back: the edits of a document
 * the store refuses in words (its key gone or changed by a hand, `KeylessHistoryError`), which stay
 * in `<db>.journal` until its key is back (`sqlite-journal.ts`). The backup is a copy of the
 * database alone, so it lacks them; it is written all the same (everything else is in it), and
 * this error says what it lacks and how to have them, in Swedish and English.
 */

/** What the journal holds back: one document's edits, or (a journal file another process keeps) a file. */
export type HeldEdits = { workspace: string; doc: string; edits: number } | { file: string };

/** Thrown by a store's `backup` after the backup was written whole without the edits `held`. */
export class BackupWithoutHeldEditsError extends Error {
  readonly code = 'backup-without-held-edits';
  /** The sentence in Swedish (`message` is the English). */
  readonly sv: string;
  constructor(
    readonly path: string,
    readonly held: readonly HeldEdits[],
  ) {
    const en = held.map((h) => ('file' in h ? `the edits in ${h.file}` : `${h.edits} edit${h.edits === 1 ? '' : 's'} of ${h.workspace}/${h.doc}`)).join(', ');
    const sv = held.map((h) => ('file' in h ? `ändringarna i ${h.file}` : `${h.edits} ${h.edits === 1 ? 'ändring' : 'ändringar'} av ${h.workspace}/${h.doc}`)).join(', ');
    super(
      `The backup ${path} was written, but without ${en}: they are held in the journal beside the database because the document's key in doc_keys is gone or was changed (the server's log and the document's refusal say how to put it back). Once the key is back they are stored; take the backup again then.`,
    );
    this.name = 'BackupWithoutHeldEditsError';
    this.sv = `Säkerhetskopian ${path} skrevs, men utan ${sv}: de hålls kvar i journalen bredvid databasen eftersom dokumentets nyckel i doc_keys saknas eller har ändrats (serverns logg och dokumentets avvisning säger hur den läggs tillbaka). När nyckeln är tillbaka sparas de; ta säkerhetskopian igen då.`;
  }
}

/**
 * A read-only store's read of a document whose edits a journal beside the database holds back
 * (`edits` of them in `file`): the database lacks them, and a read-only store may not write them
 * in, so the document is not read without them. Its own refusal comes first while its key is
 * still changed (that one says how to put it back).
 */
export class HeldEditsNotReadError extends Error {
  readonly code = 'SAMPLAN_JOURNAL_HELD';
  /** The sentence in Swedish (`message` is the English). */
  readonly sv: string;
  constructor(
    readonly file: string,
    readonly workspace: string,
    readonly doc: string,
    readonly edits: number,
  ) {
    const name = `${workspace}/${doc}`;
    super(
      `${file} holds ${edits} edit${edits === 1 ? '' : 's'} of ${name} that the database does not have yet: they were held back while the document's key in doc_keys was gone or changed by a hand. A read-only command does not read the document without them. Once its key is back, a running server writes them in as soon as this command ends; with none running, start the server (samplan serve), which writes them in as it starts. Then try again.`,
    );
    this.name = 'HeldEditsNotReadError';
    this.sv = `${file} har ${edits} ${edits === 1 ? 'ändring' : 'ändringar'} av ${name} som databasen ännu inte har: de hölls kvar medan dokumentets nyckel i doc_keys saknades eller var ändrad för hand. Ett skrivskyddat kommando läser inte dokumentet utan dem. När nyckeln är tillbaka skriver en server som körs in dem så snart det här kommandot är klart; körs ingen, starta servern (samplan serve), som skriver in dem när den startar. Försök sedan igen.`;
  }
}
