/**
 * What `samplan history scan` and `drop` (`cli-history.ts`) ask of the PostgreSQL store beyond
 * loading documents: the documents any table holds anything of (`listStoredDocs`,
 * `stored-docs.ts`) and every text a row holds (`findStoredTexts`, `postgres-stored-texts.ts`).
 * No `dropUnnumberedUpdates`: no update of this store goes without a last sequence number. A load
 * writes a missing head from the stored rows and raises one below them (`postgres-head.ts`), and an
 * append that writes a head counts from them (`headBase`, `postgres-queries.ts`), so `loadDoc` never
 * answers `lastSeq` 0 over stored updates (a read-only store answers the number it would write);
 * and no row is keyed by a number but by its document, so no update stands under a key no document
 * has (SQLite's `listKeylessUpdates`). The method deleted rows of `update_log` while their document
 * had no `doc_heads` row, a state no load leaves since the head is rebuilt: it could not run.
 */
import type pg from 'pg';
import { str, type Row } from './record-rows.js';
import { postgresStoredTexts } from './postgres-stored-texts.js';
import type { Storage } from './storage.js';
import { POSTGRES_STORED_DOCS, sortedRefs } from './stored-docs.js';

/** The methods above, through the store's `rows` (one statement) and `inTx` (one transaction). */
export function postgresStored(
  rows: (sql: string, params: unknown[]) => Promise<Row[]>,
  inTx: <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>,
): Required<Pick<Storage, 'listStoredDocs' | 'findStoredTexts'>> {
  return {
    async listStoredDocs(workspace) {
      return sortedRefs((await rows(POSTGRES_STORED_DOCS, [workspace ?? null])).map((r) => ({ workspace: str(r.workspace), doc: str(r.doc) })));
    },
    findStoredTexts: postgresStoredTexts(inTx),
  };
}
