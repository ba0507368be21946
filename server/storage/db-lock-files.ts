/**
 * The files of the database lock (`db-lock.ts`): the lock and its claims each hold their owner
 * (pid, host, start time) as JSON, made with an exclusive create and written whole, or removed by
 * their maker; and when such a file counts as left behind, to be taken over.
 */
import fs from 'node:fs';

/** Who holds a lock or claim: its process id, host name and start time (ISO 8601). */
export interface Owner {
  pid: number;
  host: string;
  since: string;
}

/** The file's text (UTF-8), or null when it cannot be read (gone, or another user's). */
export function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The owner the file names, or null (unreadable, empty, or text that is no owner). */
export function readOwner(file: string): Owner | null {
  const text = readText(file);
  return text === null ? null : parseOwner(text);
}

/** The owner `text` names (JSON with a numeric `pid` and a `host`), or null. */
export function parseOwner(text: string): Owner | null {
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
 * Make `file` holding `me` (its JSON) with an exclusive create: true when made and written, false
 * when a file is there. A file this process made but could not write whole (a full disk: ENOSPC or
 * EDQUOT, EIO) is removed before the error is thrown, so no file naming no owner is left behind to
 * be read as a live process's; a short write is written on, so only a whole owner counts. False too
 * when the file made is no longer at `file` once written: this process stalled longer than
 * {@link UNWRITTEN_MS} between making and writing it, and another removed it as left unwritten.
 */
export function createExclusive(file: string, me: Owner): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  let made: fs.Stats | undefined;
  try {
    try {
      made = fs.fstatSync(fd);
      writeWhole(fd, JSON.stringify(me));
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    if (made === undefined || sameFile(file, made)) {
      try {
        fs.rmSync(file, { force: true });
      } catch {
        // The error thrown says what went wrong; a file that cannot be removed either is read as left unwritten once old.
      }
    }
    throw err;
  }
  return sameFile(file, made);
}

/** Write all of `text` (UTF-8) at `fd`'s position, writing on after a short write; throws the write's error (ENOSPC…). */
export function writeWhole(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; ) {
    const wrote = fs.writeSync(fd, bytes, at, bytes.length - at);
    if (wrote <= 0) throw Object.assign(new Error(`EIO: wrote ${at} of ${bytes.length} bytes, write`), { code: 'EIO', syscall: 'write' });
    at += wrote;
  }
}

/** Whether the name `file` still names the file `made` (`fstat` of the file when made): same device and inode. */
export function sameFile(file: string, made: fs.Stats): boolean {
  try {
    const now = fs.statSync(file);
    return now.ino === made.ino && now.dev === made.dev;
  } catch {
    return false;
  }
}

/**
 * How long a process may take between making a lock or claim file (the exclusive create) and
 * writing its owner into it, in ms. One that names no owner (empty, or text that is no owner) and
 * is older than this (its modification time) was left by a process that stopped in between (kill
 * -9, a power cut; a full disk is cleaned up by {@link createExclusive}) and is taken over.
 */
export const UNWRITTEN_MS = 60_000;

/** How long ago `file` was last written (its modification time), in ms, at least 0; null when it is not there (or cannot be looked at). */
export function ageOf(file: string): number | null {
  try {
    return Math.max(0, Date.now() - fs.statSync(file).mtimeMs);
  } catch {
    return null;
  }
}

/**
 * Whether a lock or claim file naming `owner` (null: no owner, empty or text that is no owner),
 * last written `ageMs` ago, was left behind and may be taken over: its owner was a process on this
 * host (`host`) that is dead, or it names none and is older than {@link UNWRITTEN_MS}. A live
 * process's, another host's, and one still being written are not.
 */
export function leftBehind(owner: Owner | null, ageMs: number, host: string): boolean {
  return owner ? owner.host === host && !processAlive(owner.pid) : ageMs > UNWRITTEN_MS;
}
