/**
 * Writing again, after reading the document's stored take-backs, what an allowed update lost to a
 * take-back this process does not hold in memory (`room.ts` calls it as the update is queued, held back from storage until it returns).
 */
import type * as Y from 'yjs';
import type { DocRecord, DocRef } from '../storage/storage.js';
import type { Author, RoomDeps } from './room-types.js';
import type { RoomApply } from './room-apply.js';
import { keptLostPaths, tellLostEdits, type OwedDeletes } from './lost-edit.js';
import type { Peer } from './room-types.js';

/*
 * No crash window: the update that owes a replay is held back from storage (`CommitLog.hold`)
 * while the stored take-backs are read and the replay judged, and the replay is queued behind it,
 * so both are written in one storage transaction (one `appendUpdates` batch) and relayed after it.
 * Before, the replay was a commit of its own after the update's: a process killed between the two
 * lost a replayed delete for good (judged against its author's last sync step 1, held only in
 * memory, `storedDeletes` in `take-back-deletes.ts`), and nobody was told; a kept set was written
 * again by the next load only while its take-back was still stored (`lostToTakeBacks`).
 * The cost: the room's later updates wait behind the held one for the read (one query of the
 * document's take-backs), only when an update lost a value to a take-back not held in memory.
 */

/** What {@link lookBackStored} needs of its room; `now()` is read again after each wait. */
export interface LookBackRoom {
  readonly ref: DocRef;
  readonly deps: RoomDeps;
  readonly apply: RoomApply;
  /** The room's doc and record as they are now, and whether it is reloading (nothing is written then). */
  now(): { doc: Y.Doc; record: DocRecord; stale: boolean };
  /** Queue an update the server writes, to store and relay (`CommitLog.append`). */
  append(update: Uint8Array): void;
}

/**
 * A value of an allowed update lost here to one the doc held, and was kept (`keepLostSets`): it
 * may have lost to another process's take-back whose message did not reach this process, or to
 * one this room dropped from memory for the process's budget (`take-back-budget.ts`). Once
 * what was queued before the update is stored (`held.before`: a take-back of this room is stored
 * with the update that made it), the document's stored take-backs are read and such a value is
 * written again (`RoomApply.lookBack`), queued behind the update, which `held` holds back from
 * storage until this returns (`held.release`, `CommitLog.hold`): both are stored in one
 * transaction, then relayed to all: only the sets of `update` (what the
 * author's update wrote), and only those its author may write now (`take-back-rights.ts`); so are
 * `deletes` that met a take-back dropped for the budget replayed. A failed read is logged, and the
 * author told (`lost-edit.ts`) which cells to enter again: of a delete, and of a set of `update`
 * that lost and was kept (`keptLostPaths`; told to `peer`, the connection `update` came from), as
 * nobody can tell now whether it lost to a take-back its author had not seen; the next load may
 * still write such a value again. So is the author of a delete whose take-back storage no longer
 * holds either.
 */
export async function lookBackStored(
  room: LookBackRoom,
  held: { before: Promise<void>; release: () => void },
  author: Author,
  update: Uint8Array | null,
  deletes: OwedDeletes | null,
  peer: Peer | null = null,
): Promise<void> {
  const { doc } = room.now();
  let reading = false;
  try {
    await held.before;
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
    room.deps.logger.info({ ...room.ref }, 'a value (or delete) that lost to a take-back of another process, or one dropped from memory, is written again, with its update, after reading the stored take-backs');
    room.append(rewrite);
  } catch (err) {
    room.deps.logger.warn({ err, ref: room.ref }, 'reading the stored take-backs after a value lost failed');
    if (deletes) tellLostEdits(deletes.peer, deletes.paths);
    // A set that lost and was kept: its author is told, as for a delete (a failed store of what came before is the room's to recover).
    if (update && reading && room.now().doc === doc) tellLostEdits(peer, keptLostPaths(doc, update));
  } finally {
    held.release();
  }
}
