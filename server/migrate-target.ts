/**
 * The target of `samplan migrate` (split from `migrate.ts`): checked before the source is read,
 * opened as a store, and one connection for the copy's own statements.
 */
import pg from 'pg';
import { redactPassword } from './config.js';
import { both } from './cli-lang.js';
import { cannotOpenPostgres, noCreateRight, postgresOpenError, sqlName, StartupError } from './connect-errors.js';
import type { Localized } from '../shared/schema/types.js';
import { openPostgresStorage } from './storage/postgres.js';
import { onEveryConnectionError } from './storage/postgres-faults.js';
import { PG_MIGRATIONS } from './storage/postgres-schema.js';
import { holdServeLock, type ServeLock } from './storage/postgres-serve-lock.js';
import type { Storage } from './storage/storage.js';

/** The first schema a `search_path` setting names, `$user` left out; null when it names none. */
function firstSchema(path: string): string | null {
  for (const part of path.split(',')) {
    const name = part.trim().replace(/^"(.*)"$/, (_, inner: string) => inner.replace(/""/g, '"'));
    if (name !== '' && name !== '$user') return name;
  }
  return null;
}

/**
 * Connect to the target and sign in, writing nothing, so that an address where no database opens
 * (nothing answers, an unknown host, a wrong password, a database not created) or where the role
 * may not make Samplan's tables (no CREATE right on the schema the tables go to, the first of its
 * `search_path` that exists, or no such schema) is told at once, before the source is upgraded or
 * scanned, which takes minutes on a large file. The right is not asked of a target whose tables
 * are already at this Samplan's schema version (nothing is created there). Rejects with the
 * sentence of {@link openTarget} (a `StartupError` naming `--to` and the address without its
 * password); for the right, naming the role and the schema and the GRANT to run.
 */
export async function checkTarget(to: string): Promise<void> {
  const pool = targetPool(to);
  const shown = redactPassword(to) ?? '';
  try {
    type Found = { role: string; schema: string | null; path: string; may: boolean | null; made: boolean };
    let found: Found & { version: number | null };
    try {
      const { rows } = await pool.query<Found>(
        `SELECT current_user AS role, current_schema() AS schema, current_setting('search_path') AS path,
           has_schema_privilege(current_schema(), 'CREATE') AS may, to_regclass('samplan_schema') IS NOT NULL AS made`,
      );
      const row = rows[0] as Found;
      const version = row.made ? Number((await pool.query<{ v: number | null }>('SELECT max(version) AS v FROM samplan_schema')).rows[0]?.v ?? 0) : null;
      found = { ...row, version };
    } catch (err) {
      throw postgresOpenError(err, to, shown, '--to');
    }
    if (found.version !== null && found.version >= PG_MIGRATIONS.length) return;
    const head = cannotOpenPostgres(shown, '--to');
    const role = sqlName(found.role);
    if (found.schema === null) {
      // PostgreSQL leaves out of the path a schema that does not exist or that the role may not use.
      const grant = `GRANT USAGE, CREATE ON SCHEMA ${sqlName(firstSchema(found.path) ?? 'public')} TO ${role};`;
      throw new StartupError(
        {
          sv: `${head.sv}rollen ${role} får skapa tabeller i inget schema av sin search_path (${found.path}): inget finns, eller rollen saknar rättigheten USAGE på dem; skapa schemat, eller kör som dess ägare eller en superanvändare ${grant} eller rätta search_path i adressen.`,
          en: `${head.en}the role ${role} may create tables in no schema of its search_path (${found.path}): none exists, or the role lacks the USAGE right on them; create the schema, or as its owner or a superuser run ${grant} or correct the search_path in the address.`,
        },
        undefined,
      );
    }
    if (found.may !== true) {
      const why = noCreateRight(found.role, found.schema);
      throw new StartupError({ sv: `${head.sv}${why.sv}.`, en: `${head.en}${why.en}.` }, undefined);
    }
  } finally {
    await pool.end();
  }
}

/**
 * The target as a store (its tables made when it has none). An address where no database can be
 * opened (nothing answers, an unknown host, a wrong password, a database not created) rejects with
 * the sentence `samplan serve` gives for it, naming `--to` and the address without its password,
 * instead of the driver's words (`connect ECONNREFUSED 127.0.0.1:5432`).
 */
export async function openTarget(to: string): Promise<Storage> {
  try {
    return await openPostgresStorage(to);
  } catch (err) {
    throw postgresOpenError(err, to, redactPassword(to) ?? '', '--to');
  }
}

/**
 * One connection to the target database, for the copy's own statements. A connection the server
 * ends while it is idle in the pool (a restart, `pg_terminate_backend`, `idle_session_timeout`, or
 * the server stopping just after `end()`, which resolves before the sockets close) makes pg-pool
 * emit `error`; with no listener that ended the process with a stack trace instead of the
 * migration's own error; so did one ended while the copy's transaction held it
 * (`onEveryConnectionError`). The pool drops such a connection and the next statement opens
 * another; a statement that fails still rejects where it was made.
 */
export function targetPool(to: string): pg.Pool {
  return onEveryConnectionError(new pg.Pool({ connectionString: to, max: 1 }), () => undefined);
}

/**
 * The target's PostgreSQL serving lock (`storage/postgres-serve-lock.ts`), held alone for the whole
 * copy: a server serving the target's schema (with or without Redis) would store changes the copy
 * then mixes with or overwrites, so the migrate is refused in words naming `--to`, and no server
 * starts on the schema while it is held. The lock lives on a connection of its own, which may drop
 * during a long copy (a PostgreSQL restart); the copy commits only if it is held then
 * ({@link assertTargetLockHeld}). An address that cannot be reached rejects as {@link openTarget} does.
 */
export async function holdTargetLock(to: string): Promise<ServeLock> {
  const shown = redactPassword(to) ?? '';
  const refusal: Localized = {
    sv: `En Samplan-server kör mot PostgreSQL-databasen ${shown} (--to): stoppa först varje server på den, eftersom det den sparar under kopieringen skulle blandas med kopian eller gå förlorat; kör sedan samplan migrate igen.`,
    en: `A Samplan server serves the PostgreSQL database ${shown} (--to): stop every server on it first, since what it stores during the copy would be mixed with the copy or lost; then run samplan migrate again.`,
  };
  try {
    return await holdServeLock(to, 'alone', shown, undefined, refusal);
  } catch (err) {
    throw err instanceof StartupError ? err : postgresOpenError(err, to, shown, '--to');
  }
}

/** A copy whose target's serving lock was not held the whole time: its sentence in English (`message`) and Swedish (`sv`). */
export class TargetLockLostError extends Error {
  /** The sentence in Swedish. */
  readonly sv: string;

  constructor(words: Localized) {
    super(words.en);
    this.name = 'TargetLockLostError';
    this.sv = words.sv;
  }
}

/** Why a lock was lost, in words. */
const lossWords = (why: 'connection' | 'taken'): Localized =>
  why === 'taken' ? { sv: 'en Samplan-server tog det', en: 'a Samplan server took it' } : { sv: 'dess anslutning till PostgreSQL bröts', en: 'its connection to PostgreSQL was lost' };

/**
 * Throws a {@link TargetLockLostError} naming `--to` unless `serving` ({@link holdTargetLock} of `to`) was held the
 * whole time since it was taken: it is not held now (its connection dropped, a PostgreSQL restart
 * or the network, and it is not yet taken again, or a server took it meanwhile), or it was lost and
 * taken back ({@link ServeLock.lapses}), in between which a server may have served the target and
 * written what the copy would overwrite or mix with. Called just before the copy's commit, so
 * nothing is written then.
 */
export function assertTargetLockHeld(serving: ServeLock, to: string): void {
  const shown = redactPassword(to) ?? '';
  const again: Localized = { sv: 'Ingenting skrevs: stoppa varje server på den, kör sedan samplan migrate igen.', en: 'Nothing was written: stop every server on it, then run samplan migrate again.' };
  const lost = serving.lost();
  if (lost) {
    const why = lossWords(lost.why);
    throw new TargetLockLostError({
      sv: `Serverlåset för PostgreSQL-databasen ${shown} (--to) förlorades under kopieringen (${why.sv}, ${lost.since}), så en server kan köra mot den. ${again.sv}`,
      en: `The serving lock of the PostgreSQL database ${shown} (--to) was lost during the copy (${why.en}, at ${lost.since}), so a server may serve it. ${again.en}`,
    });
  }
  const { last } = serving.lapses();
  if (!last) return;
  const why = lossWords(last.why);
  const until: Localized = last.until ? both(last.until) : { sv: 'en okänd tidpunkt', en: 'an unknown time' };
  throw new TargetLockLostError({
    sv: `Serverlåset för PostgreSQL-databasen ${shown} (--to) förlorades under kopieringen (${why.sv}, ${last.since}) och togs tillbaka ${until.sv}, så en server kan ha kört mot den under tiden. ${again.sv}`,
    en: `The serving lock of the PostgreSQL database ${shown} (--to) was lost during the copy (${why.en}, at ${last.since}) and taken back at ${until.en}, so a server may have served it meanwhile. ${again.en}`,
  });
}
