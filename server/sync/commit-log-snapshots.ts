/**
 * The snapshots of a commit log (`commit-log.ts`), each of exactly what the log holds up to the
 * sequence it claims: the state taken with the batch just stored ({@link LogSnapshots.takeWith})
 * when nothing came between, else the doc now, after reading what other processes appended, if no
 * update of the room waits to be written. When one does (it arrived while storage was read or
 * written: it is in the doc, not yet in the log), the snapshot is put off to the next batch handed
 * to storage, which takes the state with it: a kill -9 after a snapshot never finds in it an update
 * without its log row. That state is of no use when another process wrote between (its update is
 * in the log before the batch, not in the state); after {@link PUT_OFF_BOUND} put-offs in a row the
 * snapshot is built from the stored log instead (`stored-state.ts`: one read of the snapshot and tail, applied a piece at a time).
 *
 * A due snapshot waits for a pause in the room's writes ({@link LogSnapshots.dueNow}): it encodes the
 * whole document and writes it (tens of ms on the main thread for a plan of a few hundred rows),
 * and every edit that arrives meanwhile waits for it — written in the turn of the commit that made
 * it due, it fell in the middle of the burst of edits that made it due. Written without a pause,
 * a room is snapshotted at twice `compactEvery` all the same.
 *
 * A snapshot of a loaded room encodes the document once (V2); the fresh clients' bytes
 * (`fresh-state.ts`, a V1 encode of the same document) are written by the room's closing snapshot
 * alone ({@link LogSnapshots.compact} with `closing`), the one whose state a later load finds with
 * no update after it. A snapshot written while the room is loaded is followed by the room's next
 * edits, which make its fresh bytes unusable (they are served only with no update after the
 * snapshot), and the second encode doubled the stall of every edit of the process meanwhile
 * (2,000 rows of 15 cells: V2 40–69 ms, the fresh bytes 56–71 ms more). The log then counts one
 * update owed ({@link SnapshotLog.compacted}), so the room's close writes the fresh bytes even
 * when nothing was written after that snapshot: then the fresh bytes alone, beside that same
 * snapshot (`DocumentStore.putFresh`), without encoding or writing the snapshot again. With other
 * processes on the store, a live snapshot the room's writes leave alone for `compactQuietMs` gets
 * its fresh bytes then ({@link LogSnapshots.idleFresh}), so that those processes' loads meanwhile do
 * not build the document.
 */
import type { DocRef } from '../storage/storage.js';
import type { CommitLogDeps, CommitLogHost } from './commit-log-types.js';
import { stateOfStored, type LogState } from './stored-state.js';

/**
 * Snapshots put off in a row ({@link LogSnapshots.compact}) before the next is built from the stored
 * log instead of the live doc: two processes writing one document without pause would otherwise
 * put it off for as long as they write, and the log would grow without a snapshot.
 */
export const PUT_OFF_BOUND = 3;

/** What the snapshots read of their log and tell it. */
export interface SnapshotLog {
  /** The last sequence number the log holds in storage, every update up to it applied to the doc. */
  storageSeq(): number;
  /** Whether updates of the room wait to be written (in the doc, not yet in the log). */
  waiting(): boolean;
  /** Read, apply and relay what other processes appended, up to storage's head (`storageSeq` follows). */
  readToHead(): Promise<void>;
  /** A snapshot of the log up to `upto` is written; `owesFresh`: without the fresh clients' bytes its host has (one update owed). */
  compacted(upto: number, owesFresh: boolean): void;
  /** When the log last took an update, ms of `performance.now`. */
  lastTaken(): number;
  /** Whether a write of the log (or a read of other processes' updates) is queued or under way. */
  busy(): boolean;
  /** Write the due snapshot now ({@link LogSnapshots.compact}), as the log's one write under way. */
  start(): void;
}

/** When and from what one commit log writes its snapshots. */
export class LogSnapshots {
  /** A snapshot is due and was put off while updates waited to be written: taken with the next batch. */
  private due = false;
  /** Snapshots put off in a row since the last one written ({@link PUT_OFF_BOUND}). */
  private putOffs = 0;
  /** The state taken with the batch being written, the log's at `upto` once it is stored. */
  private taken: LogState | null = null;
  /** The timer of a snapshot waiting for a pause ({@link LogSnapshots.dueNow}). */
  private quiet: NodeJS.Timeout | null = null;
  /** The timer of fresh bytes put beside a live snapshot once the room stays idle ({@link LogSnapshots.idleFresh}). */
  private idle: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly ref: DocRef,
    private readonly deps: Pick<CommitLogDeps, 'storage' | 'logger' | 'options' | 'fanout'>,
    private readonly host: Pick<CommitLogHost<unknown>, 'snapshot' | 'fresh'>,
    private readonly log: SnapshotLog,
    /** The sequence of the last snapshot stored without the host's fresh bytes (this log's, or the one loaded: `Loaded.bare`), or -1. */
    private bare = -1,
  ) {}

  /**
   * Whether a snapshot is to be written now, `since` updates after the last one: false before
   * `compactEvery`; true when `compactQuietMs` is 0 or `since` reached twice `compactEvery`;
   * otherwise false, and the snapshot waits until the log has taken no update for `compactQuietMs`
   * and no write of it is under way: the log is told to write it then ({@link SnapshotLog.start}).
   * A timer while a snapshot waits (set again for what is left of the pause after each update), none per update.
   */
  dueNow(since: number): boolean {
    const { compactEvery, compactQuietMs } = this.deps.options;
    if (since < compactEvery) return false;
    if (compactQuietMs <= 0 || since >= 2 * compactEvery) {
      this.cancel();
      return true;
    }
    if (this.quiet === null && !this.stopped) this.arm(this.deps.options.compactQuietMs);
    return false;
  }

  /** No snapshot waits for a pause from now on (the log is closing and writes its own). */
  stop(): void {
    this.stopped = true;
    this.cancel();
    if (this.idle !== null) clearTimeout(this.idle);
    this.idle = null;
  }

  private arm(ms: number): void {
    this.quiet = setTimeout(this.onQuiet, ms);
    this.quiet.unref();
  }

  private readonly onQuiet = (): void => {
    this.quiet = null;
    if (this.stopped) return;
    const { compactQuietMs } = this.deps.options;
    // A write under way: another pause. Written meanwhile: what is left of the pause since.
    if (this.log.busy()) return this.arm(compactQuietMs);
    const left = this.log.lastTaken() + compactQuietMs - performance.now();
    if (left >= 1) return this.arm(left);
    this.log.start();
  };

  private cancel(): void {
    if (this.quiet === null) return;
    clearTimeout(this.quiet);
    this.quiet = null;
  }

  /**
   * A batch that ends at `upto` is taken to be written with nothing held back behind it: the doc
   * holds exactly the log up to `upto` once it is stored right after the log's last sequence. A
   * snapshot put off takes that state here.
   */
  takeWith(upto: number): void {
    if (!this.due) return;
    this.due = false;
    this.taken = this.stateAt(upto, false);
  }

  /**
   * Write a snapshot as the module says, or put it off; with `closing` (the room's last) with the
   * fresh clients' bytes when the host has them. A failed write is logged (the update log stays as
   * it is); nothing is thrown.
   */
  async compact(closing = false): Promise<void> {
    const taken = this.taken;
    this.taken = null;
    const { storage } = this.deps;
    const withFresh = closing && this.host.fresh !== undefined;
    try {
      let state = !closing && taken?.upto === this.log.storageSeq() ? taken : null;
      if (!state) {
        await this.log.readToHead();
        if (!this.log.waiting()) {
          if (withFresh && this.bare === this.log.storageSeq()) return await this.putFresh(this.bare);
          state = this.stateAt(this.log.storageSeq(), withFresh);
        }
        else if (this.putOffs < PUT_OFF_BOUND) {
          this.putOffs++;
          this.due = true;
          return;
        } else state = await stateOfStored(this.ref, await storage.loadDoc(this.ref), withFresh);
      }
      await storage.compact(this.ref, state.snapshot, state.upto, state.fresh);
      this.putOffs = 0;
      this.due = false;
      const owesFresh = state.fresh === undefined && this.host.fresh !== undefined;
      this.bare = owesFresh ? state.upto : -1;
      this.log.compacted(state.upto, owesFresh);
      if (owesFresh && !closing && this.deps.fanout && !this.stopped) this.armIdle();
    } catch (err) {
      this.deps.logger.warn({ err, ref: this.ref }, 'snapshot failed; the update log stays');
    }
  }

  /**
   * The fresh bytes alone beside this log's last snapshot, at `upto`, which nothing followed
   * (`DocumentStore.putFresh`: not written when another process's snapshot replaced it meanwhile).
   * One encode, the V1 state; the snapshot is not encoded again.
   */
  private async putFresh(upto: number): Promise<void> {
    const fresh = this.host.fresh?.();
    if (fresh) await this.deps.storage.putFresh(this.ref, upto, fresh);
    this.bare = -1;
    this.putOffs = 0;
    this.due = false;
    this.log.compacted(upto, false);
  }

  private armIdle(): void {
    if (this.idle !== null) clearTimeout(this.idle);
    this.idle = setTimeout(this.idleFresh, Math.max(1, this.deps.options.compactQuietMs));
    this.idle.unref();
  }

  /**
   * With other processes on the same store (`fanout`), a live snapshot that the room's writes do
   * not follow for `compactQuietMs` gets its fresh bytes (one V1 encode, in that pause): another
   * process loading the document meanwhile serves clients that hold nothing from them instead of
   * building it (`bench/fresh-load.ts`). An update written or waiting by then makes them of no use
   * (they are served only with no update after the snapshot): nothing is encoded, the room's close
   * writes them. A failed write is logged and left to the close.
   */
  private readonly idleFresh = (): void => {
    this.idle = null;
    const upto = this.bare;
    if (this.stopped || upto < 0 || this.log.busy() || this.log.storageSeq() !== upto) return;
    const fresh = this.host.fresh?.();
    if (!fresh) return;
    this.bare = -1;
    this.deps.storage.putFresh(this.ref, upto, fresh).then(
      () => {
        if (this.log.storageSeq() === upto && this.bare < 0) this.log.compacted(upto, false);
      },
      (err: unknown) => {
        if (this.bare < 0 && this.log.storageSeq() === upto) this.bare = upto;
        this.deps.logger.warn({ err, ref: this.ref }, 'fresh bytes beside the snapshot not written; the room writes them at unload');
      },
    );
  };

  /** The doc's state as a snapshot (and, `withFresh`, fresh clients' bytes) of the log up to `upto`, which the caller knows it holds exactly. */
  private stateAt(upto: number, withFresh: boolean): LogState {
    return { upto, snapshot: this.host.snapshot(), fresh: withFresh ? this.host.fresh?.() : undefined };
  }
}
