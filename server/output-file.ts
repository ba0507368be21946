/**
 * Where `samplan export --out` and `samplan report --out/--pdf` write. An export is a CSV, XLSX or
 * JSON file and a report HTML or PDF, so a name that is the SQLite database (or its `-wal`, `-shm`,
 * journal, lock, pid or notice file or the demo's token file, `backup-target.ts`) or any other SQLite file (a backup) is a slip that
 * would destroy it: refused with a sentence before anything is read or written. Any other existing
 * file is replaced, as an export run again is meant to; a folder is refused, and a missing folder
 * is made, as `samplan backup` makes its own.
 */
import fs from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { databaseOwnFile, refuseFileAsFolder } from './backup-target.js';
import { CliError } from './cli-args.js';
import { keepMode, keptMode } from './replaced-file.js';
import { writeFault } from './write-fault.js';
import type { Localized } from '../shared/schema/types.js';

/** The first 16 bytes of every SQLite database file (sqlite.org/fileformat.html, 1.3). */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Whether `file` starts with the SQLite header (false for a missing or unreadable file). */
function isSqliteFile(file: string): boolean {
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(SQLITE_HEADER.length);
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_HEADER);
  } catch {
    return false;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/**
 * Refuse `file` as the output of `samplan <command>` (`export`, `report`) when it is one of the
 * SQLite database `db`'s own files, another SQLite database, or a folder; returns its absolute
 * path. `db` is null with PostgreSQL. Throws a {@link CliError} (exit 2) naming the path and what
 * it is; nothing is written.
 *
 * @example checkOutputFile('plan.xlsx', './data/samplan.db', 'export') // '/home/anna/plan.xlsx'
 */
export function checkOutputFile(file: string, db: string | null, command: string): string {
  const abs = path.resolve(file);
  const own = databaseOwnFile(file, db);
  if (own) {
    throw new CliError({
      sv: `samplan ${command} skriver inte över ${abs}: det är ${own.whatSv} (${own.path}). Ange en egen fil, till exempel ${example(command)}.`,
      en: `samplan ${command} will not write onto ${abs}: it is ${own.what} (${own.path}). Name a file of its own, such as ${example(command)}.`,
    });
  }
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(abs);
  } catch {
    refuseFileAsFolder(abs, `samplan ${command}`);
    return abs;
  }
  if (stat.isDirectory()) throw new CliError({ sv: `${abs} är en mapp; ange filen i den, till exempel ${path.join(abs, example(command))}.`, en: `${abs} is a folder; name the file in it, such as ${path.join(abs, example(command))}.` });
  if (isSqliteFile(abs)) {
    throw new CliError({
      sv: `samplan ${command} skriver inte över ${abs}: det är en SQLite-databas (en Samplan-databas eller en säkerhetskopia). Ange en egen fil, till exempel ${example(command)}.`,
      en: `samplan ${command} will not write onto ${abs}: it is an SQLite database (a Samplan database or a backup). Name a file of its own, such as ${example(command)}.`,
    });
  }
  return abs;
}

function example(command: string): string {
  return command === 'report' ? 'styrgrupp.html' : 'plan.xlsx';
}

/**
 * Write `body` to `file` (checked by {@link checkOutputFile}), making its folder first: to
 * `<file>.partial-<pid>` beside it, renamed onto `file` in one step, as `samplan backup` writes, so
 * a write cut short (a full disk) leaves no file that looks like a whole export, and an earlier
 * export at `file` stays as it was; a device or a named pipe (`/dev/null`, a FIFO) is written into, never
 * replaced. A file replaced so keeps its permissions, owner and group
 * (`replaced-file.ts`). A failure rejects with an `Error` whose message names the file,
 * what the disk or folder said and what to do (`write-fault.ts`: a full disk, a used-up quota, a
 * read-only file system, an I/O error, no right to write), and the system's reason, its Swedish
 * as `sv` (the CLI prints the one of its language and exits 1); nothing is left at the partial name.
 */
export async function writeOutputFile(file: string, body: string | Uint8Array): Promise<void> {
  // Through a symbolic link to the file it names, as writing to the link itself did.
  const target = realTarget(file);
  const partial = `${target}.partial-${process.pid}`;
  try {
    // A device or a pipe (`/dev/null`, a FIFO a program reads from) is written into: a partial file
    // renamed onto it would put a file in its place (in /dev too, for root).
    if (notAFile(target)) return await writeFile(target, body);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // Made no more readable than the file it replaces while it is written, then given its mode.
    const kept = keptMode(target);
    await writeFile(partial, body, { mode: kept === null ? 0o666 : kept.mode & 0o777 });
    keepMode(partial, kept);
    fs.renameSync(partial, target);
  } catch (err) {
    const fault = writeFault(err, path.dirname(file));
    fs.rmSync(partial, { force: true });
    const said = err instanceof Error ? err.message : String(err);
    const words: Localized = fault
      ? { sv: `Kunde inte skriva ${file}: ${fault.what.sv} (${said}). ${fault.todo.sv}`, en: `Could not write ${file}: ${fault.what.en} (${said}). ${fault.todo.en}` }
      : { sv: `Kunde inte skriva ${file} (${said}); välj en fil i en mapp du får skriva i.`, en: `Could not write ${file} (${said}); choose a file in a folder you may write to.` };
    throw Object.assign(new Error(words.en, { cause: err }), { sv: words.sv });
  }
}

/** True when `file` is there and is no regular file or folder: a device, a named pipe, a socket. */
function notAFile(file: string): boolean {
  try {
    const st = fs.statSync(file);
    return !st.isFile() && !st.isDirectory();
  } catch {
    return false;
  }
}

/** `file` with symbolic links followed when it exists; as it is when it does not (yet). */
function realTarget(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}
