/**
 * Each document's integer key in `doc_keys` (schema version 8, sqlite-schema.ts), which numbers
 * its rows of `update_rows` (`key * 2^32 + seq`), and its last sequence number read through it.
 */
import type Database from 'better-sqlite3';
import { docRefCheck } from './record-text.js';
import { DocKeyChangedError, KeylessHistoryError } from './keyless-history.js';
import { NO_DOC_KEY, UPDATE_KEY_SPAN, type prepareStatements } from './sqlite-statements.js';

type Statements = ReturnType<typeof prepareStatements>;

/** What {@link sqliteDocKeys} gives the store. */
export interface SqliteDocKeys {
  /**
   * The document's key, or {@link NO_DOC_KEY} when it has none yet (it has no update rows then);
   * writes nothing. Throws {@link DocKeyChangedError} when its row of `doc_keys` names another key
   * than its rows are under (changed by a hand before or while this connection knew it).
   */
  read(workspace: string, doc: string): number | typeof NO_DOC_KEY;
  /**
   * The document's key, given it here (one row of `doc_keys`) when it has none. A key this
   * connection remembers is answered as it is, unless `checked` (then one lookup by the primary
   * key, as {@link SqliteDocKeys.stale} when it is gone): the common commit's INSERT checks it
   * itself (`sqlite-statements.ts`). Throws what SQLite throws, and before writing anything what
   * `docRefCheck` throws for a workspace or id no record may hold.
   */
  forWrite(workspace: string, doc: string, checked?: boolean): number;
  /**
   * The document's key once `key`, which this connection remembered, was found no longer its own:
   * another process (a hand in the `sqlite3` shell, a tool) removed its row while this one wrote
   * under it, and rows under a key no row names are read by no load. It is forgotten and the
   * document met as a fresh process meets it, inside the write's transaction: its rows shown to be
   * its own stored under their key again (`lost`), else {@link KeylessHistoryError}
   * (`checkKeyless`). Throws {@link DocKeyChangedError} naming both keys when the document was
   * given another key meanwhile (its history would be numbered apart from the rows this process
   * wrote); nothing is written then, and every read and write of it is refused so until its row
   * names `key` again.
   */
  stale(workspace: string, doc: string, key: number): number;
  /** Whether `key` is still the document's in `doc_keys` (one lookup by the primary key); writes nothing. */
  holds(workspace: string, doc: string, key: number): boolean;
  /**
   * Forgets a remembered key no longer the document's (`holds`), so that a load reads `doc_keys`
   * again; writes nothing. Throws {@link DocKeyChangedError} when its row names another key now.
   */
  recheck(workspace: string, doc: string): void;
  /**
   * Called once a write transaction that may have given keys has ended, committed or rolled back:
   * the keys it gave are read again (and remembered) at their next use. Does nothing while a
   * transaction is still open.
   */
  settled(): void;
  /** The document's last sequence number: its newest update row's, its snapshot's when compaction pruned the log, or its newest checkpoint's when newer still; 0 for none. */
  lastSeq(workspace: string, doc: string): number;
  /**
   * Throws a RangeError naming the document when `seq` does not fit in its key's 32 bits (at most
   * 2^32 − 1, over four billion updates of one document).
   */
  checkSeq(workspace: string, doc: string, seq: number): void;
  /**
   * For a document with no row of `doc_keys` (a hand removed it): the key no document has whose
   * rows are shown to be its own, with the checkpoint that shows it (`provenAmong`): what `read`
   * answers for it, and what its next write stores as its key again. Null when none is; throws
   * {@link KeylessHistoryError} when more than one is. Writes nothing.
   */
  lost(workspace: string, doc: string): { key: number; seq: number } | null;
  /**
   * Throws {@link KeylessHistoryError} when the document has no key (stored or {@link lost}) while
   * rows under a key no document has may be its history (`KEYLESS_SINCE`); writes nothing. For a
   * load and the append that would give it a key: a document with a key asks nothing.
   */
  checkKeyless(workspace: string, doc: string): void;
}

/**
 * The keys whose rows are (@workspace, @doc)'s own: a row of the key at the sequence number of one
 * of the document's checkpoints, written at that checkpoint's time (a checkpoint keeps the time of
 * the update it was made at, to the millisecond), with the greatest such number. Keys are visited
 * one seek each; only keys no document has are joined (`among` the lost ones), or every key but
 * @own (the one its row of `doc_keys` names), and only for a document with checkpoints (one never
 * compacted shows nothing).
 */
const provenAmong = (among: 'lost' | 'all'): string => `WITH RECURSIVE k(key) AS (
    SELECT (SELECT min(id) FROM update_rows) >> 32 WHERE EXISTS (SELECT 1 FROM checkpoints WHERE workspace = @workspace AND doc = @doc)
    UNION ALL SELECT (SELECT min(id) FROM update_rows WHERE id >= (k.key + 1) * 4294967296) >> 32 FROM k WHERE k.key IS NOT NULL),
  lost(key) AS (SELECT key FROM k WHERE key IS NOT NULL AND ${among === 'lost' ? 'NOT EXISTS (SELECT 1 FROM doc_keys WHERE id = k.key)' : 'key IS NOT @own'})
  SELECT lost.key AS key, max(c.seq) AS seq FROM lost JOIN checkpoints c ON c.workspace = @workspace AND c.doc = @doc
    JOIN update_rows u ON u.id = lost.key * 4294967296 + c.seq AND u.at = c.at
  GROUP BY lost.key ORDER BY lost.key`;

/** What {@link KEY_HOLDING_CHECKPOINT} says of a document's key. */
const Holding = {
  /** The row at its newest checkpoint pruned (or under another key): the lost keys' walk (`provenAmong`) says whose. */
  checkpointRowGone: 0,
  /** Its rows are its own as far as the file shows: the row at its newest checkpoint has that checkpoint's time, or it has rows and no checkpoint. */
  own: 1,
  /** A row at its newest checkpoint's number with another time: another document's rows (two keys swapped by a hand). */
  otherTime: 2,
  /** No checkpoint and no row under the key: rows under a key no document has may be its history (`KEYLESS_SINCE`). */
  empty: 3,
} as const;

/**
 * (workspace, doc, workspace, doc), raw: the document's key in `doc_keys`, what the file shows of
 * its rows under it ({@link Holding}), and 1 when the key was given to another document
 * (`doc_key_owners`, schema version 17: keys swapped or taken by a hand), else 0; no row when it has
 * no key. The document's rows are under its key from its first to its last, unless compaction
 * pruned them; one call with a seek in each table, where a lookup of the key alone is one call too
 * (measured: ~8.6 against ~6.4 µs of CPU on a loaded machine, a cold load ~40–60).
 */
const KEY_HOLDING_CHECKPOINT = `SELECT k.id, CASE
    WHEN cp.seq IS NULL THEN CASE WHEN EXISTS (SELECT 1 FROM update_rows WHERE id >= k.id * 4294967296 AND id < (k.id + 1) * 4294967296) THEN 1 ELSE 3 END
    ELSE coalesce((SELECT CASE WHEN u.at = cp.at THEN 1 ELSE 2 END FROM update_rows u WHERE u.id = k.id * 4294967296 + cp.seq), 0) END,
    EXISTS (SELECT 1 FROM doc_key_owners o WHERE o.id = k.id AND (o.workspace <> k.workspace OR o.doc <> k.doc))
  FROM doc_keys k LEFT JOIN (SELECT seq, at FROM checkpoints WHERE workspace = ? AND doc = ? ORDER BY seq DESC LIMIT 1) cp ON 1
  WHERE k.workspace = ? AND k.doc = ?`;

/** (workspace, doc, key): the newest key other than `key` given to the document (`doc_key_owners`), or NULL. */
const OWN_KEY_GIVEN = 'SELECT max(id) FROM doc_key_owners WHERE workspace = ? AND doc = ? AND id <> ?';

/**
 * The keys no document has (in no row of `doc_keys`) with rows under them, the first of them
 * written at `@since` or later (ISO text, as `at` is stored), in order. The keys of `update_rows`
 * are visited one seek each (the next key is the least id past the key before), not row by row.
 */
const KEYLESS_SINCE = `WITH RECURSIVE k(key) AS (
    SELECT (SELECT min(id) FROM update_rows) >> 32
    UNION ALL SELECT (SELECT min(id) FROM update_rows WHERE id >= (k.key + 1) * 4294967296) >> 32 FROM k WHERE k.key IS NOT NULL)
  SELECT key FROM k WHERE key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM doc_keys WHERE id = k.key)
    AND (SELECT at FROM update_rows WHERE id >= k.key * 4294967296 ORDER BY id LIMIT 1) >= @since ORDER BY key`;

/**
 * Since when rows no document has may be the history of (@workspace, @doc): its record's creation
 * (nothing it wrote is older), or for one kept without a record (the rounds), any time when a
 * snapshot, checkpoint or take-back of it is stored; no row when neither (a document never written).
 */
const SINCE = `SELECT created_at FROM docs WHERE workspace = @workspace AND doc = @doc
  UNION ALL SELECT '' WHERE NOT EXISTS (SELECT 1 FROM docs WHERE workspace = @workspace AND doc = @doc)
    AND (EXISTS (SELECT 1 FROM snapshots WHERE workspace = @workspace AND doc = @doc)
      OR EXISTS (SELECT 1 FROM checkpoints WHERE workspace = @workspace AND doc = @doc)
      OR EXISTS (SELECT 1 FROM take_backs WHERE workspace = @workspace AND doc = @doc))`;

/**
 * The keys of `db`'s documents through its statements `q`. Samplan never deletes a key nor gives it to
 * another document (`deleteDoc` keeps it), so this connection remembers each key it has read
 * (by workspace, then document: the names a room passes are the same strings at every append,
 * whose hashes V8 keeps, where a joined key was a new string to hash per lookup): an append looks
 * nothing up, its INSERT checking that the key is still the document's (a hand may remove its row:
 * `stale`). A key this connection gives inside a
 * transaction is remembered only when read again once that transaction has ended (`settled`), since
 * a rollback takes it back and another document could then get its number.
 */
export function sqliteDocKeys(db: Database.Database, q: Statements): SqliteDocKeys {
  const known = new Map<string, Map<string, number>>();
  // Documents met under another key than the one this connection wrote under (`stale`), by `refOf`:
  // refused until their row names that key again (or is gone, when `lost`/`checkKeyless` decide).
  const moved = new Map<string, number>();
  const refOf = (workspace: string, doc: string): string => `${workspace}\u0000${doc}`;
  const checkRef = docRefCheck();
  let stmts: { since: Database.Statement; keys: Database.Statement; proven: Database.Statement; provenAny: Database.Statement; relink: Database.Statement; ownGiven: Database.Statement } | null = null;
  const held = db.prepare('SELECT 1 FROM doc_keys WHERE id = ? AND workspace = ? AND doc = ?').pluck();
  const keyHolding = db.prepare(KEY_HOLDING_CHECKPOINT).raw();
  const holds = (workspace: string, doc: string, key: number): boolean => held.get(key, workspace, doc) !== undefined;
  const prepared = () =>
    (stmts ??= {
      since: db.prepare(SINCE).pluck(),
      keys: db.prepare(KEYLESS_SINCE).pluck(),
      proven: db.prepare(provenAmong('lost')),
      provenAny: db.prepare(provenAmong('all')),
      relink: db.prepare('INSERT INTO doc_keys (id, workspace, doc) VALUES (?, ?, ?)'),
      ownGiven: db.prepare(OWN_KEY_GIVEN).pluck(),
    });
  const lost = (workspace: string, doc: string): { key: number; seq: number } | null => {
    const found = (prepared().proven.all({ workspace, doc }) as { key: number; seq: number }[]).map((r) => ({ key: Number(r.key), seq: Number(r.seq) }));
    if (found.length > 1) throw new KeylessHistoryError(workspace, doc, found.map((f) => f.key));
    return found[0] ?? null;
  };
  const checkKeyless = (workspace: string, doc: string): void => {
    const since = prepared().since.get({ workspace, doc }) as string | undefined;
    if (since === undefined) return;
    const found = (prepared().keys.all({ since }) as (number | bigint)[]).map(Number);
    if (found.length > 0) throw new KeylessHistoryError(workspace, doc, found);
  };
  // Documents given their key (or their lost key stored again) inside a write transaction still
  // open: not remembered until it has ended (`settled`), since a rollback takes the key back and
  // another document could then be given its number. A `read` in the same transaction (the journal's
  // last number, a group commit's second batch of the document) remembered it, and after a
  // rollback the process listed, compacted or deleted another document's rows under it.
  const givenHere = new Set<string>();
  const remember = (workspace: string, doc: string, key: number): void => {
    if (givenHere.size > 0) {
      if (!db.inTransaction) givenHere.clear();
      else if (givenHere.has(refOf(workspace, doc))) return;
    }
    let inWorkspace = known.get(workspace);
    if (inWorkspace === undefined) known.set(workspace, (inWorkspace = new Map()));
    inWorkspace.set(doc, key);
  };
  /**
   * The document's key in `doc_keys`, refused with {@link DocKeyChangedError} when it is not the key
   * of its rows: it was given to another document (`doc_key_owners`) while a key was given to this
   * one, whose rows are under that (two keys swapped by a hand, compacted or not: rows name no
   * document, and one never compacted has no checkpoint to show whose they are); it holds no row at
   * the number of the document's newest checkpoint, and rows under
   * a key no document has are shown to be its own (`lost`); it holds one there written at another
   * time, and another key's rows are shown to be its own (two keys swapped by a hand); or it holds
   * no row at all, the document has no checkpoint, and rows under a key no document has were written
   * since it was made (`checkKeyless`: its key changed before it was ever compacted). So a
   * connection that never knew the old key (a process started after a hand changed the row)
   * refuses the document in the words one that wrote under it does, where it read it through the
   * new key without the rows under the old one, or with another document's. The walks of the keys
   * only when the key's rows are not plainly its own.
   */
  const ownKey = (workspace: string, doc: string): number | undefined => {
    const row = keyHolding.get(workspace, doc, workspace, doc) as [number, number, number] | undefined;
    if (row === undefined) return undefined;
    const [key, holding, givenElsewhere] = row;
    if (givenElsewhere === 1) {
      // Without a key given to this document (a hand gave it another's in a row of its own) the checks below say what they can.
      const own = prepared().ownGiven.get(workspace, doc, key) as number | bigint | null;
      if (own !== null) return changed(workspace, doc, Number(own), key);
    }
    if (holding === Holding.own) return key;
    if (holding === Holding.empty) {
      const since = prepared().since.get({ workspace, doc }) as string | undefined;
      const found = since === undefined ? [] : (prepared().keys.all({ since }) as (number | bigint)[]).map(Number);
      if (found.length === 0) return key;
      if (found.length > 1) throw new KeylessHistoryError(workspace, doc, found);
      return changed(workspace, doc, found[0] as number, key);
    }
    const own = holding === Holding.otherTime ? provenElsewhere(workspace, doc, key) : lost(workspace, doc);
    return own === null ? key : changed(workspace, doc, own.key, key);
  };
  /** Refuses the document, whose rows are under `from` while its row of `doc_keys` names `to`, until that row names `from` again. */
  const changed = (workspace: string, doc: string, from: number, to: number): never => {
    moved.set(refOf(workspace, doc), from);
    throw changedError(workspace, doc, from, to);
  };
  /** The refusal of a document whose rows are under `from` while `doc_keys` names `to`, naming the document given `from` meanwhile (a swap), if any. */
  const changedError = (workspace: string, doc: string, from: number, to: number): DocKeyChangedError => {
    const holder = db.prepare('SELECT workspace, doc FROM doc_keys WHERE id = ?').get(from) as { workspace: string; doc: string } | undefined;
    return new DocKeyChangedError(workspace, doc, from, to, holder);
  };
  /**
   * The key other than `key` (a document's or none's) whose rows the document's checkpoints show to
   * be its own (the first, should a coincidence of times show two); null for none.
   */
  const provenElsewhere = (workspace: string, doc: string, key: number): { key: number; seq: number } | null => {
    const [first] = prepared().provenAny.all({ workspace, doc, own: key }) as { key: number; seq: number }[];
    return first === undefined ? null : { key: Number(first.key), seq: Number(first.seq) };
  };
  /**
   * The key `doc_keys` names for the document now, refused with {@link DocKeyChangedError} when
   * another than the one this connection wrote under before its row was changed (`moved`), or than
   * the one its rows are shown to be under (`ownKey`).
   */
  const storedKey = (workspace: string, doc: string): number | undefined => {
    const from = moved.size === 0 ? undefined : moved.get(refOf(workspace, doc));
    if (from === undefined) return ownKey(workspace, doc);
    const key = q.docKey.get(workspace, doc) as number | undefined;
    if (key !== undefined && key !== from) throw changedError(workspace, doc, from, key);
    moved.delete(refOf(workspace, doc));
    return key;
  };
  // A lost key is not remembered: read again until a write stores it, when `docKey` finds it.
  const read = (workspace: string, doc: string): number | typeof NO_DOC_KEY => {
    const cached = known.get(workspace)?.get(doc);
    if (cached !== undefined) return cached;
    const key = storedKey(workspace, doc);
    if (key === undefined) return lost(workspace, doc)?.key ?? NO_DOC_KEY;
    remember(workspace, doc, key);
    return key;
  };
  const forWrite = (workspace: string, doc: string, checked = false): number => {
    const cached = known.get(workspace)?.get(doc);
    if (cached !== undefined) return !checked || holds(workspace, doc, cached) ? cached : stale(workspace, doc, cached);
    checkRef({ workspace, doc });
    if (storedKey(workspace, doc) === undefined) {
      // Its own rows' key stored again (in the write's transaction: a rollback takes it back too), or none may be its own.
      const own = lost(workspace, doc);
      if (own) {
        prepared().relink.run(own.key, workspace, doc);
        if (db.inTransaction) givenHere.add(refOf(workspace, doc));
        return own.key;
      }
      checkKeyless(workspace, doc);
    }
    const given = q.addDocKey.run(workspace, doc).changes === 1;
    const key = q.docKey.get(workspace, doc) as number;
    if (given && db.inTransaction) givenHere.add(refOf(workspace, doc));
    else remember(workspace, doc, key);
    return key;
  };
  const stale = (workspace: string, doc: string, key: number): number => {
    known.get(workspace)?.delete(doc);
    const now = q.docKey.get(workspace, doc) as number | undefined;
    if (now !== undefined && now !== key) {
      moved.set(refOf(workspace, doc), key);
      throw changedError(workspace, doc, key, now);
    }
    return forWrite(workspace, doc);
  };
  return {
    read,
    forWrite,
    stale,
    holds,
    recheck(workspace, doc) {
      const cached = known.get(workspace)?.get(doc);
      if (cached === undefined || holds(workspace, doc, cached)) return;
      known.get(workspace)?.delete(doc);
      // Given another key meanwhile: a load through it would read none of the rows under this one.
      const now = q.docKey.get(workspace, doc) as number | undefined;
      if (now !== undefined) {
        moved.set(refOf(workspace, doc), cached);
        throw changedError(workspace, doc, cached, now);
      }
    },
    settled() {
      if (!db.inTransaction) givenHere.clear();
    },
    lastSeq(workspace, doc) {
      const key = read(workspace, doc);
      return Number(q.lastSeq.get(key, key, workspace, doc, workspace, doc));
    },
    lost,
    checkKeyless(workspace, doc) {
      if (read(workspace, doc) === NO_DOC_KEY) checkKeyless(workspace, doc);
    },
    checkSeq(workspace, doc, seq) {
      if (seq >= UPDATE_KEY_SPAN) {
        throw new RangeError(`${workspace}/${doc}: update ${seq} has no number left (at most ${UPDATE_KEY_SPAN - 1} per document); nothing was stored`);
      }
    },
  };
}
