import type { DocRef } from './storage-records.js';

/**
 * The first character of the ids of the documents the server keeps for itself under no record
 * (a workspace's rounds, `~rounds`, `rounds-store.ts`): no document id of the API may take it
 * (`server/http/documents.ts` allows `a–z`, digits and `-`), so no record is ever made for one.
 */
export const SERVER_DOC_PREFIX = '~';

/**
 * The one exception to the rule every store keeps on its appends (`appendUpdates`, `appendMany`,
 * `appendAfter`): updates are stored only while the document's record is stored (or made by the
 * batch, `AppendItem.creates`), so a document deleted meanwhile keeps no update row; a document
 * whose id starts with {@link SERVER_DOC_PREFIX} has no record and is stored without one.
 */
export function keptWithoutRecord(ref: DocRef): boolean {
  return ref.doc.startsWith(SERVER_DOC_PREFIX);
}
