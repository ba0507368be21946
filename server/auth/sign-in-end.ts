/**
 * Ending a session together with the sign-in it rests on: the session itself, and every other
 * session started from the same provider access token (Office hands the pane the same token until
 * it runs out, so a second workbook or a reload starts a second session from it). Signing out, an
 * admin's revocation and `samplan token revoke` all end a session this way, so no session, REST
 * call, event stream or socket of that sign-in keeps a right after it where they reach.
 *
 * How far they reach follows the rights (`policy.ts`: every member, admins too, acts only in its
 * own workspace). The person's own sign-out ends the sign-in in every workspace of the store
 * (servers of one deployment may sign in to different workspaces with the same token): the
 * sign-in is theirs, and each workspace's audit names the sessions it lost. A coordinator's or
 * admin's revocation ends the sign-in's sessions in their own workspace only: they govern nobody's
 * access to another. `samplan token revoke` is the Members view's revocation from the command
 * line, audited as it is, and reaches as far: the token's workspace. The access token follows the
 * same reach at a later sign-in (`sign-in.ts`): after a sign-out it is refused in every workspace,
 * after a revocation only in the revoked session's, so a coordinator of one workspace does not
 * make the person sign in through the dialog in another.
 *
 * The order matters across servers (`access-token-store.ts`): the session is revoked first (a
 * sign-out marked as one in the same write), and only after that commits are its siblings read
 * and revoked. A sign-in presenting the same token
 * on another server notes its new session first and then asks whether the token has ended
 * (`sign-in.ts`); so either that sign-in sees this revocation and refuses, or this read sees its
 * session and revokes it.
 */
import type { RightsHooks, RightsUnconfirmed } from '../sync/rights.js';
import type { AuditRecord, Storage } from '../storage/storage.js';
import type { SameSignInGroup } from '../storage/access-token-store.js';

/** What {@link endSession} did. */
export interface EndedSession {
  /** False when the session was not found or was already revoked. */
  found: boolean;
  /** The other sessions of the same sign-in revoked with it (token ids), none for an API token. */
  alsoEnded: string[];
  /** Words saying a server process did not confirm that the sockets of one of them closed; null when all did. */
  unconfirmed: RightsUnconfirmed | null;
}

/**
 * Revoke the session (or token) `tokenId` at `at` (ISO) with its audit lines `lines` (as its
 * person's sign-out, `AccessTokenStore.signOutSession`, when `within` is null), then the
 * other sessions of its sign-in in the workspace `within` (null: in every workspace, a sign-out)
 * with the audit lines `also` makes of them (one per workspace and member), and close the
 * sockets and streams of every one of them on every server process (`RightsHooks.tokenRevoked`).
 * Resolves once every process applied it, or with words saying it could not be confirmed; rejects
 * as the store does when a write fails (the session's revocation stays when only the second write failed).
 */
export async function endSession(
  deps: { storage: Storage; rights: RightsHooks },
  input: { tokenId: string; at: string; lines: readonly AuditRecord[]; within: string | null; also: (group: SameSignInGroup) => AuditRecord },
): Promise<EndedSession> {
  const { storage, rights } = deps;
  // A sign-out records, in its revocation's own write, that the token ends everywhere; a
  // revocation leaves it ending in the session's workspace only (`AccessTokenStore.accessTokenEnded`).
  const found =
    input.within === null ? await storage.signOutSession(input.tokenId, input.at, input.lines) : await storage.revokeToken(input.tokenId, input.at, input.lines);
  // The session's own sockets close now, whatever the second write does.
  const own = rights.tokenRevoked(input.tokenId);
  let alsoEnded: string[];
  try {
    alsoEnded = await storage.revokeSameSignIn(input.tokenId, input.at, input.within, input.also);
  } catch (err) {
    await own;
    throw err;
  }
  const applied = await Promise.all([own, ...alsoEnded.map((id) => rights.tokenRevoked(id))]);
  return { found, alsoEnded, unconfirmed: applied.find((a): a is RightsUnconfirmed => a !== undefined && a !== null) ?? null };
}

/**
 * The audit detail naming the sessions ended with another one: `also ended <id>, <id>` (ids are
 * letters only, `newTokenId`), and `: signed out in <workspace>` in a workspace's audit when the
 * sign-out was in `signedOutIn`, another one, whose audit has the sign-out's own line.
 */
export function alsoEndedDetail(ids: readonly string[], signedOutIn?: string): string {
  return `also ended ${ids.join(', ')}${signedOutIn === undefined ? '' : `: signed out in ${signedOutIn}`}`;
}
