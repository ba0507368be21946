/**
 * Reading an SQLite file in WAL mode without leaving anything beside it. A read-only connection
 * makes an empty write-ahead log (`<db>-wal`) and its index (`<db>-shm`) when there are none, and
 * unlike a read-write connection it does not remove them at its close, not even as the last
 * connection: it cannot checkpoint. `samplan migrate`, which only reads its source, would leave
 * them in the operator's folder.
 *
 * `immutable=1` (SQLite's URI parameter) would open the file with no log at all, but it also skips
 * the log's content and all locking: SQLite documents that a file opened so that changes anyway
 * can give wrong results or SQLITE_CORRUPT, and a file left by a server that died holds committed
 * edits in its `-wal`. So the files are tidied the way SQLite itself does it instead.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { databaseInUse, realDatabasePath } from './db-lock.js';

/** The WAL-mode files beside an SQLite file, by suffix. */
const SIDECARS = ['-wal', '-shm'] as const;

/** Which of `<file>-wal` and `<file>-shm` exist now (the real path: SQLite follows symbolic links). */
function sidecarsOf(file: string): string[] {
  const real = realDatabasePath(file);
  return SIDECARS.map((s) => `${real}${s}`).filter((f) => fs.existsSync(f));
}

/**
 * Run `read`, which opens the SQLite file `file` read-only (any number of times, every connection
 * closed when it settles), and leave `file`'s folder as it found it: when neither `-wal` nor
 * `-shm` was there before and `read` made them, they are removed by opening `file` read-write and
 * closing it, so that SQLite removes them only if it is the last connection to the file of any
 * process (it takes the file's exclusive lock first; the empty log has nothing to copy into the
 * file, whose bytes stay the same). Files that were there before are left as they are: a log left
 * by a server that died holds its last edits. Nothing is tidied either while a live server holds
 * the file's lock (`db-lock.ts`) unless the caller holds it (`lockHeld`), nor when the folder
 * cannot be written (then a read-only connection made nothing there).
 *
 * @example
 * const rows = await readLeavingNoSidecars('./data/samplan.db', true, async () => readAll('./data/samplan.db'));
 */
export async function readLeavingNoSidecars<T>(file: string, lockHeld: boolean, read: () => Promise<T>): Promise<T> {
  const before = sidecarsOf(file);
  try {
    return await read();
  } finally {
    if (before.length === 0 && sidecarsOf(file).length > 0 && (lockHeld || databaseInUse(file) === null)) closeAsLastConnection(file);
  }
}

/** Open `file` read-write, read its header (which opens its log) and close it: SQLite's own tidy-up at a last close. */
function closeAsLastConnection(file: string): void {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma('schema_version', { simple: true });
  } catch {
    // Not writable here: then nothing was made here either, or it stays as SQLite left it.
  } finally {
    db?.close();
  }
}
