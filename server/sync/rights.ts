/**
 * The words of rights that change while a socket is open: what storage holds now for one socket
 * ({@link CurrentRights}), the answer of deciding again ({@link Reassessment}; auth decides, through
 * `SyncAuth.reassess`), the close reasons, and the hooks routes call after they changed a right
 * ({@link RightsHooks}, implemented by `live-rights.ts`).
 *
 * How the server learns of a change: the routes of this process call a hook right after the
 * storage write. Changes made by another process (`samplan token revoke` while the server runs)
 * never call a hook; the sync layer finds them by reading storage again every
 * `SyncOptions.rightsPollMs`.
 */
import type { DocRecord, DocRef, MemberRecord, TokenRecord } from '../storage/storage.js';
import type { Principal } from './principal.js';
import type { RightsUnconfirmed } from '../../shared/protocol/rights-answers.js';

/** What storage holds now for one open connection; null where the record is gone. */
export interface CurrentRights {
  token: Pick<TokenRecord, 'revokedAt' | 'expiresAt'> | null;
  member: MemberRecord | null;
  doc: DocRecord | null;
}

/** Keep the connection with this principal, or close it with a code and an English reason. */
export type Reassessment = { ok: true; principal: Principal } | { ok: false; code: number; reason: string };

/** Close reasons, short enough for a close frame. */
export const RIGHTS_REASONS = {
  revoked: 'Token revoked',
  expired: 'Token expired',
  removed: 'Membership removed',
  deleted: 'Document deleted',
  archived: 'Document archived: it can be read, not changed',
  noRead: 'Your role no longer allows this document',
  noWrite: 'Your role no longer allows writing this document',
  /** The role still writes such documents, but the member's units no longer include the document's unit. */
  noWriteUnits: 'Your units changed: this document belongs to another unit now',
  /** A process cut from the others could not make sure of the rights before a frame (`rights-fence.ts`); closed with 1013. */
  unchecked: 'Rights could not be checked now; reconnect to try again',
} as const;

/** True when a token with this expiry is expired at `now` (ms since the epoch). */
export function isExpiredAt(expiresAt: string | null | undefined, now: number): boolean {
  return expiresAt !== null && expiresAt !== undefined && Date.parse(expiresAt) <= now;
}

/** True when two principals differ in anything a socket uses (name, role, units, expiry). */
export function principalChanged(a: Principal, b: Principal): boolean {
  return (
    a.name !== b.name ||
    a.role !== b.role ||
    (a.expiresAt ?? null) !== (b.expiresAt ?? null) ||
    a.units.length !== b.units.length ||
    a.units.some((unit, i) => b.units[i] !== unit)
  );
}

/**
 * Words (Swedish and English) saying that a rights change is saved but was not confirmed by every
 * server process (Redis unreachable, or a process did not answer in time); those apply it when
 * they read rights from storage again. The routes answer them as `unconfirmed`, in the shared
 * schema the pane reads (`shared/protocol/rights-answers.ts`).
 */
export type { RightsUnconfirmed };

/**
 * What the hooks of tokens and members answer: nothing (this process alone), or a promise that
 * resolves once the change is in force on every server process (null) or with words saying it
 * could not be confirmed (`publishingRights` in `fanout.ts`). A route answers after it.
 */
export type RightsApplied = void | Promise<RightsUnconfirmed | null>;

/** Called by routes after they changed a right. */
export interface RightsHooks {
  /** A token was revoked: its sockets close with 4401. */
  tokenRevoked(tokenId: string): RightsApplied;
  /** A token's expiry moved (a session was refreshed): its sockets keep going until the new time. */
  tokenExtended(tokenId: string, expiresAt: string | null): RightsApplied;
  /** A member was added or changed (role, units, name): its sockets are decided again. */
  memberChanged(member: MemberRecord): RightsApplied;
  /** A member was removed: its sockets close with 4401. */
  memberRemoved(workspace: string, memberId: string): RightsApplied;
  /**
   * A document is being deleted: its sockets close with 4404 and its room is flushed and unloaded.
   * Resolves once no room of the document is loaded; call it before and after deleting the data.
   */
  docDeleted(ref: DocRef): Promise<void>;
  /**
   * A document's record changed (archived or restored): its loaded room checks every later write
   * against the new record at once. In a cluster it resolves once the other processes applied it
   * too, or with words saying that could not be confirmed (they learn it at their next rights read).
   */
  docChanged(record: DocRecord): RightsApplied;
}
