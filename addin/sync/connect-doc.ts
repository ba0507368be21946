/**
 * The pane's connection of one Y.Doc to the sync server (`/v1/sync/:workspace/:doc`) with the
 * stock y-websocket protocol, plus an IndexedDB copy so that edits made offline survive a
 * closed pane and merge on reconnect.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode, FATAL_CLOSE_CODES } from '../../shared/protocol/close-codes.js';
import { Limits } from '../../shared/protocol/limits.js';
import { findPersonnummer } from '../../shared/validate/personnummer.js';
import { refusalFor, type ConnectionState, type ConnectionStatus, type Refusal } from './connection-status.js';

/** The verdict of a local pre-send check; same shape as `shared/validate`'s `checkUpdate`. */
export type UpdateVerdict = { ok: true } | { ok: false; code: string; message: { sv: string; en: string } };

/** Checks one local update before it is sent. */
export type UpdateCheck = (doc: Y.Doc, update: Uint8Array) => UpdateVerdict;

/**
 * The server's content rules that a local update can break, checked on the update's own
 * values: no personnummer or samordningsnummer and no string over the limit. (`checkUpdate`
 * of `shared/validate` judges an update against the doc *before* it, which on the client has
 * already applied it when the update event fires.)
 */
export function checkOwnUpdate(_doc: Y.Doc, update: Uint8Array): UpdateVerdict {
  let structs: unknown[];
  try {
    structs = Y.decodeUpdate(update).structs;
  } catch {
    return { ok: true };
  }
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    for (const value of struct.content.getContent() as unknown[]) {
      if (typeof value !== 'string') continue;
      if (value.length > Limits.maxStringLength) {
        return { ok: false, code: 'string-too-long', message: { sv: `En text är längre än ${Limits.maxStringLength} tecken.`, en: `A text is longer than ${Limits.maxStringLength} characters.` } };
      }
      if (findPersonnummer(value)) {
        return {
          ok: false,
          code: 'personnummer',
          message: {
            sv: 'Ändringen innehåller ett personnummer eller samordningsnummer och skickas inte. Ett telefonnummer skrivs som 070-123 45 67.',
            en: 'The change contains a personal identity number and is not sent. Write a phone number as 070-123 45 67.',
          },
        };
      }
    }
  }
  return { ok: true };
}

/** Options of {@link connectDoc}. */
export interface ConnectOptions {
  /** Base URL of the server, `ws(s)://host[:port]` (an `http(s)` URL is accepted too). */
  serverUrl: string;
  workspace: string;
  docId: string;
  token: string;
  doc: Y.Doc;
  /** Keep an offline copy in IndexedDB (default true when `indexedDB` exists). */
  indexeddb?: boolean;
  /** A WebSocket class for Node (e.g. `ws`); browsers use their own. */
  WebSocketPolyfill?: unknown;
  /** Upper bound of the reconnect backoff in ms (default 10 s). */
  maxBackoffMs?: number;
  /** Failed attempts in a row after which the state says `offline` (default 3). */
  offlineAfterAttempts?: number;
  /** Runs on every local update before it is sent; a refused update is held back (default: {@link checkOwnUpdate}). */
  checkUpdate?: UpdateCheck;
  /** Start disconnected (default false). */
  connect?: boolean;
}

/** A live connection; see {@link connectDoc}. */
export interface DocConnection {
  readonly status: ConnectionStatus;
  /** Presence of everyone on the document (y-protocols awareness), relayed by the server. */
  readonly awareness: Awareness;
  /** Calls `listener` on every status change; returns the unsubscribe function. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  /** Resolves when the offline copy is loaded into the doc (at once without IndexedDB). */
  readonly whenLoaded: Promise<void>;
  /** Resolves the next time the doc is in sync with the server. */
  whenSynced(): Promise<void>;
  /** Goes offline on purpose; local edits keep counting as pending. */
  disconnect(): void;
  /** Connects again, also after a refusal (e.g. with a new token). */
  connect(token?: string): void;
  /** Closes the socket and the offline store. */
  destroy(): Promise<void>;
}

/** How many 4422 refusals within {@link REFUSAL_WINDOW_MS} end the reconnecting. */
export const MAX_REFUSALS_IN_A_ROW = 3;
/** The window in which repeated refusals count as the same change being refused again. */
export const REFUSAL_WINDOW_MS = 60_000;

/**
 * Connects `doc` to `serverUrl/v1/sync/:workspace/:docId?token=…` and keeps it connected:
 * y-websocket's exponential backoff on drops, no retry after 4401/4403/4404, the reason of a
 * 4422 kept as `lastRefusal`, and no more retries after {@link MAX_REFUSALS_IN_A_ROW} of them.
 *
 * @example
 * const conn = connectDoc({ serverUrl: 'wss://samplan.example', workspace: 'hbi-stockholm',
 *   docId: 'plan-fittja-2026', token, doc });
 * await conn.whenLoaded;
 * conn.onStatus((s) => statusBar.show(s.state, s.pendingLocalChanges));
 */
export function connectDoc(options: ConnectOptions): DocConnection {
  const { doc } = options;
  const check: UpdateCheck = options.checkUpdate ?? checkOwnUpdate;
  const offlineAfter = options.offlineAfterAttempts ?? 3;
  const listeners = new Set<(status: ConnectionStatus) => void>();
  let status: ConnectionStatus = { state: 'connecting', pendingLocalChanges: 0, refusal: null, lastRefusal: null };
  let wasOnline = false;
  let wantOffline = false;
  // A change the server refuses is in the local state and is sent again on every reconnect
  // (the client counts as synced before the server has judged it); after a few refusals in a
  // short time, stop and tell the user instead of looping.
  let refusedAt: number[] = [];
  const tooManyRefusals = (): boolean => refusedAt.length >= MAX_REFUSALS_IN_A_ROW;

  const set = (patch: Partial<ConnectionStatus>): void => {
    status = { ...status, ...patch };
    for (const listener of listeners) listener(status);
  };

  const useIdb = options.indexeddb ?? typeof indexedDB !== 'undefined';
  const persistence = useIdb ? new IndexeddbPersistence(`samplan:${options.workspace}:${options.docId}`, doc) : null;
  const whenLoaded = persistence ? persistence.whenSynced.then(() => undefined) : Promise.resolve();

  const base = options.serverUrl.replace(/^http/, 'ws').replace(/\/+$/, '');
  const provider = new WebsocketProvider(`${base}/v1/sync/${encodeURIComponent(options.workspace)}`, encodeURIComponent(options.docId), doc, {
    connect: false,
    params: { token: options.token },
    disableBc: true,
    maxBackoffTime: options.maxBackoffMs ?? 10_000,
    shouldReconnect: (event) => {
      if (FATAL_CLOSE_CODES.includes(event.code)) return false;
      if (event.code === CloseCode.updateRefused) {
        const now = Date.now();
        refusedAt = [...refusedAt.filter((t) => now - t < REFUSAL_WINDOW_MS), now];
        return !tooManyRefusals();
      }
      return true;
    },
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill as typeof WebSocket } : {}),
  });

  // Hold back local updates that the server would refuse, so the user sees why in Problems
  // instead of losing the connection.
  doc.off('update', provider._updateHandler);
  const guardedUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === provider) return;
    if (origin !== persistence) {
      const verdict = check(doc, update);
      if (!verdict.ok) {
        const refusal: Refusal = { code: 0, reason: verdict.code, message: verdict.message };
        set({ lastRefusal: refusal });
        return;
      }
    }
    if (origin !== persistence && !(provider.wsconnected && provider.synced)) {
      set({ pendingLocalChanges: status.pendingLocalChanges + 1 });
    }
    provider._updateHandler(update, origin);
  };
  doc.on('update', guardedUpdate);

  const stateWhileDown = (): ConnectionState => {
    if (wantOffline) return 'offline';
    if (provider.wsUnsuccessfulReconnects >= offlineAfter) return 'offline';
    return wasOnline ? 'reconnecting' : 'connecting';
  };

  provider.on('sync', (synced: boolean) => {
    if (synced) {
      wasOnline = true;
      set({ state: 'online', pendingLocalChanges: 0, refusal: null });
    }
  });
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event && event.code === CloseCode.updateRefused) set({ lastRefusal: refusalFor(event.code, event.reason) });
    if (event && (FATAL_CLOSE_CODES.includes(event.code) || tooManyRefusals())) return;
    set({ state: stateWhileDown() });
  });
  provider.on('closed', (event: { code: number; reason: string }) => {
    set({ state: 'refused', refusal: refusalFor(event.code, event.reason) });
  });
  provider.on('status', (event: { status: string }) => {
    if (event.status === 'connecting' && status.state !== 'offline') set({ state: stateWhileDown() });
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
    whenLoaded,
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
      set({ state: 'offline' });
    },
    connect(token) {
      wantOffline = false;
      refusedAt = [];
      if (token !== undefined) provider.params = { ...provider.params, token };
      set({ state: wasOnline ? 'reconnecting' : 'connecting', refusal: null });
      provider.connect();
    },
    async destroy() {
      doc.off('update', guardedUpdate);
      provider.destroy();
      if (persistence) await persistence.destroy();
    },
  };
}
