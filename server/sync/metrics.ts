/**
 * What the sync layer reports about itself. The HTTP side backs this with prom-client
 * (`/metrics`); tests and benches can pass {@link noopSyncMetrics} or a recording fake.
 */
import { CloseCode, type CloseCodeValue } from '../../shared/protocol/close-codes.js';

/** Why a frame was refused; one label value of the refused-frames counter. */
export type RefusalReason =
  | 'bad-frame'
  | 'too-large'
  | 'rate-limited'
  | 'refused-update'
  /** An update refused and taken back, told to a client that asked for notices; its socket stayed open. */
  | 'refusal-notice'
  | 'forbidden'
  | 'viewer-update'
  /** A write after the token expired. */
  | 'unauthorized'
  /** An awareness entry dropped: too large, unknown shape, a personnummer, or another's client id. */
  | 'presence'
  /** Relayed frames a client did not read fast enough; its socket was closed. */
  | 'slow-reader'
  /** A client's copy of a deleted document of the same id, refused before it was taken in. */
  | 'replaced'
  /** A change to an archived document (4423). */
  | 'archived'
  /** The document could not be served: storage failed or it is being reloaded (1011). */
  | 'unavailable'
  /** No such workspace or document (4404). */
  | 'not-found'
  /** The document's stored history does not decode (4500). */
  | 'damaged'
  /** The document's key in the store is gone while changes under a key no document has may be its history (4409). */
  | 'keyless'
  /** Closed with 1013 for a reason without a label of its own. */
  | 'try-again-later'
  /**
   * A process cut from the others could not read the rights before a frame (1013,
   * `rights-fence.ts`): storage's fault, not the client's.
   */
  | 'rights-unchecked'
  /** More changes before the first sync than the socket holds while it waits for them (1013). */
  | 'too-early'
  /** A socket closed as the server went away (1001). */
  | 'going-away'
  /** A close code not in {@link CloseCode}. */
  | 'other';

/**
 * The refused-frames label of a socket closed with each close code: every code has one, so no
 * close is counted under another's reason. A cause of 1013 that has a label of its own
 * (`rights-unchecked`, `too-early`, `slow-reader`) is counted under it by its caller.
 */
export const REFUSAL_BY_CODE: Readonly<Record<CloseCodeValue, RefusalReason>> = {
  [CloseCode.goingAway]: 'going-away',
  [CloseCode.unavailable]: 'unavailable',
  [CloseCode.tryAgainLater]: 'try-again-later',
  [CloseCode.messageTooBig]: 'too-large',
  [CloseCode.badFrame]: 'bad-frame',
  [CloseCode.unauthorized]: 'unauthorized',
  [CloseCode.forbidden]: 'forbidden',
  [CloseCode.notFound]: 'not-found',
  [CloseCode.replaced]: 'replaced',
  [CloseCode.tooLarge]: 'too-large',
  [CloseCode.updateRefused]: 'refused-update',
  [CloseCode.archived]: 'archived',
  [CloseCode.rateLimited]: 'rate-limited',
  [CloseCode.damaged]: 'damaged',
  [CloseCode.keyless]: 'keyless',
};

/** The refused-frames label of a close with `code` ({@link REFUSAL_BY_CODE}; `other` for a code not listed). */
export function refusalOf(code: number): RefusalReason {
  return (REFUSAL_BY_CODE as Readonly<Record<number, RefusalReason>>)[code] ?? 'other';
}

/** Counters, one histogram and two gauges, named by what they count. */
export interface SyncMetrics {
  /** One client frame received (any type). */
  frameReceived(): void;
  /** One client frame refused or dropped, by reason. */
  frameRefused(reason: RefusalReason): void;
  /** Time from handing a batch to storage until the write resolved, in seconds. */
  persistSeconds(seconds: number): void;
  /** Open sync sockets right now. */
  connections(count: number): void;
  /** Loaded rooms right now. */
  rooms(count: number): void;
}

/** Metrics that go nowhere. */
export const noopSyncMetrics: SyncMetrics = {
  frameReceived() {},
  frameRefused() {},
  persistSeconds() {},
  connections() {},
  rooms() {},
};
