/**
 * One loaded document and its peers. Every incoming update is validated, checked against the author's rights, applied
 * (a one-cell write whose bytes are what Yjs would emit: once relayed, or when the doc is read first, `RoomApply.integrate`),
 * and persisted in a group commit; it is relayed to peers, and state that contains it is sent to anyone, only after the
 * write has resolved. So whatever a client has seen from the server is on disk, and survives `kill -9`. The write path (group
 * commit, snapshots, updates other processes append) is `commit-log.ts`; building the doc, `room-build.ts`; migrations on load,
 * `migrate-on-load.ts`; the peers, `room-peers.ts`; the checks of an offered update, `offer-checks.ts`; applying it, taking a
 * refused one back and the memory of take-backs, `room-apply.ts`; writing again what lost to a take-back not held in memory,
 * `room-look-back.ts`; what an offer returns for an update taken, `room-taken.ts`.
 *
 * When a write fails (a full disk, an I/O error) the doc holds updates storage does not. The
 * room then throws that doc away and reloads it from storage before anyone is served again
 * (`room-recovery.ts`).
 */
import type * as Y from 'yjs';
import type { Principal } from './principal.js';
import type { DocRecord, DocRef } from '../storage/storage.js';
import { CloseCode, HELD_ANSWER_OVERDUE_REASON } from '../../shared/protocol/close-codes.js';
import { isEmptyUpdate } from './changes-nothing.js';
import { metaOf } from '../../shared/doc/create.js';
import type { Loaded } from './load-doc.js';
import { isEmptyStateVector, readRoomDoc, Unbuilt } from './room-fresh.js';
import { roomLogHost } from './room-log-host.js';
import { RoomBuild } from './room-build.js';
import { archivedWrite, judgeOffer, refuse, type RefusedParts, type Refusal } from './offer-checks.js';
export type { Refusal } from './offer-checks.js';
export type { Author, Offer, OfferOptions, Peer, RoomDeps } from './room-types.js';
import type { Author, Offer, OfferOptions, Peer, RoomDeps } from './room-types.js';
import { CommitLog, type CommitLogHost } from './commit-log.js';
import { Recovery, roomRecoveryHost, type RecoveryHost } from './room-recovery.js';
import { RoomPeers } from './room-peers.js';
import type { Presence } from './presence.js';
import { announcePresence, receivePeerPresence, roomPresence } from './room-presence.js';
import { DocFrames } from './frames.js';
import { HeldAnswers } from './held-answers.js';
import { RoomApply, type Applied } from './room-apply.js';
import { archiveNotice } from './room-notices.js';
import { takeLostEdits, tellDroppedCells, tellLostEdits } from './lost-edit.js';
import { lookBackStored, type LookBackRoom } from './room-look-back.js';
import { authorsMayWrite } from './take-back-rights.js';
import { auditAlone, Taken } from './room-taken.js';
import { cellWriteRead } from '../../shared/validate/cell-write.js';

/** One loaded Y.Doc, its peers and their awareness. */
export class Room {
  /** Everyone's presence (see `room-presence.ts`). It lives beside the doc, so that reloading the doc after a failed write keeps it. */
  readonly presence: Presence<Peer>;
  /** The connected peers, each with the awareness client ids it holds (`room-peers.ts`). */
  private readonly peers = new RoomPeers<Peer>((delta) => this.onPeers?.(delta));
  /** Step 1 answers held until the peer's own answer is judged (`held-answers.ts`); the socket asks it whether its peer's is. */
  readonly held: HeldAnswers<Peer>;
  /** Each peer's state vector of its last sync step 1: what it had seen (`take-back-deletes.ts`). */
  private readonly seen = new WeakMap<Peer, Uint8Array>();
  /** The doc, or null while `unbuilt` serves fresh clients from what storage gave (`room-fresh.ts`) until something needs it. */
  private current: Y.Doc | null = null;
  private unbuilt: Unbuilt | null = null;
  private log: CommitLog<Peer>;
  /** The reload after a failed write; nobody is served while one is under way. */
  private readonly recovery: Recovery<Peer>;
  private closing = false;
  /** Frames computed from the doc as it is now, shared by every peer that needs them (see `frames.ts`). */
  private readonly frames = new DocFrames();
  /** Called once when the doc cannot be reloaded after a failed write; the room must be dropped. */
  onBroken: (() => void) | null = null;
  /** Told of every change in the number of peers (+1 on a join, −n when peers leave): the registry counts connections without walking its rooms. */
  onPeers: ((delta: number) => void) | null = null;

  private constructor(
    readonly ref: DocRef,
    private docRecord: DocRecord,
    private readonly deps: RoomDeps,
    loaded: Loaded | Unbuilt,
  ) {
    if (loaded instanceof Unbuilt) this.unbuilt = loaded;
    else this.hold(loaded);
    this.log = this.logFor(loaded);
    this.recovery = new Recovery(this.recoveryHost());
    this.presence = roomPresence(ref, this.peers.held, deps, { held: () => this.current, read: () => this.doc }, () => this.unbuilt?.rows() ?? null);
    this.held = new HeldAnswers(deps.options.heldAnswerMs, (peer) => peer.close(CloseCode.tryAgainLater, HELD_ANSWER_OVERDUE_REASON));
  }

  /** Whether the doc is built: false while fresh clients are served from what storage gave. */
  get built(): boolean {
    return this.current !== null;
  }

  /** The document's catalogue record: kind, owner unit, archived or not. */
  get record(): DocRecord {
    return this.docRecord;
  }

  /** The record changed (archived, restored): later writes are checked against it; peers that asked for notices are told a new archive state at once. */
  recordChanged(record: DocRecord): void {
    const frame = archiveNotice(this.docRecord, record);
    this.docRecord = record;
    if (frame) this.peers.sendNotices(frame);
  }

  /** Load a document from storage: the V2 snapshot, then the update tail in one transaction (or built later, `room-fresh.ts`). */
  static async load(ref: DocRef, record: DocRecord, deps: RoomDeps): Promise<Room> {
    await deps.locks?.prepare(ref.workspace);
    return new Room(ref, record, deps, await readRoomDoc(ref, deps.storage, deps.logger, authorsMayWrite(ref, () => record, deps)));
  }

  /** The live doc: what is stored plus what is being stored (built now if it was not, `RoomBuild.now`; what waits unapplied applied first, `RoomApply.keepForeign`). Read it at once; it is replaced after a failed write. */
  get doc(): Y.Doc {
    return this.current ? this.apply.applyDue(this.current) : this.build.now(this.unbuilt as Unbuilt);
  }

  /** The live doc as {@link doc} gives it, built first (when it is not) a piece at a time (`RoomBuild.sliced`), for reads that can wait. */
  async builtDoc(): Promise<Y.Doc> {
    await this.build.sliced();
    return this.doc;
  }

  /** The builds of the doc from `unbuilt` (`room-build.ts`). */
  private readonly build = new RoomBuild({
    ref: this.ref,
    logger: this.deps.logger,
    unbuilt: () => this.unbuilt,
    hold: (loaded) => this.hold(loaded),
    push: (update) => void this.log.push(update, null, null).catch(() => undefined),
  });

  /** The document's `meta.title`, read from the stored bytes while the doc is not built (`Unbuilt.title`): a load's title check builds nothing. */
  get title(): unknown {
    return this.unbuilt ? this.unbuilt.title() : metaOf(this.doc)?.title;
  }

  /** Number of connected peers. */
  get size(): number {
    return this.peers.size;
  }

  /** Add a peer: it gets the server's state vector and everyone's presence, stamped afresh (one that reconnects sees the others at once). */
  join(peer: Peer, memberId: string | null = null): void {
    this.peers.add(peer);
    peer.send(this.unbuilt ? this.unbuilt.step1 : this.frames.step1(this.doc));
    const { frame, count } = this.presence.joined(peer, memberId ?? '');
    if (count > 0) peer.send(frame);
  }

  /** Remove a peer and the presence it held, telling the others. */
  leave(peer: Peer): void {
    const controlled = this.peers.remove(peer);
    this.held.forget(peer);
    this.presence.removeAll(peer, controlled ?? []);
  }

  /** Answer a sync step 1: the update the peer lacks, sent once everything it contains is durable. False when the state vector is not one. */
  answerStep1(peer: Peer, stateVector: Uint8Array): boolean {
    this.seen.set(peer, stateVector);
    let answers: Uint8Array[];
    try {
      // A first step 1 naming writes the doc lacks (offline edits, another making's copy) waits for the peer's own answer.
      answers = this.held.step1(peer, () => this.doc, stateVector);
    } catch {
      return false;
    }
    for (const sv of answers) if (!this.sendStep2(peer, sv)) return false;
    return true;
  }

  /** Sends the update `stateVector` lacks once what is pending is durable; false when it does not decode. */
  private sendStep2(peer: Peer, stateVector: Uint8Array): boolean {
    if (this.recovery.pending) {
      this.recovery.hold(peer, stateVector);
      return true;
    }
    let answer: Uint8Array;
    try {
      // A fresh client of a doc not built gets the stored state; nothing is pending then (an update builds it).
      answer = this.unbuilt && isEmptyStateVector(stateVector) ? this.unbuilt.step2() : this.frames.step2(this.doc, stateVector);
    } catch {
      return false;
    }
    // Computed now, sent only once stored (at once when it is: no waiter made); if the write fails, answered again from storage.
    if (this.log.clean) peer.send(answer);
    else
      this.log.afterApplied((ok) => {
        if (ok) peer.send(answer);
        else this.recovery.hold(peer, stateVector);
      });
    return true;
  }

  /**
   * Relay a peer's presence as `author` (its member's name, role and id replace what the client
   * sent); what is dropped is in `presence.ts`. A frame takes one token of the peer's `rate`, unless
   * it only passes on states the server stamped (`Presence.echoesOnly`). Returns 'malformed',
   * 'rate-limited' (nothing taken) or 'ok'.
   */
  receiveAwareness(peer: Peer, update: Uint8Array, author: Pick<Principal, 'memberId' | 'name' | 'role'>, rate: { take(): boolean } | null = null): 'ok' | 'malformed' | 'rate-limited' {
    return receivePeerPresence(this.presence, peer, update, author, rate);
  }

  /** Send everyone's presence (but the peer's own) to one peer. */
  sendAwareness(peer: Peer): void {
    peer.send(this.presence.snapshot(peer).frame);
  }

  /**
   * Offer an update. It is validated (`checkUpdate`), checked against the author's rights and
   * applied; what the log gets, and peers after the next group commit, is the update Yjs emits
   * for that transaction: the canonical encoding of what actually changed, never the client's
   * frame. A frame that changes nothing (a reconnect without edits, structs the doc already has)
   * stores and relays nothing; its `persisted` resolves once what came before it is durable.
   * A refused update is taken back in the doc when `options.undo` says so (see {@link OfferOptions}).
   */
  offer(update: Uint8Array, author: Author, origin: Peer | null, options: OfferOptions = {}): Offer {
    const offer = this.judgeAndApply(update, author, origin, options);
    // Taken, or taken back with the socket kept: the peer's held step 2 answers go out (`held-answers.ts`; indexed, no iterator per edit).
    if (origin && (offer.ok || ('undone' in offer && offer.undone))) {
      const held = this.held.release(origin);
      for (let i = 0; i < held.length; i++) this.sendStep2(origin, held[i] as Uint8Array);
    }
    return offer;
  }

  private judgeAndApply(update: Uint8Array, author: Author, origin: Peer | null, options: OfferOptions): Offer {
    if (this.log.broken || this.recovery.pending) return { ...refuse(CloseCode.unavailable, 'unavailable', 'Document temporarily unavailable'), fault: this.recovery.fault };
    // An update that changes nothing (empty; a joiner's answer of what it has, `addsNothing`, judged once per doc state and bytes) is not walked, applied, stored or relayed;
    // while take-backs are remembered it is applied, as values of it that lost to one are written again (`take-backs.ts`).
    // One that carries audit lines or a record is a write all the same: an archived document takes none (`archivedWrite`).
    if (isEmptyUpdate(update) || (this.apply.takeBacks.idle && this.frames.addsNothing(this.doc, update))) return archivedWrite(this.record, options) ?? { ok: true, persisted: this.stored(options) };
    const judged = judgeOffer(this.doc, this.record, this.deps, { principal: author.principal, update }, options.undo);
    if (!judged.ok) return judged.parts ? this.undo(update, judged.refusal, judged.parts, judged.parts.all ? null : author.memberId) : judged.refusal;
    let changed: Applied | null;
    const seen = origin ? this.seen.get(origin) : undefined;
    try {
      // Values of it that lost to a recent take-back are written again, for the sender too; one stored as it came is applied once relayed (`room-apply.ts`).
      this.lostEdits.length = 0;
      // What the check read of a one-cell write is not read again (`cellWriteRead`).
      changed = this.apply.integrate(this.doc, update, origin, { record: this.record, deps: this.deps, principal: author.principal, seen }, true, cellWriteRead(judged.verdict));
      // The author is told which cells to enter again (`lost-edit.ts`), at most a few per update.
      const lost = takeLostEdits(this.lostEdits);
      if (lost.length > 0) tellLostEdits(origin, lost);
      if (judged.verdict.droppedCells) tellDroppedCells(origin, this.doc, judged.verdict.droppedCells, lost);
    } catch (err) {
      // Yjs threw halfway through its transaction (checkUpdate should have refused the update):
      // the doc may hold part of it, so it is reloaded from storage like after a failed write.
      this.recovery.start(err, new Set(), 'applying an accepted update threw; reloading the document from storage');
      return refuse(CloseCode.badFrame, 'malformed-update', 'Malformed update');
    }
    // Deletes that met a take-back dropped from memory for the budget: replayed once the stored ones are read.
    const deletes = this.apply.deletesOwed.length > 0 && seen ? { update: update.slice(), seen, paths: this.apply.deletesOwed, peer: origin } : null;
    const kept = changed !== null && changed.kept && (this.deps.fanout || this.apply.takeBacks.needsLookBack);
    // What the update owes is written in its own storage transaction: it is held back from the write until then (`room-look-back.ts`).
    const held = kept || deletes ? this.log.hold() : null;
    // Values written again for the sender go to the sender too.
    // An import's audit lines go with its update (`OfferOptions.audit`).
    const taken = changed && new Taken(this.log, this.log.append(changed.update, author.memberId, changed.rewrote ? null : origin, undefined, options.audit, options.record), judged.verdict);
    if (!held) return taken ?? { ok: true, persisted: this.stored(options) };
    const looked = lookBackStored(this.lookBackHost(), held, author, kept && changed ? changed.update : null, deletes, origin);
    return taken ?? { ok: true, persisted: looked.then(() => this.stored(options)) };
  }

  /** {@link Room.settled}, for an offer that stored nothing; its audit lines (and record) are then stored alone (`auditAlone`). */
  private stored(options: OfferOptions): Promise<void> {
    return options.audit || options.record ? auditAlone(this.settled(), options, this.deps.records, this.deps.clock ?? (() => new Date())) : this.settled();
  }

  /** What {@link lookBackStored} reads of this room, as it is when read. */
  private lookBackHost(): LookBackRoom {
    return {
      ref: this.ref,
      deps: this.deps,
      apply: this.apply,
      now: () => ({ doc: this.doc, record: this.record, stale: this.recovery.pending !== null }),
      append: (update) => void this.log.append(update, null, null),
    };
  }

  /**
   * Take the refused parts of an update back (see `undo-refused.ts`): what they wrote is stored
   * and relayed only as empty placeholders with the values from before written back, together
   * with the parts that stay (written by `memberId`), to every peer including the sender, so all
   * end with the same state.
   */
  private undo(update: Uint8Array, refusal: Refusal, parts: RefusedParts & { all?: true }, memberId: string | null): Refusal & { undone?: Promise<void> } {
    let taken: ReturnType<RoomApply['undo']>;
    try {
      // Its take-backs are stored with the update that writes them, so every process that loads the document knows them.
      taken = this.apply.undo(this.doc, update, parts);
    } catch (err) {
      // The sender is closed as without notices; the doc is reloaded as after a throwing apply.
      this.recovery.start(err, new Set(), 'taking back a refused update threw; reloading the document from storage');
      return refusal;
    }
    return { ...refusal, undone: taken.undo === null ? this.settled() : this.log.push(taken.undo, memberId, null, taken.stored) };
  }

  /** Hold a doc (loaded, built, reloaded) and follow it: its frames, then its stored take-backs and what it emits (`room-apply.ts`). */
  private hold(loaded: Loaded): void {
    this.unbuilt = null;
    this.current = loaded.doc;
    this.frames.watch(loaded.doc);
    this.apply.watch(loaded);
  }

  /** The update path of the doc and its take-backs. */
  private readonly apply = new RoomApply(
    (bytes) => this.deps.fanout?.publishTakeBacks?.(this.ref, bytes),
    // Ids and column names only, never a value; the author is told once the update is integrated (`offer`).
    (lost) => {
      this.deps.logger.warn({ ...this.ref, path: lost.path, set: lost.set, winner: lost.winner }, 'an allowed edit lost to a take-back forgotten by the take-back bound (more than the bound came after it), or landed in a row one put back; its value was not written again');
      this.lostEdits.push(lost.path);
    },
    undefined,
    (err) => this.recovery.start(err, new Set(), 'applying a stored and relayed update threw; reloading the document from storage'),
  );
  /** The paths of the edits of the update being integrated that lost to a forgotten take-back. */
  private readonly lostEdits: string[][] = [];

  /** Updates another process committed and published (see `CommitLog.receivePublished`). */
  receivePublished(firstSeq: number, updates: readonly Uint8Array[]): void {
    if (!this.recovery.pending && !this.closing) this.log.receivePublished(firstSeq, updates);
  }

  /** A presence frame another process relayed: kept, and passed to every peer here (`Presence.receiveRemote`). */
  receivePublishedAwareness(frame: Uint8Array): void {
    const passed = this.presence.receiveRemote(frame);
    if (passed) this.peers.sendAll(passed);
  }

  /** Another process loaded this document: publish the presence of the peers here, and the take-backs remembered. */
  announcePresence(): void {
    announcePresence(this.ref, this.presence, this.deps);
    this.apply.takeBacks.shareAll();
  }

  /** Take-backs another process made in this document (`TakeBacks.receive`). */
  receiveTakeBacks(bytes: Uint8Array): void {
    if (!this.recovery.pending && !this.closing) this.apply.takeBacks.receive(this.doc, bytes);
  }

  /** Apply and relay what other processes appended since it was read (`missedFanout`: their messages may be lost, `CommitLog.missedFanout`). */
  checkForeign(head?: number, missedFanout = false): Promise<void> {
    if (this.recovery.pending || this.closing) return Promise.resolve();
    if (missedFanout) this.log.missedFanout();
    return this.log.checkForeign(head);
  }

  /**
   * Resolves when {@link Room.doc} holds only stored state: at once when nothing is pending, else after
   * the pending writes, or the reload after one failed. Rejects when the doc could not be reloaded,
   * and, with `refuseFault`, when a write failed (what the room took may not be stored: `Recovery.settled`).
   */
  settled(options: { refuseFault?: boolean } = {}): Promise<void> {
    return this.recovery.settled(() => this.log, options);
  }

  /** Flush, write a snapshot if there is a tail, and release the doc; peers still connected are closed with `code`. */
  async close(code: number = CloseCode.goingAway, reason = 'Server unloading document'): Promise<void> {
    this.closing = true;
    for (const peer of [...this.peers.keys()]) peer.close(code, reason);
    this.peers.clear();
    await this.recovery.pending?.catch(() => undefined);
    await this.log.close();
    this.apply.release();
    this.presence.destroy();
    this.current?.destroy();
  }

  private logFor(loaded: Pick<Loaded, 'tail' | 'lastSeq' | 'bare' | 'migration'>): CommitLog<Peer> {
    const log = new CommitLog<Peer>(this.ref, this.deps, this.logHost, loaded.tail, loaded.lastSeq, loaded.bare);
    // Written like any server-side update, by no member; no peer is served before it is durable.
    if (loaded.migration) void log.push(loaded.migration, null, null).catch(() => undefined);
    return log;
  }

  /** The room as its recovery sees it (`roomRecoveryHost`); made in the constructor, once `ref` and `deps` are set. */
  private recoveryHost(): RecoveryHost<Peer> {
    return roomRecoveryHost(this.ref, this.deps, this.peers, {
      record: () => this.record,
      log: () => this.log,
      isClosing: () => this.closing,
      install: (loaded) => {
        const lost = this.current;
        this.hold(loaded);
        this.log = this.logFor(loaded);
        lost?.destroy();
      },
      step1: () => this.frames.step1(this.doc),
      answerStep1: (peer, stateVector) => void this.answerStep1(peer, stateVector),
      broken: () => this.onBroken?.(),
    });
  }

  /** What the commit log sees of this room (`room-log-host.ts`). */
  private readonly logHost: CommitLogHost<Peer> = roomLogHost({
    peers: this.peers,
    apply: this.apply,
    deps: this.deps,
    current: () => this.current,
    doc: () => this.doc,
    push: (update) => void this.log.push(update, null, null).catch(() => undefined),
    broke: (err, origins) => this.recovery.start(err, origins, 'persisting updates failed; reloading the document from storage'),
  });
}
