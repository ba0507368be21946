/**
 * The refusal of a database whose lock file (`<db>.lock`, `db-lock.ts`) or one of its claims is
 * there but cannot be read: it belongs to another user and its permissions keep this one out
 * (EACCES), a folder stands in its place (EISDIR), or the disk fails to read it (EIO). Samplan
 * cannot tell then whether another server holds the database, and trying again changes nothing,
 * so the sentence names the file, what is wrong with it and what the operator does.
 */
import fs from 'node:fs';
import os from 'node:os';

/** Thrown when the lock file, or a claim of it, is there but cannot be read. */
export class DatabaseLockUnreadableError extends Error {
  readonly code = 'database-lock-unreadable';
  /** The same sentence in Swedish. */
  readonly sv: string;

  /**
   * @param db the database (absolute)
   * @param file the lock or claim file that cannot be read
   * @param cause the error of reading it (its `code`: EACCES, EPERM, EISDIR, EIO…)
   */
  constructor(
    readonly db: string,
    readonly file: string,
    cause: NodeJS.ErrnoException,
  ) {
    const words = unreadableWords(file, cause);
    super(`Samplan cannot read the lock file ${file} of the database ${db}: ${words.en}`, { cause });
    this.name = 'DatabaseLockUnreadableError';
    this.sv = `Samplan kan inte läsa låsfilen ${file} för databasen ${db}: ${words.sv}`;
  }
}

/** What is wrong with `file` and what to do, by the code of the error of reading it. */
function unreadableWords(file: string, err: NodeJS.ErrnoException): { sv: string; en: string } {
  const cannotTell = {
    sv: 'därför går det inte att avgöra om en annan Samplan-server använder databasen, och ett nytt försök ändrar inget.',
    en: 'so it cannot tell whether another Samplan server holds the database, and trying again changes nothing.',
  };
  if (err.code === 'EISDIR' || isFolder(file)) {
    return {
      sv: `det är en mapp, inte en fil, ${cannotTell.sv} Flytta eller ta bort mappen ${file}; Samplan gör låsfilen själv.`,
      en: `it is a folder, not a file, ${cannotTell.en} Move or remove the folder ${file}; Samplan makes the lock file itself.`,
    };
  }
  if (err.code === 'EACCES' || err.code === 'EPERM') {
    const user = userName();
    return {
      sv: `behörighet saknas (den tillhör en annan användare eller får inte läsas av ${user}), ${cannotTell.sv} Ge användaren som kör Samplan (${user}) läs- och skrivrätt till filen, eller ta bort den om ingen Samplan-server körs (ls -l ${file} visar dess ägare).`,
      en: `permission denied (it belongs to another user or may not be read by ${user}), ${cannotTell.en} Give the user running Samplan (${user}) read and write access to it, or remove it if no Samplan server runs (ls -l ${file} shows its owner).`,
    };
  }
  return {
    sv: `läsningen misslyckades (${err.code ?? err.message}), ${cannotTell.sv} Kontrollera disken; om ingen Samplan-server körs, ta bort filen.`,
    en: `reading it failed (${err.code ?? err.message}), ${cannotTell.en} Check the disk; if no Samplan server runs, remove the file.`,
  };
}

function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
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
 * The error of reading `file` when it is there but cannot be read (EACCES, EISDIR, EIO…); null
 * when it reads, or is not there (ENOENT: removed meanwhile, which the caller looks at again).
 */
export function readError(file: string): NodeJS.ErrnoException | null {
  try {
    fs.readFileSync(file, 'utf8');
    return null;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return e.code === 'ENOENT' ? null : e;
  }
}
