/**
 * Moving a deployment from its SQLite file to PostgreSQL (`samplan migrate --from … --to …`):
 * every table copied row for row (`migrate-tables.ts` lists them, and those left on purpose), every
 * column the file has, in one PostgreSQL transaction (documents with their whole history, snapshots
 * and checkpoints, records with their archive state, members, removals of members, tokens and the
 * sessions' access-token keys, audit), read from one consistent SQLite state, then verified: the row
 * count of every table, every workspace's records as the server reads them, and every document's
 * state (loaded on both sides as a room loads it, rebuilt as a Y.Doc, SHA-256 of its encoded
 * state) must match, and so must a digest of the audit trail's rows ({@link auditDigest}): every
 * line's content, not only their number.
 * The target must be empty: nothing there is overwritten (a target already holding a whole copy of
 * the file, from a migrate stopped after its commit, is verified instead and left as it is). The source is only read (opened
 * read-only, its folder left as found: sqlite-sidecars.ts): a file of an older schema version is copied (SQLite's backup) beside itself and the
 * copy upgraded and migrated from, then removed; a file of a newer version is refused.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { assertTargetLockHeld, checkTarget, holdTargetLock, openTarget, targetPool } from './migrate-target.js';
import { assertCopyableTexts } from './migrate-texts.js';
import { verifyStores } from './migrate-verify.js';
import { MIGRATED_TABLES, NOT_MIGRATED_COLUMNS } from './migrate-tables.js';
import { checkingEarlierWords, copiedWords, mismatchWords, newerColumnWords, notACopyWords, rowsDifferWords, targetHoldsWords, upgradedCopyWords } from './migrate-words.js';
import type { Localized } from '../shared/schema/types.js';
import { SaidError } from '../shared/i18n/said-error.js';
import { lockDatabase, realDatabasePath } from './storage/db-lock.js';
import { readBesideJournal } from './storage/sqlite-journal-store.js';
import { MIGRATIONS, SchemaVersionError, schemaVersionOf } from './storage/sqlite-schema.js';
import { readLeavingNoSidecars } from './storage/sqlite-sidecars.js';
import { openSqliteDatabase } from './storage/sqlite.js';
import type { Storage } from './storage/storage.js';

export { auditDigest, stateHash } from './migrate-verify.js';
export { targetPool } from './migrate-target.js';

/** A table as it is copied: the columns both sides have and their PostgreSQL types. */
interface CopyPlan {
  name: string;
  order: string;
  columns: string[];
  types: string[];
}

/** Rows per INSERT; keeps each statement well under PostgreSQL's limits with large updates. */
const CHUNK = 200;

/** What a migration did, per table and per document. */
export interface MigrationReport {
  tables: { name: string; source: number; target: number }[];
  documents: number;
  /**
   * What differs between the two stores, none when the copy is right: documents whose state hash
   * differs (`<workspace>/<doc>`), record lists (`<workspace>: document records`, `workspaces`)
   * and the audit trail's rows (`audit`).
   */
  mismatched: string[];
  /**
   * True when nothing was copied because the target already held data that verified as a whole
   * copy of the file (an earlier migrate committed it and was stopped before or during its
   * verification); the counts and mismatches are then those of that earlier copy.
   */
  alreadyCopied?: boolean;
}

/** A progress line (`update_log 4,000/12,345`), for the operator, in both languages (`migrate-words.ts`). */
export type Progress = (line: Localized) => void;

/**
 * Copy the SQLite file `from` into the empty PostgreSQL database at `to`, then verify it.
 * Rejects with a sentence when the source is missing, the target cannot be reached or signed in
 * to, a server serves the target's schema (its serving lock, `holdTargetLock`, checked again before the commit: `assertTargetLockHeld`), or the role may not create tables there (checked first, before the source is upgraded or scanned: `checkTarget`), a server still serves it (its lock,
 * `db-lock.ts`, is held meanwhile, so none starts either), a newer Samplan wrote it
 * ({@link SchemaVersionError}), a record or a document holds text the guard refuses (`RefusedTextError`, listing them: `migrate-texts.ts`, `migrate-doc-texts.ts`) or the target holds data that is not a whole copy of the file (one that is, left by an earlier migrate stopped after its commit, is verified and reported with `alreadyCopied`, nothing copied); nothing is written to the target unless
 * the whole copy commits, and nothing to the source ({@link withCurrentSchema}).
 *
 * @example
 * const report = await migrateSqliteToPostgres('./data/samplan.db', 'postgres://samplan@db/samplan', console.log);
 */
export async function migrateSqliteToPostgres(from: string, to: string, progress: Progress = () => undefined): Promise<MigrationReport> {
  // A server still writing would lose every edit made after the copy; holding the lock also keeps one from starting.
  const lock = lockDatabase(from);
  try {
    // The target first: one that cannot be reached is told before the source is read through.
    await checkTarget(to);
    const serving = await holdTargetLock(to);
    try {
      return await withCurrentSchema(from, progress, (file) => copyAndVerify(file, to, progress, () => assertTargetLockHeld(serving, to)), true);
    } finally {
      await serving.release();
    }
  } finally {
    lock.release();
  }
}

/**
 * Run `use` on a file of this build's schema holding what the SQLite file `from` holds, without
 * writing to `from`: `from` itself when its schema is current; for an older schema, a copy made
 * with SQLite's backup from a read-only connection at `<from's real path>.migrate-<pid>` (room for
 * the file twice over is needed meanwhile), upgraded as opening it in a server would, and removed
 * when `use` settles. Throws a {@link SchemaVersionError} before anything else for a file a newer
 * Samplan wrote, a `JournalNotTakenInError` for a file whose journal a dead server left
 * holding edits, and a `HeldEditsNotReadError` for one whose journal holds a refused document's
 * edits back (`sqlite-journal-store.ts`): the copy would lack them. The `-wal` and `-shm` that reading `from` read-only makes are removed again
 * ({@link readLeavingNoSidecars}; `lockHeld`: the caller holds `from`'s lock).
 */
async function withCurrentSchema<T>(from: string, progress: Progress, use: (file: string) => Promise<T>, lockHeld: boolean): Promise<T> {
  // The read-only store's look at `<db>.journal` (edits a server left unwritten), which the
  // connections below, and a copy read in place of `from`, would pass by.
  const reading = readBesideJournal(from, true);
  try {
    return await readLeavingNoSidecars(from, lockHeld, (path) => readCurrentSchema(path, from, progress, use));
  } finally {
    reading.release();
  }
}

/** {@link withCurrentSchema} on `path`: `from` itself, or a copy of it and its log (`sqlite-sidecars.ts`); sentences name `from`. */
async function readCurrentSchema<T>(path: string, from: string, progress: Progress, use: (file: string) => Promise<T>): Promise<T> {
  const source = new Database(path, { readonly: true, fileMustExist: true });
  const copy = `${realDatabasePath(path)}.migrate-${process.pid}`;
  try {
    const version = schemaVersionOf(source);
    if (version > MIGRATIONS.length) throw new SchemaVersionError(from, version, MIGRATIONS.length);
    if (version === MIGRATIONS.length) {
      source.close();
      return await use(path);
    }
    progress(upgradedCopyWords(from, version, MIGRATIONS.length, copy));
    await source.backup(copy);
    source.close();
    openSqliteDatabase(copy).close();
    return await use(copy);
  } finally {
    if (source.open) source.close();
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${copy}${suffix}`, { force: true });
  }
}

/** Copy `from` into `to` and verify it; `beforeCommit` throws to refuse the copy's commit (the serving lock lost). */
async function copyAndVerify(from: string, to: string, progress: Progress, beforeCommit: () => void): Promise<MigrationReport> {
  const source = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await assertCopyableTexts(source, from, progress);
  } catch (err) {
    source.close();
    throw err;
  }
  const target = await openTarget(to);
  const pool = targetPool(to);
  try {
    let copied: Map<string, number>;
    try {
      copied = await copyAll(source, pool, progress, beforeCommit);
    } catch (err) {
      if (!(err instanceof TargetHoldsDataError)) throw err;
      return await earlierCopy(source, from, target, pool, err, progress);
    }
    const tables = await countAll(copied, pool);
    source.close();
    const verified = await verifyStores(from, target, pool, progress);
    return { tables, ...verified };
  } finally {
    if (source.open) source.close();
    await pool.end();
    await target.close();
  }
}

/** The target already holds rows in `held` (table names, in {@link MIGRATED_TABLES} order). */
class TargetHoldsDataError extends SaidError {
  constructor(readonly held: string[]) {
    const holds = targetHoldsWords(held);
    super({ sv: `${holds.sv}.`, en: `${holds.en}.` });
  }
}

/**
 * The target was not empty: verify whether it holds a whole copy of the file (the copy commits in
 * one transaction, so a migrate stopped after its commit, by kill -9 or a lost terminal, leaves
 * one that was never verified). Resolves with its report (`alreadyCopied`) when every table's row
 * count, every record, the audit trail and every document's state match; rejects with a sentence
 * naming what differs otherwise, writing nothing either way.
 */
async function earlierCopy(source: Database.Database, from: string, target: Storage, pool: pg.Pool, err: TargetHoldsDataError, progress: Progress): Promise<MigrationReport> {
  progress(checkingEarlierWords(err.held, from));
  const counts = new Map(MIGRATED_TABLES.filter((t) => hasTable(source, t.name)).map((t) => [t.name, Number((source.prepare(`SELECT count(*) AS n FROM ${t.name}`).get() as { n: number }).n)]));
  source.close();
  const tables = await countAll(counts, pool);
  const verified = await verifyStores(from, target, pool, progress);
  const differ = [...tables.filter((t) => t.source !== t.target).map((t) => rowsDifferWords(t.name, t.source, t.target)), ...verified.mismatched.map(mismatchWords)];
  if (differ.length === 0) return { tables, ...verified, alreadyCopied: true };
  throw new SaidError(notACopyWords(err.held, from, differ));
}

/** Copy every table; resolves with each table's row count in the state copied. `beforeCommit` throwing rolls it all back. */
async function copyAll(source: Database.Database, pool: pg.Pool, progress: Progress, beforeCommit: () => void): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const held = await heldTables(client);
    if (held.length > 0) throw new TargetHoldsDataError(held);
    const plans: CopyPlan[] = [];
    // A table the file does not have yet (one an older Samplan wrote) has nothing to copy.
    for (const table of MIGRATED_TABLES) if (hasTable(source, table.name)) plans.push(await planTable(source, client, table));
    // One read transaction: every table from the same state, while a server may still write.
    source.prepare('BEGIN').run();
    try {
      for (const plan of plans) totals.set(plan.name, await copyTable(source, client, plan, progress));
    } finally {
      source.prepare('COMMIT').run();
    }
    await client.query(`INSERT INTO doc_heads (workspace, doc, last_seq)
      SELECT workspace, doc, max(seq) FROM (
        SELECT workspace, doc, seq FROM update_log UNION ALL SELECT workspace, doc, upto_seq FROM snapshots
      ) s GROUP BY workspace, doc`);
    // The lock may have dropped during a long copy: a server started on the target meanwhile would be mixed with it.
    beforeCommit();
    await client.query('COMMIT');
    return totals;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * The copied tables that already hold rows in the target, in {@link MIGRATED_TABLES} order: any one makes
 * the target not empty (an audit row alone, from a server started on it, would otherwise be
 * copied after and break the audit trail's order and digest).
 */
async function heldTables(client: pg.PoolClient): Promise<string[]> {
  const held: string[] = [];
  for (const { name } of MIGRATED_TABLES) {
    const { rows } = await client.query(`SELECT 1 FROM ${name} LIMIT 1`);
    if (rows.length > 0) held.push(name);
  }
  return held;
}

function hasTable(source: Database.Database, name: string): boolean {
  // From schema version 8 `update_log` is a view of `update_rows` with the same columns (sqlite-schema.ts).
  return source.prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?").get(name) !== undefined;
}

/**
 * The columns of `table` in the SQLite file, each with its type in PostgreSQL. Throws with a
 * sentence naming `table.column` when PostgreSQL's table lacks one (a file of a newer Samplan).
 */
async function planTable(source: Database.Database, client: pg.PoolClient, table: (typeof MIGRATED_TABLES)[number]): Promise<CopyPlan> {
  const skip = NOT_MIGRATED_COLUMNS[table.name] ?? [];
  const columns = (source.pragma(`table_info(${table.name})`) as { name: string }[]).map((c) => c.name).filter((c) => !skip.includes(c));
  const { rows } = await client.query<{ column_name: string; data_type: string }>(
    'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1',
    [table.name],
  );
  const typeOf = new Map(rows.map((r) => [r.column_name, r.data_type]));
  const types = columns.map((c) => {
    const type = typeOf.get(c);
    if (!type) throw new SaidError(newerColumnWords(table.name, c));
    return type;
  });
  return { ...table, columns, types };
}

async function copyTable(source: Database.Database, client: pg.PoolClient, table: CopyPlan, progress: Progress): Promise<number> {
  const total = Number((source.prepare(`SELECT count(*) AS n FROM ${table.name}`).get() as { n: number }).n);
  const casts = table.types.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
  const sql = `INSERT INTO ${table.name} (${table.columns.join(', ')}) SELECT * FROM unnest(${casts})`;
  let chunk: unknown[][] = table.columns.map(() => []);
  let done = 0;
  const flush = async (): Promise<void> => {
    if ((chunk[0]?.length ?? 0) === 0) return;
    await client.query(sql, chunk);
    done += chunk[0]?.length ?? 0;
    chunk = table.columns.map(() => []);
    progress(copiedWords(table.name, done, total));
  };
  const rows = source.prepare(`SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${table.order}`).iterate() as IterableIterator<Record<string, unknown>>;
  for (const row of rows) {
    table.columns.forEach((c, i) => chunk[i]?.push(row[c] ?? null));
    if ((chunk[0]?.length ?? 0) >= CHUNK) await flush();
  }
  await flush();
  if (total === 0) progress(copiedWords(table.name, 0, 0));
  return total;
}

async function countAll(copied: Map<string, number>, pool: pg.Pool): Promise<MigrationReport['tables']> {
  const counts: MigrationReport['tables'] = [];
  for (const { name } of MIGRATED_TABLES) {
    const s = copied.get(name) ?? 0;
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${name}`);
    counts.push({ name, source: s, target: Number(rows[0]?.n ?? 0) });
  }
  return counts;
}

/**
 * Compare an SQLite file with the PostgreSQL database it was copied into: every workspace's
 * records as the server reads them (units, document records with their archive state, members,
 * tokens, member removals), and the state ({@link stateHash}) of every document the file holds
 * state for, with a record or without one (a workspace's rounds, {@link storedDocs}). Resolves with the number of documents
 * and what differs (`<workspace>/<doc>`, or `<workspace>: document records` and the like);
 * nothing is written to either side (a file of an older schema is read through an upgraded copy,
 * as {@link migrateSqliteToPostgres} does). It holds the file's lock as the copy does
 * (`db-lock.ts`), and so rejects with a sentence while a server serves the file: a server still
 * writing would make the two differ by its newest edits, and the `-wal` and `-shm` reading makes
 * beside a served file could not be removed.
 *
 * @example
 * const { mismatched } = await verifyMigration('./data/samplan.db', 'postgres://samplan@db/samplan');
 */
export async function verifyMigration(from: string, to: string, progress: Progress = () => undefined): Promise<Pick<MigrationReport, 'documents' | 'mismatched'>> {
  const lock = lockDatabase(from);
  try {
    // The target first: one that cannot be reached is told before the source is read through.
    await checkTarget(to);
    return await withCurrentSchema(from, progress, async (file) => {
      const target = await openTarget(to);
      const pool = targetPool(to);
      try {
        return await verifyStores(file, target, pool, progress);
      } finally {
        await pool.end();
        await target.close();
      }
    }, true);
  } finally {
    lock.release();
  }
}
