/**
 * Everything a PostgreSQL store holds as a {@link StoreDump}, read in one REPEATABLE READ
 * transaction the caller opened, so the copy is one consistent state while other processes write.
 */
import type pg from 'pg';
import type { StoreDump } from './dump.js';
import { bytes, str, strOrNull, toAudit, toDoc, toMember, toRemoval, toToken, toUnit, type Row } from './record-rows.js';

/** Read the whole store through `client` (inside a transaction). */
export async function dumpPostgres(client: pg.PoolClient): Promise<StoreDump> {
  await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const all = async (sql: string): Promise<Row[]> => (await client.query(sql)).rows as Row[];
  return {
    workspaces: (await all('SELECT * FROM workspaces ORDER BY id')).map((r) => ({ id: str(r.id), name: str(r.name), createdAt: str(r.created_at) })),
    units: (await all('SELECT * FROM units ORDER BY workspace, code')).map(toUnit),
    docs: (await all('SELECT * FROM docs ORDER BY workspace, doc')).map(toDoc),
    members: (await all('SELECT * FROM members ORDER BY workspace, id')).map(toMember),
    tokens: (await all('SELECT * FROM tokens ORDER BY id')).map(toToken),
    audit: (await all('SELECT * FROM audit ORDER BY id')).map(toAudit),
    updates: (await all('SELECT * FROM update_log ORDER BY workspace, doc, seq')).map((r) => ({
      workspace: str(r.workspace),
      doc: str(r.doc),
      seq: Number(r.seq),
      at: str(r.at),
      memberId: strOrNull(r.member_id),
      update: bytes(r.data),
    })),
    snapshots: (await all('SELECT * FROM snapshots ORDER BY workspace, doc')).map((r) => ({
      workspace: str(r.workspace),
      doc: str(r.doc),
      uptoSeq: Number(r.upto_seq),
      at: str(r.at),
      data: bytes(r.data),
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
  };
}
