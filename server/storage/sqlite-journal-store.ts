/**
 * The SQLite store with its append journal in front (`sqlite-journal.ts`): which stores have one,
 * and the store's methods routed through it — plain edits journaled, everything that reads or
 * writes document rows, snapshots, checkpoints, take-backs or document records after a flush, and
 * the last sequence numbers answered from the journal where it numbered the document.
 */
import { rmSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { formerJournalPathOf, journalPathOf } from './sqlite-journal-file.js';
import { heldEditsBeside, journalsWithEntries, recoverJournals, type JournalRecovery } from './sqlite-journal-recover.js';
import { openJournal, type SqliteJournal } from './sqlite-journal.js';
import { joinJournal, journalOwned, ownJournal, refuseLiveOwner, type JournalGuest } from './sqlite-journal-share.js';
import type { SqliteDocKeys } from './sqlite-doc-keys.js';
import { BackupWithoutHeldEditsError, HeldEditsNotReadError } from './backup-held.js';
import type { prepareStatements } from './sqlite-statements.js';
import { withNow, type AppendItem, type DocRef, type Storage } from './storage.js';

/**
 * Whether a store opened with these options journals its appends: asked for (`journal`), on a
 * file, writable, not under `durability: 'full'` (which promises an fsync per commit, kept on the
 * direct path), and not turned off by the operator (`SAMPLAN_SQLITE_JOURNAL=off`).
 */
export function journalWanted(path: string, opts: { journal?: boolean; readonly?: boolean; durability?: string }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!opts.journal || opts.readonly || opts.durability === 'full') return false;
  if (path === ':memory:' || path === '') return false;
  return env.SAMPLAN_SQLITE_JOURNAL?.trim().toLowerCase() !== 'off';
}

/**
 * Whether the server's store journals its edits (`openStorage` with `server: true`): only when the
 * operator asks for it with `SAMPLAN_SQLITE_JOURNAL=on`. Off by default: measured at a region's
 * shape (`bench/region --parts fanout`, 100 documents × 5 clients, 100 edits/s, quiet machine), each
 * server placed alike — both first in the bench's list (journaled 211.9/229.6/215.5 against direct
 * 241.4/253.7 µs per delivered edit) or both second (156.1/186.9 against 160.4–179.1) — the
 * journal saved no CPU to speak of (~0.9–1.0×), and it spent ~2.5 ms/s more while idle (the sharing
 * folder's look every 250 ms, the flush timer). The place moved the figure more (~1.3–1.5×) than the
 * journal did: the first server was warmed first and idled through the others' warm-ups, where V8's
 * memory reducer threw out its optimized code (`warmFanoutsInterleaved` of `bench/support/fanout-warm.ts`).
 * Measured again with the warm-ups interleaved (`--servers samplan,samplan-journal,y-websocket-server
 * --runs 3`, one run of 3): journaled 206.0/180.1/219.2, direct 190.2/194.2/222.9, stock
 * 152.6/147.1/177.8 µs per delivered edit — journal ÷ direct 1.08/0.93/0.98, and 2.2–3.3 ms/s more
 * between its windows. A flush still writes about one WAL page per row: a document's rows are keyed
 * by document first (`update_rows.id`), so 25 rows of 25 documents touch 25 pages, as 25 commits do.
 */
export function journalAskedFor(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SAMPLAN_SQLITE_JOURNAL?.trim().toLowerCase() === 'on';
}

/** A read-only open of a file whose journal still holds edits no live server will take in. */
export class JournalNotTakenInError extends Error {
  readonly code = 'SAMPLAN_JOURNAL_PENDING';
  /** The sentence in Swedish (`message` is the English). */
  readonly sv: string;
  constructor(readonly file: string) {
    super(
      `${file} holds edits not yet taken into the database (a server stopped without closing it). Run any samplan command on the database, or start the server, to take them in, then try again.`,
    );
    this.sv = `${file} har ändringar som ännu inte förts in i databasen (en server stoppade utan att stänga den). Kör ett samplan-kommando på databasen, eller starta servern, för att föra in dem, och försök sedan igen.`;
  }
}

/**
 * For a `readonly` store on `dbPath`, before it reads: a live journal owner (a server, with or
 * without `<db>.lock`: a test's or the bench's holds none) flushes and pauses until the returned
 * guest is released at the store's close, so the store reads every edit the owner acknowledged.
 * With no live owner a journal holding entries cannot be taken in by a store that may not write.
 * Edits held back for a refused document (floating entries) are not taken in by any store before
 * its key is back: a store reads the other documents and refuses that one (`refusingHeld`), while
 * with `refuseHeld` (`samplan migrate`, which copies the tables whole) the reader is refused.
 * @throws JournalNotTakenInError when the journal holds entries numbered for good (not held back for a refused document) and no live process owns it.
 * @throws HeldEditsNotReadError with `refuseHeld`, when a journal holds a refused document's edits back.
 * @throws JournalShareError (`sqlite-journal-share.ts`) when the owner did not pause in time.
 */
export function readBesideJournal(dbPath: string, refuseHeld = false): JournalGuest {
  // Under the journal's former name too (an older Samplan's, `formerJournalPathOf`).
  const refuseLeft = (): void => {
    const left = journalsWithEntries(dbPath, true)[0];
    if (left !== undefined) throw new JournalNotTakenInError(left);
  };
  // No owner: nothing is registered, so a read-only open writes nothing beside the database.
  const guest = journalOwned(dbPath) ? joinJournal(dbPath, { recover: refuseLeft }) : (refuseLeft(), { release() {} });
  const [held] = refuseHeld ? heldEditsBeside(dbPath) : [];
  if (held !== undefined) {
    guest.release();
    throw new HeldEditsNotReadError(held.file, held.workspace, held.doc, held.edits);
  }
  return guest;
}

/** What of the direct store the journaled one calls: its synchronous appends. */
type DirectAppends = {
  appendNow: (ref: DocRef, updates: AppendItem[]) => number;
  appendManyNow: (batches: { ref: DocRef; updates: AppendItem[] }[]) => number[];
};

/** The parts of an open SQLite store {@link journaled} works with (`openSqliteStorage`'s). */
export interface JournaledParts extends DirectAppends {
  db: Database.Database;
  q: ReturnType<typeof prepareStatements>;
  keys: SqliteDocKeys;
  write: <T>(transaction: () => T) => T;
  nowMs: () => number;
  logger?: Logger;
}

/**
 * The store `openSqliteStorage` returns for `store` on `path`: with `journal` wanted
 * ({@link journalWanted}), the journal left beside it is taken in and a fresh one put in front
 * (`withJournal`), owned for the sharing protocol; any other writable store on a file joins the
 * journal's owner (which pauses while it is open) or takes in the journal a dead owner left.
 * @throws JournalGapError (`sqlite-journal-recover.ts`) when a journal left cannot be taken in; the store is closed then.
 * @throws JournalShareError (`sqlite-journal-share.ts`) when a live store, in this process or another, journals the file; the store is closed then.
 */
export function journaled(
  path: string,
  opts: { journal?: boolean; readonly?: boolean; durability?: string; journalFlushMs?: number; journalFlushBytes?: number },
  store: Storage,
  parts: JournaledParts,
): Storage {
  if (path === ':memory:' || path === '') return store;
  if (opts.readonly) return refusingHeld(path, store);
  const file = journalPathOf(path);
  // The journal an older Samplan left under its former name first, then this one's (`recoverJournals`).
  // A store without a journal of its own leaves a refused document's batches in the files (`JournalRecovery.held`), for the next server.
  const recover = (): void => void recoverJournals(path, parts);
  let held: JournalRecovery['held'];
  try {
    if (!journalWanted(path, opts)) {
      const guest = joinJournal(path, { recover });
      return {
        ...store,
        // A journal left holding a refused document's edits (its owner paused, or gone): the copy lacks them, and says so.
        async backup(to) {
          await store.backup(to);
          const left = journalsWithEntries(path);
          if (left.length > 0) throw new BackupWithoutHeldEditsError(to, left.map((file) => ({ file })));
        },
        close: async () => (await store.close(), guest.release()),
      };
    }
    // A live owner's journal is its own to flush: taken in here, its rows would be stored twice.
    refuseLiveOwner(path);
    held = recoverJournals(path, parts).flatMap((r) => r.held);
  } catch (err) {
    void store.close();
    throw err;
  }
  // Readable by whom the database is: the journal holds its edits (SQLite's -wal gets the database's mode too).
  // The batches a refused document held back go on in it, the former name's file then no longer needed.
  const journal = openJournal({ file, ...parts, mode: statSync(path).mode & 0o777, held, ...(opts.journalFlushMs ? { flushMs: opts.journalFlushMs } : {}), ...(opts.journalFlushBytes ? { flushBytes: opts.journalFlushBytes } : {}) });
  const former = formerJournalPathOf(path);
  if (held.length > 0 && former !== undefined) rmSync(former, { force: true });
  // The sharing module looks for guests on its own timer and watch (`sqlite-journal-share.ts`).
  const owned = ownJournal(path, { pause: () => journal.pause(), resume: () => journal.resume() }, parts.logger ? { logger: parts.logger } : {});
  const out = withJournal(store, journal, parts);
  return {
    ...out,
    async close() {
      try {
        await out.close();
      } finally {
        owned.close();
      }
    },
  };
}

/**
 * The read-only `store` on `path`, refusing to read a document whose edits a journal beside the
 * database holds back (`heldEditsBeside`, read once at the open: a live owner stays paused while
 * the store is open, and a store that may not write takes nothing in): its load and its history
 * throw {@link HeldEditsNotReadError} (or the document's own refusal, while its key is still
 * changed), and a backup is written and then says what it lacks ({@link BackupWithoutHeldEditsError}).
 * The read-only store read such a document without them and wrote such a backup without a word.
 */
function refusingHeld(path: string, store: Storage): Storage {
  const held = heldEditsBeside(path);
  if (held.length === 0) return store;
  /** `method` of the store, whose result is not given for a document with edits held back. */
  const refusing =
    <A extends [DocRef, ...unknown[]], R>(method: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const result = await method(...args);
      const h = held.find((one) => one.workspace === args[0].workspace && one.doc === args[0].doc);
      if (h !== undefined) throw new HeldEditsNotReadError(h.file, h.workspace, h.doc, h.edits);
      return result;
    };
  return {
    ...store,
    loadDoc: refusing(store.loadDoc.bind(store)),
    listUpdates: refusing(store.listUpdates.bind(store)),
    async backup(to) {
      await store.backup(to);
      throw new BackupWithoutHeldEditsError(to, held.map(({ workspace, doc, edits }) => ({ workspace, doc, edits })));
    },
  };
}

/**
 * `store` (the direct SQLite store) with `journal` in front; see the module's comment. `close`
 * flushes and removes the journal, and throws the flush's error after closing the database when it
 * failed (the journal then stays for the next open).
 */
export function withJournal(store: Storage, journal: SqliteJournal, direct: DirectAppends): Storage {
  const lastOf = (ref: DocRef): number => journal.lastSeq(ref.workspace, ref.doc) ?? direct.appendNow(ref, []);
  const appendNow = (ref: DocRef, updates: AppendItem[]): number => {
    if (updates.length === 0) return lastOf(ref);
    if (journal.takes(updates)) return journal.append(ref, updates);
    journal.flush();
    const last = direct.appendNow(ref, updates);
    journal.noteDirect(ref, last);
    return last;
  };
  const appendManyNow = (batches: { ref: DocRef; updates: AppendItem[] }[]): number[] => {
    if (batches.every((b) => journal.takes(b.updates))) return journal.appendMany(batches);
    journal.flush();
    const lasts = direct.appendManyNow(batches);
    batches.forEach((b, i) => journal.noteDirect(b.ref, lasts[i] as number));
    return lasts;
  };
  /** `method` of the store, called after a flush. */
  const flushed =
    <A extends unknown[], R>(method: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      journal.flush();
      return method(...args);
    };
  /** `method` called after a flush, its document forgotten (a record written or deleted, rows deleted). */
  const forgetting =
    <A extends [DocRef, ...unknown[]], R>(method: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      journal.flush();
      try {
        return await method(...args);
      } finally {
        journal.forget({ workspace: args[0].workspace, doc: args[0].doc });
      }
    };
  const s = store;
  let closed = false;
  return {
    ...store,
    appendUpdates: withNow(async (ref, updates) => appendNow(ref, updates), appendNow),
    appendMany: withNow(async (batches) => appendManyNow(batches), appendManyNow),
    async lastSeqs(workspace, docs) {
      const known = docs.filter((doc) => journal.lastSeq(workspace, doc) === undefined);
      const stored = known.length > 0 ? await s.lastSeqs(workspace, known) : new Map<string, number>();
      return new Map(docs.map((doc) => [doc, journal.lastSeq(workspace, doc) ?? (stored.get(doc) as number)]));
    },
    loadDoc: flushed(s.loadDoc.bind(s)),
    async appendAfter(ref, afterSeq, updates, audit) {
      journal.flush();
      const last = await s.appendAfter(ref, afterSeq, updates, audit);
      if (last !== null) journal.noteDirect(ref, last);
      return last;
    },
    compact: flushed(s.compact.bind(s)),
    putFresh: flushed(s.putFresh.bind(s)),
    ...(s.replaceHistory ? { replaceHistory: flushed(s.replaceHistory.bind(s)) } : {}),
    listUpdates: flushed(s.listUpdates.bind(s)),
    ...(s.loadTakeBacks ? { loadTakeBacks: flushed(s.loadTakeBacks.bind(s)) } : {}),
    ...(s.vacuumHistory ? { vacuumHistory: flushed(s.vacuumHistory.bind(s)) } : {}),
    listCheckpoints: flushed(s.listCheckpoints.bind(s)),
    listStoredDocs: flushed(s.listStoredDocs.bind(s)),
    ...(s.listKeylessUpdates ? { listKeylessUpdates: flushed(s.listKeylessUpdates.bind(s)) } : {}),
    ...(s.dropUnnumberedUpdates ? { dropUnnumberedUpdates: flushed(s.dropUnnumberedUpdates.bind(s)) } : {}),
    ...(s.findStoredTexts ? { findStoredTexts: flushed(s.findStoredTexts.bind(s)) } : {}),
    getCheckpoint: flushed(s.getCheckpoint.bind(s)),
    putDocRecord: forgetting(s.putDocRecord.bind(s)),
    updateDocRecord: forgetting(s.updateDocRecord.bind(s)),
    deleteDoc: forgetting(s.deleteDoc.bind(s)),
    // The records' `updatedAt` is moved at flush: a read of records sees the edits' touch.
    getDocRecord: flushed(s.getDocRecord.bind(s)),
    getDocRecords: flushed(s.getDocRecords.bind(s)),
    listDocs: flushed(s.listDocs.bind(s)),
    async backup(to) {
      journal.flush();
      await s.backup(to);
      const held = journal.held();
      if (held.length > 0) throw new BackupWithoutHeldEditsError(to, held.map(({ workspace, doc, edits }) => ({ workspace, doc, edits })));
    },
    // Asked after a fault whether writes are taken again: a flush still failing says no.
    checkWritable: flushed(s.checkWritable.bind(s)),
    async close() {
      const error = closed ? null : journal.close();
      closed = true;
      await s.close();
      if (error) throw error;
    },
  };
}
