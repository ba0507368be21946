/**
 * The notice a room sends the peers that asked for notices when its document's record changed
 * (`Room.recordChanged`): the archive state, when it is not what it was.
 */
import type { DocRecord } from '../storage/storage.js';
import { encodeDocStateNotice } from '../../shared/protocol/notices.js';

/** The doc-state notice frame telling `after`'s archive state, or null when it is `before`'s. */
export function archiveNotice(before: DocRecord, after: DocRecord): Uint8Array | null {
  const archivedAt = after.archivedAt ?? null;
  const archivedBy = after.archivedBy ?? null;
  if ((before.archivedAt ?? null) === archivedAt && (before.archivedBy ?? null) === archivedBy) return null;
  return encodeDocStateNotice({ archivedAt, archivedBy });
}
