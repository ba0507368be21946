/**
 * Rights on sockets that are already open. A socket is admitted once, but its token can be
 * revoked or expire, its member can be demoted or removed, and its document deleted while it is
 * open; each of these closes it (4401 / 4403 / 4404 with a reason), or, when the change keeps its
 * access, hands it the new principal that its later writes are checked against.
 *
 * How a change is learned:
 * - **this process** (REST routes): the route calls a {@link RightsHooks} method right after the
 *   storage write; the affected sockets are closed synchronously, before any later frame is read,
 *   so no write after that moment is taken.
 * - **expiry**: every open socket whose token expires sits in one {@link DeadlineQueue} (one timer
 *   for all of them); it is closed when the time comes, and a write offered after the expiry is
 *   refused even if the timer runs late (`isExpiredAt` at write time).
 * - **another process** (`samplan token revoke` while the server runs, a second server): where
 *   storage tells of such writes (PostgreSQL `LISTEN/NOTIFY`, SQLite's `<db>.notice` touched by the
 *   `samplan` commands; `Storage.watchChanges`), a round as
 *   below runs when told ({@link LiveRights.noticed}; not for a notice of a write that lowers no
 *   right, a sign-in, `quiet-versions.ts`), and the poll below runs only every
 *   {@link TOLD_POLL_MS} as a safety net (a notice connection can die without a word); while notices are down
 *   ({@link LiveRights.listening}) and on stores that do not tell, every
 *   `rightsPollMs` (500 ms by default) while any socket is open, the open sockets' own tokens (by
 *   id, one row each: a workspace holds every sign-in session as a token, and every sign-in moves
 *   the version), their own members (by id, one row each) and the records of their documents are read again and every socket
 *   is decided again (`SyncAuth.reassess`); on a store with a rights version (PostgreSQL, SQLite)
 *   only when that moved since the last round, so 500 idle sockets cost one small read per round. A write offered in the poll interval after such a change
 *   may still be taken (not while cut from the fan-out: `rights-fence.ts`); the socket is closed within one interval, or at once when admission sees
 *   storage's version move first (a socket opening meanwhile; `admission-cache.ts`). A round that overlaps a hook is
 *   discarded (its reads may predate the hook), and the next round reads afresh: the next poll,
 *   or, told by notices, one more round at once (after a failed read, in `pollMs`), since no
 *   poll would come and the change told of would stay unapplied.
 */
import type { Logger } from 'pino';
import type { DocRecord, DocRef, MemberRecord, RightsNotice } from '../storage/storage.js';
import { SeenRights } from './rights-seen.js';
import { RightsPoll } from './rights-poll.js';
import { readStoredRights, type RightsRecords, type StoredRights } from './live-rights-read.js';
import { SettleReads } from './settle-reads.js';
import { decideRound, verdictOf, type LiveSocket } from './live-rights-decide.js';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { DeadlineQueue } from './deadline-queue.js';
import type { RightsRounds } from './rights-fence.js';
import type { SyncAuth } from './deps.js';
import { principalChanged, RIGHTS_REASONS, type Reassessment, type RightsHooks } from './rights.js';

export type { LiveSocket } from './live-rights-decide.js';

/** What {@link LiveRights} is built from. */
export interface LiveRightsDeps {
  /** Read by `readStoredRights`: the open sockets' own tokens and members by id where the store can. */
  records: RightsRecords;
  auth: Pick<SyncAuth, 'reassess'>;
  logger: Logger;
  clock: () => Date;
  /** How often storage is read again for changes made by other processes, in ms. */
  pollMs: number;
  /**
   * How often it is read again while storage tells of changes, in ms (default
   * {@link TOLD_POLL_MS}): a safety net, since a listening connection a firewall or load balancer
   * dropped without a word (an idle flow timed out, no reset sent) tells nothing and looks alive
   * until TCP keep-alive gives up, which takes minutes to hours. 0 turns it off (tests).
   */
  toldPollMs?: number;
  /** Flush and unload the room of a document; resolves once it is gone. */
  evict(ref: DocRef): Promise<void>;
  /** Hand a document's current record to its room, when loaded (archived, restored). */
  recordChanged?(record: DocRecord): void;
  /**
   * Storage's rights version (`RecordStore.rightsVersion`), where the store keeps one that every
   * write of tokens, members and records moves. A poll round then reads those only when it moved
   * since the last complete round: one small read per round instead of three per workspace.
   */
  version?: () => Promise<number>;
}

/**
 * The poll's interval while storage tells of changes, in ms: a revocation or removal a silently
 * dead notice connection did not tell of is applied within this. On a store with a rights
 * version a round is one small read, so five seconds cost nothing measurable.
 */
export const TOLD_POLL_MS = 5000;

const sameDoc = (a: DocRef, b: DocRef): boolean => a.workspace === b.workspace && a.doc === b.doc;

/** The open sockets of one server process and the rights they hold. */
export class LiveRights implements RightsHooks, RightsRounds {
  private readonly sockets = new Set<LiveSocket>();
  private readonly expiry: DeadlineQueue<LiveSocket>;
  private checking: Promise<void> | null = null;
  /**
   * Bumped by every hook, so a poll round that read storage before it is discarded, and at the
   * start of every poll round: what was read from storage before it (admission's cache) is read again.
   */
  private changes = 0;
  /** Poll rounds that read storage only to learn a first rights version: {@link mark} moves, {@link generation} not. */
  private baselines = 0;
  /** The rights version the rights in force were read at, and the quiet writes told since (`rights-seen.ts`). */
  private readonly seen = new SeenRights();
  /** Rounds that ended with every socket decided on what storage held when they began (or found it unchanged). */
  private done = 0;
  /** A notice came while a round was under way (its reads may predate that write): run one more. */
  private again = false;
  /** The poll's timer, and while notices are on the round after one whose reads failed (`rights-poll.ts`). */
  private readonly poll: RightsPoll;
  /** The reads of {@link settle}, one per turn for every socket settled in it (`settle-reads.ts`). */
  private readonly settling: SettleReads;

  constructor(private readonly deps: LiveRightsDeps) {
    this.settling = new SettleReads(deps.records);
    this.expiry = new DeadlineQueue(
      (socket) => this.end(socket, CloseCode.unauthorized, RIGHTS_REASONS.expired),
      () => deps.clock().getTime(),
    );
    const times = { pollMs: deps.pollMs, toldPollMs: deps.toldPollMs ?? TOLD_POLL_MS };
    this.poll = new RightsPoll(times, () => void (this.checking ?? this.recheck()), () => void this.recheck());
  }

  /**
   * Moves whenever rights may have changed: at every hook and every poll round that reads storage,
   * but the one that learns a first rights version (admission's cache, which empties at each
   * move and sees the version move itself, read every token and record again after the first socket).
   */
  get generation(): number {
    return this.changes;
  }

  /** {@link generation}, and every poll round that reads storage: what {@link settle}'s `since` is. */
  get mark(): number {
    return this.changes + this.baselines;
  }

  /** The rights version the rights in force were read at (null: none known); see `rights-fence.ts`. */
  get seenVersion(): number | null {
    return this.seen.version;
  }
  /** Rounds complete so far, and the round under way: what `rightsCurrent` (`rights-fence.ts`) waits for. */
  get roundsDone(): number {
    return this.done;
  }
  get underway(): Promise<void> | null {
    return this.checking;
  }

  /** Number of open sockets watched. */
  get size(): number {
    return this.sockets.size;
  }

  /** Watch an open socket until {@link LiveRights.remove}. */
  add(socket: LiveSocket): void {
    this.sockets.add(socket);
    this.schedule(socket);
    this.poll.arm(this.sockets.size);
  }

  /**
   * Storage's notices of other writers' changes started (`true`: read once, as a change made while
   * they were down was told to nobody; from now on poll every `toldPollMs` only, as a safety net)
   * or stopped (`false`: poll every `pollMs` until they are back). See `Storage.watchChanges`.
   */
  listening(on: boolean): void {
    this.poll.listening(on, this.sockets.size);
    if (on) this.noticed();
  }

  /**
   * Storage told of a committed write of rights: read them again now, or once more after the round
   * under way. A write that lowers no right (`notice` of a token added: a sign-in) reads nothing
   * when every version since the rights in force were read was such a write (`quiet-versions.ts`):
   * those rights are storage's at its version.
   */
  noticed(notice?: RightsNotice): void {
    if (this.seen.told(notice, !this.checking)) return;
    if (this.checking) this.again = true;
    else void this.recheck();
  }

  /**
   * Decide `socket`, just added, again from storage when rights changed while it was being
   * admitted: `since` is {@link mark} when admission began to read. A change's hook closes
   * only the sockets already watched, and a poll round that saw the change may have marked storage's
   * version as seen, so a socket admitted with reads the change overtook would otherwise keep the
   * rights of before it (a revoked token writing on) until the next change. Reads the socket's token,
   * member and document record, in one read with the other sockets settled in the same turn
   * (`settle-reads.ts`; again, while a change overtakes the read; at most three times) and
   * applies the verdict like a poll round. Resolves once decided or closed; after a failed read
   * or constant changes, the next poll round reads everything (the version is forgotten).
   * Never rejects.
   */
  async settle(socket: LiveSocket, since: number): Promise<void> {
    for (let tries = 0; tries < 3; tries++) {
      if (since === this.mark || !this.sockets.has(socket)) return;
      since = this.mark;
      let state: StoredRights;
      try {
        state = await this.settling.read(socket);
      } catch (err) {
        this.deps.logger.warn({ err }, 'reading rights for a new socket failed');
        break;
      }
      if (since !== this.mark) continue;
      if (this.sockets.has(socket)) this.apply(socket, verdictOf(this.deps.auth, socket, state, this.deps.clock()));
      return;
    }
    this.seen.forget();
  }

  /** Stop watching a socket (it closed); idempotent. */
  remove(socket: LiveSocket): void {
    if (!this.sockets.delete(socket)) return;
    this.expiry.delete(socket);
    if (this.sockets.size === 0) this.poll.idle();
  }

  tokenRevoked(tokenId: string): void {
    this.changes++;
    for (const socket of this.where((s) => s.principal.tokenId === tokenId)) {
      this.end(socket, CloseCode.unauthorized, RIGHTS_REASONS.revoked);
    }
  }

  tokenExtended(tokenId: string, expiresAt: string | null): void {
    this.changes++;
    for (const socket of this.where((s) => s.principal.tokenId === tokenId)) {
      this.apply(socket, { ok: true, principal: { ...socket.principal, expiresAt } });
    }
  }

  memberChanged(member: MemberRecord): void {
    this.changes++;
    const now = this.deps.clock();
    for (const socket of this.ofMember(member.workspace, member.id)) {
      const token = { revokedAt: null, expiresAt: socket.principal.expiresAt ?? null };
      this.apply(socket, this.deps.auth.reassess(socket.principal, { token, member, doc: socket.record }, now));
    }
  }

  memberRemoved(workspace: string, memberId: string): void {
    this.changes++;
    for (const socket of this.ofMember(workspace, memberId)) {
      this.end(socket, CloseCode.unauthorized, RIGHTS_REASONS.removed);
    }
  }

  async docDeleted(ref: DocRef): Promise<void> {
    this.changes++;
    for (const socket of this.where((s) => sameDoc(s.ref, ref))) {
      this.end(socket, CloseCode.notFound, RIGHTS_REASONS.deleted);
    }
    await this.deps.evict(ref);
  }

  docChanged(record: DocRecord): void {
    this.changes++;
    this.deps.recordChanged?.(record);
  }

  /** Read storage again and decide every open socket; what one poll round does. */
  recheck(): Promise<void> {
    this.checking ??= this.round().finally(() => {
      this.checking = null;
      if (!this.again) return;
      this.again = false;
      void this.recheck();
    });
    return this.checking;
  }

  /** Stop the poll and the expiry timer. */
  stop(): void {
    this.poll.stop();
    this.expiry.clear();
  }

  private async round(): Promise<void> {
    if (this.sockets.size === 0 && !this.deps.version) return void this.done++;
    let version: number | null = null;
    try {
      version = this.deps.version ? await this.deps.version() : null;
    } catch (err) {
      this.deps.logger.warn({ err }, 'reading the rights version failed; reading the rights themselves');
    }
    // Nothing was written since the last round read everything, or only writes that lower no
    // right (sign-ins, members added), as their notices told: the rights in force hold.
    const need = this.seen.judge(version);
    if (need === 'unchanged') return void this.done++;
    // No socket open: no rights in force, so they are storage's at this version, and a process's
    // first notice of a sign-in need read nothing. The mark moves: a socket whose admission read
    // before it is settled again (`settle`).
    if (this.sockets.size === 0) {
      if (version !== null) this.baselines++;
      this.seen.read(version);
      return void this.done++;
    }
    // The first version known is a baseline, not a change (see `generation`).
    if (need === 'first') this.baselines++;
    else this.changes++;
    const generation = this.mark;
    const sockets = [...this.sockets];
    if (sockets.length === 0) return void this.done++;
    let state: StoredRights;
    try {
      state = await readStoredRights(this.deps.records, sockets);
    } catch (err) {
      this.deps.logger.warn({ err }, 'reading rights for open sockets failed');
      this.poll.undecided(false);
      return;
    }
    if (generation !== this.mark) {
      if (this.poll.undecided(true)) this.again = true;
      return;
    }
    this.seen.read(version);
    this.done++;
    decideRound(sockets, state, this.deps.clock(), {
      auth: this.deps.auth,
      watched: (socket) => this.sockets.has(socket),
      recordChanged: (doc) => this.deps.recordChanged?.(doc),
      apply: (socket, verdict) => this.apply(socket, verdict),
    });
  }

  private apply(socket: LiveSocket, verdict: Reassessment): void {
    if (!verdict.ok) return this.end(socket, verdict.code, verdict.reason);
    if (!principalChanged(socket.principal, verdict.principal)) return;
    socket.setPrincipal(verdict.principal);
    this.schedule(socket);
  }

  private schedule(socket: LiveSocket): void {
    const at = socket.principal.expiresAt;
    if (at === null || at === undefined) this.expiry.delete(socket);
    else this.expiry.add(socket, Date.parse(at));
  }

  private end(socket: LiveSocket, code: number, reason: string): void {
    if (!this.sockets.has(socket)) return;
    this.remove(socket);
    this.deps.logger.info({ ref: socket.ref, member: socket.principal.memberId, code, reason }, 'rights changed; closing socket');
    socket.close(code, reason);
  }

  private where(test: (socket: LiveSocket) => boolean): LiveSocket[] {
    return [...this.sockets].filter(test);
  }

  private ofMember(workspace: string, memberId: string): LiveSocket[] {
    return this.where((s) => s.ref.workspace === workspace && s.principal.memberId === memberId);
  }
}
