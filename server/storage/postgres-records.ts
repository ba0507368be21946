/**
 * The PostgreSQL store's records and audit trail (split from `postgres.ts`): workspaces, units,
 * document records, members, removals and tokens ({@link RecordStore}) and the audit lines
 * ({@link AuditLog}). Each write of tokens, members, removals and document records bumps the
 * rights version in its own statement or transaction (`PG_QUERIES`, `postgres-queries.ts`); the
 * audit lines given with a member or token write are inserted in its transaction.
 */
import { byName } from '../../shared/normalize/name-order.js';
import { RecordExistsError } from './record-exists.js';
import { checkLastAdmin } from './last-admin.js';
import type pg from 'pg';
import { sanitizeAuditDetail } from './audit-detail.js';
import { PG_QUERIES as Q, prepared } from './postgres-queries.js';
import { str, toAudit, toDoc, toMember, toRemoval, toToken, toUnit, type Row } from './record-rows.js';
import { checkRecordText, keptName } from './record-text.js';
import type { AuditLog, AuditRecord, RecordStore } from './storage.js';

/** Runs a query on the pool; its rows. */
export type PostgresRows = (sql: string | pg.QueryConfig, params?: unknown[]) => Promise<Row[]>;
/** Runs `fn` in a transaction on one pooled connection (rolled back when it rejects). */
export type PostgresTx = <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>;

/**
 * The record and audit methods of the PostgreSQL store over `pool`. A text with a personnummer
 * rejects with `IdentityInTextError` (`record-text.ts`) before anything is sent; the driver's
 * errors reject as they come (the store maps them, `postgres-faults.ts`).
 */
export function postgresRecords(pool: pg.Pool, rows: PostgresRows, inTx: PostgresTx): Omit<RecordStore, 'rightsVersion'> & AuditLog {
  /**
   * Runs the rights write `sql` (whose one row's `n` counts what it found, and `changed`, where it
   * differs, what it changed: `updateMember`) and, when it changed something, inserts `audit` in the
   * same transaction; without audit lines, the one statement. Resolves whether it found something.
   */
  const found = (r: Row[]) => Number(r[0]?.n ?? 0) > 0;
  const changed = (r: Row[]) => Number(r[0]?.changed ?? r[0]?.n ?? 0) > 0;
  const written = async (sql: string, params: unknown[], audit: readonly AuditRecord[] | undefined): Promise<boolean> => {
    if (!audit || audit.length === 0) return found(await rows(sql, params));
    return inTx(async (c) => {
      const r = (await c.query(sql, params)).rows as Row[];
      if (changed(r)) await c.query(Q.insertAudit, auditColumns(audit));
      return found(r);
    });
  };
  /** `checkLastAdmin` of member `id` given `newRole` (null: removed) on transaction `c`, the workspace's admins locked first (`FOR UPDATE`). */
  const checkAdminsIn = async (c: pg.PoolClient, workspace: string, id: string, newRole: string | null): Promise<void> => {
    const admins = ((await c.query(Q.lockAdmins, [workspace])).rows as Row[]).map((r) => str(r.id));
    const [stored] = (await c.query(Q.getMember, [workspace, id])).rows as Row[];
    checkLastAdmin(workspace, id, stored ? str(stored.role) : null, newRole, admins);
  };
  /**
   * {@link written} for a write that may take member `id`'s admin role away (`newRole`: null for a
   * removal), in one transaction that first locks the workspace's admins (`FOR UPDATE`): a second
   * such write waits, then reads the admins as the first left them, and is refused by
   * `checkLastAdmin` when none but `id` would be left.
   */
  const adminGuarded = (workspace: string, id: string, newRole: string | null, sql: string, params: unknown[], audit: readonly AuditRecord[] | undefined): Promise<boolean> =>
    inTx(async (c) => {
      await checkAdminsIn(c, workspace, id, newRole);
      const r = (await c.query(sql, params)).rows as Row[];
      if (changed(r) && audit && audit.length > 0) await c.query(Q.insertAudit, auditColumns(audit));
      return found(r);
    });
  /** Runs `sql` and inserts `audit` in one transaction; without audit lines, the one statement. */
  const withLines = async (sql: string, params: unknown[], audit: readonly AuditRecord[] | undefined): Promise<void> => {
    if (!audit || audit.length === 0) {
      await pool.query(sql, params);
      return;
    }
    await inTx(async (c) => {
      await c.query(sql, params);
      await c.query(Q.insertAudit, auditColumns(audit));
    });
  };
  return {
      async putWorkspace(ws, audit, admin, opts) {
        checkRecordText.workspace(ws);
        const create = opts?.create === true;
        if (!admin && !create) return withLines(Q.putWorkspace, [ws.id, ws.name, ws.createdAt], audit);
        if (admin) checkRecordText.member(admin);
        await inTx(async (c) => {
          const put = await c.query(create ? Q.createWorkspace : Q.putWorkspace, [ws.id, ws.name, ws.createdAt]);
          if (create && put.rowCount === 0) throw new RecordExistsError('workspace', ws.id);
          if (admin && admin.role !== 'admin') await checkAdminsIn(c, admin.workspace, admin.id, admin.role);
          if (admin) await c.query(Q.putMember, [admin.workspace, admin.id, admin.name, admin.role, JSON.stringify(admin.units)]);
          if (audit && audit.length > 0) await c.query(Q.insertAudit, auditColumns(audit));
        });
      },
      async getWorkspace(id) {
        const [r] = await rows(Q.getWorkspace, [id]);
        return r ? { id: str(r.id), name: str(r.name), createdAt: str(r.created_at) } : null;
      },
      async listWorkspaces() {
        return (await rows(Q.listWorkspaces)).map((r) => ({ id: str(r.id), name: str(r.name), createdAt: str(r.created_at) }));
      },
      async putUnit(unit, audit, opts) {
        checkRecordText.unit(unit);
        const params = [unit.workspace, unit.code, unit.name, unit.parent];
        const create = opts?.create === true;
        const check = opts?.check;
        if (!create && !check) return withLines(Q.putUnit, params, audit);
        await inTx(async (c) => {
          if (check) {
            // The workspace's unit writes that check wait here for one another, in every process,
            // until the transaction ends; READ COMMITTED then reads what the one before committed.
            await c.query(Q.lockUnits, [unit.workspace]);
            check(((await c.query(Q.listUnits, [unit.workspace])).rows as Row[]).map(toUnit));
          }
          if ((await c.query(create ? Q.createUnit : Q.putUnit, params)).rowCount === 0) throw new RecordExistsError('unit', unit.code);
          if (audit && audit.length > 0) await c.query(Q.insertAudit, auditColumns(audit));
        });
      },
      async listUnits(workspace) {
        return (await rows(Q.listUnits, [workspace])).map(toUnit);
      },
      async putDocRecord(rec, audit) {
        checkRecordText.document(rec);
        await withLines(Q.putDoc, [rec.workspace, rec.doc, rec.kind, rec.title, rec.ownerUnit, rec.createdAt, rec.updatedAt, rec.archivedAt ?? null, rec.archivedBy ?? null], audit);
      },
      async updateDocRecord(ref, change) {
        // The row locked as it is read (`FOR UPDATE`), written in the same transaction: no other write lands between.
        return inTx(async (c) => {
          const [row] = (await c.query(`${Q.getDoc} FOR UPDATE`, [ref.workspace, ref.doc])).rows as Row[];
          const stored = row ? toDoc(row) : null;
          const next = stored ? change(stored) : null;
          if (!stored || !next) return stored;
          const rec = next.record;
          checkRecordText.document(rec);
          await c.query(Q.putDoc, [rec.workspace, rec.doc, rec.kind, rec.title, rec.ownerUnit, rec.createdAt, rec.updatedAt, rec.archivedAt ?? null, rec.archivedBy ?? null]);
          if (next.audit.length > 0) await c.query(Q.insertAudit, auditColumns(next.audit));
          return rec;
        });
      },
      async getDocRecord(ref) {
        const [r] = await rows(Q.getDoc, [ref.workspace, ref.doc]);
        return r ? toDoc(r) : null;
      },
      async getDocRecords(workspace, docs) {
        if (docs.length === 0) return [];
        return (await rows(Q.getDocs, [workspace, [...new Set(docs)]])).map(toDoc);
      },
      async listDocs(workspace) {
        return (await rows(Q.listDocs, [workspace])).map(toDoc);
      },
      async deleteDoc(ref, audit) {
        await inTx(async (c) => {
          for (const sql of Q.deleteDoc) await c.query(sql, [ref.workspace, ref.doc]);
          await c.query(Q.bumpDocDeleted);
          if (audit && audit.length > 0) await c.query(Q.insertAudit, auditColumns(audit));
        });
      },
      async putMember(m, audit) {
        checkRecordText.member(m);
        const params = [m.workspace, m.id, m.name, m.role, JSON.stringify(m.units)];
        // An admin's role given is never taken: the guard's lock only for another role.
        if (m.role === 'admin') await written(Q.putMember, params, audit);
        else await adminGuarded(m.workspace, m.id, m.role, Q.putMember, params, audit);
      },
      async updateMember(m, audit) {
        checkRecordText.member(m);
        return adminGuarded(m.workspace, m.id, m.role, Q.updateMember, [m.workspace, m.id, m.name, m.role, JSON.stringify(m.units)], audit);
      },
      async getMember(workspace, id) {
        const [r] = await rows(Q.getMember, [workspace, id]);
        return r ? toMember(r) : null;
      },
      async getMembers(workspace, ids) {
        if (ids.length === 0) return [];
        return (await rows(Q.getMembers, [workspace, [...new Set(ids)]])).map(toMember);
      },
      async listMembers(workspace) {
        return byName((await rows(Q.listMembers, [workspace])).map(toMember));
      },
      async deleteMember(workspace, id, removal, audit) {
        if (!removal) return adminGuarded(workspace, id, null, Q.deleteMember, [workspace, id], audit);
        checkRecordText.removal({ workspace, id, name: null, removedBy: removal.by, removedAt: removal.at });
        // The name is checked here, before the one statement that deletes the member and keeps it.
        const [stored] = await rows(Q.getMember, [workspace, id]);
        const name = stored ? keptName(str(stored.name)) : null;
        return adminGuarded(workspace, id, null, Q.removeMember, [workspace, id, removal.by, removal.at, name], audit);
      },
      async getRemoval(workspace, id) {
        const [r] = await rows(Q.getRemoval, [workspace, id]);
        return r ? toRemoval(r) : null;
      },
      async listRemovals(workspace) {
        return (await rows(Q.listRemovals, [workspace])).map(toRemoval);
      },
      async putToken(t, audit) {
        checkRecordText.token(t);
        await written(Q.putToken, [t.id, t.hash, t.workspace, t.memberId, t.label, t.createdAt, t.expiresAt, t.revokedAt], audit);
      },
      async getTokenByHash(hash) {
        const [r] = await rows(Q.tokenByHash, [hash]);
        return r ? toToken(r) : null;
      },
      async getToken(workspace, id) {
        const [r] = await rows(prepared('get_token', Q.getToken, [id, workspace]));
        return r ? toToken(r) : null;
      },
      async getTokens(workspace, ids) {
        if (ids.length === 0) return [];
        return (await rows(Q.getTokens, [workspace, [...new Set(ids)]])).map(toToken);
      },
      async listTokens(workspace) {
        return (await rows(Q.listTokens, [workspace])).map(toToken);
      },
      async listMemberTokens(workspace, memberId) {
        return (await rows(Q.listMemberTokens, [workspace, memberId])).map(toToken);
      },
      async revokeToken(id, at, audit) {
        return written(Q.revokeToken, [at, id], audit);
      },
      async appendAudit(records) {
        if (records.length === 0) return;
        await pool.query(Q.insertAudit, auditColumns(records));
      },
      async listAudit(workspace, limit) {
        return (await rows(Q.listAudit, [workspace, Math.max(0, limit)])).map(toAudit);
      },
      async listUnitAudit(workspace) {
        return (await rows(Q.listUnitAudit, [workspace])).map(toAudit);
      },
  };
}

/** The parameters of `insertAudit` for `records`: one array per column, the detail sanitized. */
export function auditColumns(records: readonly AuditRecord[]): unknown[] {
  const col = <K extends keyof AuditRecord>(k: K) => records.map((r) => r[k]);
  return [col('at'), col('workspace'), col('doc'), col('memberId'), col('action'), col('bytes'), records.map((r) => sanitizeAuditDetail(r.detail))];
}
