/**
 * The one place that picks a storage backend: PostgreSQL when a database URL is configured
 * (`--database-url` / `SAMPLAN_DATABASE_URL`), else the SQLite file (`--db` / `SAMPLAN_DB`). The
 * PostgreSQL backend (the `pg` driver) is imported only when a database URL is given.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { postgresOpenError, sqliteOpenError } from '../connect-errors.js';
import { redactPassword } from '../config.js';
import { databaseInUse } from './db-lock.js';
import { openSqliteStorage } from './sqlite.js';
import { journalAskedFor } from './sqlite-journal-store.js';
import type { Storage } from './storage.js';

/** Where to store. */
export interface StorageTarget {
  db: string;
  databaseUrl: string | null;
}

/**
 * Throws, before SQLite opens `file` to write, when its user may not write it (a file of mode 0444,
 * or another user's): opened, SQLite first makes its `-wal` and `-shm` beside it, owned by this
 * user, and only then finds it may not write, so a refused command or server left them behind (in
 * the way of the file's own server). The error is SQLite's kind for it (`SQLITE_READONLY`, said by
 * `sqliteOpenError` as "may only read"), or the system's (`EROFS`). A file not there is left to the open.
 */
function refuseUnwritable(file: string): void {
  if (!existsSync(file)) return;
  try {
    accessSync(file, constants.W_OK);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'EACCES' || code === 'EPERM') throw Object.assign(new Error(`the file's mode or owner lets this user read it but not write it`), { code: 'SQLITE_READONLY' });
    throw err;
  }
}

/**
 * Open the configured store; PostgreSQL backs up (`samplan backup`) into an SQLite file like the
 * other adapters, next to `pg_dump` for the whole database. `opts.server`: the store of a running
 * server, which will write (SQLite starts its checkpoint worker at once, see
 * `SqliteStorageOptions.checkpointerAtOpen`, refuses a file it may only read, and is told of the
 * CLI's commits through `<db>.notice`, `SqliteStorageOptions.notices`, and journals its edits in
 * `<db>.journal`, `SqliteStorageOptions.journal`, when `SAMPLAN_SQLITE_JOURNAL=on`: `journalAskedFor`); the CLI leaves it off.
 * `opts.readonly`: a command that only reads (`samplan report`, `export`, `backup`) opens an SQLite
 * file read-only (`SqliteStorageOptions.readonly`): no schema upgrade, no journal mode set, and the
 * folder is left as it was found, names and bytes, also beside a `-wal` without its `-shm`; a file
 * of another schema version is refused in words (`SchemaVersionError`); not for `:memory:`. On
 * PostgreSQL the store writes nothing (`PostgresStorageOptions.readonly`): a read-only standby or a
 * role that may only read serves it, a document whose head a load would rebuild read as stored.
 *
 * Every store it opens refuses an append to a document with no record (`appendsNeedRecord`).
 *
 * Throws a `StartupError` with a sentence for the common mistakes: PostgreSQL unreachable, a wrong
 * password, an unknown database; an SQLite file or folder the process may not write (a file it may
 * only read is refused before SQLite opens it, so nothing is made beside it).
 *
 * @example
 * const storage = await openStorage({ db: './data/samplan.db', databaseUrl: process.env.SAMPLAN_DATABASE_URL ?? null }, logger, { server: true });
 */
export async function openStorage(target: StorageTarget, logger?: Logger, opts: { server?: boolean; readonly?: boolean } = {}): Promise<Storage> {
  const url = target.databaseUrl;
  if (url) {
    // Loaded for a database URL alone: pg cost every SQLite command ~0.08 s of CPU at its start.
    const [{ openPostgresStorage }, { writeDumpToSqlite }] = await Promise.all([import('./postgres.js'), import('./sqlite-dump.js')]);
    try {
      return await openPostgresStorage(url, { writeBackup: writeDumpToSqlite, ...(logger ? { logger } : {}), ...(opts.readonly ? { readonly: true } : {}) });
    } catch (err) {
      throw postgresOpenError(err, url, redactPassword(url) ?? '');
    }
  }
  try {
    const file = target.db !== ':memory:' && target.db !== '';
    if (file && !opts.readonly) refuseUnwritable(target.db);
    if (opts.server) return openSqliteStorage(target.db, { checkpointerAtOpen: true, mustWrite: true, notices: true, journal: journalAskedFor() });
    if (opts.readonly && file) return openSqliteStorage(target.db, { readonly: true });
    // A command beside a live server of an older Samplan must not upgrade the file under it.
    return openSqliteStorage(target.db, { ...(file && existsSync(target.db) && databaseInUse(target.db) !== null ? { serverHolds: true } : {}) });
  } catch (err) {
    throw sqliteOpenError(err, resolve(target.db)) ?? err;
  }
}
