/**
 * Where `samplan backup <file>` may write. A backup is written through SQLite onto the file named,
 * so a name that is the database itself (through a symbolic link or a hard link too), its
 * write-ahead log or shared-memory file (`<db>-wal`, `<db>-shm`, which SQLite and the running
 * server read as part of the database), its rollback journal, lock, pid or notice file (which the
 * running server empties: the backup written there would be lost), the server's append journal or
 * its share folder (`sqlite-journal-share.ts`), or the demo's token file would
 * overwrite what it is meant to keep. Those are refused always; an existing file is refused unless `--overwrite`
 * is given, so a mistyped name cannot replace last week's backup. The backup is written beside
 * its name and renamed onto it when complete ({@link writeBackup}), so a failed backup leaves the
 * file it would have replaced as it was.
 */
import { BackupWithoutHeldEditsError } from './storage/backup-held.js';
import fs from 'node:fs';
import path from 'node:path';
import { CliError } from './cli-args.js';
import { fileOnPath } from './connect-errors.js';
import { realDatabasePath } from './storage/db-lock.js';
import { SchemaVersionError } from './storage/sqlite-schema.js';
import { noticePath } from './storage/sqlite-notices.js';
import { DEMO_TOKENS_SUFFIX } from './demo/demo-tokens-suffix.js';
import type { Storage } from './storage/storage.js';
import { processProbe, withCopyLimit, withDiskCode } from './storage/disk-probe.js';
import { keepMode, keptMode, type KeptMode } from './replaced-file.js';
import { writeFault } from './write-fault.js';
import type { CliLang } from './cli-lang.js';
import type { Localized } from '../shared/schema/types.js';
import { withArticle } from '../shared/i18n/english-article.js';
import { digits } from '../shared/i18n/number-words.js';

/** What {@link checkBackupTarget} is asked about. */
export interface BackupTarget {
  /** The backup file as typed. */
  file: string;
  /** The SQLite database backed up (`--db`), or null for PostgreSQL (`--database-url`). */
  db: string | null;
  /** `--overwrite`: replace an existing file that is none of the database's own. */
  overwrite: boolean;
}

/** The files of the SQLite database `db` (and of its server) that a backup or export must never be written onto, by suffix, with what each is. */
const OWN_FILES: readonly [suffix: string, what: string, whatSv: string][] = [
  ['', 'the database itself', 'själva databasen'],
  ['-wal', "the database's write-ahead log", 'databasens skrivlogg (WAL)'],
  ['-shm', "the database's shared-memory file", 'databasens fil för delat minne'],
  ['-journal', "the database's rollback journal", 'databasens återställningsjournal'],
  ['.lock', "the database's lock file", 'databasens låsfil'],
  ['.pid', "the running server's pid file", 'den körande serverns pid-fil'],
  // The running server empties its notice file and makes it anew: a file written there is lost.
  [noticePath(''), "the running server's notice file", 'den körande serverns meddelandefil'],
  // The server truncates its journal after each flush, and a file where the share folder goes stops every store's open.
  ['.journal', "the running server's journal of edits not yet in the database", 'den körande serverns journal över ändringar som ännu inte finns i databasen'],
  ['.journal-share', 'the folder where the server and the commands meet on the database', 'mappen där servern och kommandona möts kring databasen'],
  [DEMO_TOKENS_SUFFIX, "the demo's token file", 'demons tokenfil'],
];

/** Device and inode of `file` (symbolic links followed), or null when there is no such file. */
function identity(file: string): string | null {
  try {
    const st = fs.statSync(file);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

/**
 * The file of the SQLite database `db` that `file` names (the database itself, its `-wal`, `-shm`,
 * rollback journal, lock, pid or notice file, the demo's token file; compared by real path, symbolic links followed, and for an
 * existing file by device and inode, so a hard link counts), with what it is; null when `file` is
 * none of them or `db` is null (PostgreSQL) or `:memory:`.
 *
 * @example databaseOwnFile('./data/samplan.db-wal', './data/samplan.db') // { path: '/srv/…/samplan.db-wal', suffix: '-wal', what: "the database's write-ahead log" }
 */
export function databaseOwnFile(file: string, db: string | null): { path: string; suffix: string; what: string; whatSv: string } | null {
  if (db === null || db === ':memory:') return null;
  const real = realDatabasePath(file);
  const base = realDatabasePath(db);
  const same = identity(path.resolve(file));
  for (const [suffix, what, whatSv] of OWN_FILES) {
    const own = `${base}${suffix}`;
    if (real === own || (same !== null && same === identity(own))) return { path: own, suffix, what, whatSv };
  }
  return null;
}

/**
 * Refuse a backup target that is the database or one of its files, a folder, a device or pipe
 * (`/dev/null`), or an existing file without `overwrite`; returns the target's absolute path. Names are compared by real path
 * ({@link realDatabasePath}: symbolic links followed, also for a file not made yet), existing files
 * also by device and inode (a hard link of the database is the database). Throws a
 * {@link CliError} (exit 2) naming the path and what it is; nothing is written.
 *
 * @example checkBackupTarget({ file: './backups/samplan-2026-01-31.db', db: './data/samplan.db', overwrite: false })
 */
export function checkBackupTarget(target: BackupTarget): string {
  const file = path.resolve(target.file);
  const own = databaseOwnFile(target.file, target.db);
  if (own) {
    const what = own.suffix === '' ? { sv: 'databasen som säkerhetskopieras', en: 'the database being backed up' } : { sv: own.whatSv, en: own.what };
    throw new CliError({
      sv: `samplan backup skriver inte över ${file}: det är ${what.sv} (${own.path}). Ange en egen fil, till exempel ./backups/samplan-ÅÅÅÅ-MM-DD.db.`,
      en: `samplan backup will not write onto ${file}: it is ${what.en} (${own.path}). Name a file of its own, such as ./backups/samplan-YYYY-MM-DD.db.`,
    });
  }
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(file);
  } catch {
    refuseFileAsFolder(file, 'samplan backup');
    return file;
  }
  if (stat.isDirectory()) {
    throw new CliError({
      sv: `${file} är en mapp; ange säkerhetskopians fil i den, till exempel ${path.join(file, 'samplan-ÅÅÅÅ-MM-DD.db')}.`,
      en: `${file} is a folder; name the backup file in it, such as ${path.join(file, 'samplan-YYYY-MM-DD.db')}.`,
    });
  }
  // Written beside it and renamed onto it, a backup would put a file in place of a device or pipe (`/dev/null`, for root too).
  if (!stat.isFile()) {
    throw new CliError({
      sv: `${file} är ingen fil utan en enhet, ett rör eller en socket; en säkerhetskopia är en SQLite-databasfil: ange en fil, till exempel ./backups/samplan-ÅÅÅÅ-MM-DD.db.`,
      en: `${file} is no file but a device, a pipe or a socket; a backup is an SQLite database file: name a file, such as ./backups/samplan-YYYY-MM-DD.db.`,
    });
  }
  if (!target.overwrite) {
    throw new CliError({
      sv: `Det finns redan en fil på ${file}; samplan backup ersätter den inte. Ange en ny fil, eller lägg till --overwrite för att ersätta den.`,
      en: `There is already a file at ${file}; samplan backup does not replace it. Name a new file, or add --overwrite to replace it.`,
    });
  }
  // A log or journal left beside the old file would be read into the new one when it is opened.
  for (const suffix of ['-wal', '-journal']) {
    if (fs.existsSync(`${file}${suffix}`)) {
      throw new CliError({
        sv: `${file} har en ${suffix.slice(1)}-fil bredvid sig (${file}${suffix}): ett program har den öppen, eller hade den öppen när det stoppade. Stäng det programmet, eller ange en ny fil.`,
        en: `${file} has ${withArticle(suffix.slice(1))} file beside it (${file}${suffix}): a program has it open, or had it open when it stopped. Close that program, or name a new file.`,
      });
    }
  }
  return file;
}

/**
 * Throws a {@link CliError} (exit 2) when a file stands where a folder of `file` should be
 * (`/dev/null/b.db`, `./plan.xlsx/x.csv`): making the folder would fail with a bare `EEXIST` or
 * `ENOTDIR`. `command` names the command in the sentence; nothing is written.
 */
export function refuseFileAsFolder(file: string, command: string): void {
  const above = fileOnPath(path.dirname(file));
  if (above !== null) {
    throw new CliError({
      sv: `${command} kan inte skriva ${file}: ${above} är en fil, inte en mapp. Ange en fil i en mapp.`,
      en: `${command} cannot write ${file}: ${above} is a file, not a folder. Name a file in a folder.`,
    });
  }
}

/**
 * The sentence for a backup of `file` that failed with `err`, in `lang`: what failed, that nothing of it is
 * left and the database is unchanged, and for a fault of the disk or folder (a full disk, a used-up
 * quota, a file-size limit, a read-only file system, an I/O error, no right to write: `write-fault.ts`) what it was,
 * where, and what to do. The store's own wording (SQLite's `database or disk is full` names neither
 * file, and says it for a used-up quota too) is kept in brackets.
 */
export function backupFailure(file: string, err: unknown, lang: CliLang = 'en'): string {
  const said = err instanceof Error ? err.message : String(err);
  const fault = writeFault(err, path.dirname(file));
  const kept: Localized = { sv: 'ingenting av den finns kvar där och databasen är oförändrad', en: 'nothing of it is left there and the database is unchanged' };
  const words: Localized = fault
    ? { sv: `Säkerhetskopian ${file} skrevs inte: ${fault.what.sv} (${said}); ${kept.sv}. ${fault.todo.sv}`, en: `The backup ${file} was not written: ${fault.what.en} (${said}); ${kept.en}. ${fault.todo.en}` }
    : { sv: `Säkerhetskopian ${file} skrevs inte (${said}); ${kept.sv}.`, en: `The backup ${file} was not written (${said}); ${kept.en}.` };
  return words[lang];
}

/** The permission bits SQLite gives a database file it makes (`SQLITE_DEFAULT_FILE_PERMISSIONS`), before the umask. */
const SQLITE_NEW_FILE_MODE = 0o644;

/**
 * Make the empty file `partial` with the permission bits, owner and group the backup will have, so
 * that no byte of it is ever more readable than that: those of the file it replaces (`kept`), else
 * those SQLite gives a new file less any the database (`source`) lacks, else those SQLite gives a new
 * file; while it is written its owner may also read and write it. Returns the bits it is to have
 * once written (0o7777). Removes a partial file a process of the same pid left first. Throws what
 * `open`, `chown`, `chmod` or `stat` throw.
 */
function makePartial(partial: string, kept: KeptMode | null, source: KeptMode | null): number {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${partial}${suffix}`, { force: true });
  // Owner alone first: another owner and wider bits are given before anything is written.
  const fd = fs.openSync(partial, 'wx', kept !== null ? 0o600 : SQLITE_NEW_FILE_MODE & (source?.mode ?? 0o777));
  fs.closeSync(fd);
  keepMode(partial, kept);
  const final = fs.statSync(partial).mode & 0o7777;
  // SQLite opens the file by its name to write it: without the owner's read and write bits (a
  // database or a backup kept read-only, 0444) that open was refused to anyone but root, and the
  // backup failed as if its folder could not be written. The owner's bits alone are added, for the
  // write; no one else may read more.
  if ((final & OWNER_RW) !== OWNER_RW) fs.chmodSync(partial, final | OWNER_RW);
  return final;
}

/** The owner's read and write permission bits. */
const OWNER_RW = 0o600;

/**
 * Write `storage`'s backup to `file` (absolute, checked by {@link checkBackupTarget}): first to
 * `<file>.partial-<pid>` in the same folder, then renamed onto `file` in one step. A backup that
 * fails removes its partial file and leaves `file` as it was. The partial file is made empty, with
 * its final permissions, before the store writes into it (`makePartial`): a backup replacing one
 * (`--overwrite`) keeps its permissions, owner and group (`replaced-file.ts`); a new one is no more
 * readable than the SQLite database `db` it copies (the bits SQLite gives a new file, 0644 less the
 * umask, less any the database lacks: a database kept to its owner, 0600, gives a backup of 0600,
 * while it is written too); `db` null (PostgreSQL, or not known) gives the bits SQLite gives a new
 * file. Rejects with an `Error` whose message is {@link backupFailure}'s sentence and whose `sv`
 * its Swedish (the storage's error as its `cause`).
 */
export async function writeBackup(storage: Pick<Storage, 'backup'>, file: string, db: string | null = null): Promise<void> {
  const partial = `${file}.partial-${process.pid}`;
  try {
    const kept = keptMode(file);
    const final = makePartial(partial, kept, kept === null && db !== null && db !== ':memory:' ? keptMode(db) : null);
    let lacking: BackupWithoutHeldEditsError | null = null;
    try {
      await storage.backup(partial);
    } catch (err) {
      // Written whole but for a refused document's held edits: kept, and said (named as the file it becomes).
      if (!(err instanceof BackupWithoutHeldEditsError)) throw err;
      lacking = new BackupWithoutHeldEditsError(file, err.held);
    }
    if ((fs.statSync(partial).mode & 0o7777) !== final) fs.chmodSync(partial, final);
    fs.renameSync(partial, file);
    if (lacking) throw lacking;
  } catch (err) {
    if (err instanceof BackupWithoutHeldEditsError) throw err;
    // Asked while the partial file still holds its space: removed, the disk or quota has room again.
    withDiskCode(err, partial, processProbe);
    if (db !== null && db !== ':memory:') withCopyLimit(err, fileSize(db));
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${partial}${suffix}`, { force: true });
    throw Object.assign(new Error(backupFailure(file, err), { cause: err }), { sv: backupFailure(file, err, 'sv') });
  }
}

/** The size of the file `file` in bytes, 0 when it cannot be read. */
function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * Back up the SQLite file `db` as it is, whatever its schema version, to `file` (as
 * {@link writeBackup}: through a partial file renamed onto `file`). For a file this Samplan will not
 * open as its store (`SchemaVersionError`: written by an older Samplan and not yet upgraded, or by a
 * newer one): the backup before an upgrade is the one most worth having. The file is read
 * read-only through {@link placeToRead}, so its folder is left as it was found; nothing is
 * upgraded. Rejects as {@link writeBackup} does.
 */
export async function writeBackupAsIs(db: string, file: string): Promise<void> {
  // Loaded here, the rare case: the checks above are made before any store is loaded (`cli-check.ts`).
  const [{ default: Database }, { placeToRead }, { backupAtOnce }] = await Promise.all([import('better-sqlite3'), import('./storage/sqlite-sidecars.js'), import('./storage/backup-at-once.js')]);
  const place = placeToRead(db, false);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const raw = new Database(place.path, { readonly: true, fileMustExist: true });
    try {
      raw.pragma('busy_timeout = 5000');
      await writeBackup({ backup: (to) => backupAtOnce(raw, to) }, file, db);
    } finally {
      raw.close();
    }
  } finally {
    place.done();
  }
}

/**
 * What `samplan backup` does when opening the SQLite file `db` as a store failed with `err`: for a
 * {@link SchemaVersionError} (and an SQLite file, not PostgreSQL: `db` null) the file is backed up
 * as it is ({@link writeBackupAsIs}) and the words to add to "Backup written to <file>" are
 * returned in both languages (its schema version and this Samplan's; not upgraded); any other error is thrown again.
 */
export async function backupAsIsAfter(err: unknown, db: string | null, file: string): Promise<{ sv: string; en: string }> {
  if (!(err instanceof SchemaVersionError) || db === null) throw err;
  await writeBackupAsIs(db, file);
  return {
    sv: `: filen som den är, schemaversion ${digits(err.found)} (den här Samplans är ${digits(err.supported)}), inte uppgraderad`,
    en: `: the file as it is, schema version ${digits(err.found)} (this Samplan's is ${digits(err.supported)}), not upgraded`,
  };
}
