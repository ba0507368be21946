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
import type { Localized } from '../shared/schema/types.js';

/** What went wrong writing in a folder, and what to do: a clause and a sentence, each in Swedish and English. */
export interface WriteFault {
  /** e.g. `the disk holding /srv/backups is full` (`disken med /srv/backups är full`) */
  what: Localized;
  /** e.g. `Free some space there, or name a file on another disk.` */
  todo: Localized;
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
  if (!isFolder) {
    return {
      what: { sv: `mappen ${folder} finns inte (den togs bort eller bytte namn medan filen skrevs)`, en: `the folder ${folder} is not there (it was removed or renamed while the file was written)` },
      todo: { sv: 'Skapa mappen igen, eller ange en fil i en annan mapp.', en: 'Make the folder again, or name a file in another folder.' },
    };
  }
  return {
    what: {
      sv: `ingen fil kan skapas i ${folder}: det är en systemmapp (som /proc och /sys) som visar systemets tillstånd och inte rymmer någons filer`,
      en: `no file can be made in ${folder}: it is a folder of the system (as /proc and /sys are) that shows its state and holds no files of anyone's`,
    },
    todo: { sv: 'Ange en fil i en egen mapp, som ./backups.', en: 'Name a file in a folder of your own, such as ./backups.' },
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
 * @example writeFault(Object.assign(new Error('…'), { code: 'EDQUOT' }), '/srv/backups')?.what.en // 'the disk quota of the user running Samplan (samplan) is used up on the disk holding /srv/backups'
 */
export function writeFault(err: unknown, folder: string): WriteFault | null {
  const own = (err as { code?: unknown } | null)?.code;
  const code = diskCodeOf(err) ?? (typeof own === 'string' ? own : '');
  if (code === 'EDQUOT') {
    const user = userName();
    return {
      what: { sv: `diskkvoten för användaren som kör Samplan (${user}) är förbrukad på disken med ${folder}`, en: `the disk quota of the user running Samplan (${user}) is used up on the disk holding ${folder}` },
      todo: { sv: 'Höj kvoten, frigör utrymme bland den användarens filer, eller ange en fil på en annan disk.', en: "Raise the quota, or free space among that user's files, or name a file on another disk." },
    };
  }
  if (code === 'EFBIG') {
    const user = userName();
    return {
      what: {
        sv: `en fil i ${folder} får inte bli större: gränsen för filstorlek för användaren som kör Samplan (${user}, ulimit -f) eller den största fil dess filsystem rymmer`,
        en: `a file in ${folder} may grow no larger: the limit on file size of the user running Samplan (${user}, ulimit -f) or the largest file its file system holds`,
      },
      todo: {
        sv: 'Höj den gränsen (ulimit -f, eller LimitFSIZE= i en systemd-enhet), eller ange en fil på ett filsystem som rymmer större filer.',
        en: 'Raise that limit (ulimit -f, or LimitFSIZE= in a systemd unit), or name a file on a file system that holds larger files.',
      },
    };
  }
  if (/^(ENOSPC|SQLITE_FULL)/.test(code)) {
    return { what: { sv: `disken med ${folder} är full`, en: `the disk holding ${folder} is full` }, todo: { sv: 'Frigör utrymme där, eller ange en fil på en annan disk.', en: 'Free some space there, or name a file on another disk.' } };
  }
  if (code === 'EROFS') {
    return { what: { sv: `filsystemet med ${folder} är skrivskyddat`, en: `the file system holding ${folder} is read-only` }, todo: { sv: 'Ange en fil på en disk som går att skriva till.', en: 'Name a file on a disk that can be written to.' } };
  }
  if (/^(EIO|SQLITE_IOERR)/.test(code)) {
    return {
      what: { sv: `disken med ${folder} kunde inte läsa eller skriva (ett in- och utmatningsfel)`, en: `the disk holding ${folder} failed to read or write (an I/O error)` },
      todo: { sv: 'Se efter diskens fel i systemets logg, eller ange en fil på en annan disk.', en: "Look at the system's log for the disk's errors, or name a file on another disk." },
    };
  }
  if (/^(EACCES|EPERM|SQLITE_READONLY)/.test(code)) {
    const user = userName();
    return {
      what: { sv: `användaren som kör Samplan (${user}) får inte skriva i ${folder}`, en: `the user running Samplan (${user}) may not write in ${folder}` },
      todo: { sv: 'Välj en fil i en mapp som den användaren får skriva i.', en: 'Choose a file in a folder that user may write to.' },
    };
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') return missingPlace(folder);
  return null;
}
