/**
 * Each document's integer key in `doc_keys` (schema version 8, sqlite-schema.ts), which numbers
 * its rows of `update_rows` (`key * 2^32 + seq`), and its last sequence number read through it.
 */
import type Database from 'better-sqlite3';
import { docRefCheck } from './record-text.js';
import { NO_DOC_KEY, UPDATE_KEY_SPAN, type prepareStatements } from './sqlite-statements.js';

type Statements = ReturnType<typeof prepareStatements>;

/** What {@link sqliteDocKeys} gives the store. */
export interface SqliteDocKeys {
  /** The document's key, or {@link NO_DOC_KEY} when it has none yet (it has no update rows then); writes nothing. */
  read(workspace: string, doc: string): number | typeof NO_DOC_KEY;
  /**
   * The document's key, given it here (one row of `doc_keys`) when it has none. Throws what SQLite
   * throws, and before writing anything what `docRefCheck` throws for a workspace or id no record may hold.
   */
  forWrite(workspace: string, doc: string): number;
  /** The document's last sequence number: its newest update row's, its snapshot's when compaction pruned the log, or its newest checkpoint's when newer still; 0 for none. */
  lastSeq(workspace: string, doc: string): number;
  /**
   * Throws a RangeError naming the document when `seq` does not fit in its key's 32 bits (at most
   * 2^32 − 1, over four billion updates of one document).
   */
  checkSeq(workspace: string, doc: string, seq: number): void;
}

/**
 * The keys of `db`'s documents through its statements `q`. A key is never deleted or given to
 * another document (`deleteDoc` keeps it), so this connection remembers each key it has read
 * (by workspace, then document: the names a room passes are the same strings at every append,
 * whose hashes V8 keeps, where a joined key was a new string to hash per lookup): an append looks
 * nothing up. A key this connection gives inside a
 * transaction is remembered only when read again outside one, since a rollback takes it back and
 * another document could then get its number.
 */
export function sqliteDocKeys(db: Database.Database, q: Statements): SqliteDocKeys {
  const known = new Map<string, Map<string, number>>();
  const checkRef = docRefCheck();
  const remember = (workspace: string, doc: string, key: number): void => {
    let inWorkspace = known.get(workspace);
    if (inWorkspace === undefined) known.set(workspace, (inWorkspace = new Map()));
    inWorkspace.set(doc, key);
  };
  const read = (workspace: string, doc: string): number | typeof NO_DOC_KEY => {
    const cached = known.get(workspace)?.get(doc);
    if (cached !== undefined) return cached;
    const key = q.docKey.get(workspace, doc) as number | undefined;
    if (key === undefined) return NO_DOC_KEY;
    remember(workspace, doc, key);
    return key;
  };
  return {
    read,
    forWrite(workspace, doc) {
      const cached = known.get(workspace)?.get(doc);
      if (cached !== undefined) return cached;
      checkRef({ workspace, doc });
      const given = q.addDocKey.run(workspace, doc).changes === 1;
      const key = q.docKey.get(workspace, doc) as number;
      if (!given || !db.inTransaction) remember(workspace, doc, key);
      return key;
    },
    lastSeq(workspace, doc) {
      const key = read(workspace, doc);
      return Number(q.lastSeq.get(key, key, workspace, doc, workspace, doc));
    },
    checkSeq(workspace, doc, seq) {
      if (seq >= UPDATE_KEY_SPAN) {
        throw new RangeError(`${workspace}/${doc}: update ${seq} has no number left (at most ${UPDATE_KEY_SPAN - 1} per document); nothing was stored`);
      }
    },
  };
}
