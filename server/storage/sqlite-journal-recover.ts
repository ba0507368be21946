/**
 * Taking a journal left behind (`<db>.journal`, `sqlite-journal.ts`) into SQLite: at the open of a
 * journal's store, and of any store that finds the journal of a process that died. Every whole
 * entry is replayed in file order, idempotently by (document, sequence number): rows already
 * stored (a crash between a flush's COMMIT and its truncation) are skipped, exactly the next ones
 * inserted, and a gap is refused in words with nothing thrown away.
 */
import { existsSync, ftruncateSync, openSync, closeSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { isoTimes } from './iso-time.js';
import { keptWithoutRecord } from './kept-without-record.js';
import { UPDATED_AT_GRAIN_MS } from './limits.js';
import type { SqliteDocKeys } from './sqlite-doc-keys.js';
import type { prepareStatements } from './sqlite-statements.js';
import { JOURNAL_MAGIC, readJournal } from './sqlite-journal-file.js';

type Statements = ReturnType<typeof prepareStatements>;

/** A journal entry numbered past the document's last stored row: the rows between are missing, so it cannot be taken in. */
export class JournalGapError extends Error {
  readonly code = 'SAMPLAN_JOURNAL_GAP';
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
  }
}

/** What {@link recoverJournal} did. */
export interface JournalRecovery {
  /** Rows inserted. */
  inserted: number;
  /** Rows already stored, skipped. */
  skipped: number;
  /** Batches of documents whose record is gone, skipped. */
  gone: number;
  /** Bytes of a torn tail after the last whole entry (a crashed machine), not taken in. */
  tornBytes: number;
}

/**
 * Replays the journal `file` into `db` (one transaction, through `write`), then truncates it to
 * its header. A missing or empty journal does nothing.
 * @throws JournalGapError when an entry starts past the document's last row plus one (the file stays as it was).
 * @throws Error when the file is not a journal, or what SQLite throws (the file stays as it was).
 */
export function recoverJournal(
  file: string,
  deps: { db: Database.Database; q: Statements; keys: SqliteDocKeys; write: <T>(transaction: () => T) => T; logger?: Logger },
): JournalRecovery {
  const { q, keys, db } = deps;
  const found = { inserted: 0, skipped: 0, gone: 0, tornBytes: 0 };
  if (!existsSync(file)) return found;
  const { batches, tornBytes } = readJournal(file);
  found.tornBytes = tornBytes;
  const iso = isoTimes();
  const replay = db.transaction(() => {
    const lasts = new Map<string, number>();
    for (const b of batches) {
      const ref = { workspace: b.workspace, doc: b.doc };
      if (!keptWithoutRecord(ref) && q.getDoc.get(b.workspace, b.doc) === undefined) {
        found.gone++;
        deps.logger?.warn({ file, workspace: b.workspace, doc: b.doc, code: 'JOURNAL_DOC_GONE' }, 'journal batch of a document no longer stored skipped');
        continue;
      }
      const id = `${b.workspace}\u0000${b.doc}`;
      let last = lasts.get(id) ?? keys.lastSeq(b.workspace, b.doc);
      const key = keys.forWrite(b.workspace, b.doc);
      const at = iso(b.atMs);
      b.items.forEach((item, i) => {
        const seq = b.firstSeq + i;
        if (seq <= last) return void found.skipped++;
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
  return found;
}

/**
 * Whether the journal `file` holds entries (more than its header): a `readonly` store refuses to
 * read a database whose journal a dead server left (its last edits would be missing).
 */
export function journalHasEntries(file: string): boolean {
  return existsSync(file) && readJournal(file).batches.length > 0;
}
