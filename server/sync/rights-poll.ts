/**
 * When `LiveRights` (`live-rights.ts`) runs a rights round on its own: the poll of storage while
 * sockets are open (every `pollMs`, or every `toldPollMs` as a safety net while storage tells of
 * changes), and the round after one that decided nothing while told by notices. What a round
 * reads and decides stays in `live-rights.ts`.
 */

/** The intervals of a {@link RightsPoll}, in ms (see `LiveRightsDeps`). */
export interface RightsPollTimes {
  pollMs: number;
  toldPollMs: number;
}

/** The poll's timer and the retry after an undecided round. */
export class RightsPoll {
  private timer: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  /** Storage tells of other writers' rights changes now: the poll runs every `toldPollMs` only. */
  private on = false;

  /**
   * @param times the intervals.
   * @param tick a poll tick: run a round unless one is under way.
   * @param round run a round now (the retry after a failed read).
   */
  constructor(
    private readonly times: RightsPollTimes,
    private readonly tick: () => void,
    private readonly round: () => void,
  ) {}

  /** Whether storage tells of changes now. */
  get told(): boolean {
    return this.on;
  }

  /** Notices started or stopped: the poll starts again at the rate that fits, when sockets are open (`open`). */
  listening(on: boolean, open: number): void {
    this.on = on;
    this.idle();
    this.arm(open);
  }

  /**
   * Start the poll when `open` sockets are open and it is not running: every `pollMs`, or every
   * `toldPollMs` while storage tells of changes (never more often than `pollMs`: the safety net is
   * the slow poll). 0 turns either off.
   */
  arm(open: number): void {
    const { pollMs, toldPollMs } = this.times;
    const every = this.on ? toldPollMs && Math.max(toldPollMs, pollMs) : pollMs;
    if (this.timer || every <= 0 || pollMs <= 0 || open === 0) return;
    this.timer = setInterval(this.tick, every);
    this.timer.unref();
  }

  /** Stop the poll (no socket is open any more). */
  idle(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * A round decided nothing: it overlapped a hook (`discarded`) or its reads failed. Polled, the
   * next tick reads again; told by notices, nothing would, and the change a notice told of would
   * stay unapplied until the next notice. True: run one more round at once (after a discard);
   * after a failure one more runs in `pollMs` (at least 100 ms).
   */
  undecided(discarded: boolean): boolean {
    if (!this.on) return false;
    if (discarded) return true;
    if (this.retry) return false;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.round();
    }, Math.max(100, this.times.pollMs));
    this.retry.unref();
    return false;
  }

  /** Stop the poll and the retry. */
  stop(): void {
    this.idle();
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
  }
}
