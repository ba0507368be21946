/**
 * What the sync layer reports about itself. The HTTP side backs this with prom-client
 * (`/metrics`); tests and benches can pass {@link noopSyncMetrics} or a recording fake.
 */
import { CloseCode } from '../../shared/protocol/close-codes.js';

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
  | 'replaced';

/** The refused-frames label of a socket closed with a close code (`bad-frame` for one not listed). */
export const REFUSAL_BY_CODE: Readonly<Record<number, RefusalReason>> = {
  [CloseCode.badFrame]: 'bad-frame',
  [CloseCode.tooLarge]: 'too-large',
  [CloseCode.rateLimited]: 'rate-limited',
  [CloseCode.forbidden]: 'forbidden',
  [CloseCode.unauthorized]: 'unauthorized',
  [CloseCode.updateRefused]: 'refused-update',
  [CloseCode.replaced]: 'replaced',
};

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
