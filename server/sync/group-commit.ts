/**
 * Group commit across documents: every room whose updates are waiting to be written at the end of
 * one turn of the event loop is written in one storage transaction (`DocumentStore.appendMany`),
 * instead of one transaction per room. With many documents open, updates that arrive together (a
 * burst after the server was descheduled, several people typing in several plans) then cost one
 * commit, and the last of them is not queued behind the others' commits.
 *
 * Nothing is relayed earlier than before: each room still relays its batch only once the shared
 * transaction has committed, and when it fails no room's batch is stored (all or none), so every
 * room whose batch it held recovers as after its own failed write. SQLite and PostgreSQL offer
 * `appendMany`; a store without it (memory), or a turn with a single room to write, gets one
 * `appendUpdates` per room.
 *
 * A batch carrying a document's record (`AppendItem.record`, a rename's) is not put in the shared
 * transaction: every store refuses it whole when the document was deleted since the rename read
 * its record (`DocRecordGoneError`), and one document's refusal must not roll back the others'
 * batches (they were closed `unavailable` and sent again). Written alone, right after the group,
 * only its own room learns of the refusal. Renames are rare, so the group still holds the edits.
 * So too when a store refuses the group for one of its documents in words (its key in SQLite gone
 * or changed by a hand, `KeylessHistoryError`; its record deleted, `DocRecordGoneError`): that room
 * learns of it, and the others are written again without it, where all of them failed, closed with
 * that document's words, and failed again at each turn the document was in. PostgreSQL's refusal
 * of a statement's data that names no document (a constraint) has each batch written alone.
 */
import { KeylessHistoryError } from '../storage/keyless-history.js';
import { writeNow, type DocRef, type DocumentStore, type StoredTakeBack } from '../storage/storage.js';
import { DocRecordGoneError, type DocRecord } from '../storage/storage-records.js';

/** An update of a batch as storage takes it. */
export interface BatchItem {
  update: Uint8Array;
  memberId: string | null;
  /** Take-backs the update writes, stored in the same transaction (`AppendItem.takeBacks`). */
  takeBacks?: readonly StoredTakeBack[];
  /** The document's record as the change leaves it (`AppendItem.record`): such a batch is written alone. */
  record?: DocRecord | undefined;
}

/** A room's write path as the group sees it (`CommitLog`). */
export interface GroupMember {
  readonly ref: DocRef;
  /**
   * Hand over the batch waiting to be written, or null when there is none or the log writes it
   * itself (a write or a foreign read is under way, or the log is broken).
   */
  takeForGroup(): readonly BatchItem[] | null;
  /**
   * Write the batch handed over: `written` resolves with its last sequence, or is it when the group
   * wrote at once (`writeNow`, begun at `started`, ms of `performance.now`); null: write it alone.
   */
  writeGrouped(written: Promise<number> | number | null, started?: number): void;
}

/** The rooms of one process waiting for the next group commit. */
export class GroupCommit {
  /**
   * The first room queued this turn, and any more in `more`: at a region's rates a turn has one,
   * and a fresh array per turn made storage for 17 members on its first push (~150 bytes a turn).
   */
  private first: GroupMember | null = null;
  private readonly more: GroupMember[] = [];
  private timer: NodeJS.Immediate | null = null;
  /** One function for every turn's flush, instead of a closure per turn. */
  private readonly flushNow = (): void => this.flush();
  /** While a flush of several rooms runs: what they put off until every one of them relayed ({@link GroupCommit.afterRelays}). */
  private afterwards: (() => void)[] | null = null;
  /** The list `afterwards` reuses, emptied after each flush. */
  private readonly putOff: (() => void)[] = [];

  constructor(private readonly storage: Pick<DocumentStore, 'appendMany'>) {}

  /** Write `member`'s batch in the commit at the end of this turn. */
  enqueue(member: GroupMember): void {
    if (this.first === null) this.first = member;
    else this.more.push(member);
    this.timer ??= setImmediate(this.flushNow);
  }

  /**
   * Run `fn` once every room of the flush under way has relayed its batch, or at once when no
   * flush of several rooms runs (one room, a relay after PostgreSQL's commit resolved). A room's
   * work after its frames (Yjs applying a one-cell write, ~0.1–0.2 ms) then no longer holds back
   * the next room's frames: after a stall, a turn commits the edits of many rooms at once, and the
   * last room's readers waited for every other room's apply. `fn` must not throw.
   */
  afterRelays(fn: () => void): void {
    if (this.afterwards) this.afterwards.push(fn);
    else fn();
  }

  private flush(): void {
    this.timer = null;
    const only = this.first;
    this.first = null;
    if (only === null) return;
    // One room this turn (the usual case at a few edits a second): it writes its batch itself.
    if (this.more.length === 0) {
      if (only.takeForGroup()) only.writeGrouped(null);
      return;
    }
    const members = [only, ...this.more.splice(0)];
    const putOff = (this.afterwards = this.putOff);
    try {
      this.flushSeveral(members);
    } finally {
      this.afterwards = null;
      for (let i = 0; i < putOff.length; i++) (putOff[i] as () => void)();
      putOff.length = 0;
    }
  }

  /** The flush of a turn with several rooms to write. */
  private flushSeveral(members: GroupMember[]): void {
    // The rooms with a batch, and their batches as storage takes them, side by side; the rooms
    // whose batch carries a record, to write alone once the group's write has begun.
    const taken: GroupMember[] = [];
    const batches: { ref: DocRef; updates: BatchItem[] }[] = [];
    let alone: GroupMember[] | null = null;
    for (const member of members) {
      const items = member.takeForGroup();
      if (items === null) continue;
      if (carriesRecord(items)) (alone ??= []).push(member);
      else {
        taken.push(member);
        batches.push({ ref: member.ref, updates: items as BatchItem[] });
      }
    }
    this.writeGroup(taken, batches);
    if (alone) for (const member of alone) member.writeGrouped(null);
  }

  /** Write `batches`, the batches of `taken` side by side, in one transaction when there are several. */
  private writeGroup(taken: GroupMember[], batches: { ref: DocRef; updates: BatchItem[] }[]): void {
    // Looked up at each commit, as a method call (a store's method may be replaced meanwhile; a
    // `bind` per commit was a runtime call per edit).
    const store = this.storage;
    if (taken.length < 2 || !store.appendMany) {
      for (const member of taken) member.writeGrouped(null);
      return;
    }
    const now = writeNow(store.appendMany);
    if (now) {
      // A synchronous store commits here: every room relays in this turn, or every room fails.
      let lasts: number[];
      const started = performance.now();
      try {
        lasts = now(batches);
      } catch (err) {
        const one = refusedOne(err, batches);
        if (one >= 0) {
          (taken[one] as GroupMember).writeGrouped(Promise.reject(err));
          const others = (_: unknown, i: number): boolean => i !== one;
          this.writeGroup(taken.filter(others), batches.filter(others));
          return;
        }
        // A constraint naming no document: each room's batch written alone, only the refused one fails.
        if (refusesData(err)) {
          for (const member of taken) member.writeGrouped(null);
          return;
        }
        const failed = Promise.reject(err);
        for (const member of taken) member.writeGrouped(failed);
        return;
      }
      for (let i = 0; i < taken.length; i++) (taken[i] as GroupMember).writeGrouped(lasts[i] as number, started);
      return;
    }
    // Called at once: each room relays once its share of the write resolves, after the commit.
    // A refusal of one document (PostgreSQL: its record deleted meanwhile, a constraint) rejects
    // its room's share only: the old code handed every room the group's one rejection.
    const written = settledGroup(store as Required<typeof store>, batches);
    taken.forEach((member, i) => member.writeGrouped(written.then((each) => landedOrThrown(each[i] as Settled))));
  }
}

/** One batch's outcome in a group write: its last sequence number, or the error refusing it alone. */
type Settled = { last: number } | { refused: unknown };

const landedOrThrown = (settled: Settled): number => {
  if ('refused' in settled) throw settled.refused;
  return settled.last;
};

/**
 * `batches` written through `store`'s asynchronous `appendMany` (PostgreSQL), each batch's outcome in
 * their order. A refusal naming one document (`refusedOne`) refuses its batch, and the others are
 * written again without it; one refusing a statement's data without naming its document
 * (`refusesData`: a constraint, a trigger) has each batch written alone, so that only the one it
 * refuses fails. Rejects (every batch failed, nothing stored) for an error of the medium: a lost
 * connection, a full disk, where writing them one by one would fail as many times.
 */
async function settledGroup(store: Required<Pick<DocumentStore, 'appendMany'>>, batches: { ref: DocRef; updates: BatchItem[] }[]): Promise<Settled[]> {
  try {
    return (await store.appendMany(batches)).map((last) => ({ last }));
  } catch (err) {
    const one = batches.length > 1 ? refusedOne(err, batches) : -1;
    if (one >= 0) {
      const others = await settledGroup(store, batches.filter((_, i) => i !== one));
      others.splice(one, 0, { refused: err });
      return others;
    }
    if (batches.length < 2 || !refusesData(err)) throw err;
    return Promise.all(
      batches.map((batch) =>
        store.appendMany([batch]).then(
          ([last]) => ({ last: last as number }),
          (refused: unknown) => ({ refused }),
        ),
      ),
    );
  }
}

/**
 * Whether `err` refuses a statement's data, not the medium: PostgreSQL's data exceptions (class
 * 22), integrity constraints (23) and an exception a trigger raised (P0001), SQLite's constraints.
 */
function refusesData(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (/^(22|23)[0-9A-Z]{3}$|^P0001$/.test(code) || code.startsWith('SQLITE_CONSTRAINT'));
}

/**
 * The index in `batches` of the document a store's error refuses in words, that document's alone
 * (`KeylessHistoryError`, `DocRecordGoneError`); -1 for another error, such as a full disk.
 */
function refusedOne(err: unknown, batches: readonly { ref: DocRef }[]): number {
  const ref = err instanceof KeylessHistoryError ? err : err instanceof DocRecordGoneError ? err.ref : null;
  return ref === null ? -1 : batches.findIndex((b) => b.ref.workspace === ref.workspace && b.ref.doc === ref.doc);
}

/** Whether a batch writes a document's record (`BatchItem.record`). */
const carriesRecord = (items: readonly BatchItem[]): boolean => items.some((item) => item.record !== undefined);
