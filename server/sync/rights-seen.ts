/**
 * Which rights version the rights in force on a process's open sockets were read at, and whether
 * storage moved since then only by writes that lower no right (`quiet-versions.ts`): what
 * `LiveRights` (`live-rights.ts`) asks before a round reads the sockets' tokens, members and
 * records again. Bookkeeping only; it reads nothing itself.
 */
import type { RightsNotice } from '../storage/storage.js';
import { QuietVersions } from './quiet-versions.js';

/**
 * What a round that read storage's rights `version` has to do (see {@link SeenRights.judge}):
 * - `unchanged`: nothing a socket's rights depend on was written since they were read (or only
 *   writes that lower no right, now taken as read); nothing to read;
 * - `first`: the first version known to this process: read everything, a baseline, not a change;
 * - `moved`: storage moved (or its version is unknown): read everything.
 */
export type RoundNeed = 'unchanged' | 'first' | 'moved';

/** The version the rights in force were read at, and the quiet versions told since. */
export class SeenRights {
  private seen: number | null = null;
  /** Versions told to lower no right (a sign-in, a member added) above {@link version}. */
  private readonly quiet = new QuietVersions();

  /** The rights version the rights in force were read at; null: none known. */
  get version(): number | null {
    return this.seen;
  }

  /**
   * Take a notice of a committed write of rights. True when it needs no round: its write lowers
   * no right, every version since {@link version} was such a write, and no round is under way
   * (`idle`; a round under way may finish with reads older than the write). {@link version}
   * then moves to the notice's. False for any other notice, and when no version is known.
   */
  told(notice: RightsNotice | undefined, idle: boolean): boolean {
    if (!this.quiet.told(notice) || !idle || this.seen === null || !this.quiet.covers(this.seen, notice.version)) return false;
    this.seen = Math.max(this.seen, notice.version);
    return true;
  }

  /** What a round that read `version` (null: the store keeps none, or it could not be read) has to do. */
  judge(version: number | null): RoundNeed {
    if (version === null) return 'moved';
    if (this.seen === null) return 'first';
    if (version === this.seen) return 'unchanged';
    if (version > this.seen && this.quiet.covers(this.seen, version)) {
      this.seen = version;
      return 'unchanged';
    }
    return 'moved';
  }

  /** Every watched socket's rights are storage's at `version` (null: at no known version). */
  read(version: number | null): void {
    this.seen = version;
    if (version !== null) this.quiet.forget(version);
  }

  /** Forget the version: the next round reads everything (a socket's rights could not be settled). */
  forget(): void {
    this.seen = null;
  }
}
