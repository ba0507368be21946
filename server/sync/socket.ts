/**
 * One sync connection: admission (token, workspace, document, role), then per frame the size
 * limit, the token bucket and the tolerant decoder, before the room sees anything. Every way a
 * frame can be wrong ends in a close code, never in an exception.
 */
import { expiryMs, type Principal } from './principal.js';
import type { Transport } from './transport.js';
import type { AuditRecord, DocRecord, DocRef } from '../storage/storage.js';
import type { Admission } from './admission.js';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import type { SyncOptions } from './deps.js';
import { refusalOf, type RefusalReason } from './metrics.js';
import { FencedFrames } from './rights-fence.js';
import type { Lease, Registry } from './registry.js';
import type { Author, OfferOptions, Peer, RoomDeps } from './room.js';
import { decodeMessage } from './protocol.js';
import { isEmptyUpdate } from './changes-nothing.js';
import { TokenBucket } from './token-bucket.js';
import type { LiveSocket } from './live-rights.js';
import { RIGHTS_REASONS } from './rights.js';
import type { CommentEffects } from '../../shared/validate/check-update.js';
import { encodeRefusalNotice } from '../../shared/protocol/notices.js';
import { refusalNotice, type Refusal } from './offer-checks.js';
import { loadFailureClose, logLoadFailure } from './close-reason.js';
import { HeldFrames, needsBuiltDoc, type BuildWaiter } from './build-first.js';

export type { Transport } from './transport.js';

/**
 * One admitted connection to one room. Its principal is the one admitted until the server learns
 * of a rights change ({@link LiveRights}); every write is checked against the current one.
 */
export class Connection implements Peer, LiveSocket, BuildWaiter {
  private lease: Lease | null = null;
  /** Frames held while the room loads and while its doc is built for one (`build-first.ts`). */
  private readonly held = new HeldFrames();
  private open = true;
  private readonly bucket: TokenBucket;
  /** Made on the first awareness frame: a connection that never sends one (a machine reader) holds none. */
  private presenceBucket: TokenBucket | null = null;
  private current: Principal;
  /** {@link current} as the author of its writes, made when the principal changes, not per frame. */
  private author: Author;
  /**
   * {@link current}'s token expiry in ms since the epoch (Infinity for none), parsed when the
   * principal changes: a write then reads the clock only when the token expires at all.
   */
  private expiresAtMs: number;
  private bytesWritten = 0;
  private updatesWritten = 0;
  /** Closed because its access ended ({@link Connection.rightsNow}). */
  private rightsEnded = false;
  /** Made on the first refusal told as a notice. */
  private refusalBucket: TokenBucket | null = null;
  /** A refusal could not be told as a notice: too many came too fast. */
  private throttled = false;
  /** Updates sent before the client's answer to the server's step 1, judged after it ({@link handleUpdate}); null when none wait. */
  private early: Uint8Array[] | null = null;
  private earlyBytes = 0;
  /** Frames waiting for the rights check of a process cut from the others (`rights-fence.ts`); made when first needed. */
  private fenced: FencedFrames<Uint8Array> | null = null;

  /**
   * @param notices The client asked for notices (`shared/protocol/notices.ts`): a change refused
   *   for rights, a locked row or an archived document is taken back and told as a refusal notice
   *   while the socket stays open, at most `refusalBurst` at once and `refusalsPerSecond` after.
   */
  constructor(
    private readonly transport: Transport,
    private readonly admission: Extract<Admission, { ok: true }>,
    private readonly registry: Registry,
    private readonly deps: RoomDeps,
    private readonly options: SyncOptions,
    readonly notices = false,
  ) {
    this.bucket = new TokenBucket(options.framesPerSecond, options.frameBurst);
    this.current = admission.principal;
    this.author = { memberId: admission.principal.memberId, principal: admission.principal, live: this };
    this.expiresAtMs = expiryMs(admission.principal);
  }

  /** The document this connection is open on. */
  get ref(): DocRef {
    return this.admission.ref;
  }

  /** The document's record as admitted. */
  get record(): DocRecord {
    return this.admission.record;
  }

  /** Who is connected, as the server knows them now. */
  get principal(): Principal {
    return this.current;
  }

  /**
   * LiveSocket: the member's rights changed but still allow this socket. A new name or role is
   * written into the presence this socket holds at once (`Presence.reauthor`).
   */
  setPrincipal(principal: Principal): void {
    const reauthored = principal.name !== this.current.name || principal.role !== this.current.role;
    this.current = principal;
    this.author = { memberId: principal.memberId, principal, live: this };
    this.expiresAtMs = expiryMs(principal);
    if (reauthored) this.lease?.room.presence.reauthor(this, principal);
  }

  /**
   * The principal as the server knows it now, or null once its access ended: closed for rights
   * (4401, 4403, 4404) or its token expired. A socket closed for any other reason (the client went
   * away) keeps its last principal.
   */
  rightsNow(): Principal | null {
    return this.rightsEnded || this.expiresAtMs <= this.now() ? null : this.current;
  }

  /** Load (or find) the room and join it; frames that arrive meanwhile are queued. */
  async start(): Promise<void> {
    const { ref, record } = this.admission;
    this.audit('connect', 0, null);
    this.registry.live.add(this);
    // Read with the room's load: frames wait in the queue until both are done.
    const settled = this.admission.since === undefined ? null : this.registry.live.settle(this, this.admission.since);
    try {
      this.lease = await this.registry.acquire(ref, record);
      await settled;
    } catch (err) {
      logLoadFailure(this.deps.logger, err, ref, 'loading a document failed');
      this.close(...loadFailureClose(err));
      return;
    }
    if (!this.open) {
      // Closed while the room loaded or the rights were read: a close after the lease came released it already.
      this.lease?.release();
      this.lease = null;
      return;
    }
    // A closure made once per join, not held by the connection (a method, not a field: idle sockets stay small).
    if (this.transport.together) this.transport.together(() => this.joinRoom());
    else this.joinRoom();
  }

  /** Join the leased room and handle the frames that came while it loaded (the client's step 1, mostly). */
  private joinRoom(): void {
    const room = this.lease?.room;
    if (!room) return;
    room.join(this, this.current.memberId);
    this.deps.metrics.connections(this.registry.stats().connections);
    for (const frame of this.held.release()) this.receive(frame);
  }

  /** Handle one frame from the client. */
  receive(data: ArrayBuffer | Uint8Array | string): void {
    if (!this.open) return;
    this.deps.metrics.frameReceived();
    if (typeof data === 'string') return this.refuse(CloseCode.badFrame, 'Text frames are not part of the protocol');
    if (data.byteLength > this.options.maxFrameBytes) return this.refuse(CloseCode.tooLarge, 'Frame too large');
    if (!this.bucket.take()) return this.refuse(CloseCode.rateLimited, 'Too many frames, slow down');
    if (this.held.holding) return this.held.hold(data);
    this.pass(data instanceof Uint8Array ? data : new Uint8Array(data));
  }

  /** A frame past the checks of {@link receive}: handled, or held while a rights change is read (`rights-fence.ts`). */
  private pass(frame: Uint8Array): void {
    if (!this.fenced?.busy && !this.registry.fence.active) return this.handle(frame);
    this.fenced ??= new FencedFrames(this.registry.fence, () => this.open, (f) => this.handle(f), () => this.refuse(CloseCode.tryAgainLater, RIGHTS_REASONS.unchecked, 'rights-unchecked'));
    this.fenced.take(frame);
  }

  /**
   * The socket layer cut a message over its bound (`ws`'s `maxPayload`, `route.ts`) and closed
   * with 1009 itself: counted and logged as a frame too large, and the connection ends.
   */
  cutTooLarge(): void {
    if (!this.open) return;
    this.deps.metrics.frameRefused('too-large');
    this.deps.logger.info({ ref: this.admission.ref, member: this.current.memberId, code: CloseCode.messageTooBig }, 'frame refused: message too big');
    this.closed();
  }

  /** The client went away. */
  closed(): void {
    if (!this.open) return;
    this.open = false;
    this.detach();
  }

  /**
   * Peer: send a frame if the socket is still open. A client that does not read (a stalled
   * network, a suspended laptop) would make the server hold every relayed frame for it; past
   * `maxBufferedBytes` it is closed with 1013 instead, and catches up when it reconnects.
   */
  send(frame: Uint8Array): void {
    if (!this.open) return;
    try {
      this.transport.send(frame);
    } catch (err) {
      this.deps.logger.debug({ err }, 'send on a closing socket');
      return;
    }
    const buffered = this.transport.bufferedAmount();
    if (buffered > this.options.maxBufferedBytes) {
      this.deps.metrics.frameRefused('slow-reader');
      this.deps.logger.warn({ ref: this.admission.ref, member: this.current.memberId, buffered }, 'client too far behind; closing its socket');
      this.close(CloseCode.tryAgainLater, 'Too far behind; reconnect to catch up');
    }
  }

  /** Peer: close with a code and reason, and stop taking frames. */
  close(code: number, reason: string): void {
    if (!this.open) return;
    this.open = false;
    if (code === CloseCode.unauthorized || code === CloseCode.forbidden || code === CloseCode.notFound) this.rightsEnded = true;
    this.detach();
    try {
      this.transport.close(code, reason);
    } catch (err) {
      this.deps.logger.debug({ err }, 'close on a closed socket');
    }
  }

  private handle(frame: Uint8Array): void {
    const room = this.lease?.room;
    if (!room) return;
    // Behind a build under way (`HeldFrames.buildFirst`), in order.
    if (this.held.holding) return this.held.hold(frame);
    const message = decodeMessage(frame);
    if (!room.built && needsBuiltDoc(message)) return this.held.buildFirst(room, frame, this);
    switch (message.type) {
      case 'malformed':
        return this.refuse(CloseCode.badFrame, `Malformed frame: ${message.reason}`);
      case 'sync-step1':
        if (!room.answerStep1(this, message.stateVector)) return this.refuse(CloseCode.badFrame, 'Malformed state vector');
        return this.judgeEarly();
      case 'sync-step2':
        return this.write(message.update);
      case 'update':
        return this.handleUpdate(message.update);
      case 'awareness': {
        this.judgeEarly();
        this.presenceBucket ??= new TokenBucket(this.options.presencePerSecond, this.options.presenceBurst);
        // A frame that only passes on others' states the server stamped is not counted (`Room.receiveAwareness`).
        const taken = room.receiveAwareness(this, message.update, this.current, this.presenceBucket);
        if (taken === 'malformed') this.refuse(CloseCode.badFrame, 'Malformed awareness');
        else if (taken === 'rate-limited') this.refuse(CloseCode.rateLimited, 'Too many presence updates, slow down');
        return;
      }
      case 'query-awareness':
        return room.sendAwareness(this);
    }
  }

  /**
   * An update frame. While the room holds the answer to this client's first step 1 (it named
   * writes the server lacks: edits made offline), an update typed meanwhile builds on those
   * writes, which come only in the client's answer to the server's step 1 (its step 2, possibly
   * in several frames): judged now it would refer to something missing and close the socket
   * (4400). So it waits, and is judged after that answer, before the client's next frame that
   * is not a step 2. Its content is in that answer too (the client answers from a doc that holds
   * it), so a client that sends nothing more loses nothing. Past twice the frame limit waiting,
   * the client is asked to reconnect (1013).
   */
  private handleUpdate(update: Uint8Array): void {
    if (this.lease?.room.held.holds(this)) {
      this.earlyBytes += update.byteLength;
      if (this.earlyBytes > 2 * this.options.maxFrameBytes) return this.refuse(CloseCode.tryAgainLater, 'Too many changes before the first sync; reconnect', 'too-early');
      (this.early ??= []).push(update);
      return;
    }
    this.judgeEarly();
    this.write(update);
  }

  /** Judge the updates that waited for the client's answer (see {@link handleUpdate}), once the room no longer holds it. */
  private judgeEarly(): void {
    const early = this.early;
    if (!early || this.lease?.room.held.holds(this)) return;
    this.early = null;
    this.earlyBytes = 0;
    for (const update of early) if (this.open) this.write(update);
  }

  private write(update: Uint8Array): void {
    const room = this.lease?.room;
    const principal = this.current;
    if (!room) return;
    if (this.expiresAtMs !== Infinity && this.expiresAtMs <= this.now()) {
      // The expiry timer may run late on a busy server; the write is refused all the same.
      this.registry.live.remove(this);
      return this.refuse(CloseCode.unauthorized, RIGHTS_REASONS.expired);
    }
    // A reader's empty sync answer is dropped here; any other update of a reader goes to the room,
    // which keeps one that changes nothing (a stock client's answer to step 1 carries what the doc
    // has and its deletions) and refuses one that would change the document with 4403 and the
    // sentence. Dropping that one quietly would let the client take the answer to its next step 1
    // for a confirmation and believe its edit stored (a member demoted while offline, say).
    if (principal.role === 'viewer' && isEmptyUpdate(update)) {
      this.deps.metrics.frameRefused('viewer-update');
      return;
    }
    const offer = room.offer(update, this.author, this, this.offerOptions);
    if (!offer.ok) {
      this.audit('refused', update.byteLength, offer.code);
      if (offer.undone) return this.tell(offer, offer.undone);
      // Refusals told as notices ran out: slow down, as a client sending too many frames.
      if (this.throttled) return this.refuse(CloseCode.rateLimited, 'Too many refused changes, slow down');
      return this.refuse(offer.closeCode, offer.reason);
    }
    this.bytesWritten += update.byteLength;
    this.updatesWritten++;
    // Only the room acts on a failed write (it closes this socket): `offer.persisted` is not asked for.
    if (offer.comments) this.auditComments(offer.comments);
    if (offer.writesTitle) void this.registry.followTitle(room, offer.persisted, this.author.memberId, room.title);
  }

  /** Whether a refused change may be taken back and told as a notice (see the constructor). */
  private readonly mayUndo = (): boolean => {
    if (!this.notices) return false;
    this.refusalBucket ??= new TokenBucket(this.options.refusalsPerSecond, this.options.refusalBurst);
    this.throttled = !this.refusalBucket.take();
    return !this.throttled;
  };
  /** The same options for every offer, instead of an object per frame. */
  private readonly offerOptions: OfferOptions = { undo: this.mayUndo };

  /** BuildWaiter: a frame held while the doc was built (`HeldFrames.buildFirst`), handed on while the socket is open. */
  passBuilt(frame: Uint8Array): void {
    if (this.open) this.pass(frame);
  }

  /** BuildWaiter: the doc's build for a frame failed: closed as a failed load is. */
  buildFailed(err: unknown): void {
    logLoadFailure(this.deps.logger, err, this.admission.ref, 'building a document failed');
    this.close(...loadFailureClose(err));
  }

  /** Tell the client that a change was refused and is being taken back; the socket stays open. */
  private tell(refusal: Refusal, undone: Promise<void>): void {
    this.deps.metrics.frameRefused('refusal-notice');
    this.deps.logger.info({ ref: this.admission.ref, member: this.current.memberId, code: refusal.closeCode, reason: refusal.reason }, 'update refused and taken back');
    this.send(encodeRefusalNotice(refusalNotice(refusal)));
    // A failed undo's store reloads the room, which asks every peer for what it lacks: this client offers the change again, refused again.
    undone.catch(() => undefined);
  }

  /** Close with `code` and `reason`, counted under `counted` (by default the code's label, `metrics.ts`). */
  private refuse(code: number, reason: string, counted: RefusalReason = refusalOf(code)): void {
    this.deps.metrics.frameRefused(counted);
    this.deps.logger.info({ ref: this.admission.ref, member: this.current.memberId, code, reason }, 'frame refused');
    this.close(code, reason);
  }

  private now(): number {
    const clock = this.deps.clock;
    return clock ? clock().getTime() : Date.now();
  }

  private detach(): void {
    this.registry.live.remove(this);
    if (this.lease) {
      this.lease.room.leave(this);
      this.lease.release();
      this.lease = null;
      this.deps.metrics.connections(this.registry.stats().connections);
    }
    this.held.release();
    this.audit('disconnect', this.bytesWritten, this.updatesWritten > 0 ? `${this.updatesWritten} updates` : null);
  }

  /** One audit line per comment written, edited or deleted: its id and row, never its text. */
  private auditComments(effects: CommentEffects): void {
    for (const [id, fields] of effects.created) {
      if (!effects.deleted.has(id)) this.audit('comment-add', 0, `${id} on row ${String(fields.row)}`);
    }
    for (const id of effects.changed.keys()) if (!effects.created.has(id)) this.audit('comment-edit', 0, id);
    for (const id of effects.deleted) if (!effects.created.has(id)) this.audit('comment-delete', 0, id);
  }

  private audit(action: string, bytes: number, detail: string | null): void {
    const { ref } = this.admission;
    const principal = this.current;
    const record: AuditRecord = {
      at: this.registry.audit.stamp(),
      workspace: ref.workspace,
      doc: ref.doc,
      memberId: principal.memberId,
      action,
      bytes,
      detail,
    };
    this.registry.audit.add(record);
  }
}
