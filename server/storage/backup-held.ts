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
