/**
 * Notices between the processes on one SQLite file (`Storage.watchChanges`), so that the server
 * learns of the `samplan` commands' writes when they commit instead of polling storage for them.
 *
 * The server's store (opened with `notices`) makes an empty file `<db>.notice` beside the database
 * while it watches and watches it with `fs.watch` (inotify on Linux: no timer, no wake while
 * nothing is written). Every other store on the file (the `samplan` commands: `token revoke`,
 * `member add|remove`, `import`, another process's store in tests) sets the file's times after
 * each commit of rights (tokens, members, removals, document records) or of appended updates,
 * when the file is there; with no server watching it is not there and nothing is touched. One
 * notice tells both: the server's rights round reads only the rights version when rights did not
 * move, and its look for foreign writes reads the last sequence numbers of the loaded documents.
 *
 * What a notice cannot reach: a writer that is not Samplan's store (the `sqlite3` shell) and a
 * file system without change events for another writer (a network share). The sync layer's poll
 * stays on at its slow rate (`TOLD_POLL_MS`, `FANOUT_POLL_MS`: 5 s) as the safety net for those,
 * as for PostgreSQL's notices; should the watch fail or the file go, `listening(false)` puts the
 * sync layer back on its fast polls (`rightsPollMs`, `foreignPollMs`) until it is watched again.
 */
import { closeSync, openSync, rmSync, utimesSync, watch, type FSWatcher } from 'node:fs';
import type { Logger } from 'pino';
import type { ChangeHandlers, ChangeWatch, RightsNotice } from './storage.js';

/** The notice file of the database at `path`. */
export const noticePath = (path: string): string => `${path}.notice`;

/** What a commit of this store was, for {@link SqliteNotices.committed}. */
export type CommitKind = 'rights' | 'appends';

/** The notices of one store; see the module's comment. */
export interface SqliteNotices {
  /**
   * Call after a commit of `kind` of this store: tells the watching server (another store: the
   * file's times, which say nothing of the write) or, in the server's store, its own watchers of
   * its rights writes, with `notice` (what was written, at which rights version).
   */
  committed(kind: CommitKind, notice?: RightsNotice): void;
  /** `Storage.watchChanges`, for the server's store only (`watching`). */
  watch?(handlers: ChangeHandlers): ChangeWatch;
  /** Stop every watch (the store closes). */
  close(): void;
}

/**
 * The notices of the store on the SQLite file at `path`. `watching`: the store of the server
 * (`SqliteStorageOptions.notices`), which watches the file and tells nobody; otherwise the store
 * tells a watching server of its commits. A database in memory has no notices.
 */
export function sqliteNotices(path: string, watching: boolean, logger?: Logger): SqliteNotices {
  const file = noticePath(path);
  const inMemory = path === ':memory:' || path === '';
  if (!watching) {
    return {
      committed() {
        if (inMemory) return;
        const now = new Date();
        try {
          utimesSync(file, now, now);
        } catch {
          // No server watches this file (ENOENT), or it cannot be touched: its poll finds the write.
        }
      },
      close() {},
    };
  }
  const watches = new Set<Watch>();
  return {
    committed(kind, notice) {
      // The server's own rights writes, told to its watchers as PostgreSQL's notices are, saying
      // what was written (its REST routes also close the affected sockets at once through the
      // rights hooks).
      if (kind !== 'rights') return;
      for (const w of watches) queueMicrotask(() => w.tellRights(notice));
    },
    watch(handlers) {
      const w = new Watch(file, inMemory, handlers, logger, () => watches.delete(w));
      watches.add(w);
      return w;
    },
    close() {
      for (const w of [...watches]) w.stop();
    },
  };
}

/** One running watch of the notice file. */
class Watch implements ChangeWatch {
  private watcher: FSWatcher | null = null;
  private on = false;
  private stopped = false;
  /** Failed starts in a row: the next try waits longer (1 s, doubling to a minute), and only the first is logged. */
  private failures = 0;

  constructor(
    private readonly file: string,
    inMemory: boolean,
    private readonly handlers: ChangeHandlers,
    private readonly logger: Logger | undefined,
    private readonly forget: () => void,
  ) {
    // Told after the caller's set-up, as PostgreSQL's first `listening(true)` comes once connected.
    if (!inMemory) queueMicrotask(() => this.start());
  }

  listening(): boolean {
    return this.on;
  }

  tellRights(notice?: RightsNotice): void {
    if (this.on) this.handlers.rights(notice);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.forget();
    this.unwatch();
    rmSync(this.file, { force: true });
  }

  private start(): void {
    if (this.stopped) return;
    try {
      closeSync(openSync(this.file, 'a'));
      this.watcher = watch(this.file, { persistent: false }, (event) => this.event(event));
      this.watcher.on('error', (err) => this.failed(err));
    } catch (err) {
      this.failed(err);
      return;
    }
    this.on = true;
    this.failures = 0;
    this.handlers.listening(true);
  }

  private event(event: string): void {
    if (this.stopped) return;
    // The file was removed or replaced: watch the new one (a change made meanwhile is read then).
    if (event === 'rename') return this.failed(null);
    this.handlers.rights();
    this.handlers.appends();
  }

  /** The watch ended: poll at the fast rates, and watch again after a while. */
  private failed(err: unknown): void {
    this.unwatch();
    if (err && this.failures === 0) this.logger?.warn({ err, file: this.file }, 'watching the notice file failed; polling the database');
    if (this.on) {
      this.on = false;
      this.handlers.listening(false);
    }
    const again = setTimeout(() => this.start(), Math.min(60_000, 1000 * 2 ** this.failures));
    this.failures++;
    again.unref();
  }

  private unwatch(): void {
    this.watcher?.close();
    this.watcher = null;
  }
}
