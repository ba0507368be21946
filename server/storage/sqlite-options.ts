/**
 * The options of the SQLite store (`sqlite.ts`): how hard a commit is pushed to disk, its clock,
 * retention, WAL checkpoints, read-only and server-held opens, notices and the edit journal.
 */
import type { Logger } from 'pino';
import type { startCheckpointer } from './sqlite-checkpointer.js';
import type { HistoryRetention } from './retention.js';

/**
 * How hard a commit is pushed to disk. Both survive `kill -9` of the server, which is what the
 * sync server promises: in WAL mode a committed transaction is in the WAL file once `write()`
 * returns, and the OS keeps it when the process dies.
 * - `normal` (default): the WAL is fsynced at checkpoints only, so the last commits can be lost
 *   on power loss or an OS crash (the file stays consistent).
 * - `full`: the WAL is fsynced on every commit, so a commit also survives power loss. better-sqlite3
 *   is synchronous, so the fsync blocks the event loop: measured here at ~4–5 ms per commit
 *   (p99 ~20 ms) against ~0.05 ms for `normal`; with one commit per tick at 100 edits/s that is a
 *   quarter to a half of the loop, which the fan-out latency budget cannot carry. Choose it where
 *   the machine has no UPS and a few lost seconds of edits matter more than latency.
 */
export type Durability = 'full' | 'normal';

/** Options of {@link openSqliteStorage}. */
export interface SqliteStorageOptions {
  logger?: Logger;
  /** See {@link Durability}; defaults to `normal`. */
  durability?: Durability;
  /** Source of the timestamps written on updates; defaults to the system clock. */
  clock?: () => Date;
  /** How much history compaction keeps; every change for 30 days, then hourly, by default. */
  retention?: Partial<HistoryRetention>;
  /** Checkpoint the WAL into the database this often while writes come, in ms (PASSIVE; default 1000). */
  checkpointEveryMs?: number;
  /** Truncate the WAL to zero bytes once writes have stopped for this long, in ms (default 30000). */
  truncateWalEveryMs?: number;
  /**
   * Restart the WAL from its start (trimming the file to this size) once it holds more, in bytes
   * (default 16 MiB).
   */
  walLimitBytes?: number;
  /**
   * Start the checkpoint worker at open instead of at the first checkpoint's time after the first
   * write (`atFirstTick`, `sqlite-checkpointer.ts`): for a server, which will write. A thread's start costs ~40 ms of CPU; at the first write it fell in the middle of the
   * first connect storm after a restart (the first socket's audit record), on the cores the storm
   * needs. A store that only reads (the CLI's `export`, `token list`) leaves it off.
   */
  checkpointerAtOpen?: boolean;
  /**
   * Fail at open, with SQLITE_READONLY, when the file may only be read. SQLite opens a file it may
   * not write read-only without a word, and a server would start and fail at its first write; a
   * server therefore writes `user_version` back unchanged at open. A store that only reads leaves it off.
   */
  mustWrite?: boolean;
  /**
   * Open the file read-only and leave it as it is: no journal mode set, no schema upgrade (a file
   * of another schema version is refused, `SchemaVersionError`, `sqlite-schema.ts`), and any write fails with
   * SQLITE_READONLY. `samplan migrate` reads its source so: a migration must not change it. The
   * `-wal` and `-shm` the connection makes beside a file that had none are removed at close, and a
   * file with a `-wal` but no `-shm` is read from a copy (`placeToRead`, `sqlite-sidecars.ts`).
   */
  readonly?: boolean;
  /**
   * A live server serves the file (`databaseInUse`): a file of an older schema version is refused
   * (`UpgradeUnderServerError`, `sqlite-schema.ts`) instead of upgraded under it. The `samplan` commands set it.
   */
  serverHolds?: boolean;
  /**
   * The store of the running server: it offers `watchChanges`, told by the other stores on the file
   * (the `samplan` commands) of their commits of rights and updates through `<db>.notice`
   * (`sqlite-notices.ts`), so that its sync layer polls storage only as a slow safety net. Every
   * store without it tells such a server of its own commits.
   */
  notices?: boolean;
  /** Journal plain edits in `<db>.journal`, flushed every `journalFlushMs` (250) or `journalFlushBytes` (1 MiB): a server's store (`sqlite-journal.ts`). */
  journal?: boolean;
  journalFlushMs?: number;
  journalFlushBytes?: number;
  /** Starts the checkpointer at the first write; `startCheckpointer` unless given (tests count starts). */
  startCheckpointer?: typeof startCheckpointer;
}
