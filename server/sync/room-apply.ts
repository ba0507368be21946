/**
 * How a room's doc takes updates in, with the room's memory of recent take-backs
 * (`take-backs.ts`): an allowed update is applied in one transaction together with the values of
 * it that lost to a take-back, written again; a refused one is applied and taken back at once
 * (`undo-refused.ts`); an update another process stored is applied and its lost values written
 * again. It holds the doc's one `update` listener, which collects what Yjs emits while an allowed
 * update is applied. Which updates are allowed is `offer-checks.ts`; storing and relaying what
 * comes out is the room's (`room.ts`, `commit-log.ts`).
 */
import * as Y from 'yjs';
import type { DocRecord, StoredTakeBack } from '../storage/storage.js';
import type { Principal } from './principal.js';
import type { Loaded } from './load-doc.js';
import type { RoomDeps } from './room-types.js';
import { inRefusedPart, mayMake, mayWriteCell, type RefusedParts } from './offer-checks.js';
import { applyAndUndo } from './undo-refused.js';
import { applyUpdateV1 } from '../../shared/validate/update-structs.js';
import { asIsWrite, integrateAsIs, stillAsIs, type AsIsWrite } from './emits-as-is.js';
import type { CellWriteBytes } from '../../shared/validate/cell-write.js';
import { keepLostSets, TakeBacks, type LostToForgotten } from './take-backs.js';
import { deleteOnlyUpdate, storedDeletes } from './take-back-deletes.js';
import { mayWriteAgain, writtenBy } from './take-back-rights.js';
import { lostToTakeBacks, writeAgain, type LookBackWrite } from './take-back-lookback.js';
import { processDueBudget, type DueBudget } from './due-budget.js';
import { quietEvents, RoomObservers } from './quiet-events.js';

/** Transaction origin of updates another process appended to this document's log. */
const FOREIGN = Symbol('samplan.foreign');
/** No owed deletes: the one empty list every update without them shares (never added to), so an edit allocates none. */
const NO_DELETES: string[][] = [];

/**
 * At most this many updates of other processes wait unapplied in a room ({@link RoomApply.keepForeign}),
 * and at most {@link DUE_BYTES} bytes of them; the next one applies them all.
 */
export const DUE_MAX = 64;
export const DUE_BYTES = 256 * 1024;
/** Transaction origin of taking a refused update back. */
const UNDO = Symbol('samplan.undo-refused');

/** The author of an update being applied, as its deletes and row writes are checked (`offer-checks.ts`). */
export interface Applying {
  record: DocRecord;
  deps: RoomDeps;
  /** Null for trusted server-side writes. */
  principal: Principal | null;
  /** The state vector of the sender's last sync step 1, when it sent one (`take-back-deletes.ts`). */
  seen: Uint8Array | undefined;
}

/**
 * What an applied update changed: Yjs's update V1 of it, whether values were written again for
 * the sender too, and whether a value of it lost to one the doc held and was kept (`keepLostSets`).
 */
export interface Applied {
  update: Uint8Array;
  rewrote: boolean;
  kept: boolean;
}

/** The update path of one room's doc and its take-backs; follows each doc the room holds ({@link RoomApply.watch}). */
export class RoomApply {
  /** Recent take-backs of refused updates, so an allowed concurrent edit is not lost to them. */
  readonly takeBacks: TakeBacks;
  /**
   * What Yjs emits while `integrate` applies an update (nothing else is collected): the first in a
   * field, any more (rare) in an array. An array emptied per update (`length = 0`) gave up its
   * storage each time, and its next push made new storage of 17 slots: ~150 bytes per edit.
   */
  private emittedFirst: Uint8Array | null = null;
  private readonly emittedMore: Uint8Array[] = [];
  private collecting = false;
  private readonly collect = (update: Uint8Array): void => {
    if (!this.collecting) return;
    if (this.emittedFirst === null) this.emittedFirst = update;
    else this.emittedMore.push(update);
  };
  /** The update `integrate` is applying and its outcome, read by {@link RoomApply.body} (no closure per update). */
  private doc: Y.Doc | null = null;
  private update: Uint8Array | null = null;
  private origin: unknown = null;
  private by: Applying | null = null;
  private rewrote = false;
  private kept = false;
  private tr: Y.Transaction | null = null;
  /** The update `integrate` is applying, when Yjs would emit it as it came (`asIsWrite`). */
  private asIsNow: AsIsWrite | null = null;
  /** False: Yjs encodes every update applied, as-is ones too (the differential check of `emits-as-is.test.ts`). */
  asIs = true;
  /**
   * The paths of the keys the update `integrate` applied last deletes while they hold the item of a
   * take-back dropped from memory for the budget (`TakeBacks.deletesMeetDropped`): the room replays
   * such a delete once it has read the stored take-backs ({@link RoomApply.lookBack}).
   */
  deletesOwed: string[][] = NO_DELETES;
  /**
   * An update {@link RoomApply.integrate} took as it came without applying it yet (`later`): applied
   * by {@link RoomApply.applyLater} once it is relayed, or before anything reads the doc
   * ({@link RoomApply.applyDue}, which the room's `doc` calls); null when none waits. At most one:
   * the next update is judged against the doc, which applies this one first. This is what
   * `asIsWrite` read of it; its doc, bytes, origin and author are the fields below.
   */
  private laterAsIs: AsIsWrite | null = null;
  /** The rest of the update {@link RoomApply.laterAsIs} is of (fields, not an object per edit); read only while that is set. */
  private laterDoc: Y.Doc | null = null;
  private laterUpdate: Uint8Array | null = null;
  private laterOrigin: unknown = null;
  private laterBy: Applying | null = null;
  /** Updates of other processes kept unapplied ({@link RoomApply.keepForeign}), in storage order, and their bytes. */
  private due: Uint8Array[] = [];
  private dueBytes = 0;

  /**
   * `share` publishes take-backs made here to the other processes holding the document (bytes of
   * `take-back-wire.ts`); `onLost` hears of an allowed set that lost to a take-back forgotten here
   * (`TakeBacks`' constructor); `laterFailed`, of an update applied later ({@link RoomApply.applyLater})
   * that threw: the doc may hold part of it.
   */
  constructor(
    share: (bytes: Uint8Array) => void,
    onLost?: (lost: LostToForgotten) => void,
    private readonly dueBudget: DueBudget = processDueBudget(),
    private readonly laterFailed: (err: unknown) => void = () => undefined,
  ) {
    this.takeBacks = new TakeBacks(onLost ? { share, onLost } : { share });
  }

  /** Forget what waits unapplied (it is stored) and hand its bytes back to the process's budget. */
  private dropDue(): Uint8Array[] {
    const due = this.due;
    this.dueBudget.used -= this.dueBytes;
    this.due = [];
    this.dueBytes = 0;
    return due;
  }

  /** The room is closed: what waits unapplied (stored) and the take-backs remembered leave the process's budgets. */
  release(): void {
    this.forgetLater();
    this.dropDue();
    this.takeBacks.release();
  }

  /** Follow a doc the room holds (loaded, reloaded): its stored take-backs (before any update), and what it emits. */
  watch(loaded: Loaded): void {
    const { doc } = loaded;
    // What waited is stored (or its write failed), so a doc loaded from storage holds what it must.
    this.forgetLater();
    this.dropDue();
    this.takeBacks.clear();
    this.takeBacks.receiveAll(doc, loaded.takeBacks);
    doc.on('update', this.collect);
    // Each edit is one transaction: its events without listeners make no Map each.
    quietEvents(doc);
  }

  /**
   * Apply an allowed update with `origin` and return what Yjs emitted for it, or null when
   * nothing changed. Its values that lost to a recent take-back are written again, and its
   * deletes of keys taken back that its sender had not seen replayed, in the same transaction
   * (`take-backs.ts`): stored and relayed with it; `rewrote` says so (the sender needs the result
   * too). A value of it that lost to one the doc held is kept (`keepLostSets`) for another process
   * to write again. Throws what Yjs throws (the doc may then hold part of the update).
   *
   * With `later`, an update Yjs would emit as it came (`emits-as-is.ts`) is returned as the
   * outcome at once and applied afterwards ({@link RoomApply.applyLater}, or before the doc is next
   * read, {@link RoomApply.applyDue}): its bytes can be stored and relayed without waiting for Yjs'
   * transaction (~0.1–0.2 ms of a one-cell edit), which then runs after the sends. `read`: what the
   * check read of `update` as a one-cell write (`cellWriteRead` of its verdict), not read again.
   */
  integrate(doc: Y.Doc, update: Uint8Array, origin: unknown, by: Applying, later = false, read?: CellWriteBytes): Applied | null {
    this.applyLater();
    this.deletesOwed = NO_DELETES;
    const asIs = this.asIs && this.takeBacks.idle && doc._transaction === null ? asIsWrite(doc, update, read) : null;
    if (asIs && later) {
      this.laterAsIs = asIs;
      this.laterDoc = doc;
      this.laterUpdate = update;
      this.laterOrigin = origin;
      this.laterBy = by;
      return { update, rewrote: false, kept: false };
    }
    return this.run(doc, update, origin, by, asIs);
  }

  /**
   * Apply the update {@link RoomApply.integrate} left for later, if one waits (at once when none
   * does). Never throws: what Yjs throws goes to {@link RoomApply.laterFailed}.
   */
  applyLater(): void {
    const asIs = this.laterAsIs;
    if (asIs === null) return;
    const doc = this.laterDoc as Y.Doc;
    const update = this.laterUpdate as Uint8Array;
    const origin = this.laterOrigin;
    const by = this.laterBy as Applying;
    this.forgetLater();
    try {
      this.run(doc, update, origin, by, doc._transaction === null ? asIs : null);
    } catch (err) {
      this.laterFailed(err);
    }
  }

  /** No update waits for {@link RoomApply.applyLater} any more. */
  private forgetLater(): void {
    this.laterAsIs = this.laterDoc = this.laterUpdate = this.laterBy = null;
    this.laterOrigin = null;
  }

  /**
   * Apply `update` in one transaction (`asIs`: what `asIsWrite` read of it against `doc` as it still
   * is; Yjs' decoding and encoding of it skipped, its bytes emitted instead); see {@link RoomApply.integrate}.
   */
  private run(doc: Y.Doc, update: Uint8Array, origin: unknown, by: Applying, asIs: AsIsWrite | null): Applied | null {
    this.emittedFirst = null;
    if (this.emittedMore.length > 0) this.emittedMore.length = 0;
    this.doc = doc;
    this.update = update;
    this.origin = origin;
    this.by = by;
    this.rewrote = false;
    this.kept = false;
    // An update Yjs would emit byte for byte as it came (`emits-as-is.ts`; nothing to write again
    // with it) is applied with the doc's `update` listeners hidden, so Yjs does not encode it, and
    // they are handed the incoming bytes with the transaction, as Yjs would call them.
    // Such an update is integrated from what `asIsWrite` read (`integrateAsIs`), not decoded again.
    if (asIs !== null && !stillAsIs(doc, asIs)) asIs = null;
    this.asIsNow = asIs;
    const hidden = asIs ? hideUpdateListeners(doc) : null;
    // The doc's one listener (`watch`) collects into `emittedFirst` and `emittedMore` while the update is applied.
    this.collecting = true;
    try {
      this.tr = null;
      try {
        doc.transact(this.body, origin);
      } finally {
        if (hidden) hidden.updateHidden = false;
      }
      if (hidden && this.tr) doc.emit('update', [update, origin, doc, this.tr]);
    } finally {
      this.collecting = false;
      this.doc = this.update = this.by = this.tr = this.asIsNow = null;
      this.origin = null;
    }
    const first = this.emittedFirst;
    this.emittedFirst = null;
    if (first === null) return null;
    const out = this.emittedMore.length === 0 ? first : Y.mergeUpdates([first, ...this.emittedMore.splice(0)]);
    return { update: out, rewrote: this.rewrote, kept: this.kept };
  }

  /** The transaction of `integrate`: one function for every update. */
  private readonly body = (tr: Y.Transaction): void => {
    this.tr = tr;
    const doc = this.doc as Y.Doc;
    const update = this.update as Uint8Array;
    if (this.asIsNow) {
      integrateAsIs(tr, this.asIsNow);
      // Its item lands rightmost and stays live, and the transaction deletes only the value it
      // replaces, which was there before (`emits-as-is.ts`): no set of it lost, nothing to keep.
      if (this.takeBacks.idle) return;
    } else applyUpdateV1(doc, update, this.origin);
    if (!this.takeBacks.idle) this.rewrote = this.reassert(tr, doc, update, this.by as Applying);
    this.kept = keepLostSets(tr) > 0;
  };

  /** Values of `update` that lost to a remembered take-back written again (`TakeBacks.reassert`); true when any was. */
  private reassert(tr: Y.Transaction, doc: Y.Doc, update: Uint8Array, by: Applying): boolean {
    const sv = by.seen;
    const mayDelete = (id: Y.ID): boolean => mayMake(doc, by.record, by.deps, by.principal, deleteOnlyUpdate(id));
    const mayWriteRow = (row: Y.Map<unknown>, key: string): boolean =>
      typeof row._item?.parentSub === 'string' && mayWriteCell(doc, by.record, by.deps, by.principal, row._item.parentSub, key);
    const wrote = this.takeBacks.reassert(tr, { update, seen: sv && Y.decodeStateVector(sv), mayDelete, mayWriteRow }) > 0;
    if (sv !== undefined) this.deletesOwed = this.takeBacks.deletesMeetDropped(doc, update);
    return wrote;
  }

  /**
   * Apply a refused update and take its refused `parts` back at once (`undo-refused.ts`). Returns
   * what the transaction emitted (null when nothing changed) and the take-backs it made, which are
   * remembered and must be stored with that update. Throws what Yjs throws.
   */
  undo(doc: Y.Doc, update: Uint8Array, parts: RefusedParts & { all?: true }): { undo: Uint8Array | null; stored: StoredTakeBack[] } {
    const stored: StoredTakeBack[] = [];
    const undo = applyAndUndo(doc, update, UNDO, (path) => inRefusedPart(parts, path), (tb) => this.takeBacks.remember(tb, stored));
    return { undo, stored };
  }

  /**
   * Takes in the document's stored take-backs (`stored`, oldest first) and writes again the kept
   * values of allowed sets that lost to one of them (`take-back-lookback.ts`): for a value that
   * lost here to a take-back of another process whose message did not reach this one, or to one
   * dropped from memory for the budget. With `by`, only for that author, as the author's rights
   * are now (`principal`; null: a trusted write): of the sets its update `sets` wrote, those it
   * may still write (`take-back-rights.ts`), and its update `deletes` replayed where they met a
   * take-back dropped for the budget, seen as the author's `seen` (its last sync step 1 when the
   * update came) and when the author may still make them (`storedDeletes` in `take-back-deletes.ts`).
   * Returns what was written (`update`: an update V1 to store and relay, or null) and the paths of
   * the deletes that could not be judged, their take-back pruned from storage too (`unjudged`:
   * their author is to be told). Throws what Yjs throws.
   */
  lookBack(
    doc: Y.Doc,
    stored: readonly Uint8Array[],
    by?: { record: DocRecord; deps: RoomDeps; principal: Principal | null; sets: Uint8Array | null; deletes: { update: Uint8Array; seen: Uint8Array } | null },
  ): { update: Uint8Array | null; unjudged: string[][] } {
    this.takeBacks.receiveAll(doc, stored);
    let owed: LookBackWrite[] = [];
    doc.transact((tr) => {
      owed = lostToTakeBacks(tr, stored);
    });
    if (!by) return { update: writeAgain(doc, owed), unjudged: NO_DELETES };
    const ours = by.sets ? writtenBy(by.sets) : () => false;
    const writes = owed.filter((w) => ours(w.set) && mayWriteAgain(doc, by.record, by.deps, by.principal, w.map, w.key, w.value));
    const mayDelete = (id: Y.ID): boolean => mayMake(doc, by.record, by.deps, by.principal, deleteOnlyUpdate(id));
    const { deletes, unjudged } = by.deletes ? storedDeletes(doc, by.deletes.update, stored, Y.decodeStateVector(by.deletes.seen), mayDelete, this.takeBacks.dropped) : { deletes: [], unjudged: NO_DELETES };
    return { update: writeAgain(doc, writes, deletes), unjudged };
  }

  /**
   * Keep `update`, which another process stored and this room relayed, to apply later: true when
   * kept, false when it must be applied now ({@link RoomApply.applyForeign}). Kept only while the
   * room remembers no take-back (`TakeBacks.idle`): then applying it writes nothing again and
   * depends on nothing but the updates before it, so it may wait until something reads the doc
   * (a local edit judged, a client's sync, a snapshot: the room's `doc` calls
   * {@link RoomApply.applyDue} first). A process whose clients of a document only read then applies
   * the other processes' edits in one transaction per {@link DUE_MAX} instead of one each. Not kept
   * either past {@link DUE_BYTES} in the room or the process's budget (`due-budget.ts`, `SAMPLAN_UNAPPLIED_MEMORY_MB`).
   */
  keepForeign(update: Uint8Array): boolean {
    const bytes = update.byteLength;
    if (!this.takeBacks.idle || this.due.length >= DUE_MAX || this.dueBytes + bytes > DUE_BYTES) return false;
    if (this.dueBudget.used + bytes > this.dueBudget.limitBytes) return false;
    this.due.push(update);
    this.dueBytes += bytes;
    this.dueBudget.used += bytes;
    return true;
  }

  /**
   * Apply the updates kept by {@link RoomApply.keepForeign} to `doc`, in order, in one transaction,
   * as they would have been applied when received (no take-back was remembered then); returns `doc`.
   * An update Yjs cannot apply fails alone, as when each was applied on receipt: the ones after it
   * are applied all the same, then the first error is thrown (what Yjs threw).
   */
  applyDue(doc: Y.Doc): Y.Doc {
    // Taken before the updates of other processes that wait: it was judged, and stored, against the doc without them.
    this.applyLater();
    if (this.due.length === 0) return doc;
    const due = this.dropDue();
    let failed: { err: unknown } | null = null;
    doc.transact(() => {
      for (const update of due) {
        try {
          Y.applyUpdate(doc, update, FOREIGN);
        } catch (err) {
          failed ??= { err };
        }
      }
    }, FOREIGN);
    if (failed) throw (failed as { err: unknown }).err;
    return doc;
  }

  /**
   * Apply an update another process stored; returns the values of it that lost to a take-back
   * remembered here, written again (an update V1 to store and relay), or null (`TakeBacks.applyStored`).
   */
  applyForeign(doc: Y.Doc, update: Uint8Array): Uint8Array | null {
    return this.takeBacks.applyStored(doc, update, FOREIGN);
  }
}

/**
 * Hide `doc`'s `update` listeners from Yjs (it then encodes no update) and return its listener map,
 * whose `updateHidden` is to be cleared after the transaction; null when there are none to hide, or
 * the doc was not watched (`quietEvents`): then Yjs encodes the update, the same bytes.
 */
function hideUpdateListeners(doc: Y.Doc): RoomObservers | null {
  const observers = doc._observers;
  if (!(observers instanceof RoomObservers) || !observers.has('update')) return null;
  observers.updateHidden = true;
  return observers;
}
