/**
 * Moving a deployment from its SQLite file to PostgreSQL (`samplan migrate --from … --to …`):
 * every table copied row for row in one PostgreSQL transaction (documents with their whole
 * history, snapshots and checkpoints, records, members, tokens, audit), read from one consistent
 * SQLite state, then verified: the row count of every table, and every document's state (loaded
 * on both sides as a room loads it, rebuilt as a Y.Doc, SHA-256 of its encoded state) must match.
 * The target must be empty: nothing there is overwritten.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import * as Y from 'yjs';
import { openPostgresStorage } from './storage/postgres.js';
import { openSqliteStorage } from './storage/sqlite.js';
import type { DocRef, Storage } from './storage/storage.js';

/** The tables copied, in an order that keeps every reference valid; columns as both schemas name them. */
const TABLES: readonly { name: string; columns: readonly string[]; types: readonly string[]; order: string }[] = [
  { name: 'workspaces', columns: ['id', 'name', 'created_at'], types: ['text', 'text', 'text'], order: 'id' },
  { name: 'units', columns: ['workspace', 'code', 'name', 'parent'], types: ['text', 'text', 'text', 'text'], order: 'workspace, code' },
  {
    name: 'docs',
    columns: ['workspace', 'doc', 'kind', 'title', 'owner_unit', 'created_at', 'updated_at'],
    types: ['text', 'text', 'text', 'text', 'text', 'text', 'text'],
    order: 'workspace, doc',
  },
  { name: 'members', columns: ['workspace', 'id', 'name', 'role', 'units'], types: ['text', 'text', 'text', 'text', 'text'], order: 'workspace, id' },
  {
    name: 'tokens',
    columns: ['id', 'hash', 'workspace', 'member_id', 'label', 'created_at', 'expires_at', 'revoked_at'],
    types: ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text'],
    order: 'id',
  },
  {
    name: 'audit',
    columns: ['at', 'workspace', 'doc', 'member_id', 'action', 'bytes', 'detail'],
    types: ['text', 'text', 'text', 'text', 'text', 'integer', 'text'],
    order: 'id',
  },
  {
    name: 'update_log',
    columns: ['workspace', 'doc', 'seq', 'at', 'member_id', 'data'],
    types: ['text', 'text', 'bigint', 'text', 'text', 'bytea'],
    order: 'workspace, doc, seq',
  },
  { name: 'snapshots', columns: ['workspace', 'doc', 'upto_seq', 'at', 'data'], types: ['text', 'text', 'bigint', 'text', 'bytea'], order: 'workspace, doc' },
  { name: 'checkpoints', columns: ['workspace', 'doc', 'seq', 'at', 'data'], types: ['text', 'text', 'bigint', 'text', 'bytea'], order: 'workspace, doc, seq' },
];

/** Rows per INSERT; keeps each statement well under PostgreSQL's limits with large updates. */
const CHUNK = 200;

/** What a migration did, per table and per document. */
export interface MigrationReport {
  tables: { name: string; source: number; target: number }[];
  documents: number;
  /** Documents whose state hash differs between the two stores (none when the copy is right). */
  mismatched: string[];
}

/** A progress line (`update_log 4,000/12,345`), for the operator. */
export type Progress = (line: string) => void;

/**
 * Copy the SQLite file `from` into the empty PostgreSQL database at `to`, then verify it.
 * Rejects with a sentence when the source is missing or the target holds data; nothing is
 * written to the target unless the whole copy commits.
 *
 * @example
 * const report = await migrateSqliteToPostgres('./data/samplan.db', 'postgres://samplan@db/samplan', console.log);
 */
export async function migrateSqliteToPostgres(from: string, to: string, progress: Progress = () => undefined): Promise<MigrationReport> {
  const source = new Database(from, { readonly: true, fileMustExist: true });
  const target = await openPostgresStorage(to);
  const pool = new pg.Pool({ connectionString: to, max: 1 });
  try {
    const tables = await countAll(await copyAll(source, pool, progress), pool);
    source.close();
    const verified = await verifyDocs(from, target, progress);
    return { tables, ...verified };
  } finally {
    if (source.open) source.close();
    await pool.end();
    await target.close();
  }
}

/** Copy every table; resolves with each table's row count in the state copied. */
async function copyAll(source: Database.Database, pool: pg.Pool, progress: Progress): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ n: string }>('SELECT (SELECT count(*) FROM workspaces) + (SELECT count(*) FROM update_log) + (SELECT count(*) FROM tokens) AS n');
    if (Number(rows[0]?.n ?? 0) > 0) throw new Error('The target database already holds Samplan data; migrate into an empty database.');
    // One read transaction: every table from the same state, while a server may still write.
    source.prepare('BEGIN').run();
    try {
      for (const table of TABLES) totals.set(table.name, await copyTable(source, client, table, progress));
    } finally {
      source.prepare('COMMIT').run();
    }
    await client.query(`INSERT INTO doc_heads (workspace, doc, last_seq)
      SELECT workspace, doc, max(seq) FROM (
        SELECT workspace, doc, seq FROM update_log UNION ALL SELECT workspace, doc, upto_seq FROM snapshots
      ) s GROUP BY workspace, doc`);
    await client.query('COMMIT');
    return totals;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function copyTable(source: Database.Database, client: pg.PoolClient, table: (typeof TABLES)[number], progress: Progress): Promise<number> {
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
    progress(`${table.name} ${done.toLocaleString('en')}/${total.toLocaleString('en')}`);
  };
  const rows = source.prepare(`SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${table.order}`).iterate() as IterableIterator<Record<string, unknown>>;
  for (const row of rows) {
    table.columns.forEach((c, i) => chunk[i]?.push(row[c] ?? null));
    if ((chunk[0]?.length ?? 0) >= CHUNK) await flush();
  }
  await flush();
  if (total === 0) progress(`${table.name} 0/0`);
  return total;
}

async function countAll(copied: Map<string, number>, pool: pg.Pool): Promise<MigrationReport['tables']> {
  const counts: MigrationReport['tables'] = [];
  for (const { name } of TABLES) {
    const s = copied.get(name) ?? 0;
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${name}`);
    counts.push({ name, source: s, target: Number(rows[0]?.n ?? 0) });
  }
  return counts;
}

async function verifyDocs(from: string, target: Storage, progress: Progress): Promise<Pick<MigrationReport, 'documents' | 'mismatched'>> {
  const source = openSqliteStorage(from);
  try {
    const refs: DocRef[] = [];
    for (const ws of await source.listWorkspaces()) for (const d of await source.listDocs(ws.id)) refs.push({ workspace: ws.id, doc: d.doc });
    const mismatched: string[] = [];
    for (const [i, ref] of refs.entries()) {
      const [a, b] = [await stateHash(source, ref), await stateHash(target, ref)];
      if (a !== b) mismatched.push(`${ref.workspace}/${ref.doc}`);
      if ((i + 1) % 50 === 0 || i + 1 === refs.length) progress(`verified ${i + 1}/${refs.length} documents`);
    }
    return { documents: refs.length, mismatched };
  } finally {
    await source.close();
  }
}

/** SHA-256 of a document's state as a room would load it from `store`, plus its last sequence. */
export async function stateHash(store: Storage, ref: DocRef): Promise<string> {
  const stored = await store.loadDoc(ref);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  const hash = createHash('sha256').update(Y.encodeStateAsUpdate(doc)).update(String(stored.lastSeq)).digest('hex');
  doc.destroy();
  return hash;
}
