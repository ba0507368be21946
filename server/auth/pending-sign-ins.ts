/**
 * The short-lived state of sign-ins under way, kept in the server's memory (one server per
 * database, see `storage/db-lock.ts`):
 * - per authorization request: the PKCE verifier, the nonce, how the pane waits (Office dialog or
 *   browser redirect) and where to return, under a random `state`, for 10 minutes, used once;
 * - per finished sign-in: a one-time hand-off code (60 s) that the pane trades for the session,
 *   so the session secret itself never appears in an address, a dialog message or history.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IssuedSession } from './sessions.js';

/** How the pane waits for the sign-in to finish. */
export type SignInMode = 'dialog' | 'redirect';

/** One authorization request under way. */
export interface PendingSignIn {
  verifier: string;
  nonce: string;
  mode: SignInMode;
  /** A path on this server to return to (redirect mode). */
  returnTo: string;
  at: number;
}

const REQUEST_TTL_MS = 10 * 60_000;
const HANDOFF_TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

const random = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** The S256 code challenge of a PKCE verifier (RFC 7636). */
export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** Sign-ins under way and hand-off codes; times from the given clock (ms). */
export class PendingSignIns {
  private readonly requests = new Map<string, PendingSignIn>();
  private readonly handoffs = new Map<string, { session: IssuedSession; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Start an authorization request; answers its `state` and the entry. */
  begin(mode: SignInMode, returnTo: string): { state: string; entry: PendingSignIn } {
    this.sweep();
    const state = random();
    const entry: PendingSignIn = { verifier: random(48), nonce: random(), mode, returnTo, at: this.now() };
    this.requests.set(state, entry);
    return { state, entry };
  }

  /** The request of `state`, removed; null when unknown or older than 10 minutes. */
  take(state: string): PendingSignIn | null {
    const entry = this.requests.get(state);
    if (!entry) return null;
    this.requests.delete(state);
    return this.now() - entry.at > REQUEST_TTL_MS ? null : entry;
  }

  /** A one-time code standing for `session` for 60 seconds. */
  handOff(session: IssuedSession): string {
    this.sweep();
    const code = random();
    this.handoffs.set(code, { session, at: this.now() });
    return code;
  }

  /** The session of a hand-off code, once; null when unknown, used or too old. */
  redeem(code: string): IssuedSession | null {
    const entry = this.handoffs.get(code);
    if (!entry) return null;
    this.handoffs.delete(code);
    return this.now() - entry.at > HANDOFF_TTL_MS ? null : entry.session;
  }

  private sweep(): void {
    const now = this.now();
    for (const [k, v] of this.requests) if (now - v.at > REQUEST_TTL_MS) this.requests.delete(k);
    for (const [k, v] of this.handoffs) if (now - v.at > HANDOFF_TTL_MS) this.handoffs.delete(k);
    // A flood of unfinished sign-ins must not grow memory without bound: the oldest go first.
    while (this.requests.size > MAX_ENTRIES) this.requests.delete(this.requests.keys().next().value as string);
    while (this.handoffs.size > MAX_ENTRIES) this.handoffs.delete(this.handoffs.keys().next().value as string);
  }
}
