/**
 * Sentences for the mistakes people make when they start Samplan the first time: a port already
 * taken, a data folder the server may not write, a database or Redis that does not answer, a wrong
 * password. Node and the drivers say `EADDRINUSE`, `EACCES`, `ECONNREFUSED` or `28P01`; these
 * functions say what happened, where, and which setting to change, in one sentence each. The
 * original error stays as `cause` for the log.
 *
 * Codes: Node's system errors (`err.code`, see https://nodejs.org/api/errors.html#common-system-errors)
 * and PostgreSQL's SQLSTATE (`err.code` of `pg`'s errors, see
 * https://www.postgresql.org/docs/current/errcodes-appendix.html).
 */

import { createServer } from 'node:net';
import { statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { diskCodeOf, withDiskCode } from './storage/disk-probe.js';
import { both, sentenceOf } from './cli-lang.js';
import type { Localized } from '../shared/schema/types.js';
import { digits } from '../shared/i18n/number-words.js';

/**
 * An error whose message is a sentence for people; the original is its `cause`. Given in both
 * languages, `message` is the English and `sv` the Swedish (the CLI says the one of its language).
 */
export class StartupError extends Error {
  /** The sentence in Swedish, when it was given in both languages. */
  readonly sv: string | undefined;

  constructor(message: string | Localized, cause: unknown) {
    super(typeof message === 'string' ? message : message.en, { cause });
    this.name = 'StartupError';
    this.sv = typeof message === 'string' ? undefined : message.sv;
  }
}

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** An SQL identifier as it must be typed: bare when PostgreSQL reads it unchanged, else in double quotes. */
export function sqlName(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/**
 * The sentence for a role that may not create tables in `schema` (no CREATE right there), with the
 * GRANT that gives it; `role` and `schema` as PostgreSQL names them; a clause in both languages.
 */
export function noCreateRight(role: string, schema: string): Localized {
  const [r, sc] = [sqlName(role), sqlName(schema)];
  const grant = `GRANT CREATE ON SCHEMA ${sc} TO ${r};`;
  return {
    sv: `rollen ${r} får inte skapa tabeller i schemat ${sc} (den saknar rättigheten CREATE där); kör som schemats ägare eller en superanvändare ${grant} eller ange en roll som har den`,
    en: `the role ${r} may not create tables in the schema ${sc} (it lacks the CREATE right there); as the schema's owner or a superuser, run ${grant} or name a role that has it`,
  };
}

/** `err`'s sentence in both languages (its Swedish when it carries one, `cli-lang.ts`), without a closing full stop. */
function saidOf(err: unknown): Localized {
  return { sv: sentenceOf(err, 'sv').replace(/\.$/, ''), en: messageOf(err).replace(/\.$/, '') };
}

/** The user name an address signs in as (`postgres://planerare@db/x` → `planerare`); null when it names none. */
function userOf(url: string): string | null {
  try {
    const user = decodeURIComponent(new URL(url).username);
    return user === '' ? null : user;
  } catch {
    return null;
  }
}

/** Host and port of an address such as `postgres://u:p@db:5432/x`, for sentences; the URL itself if it does not parse. */
function whereOf(url: string, defaultPort: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || defaultPort}`;
  } catch {
    return url;
  }
}

/**
 * Why a network client could not connect, as a clause in both languages: `ECONNREFUSED` → "nothing
 * answers at db:5432 (is it running, and on that port?)", `ENOTFOUND` → "the host name db is not
 * known", `ETIMEDOUT` → "no answer from db:5432 (a firewall, or the wrong address?)"; anything
 * else: the error's own message (its Swedish too when it carries one).
 *
 * @param err the driver's error (`pg`, `ioredis` or Node's `net`)
 * @param url the address it connected to (only host and port are repeated, never a password)
 * @param defaultPort the port the address means when it names none ("5432", "6379")
 */
export function networkCause(err: unknown, url: string, defaultPort: string): Localized {
  const where = whereOf(url, defaultPort);
  const host = where.replace(/:\d+$/, '');
  switch (codeOf(err)) {
    case 'ECONNREFUSED':
      return { sv: `ingenting svarar på ${where} (körs den, och på den porten?)`, en: `nothing answers at ${where} (is it running, and on that port?)` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { sv: `värdnamnet ${host} är okänt (ett skrivfel i adressen?)`, en: `the host name ${host} is not known (a typing error in the address?)` };
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { sv: `inget svar från ${where} (en brandvägg, eller fel adress?)`, en: `no answer from ${where} (a firewall, or the wrong address?)` };
    case 'ECONNRESET':
      return { sv: `${where} stängde anslutningen (är det rätt port för den tjänsten?)`, en: `${where} closed the connection (is it the right port for this service?)` };
    default:
      return saidOf(err);
  }
}

/** Where `samplan serve` and the commands take PostgreSQL's address, as {@link postgresOpenError} names it. */
const DATABASE_URL_SETTING: Localized = { sv: '--database-url eller SAMPLAN_DATABASE_URL', en: '--database-url or SAMPLAN_DATABASE_URL' };

/**
 * The head of every sentence of a PostgreSQL database that cannot be opened, in both languages:
 * `Cannot open the PostgreSQL database <shownUrl> (<setting>): `.
 */
export function cannotOpenPostgres(shownUrl: string, setting: string | Localized = DATABASE_URL_SETTING): Localized {
  const named = typeof setting === 'string' ? both(setting) : setting;
  return { sv: `Kan inte öppna PostgreSQL-databasen ${shownUrl} (${named.sv}): `, en: `Cannot open the PostgreSQL database ${shownUrl} (${named.en}): ` };
}

/**
 * The sentence for a PostgreSQL database that cannot be opened (`--database-url` /
 * `SAMPLAN_DATABASE_URL`): wrong password (28P01), unknown database (3D000), unreachable server,
 * no right to create the tables (42501), a schema of another version where the command only reads
 * (`checkPostgresSchema`'s sentence); in English (`message`) and Swedish (`sv`), the server's own
 * words as it said them. The address is shown without its password.
 *
 * @param shownUrl the address with its password replaced (`config.redactPassword`)
 * @param setting where the address was given, named in the sentence (`samplan migrate` takes it as `--to`)
 */
export function postgresOpenError(err: unknown, url: string, shownUrl: string, setting: string | Localized = DATABASE_URL_SETTING): StartupError {
  const head = cannotOpenPostgres(shownUrl, setting);
  const said = messageOf(err);
  let why: Localized;
  switch (codeOf(err)) {
    case '28P01':
    case '28000':
      why = { sv: `${said}; kontrollera användarnamnet och lösenordet i adressen`, en: `${said}; check the user name and password in the address` };
      break;
    case '3D000':
      why = { sv: `${said}; skapa den först (createdb, eller CREATE DATABASE), eller rätta dess namn i adressen`, en: `${said}; create it first (createdb, or CREATE DATABASE), or correct its name in the address` };
      break;
    case '42501': {
      // "permission denied for schema public": the tables' schema, without the CREATE right.
      const schema = /permission denied for schema "?([^"]+?)"?$/.exec(said)?.[1];
      const role = userOf(url);
      why = schema && role ? noCreateRight(role, schema) : { sv: `${said}; användaren behöver rätten att skapa tabeller i den databasen`, en: `${said}; the user needs the right to create tables in that database` };
      break;
    }
    default:
      why = networkCause(err, url, '5432');
  }
  return new StartupError({ sv: `${head.sv}${why.sv}.`, en: `${head.en}${why.en}.` }, err);
}

/**
 * The sentence for an SQLite file the server cannot create or write (`--db` / `SAMPLAN_DB`):
 * permission denied, a read-only file system, a missing disk, a full disk, a used-up disk quota, an I/O error; or that is no database
 * file at all: a folder, a file of another kind (a CSV named by mistake) or a damaged one. Returns
 * null for any other error, which is then shown as it is. The sentence is in English (`message`)
 * and Swedish (`sv`).
 *
 * @param absolute the database file as an absolute path, as the sentence names it
 */
export function sqliteOpenError(err: unknown, absolute: string): StartupError | null {
  const code = codeOf(err);
  // A folder named as the file (SAMPLAN_DB=./data): no right is missing, so say what is.
  if (isFolder(absolute)) {
    const file = join(absolute, 'samplan.db');
    return new StartupError(
      {
        sv: `${absolute} är en mapp, inte en databasfil: ange en fil i den, till exempel ${file}, med --db eller SAMPLAN_DB.`,
        en: `${absolute} is a folder, not a database file: name a file in it, e.g. ${file}, with --db or SAMPLAN_DB.`,
      },
      err,
    );
  }
  // A file where its folder should be (`--db ./samplan.db/x.db`): mkdir says EEXIST, open ENOTDIR.
  const fileAbove = code === 'EEXIST' || code === 'ENOTDIR' ? fileOnPath(dirname(absolute)) : null;
  if (fileAbove !== null) {
    return new StartupError(
      {
        sv: `Databasen ${absolute} kan inte skapas: ${fileAbove} är en fil, inte en mapp. Välj en annan fil med --db eller SAMPLAN_DB.`,
        en: `The database ${absolute} cannot be made: ${fileAbove} is a file, not a folder. Choose another file with --db or SAMPLAN_DB.`,
      },
      err,
    );
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /file is not a database|database disk image is malformed/i.test(messageOf(err))) {
    return new StartupError(
      {
        sv: `${absolute} är ingen Samplan-databas (ingen SQLite-fil, eller en skadad): ange serverns databasfil med --db eller SAMPLAN_DB, eller läs tillbaka en skadad från dess säkerhetskopia (samplan backup).`,
        en: `${absolute} is not a Samplan database (not an SQLite file, or a damaged one): name the server's database file with --db or SAMPLAN_DB, or restore a damaged one from its backup (samplan backup).`,
      },
      err,
    );
  }
  // SQLite says SQLITE_FULL or SQLITE_IOERR for a full disk and a used-up quota alike: a write of
  // our own beside the file asks the system which (`disk-probe.ts`).
  const disk = diskCodeOf(withDiskCode(err, absolute)) ?? code;
  const user = userName();
  if (disk === 'EDQUOT') {
    return new StartupError(
      {
        sv: `Diskkvoten för användaren som kör Samplan (${user}) är förbrukad på disken med databasen ${absolute}: höj kvoten, frigör utrymme bland den användarens filer, eller välj en annan fil med --db eller SAMPLAN_DB.`,
        en: `The disk quota of the user running Samplan (${user}) is used up on the disk holding the database ${absolute}: raise the quota, or free space among that user's files, or choose another file with --db or SAMPLAN_DB.`,
      },
      err,
    );
  }
  if (disk === 'ENOSPC' || disk === 'SQLITE_FULL') {
    return new StartupError(
      {
        sv: `Disken med databasen ${absolute} är full: frigör utrymme, eller välj en annan fil med --db eller SAMPLAN_DB.`,
        en: `The disk holding the database ${absolute} is full: free some space, or choose another file with --db or SAMPLAN_DB.`,
      },
      err,
    );
  }
  if (disk === 'EIO' || disk?.startsWith('SQLITE_IOERR')) {
    return new StartupError(
      {
        sv: `Disken med databasen ${absolute} kunde inte läsa eller skriva (ett in- och utmatningsfel): se efter diskens fel i systemets logg, eller välj en annan fil med --db eller SAMPLAN_DB.`,
        en: `The disk holding the database ${absolute} failed to read or write (an I/O error): look at the system's log for the disk's errors, or choose another file with --db or SAMPLAN_DB.`,
      },
      err,
    );
  }
  const readOnly = code === 'SQLITE_READONLY' || /readonly database/i.test(messageOf(err));
  const denied = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || disk === 'EROFS' || code === 'SQLITE_CANTOPEN' || readOnly;
  if (denied) {
    // A file beside the database (its journal or lock, left by a server run as another user) is named: it is the one to fix.
    const refused = (err as { path?: unknown } | null)?.path;
    const at = typeof refused === 'string' && resolve(refused) !== absolute ? resolve(refused) : null;
    const beside: Localized = at === null ? both('') : { sv: ` (nekades vid ${at})`, en: ` (refused at ${at})` };
    const may: Localized = readOnly ? { sv: 'får bara läsa', en: 'may only read' } : { sv: 'får inte skapa eller skriva', en: 'may not create or write' };
    return new StartupError(
      {
        sv:
          `Samplan ${may.sv} databasen ${absolute}${beside.sv}: servern skriver den filen och, bredvid den, dess -wal-, -shm-, .lock- och .pid-filer. ` +
          `Ge användaren som kör den (${user}) skrivrätt till filen och dess mapp, eller välj en annan fil med --db eller SAMPLAN_DB.`,
        en:
          `Samplan ${may.en} the database ${absolute}${beside.en}: the server writes that file and, beside it, its -wal, -shm, .lock and .pid files. ` +
          `Give the user running it (${user}) write access to the file and its folder, or choose another file with --db or SAMPLAN_DB.`,
      },
      err,
    );
  }
  return null;
}

/** The first file (not a folder) among `folder` and the folders above it, or null. */
export function fileOnPath(folder: string): string | null {
  for (let at = folder; ; at = dirname(at)) {
    try {
      if (!statSync(at).isDirectory()) return at;
    } catch {
      // Not there: look above.
    }
    if (dirname(at) === at) return null;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The name of the user this process runs as (not `$USER`, which `sudo -u` or `setpriv` leave as it was). */
function userName(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}

/**
 * The sentence for a server that cannot listen: the port is taken (`EADDRINUSE`), needs
 * privileges (`EACCES`, ports below 1024), or the host is not an address of this machine
 * (`EADDRNOTAVAIL`, `ENOTFOUND`). Returns null for any other error.
 */
export function listenError(err: unknown, host: string, port: number): StartupError | null {
  switch (codeOf(err)) {
    case 'EADDRINUSE':
      return new StartupError(
        {
          sv: `Port ${digits(port)} på ${host} används redan, av en annan Samplan-server eller ett annat program. Stoppa det (npm stop stoppar Samplan-servern på ./data/samplan.db, samplan stop --db <fil> en på en annan databas), eller välj en annan port med --port eller PORT.`,
          en: `Port ${digits(port)} on ${host} is already in use, by another Samplan server or another program. Stop that one (npm stop stops the Samplan server on ./data/samplan.db, samplan stop --db <file> one on another database), or choose another port with --port or PORT.`,
        },
        err,
      );
    case 'EACCES':
      return new StartupError(
        {
          sv: `Den här användaren får inte lyssna på port ${digits(port)} (portar under 1024 kräver behörighet): välj en port från 1024 och uppåt med --port eller PORT, och sätt en proxy framför.`,
          en: `This user may not listen on port ${digits(port)} (ports below 1024 need privileges): choose a port of 1024 or more with --port or PORT, and put a proxy in front.`,
        },
        err,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StartupError(
        {
          sv: `${host} är ingen adress på den här datorn, så servern kan inte lyssna på den: sätt --host eller HOST till 127.0.0.1 (bara den här datorn) eller 0.0.0.0 (alla nätverk).`,
          en: `${host} is not an address of this machine, so the server cannot listen on it: set --host or HOST to 127.0.0.1 (this machine only) or 0.0.0.0 (every network).`,
        },
        err,
      );
    default:
      return null;
  }
}

/**
 * Whether this process could listen on `host`:`port` now, found by listening for a moment before
 * anything else of a start is done (the database's folder and file made, its lock taken, a build
 * run): the {@link listenError} it would stop with, or null (also for port 0 and an error of no
 * known kind, which the real listen then meets and tells).
 */
export function probeListen(host: string, port: number): Promise<StartupError | null> {
  if (port === 0) return Promise.resolve(null);
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (err) => resolve(listenError(err, host, port)));
    probe.listen(port, host, () => probe.close(() => resolve(null)));
  });
}
