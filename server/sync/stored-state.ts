/**
 * A snapshot built from what storage holds rather than from a room's live doc (`commit-log.ts`,
 * when another process's writes keep putting the live doc's snapshot off): the stored snapshot
 * and tail applied to a doc of their own, so the state is exactly the log's up to the sequence
 * the read returned, whatever the room holds that is not written yet.
 */
import * as Y from 'yjs';
import type { DocRef, StoredDoc } from '../storage/storage.js';
import { encodeFresh } from './fresh-state.js';
import { applyStoredHistory } from './stored-history.js';

/** A state to compact to: `snapshot` (Yjs update V2) and, when asked, the fresh clients' bytes (`fresh-state.ts`), of the log up to `upto`. */
export interface LogState {
  upto: number;
  snapshot: Uint8Array;
  fresh: Uint8Array | undefined;
}

/**
 * The state of `stored` (a `loadDoc` read of `ref`: snapshot V2, tail V1) as of its `lastSeq`,
 * with fresh bytes when `withFresh`.
 *
 * @throws DamagedHistoryError naming `ref` and the stored part that does not decode (the compaction logs it and keeps the update log)
 */
export function stateOfStored(ref: DocRef, stored: StoredDoc, withFresh: boolean): LogState {
  const doc = new Y.Doc();
  try {
    doc.transact(() => applyStoredHistory(doc, ref, stored));
    return { upto: stored.lastSeq, snapshot: Y.encodeStateAsUpdateV2(doc), fresh: withFresh ? encodeFresh(doc) : undefined };
  } finally {
    doc.destroy();
  }
}
