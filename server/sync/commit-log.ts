/**
 * A room's write path. Updates already applied to the room's doc are written in one storage transaction per tick (group
 * commit) and handed back for relaying only once that write has resolved. On a store whose writes are synchronous
 * (SQLite, `writeNow` of `storage.ts`) a batch is written and relayed in the same turn, with no promise between them.
 * Snapshots are written every `compactEvery` updates, in a pause of the room's writes (at twice that without one), each of
 * exactly what the log holds up to the sequence it claims (`compact`). An update may be held back from the write
 * (`CommitLogQueue.hold`, `commit-log-queue.ts`) until what the room owes with it is queued behind it: one storage transaction holds both.
 *
 * Another process may append to the same document while the room is loaded (`samplan import`). Storage numbers every
 * update, so the log sees such foreign updates as a gap in the sequence numbers its own writes get back, reads them, and
 * has the room apply and relay them before anything else; it also looks for them before every snapshot, and when asked
 * ({@link CommitLog.checkForeign}, which the registry does when storage says another connection wrote). A snapshot
 * therefore never claims a sequence number whose update the doc has not seen.
 */
import { writeNow, type DocRef } from '../storage/storage.js';
import type { BatchItem, GroupMember } from './group-commit.js';
import type { CommitLogDeps, CommitLogHost, Pending } from './commit-log-types.js';
import { LogSnapshots } from './commit-log-snapshots.js';
import { ForeignReader } from './commit-log-foreign.js';
import { CommitLogQueue, NOTHING_WAITS } from './commit-log-queue.js';
export type { CommitLogDeps, CommitLogHost, Relayed } from './commit-log-types.js';
export { PUT_OFF_BOUND } from './commit-log-snapshots.js';

/** The group-commit queue of one room. */
export class CommitLog<Origin> extends CommitLogQueue<Origin> implements GroupMember {
  /** The batch handed to the group commit, until its write starts. */
  private handed: Pending<Origin>[] | null = null;
  /** Waiting for the group commit at the end of this turn. */
  private queued = false;
  private flushTimer: NodeJS.Immediate | null = null;
  private draining: Promise<void> | null = null;
  private sinceCompact: number;
  private storageSeq: number;
  /** The highest sequence another process announced that this log has not applied yet. */
  private announced = 0;
  /** When and from what snapshots are written (`commit-log-snapshots.ts`). */
  private readonly snapshots: LogSnapshots;
  /** Reads what other processes appended (`commit-log-foreign.ts`). */
  private readonly foreign: ForeignReader;

  /**
   * @param tail updates stored after the last snapshot when the room loaded
   * @param lastSeq the last sequence number the loaded doc contains
   * @param bare the loaded snapshot, at `lastSeq` with nothing after it, was stored without fresh bytes (`Loaded.bare`)
   */
  constructor(
    readonly ref: DocRef,
    private readonly deps: CommitLogDeps,
    private readonly host: CommitLogHost<Origin>,
    tail: number,
    lastSeq: number,
    bare = false,
  ) {
    super();
    this.sinceCompact = tail;
    this.storageSeq = lastSeq;
    this.foreign = new ForeignReader(ref, deps, host, this.applyForeign);
    this.snapshots = new LogSnapshots(ref, deps, host, {
      storageSeq: () => this.storageSeq,
      waiting: () => this.batch.length > 0,
      readToHead: () => this.readToHead(),
      compacted: (upto, owesFresh) => (this.sinceCompact = Math.max(0, this.storageSeq - upto) + (owesFresh ? 1 : 0)),
      lastTaken: () => this.lastAppendAt,
      busy: () => this.draining !== null || this.writeDue || this.handed !== null || this.batch.length > 0,
      start: () => this.compactNow(),
    }, bare ? lastSeq : -1);
  }

  /**
   * Look for updates another process appended, and apply and relay them: resolves once every update
   * storage held when it was called is in the doc (or the log is broken), so a change made after it
   * follows them (`Registry.catchUp`: a rename in the document's turn). Nothing is read when `head`,
   * the last sequence number storage was just seen to hold, is one this log already has. A write
   * under way may have been stored before theirs, so it never saw them: it is waited for, then
   * storage is read. A write begun after the call finds them itself (a gap before its own numbers),
   * so one under way by then is waited for instead. A write only queued waits for the read.
   */
  async checkForeign(head?: number): Promise<void> {
    const has = (): boolean => this.durable.failed || (head !== undefined && head <= this.storageSeq);
    if (has()) return;
    const running = this.draining;
    if (running) {
      await running;
      if (has()) return;
      if (this.draining) return this.draining;
    }
    const checking = (async () => {
      try {
        await this.readToHead();
      } catch (err) {
        this.deps.logger.warn({ err, ref: this.ref }, 'looking for updates of other processes failed');
      }
    })();
    // Held as the drain, so no write starts while the foreign updates are read; a queued one is scheduled after.
    this.draining = checking;
    await checking;
    this.draining = null;
    if (this.batch.length > 0) this.schedule();
  }

  /**
   * Updates `firstSeq`… that another process committed and published. Applied and relayed at once
   * when they continue what this log holds (those it already holds are skipped, so a message seen
   * twice changes nothing); on a gap, while a write of this room is under way, or when one of them
   * needs the stored take-backs (`CommitLogHost.needsTakeBacks`), what is missing is read from
   * storage instead, in sequence order.
   */
  receivePublished(firstSeq: number, updates: readonly Uint8Array[]): void {
    const last = firstSeq + updates.length - 1;
    if (this.durable.failed || last <= this.storageSeq) return;
    const busy = this.draining !== null || this.writeDue || this.batch.length > 0;
    // An update that needs the stored take-backs is read from storage with them, as on a gap.
    const needs = (): boolean => this.host.needsTakeBacks !== undefined && updates.some((u, i) => firstSeq + i > this.storageSeq && this.host.needsTakeBacks?.(u));
    if (busy || firstSeq > this.storageSeq + 1 || needs()) {
      this.announced = Math.max(this.announced, last);
      if (!busy) void this.checkForeign();
      return;
    }
    for (let i = this.storageSeq + 1 - firstSeq; i < updates.length; i++) this.applyForeign(updates[i] as Uint8Array);
    this.storageSeq = last;
  }

  /** Apply an update another process stored, and count it towards the next snapshot. */
  private readonly applyForeign = (update: Uint8Array): void => {
    this.host.applyForeign(update);
    this.sinceCompact++;
  };

  /** Read, apply and relay what other processes appended after `storageSeq`, up to storage's head. */
  private async readToHead(): Promise<void> {
    const last = await this.deps.storage.appendUpdates(this.ref, []);
    if (last > this.storageSeq) {
      await this.foreign.catchUp(this.storageSeq, last);
      this.storageSeq = last;
    }
  }

  /** Write what is queued, then a snapshot if there is a tail. */
  async close(): Promise<void> {
    this.snapshots.stop();
    if (this.flushTimer) clearImmediate(this.flushTimer);
    this.flushTimer = null;
    // A foreign check may hold the drain while updates queue behind it; so may the snapshot's read
    // of storage, which then puts the snapshot off to their write.
    // A hold is waited for: what it holds back, and what is queued behind it, is written after.
    for (;;) {
      do await this.drain(undefined, true);
      while (this.takeable && !this.durable.failed);
      if (this.durable.failed) return;
      if (this.holds.any) {
        await this.holds.nextRelease();
        continue;
      }
      if (this.sinceCompact > 0) await this.snapshots.compact(true);
      if (this.batch.length === 0 || this.durable.failed) return;
    }
  }

  /** A write is scheduled for the end of this turn. */
  private get writeDue(): boolean {
    return this.flushTimer !== null || this.queued;
  }

  /** GroupMember: hand over the waiting batch unless this log writes it itself. */
  takeForGroup(): readonly BatchItem[] | null {
    this.queued = false;
    if (this.draining || this.durable.failed || !this.takeable) return null;
    this.handed = this.take();
    return this.handed;
  }

  /**
   * GroupMember: write the batch handed over, then whatever queued meanwhile; `written` is its
   * last sequence number when the group wrote it at once (`writeNow`, begun at `started`).
   */
  writeGrouped(written: Promise<number> | number | null, started?: number): void {
    const first = this.handed;
    this.handed = null;
    if (!first) return;
    if (typeof written === 'number') return this.landed(first, written, started ?? performance.now());
    // Looked up once per batch: a store's method may be replaced meanwhile, and `now` with it.
    const now = written === null ? writeNow(this.deps.storage.appendUpdates) : undefined;
    if (now) this.writeNow(first, now);
    else void this.drain({ batch: first, written });
  }

  /**
   * Write `batch` in this turn through `now`, the store's synchronous append (`writeNow`), then relay it: no promise
   * and no microtask between the commit and the sends. A failed write fails the log as an asynchronous one does.
   */
  private writeNow(batch: Pending<Origin>[], now: (ref: DocRef, updates: Pending<Origin>[]) => number): void {
    if (batch.length === 0 || this.durable.failed) return;
    const started = performance.now();
    let last: number;
    try {
      last = now(this.ref, batch);
    } catch (err) {
      this.fail(err, batch);
      return;
    }
    this.landed(batch, last, started);
  }

  /**
   * `batch` was stored at once with `last` as its last sequence number. The common case ends here:
   * relayed in this turn. When storage holds updates of another process before it, the rest goes
   * on as after an asynchronous write (`drain`), which reads them first. A snapshot due now follows.
   */
  private landed(batch: Pending<Origin>[], last: number, started: number): void {
    if (last - batch.length > this.storageSeq) return void this.drain({ batch, written: Promise.resolve(last) });
    this.storageSeq = last;
    this.stored(batch, started);
    if (this.snapshots.dueNow(this.sinceCompact)) this.compactNow();
    else this.next();
  }

  /** Write the due snapshot as the log's one write under way; what queued meanwhile is written after it. */
  private compactNow(): void {
    if (this.durable.failed || this.draining) return;
    this.draining = this.snapshots.compact().then(() => {
      this.draining = null;
      this.next();
    });
  }

  protected schedule(): void {
    if (this.writeDue || this.draining || !this.takeable) return;
    if (this.deps.group) {
      this.queued = true;
      this.deps.group.enqueue(this);
      return;
    }
    this.flushTimer = setImmediate(() => {
      this.flushTimer = null;
      // Held meanwhile: the release schedules the write.
      if (!this.takeable) return;
      const now = writeNow(this.deps.storage.appendUpdates);
      if (now && !this.draining) this.writeNow(this.take(), now);
      else void this.drain();
    });
  }

  /**
   * Write batches until none is left; the next batch collects while one is being written. With a
   * group commit, what collected meanwhile joins the next group (one commit with the other rooms'
   * instead of a round trip of its own, which on PostgreSQL is what a busy room would otherwise
   * pay per batch); `alone` writes it here (closing).
   */
  private drain(first?: { batch: Pending<Origin>[]; written: Promise<number> | null }, alone = false): Promise<void> {
    // Nothing to write (all held, or left to the group): a drain that ends in this turn would stay set as `draining`.
    if (!this.draining && !first && !(this.takeable && !this.durable.failed && (alone || !this.deps.group))) {
      this.next();
      return Promise.resolve();
    }
    this.draining ??= (async () => {
      if (first) await this.writeBatch(first.batch, first.written);
      while (this.takeable && !this.durable.failed && (alone || !this.deps.group)) await this.writeBatch(this.take());
      this.draining = null;
      this.next();
    })();
    return this.draining;
  }

  /** After a write: what queued meanwhile is scheduled, or what was announced meanwhile is read. */
  private next(): void {
    // Left for the group's next commit, whose write also reads what others appended before it.
    if (this.takeable && !this.durable.failed) this.schedule();
    // Announced while this write ran, after its own sequence: read them now.
    else if (this.announced > this.storageSeq && !this.durable.failed) void this.checkForeign();
  }

  /** Write `batch` (or take the group commit's `written` for it), then publish it to the other processes and relay it here. */
  private async writeBatch(batch: Pending<Origin>[], written: Promise<number> | null = null): Promise<void> {
    const started = performance.now();
    const before = this.storageSeq;
    try {
      const last = await (written ??
        // A pending update is the item storage takes (its update, member and take-backs).
        this.deps.storage.appendUpdates(this.ref, batch));
      // One transaction: ours are the last `batch.length`; anything between is someone else's.
      const foreignUpto = last - batch.length;
      if (foreignUpto > before) await this.foreign.catchUp(before, foreignUpto);
      this.storageSeq = last;
    } catch (err) {
      this.fail(err, batch);
      return;
    }
    this.stored(batch, started);
    if (this.snapshots.dueNow(this.sinceCompact)) await this.snapshots.compact();
  }

  /** `batch` is durable (its write started at `started`, ms of `performance.now`): published, relayed, its waiters told. */
  private stored(batch: Pending<Origin>[], started: number): void {
    const seconds = (performance.now() - started) / 1000;
    this.durable.reached(batch[batch.length - 1]?.seq);
    // Published first: the other processes' readers wait for Redis and another process, so the
    // message is on its way while the peers here are sent it, not after. The fan-out may hold it
    // for the other documents of the group commit (one write, `Fanout.flush`) unless a relay here follows.
    const { fanout } = this.deps;
    if (fanout) {
      fanout.publishUpdates(this.ref, this.storageSeq - batch.length + 1, batch.map((pending) => pending.update));
      if (this.host.relays?.(batch) !== false) fanout.flush?.();
    }
    this.host.relay(batch);
    this.deps.metrics.persistSeconds(seconds); // counted once the peers are sent it, not before
    this.durable.wake();
    this.sinceCompact += batch.length;
  }

  /** The fan-out was re-established after messages may have been lost: the next catch-up also reads the stored take-backs. */
  missedFanout(): void {
    this.foreign.missedFanout();
  }

  /**
   * Take the waiting batch to write it. Nothing else of this room is being written then, so the doc holds exactly the
   * log up to `storageSeq` and this batch: a snapshot put off ({@link LogSnapshots.takeWith}) takes that state here,
   * valid once the batch is stored right after `storageSeq` (no other process's update between), and only when no
   * update stays held back ({@link CommitLogQueue.hold}): the doc holds those too.
   */
  private take(): Pending<Origin>[] {
    const from = this.holds.from;
    const waiting = this.batch;
    let free = 0;
    while (free < waiting.length && (waiting[free] as Pending<Origin>).seq < from) free++;
    // All of it (the usual case) is handed over as it is; the next update starts a list of its own.
    const batch = free === waiting.length ? waiting : waiting.splice(0, free);
    if (batch === waiting) this.batch = NOTHING_WAITS;
    if (batch.length > 0 && this.batch.length === 0) this.snapshots.takeWith(this.storageSeq + batch.length);
    return batch;
  }

  private fail(err: unknown, batch: Pending<Origin>[]): void {
    this.durable.fail(err);
    const lost = [...batch, ...this.batch];
    this.batch = NOTHING_WAITS;
    this.host.broke(err, new Set(lost.map((pending) => pending.origin)));
    this.durable.wakeFailed();
  }
}
