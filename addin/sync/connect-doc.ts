/**
 * The pane's connection of one Y.Doc to the sync server (`/v1/sync/:workspace/:doc`) with the
 * stock y-websocket protocol, plus an IndexedDB copy so that edits made offline survive a
 * closed pane and merge on reconnect.
 */
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { metaOf } from '../../shared/doc/create.js';
import { CloseCode, FATAL_CLOSE_CODES } from '../../shared/protocol/close-codes.js';
import { Limits } from '../../shared/protocol/limits.js';
import { isDocKind } from '../../shared/schema/index.js';
import type { DocKind, Localized } from '../../shared/schema/types.js';
import { checkUpdate } from '../../shared/validate/check-update.js';
import { StorageBackoff, type StorageBackoffOptions } from './backoff.js';
import { refusalFor, retryFor, type ConnectionState, type ConnectionStatus } from './connection-status.js';
import { offlineCopy } from './offline-copy.js';
import { awaitsFirstFetch, isReady } from './ready-state.js';
import { SendGate, type UpdateCheck } from './send-gate.js';
import { MAX_NOTICE_ROWS, NOTICES_ON, NOTICES_PARAM, NoticeType, readNotice, type DocStateNotice } from '../../shared/protocol/notices.js';

export type { UpdateCheck, UpdateVerdict } from './send-gate.js';
export { awaitsFirstFetch, isReady } from './ready-state.js';

/**
 * Close codes after which the pane does not reconnect on its own: the fatal ones, and every
 * refusal of a change (malformed, too large, refused). Reconnecting would send the same change
 * again, so the change stays here, the status says why, and "Försök igen" tries once more.
 */
export const TERMINAL_CLOSE_CODES: readonly number[] = [
  ...FATAL_CLOSE_CODES,
  CloseCode.badFrame,
  CloseCode.tooLarge,
  CloseCode.messageTooBig,
  CloseCode.updateRefused,
  CloseCode.archived,
];

/**
 * The server's own check (`checkUpdate` of `shared/validate`) for a doc of `kind`. While no kind
 * is known at all (a new, empty doc before its first sync), cells cannot be judged here and are
 * left to the server rather than taken back.
 */
export function checkFor(kind: string | undefined): UpdateCheck {
  const known: DocKind | undefined = kind !== undefined && isDocKind(kind) ? kind : undefined;
  return (before, update) => {
    const verdict = checkUpdate(before, update, known ? { kind: known } : {});
    if (!verdict.ok && verdict.code === 'unknown-column' && known === undefined && metaOf(before)?.kind === undefined) return { ok: true };
    return verdict;
  };
}

/** Options of {@link connectDoc}. */
export interface ConnectOptions {
  /** Base URL of the server, `ws(s)://host[:port]` (an `http(s)` URL is accepted too). */
  serverUrl: string;
  workspace: string;
  docId: string;
  token: string;
  doc: Y.Doc;
  /**
   * Keep an offline copy in IndexedDB (default true when `indexedDB` exists; only with a
   * `member`). When it cannot be kept (no IndexedDB, quota, a deleted database), the status says
   * so in `offlineStore`.
   */
  indexeddb?: boolean;
  /**
   * The signed-in member's id (`Me.memberId`): the offline copy is this member's own, so another
   * person signed in later on the same computer never opens or sends its unsent edits
   * (`offline-copy.ts`, `offlineCopyName`). Absent or empty: no offline copy is kept or opened,
   * whatever `indexeddb` says.
   */
  member?: string | undefined;
  /** The IndexedDB to keep it in (default the browser's `indexedDB`). */
  indexedDBFactory?: IDBFactory;
  /** A WebSocket class for Node (e.g. `ws`); browsers use their own. */
  WebSocketPolyfill?: unknown;
  /** Upper bound of the reconnect backoff in ms (default 10 s). */
  maxBackoffMs?: number;
  /** After an offline-copy fault, the next change tries the copy again once this long has passed (ms; default 30 s). */
  offlineRetryMs?: number;
  /** Failed attempts in a row after which the state says `offline` (default 3). */
  offlineAfterAttempts?: number;
  /** The document kind, for the local check before the doc's metadata has arrived. */
  kind?: string;
  /** The person may only read this document: the connection sends no update (see `SendGate`). */
  readOnly?: boolean;
  /**
   * Runs on every local update against the state before it; a refused update is taken back out
   * of the doc and shown as `lastRefusal` (default: the server's `checkUpdate`, see {@link checkFor}).
   */
  checkUpdate?: UpdateCheck;
  /** Largest frame sent, in bytes (default `Limits.maxFrameBytes`); bigger changes go in several. */
  maxFrameBytes?: number;
  /** Backoff after the server says its storage fails (`CloseCode.unavailable`). */
  storageBackoff?: StorageBackoffOptions;
  /** Start disconnected (default false). */
  connect?: boolean;
  /**
   * Ask the server for notices (`shared/protocol/notices.ts`, default true): a change it refuses
   * for rights, a locked row or an archived document is then taken back by the server and named
   * in `lastRefusal` while the socket stays open, and {@link DocConnection.onDocState} hears of
   * archiving and restoring at once. Without, such a refusal closes the socket as for any
   * y-websocket client.
   */
  notices?: boolean;
}

/** A live connection; see {@link connectDoc}. */
export interface DocConnection {
  readonly status: ConnectionStatus;
  /** Presence of everyone on the document (y-protocols awareness), relayed by the server. */
  readonly awareness: Awareness;
  /** Calls `listener` on every status change; returns the unsubscribe function. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  /**
   * Calls `listener` when the server says the document was archived or restored while it is
   * open (only with notices); returns the unsubscribe function.
   */
  onDocState(listener: (state: DocStateNotice) => void): () => void;
  /** Resolves when the offline copy is loaded into the doc (at once without IndexedDB). */
  readonly whenLoaded: Promise<void>;
  /**
   * Resolves once the doc holds the document: the server's state (its first sync), or, while
   * the server cannot be reached or refuses the connection, the offline copy loaded from
   * IndexedDB. Never while the doc is still empty: a sheet bound to an empty doc would take the
   * rows it shows for deleted and what is typed for new rows. See {@link isReady}.
   */
  readonly whenReady: Promise<void>;
  /**
   * True while the document waits for its first fetch with no way to get it now: the connection
   * is offline, it has never synced, and there is no offline copy (a document opened for the
   * first time without the network). The connection keeps trying (the backoff, or at once when
   * the browser is back online) and {@link whenReady} resolves when the document arrives. See
   * {@link awaitsFirstFetch}.
   */
  readonly unfetched: boolean;
  /** Resolves the next time the doc is in sync with the server. */
  whenSynced(): Promise<void>;
  /** Whether the server is known to hold the struct `id`; whether `id` was made on this computer (`SendGate`). */
  serverHas(id: Y.ID): boolean;
  madeHere(id: Y.ID): boolean;
  /**
   * The sentence of the server's notice that refused a change of row `rowId` and takes it back
   * (`RefusalNotice.rows`), until {@link tookBack} says its take-back arrived; undefined for any
   * other row. Lets `lost-writes.ts` name each refused cell with the text typed there.
   */
  takenBack(rowId: string): Localized | undefined;
  /** The take-back of row `rowId` arrived: {@link takenBack} forgets it. */
  tookBack(rowId: string): void;
  /** Goes offline on purpose; local edits keep counting as pending. */
  disconnect(): void;
  /** Connects again, also after a refusal (e.g. with a new token). */
  connect(token?: string): void;
  /** Closes the socket and the offline store. */
  destroy(): Promise<void>;
  /**
   * Closes the socket and deletes the offline copy (IndexedDB) with every change in it that the
   * server lacks: for "Återställ till den delade versionen" once those changes are kept elsewhere
   * or given up. Rejects when the copy could not be deleted.
   */
  discard(): Promise<void>;
}

/**
 * Connects `doc` to `serverUrl/v1/sync/:workspace/:docId?token=…` and keeps it connected with
 * the y-websocket protocol. Every local change is first checked against the state before it
 * (see `send-gate.ts`); a refused one is taken back out of the doc and named in `lastRefusal`
 * while the connection stays up. Drops reconnect with y-websocket's backoff; a storage failure
 * on the server (`CloseCode.unavailable`) with a backoff that only grows until a connection
 * stays up; a refusal by the server ({@link TERMINAL_CLOSE_CODES}) stops for good, keeps the
 * change here (counted as pending) and waits for `connect()`.
 *
 * @example
 * const conn = connectDoc({ serverUrl: 'wss://samplan.example', workspace: 'hbi-stockholm',
 *   docId: 'plan-fittja-2026', token, doc, kind: 'activity-plan' });
 * await conn.whenLoaded;
 * conn.onStatus((s) => statusBar.show(s.state, s.pendingLocalChanges));
 */
export function connectDoc(options: ConnectOptions): DocConnection {
  const { doc } = options;
  const offlineAfter = options.offlineAfterAttempts ?? 3;
  const maxBackoff = options.maxBackoffMs ?? 10_000;
  const listeners = new Set<(status: ConnectionStatus) => void>();
  const docStateListeners = new Set<(state: DocStateNotice) => void>();
  let status: ConnectionStatus = { state: 'connecting', pendingLocalChanges: 0, refusal: null, lastRefusal: null, retry: null, offlineStore: null };
  let wasOnline = false;
  let wantOffline = false;
  const storage = new StorageBackoff(options.storageBackoff);
  /** Destroyed or discarded: the socket and the offline store are closed. */
  let ended = false;

  let loaded = false;
  let markReady: () => void = () => undefined;
  const whenReady = new Promise<void>((resolve) => (markReady = resolve));
  const checkReady = (): void => {
    if (isReady(status.state, provider.synced, loaded, doc.store.clients.size > 0)) markReady();
  };

  const set = (patch: Partial<ConnectionStatus>): void => {
    status = { ...status, ...patch };
    checkReady();
    for (const listener of listeners) listener(status);
  };

  // The offline copy stores what the gate lets through, not every doc update: a refused change
  // (a personnummer) must not reach IndexedDB either. A copy that cannot be kept is said, once.
  const loadOrigin = {};
  const persistence = offlineCopy(options, doc, loadOrigin, (offlineStore) => set({ offlineStore }), () => status.offlineStore);
  const whenLoaded = persistence ? persistence.whenLoaded : Promise.resolve();
  void whenLoaded.then(() => {
    loaded = true;
    // What the copy brought that the server lacks was made on this computer (`lost-writes.ts`).
    if (persistence) gate.copyLoaded(Y.decodeStateVector(Y.encodeStateVector(doc)));
    // Listeners hear it too: a doc gone offline before its copy loaded may now await its first fetch.
    set({});
  });

  const base = options.serverUrl.replace(/^http/, 'ws').replace(/\/+$/, '');
  const provider = new WebsocketProvider(`${base}/v1/sync/${encodeURIComponent(options.workspace)}`, encodeURIComponent(options.docId), doc, {
    connect: false,
    params: { token: options.token, ...(options.notices === false ? {} : { [NOTICES_PARAM]: NOTICES_ON }) },
    disableBc: true,
    maxBackoffTime: maxBackoff,
    shouldReconnect: (event) => !TERMINAL_CLOSE_CODES.includes(event.code),
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill as typeof WebSocket } : {}),
  });
  doc.off('update', provider._updateHandler);

  const gate = new SendGate(doc, options.checkUpdate ?? checkFor(options.kind), (origin) => origin === provider || origin === loadOrigin, {
    send(frame) {
      const ws = provider.ws;
      if (!provider.wsconnected || ws === null || ws.readyState !== ws.OPEN) return false;
      ws.send(frame);
      return true;
    },
    store(update, origin) {
      if (persistence && origin !== loadOrigin) persistence.store(update);
    },
    refused(verdict, stuck) {
      const refusal = { code: 0, reason: verdict.code, message: verdict.message };
      if (!stuck) return set({ lastRefusal: refusal });
      set({ lastRefusal: refusal, refusal, state: 'refused' });
    },
    pendingChanged(pending) {
      if (pending !== status.pendingLocalChanges) set({ pendingLocalChanges: pending });
    },
  }, options.maxFrameBytes ?? Limits.maxFrameBytes, options.readOnly === true);
  provider.messageHandlers[0] = (_encoder, decoder, prov, emitSynced) => {
    if (gate.receive(decoder, prov) && emitSynced && !prov.synced) prov.synced = true;
  };
  /** Rows a refusal notice named, by id, with its sentence, until their take-back arrives (oldest first). */
  const takenBack = new Map<string, Localized>();
  // The server took a refused change back: its undo arrives as an ordinary update, the socket stays.
  provider.messageHandlers[NoticeType.refusal] = (_encoder, decoder) => {
    const notice = readNotice(NoticeType.refusal, decoder);
    if (notice?.type !== 'refusal') return;
    const { closeCode, code, reason, message, path, rows } = notice.refusal;
    for (const rowId of rows ?? []) {
      takenBack.delete(rowId);
      takenBack.set(rowId, message);
    }
    // Rows whose take-back never came (the doc reloaded meanwhile, say) are forgotten oldest first.
    for (const rowId of takenBack.keys()) {
      if (takenBack.size <= MAX_NOTICE_ROWS) break;
      takenBack.delete(rowId);
    }
    set({ lastRefusal: { code: closeCode, reason, message, notice: code, ...(path ? { path } : {}), ...(rows ? { rows } : {}) } });
  };
  provider.messageHandlers[NoticeType.docState] = (_encoder, decoder) => {
    const notice = readNotice(NoticeType.docState, decoder);
    if (notice?.type === 'doc-state') for (const listener of docStateListeners) listener(notice.state);
  };

  const stateWhileDown = (): ConnectionState => {
    if (wantOffline) return 'offline';
    if (storage.active) return 'reconnecting';
    if (provider.wsUnsuccessfulReconnects >= offlineAfter) return 'offline';
    return wasOnline ? 'reconnecting' : 'connecting';
  };

  provider.on('status', (event: { status: string }) => {
    if (event.status === 'connected') gate.opened();
    if (event.status === 'connecting' && status.state !== 'offline' && status.state !== 'refused') set({ state: stateWhileDown() });
  });
  provider.on('sync', (synced: boolean) => {
    if (!synced) return;
    wasOnline = true;
    storage.connected();
    if (!storage.active) provider.maxBackoffTime = maxBackoff;
    if (status.state !== 'refused') set({ state: 'online', refusal: null, retry: null });
    else if (status.retry) set({ retry: null });
    else checkReady();
  });
  provider.on('connection-close', (event: CloseEvent | null) => {
    const code = event?.code ?? 0;
    gate.closed(code === CloseCode.unavailable);
    // A failing store (1011) and a pane told it sends too fast (4429) are retried at waits that
    // only grow: y-websocket's own backoff restarts at every sync, so either would reconnect
    // every few hundred milliseconds, and a flood would meet the server's limit again at once.
    if (code === CloseCode.unavailable || code === CloseCode.rateLimited) {
      // y-websocket waits min(2^attempts × 100 ms, maxBackoffTime): make that exactly our wait.
      provider.maxBackoffTime = storage.failed();
      provider.wsUnsuccessfulReconnects = Math.max(provider.wsUnsuccessfulReconnects, 40);
    } else {
      storage.disconnected();
    }
    if (event && TERMINAL_CLOSE_CODES.includes(event.code)) {
      set({ lastRefusal: refusalFor(event.code, event.reason), retry: null });
      return;
    }
    // y-websocket counts this close, then waits min(2^count × 100 ms, maxBackoffTime): say when.
    const wait = Math.min(2 ** (provider.wsUnsuccessfulReconnects + 1) * 100, provider.maxBackoffTime);
    const retry = provider.shouldConnect && !wantOffline ? retryFor(code, event?.reason ?? '', Date.now() + wait) : null;
    if (status.state !== 'refused') set({ state: stateWhileDown(), retry });
  });
  provider.on('closed', (event: { code: number; reason: string }) => {
    set({ state: 'refused', refusal: refusalFor(event.code, event.reason), retry: null });
  });

  if (options.connect !== false) void whenLoaded.then(() => { if (!wantOffline) provider.connect(); });

  return {
    get status() {
      return status;
    },
    awareness: provider.awareness,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onDocState(listener) {
      docStateListeners.add(listener);
      return () => docStateListeners.delete(listener);
    },
    whenLoaded,
    whenReady,
    get unfetched() {
      return awaitsFirstFetch(status.state, provider.synced, loaded, doc.store.clients.size > 0);
    },
    serverHas: (id) => gate.serverHas(id),
    madeHere: (id) => gate.madeHere(id),
    takenBack: (rowId) => takenBack.get(rowId),
    tookBack: (rowId) => void takenBack.delete(rowId),
    whenSynced() {
      if (status.state === 'online' && provider.synced) return Promise.resolve();
      return new Promise((resolve) => {
        const onSync = (synced: boolean): void => {
          if (!synced) return;
          provider.off('sync', onSync);
          resolve();
        };
        provider.on('sync', onSync);
      });
    },
    disconnect() {
      wantOffline = true;
      provider.disconnect();
      set({ state: 'offline', retry: null });
    },
    connect(token) {
      wantOffline = false;
      if (token !== undefined) provider.params = { ...provider.params, token };
      // A change that can never be sent stays a refusal; the socket keeps bringing others' edits.
      if (!gate.isStuck) set({ state: wasOnline ? 'reconnecting' : 'connecting', refusal: null, retry: null });
      provider.connect();
    },
    async destroy() {
      if (ended) return;
      ended = true;
      gate.destroy();
      storage.destroy();
      provider.destroy();
      if (persistence) await persistence.destroy();
    },
    async discard() {
      if (!ended) {
        gate.destroy();
        storage.destroy();
        provider.destroy();
      }
      ended = true;
      if (persistence) await persistence.clearData();
    },
  };
}
