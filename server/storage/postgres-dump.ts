/**
 * Everything a PostgreSQL store holds as a {@link PagedStoreDump}, read in one REPEATABLE READ
 * transaction the caller opened, so the copy is one consistent state while other processes write.
 * The audit trail and the update log, which grow without bound, are read in pages by primary key
 * (keyset pagination) while the caller writes them, never all at once.
 */
import type pg from 'pg';
import type { PagedStoreDump } from './dump.js';
import { bytes, str, strOrNull, toAudit, toDoc, toMember, toRemoval, toToken, toUnit, type Row } from './record-rows.js';

/**
 * Tables of the PostgreSQL schema a backup leaves out, each with why: the backup is an SQLite file
 * of the current schema, which keeps these its own way. Every other table is copied
 * (`tests/server/storage/postgres-backup.test.ts` fails when one is neither).
 */
export const NOT_BACKED_UP_TABLES: Readonly<Record<string, string>> = {
  doc_heads: "each document's last sequence number: the SQLite file reads it from its update log and snapshot",
  rights_version: 'a counter each store moves for itself on every write of rights; the file starts its own',
  write_check: 'the time of the last probe that the store takes writes (checkWritable); nothing of the deployment',
  samplan_schema: "PostgreSQL's applied schema versions; the file is written with the current SQLite schema",
};

/** Rows of the audit trail and of the update log read per query by {@link dumpPostgres}. */
export const DUMP_PAGE_ROWS = 2000;

/**
 * Read the whole store through `client`, inside a transaction the caller opened and keeps open
 * until the returned dump's `audit` and `updates` pages have all been read (they are queried as
 * they are iterated, `pageRows` rows per query, default {@link DUMP_PAGE_ROWS}).
 */
export async function dumpPostgres(client: pg.PoolClient, pageRows: number = DUMP_PAGE_ROWS): Promise<PagedStoreDump> {
  await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const all = async (sql: string): Promise<Row[]> => (await client.query(sql)).rows as Row[];
  const limit = Math.max(1, Math.floor(pageRows));
  async function* auditPages() {
    let after = -1;
    for (;;) {
      const rows = (await client.query('SELECT * FROM audit WHERE id > $1 ORDER BY id LIMIT $2', [after, limit])).rows as Row[];
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1]!.id);
      yield rows.map(toAudit);
      if (rows.length < limit) return;
    }
  }
  async function* updatePages() {
    let after: [string, string, number] | null = null;
    for (;;) {
      const rows = (
        after
          ? await client.query('SELECT * FROM update_log WHERE (workspace, doc, seq) > ($1, $2, $3) ORDER BY workspace, doc, seq LIMIT $4', [...after, limit])
          : await client.query('SELECT * FROM update_log ORDER BY workspace, doc, seq LIMIT $1', [limit])
      ).rows as Row[];
      if (rows.length === 0) return;
      const last = rows[rows.length - 1]!;
      after = [str(last.workspace), str(last.doc), Number(last.seq)];
      yield rows.map((r) => ({
        workspace: str(r.workspace),
        doc: str(r.doc),
        seq: Number(r.seq),
        at: str(r.at),
        memberId: strOrNull(r.member_id),
        update: bytes(r.data),
      }));
      if (rows.length < limit) return;
    }
  }
  return {
    workspaces: (await all('SELECT * FROM workspaces ORDER BY id')).map((r) => ({ id: str(r.id), name: str(r.name), createdAt: str(r.created_at) })),
    units: (await all('SELECT * FROM units ORDER BY workspace, code')).map(toUnit),
    docs: (await all('SELECT * FROM docs ORDER BY workspace, doc')).map(toDoc),
    members: (await all('SELECT * FROM members ORDER BY workspace, id')).map(toMember),
    tokens: (await all('SELECT * FROM tokens ORDER BY id')).map(toToken),
    audit: auditPages(),
    updates: updatePages(),
    snapshots: (await all('SELECT * FROM snapshots ORDER BY workspace, doc')).map((r) => ({
      workspace: str(r.workspace),
      doc: str(r.doc),
      uptoSeq: Number(r.upto_seq),
      at: str(r.at),
      data: bytes(r.data),
      ...(r.fresh ? { fresh: bytes(r.fresh) } : {}),
    })),
    checkpoints: (await all('SELECT * FROM checkpoints ORDER BY workspace, doc, seq')).map((r) => ({
      workspace: str(r.workspace),
      doc: str(r.doc),
      seq: Number(r.seq),
      at: str(r.at),
      data: bytes(r.data),
    })),
    takeBacks: (await all('SELECT * FROM take_backs ORDER BY workspace, doc, id')).map((r) => ({
      workspace: str(r.workspace),
      doc: str(r.doc),
      at: Number(r.at),
      data: bytes(r.data),
    })),
    removals: (await all('SELECT * FROM member_removals ORDER BY workspace, member_id')).map(toRemoval),
    accessTokenSessions: (await all('SELECT * FROM access_token_sessions ORDER BY token_key, token_id')).map((r) => ({
      key: str(r.token_key),
      tokenId: str(r.token_id),
      until: str(r.until),
      endedEverywhere: r.ended_everywhere === true,
    })),
  };
}
