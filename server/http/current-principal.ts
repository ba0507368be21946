/**
 * The rights of a request decided again at the moment it writes. A request is authenticated when
 * it arrives, but an import reads, normalises and checks its rows first, which takes seconds for a
 * large file (20,000 rows: about nine on a loaded 2-core machine); a token revoked, a member
 * removed or a role lowered meanwhile must not let it write afterwards, as it lets no socket
 * (`server/auth/reassess.ts`). {@link currentPrincipal} reads the token and the member again.
 */
import type { Principal } from '../auth/principal.js';
import type { Storage } from '../storage/storage.js';
import { AUTH_MESSAGES, AUTH_MESSAGES_SV } from './auth.js';
import { AppError } from './errors.js';

/**
 * `p` with the member's current name, role and units and the token's current expiry, read from
 * `storage` now. Throws a 401 `AppError` (`token-revoked`, `token-expired`, or `token-unknown`
 * when the token or the member is gone, as when the request had arrived now), in Swedish and
 * English. Two reads of one row each, whatever the workspace holds: the token (`getToken`, of
 * this workspace only) and the member.
 */
export async function currentPrincipal(storage: Pick<Storage, 'getToken' | 'getMember'>, p: Principal, now: Date): Promise<Principal> {
  const [token, member] = await Promise.all([storage.getToken(p.workspace, p.tokenId), storage.getMember(p.workspace, p.memberId)]);
  const reason =
    token === null || member === null
      ? 'unknown'
      : token.revokedAt !== null
        ? 'revoked'
        : token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime()
          ? 'expired'
          : null;
  if (reason !== null || token === null || member === null) {
    const why = reason ?? 'unknown';
    throw new AppError(401, `token-${why}`, { sv: AUTH_MESSAGES_SV[why], en: AUTH_MESSAGES[why] }, { reason: why });
  }
  return { ...p, name: member.name, role: member.role, units: [...member.units], expiresAt: token.expiresAt };
}
