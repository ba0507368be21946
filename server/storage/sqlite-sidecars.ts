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
 *
 * A `-wal` without a `-shm` (a log a process that died left, its index removed or never copied)
 * is the one case SQLite's tidy cannot serve: a read-only connection makes the `-shm`, and only a
 * connection that holds the file's exclusive lock may remove it (no one else maps it then) — but
 * such a connection copies the log into the file at its close, a write to a file that is only to
 * be read. With no `-shm` no connection has the file open (each makes it first), so the file and
 * its log are quiet: they are copied beside it and the copy is read instead, then removed.
 *
 * A folder that cannot be written (a read-only mount: a backup volume, a snapshot) cannot hold the
 * `-shm` a read-only connection needs, so SQLite refuses to open the file at all
 * (`SQLITE_CANTOPEN`). Without a `-shm` no connection has the file open, and none can write it
 * there (a writer needs the `-wal` and `-shm` beside it), so the file and any log are quiet too:
 * they are copied into the system's temporary folder and read there, then removed.
 */
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { databaseInUse, realDatabasePath } from './db-lock.js';

/** The WAL-mode files beside an SQLite file, by suffix. */
const SIDECARS = ['-wal', '-shm'] as const;

/** Which of `<file>-wal` and `<file>-shm` exist now (the real path: SQLite follows symbolic links). */
export function sidecarsOf(file: string): string[] {
  const real = realDatabasePath(file);
  return SIDECARS.map((s) => `${real}${s}`).filter((f) => fs.existsSync(f));
}

/**
 * Run `read`, which opens the SQLite file at the path it is given read-only (any number of times,
 * every connection closed when it settles), and leave `file`'s folder as it found it:
 * - when neither `-wal` nor `-shm` was there before and `read` made them, they are removed by
 *   opening `file` read-write and closing it ({@link tidyAfterRead});
 * - when a `-wal` was there without a `-shm`, `read` is given a copy of the file and its log,
 *   `<file's real path>.read-<pid>` (room for both once more is needed meanwhile), removed with
 *   whatever reading it made when `read` settles (see the file's docstring); should a `-shm`
 *   appear while they are copied (another process opened the file), `file` itself is read;
 * - when there is no `-shm` and the folder, or the file itself, cannot be written, that copy is made in a folder of its
 *   own in the system's temporary folder (`$TMPDIR/samplan-read-copy-…`, room for the file and its log
 *   needed there), removed the same way;
 * - files that were there before are left as they are: a log left by a server that died holds
 *   its last edits.
 * Nothing is tidied while a live server holds the file's lock (`db-lock.ts`) unless the caller
 * holds it (`lockHeld`), nor when the folder cannot be written (then a read-only connection made
 * nothing there).
 *
 * @example
 * const rows = await readLeavingNoSidecars('./data/samplan.db', true, async (path) => readAll(path));
 */
export async function readLeavingNoSidecars<T>(file: string, lockHeld: boolean, read: (path: string) => Promise<T>): Promise<T> {
  const place = placeToRead(file, lockHeld);
  try {
    return await read(place.path);
  } finally {
    place.done();
  }
}

/**
 * Where to open `file` read-only so that its folder is left as it was found, as
 * {@link readLeavingNoSidecars} describes: `path` is `file`, or a quiet copy of it and its log when
 * it has a `-wal` without a `-shm`; `done()`, called once every connection to `path` is closed,
 * removes the copy with whatever reading it made, or tidies what reading `file` made beside it.
 */
export function placeToRead(file: string, lockHeld: boolean): { path: string; done: () => void } {
  const before = sidecarsOf(file);
  const noIndex = !before.some((f) => f.endsWith('-shm'));
  // A file this user may only read (mode 0444) in a folder it may write: the read-write open that
  // tidies the `-wal` and `-shm` reading makes is read-only for it and removes nothing, so they
  // were left behind, this user's; read a copy as for a folder it may not write.
  if (noIndex && fs.existsSync(file) && (!folderWritable(file) || !writable(realDatabasePath(file)))) {
    const folder = fs.mkdtempSync(join(tmpdir(), 'samplan-read-copy-'));
    const copy = quietCopy(file, join(folder, basename(realDatabasePath(file))));
    if (copy) return { path: copy, done: () => fs.rmSync(folder, { recursive: true, force: true }) };
    fs.rmSync(folder, { recursive: true, force: true });
  }
  const copy = before.length === 1 && before[0]?.endsWith('-wal') ? quietCopy(file, `${realDatabasePath(file)}.read-${process.pid}`) : null;
  if (copy) return { path: copy, done: () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${copy}${suffix}`, { force: true });
  } };
  return { path: file, done: () => tidyAfterRead(file, before, lockHeld) };
}

/** Whether this process may make files in the folder of `file` (its real path: SQLite's `-shm` goes there). */
function folderWritable(file: string): boolean {
  return writable(dirname(realDatabasePath(file)));
}

/** Whether this process may write `place` (a file, or a folder: make files in it). */
function writable(place: string): boolean {
  try {
    fs.accessSync(place, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * After reading `file` read-only: when none of its `-wal` and `-shm` existed before (`before`, as
 * {@link sidecarsOf} answered then) and some exist now, remove them by opening `file` read-write
 * and closing it, so that SQLite removes them only if it is the last connection to the file of any
 * process (it takes the file's exclusive lock first; the empty log has nothing to copy into the
 * file, whose bytes stay the same). Not while a live server holds the file's lock, unless the
 * caller holds it (`lockHeld`).
 */
export function tidyAfterRead(file: string, before: readonly string[], lockHeld: boolean): void {
  if (before.length === 0 && sidecarsOf(file).length > 0 && (lockHeld || databaseInUse(file) === null)) closeAsLastConnection(file);
}

/**
 * `file` and its `-wal` (when it has one) copied to `copy` and its `-wal`, or null when that
 * cannot be done (the folder is not writable) or a `-shm` appeared meanwhile (another process
 * opened the file, so the two copies may not belong together).
 */
function quietCopy(file: string, copy: string): string | null {
  const real = realDatabasePath(file);
  try {
    fs.copyFileSync(real, copy);
    if (fs.existsSync(`${real}-wal`)) fs.copyFileSync(`${real}-wal`, `${copy}-wal`);
    if (!fs.existsSync(`${real}-shm`)) return copy;
  } catch {
    // Not copied: the file itself is read.
  }
  for (const suffix of ['', '-wal']) fs.rmSync(`${copy}${suffix}`, { force: true });
  return null;
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
