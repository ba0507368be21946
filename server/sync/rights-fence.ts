/**
 * No write taken with a stale right on a process cut from the others. Once a process is no longer
 * waited for (`server/fanout/live-processes.ts`, `keepLease`), another process may confirm a
 * rights change (a revoked token, a removed member) without it. Polling rights at the fast rate
 * while cut still left one poll interval (500 ms) in which a write sent right after the confirmed
 * answer was taken. While cut, every frame a socket sends therefore waits for one check: storage's
 * rights version is read (one small read, shared by all frames that arrived in the same turn of
 * the event loop), and when it moved since the rights in force here were read, a rights round
 * runs first (`LiveRights.recheck`), which closes the sockets whose access ended before their
 * frames are handled. A frame is handled only after a check that began after it arrived; frames
 * keep their order. Healthy (not cut), frames are handled at once as before: no read, no wait.
 */

/**
 * The rights rounds a check runs and waits for (`LiveRights`, `live-rights.ts`): the rights
 * version the rights in force were read at, the rounds complete so far, the round under way.
 */
export interface RightsRounds {
  /** Storage's rights version the rights in force were read at; null when none is known. */
  readonly seenVersion: number | null;
  /** Rounds complete so far (each decided every socket on what storage held when it began). */
  readonly roundsDone: number;
  /** The round under way, if any. */
  readonly underway: Promise<void> | null;
  /** Run a round (or join the one under way); resolves when it ended, decided or not. */
  recheck(): Promise<void>;
}

/** How many rights rounds a check runs at most before giving up (each one overtaken by a change). */
const ROUNDS = 3;

/**
 * Resolves true once the rights in force on `live` are at least as new as storage's rights
 * version read now (`version`, absent on a store that keeps none: then one complete rights round
 * that began after now is needed). False when that could not be made sure: the reads failed, or
 * every round was overtaken by a change ({@link ROUNDS} in a row). Never rejects.
 */
export async function rightsCurrent(live: RightsRounds, version?: () => Promise<number>): Promise<boolean> {
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const seen = version ? await version() : null;
      if (seen !== null && seen === live.seenVersion) return true;
      // A round under way may have read storage before that version was written.
      await live.underway;
      const done = live.roundsDone;
      await live.recheck();
      if (live.roundsDone > done) return true;
    }
  } catch {
    // Storage could not be read: the frames are not taken on old rights.
  }
  return false;
}

/** The process-wide fence: on while the fan-out is cut (`FanoutHandlers.cut`). */
export class RightsFence {
  private on = false;
  /** The check the frames of this turn wait for, not yet begun (it begins in the next turn). */
  private next: Promise<boolean> | null = null;

  /** @param check One check, as {@link rightsCurrent}; resolves false when the rights could not be made sure of. */
  constructor(private readonly check: () => Promise<boolean>) {}

  /** Cut from the other processes (true) or back (false). */
  set(on: boolean): void {
    this.on = on;
  }

  /** True while frames wait for a check. */
  get active(): boolean {
    return this.on;
  }

  /**
   * The check a frame arriving now waits for: one that begins after it (in the next turn of the
   * event loop, shared by every frame of this turn).
   */
  gate(): Promise<boolean> {
    this.next ??= new Promise<boolean>((resolve) => {
      setImmediate(() => {
        this.next = null;
        this.check().then(resolve, () => resolve(false));
      });
    });
    return this.next;
  }
}

/**
 * The frames of one socket while its process is cut: each waits for a check that began after it
 * arrived ({@link RightsFence.gate}), in order; a frame after one that waits waits too, even once
 * the fence is off. `handle` gets each frame once its check passed and the socket is still open;
 * `failed` is called (and nothing more handled) when a check could not make sure of the rights.
 */
export class FencedFrames<F> {
  private waiting: { frame: F; gate: Promise<boolean> | null }[] = [];

  constructor(
    private readonly fence: RightsFence,
    private readonly open: () => boolean,
    private readonly handle: (frame: F) => void,
    private readonly failed: () => void,
  ) {}

  /** True while frames wait: a new frame must wait behind them. */
  get busy(): boolean {
    return this.waiting.length > 0;
  }

  /** Handle `frame` after the check it waits for (none once the fence is off), after the frames before it. */
  take(frame: F): void {
    this.waiting.push({ frame, gate: this.fence.active ? this.fence.gate() : null });
    if (this.waiting.length === 1) void this.drain();
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const next = this.waiting[0]!;
      const ok = next.gate ? await next.gate : true;
      if (!this.open()) {
        this.waiting = [];
        return;
      }
      if (!ok) {
        this.waiting = [];
        return this.failed();
      }
      this.waiting.shift();
      this.handle(next.frame);
    }
  }
}
