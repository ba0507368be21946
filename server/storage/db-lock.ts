/**
 * One server per database. Two servers on one file would each keep their own rooms, so each one's
 * clients would see the other's edits late. `samplan serve` therefore holds `<db>.lock`, created
 * with O_EXCL and holding the owner's pid, host and start time; a second server refuses to start
 * with a sentence naming the file and the other process. A lock left by a process that died
 * (kill -9, a power cut) on this host is taken over. `samplan migrate` holds it too, as edits
 * made after its copy would be lost. The CLI's other commands (token, import, export, backup)
 * take no lock: SQLite lets them work beside the running server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Thrown when another server holds the database. */
export class DatabaseInUseError extends Error {
  readonly code = 'database-in-use';
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

function readOwner(file: string): Owner | null {
  try {
    const owner = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Owner>;
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
 * path and its name; a folder that does not exist either: `path.resolve(dbPath)`. Hard links are
 * not recognised (two names of one inode): do not hard-link a database.
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

/**
 * Take the lock of the database at `dbPath` (`<real path>.lock`, {@link realDatabasePath}). Throws a {@link DatabaseInUseError} whose message
 * names the database, the other process and the lock file when another live server holds it.
 *
 * @example
 * const lock = lockDatabase('./data/samplan.db');
 * process.once('exit', () => lock.release());
 */
export function lockDatabase(dbPath: string, now: () => Date = () => new Date()): DatabaseLock {
  const db = path.resolve(dbPath);
  const file = `${realDatabasePath(dbPath)}.lock`;
  const me: Owner = { pid: process.pid, host: os.hostname(), since: now().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o644);
      fs.writeSync(fd, JSON.stringify(me));
      fs.closeSync(fd);
      return { file, release: () => releaseIfMine(file, me) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = readOwner(file);
    if (owner && owner.host === me.host && !processAlive(owner.pid)) {
      // Left by a server that died on this machine.
      fs.rmSync(file, { force: true });
      continue;
    }
    throw inUse(db, file, owner);
  }
  throw new DatabaseInUseError(`Could not take the lock ${file} of the database ${db}; try again.`);
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
