/**
 * Who is on the other end of a socket, as the sync layer sees it. Defined here (not in `auth/`)
 * so that the sync layer imports nothing of auth or HTTP: auth produces these, sync consumes them.
 */
import type { Role } from '../storage/storage.js';

/** Who is making a request, as resolved from a valid token. */
export interface Principal {
  workspace: string;
  memberId: string;
  name: string;
  role: Role;
  /** Unit codes the member belongs to. */
  units: string[];
  tokenId: string;
  /**
   * ISO time the token stops being valid, or null for none. Absent on principals built by hand
   * (tests); an open socket is closed when it passes, and no write is taken after it.
   */
  expiresAt?: string | null;
}

/** Why a token was not accepted; each maps to 4401 on a socket and 401 over HTTP. */
export type AuthFailure = 'missing' | 'unknown' | 'expired' | 'revoked';

/** Result of resolving a bearer token. */
export type AuthResult = { ok: true; principal: Principal } | { ok: false; reason: AuthFailure };

/**
 * When a principal's token stops being valid, in ms since the epoch: Infinity for a token that
 * does not expire, NaN for a time that does not parse (never expired, as `isExpiredAt` has it).
 */
export function expiryMs(principal: Principal): number {
  const at = principal.expiresAt;
  return at === null || at === undefined ? Infinity : Date.parse(at);
}
