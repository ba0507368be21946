/**
 * The in-memory store's records and audit trail (split from `memory.ts`): workspaces, units,
 * document records, members, removals and tokens ({@link RecordStore}) and the audit lines
 * ({@link AuditLog}), kept in the maps of {@link MemoryTables}. Records are copied in and out, as
 * the SQLite adapter's rows are; a text with a personnummer rejects with `IdentityInTextError`
 * (`record-text.ts`) before anything is kept.
 */
import { byName } from '../../shared/normalize/name-order.js';
import { RecordExistsError } from './record-exists.js';
import { checkLastAdmin } from './last-admin.js';
import { sanitizeAuditDetail } from './audit-detail.js';
import { checkRecordText, keptName } from './record-text.js';
import { sameMember, sameToken } from './same-record.js';
import type {
  AuditLog,
  AuditRecord,
  DocRecord,
  DocRef,
  MemberRecord,
  RecordStore,
  RemovalRecord,
  TokenRecord,
  UnitRecord,
  WorkspaceRecord,
} from './storage.js';

/** The key of a record or document of one workspace in the store's maps. */
export const key = (workspace: string, id: string): string => `${workspace}\u0000${id}`;
const byString = <T>(pick: (value: T) => string) => (a: T, b: T): number =>
  pick(a) < pick(b) ? -1 : pick(a) > pick(b) ? 1 : 0;
const inWorkspace = <T extends { workspace: string }>(values: Iterable<T>, workspace: string): T[] =>
  [...values].filter((v) => v.workspace === workspace);

/** What the in-memory store keeps of its records, by {@link key} (tokens by id); audit oldest first. */
export interface MemoryTables {
  workspaces: Map<string, WorkspaceRecord>;
  units: Map<string, UnitRecord>;
  docRecords: Map<string, DocRecord>;
  members: Map<string, MemberRecord>;
  removals: Map<string, RemovalRecord>;
  tokens: Map<string, TokenRecord>;
  audit: AuditRecord[];
}

/** Empty {@link MemoryTables}. */
export const memoryTables = (): MemoryTables => ({
  workspaces: new Map(),
  units: new Map(),
  docRecords: new Map(),
  members: new Map(),
  removals: new Map(),
  tokens: new Map(),
  audit: [],
});

/**
 * The record and audit methods of the in-memory store over `tables`. `open` throws when the store
 * is closed; `dropDoc` forgets a deleted document's history (`deleteDoc`).
 */
export function memoryRecords(tables: MemoryTables, open: () => void, dropDoc: (ref: DocRef) => void): RecordStore & AuditLog {
  const { workspaces, units, docRecords, members, removals, tokens, audit } = tables;
  const adminIds = (workspace: string): string[] => inWorkspace(members.values(), workspace).filter((m) => m.role === 'admin').map((m) => m.id);
  /** Keeps audit `lines` (with a write: after it, in the same synchronous step). */
  const push = (lines: readonly AuditRecord[] | undefined) => {
    for (const r of lines ?? []) audit.push({ ...r, detail: sanitizeAuditDetail(r.detail) });
  };
  return {
    async putWorkspace(ws, lines, admin, opts) {
      open();
      checkRecordText.workspace(ws);
      if (admin) checkRecordText.member(admin);
      if (opts?.create === true && workspaces.has(ws.id)) throw new RecordExistsError('workspace', ws.id);
      const replaced = admin ? members.get(key(admin.workspace, admin.id)) : undefined;
      if (admin && replaced) checkLastAdmin(admin.workspace, admin.id, replaced.role, admin.role, adminIds(admin.workspace));
      workspaces.set(ws.id, { ...ws });
      if (admin) {
        members.set(key(admin.workspace, admin.id), { ...admin, units: [...admin.units] });
        removals.delete(key(admin.workspace, admin.id));
      }
      push(lines);
    },
    async getWorkspace(id) {
      open();
      const ws = workspaces.get(id);
      return ws ? { ...ws } : null;
    },
    async listWorkspaces() {
      open();
      return [...workspaces.values()].map((w) => ({ ...w })).sort(byString((w) => w.id));
    },

    async putUnit(unit, lines, opts) {
      open();
      checkRecordText.unit(unit);
      if (opts?.create === true && units.has(key(unit.workspace, unit.code))) throw new RecordExistsError('unit', unit.code);
      // In the write's synchronous step: no other write lands between the check and this one.
      opts?.check?.(inWorkspace(units.values(), unit.workspace).map((u) => ({ ...u })));
      units.set(key(unit.workspace, unit.code), { ...unit });
      push(lines);
    },
    async listUnits(workspace) {
      open();
      return inWorkspace(units.values(), workspace).map((u) => ({ ...u })).sort(byString((u) => u.code));
    },

    async putDocRecord(rec, lines) {
      open();
      checkRecordText.document(rec);
      docRecords.set(key(rec.workspace, rec.doc), { ...rec });
      push(lines);
    },
    async updateDocRecord(ref, change) {
      open();
      const stored = docRecords.get(key(ref.workspace, ref.doc));
      if (!stored) return null;
      const next = change({ ...stored });
      if (!next) return { ...stored };
      checkRecordText.document(next.record);
      docRecords.set(key(ref.workspace, ref.doc), { ...next.record });
      push(next.audit);
      return { ...next.record };
    },
    async getDocRecord(ref) {
      open();
      const rec = docRecords.get(key(ref.workspace, ref.doc));
      return rec ? { ...rec } : null;
    },
    async getDocRecords(workspace, ids) {
      open();
      return [...new Set(ids)].flatMap((doc) => {
        const rec = docRecords.get(key(workspace, doc));
        return rec ? [{ ...rec }] : [];
      });
    },
    async listDocs(workspace) {
      open();
      return inWorkspace(docRecords.values(), workspace).map((d) => ({ ...d })).sort(byString((d) => d.doc));
    },
    async deleteDoc(ref, lines) {
      open();
      docRecords.delete(key(ref.workspace, ref.doc));
      dropDoc(ref);
      push(lines);
    },

    async putMember(member, lines) {
      open();
      checkRecordText.member(member);
      const stored = members.get(key(member.workspace, member.id));
      // Written again as stored, with no removal to clear: nothing changed, no lines (as `updateMember`).
      if (stored && !removals.has(key(member.workspace, member.id)) && sameMember(stored, member)) return;
      if (stored) checkLastAdmin(member.workspace, member.id, stored.role, member.role, adminIds(member.workspace));
      members.set(key(member.workspace, member.id), { ...member, units: [...member.units] });
      removals.delete(key(member.workspace, member.id));
      push(lines);
    },
    async updateMember(member, lines) {
      open();
      checkRecordText.member(member);
      const stored = members.get(key(member.workspace, member.id));
      if (!stored) return false;
      // Stored, so true, but written again as stored it changed nothing: no lines.
      if (sameMember(stored, member)) return true;
      checkLastAdmin(member.workspace, member.id, stored.role, member.role, adminIds(member.workspace));
      members.set(key(member.workspace, member.id), { ...member, units: [...member.units] });
      push(lines);
      return true;
    },
    async getMember(workspace, id) {
      open();
      const m = members.get(key(workspace, id));
      return m ? { ...m, units: [...m.units] } : null;
    },
    async getMembers(workspace, ids) {
      open();
      const found = [...new Set(ids)].flatMap((id) => members.get(key(workspace, id)) ?? []);
      return found.map((m) => ({ ...m, units: [...m.units] })).sort(byString((m) => m.id));
    },
    async listMembers(workspace) {
      open();
      return byName(inWorkspace(members.values(), workspace).map((m) => ({ ...m, units: [...m.units] })));
    },
    async deleteMember(workspace, id, removal, lines) {
      open();
      const stored = members.get(key(workspace, id));
      const name = stored ? keptName(stored.name) : null;
      const record = removal ? { workspace, id, name, removedBy: removal.by, removedAt: removal.at } : null;
      if (record) checkRecordText.removal(record);
      if (stored) checkLastAdmin(workspace, id, stored.role, null, adminIds(workspace));
      const removed = members.delete(key(workspace, id));
      if (removed && record) {
        removals.set(key(workspace, id), record);
        for (const [tokenId, t] of tokens) if (t.workspace === workspace && t.memberId === id && t.revokedAt === null) tokens.set(tokenId, { ...t, revokedAt: record.removedAt });
      }
      if (removed) push(lines);
      return removed;
    },
    async getRemoval(workspace, id) {
      open();
      const r = removals.get(key(workspace, id));
      return r ? { ...r } : null;
    },
    async listRemovals(workspace) {
      open();
      return inWorkspace(removals.values(), workspace)
        .map((r) => ({ ...r }))
        .sort(byString((r) => r.id));
    },

    async putToken(token, lines) {
      open();
      checkRecordText.token(token);
      const stored = tokens.get(token.id);
      if (stored && sameToken(stored, token)) return;
      const revokedAt = stored?.revokedAt ?? token.revokedAt;
      tokens.set(token.id, { ...token, revokedAt });
      push(lines);
    },
    async getTokenByHash(hash) {
      open();
      const t = [...tokens.values()].find((tok) => tok.hash === hash);
      return t ? { ...t } : null;
    },
    async getToken(workspace, id) {
      open();
      const t = tokens.get(id);
      return t && t.workspace === workspace ? { ...t } : null;
    },
    async getTokens(workspace, ids) {
      open();
      const found = [...new Set(ids)].flatMap((id) => tokens.get(id) ?? []).filter((t) => t.workspace === workspace);
      return found.map((t) => ({ ...t })).sort(byString((t) => `${t.createdAt}\u0000${t.id}`));
    },
    async listTokens(workspace) {
      open();
      return inWorkspace(tokens.values(), workspace)
        .map((t) => ({ ...t }))
        .sort(byString((t) => `${t.createdAt}\u0000${t.id}`));
    },
    async listMemberTokens(workspace, memberId) {
      open();
      return inWorkspace(tokens.values(), workspace)
        .filter((t) => t.memberId === memberId)
        .map((t) => ({ ...t }))
        .sort(byString((t) => `${t.createdAt}\u0000${t.id}`));
    },
    async revokeToken(id, at, lines) {
      open();
      const t = tokens.get(id);
      if (!t || t.revokedAt !== null) return false;
      t.revokedAt = at;
      push(lines);
      return true;
    },

    async appendAudit(records) {
      open();
      push(records);
    },
    async listAudit(workspace, limit) {
      open();
      return inWorkspace(audit, workspace)
        .reverse()
        .slice(0, Math.max(0, limit))
        .map((r) => ({ ...r }));
    },
    async listUnitAudit(workspace) {
      open();
      return inWorkspace(audit, workspace)
        .filter((r) => r.action === 'unit')
        .map((r) => ({ ...r }));
    },
  };
}
