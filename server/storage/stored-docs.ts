/**
 * `DocumentStore.listStoredDocs` of the SQL stores: every document any table holds a record or
 * history of, read from the tables themselves rather than from `docs`, so a document whose record
 * is gone (deleted by a hand, never made by an older Samplan, or the server's own `~rounds`) is
 * listed while its rows stay. A key with nothing under it (SQLite's `doc_keys`, kept for a
 * document deleted so that one made again under its name gets it back; PostgreSQL's `doc_heads`)
 * is no history and is not listed.
 */
import type { DocRef } from './storage-records.js';

/** SQLite: the documents, `workspace = @ws` when it is not NULL. */
export const SQLITE_STORED_DOCS = `SELECT DISTINCT workspace, doc FROM (
    SELECT workspace, doc FROM docs
    UNION ALL SELECT k.workspace, k.doc FROM doc_keys k
      WHERE EXISTS (SELECT 1 FROM update_rows u WHERE u.id >= k.id * 4294967296 AND u.id < (k.id + 1) * 4294967296)
    UNION ALL SELECT workspace, doc FROM snapshots
    UNION ALL SELECT workspace, doc FROM checkpoints
    UNION ALL SELECT workspace, doc FROM take_backs
  ) WHERE @ws IS NULL OR workspace = @ws`;

/** PostgreSQL: the documents, `workspace = $1` when it is not NULL. */
export const POSTGRES_STORED_DOCS = `SELECT workspace, doc FROM (
    SELECT workspace, doc FROM docs
    UNION SELECT workspace, doc FROM update_log
    UNION SELECT workspace, doc FROM snapshots
    UNION SELECT workspace, doc FROM checkpoints
    UNION SELECT workspace, doc FROM take_backs
  ) t WHERE $1::text IS NULL OR workspace = $1`;

/** `refs` by workspace then id, in UTF-16 code unit order (as `Array.prototype.sort` compares strings). */
export function sortedRefs(refs: readonly DocRef[]): DocRef[] {
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...refs].sort((a, b) => cmp(a.workspace, b.workspace) || cmp(a.doc, b.doc));
}
