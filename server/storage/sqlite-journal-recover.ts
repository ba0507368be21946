/**
 * Taking a journal left behind (`<db>.journal`, `sqlite-journal.ts`) into SQLite: at the open of a
 * journal's store, and of any store that finds the journal of a process that died. Every whole
 * entry is replayed in file order, idempotently by (document, sequence number): rows already
 * stored (a crash between a flush's COMMIT and its truncation) are skipped, exactly the next ones
 * inserted, and a gap, or an entry that cannot be this database's (a document it has no record
 * of, a stored row with other bytes), is refused in words with nothing thrown away. A floating
 * entry (`JournalBatch.floating`: edits a refusal held back, which another store may have numbered
 * over meanwhile) is stored after the document's last row, unless its updates already stand as its
 * rows from its number on (stored by a flush the process did not live to truncate after).
 */
import { existsSync, ftruncateSync, openSync, closeSync, rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { isoTimes } from './iso-time.js';
import { keptWithoutRecord } from './kept-without-record.js';
import { UPDATED_AT_GRAIN_MS } from './limits.js';
import type { SqliteDocKeys } from './sqlite-doc-keys.js';
import type { prepareStatements } from './sqlite-statements.js';
import { encodeEntries, formerJournalPathOf, JOURNAL_MAGIC, journalPathOf, readJournal, writeJournalAtomically, type JournalBatch, type JournalItem } from './sqlite-journal-file.js';
import { KeylessHistoryError } from './keyless-history.js';

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
  /**
   * The batches of documents the store refuses in words (`KeylessHistoryError`: a key gone or
   * changed by a hand), each with its refusal, in file order: not taken in, and the file rewritten
   * to hold them alone until they are (a live journal holds them on, `openJournal`'s `held`).
   */
  held: { batch: JournalBatch; refusal: KeylessHistoryError }[];
}

/**
 * Replays the journal `file` into `db` (one transaction, through `write`), then truncates it to
 * its header, or rewrites it to hold the batches of the documents the store refuses in words alone
 * (`JournalRecovery.held`): the other documents' are taken in, where one such document refused
 * the whole journal, and with it the store's open, until a person put its key back. A missing or
 * empty journal does nothing.
 * @throws JournalGapError when an entry starts past the document's last row plus one (the file stays as it was).
 * @throws JournalMismatchError when an entry is of a document without a record, or differs from the row stored under its number (the file stays as it was).
 * @throws Error when the file is not a journal, or what SQLite throws (the file stays as it was).
 */
export function recoverJournal(
  file: string,
  deps: { db: Database.Database; q: Statements; keys: SqliteDocKeys; write: <T>(transaction: () => T) => T; logger?: Logger },
): JournalRecovery {
  const { q, keys, db } = deps;
  const found: JournalRecovery = { inserted: 0, skipped: 0, tornBytes: 0, held: [] };
  if (!existsSync(file)) return found;
  const { batches, tornBytes } = readJournal(file);
  found.tornBytes = tornBytes;
  const iso = isoTimes();
  const stored = db.prepare('SELECT member_id, data FROM update_rows WHERE id = ? * 4294967296 + ?');
  const since = db.prepare('SELECT member_id, data FROM update_rows WHERE id >= ? * 4294967296 + ? AND id <= ? * 4294967296 + ? ORDER BY id');
  const same = (row: { member_id: string | null; data: Uint8Array }, item: JournalItem): boolean => row.member_id === item.memberId && Buffer.from(row.data).equals(item.update);
  /**
   * Whether the floating batch `b`'s updates stand as consecutive rows of `key` between its number
   * and `last`: a flush stored it, numbered on after rows another store wrote, and the process died
   * before the file was truncated. The rows since its number only: a few, read at a recovery.
   */
  const storedSince = (b: JournalBatch, key: number, last: number): boolean => {
    if (b.firstSeq > last) return false;
    const rows = since.all(key, b.firstSeq, key, last) as { member_id: string | null; data: Uint8Array }[];
    for (let at = 0; at + b.items.length <= rows.length; at++) if (b.items.every((item, i) => same(rows[at + i] as (typeof rows)[number], item))) return true;
    return false;
  };
  const replay = db.transaction((held: JournalRecovery['held']) => {
    const lasts = new Map<string, number>();
    const refused = new Map<string, KeylessHistoryError>();
    for (const b of batches) {
      const ref = { workspace: b.workspace, doc: b.doc };
      // The journal checks the record before it takes a batch, and a deletion flushes first: a
      // batch of a document without one was never this database's.
      if (!keptWithoutRecord(ref) && q.getDoc.get(b.workspace, b.doc) === undefined) throw new JournalMismatchError(file, b.workspace, b.doc, b.firstSeq, 'no-record');
      const id = `${b.workspace}\u0000${b.doc}`;
      // A document refused is held whole: none of its later batches numbered over a gap.
      const before = refused.get(id);
      if (before !== undefined) {
        held.push({ batch: Object.assign(b, { floating: true }), refusal: before });
        continue;
      }
      let last: number;
      let key: number;
      try {
        last = lasts.get(id) ?? keys.lastSeq(b.workspace, b.doc);
        key = keys.forWrite(b.workspace, b.doc);
      } catch (err) {
        if (!(err instanceof KeylessHistoryError)) throw err;
        refused.set(id, err);
        // Held: numbered on when it is stored, since another store may write the document first.
        held.push({ batch: Object.assign(b, { floating: true }), refusal: err });
        continue;
      }
      const at = iso(b.atMs);
      if (b.floating) {
        if (storedSince(b, key, last)) found.skipped += b.items.length;
        else {
          for (const item of b.items) q.insertUpdate.run(key, ++last, at, item.memberId, item.update);
          found.inserted += b.items.length;
        }
        lasts.set(id, last);
        q.touchDoc.run(at, b.workspace, b.doc, iso(b.atMs - UPDATED_AT_GRAIN_MS));
        continue;
      }
      b.items.forEach((item, i) => {
        const seq = b.firstSeq + i;
        if (seq <= last) {
          // Stored by a flush whose truncation a crash prevented: the same row, or not this database's.
          const row = stored.get(key, seq) as { member_id: string | null; data: Uint8Array } | undefined;
          if (row !== undefined && !same(row, item)) throw new JournalMismatchError(file, b.workspace, b.doc, seq, 'other-bytes');
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
  if (batches.length > 0) {
    const held: JournalRecovery['held'] = [];
    try {
      deps.write(() => replay.immediate(held));
      found.held = held;
    } finally {
      // The keys the replay gave are read again from their next use: it may have rolled back.
      keys.settled();
    }
  }
  if (found.held.length > 0) {
    // Written beside and renamed over: a process killed meanwhile leaves the whole journal, taken in again idempotently.
    writeJournalAtomically(file, encodeEntries(found.held.map((h) => h.batch)));
    for (const h of new Set(found.held.map((x) => x.refusal))) {
      deps.logger?.warn({ file, workspace: h.workspace, doc: h.doc, code: h.code, message: h.message }, "journaled edits of one document refused: kept in the journal, the other documents' taken in");
    }
  } else {
    const fd = openSync(file, 'r+');
    try {
      ftruncateSync(fd, JOURNAL_MAGIC.length);
    } finally {
      closeSync(fd);
    }
  }
  deps.logger?.info({ file, inserted: found.inserted, skipped: found.skipped, tornBytes: found.tornBytes, held: found.held.length }, 'journal taken in');
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
    const taken = recoverJournal(former, deps);
    done.push(taken);
    // One holding a refused document's batches stays until they are taken in (`openJournal` copies them into the journal it opens).
    if (taken.held.length === 0) {
      rmSync(former, { force: true });
      deps.logger?.info({ file: former, journal: journalPathOf(dbPath) }, 'journal under its former name taken in and removed');
    }
  }
  const current = journalPathOf(dbPath);
  done.push(recoverJournal(current, deps));
  // A rewrite a killed process left half done (\`JournalFile.keep\`): the journal still holds every entry it held.
  rmSync(`${current}.keep`, { force: true });
  return done;
}

/**
 * The journal files beside the database at `dbPath` that hold entries (more than a header): under
 * the journal's former name ({@link formerJournalPathOf}) and its name ({@link journalPathOf}).
 * With `numbered`, only those holding an entry numbered for good (not `JournalBatch.floating`):
 * edits any store that may write takes in, where floating ones stay held while their document is refused.
 */
export function journalsWithEntries(dbPath: string, numbered = false): string[] {
  return [formerJournalPathOf(dbPath), journalPathOf(dbPath)].filter((f): f is string => f !== undefined && journalHasEntries(f, numbered));
}

/**
 * Whether the journal `file` holds entries (more than its header), or with `numbered` an entry not
 * floating: a `readonly` store refuses to read a database whose journal a dead server left (its
 * last edits would be missing).
 */
export function journalHasEntries(file: string, numbered = false): boolean {
  return existsSync(file) && readJournal(file).batches.some((b) => !numbered || !b.floating);
}

/** One document's edits a journal beside the database holds back (floating), as {@link heldEditsBeside} finds them. */
export interface HeldBeside {
  file: string;
  workspace: string;
  doc: string;
  edits: number;
}

/**
 * The edits the journals beside the database at `dbPath` hold back for their documents (floating
 * entries, `JournalBatch.floating`), per file and document in file order; reads only.
 */
export function heldEditsBeside(dbPath: string): HeldBeside[] {
  const found = new Map<string, HeldBeside>();
  for (const file of journalsWithEntries(dbPath)) {
    for (const b of readJournal(file).batches) {
      if (!b.floating) continue;
      const id = `${file}\u0000${b.workspace}\u0000${b.doc}`;
      const one = found.get(id) ?? { file, workspace: b.workspace, doc: b.doc, edits: 0 };
      one.edits += b.items.length;
      found.set(id, one);
    }
  }
  return [...found.values()];
}
