/**
 * One server per database. Two servers on one file would each keep their own rooms, so each one's
 * clients would see the other's edits late. `samplan serve` therefore holds `<db>.lock`, created
 * with O_EXCL and holding the owner's pid, host and start time; a second server refuses to start
 * with a sentence naming the file and the other process. A lock left by a process that died
 * (kill -9, a power cut) on this host is taken over. `samplan migrate` holds it too, as edits
 * made after its copy would be lost. The CLI's other commands (token, import, export, backup)
 * take no lock: SQLite lets them work beside the running server.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Thrown when another server holds the database. */
export class DatabaseInUseError extends Error {
  readonly code = 'database-in-use';
}

/**
 * Thrown by {@link lockDatabase} for a database file with more than one name (hard links, `ln`
 * without `-s`): a server through another name would take another lock, and SQLite names the
 * write-ahead log after the name opened (`<name>-wal`), so two servers would each write their own
 * log into one file and corrupt it.
 */
export class HardLinkedDatabaseError extends Error {
  readonly code = 'database-hard-linked';
}

/**
 * Refuses the database file `db` (resolved) when it has more than one name (its link count, from
 * `stat`, above 1). A file that does not exist yet has none. Throws {@link HardLinkedDatabaseError}.
 */
function refuseHardLinks(db: string): void {
  let links: number;
  try {
    links = fs.statSync(db).nlink;
  } catch {
    return;
  }
  if (links <= 1) return;
  throw new HardLinkedDatabaseError(
    `The database ${db} has ${links} names (hard links): a Samplan server started through another of them would not see this one's lock, and SQLite would keep a second write-ahead log for the same file and damage it. Remove the other names (find them with: find / -xdev -samefile ${db}), or serve a copy made with samplan backup. A symbolic link (ln -s) is safe.`,
  );
}

/** A held lock. */
export interface DatabaseLock {
  /** The lock file. */
  file: string;
  /** Remove the lock file if it is still ours; idempotent. */
  release(): void;
}

interface Owner {
  pid: number;
  host: string;
  since: string;
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function readOwner(file: string): Owner | null {
  const text = readText(file);
  return text === null ? null : parseOwner(text);
}

function parseOwner(text: string): Owner | null {
  try {
    const owner = JSON.parse(text) as Partial<Owner>;
    if (typeof owner.pid !== 'number' || typeof owner.host !== 'string') return null;
    return { pid: owner.pid, host: owner.host, since: String(owner.since ?? '?') };
  } catch {
    return null;
  }
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The file the database at `dbPath` is, as its lock and pid file are named after: absolute, with
 * every symbolic link followed (a link to the file, or a folder reached through one), so that two
 * spellings of one file (`./data/samplan.db` and a link `current.db` to it) share one lock and a
 * second server through the other spelling is refused. A file not made yet: its folder's real
 * path and its name; a folder that does not exist either: `path.resolve(dbPath)`. Hard links (two
 * names of one file) have no one real path: {@link lockDatabase} refuses a file that has several
 * ({@link HardLinkedDatabaseError}).
 *
 * @example realDatabasePath('current.db') // '/srv/samplan/data/samplan.db' when current.db links there
 */
export function realDatabasePath(dbPath: string): string {
  const db = path.resolve(dbPath);
  try {
    return fs.realpathSync(db);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(db)), path.basename(db));
    } catch {
      return db;
    }
  }
}

/** Test seams of {@link lockDatabase}. */
export interface LockHooks {
  /**
   * Called when a lock left by a dead process on this host has been read and is about to be taken
   * over, before anything is moved: a test runs a second server's take-over here to interleave
   * the two at the critical step.
   */
  beforeTakeOver?: (file: string) => void;
}

/**
 * Take the lock of the database at `dbPath` (`<real path>.lock`, {@link realDatabasePath}). Throws a {@link DatabaseInUseError} whose message
 * names the database, the other process and the lock file when another live server holds it.
 *
 * A lock left by a dead process on this host is taken over atomically, so that of two servers
 * started at the same moment after a crash exactly one wins: the stale file is renamed to a name
 * only this process uses (one rename of one file succeeds once), its text is checked to still be
 * the dead owner's (else another server took the lock over meanwhile: it is linked back without
 * replacing anything and this server is refused), and only then is it removed and the new lock
 * made with an exclusive create, which the other server's create can never overwrite.
 *
 * Throws a {@link HardLinkedDatabaseError} when the file has more than one name: each name would
 * have its own lock. A server through a name linked while another server runs sees both names
 * (the link exists before that server opens it), so two servers never share a file this way.
 *
 * @example
 * const lock = lockDatabase('./data/samplan.db');
 * process.once('exit', () => lock.release());
 */
export function lockDatabase(dbPath: string, now: () => Date = () => new Date(), hooks: LockHooks = {}): DatabaseLock {
  const db = path.resolve(dbPath);
  const file = `${realDatabasePath(dbPath)}.lock`;
  const me: Owner = { pid: process.pid, host: os.hostname(), since: now().toISOString() };
  refuseHardLinks(db);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o644);
      fs.writeSync(fd, JSON.stringify(me));
      fs.closeSync(fd);
      return { file, release: () => releaseIfMine(file, me) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const text = readText(file);
    const owner = text === null ? null : parseOwner(text);
    if (text === null) continue; // Removed since the create failed: try the create again.
    if (owner && owner.host === me.host && !processAlive(owner.pid)) {
      // Left by a server that died on this machine.
      hooks.beforeTakeOver?.(file);
      if (!removeStale(file, text)) throw inUse(db, file, readOwner(file));
      continue;
    }
    throw inUse(db, file, owner);
  }
  throw new DatabaseInUseError(`Could not take the lock ${file} of the database ${db}; try again.`);
}

/**
 * Remove the lock `file` only if it still holds `staleText` (the dead owner's). Returns false when
 * what was there is another server's lock, which is put back with a link (never replacing a
 * lock made meanwhile); true when the stale lock is gone (removed here, or by another server).
 */
function removeStale(file: string, staleText: string): boolean {
  const aside = `${file}.${process.pid}.${crypto.randomUUID()}.stale`;
  try {
    fs.renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true; // Another server moved it first.
    throw err;
  }
  if (readText(aside) === staleText) {
    fs.rmSync(aside, { force: true });
    return true;
  }
  // A live server's new lock: put it back unless yet another lock has been made since.
  try {
    fs.linkSync(aside, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  fs.rmSync(aside, { force: true });
  return false;
}

function inUse(db: string, file: string, owner: Owner | null): DatabaseInUseError {
  const who = owner ? `process ${owner.pid} on ${owner.host}, running since ${owner.since}` : 'a process that left no readable owner';
  return new DatabaseInUseError(
    `The database ${db} is already served by another Samplan server (${who}). Stop that server first, or start this one with another --db. If no server runs, remove ${file}.`,
  );
}

/**
 * Look, without taking it, whether another live server holds the lock of the database at
 * `dbPath`: the {@link DatabaseInUseError} {@link lockDatabase} would throw (same sentence), or
 * null when the file is free or its lock was left by a dead process on this host. `npm start`
 * asks this before it rebuilds `dist/`, which a running server serves from.
 */
export function databaseInUse(dbPath: string): DatabaseInUseError | null {
  const db = path.resolve(dbPath);
  const file = `${realDatabasePath(dbPath)}.lock`;
  if (!fs.existsSync(file)) return null;
  const owner = readOwner(file);
  if (owner && owner.host === os.hostname() && !processAlive(owner.pid)) return null;
  return inUse(db, file, owner);
}

function releaseIfMine(file: string, me: Owner): void {
  const owner = readOwner(file);
  if (owner && owner.pid === me.pid && owner.host === me.host && owner.since === me.since) fs.rmSync(file, { force: true });
}
