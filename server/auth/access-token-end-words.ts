/**
 * The words for how an Office SSO access token ended where a sign-in presented it
 * ({@link AccessTokenEnd}, `AccessTokenStore.accessTokenEnded`), for the log's and the audit's
 * details; the refusal's cause (`signed-out`, `revoked`) is its `how`. They name an ended session
 * of the token by its id (letters only) and the time it ended, never the token, its key or a
 * session's secret: an auditor finds by that id the line that ended it, with who ended it
 * (`revoked <id>` or `also ended …` by the coordinator or admin, by none for `samplan token
 * revoke`; the person's `sign-out` or `also ended …: signed out in <workspace>`).
 */
import type { AccessTokenEnd } from '../storage/access-token-store.js';

/**
 * What ended the token: `signed out by its person (session <id> ended at <ISO>)` or `revoked in
 * this workspace (session <id> revoked at <ISO>)`.
 */
export function endWords(end: AccessTokenEnd): string {
  return end.how === 'signed-out'
    ? `signed out by its person (session ${end.sessionId} ended at ${end.at})`
    : `revoked in this workspace (session ${end.sessionId} revoked at ${end.at})`;
}

/**
 * The audit detail of the session `revokedId` that a sign-in started and revoked at once because
 * its access token ended meanwhile (`sign-in.ts`): `revoked <id>: its access token was <endWords>
 * meanwhile`.
 */
export function endedMeanwhileDetail(revokedId: string, end: AccessTokenEnd): string {
  return `revoked ${revokedId}: its access token was ${endWords(end)} meanwhile`;
}
