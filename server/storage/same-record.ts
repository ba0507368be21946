/**
 * Whether a write of a rights record would store what is stored already: such a write changes
 * nothing, so it moves no rights version and tells no watcher (every open socket would read its
 * rights again for nothing). SQLite and memory compare with these before writing; PostgreSQL
 * compares in its statements (`IS DISTINCT FROM`, `postgres-queries.ts`), field for field alike.
 */
import type { DocRecord, MemberRecord, TokenRecord } from './storage-records.js';

/**
 * True when `next` gives member `stored` (same workspace and id) the name, role and units it has,
 * the units in the same order (they are stored as written, as a JSON array).
 */
export function sameMember(stored: MemberRecord, next: MemberRecord): boolean {
  return stored.name === next.name && stored.role === next.role && JSON.stringify(stored.units) === JSON.stringify(next.units);
}

/**
 * True when writing `next` over token `stored` (same id) would leave it as stored: every field the
 * same, the revocation as a write keeps it (a stored revocation is never undone, `Storage.putToken`,
 * so `next`'s counts only where none is stored).
 */
export function sameToken(stored: TokenRecord, next: TokenRecord): boolean {
  return (
    stored.hash === next.hash &&
    stored.workspace === next.workspace &&
    stored.memberId === next.memberId &&
    stored.label === next.label &&
    stored.createdAt === next.createdAt &&
    stored.expiresAt === next.expiresAt &&
    stored.revokedAt === (stored.revokedAt ?? next.revokedAt)
  );
}

/**
 * True when `next` gives document record `stored` (same workspace and document) every field it
 * has, the title and `updatedAt` too; an archive field absent and null are the same (both stored
 * as NULL).
 */
export function sameDocRecord(stored: DocRecord, next: DocRecord): boolean {
  return (
    stored.kind === next.kind &&
    stored.title === next.title &&
    stored.ownerUnit === next.ownerUnit &&
    stored.createdAt === next.createdAt &&
    stored.updatedAt === next.updatedAt &&
    (stored.archivedAt ?? null) === (next.archivedAt ?? null) &&
    (stored.archivedBy ?? null) === (next.archivedBy ?? null)
  );
}
