/**
 * What `samplan history scan` and `drop` (`cli-history.ts`) ask of the PostgreSQL store beyond
 * loading documents: the documents any table holds anything of (`listStoredDocs`,
 * `stored-docs.ts`), every text a row holds (`findStoredTexts`, `postgres-stored-texts.ts`), and
 * the deletion of a document's updates that no head counts (`dropUnnumberedUpdates`: rows of
 * `update_log` while the document has no row of `doc_heads`, so `loadDoc` answers `lastSeq` 0 and
 * an append numbers its updates from 1 again, into the rows already there). `loadDoc` rebuilds
 * such a head from the rows (`postgres-head.ts`), and a drop loads first, so it finds none left so.
 */
import type pg from 'pg';
import { str, type Row } from './record-rows.js';
import { postgresStoredTexts } from './postgres-stored-texts.js';
import type { Storage } from './storage.js';
import { POSTGRES_STORED_DOCS, sortedRefs } from './stored-docs.js';

/** A document's updates while it has no head: one statement, so the head is read as the rows are deleted. */
const DROP_UNHEADED = `DELETE FROM update_log WHERE workspace = $1 AND doc = $2
  AND NOT EXISTS (SELECT 1 FROM doc_heads WHERE workspace = $1 AND doc = $2)`;

/** The methods above, through the store's `rows` (one statement) and `inTx` (one transaction). */
export function postgresStored(
  pool: Pick<pg.Pool, 'query'>,
  rows: (sql: string, params: unknown[]) => Promise<Row[]>,
  inTx: <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>,
): Required<Pick<Storage, 'listStoredDocs' | 'findStoredTexts' | 'dropUnnumberedUpdates'>> {
  return {
    async listStoredDocs(workspace) {
      return sortedRefs((await rows(POSTGRES_STORED_DOCS, [workspace ?? null])).map((r) => ({ workspace: str(r.workspace), doc: str(r.doc) })));
    },
    findStoredTexts: postgresStoredTexts(inTx),
    async dropUnnumberedUpdates(target) {
      // PostgreSQL keys no row by a number: every row is a document's.
      if ('key' in target) return 0;
      return (await pool.query(DROP_UNHEADED, [target.workspace, target.doc])).rowCount ?? 0;
    },
  };
}
