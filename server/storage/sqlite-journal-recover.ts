/**
 * Taking a journal left behind (`<db>.journal`, `sqlite-journal.ts`) into SQLite: at the open of a
 * journal's store, and of any store that finds the journal of a process that died. Every whole
 * entry is replayed in file order, idempotently by (document, sequence number): rows already
 * stored (a crash between a flush's COMMIT and its truncation) are skipped, exactly the next ones
 * inserted, and a gap, or an entry that cannot be this database's (a document it has no record
 * of, a stored row with other bytes), is refused in words with nothing thrown away.
 */
import { existsSync, ftruncateSync, openSync, closeSync, rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { isoTimes } from './iso-time.js';
import { keptWithoutRecord } from './kept-without-record.js';
import { UPDATED_AT_GRAIN_MS } from './limits.js';
import type { SqliteDocKeys } from './sqlite-doc-keys.js';
import type { prepareStatements } from './sqlite-statements.js';
import { formerJournalPathOf, JOURNAL_MAGIC, journalPathOf, readJournal } from './sqlite-journal-file.js';

type Statements = ReturnType<typeof prepareStatements>;

/** A journal entry numbered past the document's last stored row: the rows between are missing, so it cannot be taken in. */
export class JournalGapError extends Error {
  readonly code = 'SAMPLAN_JOURNAL_GAP';
  /** The sentence in Swedish (`message` is the English). */
  readonly sv: string;
  constructor(
    readonly file: string,
    readonly workspace: string,
    readonly doc: string,
    readonly seq: number,
    readonly last: number,
  ) {
    super(
      `${file} holds update ${seq} of ${workspace}/${doc}, but the database's last update of it is ${last}: the updates between are missing, so the journal cannot be taken in. Nothing was changed; keep the file and the database together and ask for help before removing either.`,
    );
    this.sv = `${file} har uppdatering ${seq} av ${workspace}/${doc}, men databasens sista uppdatering av dokumentet är ${last}: uppdateringarna där emellan saknas, så journalen kan inte föras in. Inget ändrades; behåll filen och databasen tillsammans och be om hjälp innan du tar bort någon av dem.`;
  }
}

/**
 * A journal entry that cannot be this database's: of a document it has no record of, or a row it
 * already stores with other bytes or another writer (a journal copied beside another file, or
 * beside an older copy of its own). Taking it in would put edits in the wrong place or drop them.
 */
export class JournalMismatchError extends Error {
  readonly code = 'SAMPLAN_JOURNAL_MISMATCH';
  /** The sentence in Swedish (`message` is the English). */
  readonly sv: string;
  constructor(
    readonly file: string,
    readonly workspace: string,
    readonly doc: string,
    readonly seq: number,
    why: 'no-record' | 'other-bytes',
  ) {
    super(
      `${file} holds update ${seq} of ${workspace}/${doc}, but the database ${why === 'no-record' ? 'has no such document' : 'stores another update under that number'}: the journal is not this database's (copied beside another file, or the database put back from an older copy). Nothing was changed; put the journal back beside its own database, or move it away (its edits are then not taken in) and start again.`,
    );
    this.sv = `${file} har uppdatering ${seq} av ${workspace}/${doc}, men databasen ${why === 'no-record' ? 'har inget sådant dokument' : 'har en annan uppdatering under det numret'}: journalen hör inte till den här databasen (kopierad bredvid en annan fil, eller databasen återställd från en äldre kopia). Inget ändrades; lägg tillbaka journalen bredvid sin egen databas, eller flytta undan den (dess ändringar förs då inte in) och starta igen.`;
  }
}

/** What {@link recoverJournal} did. */
export interface JournalRecovery {
  /** Rows inserted. */
  inserted: number;
  /** Rows already stored, skipped. */
  skipped: number;
  /** Bytes of a torn tail after the last whole entry (a crashed machine), not taken in. */
  tornBytes: number;
}

/**
 * Replays the journal `file` into `db` (one transaction, through `write`), then truncates it to
 * its header. A missing or empty journal does nothing.
 * @throws JournalGapError when an entry starts past the document's last row plus one (the file stays as it was).
 * @throws JournalMismatchError when an entry is of a document without a record, or differs from the row stored under its number (the file stays as it was).
 * @throws Error when the file is not a journal, or what SQLite throws (the file stays as it was).
 */
export function recoverJournal(
  file: string,
  deps: { db: Database.Database; q: Statements; keys: SqliteDocKeys; write: <T>(transaction: () => T) => T; logger?: Logger },
): JournalRecovery {
  const { q, keys, db } = deps;
  const found = { inserted: 0, skipped: 0, tornBytes: 0 };
  if (!existsSync(file)) return found;
  const { batches, tornBytes } = readJournal(file);
  found.tornBytes = tornBytes;
  const iso = isoTimes();
  const stored = db.prepare('SELECT member_id, data FROM update_rows WHERE id = ? * 4294967296 + ?');
  const replay = db.transaction(() => {
    const lasts = new Map<string, number>();
    for (const b of batches) {
      const ref = { workspace: b.workspace, doc: b.doc };
      // The journal checks the record before it takes a batch, and a deletion flushes first: a
      // batch of a document without one was never this database's.
      if (!keptWithoutRecord(ref) && q.getDoc.get(b.workspace, b.doc) === undefined) throw new JournalMismatchError(file, b.workspace, b.doc, b.firstSeq, 'no-record');
      const id = `${b.workspace}\u0000${b.doc}`;
      let last = lasts.get(id) ?? keys.lastSeq(b.workspace, b.doc);
      const key = keys.forWrite(b.workspace, b.doc);
      const at = iso(b.atMs);
      b.items.forEach((item, i) => {
        const seq = b.firstSeq + i;
        if (seq <= last) {
          // Stored by a flush whose truncation a crash prevented: the same row, or not this database's.
          const row = stored.get(key, seq) as { member_id: string | null; data: Uint8Array } | undefined;
          if (row !== undefined && (row.member_id !== item.memberId || !Buffer.from(row.data).equals(item.update))) throw new JournalMismatchError(file, b.workspace, b.doc, seq, 'other-bytes');
          return void found.skipped++;
        }
        if (seq > last + 1) throw new JournalGapError(file, b.workspace, b.doc, seq, last);
        q.insertUpdate.run(key, seq, at, item.memberId, item.update);
        last = seq;
        found.inserted++;
      });
      lasts.set(id, last);
      q.touchDoc.run(at, b.workspace, b.doc, iso(b.atMs - UPDATED_AT_GRAIN_MS));
    }
  });
  if (batches.length === 0 && tornBytes === 0) return found;
  if (batches.length > 0) deps.write(() => replay.immediate());
  const fd = openSync(file, 'r+');
  try {
    ftruncateSync(fd, JOURNAL_MAGIC.length);
  } finally {
    closeSync(fd);
  }
  deps.logger?.info({ file, ...found }, 'journal taken in');
  // Only a crashed machine leaves one (a killed process writes each entry whole or not at all).
  if (tornBytes > 0) deps.logger?.warn({ file, tornBytes, code: 'JOURNAL_TORN_TAIL' }, 'the end of the journal was not a whole entry (the machine stopped during a write): the last edits in it are lost');
  return found;
}

/** What {@link recoverJournal} needs of the store. */
type RecoverDeps = Parameters<typeof recoverJournal>[1];

/**
 * Takes in the journals left beside the database at `dbPath`: first one under the journal's former
 * name ({@link formerJournalPathOf}: an older Samplan's, started through a symbolic link), which is
 * removed once taken in, then the one under its name ({@link journalPathOf}), truncated to its
 * header. Returns what each did, the former's first (absent when there is none).
 * @throws as {@link recoverJournal}; a former journal that cannot be taken in stays as it was, and the current one is not touched.
 */
export function recoverJournals(dbPath: string, deps: RecoverDeps): JournalRecovery[] {
  const done: JournalRecovery[] = [];
  const former = formerJournalPathOf(dbPath);
  if (former !== undefined && existsSync(former)) {
    done.push(recoverJournal(former, deps));
    rmSync(former, { force: true });
    deps.logger?.info({ file: former, journal: journalPathOf(dbPath) }, 'journal under its former name taken in and removed');
  }
  done.push(recoverJournal(journalPathOf(dbPath), deps));
  return done;
}

/**
 * The journal files beside the database at `dbPath` that hold entries (more than a header): under
 * the journal's former name ({@link formerJournalPathOf}) and its name ({@link journalPathOf}).
 */
export function journalsWithEntries(dbPath: string): string[] {
  return [formerJournalPathOf(dbPath), journalPathOf(dbPath)].filter((f): f is string => f !== undefined && journalHasEntries(f));
}

/**
 * Whether the journal `file` holds entries (more than its header): a `readonly` store refuses to
 * read a database whose journal a dead server left (its last edits would be missing).
 */
export function journalHasEntries(file: string): boolean {
  return existsSync(file) && readJournal(file).batches.length > 0;
}
