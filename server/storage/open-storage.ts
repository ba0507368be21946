/**
 * The one place that picks a storage backend: PostgreSQL when a database URL is configured
 * (`--database-url` / `SAMPLAN_DATABASE_URL`), else the SQLite file (`--db` / `SAMPLAN_DB`).
 */
import type { Logger } from 'pino';
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
 * `SqliteStorageOptions.checkpointerAtOpen`); the CLI leaves it off.
 *
 * @example
 * const storage = await openStorage({ db: './data/samplan.db', databaseUrl: process.env.SAMPLAN_DATABASE_URL ?? null }, logger, { server: true });
 */
export async function openStorage(target: StorageTarget, logger?: Logger, opts: { server?: boolean } = {}): Promise<Storage> {
  if (target.databaseUrl) return openPostgresStorage(target.databaseUrl, { writeBackup: writeDumpToSqlite, ...(logger ? { logger } : {}) });
  return openSqliteStorage(target.db, opts.server ? { checkpointerAtOpen: true } : {});
}
