/**
 * A room's memory of its recent take-back writes (see `undo-refused.ts`), so that a take-back
 * never wins over an allowed edit made at the same time. A take-back is a new write by the
 * server; an allowed edit of the same map key made concurrently (an owner editing offline while
 * another unit's refused edit is taken back) may lose to it by Yjs's client-id order, and an
 * allowed edit of a row map a refused delete deleted lands in the deleted map while the row lives
 * on as the server's new copy. Either way the allowed value would be lost for everyone, with no
 * notice. So the room remembers, for each take-back:
 * - of a map key: the map, the key, the id of the take-back item and of the refused item, and
 *   the state of the doc before the refused update;
 * - of a row put back after a refused delete: the deleted row map and its new copy.
 * When the room integrates an allowed update, {@link TakeBacks.reassert} looks at the map sets
 * that update integrated, in the same transaction: a set that lost its key to a remembered
 * take-back (or to the refused item) and had not seen the refused update (its origin, followed
 * through the update's own sets, existed before the refused update) has its value written again
 * by the server; a set in a row map a refused delete deleted is written to the row's copy, when
 * its author may write that cell of the row and it is not itself a take-back (one another process
 * made in the row while it lived there writes the value from before, not an edit). The writes are
 * part of the update's transaction, so they are stored before they are relayed, like every other
 * write.
 *
 * In a cluster (PostgreSQL + Redis) every process holding the document remembers each take-back,
 * stored with the document and shared through the fan-out: how, and what a lost message costs, is
 * told in `take-back-wire.ts`.
 *
 * The memory is bounded by count and size, not by age: a room and storage keep the newest
 * {@link TAKE_BACK_LIMIT} take-backs of a document of at most {@link TAKE_BACK_BYTES} together,
 * however old, the oldest forgotten first (`take-back-index.ts`, `takeBacksToPrune` in
 * `storage/limits.ts`): whether a set had seen the refused update does not depend on when it
 * reaches the server, and a workbook may stay offline over a weekend. One refused paste makes one take-back per cell; the count
 * keeps one of 10,000 cells whole. Each take-back keeps the state from before the refused update
 * of its key's clients only (`keyState` in `undo-refused.ts`), not of every client that ever wrote
 * the document (one per session), so its size does not grow with the document's age: about 40
 * bytes for a cell. The room looks take-backs up by item, row map and map key
 * (`take-back-index.ts`), so an allowed update costs its own size, not the number remembered. All
 * rooms of a process together stay within a budget of heap (`take-back-budget.ts`): past it, the
 * oldest take-backs of the rooms holding the most are dropped from memory, not forgotten: an
 * allowed edit that loses to one is kept (`keepLostSets`) and written again once the room has read
 * the stored take-backs ({@link TakeBacks.needsLookBack}, `Room.lookBackStored`).
 *
 * What remains: an allowed edit that lost to a take-back no longer remembered (more than the bound
 * of newer take-backs in the same document came between) is not written again: nothing tells
 * whether it had seen the refused update once the take-back is forgotten. The room that forgot it
 * tells such a loss apart (it keeps the ids of the items forgotten take-backs wrote, as ranges) and
 * logs it as a warning (the cell's path and the items' ids, never a value), and tells the author's
 * pane which cell to enter again (`lost-edit.ts`, on the refusal channel of the notices; a client
 * without notices is not told); so is a cell edit landing in a row a refused delete deleted whose
 * take-back was forgotten (the room keeps the deleted row's id, `RowTakeBacks.forgotten`: the
 * row's copy is not known any more). A process that loaded the document after the take-back was pruned from storage
 * does not know it either (the loss is then silent). So may a
 * cell edit of a row a refused delete deleted on a process that loaded the document from a
 * snapshot written by a process that had applied that delete as a plain update (the deleted row
 * map was collected there). A set kept by `keepLostSets` that no process holding the document
 * wrote again (those that knew the take-back were gone) is written again by the next room that
 * loads the document (`take-back-lookback.ts`), a set of a whole row map with its cells (kept
 * with it); a row map stored without its cells (by a process that kept the map only) stays lost
 * rather than be written again empty. A whole row that lost to the take-back's copy of that row
 * (the owner inserted the row again offline while another unit's delete of it was taken back) is
 * written into the copy cell by cell, live or on load (`cellsIntoCopy`): a cell edited in the copy
 * since the take-back keeps that edit, which its author saw stored; written whole, the row
 * replaced the copy and lost it.
 *
 * A concurrent allowed delete of a taken-back key is replayed by the room the deleting client is
 * connected to (`take-back-deletes.ts`), which tells from the client's last sync step 1 whether it
 * had seen the take-back (of one dropped from memory: once the stored ones are read,
 * {@link TakeBacks.deletesMeetDropped}; its author is told when they cannot be read or no longer
 * hold it). Every client sends a step 1 before its edits (y-websocket's provider, and so the pane,
 * at every connect), and the server's own writes delete no key; only a client of its own that
 * sends edits with no step 1 first has its deletes left as they are (`take-backs-deletes-step1.test.ts`).
 */
import * as Y from 'yjs';
import { decodeTakeBacks, encodeTakeBacks } from './take-back-wire.js';
import type { LostToForgotten, MayWriteRow, TakeBack } from './take-back-types.js';
import { TAKE_BACK_LIMIT } from '../storage/limits.js';
import type { StoredTakeBack } from '../storage/storage.js';
import { deletesMeetDropped, replayedDeletes, type MayDelete } from './take-back-deletes.js';
import { emittedBy, setsOf } from './take-back-items.js';
import { isTakeBackItem, lostWrites } from './take-back-lost.js';
import { TakeBackIndex, type TakeBackEntry } from './take-back-index.js';
import type { TakeBackBudget } from './take-back-budget.js';
import { PendingTakeBacks } from './take-back-pending.js';

export { keepLostSets } from './take-back-items.js';

export type { LostToForgotten, MayWriteRow } from './take-back-types.js';

/** Transaction origin of values {@link TakeBacks.applyStored} writes again. */
const REASSERTED = Symbol('samplan.take-back-reasserted');

// How many take-backs a room remembers, whatever their age (storage keeps as many), and what a take-back is.
export { TAKE_BACK_BYTES, TAKE_BACK_LIMIT } from '../storage/limits.js';
export type { KeyTakeBack, RowTakeBack, TakeBack } from './take-back-types.js';

/** The size of `entry` as `take-back-wire.ts` encodes it alone, in bytes (0 when its maps are in no doc). */
const sizeOf = (at: number, tb: TakeBack): number => encodeTakeBacks([{ at, tb }])?.byteLength ?? 0;

/**
 * One room's recent take-backs: its own, and those other processes made in the same document
 * ({@link TakeBacks.receive}; waiting until the doc holds the items they name, `take-back-pending.ts`).
 */
export class TakeBacks {
  private readonly memory: TakeBackIndex;
  /** Other processes' take-backs whose items this doc does not hold yet. */
  private readonly pending: PendingTakeBacks;
  /** This room's own take-backs not yet passed to `share`. */
  private unshared: { at: number; tb: TakeBack }[] = [];
  private shareQueued = false;

  private readonly limit: number;
  private readonly now: () => number;
  private readonly share: ((bytes: Uint8Array) => void) | null;
  private readonly onLost: ((lost: LostToForgotten) => void) | null;

  /**
   * @param opts.limit how many take-backs are remembered, the newest ({@link TAKE_BACK_LIMIT});
   *   none is forgotten for its age
   * @param opts.bytes how many bytes of them (encoded, `take-back-wire.ts`) at most ({@link TAKE_BACK_BYTES})
   * @param opts.now the clock, ms since 1970: dates each take-back made here (kept with it, for
   *   the record; nothing is decided by it)
   * @param opts.share passes this room's own take-backs, as bytes (`take-back-wire.ts`), to the
   *   other processes holding the document; called at most once per turn of the event loop
   * @param opts.onLost hears of each allowed set that lost to a take-back forgotten here
   *   ({@link LostToForgotten}; its value is not written again: it may be lost)
   * @param opts.budget the process's budget of heap for take-backs (`take-back-budget.ts`); by
   *   default the one `SAMPLAN_TAKE_BACK_MEMORY_MB` sets
   */
  constructor(opts: { limit?: number; bytes?: number; now?: () => number; share?: (bytes: Uint8Array) => void; onLost?: (lost: LostToForgotten) => void; budget?: TakeBackBudget } = {}) {
    this.limit = opts.limit ?? TAKE_BACK_LIMIT;
    this.memory = new TakeBackIndex(this.limit, opts.bytes, opts.budget);
    this.pending = new PendingTakeBacks(this.limit);
    this.now = opts.now ?? Date.now;
    this.share = opts.share ?? null;
    this.onLost = opts.onLost ?? null;
  }

  /**
   * Remembers a take-back written in the room's doc, and shares it (see the constructor). Pushes
   * onto `stored` (when given) the take-back as storage keeps it with the update that writes it
   * (`AppendItem.takeBacks`: its time and its ids as `take-back-wire.ts` encodes them; nothing when
   * its maps are not in a doc).
   */
  remember(tb: TakeBack, stored?: StoredTakeBack[]): void {
    const at = this.now();
    const data = encodeTakeBacks([{ at, tb }]);
    this.memory.add({ at, tb, bytes: data?.byteLength ?? 0 });
    if (data) stored?.push({ at, data });
    if (!this.share) return;
    this.unshared.push({ at, tb });
    if (this.shareQueued) return;
    this.shareQueued = true;
    queueMicrotask(() => {
      this.shareQueued = false;
      const bytes = encodeTakeBacks(this.unshared.splice(0));
      if (bytes) this.share?.(bytes);
    });
  }

  /** Shares every take-back remembered (another process just loaded the document). */
  shareAll(): void {
    const bytes = this.share ? this.encoded() : null;
    if (bytes) this.share?.(bytes);
  }

  /**
   * Every take-back remembered, as bytes {@link TakeBacks.receive} takes (of `take-back-wire.ts`),
   * or null when there is none: what {@link TakeBacks.shareAll} shares.
   */
  encoded(): Uint8Array | null {
    return encodeTakeBacks(this.memory.entries());
  }

  /**
   * Takes in another process's take-backs of the same document (bytes of `take-back-wire.ts`;
   * others are ignored), so that an allowed edit that reaches this room and loses to one of them
   * is written again here. Returns how many were taken in.
   */
  receive(doc: Y.Doc, bytes: Uint8Array): number {
    return this.receiveAll(doc, [bytes]);
  }

  /**
   * {@link TakeBacks.receive} of each of `list` (a document's stored take-backs, oldest first), in
   * time linear in their number. Returns how many were taken in.
   */
  receiveAll(doc: Y.Doc, list: readonly Uint8Array[]): number {
    let n = 0;
    for (const bytes of list) {
      const wires = decodeTakeBacks(bytes);
      if (!wires) continue;
      n += wires.length;
      for (const wire of wires) if (!this.memory.has(wire)) this.pending.add(wire);
    }
    this.pending.trim();
    this.resolve(doc);
    return n;
  }

  /** Forgets every take-back (the room's doc was replaced). */
  clear(): void {
    this.memory.clear();
    this.pending.clear();
  }

  /**
   * True when some take-backs were dropped from memory for the process's budget
   * (`take-back-budget.ts`): storage still holds them, and an allowed edit that loses here to one of
   * them is kept (`keepLostSets`) and written again once the stored take-backs are read
   * (`RoomApply.lookBack`).
   */
  get needsLookBack(): boolean {
    return this.memory.hasEvicted;
  }

  /** True when take-backs were forgotten here (an edit that loses to one, or lands in a row one put back, is told, `onLost`). */
  get hasForgotten(): boolean {
    return this.memory.forgotten.size > 0 || this.memory.forgottenRows.size > 0;
  }

  /** The room closed: its take-backs no longer count in the process's budget. */
  release(): void {
    this.memory.release();
  }

  /**
   * True when an allowed update needs no look at the take-backs ({@link TakeBacks.reassert}): none
   * is remembered or waiting, none was forgotten, and no row put back after a refused delete is
   * held (a row's is held even when dropped from the ring for the budget, `take-back-index.ts`).
   */
  get idle(): boolean {
    return this.size === 0 && !this.hasForgotten && !this.memory.hasRows() && !this.memory.hasEvicted;
  }

  /**
   * After {@link TakeBacks.reassert} of the allowed `update`: the paths of the keys it deletes an
   * item of while they still hold the item of a take-back dropped from memory for the budget,
   * deletes to replay once the stored take-backs are read (`storedDeletes` in
   * `take-back-deletes.ts`, `Room.lookBackStored`); empty when none. Throws what Yjs throws decoding `update`.
   */
  deletesMeetDropped(doc: Y.Doc, update: Uint8Array): string[][] {
    return this.memory.hasEvicted ? deletesMeetDropped(doc, update, this.dropped) : [];
  }

  /** True when `id` is an item (take-back or refused) of a take-back dropped from memory for the budget (`TakeBackIndex.evicted`). */
  readonly dropped = (id: Y.ID): boolean => this.memory.evicted.has(id);

  /** How many take-backs are remembered, with those waiting for their items. */
  get size(): number {
    return this.memory.size + this.pending.size;
  }

  /**
   * Moves the pending take-backs whose items `doc` now holds to the remembered ones. A deleted row
   * map one of them names is kept from collection, as in the process that took it back
   * (`undo-refused.ts`): call it inside the transaction that applies an update, before it ends.
   */
  private resolve(doc: Y.Doc): void {
    if (this.pending.size > 0) this.pending.resolve(doc, this.found);
  }

  /** Remembers a pending take-back whose items the doc now holds (one function for every call of `resolve`). */
  private readonly found = (at: number, tb: TakeBack): void => {
    if (tb.kind === 'row' && tb.old._item) tb.old._item.keep = true;
    this.memory.add({ at, tb, bytes: sizeOf(at, tb) } satisfies TakeBackEntry);
  };

  /**
   * Inside the transaction `tr` that integrated an allowed update: writes again each of its map
   * sets that lost to a remembered take-back, and puts each of its sets in a row map a refused
   * delete deleted into the row's copy (see the module comment); with `deletes` (the update and
   * the state its author last said it holds), replays its deletes of keys taken back
   * (`take-back-deletes.ts`) that its author may make (`mayDelete`). Returns how many writes it made.
   */
  reassert(
    tr: Y.Transaction,
    deletes?: { update: Uint8Array; seen: Map<number, number> | undefined; mayDelete: MayDelete | undefined; mayWriteRow?: MayWriteRow },
  ): number {
    const writes = this.lost(tr, deletes?.mayWriteRow);
    if (deletes && this.memory.size > 0) writes.push(...replayedDeletes(tr, deletes.update, deletes.seen, (map, key) => this.memory.ofKey(map, key), deletes.mayDelete, this.dropped));
    // The server writes these itself: a remote transaction that writes makes Yjs pick a new client id.
    if (writes.length > 0) tr.local = true;
    for (const write of writes) write();
    return writes.length;
  }

  /**
   * Whether `update`, stored by another process and about to be applied here
   * ({@link TakeBacks.applyStored}), holds a map set in a row map a refused delete deleted that
   * is not a take-back this room knows: such a set is copied into the row's copy as an edit, but
   * may be a take-back another process made in the row while it lived there, whose message did not
   * reach this process (`CommitLog` then reads the stored take-backs first). False when the room
   * remembers no take-back of a row, and for bytes that are not an update.
   */
  needsStored(doc: Y.Doc, update: Uint8Array): boolean {
    if (!this.memory.hasRows()) return false;
    let sets: ReturnType<typeof setsOf>;
    try {
      sets = setsOf(doc, update);
    } catch {
      return false;
    }
    const pendingItems = this.pending.takeBackItems();
    return sets.some(({ id, map }) => map !== null && map._item?.deleted === true && this.memory.row(map) !== null && !isTakeBackItem(this.memory, id) && !pendingItems.has(`${id.client}.${id.clock}`));
  }

  /**
   * Applies `update`, which is already stored (another process committed it), to `doc` with
   * `origin`, and writes again, as {@link TakeBacks.reassert} does, each of its map sets that lost
   * to a take-back remembered here; but in a transaction of its own after the update's, so that
   * what the update's transaction emits stays the stored update. Returns what the second
   * transaction emitted (an update V1 by this process, to store and relay to every peer), or null
   * when nothing lost. Throws what Yjs throws.
   *
   * For a set another process stored before it heard of the take-back (see the module comment).
   */
  applyStored(doc: Y.Doc, update: Uint8Array, origin: unknown): Uint8Array | null {
    if (this.idle) {
      Y.applyUpdate(doc, update, origin);
      return null;
    }
    let writes: (() => void)[] = [];
    doc.transact((tr) => {
      Y.applyUpdate(doc, update, origin);
      writes = this.lost(tr);
    }, origin);
    return writes.length === 0 ? null : emittedBy(doc, REASSERTED, () => writes.forEach((write) => write()));
  }

  /** The writes {@link TakeBacks.reassert} makes for `tr`, not made yet (each value already copied; `take-back-lost.ts`). */
  private lost(tr: Y.Transaction, mayWriteRow?: MayWriteRow): (() => void)[] {
    this.resolve(tr.doc);
    if (this.memory.size === 0 && !this.hasForgotten && !this.memory.hasRows()) return [];
    return lostWrites(tr, this.memory, this.onLost, mayWriteRow);
  }
}
