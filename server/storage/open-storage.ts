/**
 * The one place that picks a storage backend: PostgreSQL when a database URL is configured
 * (`--database-url` / `SAMPLAN_DATABASE_URL`), else the SQLite file (`--db` / `SAMPLAN_DB`).
 */
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { postgresOpenError, sqliteOpenError } from '../connect-errors.js';
import { redactPassword } from '../config.js';
import { openPostgresStorage } from './postgres.js';
import { writeDumpToSqlite } from './sqlite-dump.js';
import { openSqliteStorage } from './sqlite.js';
import type { Storage } from './storage.js';

/** Where to store. */
export interface StorageTarget {
  db: string;
  databaseUrl: string | null;
}

/**
 * Open the configured store; PostgreSQL backs up (`samplan backup`) into an SQLite file like the
 * other adapters, next to `pg_dump` for the whole database. `opts.server`: the store of a running
 * server, which will write (SQLite starts its checkpoint worker at once, see
 * `SqliteStorageOptions.checkpointerAtOpen`, and refuses a file it may only read); the CLI leaves it off.
 *
 * Throws a `StartupError` with a sentence for the common mistakes: PostgreSQL unreachable, a wrong
 * password, an unknown database; an SQLite file or folder the process may not write.
 *
 * @example
 * const storage = await openStorage({ db: './data/samplan.db', databaseUrl: process.env.SAMPLAN_DATABASE_URL ?? null }, logger, { server: true });
 */
export async function openStorage(target: StorageTarget, logger?: Logger, opts: { server?: boolean } = {}): Promise<Storage> {
  const url = target.databaseUrl;
  if (url) {
    try {
      return await openPostgresStorage(url, { writeBackup: writeDumpToSqlite, ...(logger ? { logger } : {}) });
    } catch (err) {
      throw postgresOpenError(err, url, redactPassword(url) ?? '');
    }
  }
  try {
    return openSqliteStorage(target.db, opts.server ? { checkpointerAtOpen: true, mustWrite: true } : {});
  } catch (err) {
    throw sqliteOpenError(err, resolve(target.db)) ?? err;
  }
}
