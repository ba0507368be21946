/**
 * How a browser authenticates the sync socket without putting a secret in the URL: browsers
 * cannot set headers on a WebSocket, but they can offer subprotocols, which travel in the
 * `Sec-WebSocket-Protocol` request header (not logged, not in history). The pane offers
 * `samplan` first and `samplan.bearer.<token>` second; the server answers with `samplan`, so
 * the secret is never echoed. Machines may still send `?token=` (API tokens, scripts).
 */

/** The subprotocol the server selects. */
export const SYNC_SUBPROTOCOL = 'samplan';
/** The prefix of the subprotocol that carries the bearer secret. */
export const BEARER_SUBPROTOCOL_PREFIX = 'samplan.bearer.';

/** The subprotocols a client offers for `token`. Token characters are all valid in a subprotocol. */
export function syncProtocols(token: string): string[] {
  return [SYNC_SUBPROTOCOL, `${BEARER_SUBPROTOCOL_PREFIX}${token}`];
}

/** The bearer secret in a `Sec-WebSocket-Protocol` header value, or undefined when none is offered. */
export function tokenFromProtocols(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const p = part.trim();
    if (p.startsWith(BEARER_SUBPROTOCOL_PREFIX) && p.length > BEARER_SUBPROTOCOL_PREFIX.length) {
      return p.slice(BEARER_SUBPROTOCOL_PREFIX.length);
    }
  }
  return undefined;
}
