/**
 * A snapshot built from what storage holds rather than from a room's live doc (`commit-log.ts`,
 * when another process's writes keep putting the live doc's snapshot off): the stored snapshot
 * and tail applied to a doc of their own, so the state is exactly the log's up to the sequence
 * the read returned, whatever the room holds that is not written yet. Applied a piece at a time
 * with the event loop given back between them (`applyStoredHistorySliced`), as a room's load is:
 * applied in one go, a large document's compaction held every other document's edits for all of it.
 */
import * as Y from 'yjs';
import type { DocRef, StoredDoc } from '../storage/storage.js';
import { decodeFresh, encodeFresh } from './fresh-state.js';
import { applyStoredHistorySliced, DamagedHistoryError } from './stored-history.js';
import { slicer } from './slices.js';

/** A state to compact to: `snapshot` (Yjs update V2) and, when asked, the fresh clients' bytes (`fresh-state.ts`), of the log up to `upto`. */
export interface LogState {
  upto: number;
  snapshot: Uint8Array;
  fresh: Uint8Array | undefined;
}

/**
 * The state of `stored` (a `loadDoc` read of `ref`: snapshot V2, tail V1) as of its `lastSeq`,
 * with fresh bytes when `withFresh`. The snapshot is applied from the fresh clients' bytes beside it
 * when their checksum holds (its state as update V1), else from the snapshot; should those bytes
 * not apply, from the snapshot again on a new doc. The two encodes at the end are of the whole doc.
 *
 * @throws DamagedHistoryError naming `ref` and the stored part that does not decode (the compaction logs it and keeps the update log)
 */
export async function stateOfStored(ref: DocRef, stored: StoredDoc, withFresh: boolean): Promise<LogState> {
  const beside = stored.snapshot && stored.fresh ? decodeFresh(stored.fresh) : null;
  const whole = beside?.checked ? beside.update : null;
  let doc = new Y.Doc();
  try {
    try {
      await applyStoredHistorySliced(doc, ref, stored, slicer(), whole);
    } catch (err) {
      if (!whole || !(err instanceof DamagedHistoryError && err.place.kind === 'snapshot')) throw err;
      doc.destroy();
      doc = new Y.Doc();
      await applyStoredHistorySliced(doc, ref, stored, slicer());
    }
    return { upto: stored.lastSeq, snapshot: Y.encodeStateAsUpdateV2(doc), fresh: withFresh ? encodeFresh(doc) : undefined };
  } finally {
    doc.destroy();
  }
}
