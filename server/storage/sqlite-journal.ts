/**
 * The append journal in front of an SQLite store (`openSqliteStorage(path, { journal: true })`, a
 * serving process's store): each commit of plain edits is one `write()` to `<db>.journal`
 * (`sqlite-journal-file.ts`), relayed after it returns, and SQLite takes the journal's batches in
 * one transaction every `flushMs` (or once `flushBytes` are pending), after which the file is
 * truncated. A lone SQLite commit per edit ran on cold caches and cost most of the server's CPU at
 * a region's shape (bench/region); one `write()` per commit costs about what the stock
 * y-websocket server does. Durability is the WAL's under `synchronous = NORMAL`: the edit is in the
 * OS page cache before any peer sees it, so it survives `kill -9` of the process, not a crashed machine.
 *
 * The journal numbers a document's rows itself (from SQLite's last once, then its own), which holds
 * because nothing else writes that document's rows while it is live: the store sends every other
 * write through SQLite only after a {@link SqliteJournal.flush}, and another store on the file
 * pauses it ({@link SqliteJournal.pause}).
 *
 * A flush refused for one document (its key gone or changed by a hand, `KeylessHistoryError`, or
 * its rows numbered apart from SQLite's) stores the other documents' batches all the same and
 * keeps that one's in the journal, the file rewritten to hold them alone: one flush of every
 * document refused all, kept failing, and refused every later edit of every document. Held so,
 * they are floating in the file (`JournalBatch.floating`): stored numbered on from the document's
 * last row, by this journal or by a recovery after a crash, since another store may write the
 * document meanwhile (`pause`), which left a recovery refusing the journal as another database's.
 */
import { rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { UPDATED_AT_GRAIN_MS } from './limits.js';
import { isoTimes } from './iso-time.js';
import { keptWithoutRecord } from './kept-without-record.js';
import { docRefCheck } from './record-text.js';
import { docDeletedSql, DocRecordGoneError, type AppendItem, type DocRef } from './storage-records.js';
import { KeylessHistoryError } from './keyless-history.js';
import type { SqliteDocKeys } from './sqlite-doc-keys.js';
import type { prepareStatements } from './sqlite-statements.js';
import { encodeEntries, openJournalFile, type JournalBatch, type JournalFile } from './sqlite-journal-file.js';
import { journalPending, type DocMemory, type HeldDoc } from './sqlite-journal-pending.js';

type Statements = ReturnType<typeof prepareStatements>;

/** What the journal needs of its store (`openSqliteStorage`). */
export interface JournalDeps {
  /** The journal file, `<db>.journal`. */
  file: string;
  db: Database.Database;
  q: Statements;
  keys: SqliteDocKeys;
  /** The store's write gate (the checkpoint worker's), around every transaction. */
  write: <T>(transaction: () => T) => T;
  /** The store's clock, ms since 1970: the commit time stored with each batch. */
  nowMs: () => number;
  logger?: Logger;
  /** Flush this long after the first pending append, in ms (default 250). */
  flushMs?: number;
  /** Flush at once when this many bytes are pending (default 1 MiB). */
  flushBytes?: number;
  /** Permission bits of the journal file: the database's (it holds the same edits). */
  mode?: number;
  /**
   * Batches a recovery held back, each with its document's refusal (`JournalRecovery.held`): the
   * journal opens holding them, pending and refused as a flush refuses them, stored once a flush
   * may (the document's key back).
   */
  held?: readonly { batch: JournalBatch; refusal: Error }[];
}

/** The journal of one store; see the module's comment. */
export interface SqliteJournal {
  /** Whether `updates` may be journaled now: only edits (`update`, `memberId`), and the journal not paused. */
  takes(updates: readonly AppendItem[]): boolean;
  /**
   * Journals one document's non-empty batch; returns its last sequence number. Throws
   * `DocRecordGoneError` when the document's record is not stored (unless kept without one), the
   * write's error (nothing kept), the last flush's error while it keeps failing, or the refusal of
   * the document's batches a flush kept back (`KeylessHistoryError` in words) while they stay refused.
   */
  append(ref: DocRef, updates: readonly AppendItem[]): number;
  /** Journals several documents' batches in one `write()`; all or none, as {@link append} each. */
  appendMany(batches: readonly { ref: DocRef; updates: readonly AppendItem[] }[]): number[];
  /** The document's last sequence number as the journal numbered it, or undefined when it has not or is paused. */
  lastSeq(workspace: string, doc: string): number | undefined;
  /**
   * Takes every pending batch into SQLite in one transaction, then truncates the file, or rewrites
   * it to hold the batches of the documents refused (kept pending, see the module's comment; logged
   * once a streak). Throws what SQLite throws (everything stays pending).
   */
  flush(): void;
  /** A direct append stored `last` for `ref` (after a flush): numbering goes on from it. */
  noteDirect(ref: DocRef, last: number): void;
  /** Forgets what it knows of `ref` (its record may be gone, its rows deleted): read again at its next append. */
  forget(ref: DocRef): void;
  /**
   * Flushes and appends nothing more until {@link resume} (another store is open on the file).
   * Throws if the flush fails. A refused document's batches stay pending (logged), numbered on
   * from what the other store left once they are stored.
   */
  pause(): void;
  /** The edits held pending by a refusal, per document with its refusal (`KeylessHistoryError` in words); none most of the time. */
  held(): HeldDoc[];
  /** Journals again, reading last numbers from SQLite afresh. */
  resume(): void;
  /** True while paused. */
  readonly paused: boolean;
  /** Bytes of pending batches (encoded). */
  readonly pendingBytes: number;
  /** Flushes and closes the file; returns the flush's error if it failed, or a refused document's (the file then stays, for recovery). */
  close(): Error | null;
}

/** A batch numbered apart from the document's last row in SQLite: a bug, or a store that wrote it unpaused. Nothing of it is stored. */
class JournalNumberError extends Error {
  readonly code = 'SAMPLAN_JOURNAL_NUMBERING';
}

/** A flush's refusal of one document's batches, which leaves the other documents' to be stored. */
const refusesOneDoc = (err: unknown): err is Error => err instanceof KeylessHistoryError || err instanceof JournalNumberError;

/** Opens the journal at `deps.file` (truncated: recover it first, `recoverJournal`). */
export function openJournal(deps: JournalDeps): SqliteJournal {
  const { q, keys, db } = deps;
  const held = deps.held ?? [];
  // Numbered on when stored (`keyFor`), so the file holds them floating: another store may write their documents first.
  for (const h of held) h.batch.floating = true;
  const heldBytes = held.length > 0 ? encodeEntries(held.map((h) => h.batch)) : undefined;
  const file: JournalFile = openJournalFile(deps.file, undefined, deps.mode, undefined, heldBytes);
  const flushMs = deps.flushMs ?? 250;
  const flushBytes = deps.flushBytes ?? 1024 * 1024;
  const iso = isoTimes();
  const checkRef = docRefCheck();
  const docs = journalPending(held, heldBytes?.length ?? 0);
  const memoryOf = docs.memoryOf;
  let failed: Error | null = null;
  let paused = false;
  let timer: NodeJS.Timeout | null = null;

  // The check the direct INSERT makes (rows only while the record is stored), made once per
  // document: nothing else removes a record while the journal is live without `forget`.
  const checkRecord = (ref: DocRef, memory: DocMemory): void => {
    if (memory.recordSeen || keptWithoutRecord(ref)) return;
    checkRef(ref);
    if (q.getDoc.get(ref.workspace, ref.doc) === undefined) {
      const deleted = db.prepare(docDeletedSql('?', '?')).get(ref.workspace, ref.doc) !== undefined;
      throw new DocRecordGoneError(ref, deleted ? 'deleted' : 'unknown');
    }
    memory.recordSeen = true;
  };

  /** The key to store `b` under, given its numbering follows the document's last row (`expected`, else SQLite's); throws before writing anything. */
  const keyFor = (b: JournalBatch, memory: DocMemory, expected: Map<DocMemory, number>): number => {
    // Checked: its rows go in by `insertUpdate`, which does not check the key as the common commit's INSERT does.
    const key = keys.forWrite(b.workspace, b.doc, true);
    const last = expected.get(memory) ?? keys.lastSeq(b.workspace, b.doc);
    // Held back by an earlier refusal, while other stores wrote the file (`pause`): numbered on from
    // what is stored now. Its edits were acknowledged and relayed; their order in the log is no
    // matter to Yjs, and numbered as journaled they were refused for good (`JournalNumberError`).
    if (docs.isHeld(b)) b.firstSeq = last + 1;
    // Numbered by the journal from SQLite's last: anything else is a bug, and nothing of the document is stored.
    if (b.firstSeq !== last + 1) throw new JournalNumberError(`${deps.file}: ${b.workspace}/${b.doc} journaled from ${b.firstSeq} but SQLite's last is ${last}; nothing of it was flushed`);
    return key;
  };
  const insert = db.transaction((batches: readonly JournalBatch[]): { touched: { memory: DocMemory; ms: number }[]; refused: Set<DocMemory> } => {
    const expected = new Map<DocMemory, number>();
    const touched = new Map<DocMemory, { ms: number; workspace: string; doc: string }>();
    // Documents refused here: their later batches are kept too, so none is numbered over a gap.
    const refused = new Set<DocMemory>();
    for (const b of batches) {
      const memory = memoryOf(b.workspace, b.doc);
      if (refused.has(memory)) continue;
      let key: number;
      try {
        key = keyFor(b, memory, expected);
      } catch (err) {
        if (!refusesOneDoc(err)) throw err;
        if (memory.refused === undefined) deps.logger?.warn({ file: deps.file, workspace: b.workspace, doc: b.doc, code: (err as { code?: string }).code, message: err.message }, "journaled edits of one document refused: kept in the journal, the other documents' stored");
        memory.refused = err;
        refused.add(memory);
        continue;
      }
      memory.refused = undefined;
      const at = iso(b.atMs);
      b.items.forEach((item, i) => q.insertUpdate.run(key, b.firstSeq + i, at, item.memberId, item.update));
      expected.set(memory, b.firstSeq + b.items.length - 1);
      // A held batch, perhaps numbered on: its document's next batch follows it (it took none meanwhile).
      if (docs.isHeld(b)) memory.last = b.firstSeq + b.items.length - 1;
      touched.set(memory, { ms: b.atMs, workspace: b.workspace, doc: b.doc });
    }
    const done: { memory: DocMemory; ms: number }[] = [];
    // The record's `updatedAt`, moved at most once a grain as the direct path does, with the batch's own time.
    for (const [memory, t] of touched) {
      if (memory.touchedAt !== undefined && t.ms - memory.touchedAt < UPDATED_AT_GRAIN_MS && t.ms >= memory.touchedAt) continue;
      q.touchDoc.run(iso(t.ms), t.workspace, t.doc, iso(t.ms - UPDATED_AT_GRAIN_MS));
      done.push({ memory, ms: t.ms });
    }
    return { touched: done, refused };
  });

  const flush = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (docs.batches.length === 0) return;
    let refused: Set<DocMemory>;
    try {
      const out = deps.write(() => insert.immediate(docs.batches));
      for (const t of out.touched) t.memory.touchedAt = t.ms;
      refused = out.refused;
      keys.settled();
    } catch (err) {
      keys.settled();
      // Logged once a streak: retried every tick and before every append, a full disk would
      // otherwise fill the log (often on the same disk) with the same line several times a second.
      if (failed === null) deps.logger?.error({ file: deps.file, code: (err as { code?: string }).code, message: (err as Error).message, pending: docs.batches.length }, 'journal flush failed; retried at each tick and append, told again once it succeeds');
      failed = err instanceof Error ? err : new Error(String(err));
      arm();
      throw failed;
    }
    if (failed !== null) deps.logger?.info({ file: deps.file, pending: docs.batches.length }, 'journal flush succeeded again');
    failed = null;
    if (refused.size === 0) {
      file.reset();
      docs.stored();
      return;
    }
    const bytes = docs.keepRefused(refused);
    if (bytes === undefined) return;
    try {
      file.keep(bytes);
      docs.floated();
    } catch (err) {
      // The file still holds every entry, those just stored too: taking it in skips rows stored (`recoverJournal`).
      deps.logger?.warn({ file: deps.file, code: (err as { code?: string }).code, message: (err as Error).message }, 'journal not rewritten to the refused batches; it keeps the stored ones too until the next flush');
    }
  };
  const tick = (): void => {
    timer = null;
    try {
      flush();
    } catch {
      // Logged by `flush`; retried at the next tick and before every append.
    }
  };
  function arm(): void {
    if (timer === null && docs.batches.length > 0) timer = setTimeout(tick, flushMs).unref();
  }
  // A failed flush leaves its batches pending: nothing may be numbered over them until it succeeds.
  const clearFailure = (): void => {
    if (failed !== null) flush();
  };
  /** Numbers `updates` after the document's last; checks it may be stored. */
  const numbered = (ref: DocRef, updates: readonly AppendItem[], atMs: number): { batch: JournalBatch; memory: DocMemory } => {
    const memory = memoryOf(ref.workspace, ref.doc);
    // Refused at the last flush: tried again (its key may be back), else refused as it was.
    if (memory.refused !== undefined) flush();
    if (memory.refused !== undefined) throw memory.refused;
    checkRecord(ref, memory);
    const last = memory.last ?? keys.lastSeq(ref.workspace, ref.doc);
    keys.checkSeq(ref.workspace, ref.doc, last + updates.length);
    // Copied: the caller may reuse its buffer before the flush stores the bytes.
    const items = updates.map((u) => ({ memberId: u.memberId, update: u.update.slice() }));
    return { batch: { workspace: ref.workspace, doc: ref.doc, firstSeq: last + 1, atMs, items }, memory };
  };
  const journal = (numberedBatches: { batch: JournalBatch; memory: DocMemory }[]): void => {
    const bytes = encodeEntries(numberedBatches.map((n) => n.batch));
    file.append(bytes);
    for (const { batch, memory } of numberedBatches) memory.last = batch.firstSeq + batch.items.length - 1;
    docs.add(numberedBatches, bytes.length);
    arm();
    if (docs.bytes >= flushBytes) {
      try {
        flush();
      } catch {
        // The batch is journaled: it stands. The flush is retried before the next append.
      }
    }
  };

  return {
    takes(updates) {
      if (paused) return false;
      for (const u of updates) if (u.record !== undefined || u.creates || u.takeBacks?.length || u.audit?.length) return false;
      return true;
    },
    append(ref, updates) {
      clearFailure();
      const n = numbered(ref, updates, deps.nowMs());
      journal([n]);
      return n.batch.firstSeq + n.batch.items.length - 1;
    },
    appendMany(batches) {
      clearFailure();
      const atMs = deps.nowMs();
      const out: number[] = [];
      const numberedBatches: { batch: JournalBatch; memory: DocMemory }[] = [];
      // A document twice in one group commit is numbered on from its earlier batch.
      const lastOf = new Map<DocMemory, number | undefined>();
      try {
        for (const { ref, updates } of batches) {
          if (updates.length === 0) {
            out.push(memoryOf(ref.workspace, ref.doc).last ?? keys.lastSeq(ref.workspace, ref.doc));
            continue;
          }
          const n = numbered(ref, updates, atMs);
          if (!lastOf.has(n.memory)) lastOf.set(n.memory, n.memory.last);
          n.memory.last = n.batch.firstSeq + n.batch.items.length - 1;
          numberedBatches.push(n);
          out.push(n.memory.last);
        }
        if (numberedBatches.length > 0) journal(numberedBatches);
      } catch (err) {
        for (const [memory, last] of lastOf) memory.last = last;
        throw err;
      }
      return out;
    },
    lastSeq(workspace, doc) {
      // Paused, other stores append to SQLite: its numbers are the truth until `resume`.
      return paused ? undefined : docs.find(workspace, doc)?.last;
    },
    flush,
    noteDirect(ref, last) {
      memoryOf(ref.workspace, ref.doc).last = last;
    },
    forget(ref) {
      docs.forget(ref.workspace, ref.doc);
    },
    pause() {
      flush();
      // A refused document's batches stay pending, kept in the file, and are numbered on from what
      // the other stores left when they are stored (`keyFor`): refusing the pause refused every
      // other store on the file (a command's backup, an import) for one document a hand broke.
      const refused = docs.firstRefused();
      if (refused !== undefined) deps.logger?.warn({ file: deps.file, held: docs.heldBatches, message: refused.message }, 'journal paused for another store while holding a refused document\'s edits; they are stored once its key is back');
      paused = true;
    },
    resume() {
      paused = false;
      // Still refused until a flush stores them: appends of their documents say so meanwhile.
      docs.forgetAll();
      // Stored now if their key is back, so that they are not held a flush longer than need be.
      if (docs.heldBatches > 0) tick();
    },
    held: () => docs.held(),
    get paused() {
      return paused;
    },
    get pendingBytes() {
      return docs.bytes;
    },
    close() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      let error: Error | null = null;
      try {
        flush();
        error = docs.firstRefused() ?? null;
      } catch (err) {
        error = err as Error;
      }
      file.close();
      // A clean stop leaves no journal; one whose flush failed keeps its entries for the next open.
      if (error === null) rmSync(deps.file, { force: true });
      return error;
    },
  };
}
