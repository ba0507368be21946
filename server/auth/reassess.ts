/**
 * The rights of a connection that is already open, decided again from what storage says now
 * (`SyncAuth.reassess`; the types and reasons are the sync layer's, `server/sync/rights.ts`).
 * Pure: the caller reads the token, the member and the document record (or learns of a change
 * from a route) and applies the answer — keep the socket with the current principal, or close it
 * with a code and a reason.
 *
 * The choices: a revoked, expired or vanished token and a removed member end the socket with 4401;
 * a deleted document with 4404; a role or unit change that takes away reading the document, or
 * writing it when the socket could write, with 4403 — the reason names the units when the new role
 * with the old units would still write (`RIGHTS_REASONS.noWriteUnits`), else the role. Any other change (a new name, a wider role,
 * other units) keeps the socket and hands it the new principal, which every later write is checked
 * against, so an action-plan editor who loses a unit can no longer write that unit's rows.
 */
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { isExpiredAt, RIGHTS_REASONS, type CurrentRights, type Reassessment } from '../sync/rights.js';
import { authorize } from './policy.js';
import type { Principal } from './principal.js';

const close = (code: number, reason: string): Reassessment => ({ ok: false, code, reason });

/**
 * Decide again whether `principal`, open on a document, may stay, given the current records.
 *
 * @example
 * ```ts
 * const verdict = reassess(socket.principal, { token, member, doc }, new Date());
 * if (!verdict.ok) socket.close(verdict.code, verdict.reason);
 * ```
 */
export function reassess(principal: Principal, now: CurrentRights, at: Date): Reassessment {
  const { token, member, doc } = now;
  // A removal revokes the member's tokens too (`removeMember`): the removal is what to name.
  if (!member) return close(CloseCode.unauthorized, RIGHTS_REASONS.removed);
  if (!token || token.revokedAt !== null) return close(CloseCode.unauthorized, RIGHTS_REASONS.revoked);
  if (isExpiredAt(token.expiresAt, at.getTime())) return close(CloseCode.unauthorized, RIGHTS_REASONS.expired);
  if (!doc) return close(CloseCode.notFound, RIGHTS_REASONS.deleted);
  const next: Principal = { ...principal, name: member.name, role: member.role, units: [...member.units], expiresAt: token.expiresAt };
  const target = { workspace: doc.workspace, doc };
  if (!authorize(next, 'read', target).ok) return close(CloseCode.forbidden, RIGHTS_REASONS.noRead);
  const wrote = principal.role !== 'viewer' && authorize(principal, 'write', target).ok;
  if (wrote && (next.role === 'viewer' || !authorize(next, 'write', target).ok)) {
    // Which change took writing away: had only the units changed, the new role with the old
    // units would still write; otherwise the role did it (alone or with the units).
    const roleStillWrites = next.role !== 'viewer' && authorize({ ...next, units: principal.units }, 'write', target).ok;
    return close(CloseCode.forbidden, roleStillWrites ? RIGHTS_REASONS.noWriteUnits : RIGHTS_REASONS.noWrite);
  }
  return { ok: true, principal: next };
}
