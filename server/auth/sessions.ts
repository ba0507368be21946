/**
 * Sessions of people who signed in with their work account. A session is a token record like an
 * API token (random secret, only its SHA-256 stored, same lookup, same live rights on open
 * sockets) with a short expiry and a label that marks it as a session. The pane refreshes it
 * silently before it runs out, which moves the expiry forward, never past
 * {@link SESSION_MAX_HOURS} after sign-in; signing out revokes it. Because sockets hold the
 * session's token id, expiry and revocation close them exactly as for API tokens.
 */
import { createToken, resolveToken, type Clock } from './tokens.js';
import type { AuditRecord, Storage, TokenRecord } from '../storage/storage.js';
import type { AuthResult, Principal } from './principal.js';
import { SESSION_LABEL_PREFIX } from './session-label.js';
/** A session is not refreshed past this many hours after sign-in; then one signs in again. */
export const SESSION_MAX_HOURS = 12;

/** True for the token record of a session (not an API token). */
export function isSessionRecord(record: Pick<TokenRecord, 'label'>): boolean {
  return record.label.startsWith(SESSION_LABEL_PREFIX);
}

/** A session as the sign-in routes hand it to the pane. */
export interface IssuedSession {
  /** The secret: sent as `Authorization: Bearer` and in the socket's `Sec-WebSocket-Protocol`. */
  token: string;
  /** ISO time the session ends unless refreshed. */
  expiresAt: string;
  workspace: string;
  memberId: string;
  /** The session's token id (`TokenRecord.id`): not secret, never sent to the pane. */
  tokenId: string;
}

/**
 * Start a session for a member that lasts `minutes`. `via` names how the person signed in
 * (`dialog`, `redirect`, `sso`), for the token list; `lines` (the sign-in's audit line) are stored
 * in the session's own transaction.
 */
export async function issueSession(
  storage: Storage,
  input: { workspace: string; memberId: string; via: string; minutes: number; clock: Clock; lines?: readonly AuditRecord[] },
): Promise<IssuedSession> {
  const expiresAt = new Date(input.clock().getTime() + input.minutes * 60_000).toISOString();
  const { secret, record } = await createToken(storage, {
    workspace: input.workspace,
    memberId: input.memberId,
    label: `${SESSION_LABEL_PREFIX}${input.via}`,
    expiresAt,
    clock: input.clock,
    lines: input.lines,
  });
  return { token: secret, expiresAt: record.expiresAt ?? expiresAt, workspace: record.workspace, memberId: record.memberId, tokenId: record.id };
}

/** Why a session could not be refreshed. */
export type RefreshRefusal = 'not-a-session' | 'gone';

/**
 * Move the session of `principal` `minutes` forward from now, capped at {@link SESSION_MAX_HOURS}
 * after it began. Answers the new expiry and whether another refresh can extend it; `gone` when the
 * session is revoked or removed, also when that happened while the refresh was being written.
 */
export async function refreshSession(
  storage: Storage,
  principal: Principal,
  input: { minutes: number; clock: Clock },
): Promise<{ ok: true; expiresAt: string; renewable: boolean } | { ok: false; reason: RefreshRefusal }> {
  const record = await storage.getToken(principal.workspace, principal.tokenId);
  if (!record || record.revokedAt !== null) return { ok: false, reason: 'gone' };
  if (!isSessionRecord(record)) return { ok: false, reason: 'not-a-session' };
  const now = input.clock().getTime();
  const cap = Date.parse(record.createdAt) + SESSION_MAX_HOURS * 3_600_000;
  const next = Math.min(now + input.minutes * 60_000, cap);
  const current = record.expiresAt === null ? next : Date.parse(record.expiresAt);
  const expiresAt = new Date(Math.max(next, current)).toISOString();
  if (expiresAt !== record.expiresAt) {
    await storage.putToken({ ...record, expiresAt });
    // A sign-out or an admin's revoke between the read above and this write is kept by the store
    // (a revocation is never written back); the answer must not then say the session goes on.
    const after = await storage.getToken(principal.workspace, principal.tokenId);
    if (!after || after.revokedAt !== null) return { ok: false, reason: 'gone' };
  }
  return { ok: true, expiresAt, renewable: next < cap };
}

/**
 * {@link resolveToken} for signing out (`DELETE /v1/session`) alone: it also takes a session whose
 * time ran out but that was not revoked. Its sign-in's other sessions may still live (each is
 * refreshed on its own, for up to {@link SESSION_MAX_HOURS}), and signing out with the one the
 * pane holds must end them (`sign-in-end.ts`). Such a principal is for that and nothing else: every
 * other route resolves with {@link resolveToken}, which refuses it as `expired`. An expired API
 * token, a revoked session and an unknown secret are refused as there.
 */
export function resolveSignOutToken(storage: Storage, secret: string | null | undefined, now: Date): Promise<AuthResult> {
  return resolveToken(storage, secret, now, isSessionRecord);
}
