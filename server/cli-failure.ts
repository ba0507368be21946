/**
 * The exit code and the line a `samplan` command that threw ends with on stderr (`cli.ts` prints
 * a mistake on its command line itself): a refusal exits 2, a failure 1 with `samplan: ` and the
 * error's sentence; for a fault of the store, the kind of fault in words and what the store said,
 * in full, since the operator at the console is the one to read it (a server's answers name only
 * the kind, `watched.ts`). A personnummer in it is masked, wherever it came from: a file or folder
 * the path names, a PostgreSQL role or database named in the address or in the store's words.
 */
import { FAILURE_MASK } from './cli-args.js';
import { sentenceOf, type CliLang } from './cli-lang.js';
import { ConfigError } from './config-error.js';
import { StartupError } from './connect-errors.js';
import { AppError } from './http/errors.js';
import { TokenError } from './auth/tokens.js';
import { RefusedTextError } from './migrate-texts.js';
import { IdentityInTextError, TextCharacterError } from './storage/record-text.js';
import { faultWords, isStorageFault, StorageUnavailableError } from './storage/watched.js';
import { isPostgresFault } from './storage/postgres-faults.js';
import { DamagedHistoryError } from './sync/stored-history.js';
import { redactPersonnummer } from '../shared/validate/redact-personnummer.js';

/**
 * An error of the PostgreSQL driver: the server's own (a `DatabaseError`, with its severity and
 * SQLSTATE) or the connection's end. Not a network error of something else a command talks to (Redis).
 */
function postgresOwn(err: unknown): boolean {
  const e = err as { severity?: unknown; message?: unknown } | null;
  return typeof e?.severity === 'string' || /^Connection terminated/.test(String(e?.message ?? ''));
}

/**
 * The API's codes of a refusal naming something that is not there in a request's body (400, since
 * the address was found): a unit of a member's `--units` or a unit's `--parent`.
 */
const NOT_THERE_CODES: ReadonlySet<string> = new Set(['unknown-unit']);

/**
 * The API's codes of a refusal that is the person's mistake, nothing written: a name already taken
 * (a workspace id, a unit code, a unit name like another's of the workspace), a unit put under
 * itself, an editor given no unit. Not its other 409s: a document whose history does not decode,
 * or a write that met another at the same moment, are failures.
 */
const MISTAKE_CODES: ReadonlySet<string> = new Set(['workspace-exists', 'unit-exists', 'unit-name-taken', 'unit-cycle', 'editor-without-unit']);

/** An error a command threw and how it ends: its exit code and its stderr line, without the newline. */
export interface CommandEnd {
  code: 1 | 2;
  line: string;
}

/**
 * How a command that threw `err` ends, said in `lang` when the error carries both languages (`cli-lang.ts`). Exit 2 for a refusal, the line `samplan: ` and its sentence
 * with a personnummer masked (a path or a name the command was given may hold one): a setting
 * (`ConfigError`, such as a --database-url that is no postgres:// address), a text holding a
 * personnummer or a character no name may hold (`IdentityInTextError`, `TextCharacterError`,
 * `RefusedTextError`), an expiry or a member a token cannot have (`TokenError`), and something
 * else the command names that is not there: the API's 404 (an `AppError`: a document, a member, a
 * unit) and {@link NOT_THERE_CODES}, as a workspace that is not there is refused
 * (`requireWorkspace`), and the API's refusals of a mistake ({@link MISTAKE_CODES}: a unit code
 * that is taken). Exit 1 for anything else, with {@link failureLine}.
 *
 * @example
 * commandEnd(new ConfigError('--port must be a number.')); // { code: 2, line: 'samplan: --port must be a number.' }
 */
export function commandEnd(err: unknown, lang: CliLang = 'en'): CommandEnd {
  const refused = err instanceof AppError && (err.status === 404 || NOT_THERE_CODES.has(err.code) || MISTAKE_CODES.has(err.code));
  if (refused || err instanceof TokenError || err instanceof ConfigError || err instanceof IdentityInTextError || err instanceof TextCharacterError || err instanceof RefusedTextError) {
    return { code: 2, line: redactPersonnummer(`samplan: ${sentenceOf(err, lang)}`, FAILURE_MASK) };
  }
  return { code: 1, line: failureLine(err, lang) };
}

/**
 * The stderr line of `err`, without its newline, in `lang` when its sentence is in both languages.
 *
 * - a fault of the medium (a {@link StorageUnavailableError}, or SQLite's own error of one, such as
 *   `SQLITE_FULL`, `SQLITE_IOERR` or `SQLITE_READONLY` raised inside a command, which no watcher
 *   wrapped), or PostgreSQL's error of one met on a connection of a command's own (`samplan migrate`'s
 *   target: a connection ended in the middle of the copy): a sentence naming the kind (`watched.ts`'s
 *   words), then ` The store said: ` and the store's words;
 * - a `StartupError` (the store could not be opened) whose cause is SQLite's: its sentence, then
 *   what SQLite said (PostgreSQL's sentences hold the server's words already);
 * - a {@link DamagedHistoryError}: its sentence (the document, the place), then what Yjs said;
 * - anything else: its message.
 *
 * @example
 * failureLine(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }));
 * // 'samplan: The database failed (a read or write error on the disk); the command stopped there. The store said: disk I/O error'
 */
export function failureLine(err: unknown, lang: CliLang = 'en'): string {
  const message = err instanceof Error ? err.message : String(err);
  let line = `samplan: ${sentenceOf(err, lang)}`;
  // Only SQLite's own codes: an `ENOENT` or `EACCES` of a command is of the file it reads or
  // writes (an --out, a backup), not of the store; PostgreSQL's faults come wrapped (`postgres-faults.ts`).
  const code = (err as { code?: unknown } | null)?.code;
  const sqliteFault = typeof code === 'string' && code.startsWith('SQLITE_') && isStorageFault(err);
  const fault =
    err instanceof StorageUnavailableError
      ? err
      : sqliteFault
        ? new StorageUnavailableError(message, { cause: err })
        : postgresOwn(err) && isPostgresFault(err)
          ? new StorageUnavailableError(`PostgreSQL: ${message}`, { cause: err })
          : null;
  // Not the server's sentence ("The server cannot store changes… Nothing was changed"): no server
  // is involved, and a command that wrote before the fault has written that much.
  if (fault) {
    const words = faultWords(fault.reason, fault.cause);
    line =
      lang === 'sv'
        ? `samplan: Databasen misslyckades (${words.sv}); kommandot stannade där. Databasen sa: ${fault.reason}`
        : `samplan: The database failed (${words.en}); the command stopped there. The store said: ${fault.reason}`;
  }
  else if (err instanceof StartupError) {
    const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
    const said = typeof cause?.message === 'string' ? cause.message : '';
    if (typeof cause?.code === 'string' && cause.code.startsWith('SQLITE_') && said !== '' && !message.includes(said)) line += `${lang === 'sv' ? ' Databasen sa: ' : ' The store said: '}${said}`;
  } else if (err instanceof DamagedHistoryError) line += `${lang === 'sv' ? ' Yjs sa: ' : ' Yjs said: '}${err.said}`;
  return redactPersonnummer(line, FAILURE_MASK);
}
