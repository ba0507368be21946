/**
 * Sessions started from a provider's access token (Office SSO, `POST /auth/session`), kept so that
 * ending one session ends the whole sign-in: a token whose session was signed out (or revoked by an
 * admin) must not start a new session while it is still valid, or a leaked token would outlive
 * the sign-out until its `exp`; and the other sessions started from the same token (the same
 * token presented again, from another workbook or after a reload) end with it
 * ({@link AccessTokenStore.revokeSameSignIn}). Part of {@link Storage} (`storage.ts`), in every
 * store the servers of one deployment share (SQLite, PostgreSQL: a table of its own; memory), so a
 * sign-out on one server is seen by every other. Only a hash of the token is kept
 * (`server/auth/access-token-key.ts`), never the token.
 *
 * How far an ended session refuses its token follows how it ended, as the sessions themselves end
 * (`server/auth/sign-in-end.ts`): the person's own sign-out ({@link AccessTokenStore.signOutSession})
 * in every workspace of the store, a revocation (a coordinator's or admin's, `samplan token revoke`,
 * a member's removal) in the session's own workspace only, since its revoker governs no other. Each
 * kept session records which ({@link KeptAccessTokenSession.endedEverywhere}).
 *
 * A sign-out racing a sign-in with the same token on another server leaves no live session when
 * each side writes, then reads what the other wrote (`server/auth/sign-in-end.ts`): the sign-out
 * revokes its session, recording in the same write that it was a sign-out, then
 * {@link AccessTokenStore.revokeSameSignIn}; the sign-in notes its session, then asks
 * {@link AccessTokenStore.accessTokenEnded}. Each step commits before the next reads, so at least
 * one of the two reads sees the other's write, in whichever workspace each was made.
 */
import type { AuditRecord } from './storage-records.js';

/** One session started from an access token. */
export interface AccessTokenSession {
  /** The token's key: SHA-256 hex of its signed part (`accessTokenKey`). */
  key: string;
  /** The session's token id (`TokenRecord.id`). */
  tokenId: string;
  /** ISO time after which the access token is refused anyway (its `exp` plus the allowed clock skew). */
  until: string;
}

/**
 * A session as a store keeps it (the rows of `StoreDump`, `dump.ts`): what was noted, and whether its end
 * refuses the token in every workspace.
 */
export interface KeptAccessTokenSession extends AccessTokenSession {
  /**
   * True once the session ended by its person's own sign-out ({@link AccessTokenStore.signOutSession},
   * or {@link AccessTokenStore.revokeSameSignIn} with no workspace): its token is then refused in every
   * workspace; false while it lives and after a revocation, which refuses it in the session's
   * workspace only. Sessions ended before this was recorded (SQLite schema 15, PostgreSQL 13) were
   * set true by the upgrade: they keep the effect every end had then, everywhere.
   */
  endedEverywhere: boolean;
}

/**
 * How an access token ended where it was asked ({@link AccessTokenStore.accessTokenEnded}), as far
 * as the store knows it: which kept session ended it, when, and whether by its person's sign-out
 * or by a revocation in the workspace asked. Who revoked is not kept with the session: the audit
 * line of the revocation names it (`revoked <sessionId>` or `also ended …` by its member, or none
 * for `samplan token revoke`; a member's removal by its line), found by the session id here.
 */
export interface AccessTokenEnd {
  /**
   * `signed-out`: its person signed out ({@link KeptAccessTokenSession.endedEverywhere}; so also a
   * session ended before the store recorded how, which the upgrade marked so); `revoked`: a
   * coordinator or admin revoked it (Members view, `samplan token revoke`) or removed its member,
   * in the workspace asked. A sign-out is named before a revocation when both ended the token.
   */
  how: 'signed-out' | 'revoked';
  /** The ended session's token id (`TokenRecord.id`, letters only): never the token or its secret. */
  sessionId: string;
  /** When it was revoked (ISO, `TokenRecord.revokedAt`). */
  at: string;
}

/** What a store keeps of the sessions started from access tokens. */
export interface AccessTokenStore {
  /**
   * Keep `session` while its access token is valid (until `until`) or a session kept under the same
   * key lives (not revoked and not expired), whichever is later: an entry is how a sign-out finds
   * the session's siblings ({@link AccessTokenStore.revokeSameSignIn}), a session can be refreshed
   * for hours after its token ran out, and a session whose own time ran out still signs out its
   * living siblings. Entries past both at `now` (ISO) are dropped in the same write, so the kept
   * entries never outgrow the tokens and sessions still valid.
   */
  noteAccessTokenSession(session: AccessTokenSession, now: string): Promise<void>;
  /**
   * How the access token of `key` ended for `workspace` ({@link AccessTokenEnd}) when it is still
   * valid at `now` (ISO) and a session started from it has ended so that the token is refused
   * there: signed out by its person (in any workspace), or revoked (by an admin or coordinator, the
   * CLI, its member's removal) in `workspace` itself; null when it is not refused there. A
   * revocation in another workspace does not refuse it here: its revoker has no say over
   * `workspace`. Of several such sessions, a sign-out first, then the latest; of those ended at
   * once, the one in `workspace`, then the first by id: the same answer from every store.
   */
  accessTokenEnded(key: string, workspace: string, now: string): Promise<AccessTokenEnd | null>;
  /**
   * The person's own sign-out of the session `tokenId`: revoke it at `at` as `revokeToken` does
   * (false when there is no such token or it was already revoked; `audit` stored in the same
   * transaction when it was revoked; the rights version moved, `token-revoked`) and record, in that
   * same transaction, that its access token, if it was started from one, ends in every workspace
   * ({@link KeptAccessTokenSession.endedEverywhere}, on every kept session of the sign-in, those a
   * coordinator revoked before too, since one may outlast its own; recorded also when it was already
   * revoked: the person signed out all the same). One write, so a sign-in noted on another server after it
   * commits sees the sign-out wherever it is.
   */
  signOutSession(tokenId: string, at: string, audit?: readonly AuditRecord[]): Promise<boolean>;
  /**
   * Revoke, at `at` (ISO), every session not yet revoked that rests on the same sign-in as the
   * session `tokenId`: those started from an access token `tokenId` was started from, whatever
   * that token's `until`, in the workspace `within` only, or in every workspace of the store when
   * `within` is null. The person's own sign-out ends the whole sign-in (null: it is theirs
   * everywhere); a coordinator's or admin's revocation only what they govern (their workspace:
   * rights are per workspace, `server/auth/policy.ts`). `tokenId` itself is not revoked here (the
   * caller revoked it first, with its own audit line). Resolves with the ids revoked, in id order,
   * none for an API token, a session of the code flow or a token not kept. `line` makes one audit
   * line per workspace and member whose sessions were revoked ({@link SameSignInGroup}), stored in
   * the same transaction (none when nothing was revoked); the write moves the rights version as
   * `revokeToken` does (`token-revoked`), so every server reads its sockets' rights again. Those
   * With `within` null every kept session of the sign-in ends its token everywhere, as the sign-out
   * it is part of ({@link KeptAccessTokenSession.endedEverywhere}), one noted or revoked in its own
   * workspace since the sign-out's first step too.
   */
  revokeSameSignIn(tokenId: string, at: string, within: string | null, line?: (group: SameSignInGroup) => AuditRecord): Promise<string[]>;
}

/** The sessions of one workspace and member that {@link AccessTokenStore.revokeSameSignIn} revoked, for their audit line. */
export interface SameSignInGroup {
  /** The workspace they belong to, whose audit the line goes to. */
  workspace: string;
  /** The member they were that person's sessions of (`TokenRecord.memberId`). */
  memberId: string;
  /** Their token ids, in id order. */
  ids: readonly string[];
}

/**
 * The audit lines of the sessions `revoked` (in id order, each with its workspace and member), one
 * per workspace and member ({@link SameSignInGroup}), in workspace then member order, made by `line`.
 */
export function sameSignInLines(
  revoked: readonly { id: string; workspace: string; memberId: string }[],
  line: (group: SameSignInGroup) => AuditRecord,
): AuditRecord[] {
  const groups: (SameSignInGroup & { ids: string[] })[] = [];
  for (const r of revoked) {
    const group = groups.find((g) => g.workspace === r.workspace && g.memberId === r.memberId);
    if (group) group.ids.push(r.id);
    else groups.push({ workspace: r.workspace, memberId: r.memberId, ids: [r.id] });
  }
  const order = (a: SameSignInGroup, b: SameSignInGroup) => byText(a.workspace, b.workspace) || byText(a.memberId, b.memberId);
  return groups.sort(order).map(line);
}

/** Code-unit order of two texts, as SQLite and PostgreSQL's `COLLATE "C"` order ids. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
