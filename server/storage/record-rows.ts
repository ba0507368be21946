/** Mapping rows of the catalogue tables (SQLite and PostgreSQL name their columns alike) to storage records. */
import type { AuditRecord, DocRecord, MemberRecord, RemovalRecord, Role, TokenRecord, UnitRecord } from './storage.js';

export type Row = Record<string, unknown>;
export const str = (v: unknown): string => String(v);
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
// A view on the Buffer better-sqlite3 returns, so callers get a plain Uint8Array without a copy.
export const bytes = (v: unknown): Uint8Array => {
  const b = v as Buffer;
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
};

export const toUnit = (r: Row): UnitRecord => ({
  workspace: str(r.workspace),
  code: str(r.code),
  name: str(r.name),
  parent: strOrNull(r.parent),
});
export const toDoc = (r: Row): DocRecord => ({
  workspace: str(r.workspace),
  doc: str(r.doc),
  kind: str(r.kind),
  title: str(r.title),
  ownerUnit: str(r.owner_unit),
  createdAt: str(r.created_at),
  updatedAt: str(r.updated_at),
  ...(r.archived_at ? { archivedAt: str(r.archived_at) } : {}),
  ...(r.archived_by ? { archivedBy: str(r.archived_by) } : {}),
});
export const toMember = (r: Row): MemberRecord => ({
  workspace: str(r.workspace),
  id: str(r.id),
  name: str(r.name),
  role: str(r.role) as Role,
  units: JSON.parse(str(r.units)) as string[],
});
export const toRemoval = (r: Row): RemovalRecord => ({
  workspace: str(r.workspace),
  id: str(r.member_id),
  name: strOrNull(r.name),
  removedBy: strOrNull(r.removed_by),
  removedAt: str(r.removed_at),
});
export const toToken = (r: Row): TokenRecord => ({
  id: str(r.id),
  hash: str(r.hash),
  workspace: str(r.workspace),
  memberId: str(r.member_id),
  label: str(r.label),
  createdAt: str(r.created_at),
  expiresAt: strOrNull(r.expires_at),
  revokedAt: strOrNull(r.revoked_at),
});
export const toAudit = (r: Row): AuditRecord => ({
  at: str(r.at),
  workspace: str(r.workspace),
  doc: strOrNull(r.doc),
  memberId: strOrNull(r.member_id),
  action: str(r.action),
  bytes: Number(r.bytes),
  detail: strOrNull(r.detail),
});
