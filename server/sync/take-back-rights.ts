/**
 * Whether the server may write again, for its author, a value that lost to a take-back and was
 * kept (`take-back-lookback.ts`, `Room.lookBackStored`): the author's rights are asked as they are
 * now, not as they were when the update was taken. The write happens after the update was stored
 * and the stored take-backs read, and meanwhile the author may have been removed, had a token
 * revoked, or moved to another unit; such an author's kept value is not written.
 */
import * as Y from 'yjs';
import type { DocRecord } from '../storage/storage.js';
import type { Principal } from './principal.js';
import type { RoomDeps } from './room-types.js';
import { mayWriteCell, offerRefusal } from './offer-checks.js';
import { pathOf } from './take-back-items.js';

/**
 * May `principal` (null: a trusted server-side write) write `value` to `map`'s `key` of `doc` as
 * it is now? A cell (`rows/<row>/<column>`) is asked as an offered cell edit is
 * (`mayWriteCell`: the write right, the row's unit, an archived document, an approved round's
 * lock); a whole row (`rows/<row>`) as a write of each of its cells; a setting (`meta/<key>`) as
 * an offered change of that setting. Anything else (comments) is not written for a principal: the
 * checks of those read the update itself.
 */
export function mayWriteAgain(doc: Y.Doc, record: DocRecord, deps: Pick<RoomDeps, 'auth' | 'locks'>, principal: Principal | null, map: Y.Map<unknown>, key: string, value: unknown): boolean {
  const path = pathOf(map, key);
  const [root, first, second] = path;
  if (root === 'rows' && path.length === 3 && first !== undefined && second !== undefined) return mayWriteCell(doc, record, deps, principal, first, second);
  if (root === 'rows' && path.length === 2 && first !== undefined) {
    const cells = value !== null && typeof value === 'object' && '_prelimContent' in value ? (value as { _prelimContent: Map<string, unknown> | null })._prelimContent : null;
    return [...(cells?.keys() ?? [])].every((column) => mayWriteCell(doc, record, deps, principal, first, column));
  }
  if (principal === null) return true;
  if (root === 'meta' && path.length === 2) {
    if (record.archivedAt || !deps.auth.canWrite(principal, record)) return false;
    const verdict = { ok: true as const, touchedRows: [], createdRows: [], deletedRows: [], metaKeys: [key], cells: [], comments: { created: new Map(), changed: new Map(), deleted: new Set<string>() } };
    return offerRefusal(doc, record, deps, { principal, verdict, update: new Uint8Array(0) }) === null;
  }
  return false;
}

/**
 * Whether an item id is one `update` (Yjs V1) wrote: inside its range of clocks of the item's
 * client. Throws what Yjs throws on bytes that are not an update.
 */
export function writtenBy(update: Uint8Array): (id: Y.ID) => boolean {
  const { from, to } = Y.parseUpdateMeta(update);
  return (id) => id.clock >= (from.get(id.client) ?? Infinity) && id.clock < (to.get(id.client) ?? -Infinity);
}
