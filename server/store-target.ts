/**
 * Where a command's store is, read from its flags and the environment as `loadConfig` reads them
 * (`config.ts`) but without zod: the CLI checks a command's arguments against it (an `--out` onto
 * the database) before it loads the settings' schema or any of the command's modules. A value the
 * settings refuse (an empty `--db`, a `--database-url` that is no postgres:// address) is refused by
 * `loadConfig` after.
 */

/** The SQLite file when neither `--db` nor `SAMPLAN_DB` names one (relative to the working folder). */
export const DEFAULT_DB = './data/samplan.db';

/** Where the command's store is: the SQLite file, or null with PostgreSQL (`databaseUrl`). */
export interface StoreTarget {
  db: string;
  databaseUrl: string | null;
}

/** A flag when given, else the environment's value when not blank, else undefined: how every setting is picked. */
export function pickSetting(flag: string | undefined, env: string | undefined): string | undefined {
  if (flag !== undefined) return flag;
  if (env !== undefined && env.trim() !== '') return env;
  return undefined;
}

/** The store `--db`/`SAMPLAN_DB` and `--database-url`/`SAMPLAN_DATABASE_URL` name, as `loadConfig` picks them. */
export function storeTargetOf(flags: { db?: string | undefined; 'database-url'?: string | undefined }, env: Readonly<Record<string, string | undefined>>): StoreTarget {
  return { db: pickSetting(flags.db, env.SAMPLAN_DB)?.trim() || DEFAULT_DB, databaseUrl: pickSetting(flags['database-url'], env.SAMPLAN_DATABASE_URL) ?? null };
}
