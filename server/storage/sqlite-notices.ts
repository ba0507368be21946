/**
 * Notices between the processes on one SQLite file (`Storage.watchChanges`), so that the server
 * learns of the `samplan` commands' writes when they commit instead of polling storage for them.
 *
 * The server's store (opened with `notices`) makes an empty file `<db>.notice` beside the database
 * while it watches and watches it with `fs.watch` (inotify on Linux: no timer, no wake while
 * nothing is written). Every other store on the file (the `samplan` commands: `token revoke`,
 * `member add|remove`, `import`, another process's store in tests) appends a line
 * "<version> <kind>" to the file after each commit of rights (tokens, members, removals, document
 * records; the rights version the write moved storage to and what it wrote, `RightsNotice`, as
 * PostgreSQL's notices say it) and sets the file's times after a commit of appended updates, when
 * the file is there; with no server watching it is not there and nothing is touched (the file is
 * opened without creating it). The server reads the lines added since it last read: a member or
 * token added (`samplan member add`) starts no rights round (`quiet-versions.ts`), any other line
 * reads the rights again, and a change with no new line (appended updates, a writer of an earlier
 * Samplan) tells of anything: the rights round reads only the rights version when rights did not
 * move, and the look for foreign writes reads the last sequence numbers of the loaded documents.
 * A line lost (the server empties the file past {@link NOTICE_FILE_MOST} bytes; a writer stopped
 * between its commit and its line) leaves its version untold, and a version nobody told of is
 * always read. The server's own writes are told to its watchers in the process, also while the
 * watch is down (then polled): a sign-in starts no round in either mode. Polling, the commands'
 * lines are read before each read of the rights version (`catchUp`), so a `member add` starts no
 * round then either. A command empties a file past {@link NOTICE_FILE_STALE} before appending
 * (an earlier Samplan's server reads no lines and never empties it).
 *
 * What a notice cannot reach: a writer that is not Samplan's store (the `sqlite3` shell) and a
 * file system without change events for another writer (a network share). The sync layer's poll
 * stays on at its slow rate (`TOLD_POLL_MS`, `FANOUT_POLL_MS`: 5 s) as the safety net for those,
 * as for PostgreSQL's notices; should the watch fail or the file go, `listening(false)` puts the
 * sync layer back on its fast polls (`rightsPollMs`, `foreignPollMs`) until it is watched again.
 */
import { closeSync, constants, fstatSync, ftruncateSync, openSync, readSync, rmSync, truncateSync, utimesSync, watch, writeSync, type FSWatcher } from 'node:fs';
import type { Logger } from 'pino';
import { realDatabasePath } from './db-lock.js';
import { rightsNoticeOf, type ChangeHandlers, type ChangeWatch, type RightsNotice } from './storage.js';

/**
 * The notice file of the database at `path`, as given (`sqliteNotices` gives it the real path,
 * {@link realDatabasePath}: a command that names the file through a symbolic link, or the server
 * started through one, must still reach the one notice file the server watches).
 */
export const noticePath = (path: string): string => `${path}.notice`;

/**
 * The notice file's size, in bytes, past which the watching server empties it once it has read
 * it (a line is about 20 bytes: some 3,000 rights writes of the commands).
 */
export const NOTICE_FILE_MOST = 64 * 1024;

/**
 * The notice file's size, in bytes, past which a writing command empties it before appending its
 * line: a server of this Samplan empties it past {@link NOTICE_FILE_MOST} as soon as it reads
 * (at once while watching, at every poll round while polling), so a file this long is read by no
 * such server — an earlier Samplan's server, which reads no lines and never empties it. Lines
 * cost such a server nothing unread; emptied, the file stays under this bound (~50,000 lines).
 */
export const NOTICE_FILE_STALE = 16 * NOTICE_FILE_MOST;

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
  /**
   * The server's store, before it reads the rights version: a watch that is down (polling) tells
   * the lines written since it last read, as a running watch would have, so that a poll round
   * judging that version knows the commands' writes that lower no right (`member add`).
   */
  catchUp?(): void;
  /** Stop every watch (the store closes). */
  close(): void;
}

/**
 * The notices of the store on the SQLite file at `path`. `watching`: the store of the server
 * (`SqliteStorageOptions.notices`), which watches the file and tells nobody; otherwise the store
 * tells a watching server of its commits. A database in memory has no notices.
 */
export function sqliteNotices(path: string, watching: boolean, logger?: Logger): SqliteNotices {
  const inMemory = path === ':memory:' || path === '';
  // Named after the file the path is, as `<db>.lock` is: two spellings of one database (a link
  // to it, a folder reached through one) share one notice file.
  const file = noticePath(inMemory ? path : realDatabasePath(path));
  if (!watching) {
    return {
      committed(kind, notice) {
        if (inMemory) return;
        const now = new Date();
        try {
          if (kind === 'rights' && notice) appendLine(file, `${notice.version} ${notice.kind}\n`);
          else utimesSync(file, now, now);
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
    catchUp() {
      for (const w of watches) w.catchUp();
    },
    close() {
      for (const w of [...watches]) w.stop();
    },
  };
}

/**
 * Append `line` to the file at `path`, which must be there (never created); throws ENOENT if not.
 * A file past {@link NOTICE_FILE_STALE} is emptied first (no server of this Samplan reads it).
 */
function appendLine(path: string, line: string): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND);
  try {
    if (fstatSync(fd).size > NOTICE_FILE_STALE) ftruncateSync(fd, 0);
    writeSync(fd, line);
  } finally {
    closeSync(fd);
  }
}

/** One running watch of the notice file. */
class Watch implements ChangeWatch {
  private watcher: FSWatcher | null = null;
  private on = false;
  private stopped = false;
  /** How far the file was read, in bytes: lines before it were told. */
  private offset = 0;
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

  /** This process's own write of rights: told while watching and while polling (the poll then skips a quiet write). */
  tellRights(notice?: RightsNotice): void {
    if (!this.stopped) this.handlers.rights(notice);
  }

  /** Down (polling): tell the lines written since the last read, as {@link event} would have. */
  catchUp(): void {
    if (this.on || this.stopped) return;
    for (const line of this.lines()) this.handlers.rights(rightsNoticeOf(line));
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
      const fd = openSync(this.file, 'a');
      // Lines written before this watch are not told: `listening(true)` reads the rights anyway.
      this.offset = fstatSync(fd).size;
      closeSync(fd);
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
    const told = this.lines();
    if (told.length === 0) this.handlers.rights();
    for (const line of told) this.handlers.rights(rightsNoticeOf(line));
    this.handlers.appends();
  }

  /**
   * The whole lines written to the file since it was last read (none when it cannot be read); a
   * line being written is read next time. Empties the file once read past {@link NOTICE_FILE_MOST}.
   */
  private lines(): string[] {
    let text: string;
    try {
      const fd = openSync(this.file, 'r');
      try {
        const size = fstatSync(fd).size;
        // Emptied or replaced meanwhile: read it from the start.
        if (size < this.offset) this.offset = 0;
        const bytes = Buffer.alloc(size - this.offset);
        const got = readSync(fd, bytes, 0, bytes.length, this.offset);
        text = bytes.toString('latin1', 0, got);
      } finally {
        closeSync(fd);
      }
    } catch {
      return [];
    }
    const end = text.lastIndexOf('\n');
    if (end < 0) return [];
    this.offset += end + 1;
    if (this.offset > NOTICE_FILE_MOST) {
      try {
        truncateSync(this.file, 0);
        this.offset = 0;
      } catch {
        // Read on from where it was.
      }
    }
    return text.slice(0, end).split('\n');
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
