/**
 * The words for a file a command could not write (a backup, an export, a report): what the disk or
 * folder said, by the error's code, and what the operator does about it. One table for every
 * file a command writes, so a full disk, a used-up quota, a file-size limit, a read-only file system and an I/O error
 * read alike whichever file met them; the server's own store says its faults with `faultWords`
 * (`storage/watched.ts`).
 */
import fs from 'node:fs';
import os from 'node:os';
import { diskCodeOf } from './storage/disk-probe.js';

/** What went wrong writing in a folder, and what to do: a clause and a sentence. */
export interface WriteFault {
  /** e.g. `the disk holding /srv/backups is full` */
  what: string;
  /** e.g. `Free some space there, or name a file on another disk.` */
  todo: string;
}

/** The name of the user this process runs as (not `$USER`, which `sudo -u` leaves as it was). */
function userName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}

/**
 * The {@link WriteFault} of a file that could not be made in `folder` because a place on its path
 * is not there: `folder` itself gone (removed while the file was written), or, when it is there, a
 * folder of the kernel's (`/proc`, `/sys`) that shows the system's state and makes no file asked of it.
 */
function missingPlace(folder: string): WriteFault {
  let isFolder = false;
  try {
    isFolder = fs.statSync(folder).isDirectory();
  } catch {
    // Not there (or not readable): said as not there.
  }
  if (!isFolder) return { what: `the folder ${folder} is not there (it was removed or renamed while the file was written)`, todo: 'Make the folder again, or name a file in another folder.' };
  return {
    what: `no file can be made in ${folder}: it is a folder of the system (as /proc and /sys are) that shows its state and holds no files of anyone's`,
    todo: 'Name a file in a folder of your own, such as ./backups.',
  };
}

/**
 * The {@link WriteFault} of a write in `folder` that failed with `err`: by the system's code behind
 * an SQLite error when a probe found one (`diskCode`, `storage/disk-probe.ts`), else by its own
 * code — `ENOSPC`/`SQLITE_FULL` a full disk, `EDQUOT` a used-up quota, `EFBIG` a file grown to the largest size allowed (`ulimit -f`, or its file system's), `EROFS` a read-only file
 * system, `EIO`/`SQLITE_IOERR…` an I/O error, `EACCES`/`EPERM`/`SQLITE_READONLY` no right to write
 * there, `ENOENT`/`ENOTDIR` a place on the path that is not there or makes no files (`/proc`).
 * Null for an error of no known kind.
 *
 * @example writeFault(Object.assign(new Error('…'), { code: 'EDQUOT' }), '/srv/backups')?.what // 'the disk quota of the user running Samplan (samplan) is used up on the disk holding /srv/backups'
 */
export function writeFault(err: unknown, folder: string): WriteFault | null {
  const own = (err as { code?: unknown } | null)?.code;
  const code = diskCodeOf(err) ?? (typeof own === 'string' ? own : '');
  if (code === 'EDQUOT') {
    return {
      what: `the disk quota of the user running Samplan (${userName()}) is used up on the disk holding ${folder}`,
      todo: "Raise the quota, or free space among that user's files, or name a file on another disk.",
    };
  }
  if (code === 'EFBIG') {
    return {
      what: `a file in ${folder} may grow no larger: the limit on file size of the user running Samplan (${userName()}, ulimit -f) or the largest file its file system holds`,
      todo: 'Raise that limit (ulimit -f, or LimitFSIZE= in a systemd unit), or name a file on a file system that holds larger files.',
    };
  }
  if (/^(ENOSPC|SQLITE_FULL)/.test(code)) return { what: `the disk holding ${folder} is full`, todo: 'Free some space there, or name a file on another disk.' };
  if (code === 'EROFS') return { what: `the file system holding ${folder} is read-only`, todo: 'Name a file on a disk that can be written to.' };
  if (/^(EIO|SQLITE_IOERR)/.test(code)) return { what: `the disk holding ${folder} failed to read or write (an I/O error)`, todo: "Look at the system's log for the disk's errors, or name a file on another disk." };
  if (/^(EACCES|EPERM|SQLITE_READONLY)/.test(code)) return { what: `the user running Samplan (${userName()}) may not write in ${folder}`, todo: 'Choose a file in a folder that user may write to.' };
  if (code === 'ENOENT' || code === 'ENOTDIR') return missingPlace(folder);
  return null;
}
