/**
 * The SQLite store's records and audit trail (split from `sqlite.ts`): workspaces, units, document
 * records, members, removals and tokens ({@link RecordStore}) and the audit lines ({@link AuditLog}),
 * read and written through the connection's prepared statements. Writes of tokens, members,
 * removals and document records go through the store's `rightsWrite`, which bumps the rights
 * version in their transaction and tells a watching server (`sqlite.ts`); the audit lines given
 * with a member or token write are inserted in that same transaction.
 */
import { byName } from '../../shared/normalize/name-order.js';
import { RecordExistsError } from './record-exists.js';
import { checkLastAdmin } from './last-admin.js';
import type Database from 'better-sqlite3';
import { sanitizeAuditDetail } from './audit-detail.js';
import { checkRecordText, keptName } from './record-text.js';
import { sameDocRecord, sameMember, sameToken } from './same-record.js';
import { str, toAudit, toDoc, toMember, toRemoval, toToken, toUnit, type Row } from './record-rows.js';
import type { SqliteDocKeys } from './sqlite-doc-keys.js';
import type { prepareStatements } from './sqlite-statements.js';
import { docWriteKind, type AuditLog, type AuditRecord, type DocRef, type MemberRecord, type RecordStore, type RightsWriteKind } from './storage.js';

type Statements = ReturnType<typeof prepareStatements>;

/** What the records need of the store that opened the connection (`openSqliteStorage`). */
export interface SqliteRecordsContext {
  /** Runs `transaction` holding the checkpoint worker's writer gate; returns what it returns. */
  write<T>(transaction: () => T): T;
  /**
   * Runs `change` in an IMMEDIATE transaction that also bumps the rights version, then tells a
   * watching server that a write of `kind` (or what `kind` makes of `change`'s result) committed.
   * A `kind` of null says `change` wrote nothing: the version stays and no one is told.
   */
  rightsWrite<T>(change: () => T, kind: RightsWriteKind | ((out: T) => RightsWriteKind | null)): T;
  /** Forgets what the append path remembers of a document (`SqliteAppends.forget`). */
  forget(ref: DocRef, deleted: boolean): void;
}

/**
 * The record and audit methods of the SQLite store over `db`, its statements `q` and its
 * documents' `keys`. Every method runs synchronously inside its promise; a text with a
 * personnummer rejects with `IdentityInTextError` (`record-text.ts`) before anything is written.
 */
export function sqliteRecords(db: Database.Database, q: Statements, keys: SqliteDocKeys, ctx: SqliteRecordsContext): Omit<RecordStore, 'rightsVersion'> & AuditLog {
  const { write, rightsWrite, forget } = ctx;
  const deleteDoc = db.transaction((workspace: string, doc: string) => {
    q.deleteDocRecord.run(workspace, doc);
    // The document's key stays (sqlite-doc-keys.ts): a document made again under its name gets it back.
    const key = keys.read(workspace, doc);
    q.deleteUpdates.run(key, key);
    q.deleteSnapshot.run(workspace, doc);
    q.deleteCheckpoints.run(workspace, doc);
    q.deleteTakeBacks.run(workspace, doc);
  });
  // A member added clears a kept removal of its id; one removed by an admin keeps one (`RemovalRecord`).
  // The write's kind: 'member-added' when `m`'s id was not stored, 'member-changed' when a stored one
  // changed (or a removal was cleared), null when written again as stored (`sameMember`): nothing written.
  const putMember = db.transaction((m: MemberRecord): RightsWriteKind | null => {
    const row = q.getMember.get(m.workspace, m.id) as Row | undefined;
    const removed = q.getRemoval.get(m.workspace, m.id) !== undefined;
    if (row && !removed && sameMember(toMember(row), m)) return null;
    if (row) checkLastAdmin(m.workspace, m.id, str(row.role), m.role, q.listAdminIds.all(m.workspace) as string[]);
    q.putMember.run(m.workspace, m.id, m.name, m.role, JSON.stringify(m.units));
    q.deleteRemoval.run(m.workspace, m.id);
    return row ? 'member-changed' : 'member-added';
  });
  // A stored member changed (`RecordStore.updateMember`): `stored` says one of the id is stored,
  // `changed` that it was written (not when written again as stored, `sameMember`).
  const updateMember = db.transaction((m: MemberRecord): { stored: boolean; changed: boolean } => {
    const row = q.getMember.get(m.workspace, m.id) as Row | undefined;
    if (!row) return { stored: false, changed: false };
    if (sameMember(toMember(row), m)) return { stored: true, changed: false };
    checkLastAdmin(m.workspace, m.id, str(row.role), m.role, q.listAdminIds.all(m.workspace) as string[]);
    q.updateMember.run(m.name, m.role, JSON.stringify(m.units), m.workspace, m.id);
    return { stored: true, changed: true };
  });
  // The removal keeps the name of the member deleted in the same transaction (`RemovalRecord.name`).
  const deleteMember = db.transaction((workspace: string, id: string, removal?: { by: string | null; at: string }) => {
    const row = q.getMember.get(workspace, id) as Row | undefined;
    // Checked against the admins as stored in this transaction (`last-admin.ts`), with a removal or without.
    if (row) checkLastAdmin(workspace, id, str(row.role), null, q.listAdminIds.all(workspace) as string[]);
    const removed = q.deleteMember.run(workspace, id).changes > 0;
    if (removed && removal) {
      q.putRemoval.run(workspace, id, row ? keptName(str(row.name)) : null, removal.by, removal.at);
      q.revokeMemberTokens.run(removal.at, workspace, id);
    }
    return removed;
  });
  /** Inserts `records`, in the caller's transaction when there is one. */
  const insertAudit = (records: readonly AuditRecord[] | undefined) => {
    for (const r of records ?? []) q.insertAudit.run(r.at, r.workspace, r.doc, r.memberId, r.action, r.bytes, sanitizeAuditDetail(r.detail));
  };
  const appendAudit = db.transaction((records: AuditRecord[]) => insertAudit(records));
  /** Runs `change` and inserts its audit `lines` in one transaction. */
  const withLines = db.transaction((change: () => unknown, lines: readonly AuditRecord[] | undefined) => {
    change();
    insertAudit(lines);
  });
  /** `changed` is whether a write changed something; its audit lines are inserted (in its transaction) only then. */
  const audited = (changed: boolean, audit: readonly AuditRecord[] | undefined): boolean => {
    if (changed) insertAudit(audit);
    return changed;
  };

  /** `kind` for a write that changed something, null (no version moved) for one that changed nothing. */
  const wrote = (kind: RightsWriteKind) => (changed: boolean): RightsWriteKind | null => (changed ? kind : null);

  return {
    async putWorkspace(ws, audit, admin, opts) {
      checkRecordText.workspace(ws);
      // Checked in the write's transaction (BEGIN IMMEDIATE holds the write lock): of creators at once, across processes too, one stores it.
      const put = () => {
        if (opts?.create === true && q.getWorkspace.get(ws.id) !== undefined) throw new RecordExistsError('workspace', ws.id);
        q.putWorkspace.run(ws);
      };
      if (!admin) return void write(() => withLines.immediate(put, audit));
      checkRecordText.member(admin);
      rightsWrite(
        () => {
          put();
          const kind = putMember(admin);
          insertAudit(audit);
          return kind;
        },
        (kind) => kind,
      );
    },
    async getWorkspace(id) {
      const r = q.getWorkspace.get(id) as Row | undefined;
      return r ? { id: str(r.id), name: str(r.name), createdAt: str(r.created_at) } : null;
    },
    async listWorkspaces() {
      return (q.listWorkspaces.all() as Row[]).map((r) => ({ id: str(r.id), name: str(r.name), createdAt: str(r.created_at) }));
    },

    async putUnit(unit, audit, opts) {
      checkRecordText.unit(unit);
      const put = () => {
        if (opts?.create === true && q.getUnit.get(unit.workspace, unit.code) !== undefined) throw new RecordExistsError('unit', unit.code);
        // Read under BEGIN IMMEDIATE's write lock: no other connection or process writes a unit between.
        opts?.check?.((q.listUnits.all(unit.workspace) as Row[]).map(toUnit));
        q.putUnit.run(unit);
      };
      write(() => withLines.immediate(put, audit));
    },
    async listUnits(workspace) {
      return (q.listUnits.all(workspace) as Row[]).map(toUnit);
    },

    async putDocRecord(rec, audit) {
      checkRecordText.document(rec);
      // The stored record read in the write's own transaction: a rename alone is told as one (`docWriteKind`),
      // the record written again as stored as none (`sameDocRecord`: no version moved). Its audit lines are stored either way.
      rightsWrite(
        () => {
          const row = q.getDoc.get(rec.workspace, rec.doc) as Row | undefined;
          const stored = row ? toDoc(row) : null;
          const same = stored !== null && sameDocRecord(stored, rec);
          withLines(() => {
            if (!same) q.putDoc.run({ ...rec, archivedAt: rec.archivedAt ?? null, archivedBy: rec.archivedBy ?? null });
          }, audit);
          return same ? null : docWriteKind(stored, rec);
        },
        (kind) => kind,
      );
      forget(rec, false);
    },
    async updateDocRecord(ref, change) {
      // Read and written in one IMMEDIATE transaction: no other write lands between.
      const out = rightsWrite(
        () => {
          const row = q.getDoc.get(ref.workspace, ref.doc) as Row | undefined;
          const stored = row ? toDoc(row) : null;
          const next = stored ? change(stored) : null;
          // Nothing written: the rights version stays (`rightsWrite`).
          if (!stored || !next) return { record: stored, kind: null };
          checkRecordText.document(next.record);
          // The record as stored (`sameDocRecord`) is not written again and moves no version; the change's lines are stored.
          const same = sameDocRecord(stored, next.record);
          withLines(() => {
            if (!same) q.putDoc.run({ ...next.record, archivedAt: next.record.archivedAt ?? null, archivedBy: next.record.archivedBy ?? null });
          }, next.audit);
          return { record: next.record, kind: same ? null : docWriteKind(stored, next.record) };
        },
        (o) => o.kind,
      );
      if (out.kind) forget(ref, false);
      return out.record;
    },
    async getDocRecord(ref) {
      const r = q.getDoc.get(ref.workspace, ref.doc) as Row | undefined;
      return r ? toDoc(r) : null;
    },
    async getDocRecords(workspace, docs) {
      return [...new Set(docs)].flatMap((doc) => {
        const r = q.getDoc.get(workspace, doc) as Row | undefined;
        return r ? [toDoc(r)] : [];
      });
    },
    async listDocs(workspace) {
      return (q.listDocs.all(workspace) as Row[]).map(toDoc);
    },
    async deleteDoc(ref, audit) {
      rightsWrite(() => withLines(() => deleteDoc(ref.workspace, ref.doc), audit), 'doc-deleted');
      forget(ref, true);
    },

    async putMember(m, audit) {
      checkRecordText.member(m);
      // Written again as stored: nothing changed, so no version moved and no line (as `updateMember`).
      rightsWrite(
        () => {
          const kind = putMember(m);
          if (kind) insertAudit(audit);
          return kind;
        },
        (kind) => kind,
      );
    },
    async updateMember(m, audit) {
      checkRecordText.member(m);
      // True while the member is stored, even when nothing changed (`put-member.ts` reads false as removed meanwhile).
      const out = rightsWrite(() => {
        const done = updateMember(m);
        audited(done.changed, audit);
        return done;
      }, (done) => (done.changed ? 'member-changed' : null));
      return out.stored;
    },
    async getMember(workspace, id) {
      const r = q.getMember.get(workspace, id) as Row | undefined;
      return r ? toMember(r) : null;
    },
    async getMembers(workspace, ids) {
      if (ids.length === 0) return [];
      return (q.getMembers.all(workspace, JSON.stringify(ids)) as Row[]).map(toMember);
    },
    async listMembers(workspace) {
      return byName((q.listMembers.all(workspace) as Row[]).map(toMember));
    },
    async deleteMember(workspace, id, removal, audit) {
      if (removal) checkRecordText.removal({ workspace, id, name: null, removedBy: removal.by, removedAt: removal.at });
      return rightsWrite(() => audited(deleteMember(workspace, id, removal), audit), wrote('member-removed'));
    },
    async getRemoval(workspace, id) {
      const r = q.getRemoval.get(workspace, id) as Row | undefined;
      return r ? toRemoval(r) : null;
    },
    async listRemovals(workspace) {
      return (q.listRemovals.all(workspace) as Row[]).map(toRemoval);
    },

    async putToken(token, audit) {
      checkRecordText.token(token);
      // Written again as stored (`sameToken`): nothing written, no version moved, no line.
      rightsWrite(
        (): RightsWriteKind | null => {
          const row = q.tokenById.get(token.id) as Row | undefined;
          if (row && sameToken(toToken(row), token)) return null;
          q.putToken.run(token);
          insertAudit(audit);
          return row ? 'token-changed' : 'token-added';
        },
        (kind) => kind,
      );
    },
    async getTokenByHash(hash) {
      const r = q.tokenByHash.get(hash) as Row | undefined;
      return r ? toToken(r) : null;
    },
    async getToken(workspace, id) {
      const r = q.getToken.get(id, workspace) as Row | undefined;
      return r ? toToken(r) : null;
    },
    async getTokens(workspace, ids) {
      if (ids.length === 0) return [];
      return (q.getTokens.all(JSON.stringify(ids), workspace) as Row[]).map(toToken);
    },
    async listTokens(workspace) {
      return (q.listTokens.all(workspace) as Row[]).map(toToken);
    },
    async listMemberTokens(workspace, memberId) {
      return (q.listMemberTokens.all(workspace, memberId) as Row[]).map(toToken);
    },
    async revokeToken(id, at, audit) {
      return rightsWrite(() => audited(q.revokeToken.run(at, id).changes > 0, audit), wrote('token-revoked'));
    },

    async appendAudit(records) {
      write(() => appendAudit.immediate(records));
    },
    async listAudit(workspace, limit) {
      return (q.listAudit.all(workspace, Math.max(0, limit)) as Row[]).map(toAudit);
    },
    async listUnitAudit(workspace) {
      return (q.listUnitAudit.all(workspace) as Row[]).map(toAudit);
    },
  };
}
