/**
 * The workspace's event streams (`…/events`, `…/events/rounds`) are long-lived reads: a stream is
 * admitted once, like a sync socket, and must end when its listener's right to read ends, as the
 * sockets do (`server/sync/live-rights.ts`). {@link untilRightsEnd} watches one stream's token and
 * member: revoked or removed through a rights hook, here or on another process (its fan-out
 * replays the change, and the process acknowledges it only once applied): {@link OpenStreams} ends
 * the stream at once, before the route that made the change answers; by the CLI without Redis, or
 * another process whose fan-out is down, through the workspace feed (it reads the tokens and
 * members once a second while anyone listens); expired (a timer at the token's expiry, moved when
 * a session is refreshed).
 */
import type { Principal } from '../sync/principal.js';
import { isExpiredAt, type RightsHooks } from '../sync/rights.js';
import type { DocRecord, DocRef, MemberRecord, Storage, TokenRecord } from '../storage/storage.js';
import type { WorkspaceFeed } from './workspace-feed.js';

/** setTimeout's longest delay (about 24.8 days); a later expiry is looked at again then. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** What {@link untilRightsEnd} needs. */
export interface StreamRightsDeps {
  feed: Pick<WorkspaceFeed, 'subscribeTokens' | 'subscribeMembers'>;
  storage: Pick<Storage, 'getToken'>;
  clock: () => Date;
  /** The app's open streams, which rights changes end at once; without it, the feed's reads only. */
  streams?: OpenStreams;
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
    deps.storage.getToken(workspace, tokenId).then(
      (token) => {
        if (done) return;
        onToken(token);
        if (!done && isExpiredAt(expiresAt, deps.clock().getTime())) finish();
      },
      finish,
    );
  };
  /** The stream's token as stored now (null: gone). */
  const onToken = (mine: TokenRecord | null): void => {
    if (!mine || mine.revokedAt !== null) return finish();
    if (mine.expiresAt !== expiresAt) {
      expiresAt = mine.expiresAt;
      schedule();
    }
  };
  const onTokens = (tokens: TokenRecord[]): void => onToken(tokens.find((t) => t.id === tokenId) ?? null);
  const onMembers = (members: MemberRecord[]): void => {
    if (!members.some((m) => m.id === memberId)) finish();
  };

  stops.push(deps.feed.subscribeTokens(workspace, onTokens), deps.feed.subscribeMembers(workspace, onMembers));
  if (deps.streams) stops.push(deps.streams.add(principal, finish));
  schedule();
  // The feed tells changes only; a revocation between admission and the feed's first read is
  // caught by one read of its own.
  deps.storage.getToken(workspace, tokenId).then(
    (token) => !done && onToken(token),
    () => undefined,
  );
  return { ended, stop };
}

/**
 * The open event streams of one app by token and member, as rights hooks: a token revoked or a
 * member removed ends their streams at once (synchronously, no storage read), whether the change
 * was made here (the route's hooks) or on another process (the fan-out's replay, acknowledged only
 * once applied, `rights-acks.ts`). A member changed or a document archived, restored or deleted
 * has the feed read again at once, so the streams' `you` and `documents` events follow without
 * waiting for its next read. Expiry stays with each stream's timer.
 */
export class OpenStreams implements RightsHooks {
  private readonly byToken = new Map<string, Set<() => void>>();
  private readonly byMember = new Map<string, Set<() => void>>();

  constructor(private readonly feed: Pick<WorkspaceFeed, 'notify' | 'notifyMembers'>) {}

  /** Register the stream of `principal`, ended by `end`; returns the function that takes it out. */
  add(principal: Pick<Principal, 'workspace' | 'tokenId' | 'memberId'>, end: () => void): () => void {
    const keys: Array<[Map<string, Set<() => void>>, string]> = [
      [this.byToken, principal.tokenId],
      [this.byMember, memberKey(principal.workspace, principal.memberId)],
    ];
    for (const [map, key] of keys) {
      const set = map.get(key) ?? new Set();
      set.add(end);
      map.set(key, set);
    }
    return () => {
      for (const [map, key] of keys) {
        const set = map.get(key);
        set?.delete(end);
        if (set?.size === 0) map.delete(key);
      }
    };
  }

  tokenRevoked(tokenId: string): void {
    endAll(this.byToken.get(tokenId));
  }

  tokenExtended(): void {
    // Each stream reads its token's expiry from the feed and moves its timer (`untilRightsEnd`).
  }

  memberChanged(member: MemberRecord): void {
    void this.feed.notifyMembers(member.workspace);
  }

  memberRemoved(workspace: string, memberId: string): void {
    endAll(this.byMember.get(memberKey(workspace, memberId)));
    void this.feed.notifyMembers(workspace);
  }

  docChanged(record: DocRecord): void {
    void this.feed.notify(record.workspace);
  }

  docDeleted(ref: DocRef): Promise<void> {
    void this.feed.notify(ref.workspace);
    return Promise.resolve();
  }
}

function memberKey(workspace: string, memberId: string): string {
  return `${workspace}\u0000${memberId}`;
}

/** Call each of `ends` (each takes itself out of the set it is in). */
function endAll(ends: Set<() => void> | undefined): void {
  for (const end of [...(ends ?? [])]) end();
}
