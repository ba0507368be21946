/**
 * Writing again, after reading the document's stored take-backs, what an allowed update lost to a
 * take-back this process does not hold in memory (`room.ts` calls it once the update is stored).
 */
import type * as Y from 'yjs';
import type { DocRecord, DocRef } from '../storage/storage.js';
import type { Author, RoomDeps } from './room-types.js';
import type { RoomApply } from './room-apply.js';
import { keptLostPaths, tellLostEdits, type OwedDeletes } from './lost-edit.js';
import type { Peer } from './room-types.js';

/*
 * The crash window (known, not closed): the replay is stored in a commit of its own, after the
 * update that made it is stored (`persisted`) and the stored take-backs are read. A process that
 * dies between the two loses what the replay would have written, and nobody is told:
 * - a kept set is not lost for good: the next load writes it again (`lostToTakeBacks` in
 *   `take-back-lookback.ts`) while its take-back is still stored (not once pruned by the bound);
 * - a replayed delete is lost (`deletes`: judged with its author's last sync step 1, held only in
 *   memory, `storedDeletes` in `take-back-deletes.ts`): every copy keeps the value put back.
 * Measured on the test server (memory storage, load 9 to 13 on 2 cores, five runs): from the read
 * of the stored take-backs to the replay's commit 0.4, 1.0, 0.9, 1.2 and 8.0 ms; on SQLite add
 * the read's query and one group-commit tick. Closing it would mean reading the stored take-backs
 * before the update's own commit and storing the replay with it: a storage read on the commit
 * path of every update that lost a value.
 */

/** What {@link lookBackStored} needs of its room; `now()` is read again after each wait. */
export interface LookBackRoom {
  readonly ref: DocRef;
  readonly deps: RoomDeps;
  readonly apply: RoomApply;
  /** The room's doc and record as they are now, and whether it is closing or reloading (nothing is written then). */
  now(): { doc: Y.Doc; record: DocRecord; stale: boolean };
  /** Store and relay an update the server writes (`CommitLog.push`). */
  push(update: Uint8Array): Promise<void>;
}

/**
 * A value of an allowed update lost here to one the doc held, and was kept (`keepLostSets`): it
 * may have lost to another process's take-back whose message did not reach this process, or to
 * one this room dropped from memory for the process's budget (`take-back-budget.ts`). Once
 * the update is stored, the document's stored take-backs are read and such a value is written
 * again (`RoomApply.lookBack`), stored and relayed to all: only the sets of `update` (what the
 * author's update wrote), and only those its author may write now (`take-back-rights.ts`); so are
 * `deletes` that met a take-back dropped for the budget replayed. A failed read is logged, and the
 * author told (`lost-edit.ts`) which cells to enter again: of a delete, and of a set of `update`
 * that lost and was kept (`keptLostPaths`; told to `peer`, the connection `update` came from), as
 * nobody can tell now whether it lost to a take-back its author had not seen; the next load may
 * still write such a value again. So is the author of a delete whose take-back storage no longer
 * holds either.
 */
export async function lookBackStored(room: LookBackRoom, persisted: Promise<void>, author: Author, update: Uint8Array | null, deletes: OwedDeletes | null, peer: Peer | null = null): Promise<void> {
  const { doc } = room.now();
  let reading = false;
  try {
    await persisted;
    reading = true;
    const stored = await room.deps.storage.loadTakeBacks?.(room.ref);
    const now = room.now();
    if (now.stale || now.doc !== doc) return;
    // Storage no longer holds the take-back either (pruned by its bound): the delete cannot be judged.
    if (!stored?.length) return deletes ? tellLostEdits(deletes.peer, deletes.paths) : undefined;
    const principal = author.principal && author.live ? author.live.rightsNow() : author.principal;
    if (author.principal && !principal) return;
    const { update: rewrite, unjudged } = room.apply.lookBack(doc, stored, { record: now.record, deps: room.deps, principal, sets: update, deletes });
    // A delete whose take-back storage pruned since it was dropped from memory cannot be judged: its author is told.
    if (deletes) tellLostEdits(deletes.peer, unjudged);
    if (!rewrite) return;
    room.deps.logger.info({ ...room.ref }, 'a value (or delete) that lost to a take-back of another process, or one dropped from memory, was written again after reading the stored take-backs');
    await room.push(rewrite);
  } catch (err) {
    room.deps.logger.warn({ err, ref: room.ref }, 'reading the stored take-backs after a value lost failed');
    if (deletes) tellLostEdits(deletes.peer, deletes.paths);
    // A set that lost and was kept: its author is told, as for a delete (a failed store of the update itself is the room's to recover).
    if (update && reading && room.now().doc === doc) tellLostEdits(peer, keptLostPaths(doc, update));
  }
}
