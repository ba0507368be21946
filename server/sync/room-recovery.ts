/**
 * A room's recovery after a failed write (a full disk, an I/O error) or an apply that threw: the
 * doc then holds updates storage does not. The writers whose updates were lost are closed with
 * `unavailable` (they back off and send them again), answers computed from the lost state are
 * never sent, and the doc is reloaded from storage before anyone is served again. Readers stay
 * connected: everything they were sent is stored. When the reload fails too, every peer is
 * closed and the room reports itself broken (the registry unloads it).
 *
 * A write refused in words (the document's key gone under this process: `KeylessHistoryError`) closes
 * its writers with that refusal (4409, `loadFailureClose`), and a reload refused so or meeting damaged
 * history closes every peer with it: connecting again would meet it too.
 *
 * A write refused because the document was deleted meanwhile (`DocRecordGoneError`: a rename's
 * record found none stored) is no storage failure: reloading would serve the deleted document as
 * an empty one, and the peers' resends would be stored as update rows of a document with no
 * record. Every peer is closed as the deletion's own notice closes them (4404, `Document
 * deleted`), and the room reports itself broken without a reload (the registry unloads it; a
 * load finds no record and refuses).
 */
import type { Logger } from 'pino';
import type { DocRecord, DocRef, DocumentStore } from '../storage/storage.js';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { loadDoc, type Loaded } from './load-doc.js';
import { authorsMayWrite, type OwedFilter } from './take-back-rights.js';
import { roomUnavailable, StorageUnavailableError } from '../storage/watched.js';
import { DocRecordGoneError } from '../storage/storage-records.js';
import { RIGHTS_REASONS } from './rights.js';
import { KeylessHistoryError } from '../storage/keyless-history.js';
import { loadFailureClose, logLoadFailure } from './close-reason.js';
import type { RoomDeps } from './room-types.js';

/** A connection as recovery sees it. */
export interface RecoveringPeer {
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** A room's write log as {@link Recovery.settled} waits for it (`CommitLog`). */
export interface SettlingLog {
  /** Nothing is pending. */
  readonly clean: boolean;
  /** A write failed and the doc could not be reloaded. */
  readonly broken: boolean;
  /** Run `run` once the writes queued now have landed (`ok`) or failed. */
  afterApplied(run: (ok: boolean) => void): void;
}

/** What recovery needs from its room. */
export interface RecoveryHost<P extends RecoveringPeer> {
  readonly ref: DocRef;
  readonly storage: DocumentStore;
  readonly logger: Logger;
  /** Which kept values the reload writes again (`authorsMayWrite`); all when unset. */
  readonly owedAllowed?: OwedFilter;
  /** The connected peers now. */
  peers(): IterableIterator<P>;
  /** Whether `peer` is still connected. */
  has(peer: P): boolean;
  /** The room is closing: the doc is not reloaded. */
  isClosing(): boolean;
  /** Resolves once the writes queued on the current log have landed (or failed). */
  queuedWritten(): Promise<void>;
  /** Take `loaded` as the room's doc (and a new log for it), dropping the lost one. */
  install(loaded: Loaded): void;
  /** The sync step 1 frame of the doc now held. */
  step1(): Uint8Array;
  /** Answer a step 1 held back while reloading (the reload has settled by then). */
  answerStep1(peer: P, stateVector: Uint8Array): void;
  /** The reload failed; every peer was closed: forget them and have the room dropped. */
  broken(): void;
}

/** The reload of one room's doc after a failed write, and the step-1 answers held back meanwhile. */
export class Recovery<P extends RecoveringPeer> {
  private reloading: Promise<void> | null = null;
  /** Step-1 answers to compute again once the doc is reloaded. */
  private unanswered: { peer: P; stateVector: Uint8Array }[] = [];
  /** What started the reload under way (or made it fail): see {@link Recovery.fault}. */
  private failure: unknown = null;

  constructor(private readonly host: RecoveryHost<P>) {}

  /** The reload under way, or null; nobody is served until it settles. */
  get pending(): Promise<void> | null {
    return this.reloading;
  }

  /**
   * What the room refuses writes for: the error that started the reload under way (a failed
   * write, an apply that threw) or that the failed reload threw; null once reloaded.
   */
  get fault(): unknown {
    return this.failure;
  }

  /**
   * Resolves when the room's doc holds only stored state: at once when nothing is pending, else
   * after the pending writes of `log()` (the room's log now; a reload replaces it), or the reload
   * after one failed. Rejects with a `StorageUnavailableError` when the doc could not be reloaded;
   * with `refuseFault`, also (503, {@link roomUnavailable}'s words) when a reload was under way or
   * began meanwhile: a write failed, so an edit the room took is not stored, and whoever waits to
   * act on what storage holds (a deletion checking nobody else wrote) must not act on it.
   */
  settled(log: () => SettlingLog, options: { refuseFault?: boolean } = {}): Promise<void> {
    return new Promise((resolve, reject) => {
      let faulted = false;
      let fault: unknown = null;
      const wait = (): void => {
        const reloading = this.reloading;
        if (reloading) {
          if (!faulted) fault = this.failure;
          faulted = true;
          return void reloading.then(wait, reject);
        }
        const now = log();
        if (now.clean) return faulted && options.refuseFault ? reject(roomUnavailable(fault)) : resolve();
        if (now.broken) return reject(new StorageUnavailableError('the document could not be reloaded after a failed write'));
        now.afterApplied(() => queueMicrotask(wait));
      };
      wait();
    });
  }

  /** Answer `peer`'s step 1 once the doc is reloaded (it was asked during a reload, or its answer was lost). */
  hold(peer: P, stateVector: Uint8Array): void {
    this.unanswered.push({ peer, stateVector });
  }

  /**
   * After a failed write: close the writers whose updates were lost (`origins`, null for
   * server-side writes), reload the doc from storage, then answer the step-1s held back and ask
   * every peer for what it has that storage lacks. `why` is logged with `err`.
   */
  start(err: unknown, origins: Set<P | null>, why: string): void {
    if (err instanceof DocRecordGoneError) return this.deleted(err);
    const host = this.host;
    logLoadFailure(host.logger, err, host.ref, why);
    this.failure = err;
    // A write refused in words (the document's key gone under this process, `KeylessHistoryError`) is said so: a retry meets it again.
    const [code, reason]: [number, string] = err instanceof KeylessHistoryError ? loadFailureClose(err) : [CloseCode.unavailable, 'Storage failure, send your changes again later'];
    for (const origin of origins) origin?.close(code, reason);
    if (host.isClosing()) return;
    this.reloading = (async () => {
      // Writes already queued (when a throwing apply, not a failed write, brought us here) land first.
      await host.queuedWritten();
      let loaded: Loaded;
      try {
        loaded = await loadDoc(host.ref, host.storage, host.logger, host.owedAllowed);
      } catch (loadErr) {
        logLoadFailure(host.logger, loadErr, host.ref, 'reloading the document failed; unloading it');
        // A refusal in words (damaged, keyless) is said with its own close; any other failure is retried.
        const [failCode, failReason] = loadFailureClose(loadErr);
        for (const peer of [...host.peers()]) peer.close(failCode, failCode === CloseCode.unavailable ? 'Storage failure, reconnecting' : failReason);
        this.unanswered = [];
        this.failure = loadErr;
        host.broken();
        throw loadErr;
      }
      host.install(loaded);
      this.reloading = null;
      this.failure = null;
      const step1 = host.step1();
      for (const { peer, stateVector } of this.unanswered.splice(0)) {
        if (host.has(peer)) host.answerStep1(peer, stateVector);
      }
      for (const peer of host.peers()) peer.send(step1);
    })();
    this.reloading.catch(() => undefined);
  }

  /**
   * The write was refused because the document was deleted meanwhile: close every peer as the
   * deletion does and have the room unloaded; nothing is reloaded, so nothing more is stored.
   */
  private deleted(err: DocRecordGoneError): void {
    const host = this.host;
    host.logger.info({ ref: host.ref }, 'the document was deleted while a change of it was being written; closing its room');
    this.failure = err;
    this.unanswered = [];
    for (const peer of [...host.peers()]) peer.close(CloseCode.notFound, RIGHTS_REASONS.deleted);
    if (!host.isClosing()) host.broken();
  }
}

/** The parts of a room {@link roomRecoveryHost} reads, each as it is when called, and what it does for the reload. */
export interface RecoveringRoom<P extends RecoveringPeer> extends Pick<RecoveryHost<P>, 'isClosing' | 'install' | 'step1' | 'answerStep1'> {
  /** The document's record now (the reload writes again what its authors may write, `authorsMayWrite`). */
  record(): DocRecord;
  /** The room's current write log. */
  log(): { afterApplied(run: () => void): void };
  /** The reload failed: the room is to be dropped (its peers are forgotten first). */
  broken(): void;
}

/** The {@link RecoveryHost} of a room on `ref` with `deps` and `peers` (`room.ts`). */
export function roomRecoveryHost<P extends RecoveringPeer>(
  ref: DocRef,
  deps: Pick<RoomDeps, 'storage' | 'records' | 'auth' | 'locks' | 'logger'>,
  peers: { keys(): IterableIterator<P>; has(peer: P): boolean; clear(): void },
  room: RecoveringRoom<P>,
): RecoveryHost<P> {
  return {
    ref,
    storage: deps.storage,
    logger: deps.logger,
    owedAllowed: authorsMayWrite(ref, room.record, deps),
    peers: () => peers.keys(),
    has: (peer) => peers.has(peer),
    isClosing: room.isClosing,
    queuedWritten: () => {
      const log = room.log();
      return new Promise<void>((resolve) => log.afterApplied(() => resolve()));
    },
    install: room.install,
    step1: room.step1,
    answerStep1: room.answerStep1,
    broken: () => {
      peers.clear();
      room.broken();
    },
  };
}
