/**
 * The workspace's event streams (`…/events`, `…/events/rounds`) are long-lived reads: a stream is
 * admitted once, like a sync socket, and must end when its listener's right to read ends, as the
 * sockets do (`server/sync/live-rights.ts`). {@link untilRightsEnd} watches one stream's token and
 * member through the workspace feed: revoked here (the route tells the feed at once) or by another
 * process or the CLI on the same store (the feed reads the tokens and members once a second while
 * anyone listens), expired (a timer at the token's expiry, moved when a session is refreshed), or
 * its member removed.
 */
import type { Principal } from '../sync/principal.js';
import { isExpiredAt } from '../sync/rights.js';
import type { MemberRecord, Storage, TokenRecord } from '../storage/storage.js';
import type { WorkspaceFeed } from './workspace-feed.js';

/** setTimeout's longest delay (about 24.8 days); a later expiry is looked at again then. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** What {@link untilRightsEnd} needs. */
export interface StreamRightsDeps {
  feed: Pick<WorkspaceFeed, 'subscribeTokens' | 'subscribeMembers'>;
  storage: Pick<Storage, 'listTokens'>;
  clock: () => Date;
}

/** A watch on one stream's right: `ended` resolves when it ends; `stop` when the stream closes for another reason. */
export interface StreamRightsWatch {
  ended: Promise<void>;
  stop(): void;
}

/**
 * Watch the right of `principal` (admitted for its own workspace) to keep reading its workspace's
 * streams. `ended` resolves once, when the token is revoked, gone or expired, or the member is
 * removed; call `stop` when the stream ends (it unsubscribes and clears the timer).
 *
 * @example
 * const rights = untilRightsEnd(deps, principal);
 * try { await Promise.race([aborted, rights.ended]); } finally { rights.stop(); }
 */
export function untilRightsEnd(deps: StreamRightsDeps, principal: Principal): StreamRightsWatch {
  const { workspace, tokenId, memberId } = principal;
  let expiresAt = principal.expiresAt ?? null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let done = false;
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  const stops: Array<() => void> = [];

  const stop = (): void => {
    done = true;
    if (timer) clearTimeout(timer);
    timer = null;
    for (const s of stops.splice(0)) s();
  };
  const finish = (): void => {
    if (done) return;
    stop();
    end();
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (done || expiresAt === null) return;
    if (isExpiredAt(expiresAt, deps.clock().getTime())) return expire();
    const delay = Math.min(MAX_DELAY_MS, Date.parse(expiresAt) - deps.clock().getTime());
    timer = setTimeout(schedule, Math.max(0, delay));
    timer.unref?.();
  };
  // The expiry as this stream knows it passed: storage may hold a later one (a session refreshed
  // a moment ago, before the feed's next read), so it is read once more; a failed read ends it.
  const expire = (): void => {
    deps.storage.listTokens(workspace).then(
      (tokens) => {
        if (done) return;
        onTokens(tokens);
        if (!done && isExpiredAt(expiresAt, deps.clock().getTime())) finish();
      },
      finish,
    );
  };
  const onTokens = (tokens: TokenRecord[]): void => {
    const mine = tokens.find((t) => t.id === tokenId);
    if (!mine || mine.revokedAt !== null) return finish();
    if (mine.expiresAt !== expiresAt) {
      expiresAt = mine.expiresAt;
      schedule();
    }
  };
  const onMembers = (members: MemberRecord[]): void => {
    if (!members.some((m) => m.id === memberId)) finish();
  };

  stops.push(deps.feed.subscribeTokens(workspace, onTokens), deps.feed.subscribeMembers(workspace, onMembers));
  schedule();
  // The feed tells changes only; a revocation between admission and the feed's first read is
  // caught by one read of its own.
  deps.storage.listTokens(workspace).then(
    (tokens) => !done && onTokens(tokens),
    () => undefined,
  );
  return { ended, stop };
}
