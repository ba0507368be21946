/**
 * Finding updates that other writers appended to the documents loaded here (another process, a
 * `samplan` import) where no fan-out message brought them. Three ways in:
 *
 * - **told**: where storage tells of appends nobody publishes (PostgreSQL `LISTEN/NOTIFY`, SQLite's
 *   `<db>.notice`; `Storage.watchChanges`), every loaded room looks when told ({@link ForeignWrites.noticed});
 * - **poll**: while rooms are loaded, storage is asked every `foreignPollMs` whether anyone wrote
 *   (one cheap call, `PRAGMA data_version` on SQLite), and only then each room looks; every
 *   {@link FANOUT_POLL_MS} only, as a safety net, while the fan-out is connected or storage tells.
 *   Should the fan-out drop while storage tells, the next of those rounds sees it and polls quickly
 *   again (a process whose own link to Redis is down hears the others through storage only);
 * - **at once**: after a room subscribed to the fan-out and after the fan-out came back
 *   ({@link ForeignWrites.checkOf}).
 */
import type { Logger } from 'pino';
import type { DocRef, DocumentStore } from '../storage/storage.js';
import type { Fanout } from './fanout.js';
import type { Room } from './room.js';

/**
 * How often storage is asked for other processes' writes while the fan-out is connected, or while
 * storage tells of the appends that are not published (`Storage.watchChanges`), in ms.
 */
export const FANOUT_POLL_MS = 5000;

/** Rooms that ask storage for other processes' writes at the same time. */
const FOREIGN_CHECKS_AT_ONCE = 4;

/** What {@link ForeignWrites} is built from. */
export interface ForeignWritesDeps {
  storage: Pick<DocumentStore, 'dataVersion' | 'lastSeqs'>;
  fanout?: Pick<Fanout, 'connected'> | undefined;
  logger: Logger;
  /** How often storage is asked while it does not tell and the fan-out is down or absent, in ms; 0: never. */
  pollMs: number;
  /** The rooms loaded now. */
  rooms(): Room[];
}

const keyOf = (ref: DocRef): string => `${ref.workspace}\u0000${ref.doc}`;

/** The look-out for other writers' updates of one process's loaded rooms. */
export class ForeignWrites {
  private poll: NodeJS.Timeout | null = null;
  private polling = false;
  private seenVersion: number | null = null;
  /** The last poll saw the version move. */
  private versionMoved = false;
  private lastPoll = 0;
  /** The poll's interval as armed, in ms. */
  private pollEvery = 0;
  /** Storage tells of appends now (its notices flow). */
  private told = false;
  /** A look that a notice started is under way; `again`: one more after it. */
  private noticeCheck: Promise<void> | null = null;
  private again = false;

  constructor(private readonly deps: ForeignWritesDeps) {}

  /** Rooms are loaded: poll, unless already polling. */
  watch(): void {
    if (this.poll || this.deps.pollMs <= 0) return;
    this.pollEvery = this.interval();
    this.poll = setInterval(() => void this.pollOnce(), this.pollEvery);
    this.poll.unref();
  }

  /**
   * Storage's notices started (`true`: look once, as an append made while they were down was told
   * to nobody; poll seldom from now on) or stopped (`false`: poll every `pollMs` again).
   */
  listening(on: boolean): void {
    this.told = on;
    if (on) this.noticed();
    this.rearm();
  }

  /** Storage told of appends another writer does not publish: every loaded room looks now, or once more after the look under way. */
  noticed(): void {
    if (this.deps.rooms().length === 0) return;
    if (this.noticeCheck) {
      this.again = true;
      return;
    }
    this.noticeCheck = this.checkOf(this.deps.rooms())
      .catch((err: unknown) => this.deps.logger.warn({ err }, 'looking for writes of other processes failed'))
      .finally(() => {
        this.noticeCheck = null;
        if (!this.again) return;
        this.again = false;
        this.noticed();
      });
  }

  /** Stop polling. */
  stop(): void {
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
  }

  /**
   * `rooms` (emptied on the way) look for updates of other processes. Storage's last sequence
   * numbers are read in one statement per workspace, and only the rooms behind them read their
   * updates, a few at a time: a hundred rooms asking at once held every pooled connection and
   * delayed the writes queued behind them. `missedFanout`: messages may have been lost (their
   * take-backs are read too).
   */
  async checkOf(rooms: Room[], missedFanout = false): Promise<void> {
    if (rooms.length === 0) return;
    const heads = await this.headsOf(rooms);
    const worker = async (): Promise<void> => {
      for (let room = rooms.pop(); room; room = rooms.pop()) await room.checkForeign(heads?.get(keyOf(room.ref)), missedFanout);
    };
    await Promise.all(Array.from({ length: FOREIGN_CHECKS_AT_ONCE }, worker));
  }

  /** The poll's interval now: `pollMs`, or the safety net's {@link FANOUT_POLL_MS} (never more often than `pollMs`). */
  private interval(): number {
    return this.told && this.deps.fanout?.connected() !== false ? Math.max(FANOUT_POLL_MS, this.deps.pollMs) : this.deps.pollMs;
  }

  /** Arm the poll again when its interval should change (notices came or went, the fan-out dropped). */
  private rearm(): void {
    if (!this.poll || this.interval() === this.pollEvery) return;
    this.stop();
    this.watch();
  }

  private async pollOnce(): Promise<void> {
    if (this.deps.rooms().length === 0) {
      this.stop();
      this.seenVersion = null;
      return;
    }
    if (this.polling) return;
    this.rearm();
    // With the other processes' messages flowing, storage is only a safety net: ask it seldom.
    if (this.deps.fanout?.connected() && this.pollEvery < FANOUT_POLL_MS && Date.now() - this.lastPoll < FANOUT_POLL_MS) return;
    this.lastPoll = Date.now();
    this.polling = true;
    try {
      const version = await this.deps.storage.dataVersion();
      // The first poll after rooms load checks them all: a write may have come after their load.
      // The poll after a change looks again: the version may move before the rows can be read.
      const changed = version !== this.seenVersion;
      this.seenVersion = version;
      const again = this.versionMoved;
      this.versionMoved = changed;
      if (changed || again) await this.checkOf(this.deps.rooms());
    } catch (err) {
      this.deps.logger.warn({ err }, 'asking storage for writes of other processes failed');
    } finally {
      this.polling = false;
    }
  }

  /** The last stored sequence number of each room's document, by key; null when storage did not say. */
  private async headsOf(rooms: readonly Room[]): Promise<Map<string, number> | null> {
    // Pushed onto one list per workspace: copying the list at each room made this quadratic (at
    // 100,000 rooms of one workspace, seconds of one turn of the event loop).
    const byWorkspace = new Map<string, string[]>();
    for (const { ref } of rooms) {
      const docs = byWorkspace.get(ref.workspace);
      if (docs) docs.push(ref.doc);
      else byWorkspace.set(ref.workspace, [ref.doc]);
    }
    try {
      const heads = new Map<string, number>();
      for (const [workspace, docs] of byWorkspace) {
        for (const [doc, seq] of await this.deps.storage.lastSeqs(workspace, docs)) heads.set(keyOf({ workspace, doc }), seq);
      }
      return heads;
    } catch (err) {
      this.deps.logger.warn({ err }, 'reading the last sequence numbers failed; every room looks itself');
      return null;
    }
  }
}
