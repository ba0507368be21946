/**
 * What a committed write of rights tells the other processes ({@link RightsNotice}): its kind and
 * storage's rights version after it, and how a notice's text is read. Part of `storage.ts`, which
 * re-exports it.
 */
import type { DocRecord } from './storage-records.js';

/**
 * What one committed write of rights wrote, as its notice tells it: a token added (a new id: a
 * sign-in session or a new API token), changed (a stored id written again) or revoked; a member
 * added (a new id), changed (a stored id written again: role, units, name) or removed; a document
 * record written or deleted; a stored document record written again with only its title (and
 * `updatedAt`) changed (`doc-retitled`, {@link docWriteKind}: a rename, which gives and takes no right).
 */
export type RightsWriteKind = 'token-added' | 'token-changed' | 'token-revoked' | 'member-added' | 'member-changed' | 'member-removed' | 'doc-changed' | 'doc-retitled' | 'doc-deleted';

/** Every {@link RightsWriteKind}, for parsing a notice. */
export const RIGHTS_WRITE_KINDS: ReadonlySet<string> = new Set<RightsWriteKind>(['token-added', 'token-changed', 'token-revoked', 'member-added', 'member-changed', 'member-removed', 'doc-changed', 'doc-retitled', 'doc-deleted']);

/**
 * The kind of a `putDocRecord` of `next` over `stored` (null: no record stored): `doc-retitled` when
 * a stored record is written again with every field a right may rest on unchanged (kind, owner
 * unit, creation, archive time and archiver; only the title and `updatedAt` may differ),
 * `doc-changed` otherwise (a new record, a move to another unit, an archive or a restore).
 */
export function docWriteKind(stored: DocRecord | null, next: DocRecord): 'doc-retitled' | 'doc-changed' {
  const same =
    stored !== null &&
    stored.kind === next.kind &&
    stored.ownerUnit === next.ownerUnit &&
    stored.createdAt === next.createdAt &&
    (stored.archivedAt ?? null) === (next.archivedAt ?? null) &&
    (stored.archivedBy ?? null) === (next.archivedBy ?? null);
  return same ? 'doc-retitled' : 'doc-changed';
}

/** A notice of one committed write of rights: storage's rights version after it (`RecordStore.rightsVersion`) and what it wrote. */
export interface RightsNotice {
  version: number;
  kind: RightsWriteKind;
}

/**
 * The write a rights notice tells of, from its text "<version> <kind>" (PostgreSQL's
 * `samplan_rights` payload, a line of SQLite's `<db>.notice`); undefined for any other text
 * (empty: a writer that names no kind; unknown kinds of a later Samplan), which tells of anything
 * written.
 */
export function rightsNoticeOf(text: string | undefined): RightsNotice | undefined {
  const m = /^(\d{1,15}) ([a-z-]+)$/.exec(text ?? '');
  if (!m || !RIGHTS_WRITE_KINDS.has(m[2] as string)) return undefined;
  return { version: Number(m[1]), kind: m[2] as RightsWriteKind };
}
