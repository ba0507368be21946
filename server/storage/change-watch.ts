/**
 * What `DocumentStore.watchChanges` tells ({@link ChangeHandlers}), its options and the running
 * watch. Types only; part of `storage.ts`, which re-exports it.
 */
import type { RightsNotice } from './rights-notice.js';

/** What {@link Storage.watchChanges} tells. Each may be called any number of times. */
export interface ChangeHandlers {
  /**
   * A write of tokens, members, removals or document records committed (by any process, the
   * `samplan` commands, this process): read them again. Called after the commit, so a read now sees it.
   * `notice` says what was written and the rights version it moved storage to, where the writer
   * tells it (PostgreSQL's notices of this version's writers; on SQLite the server's own writes
   * and the `samplan` commands' lines in `<db>.notice`); absent (a writer of an earlier version,
   * a change the notice file tells with no line, notices that came back), anything may have been
   * written.
   */
  rights(notice?: RightsNotice): void;
  /**
   * Another writer committed appends that it does not publish otherwise (the `samplan` commands;
   * a process without a connected fan-out): look for updates of other processes.
   */
  appends(): void;
  /**
   * `false`: notices stopped (the listening connection dropped, the database restarts); poll until
   * they are back. `true`: notices flow again; read everything once, since a change made while
   * they were down was not told. The first `true` comes once listening after `watchChanges`.
   */
  listening(on: boolean): void;
}

/** Options of {@link Storage.watchChanges}. */
export interface ChangeWatchOptions {
  /**
   * True while this process's appends reach the other processes otherwise (a connected fan-out);
   * its appends are then not told through storage, and the other processes wake once per edit
   * instead of twice. Asked at every append; by default false (every append is told).
   */
  appendsPublished?: () => boolean;
}

/** A running {@link Storage.watchChanges}. */
export interface ChangeWatch {
  /** True while notices flow: a change committed now will be told. */
  listening(): boolean;
  /** Stop telling these handlers; idempotent. */
  stop(): void;
}
