/**
 * The manager's side of the indicator documents: connects the workspace's indicator catalog(s) and
 * indicator-values documents with the sync client — read-only when the token is a viewer's, since
 * the server drops a viewer's updates and nothing here writes — and serves them as one live
 * {@link IndicatorTableSource}.
 */
import * as Y from 'yjs';
import type { Localized } from '../../shared/schema/types.js';
import { connectDoc, type ConnectOptions, type DocConnection } from '../sync/connect-doc.js';
import type { ConnectionStatus } from '../sync/connection-status.js';
import { docIndicatorSource, type DisposableSource, type DocSourceOptions } from './indicator-source.js';

/** Options of {@link connectIndicatorSource}. */
export interface IndicatorConnectOptions extends DocSourceOptions {
  serverUrl: string;
  workspace: string;
  /** A viewer token is enough. */
  token: string;
  /**
   * The signed-in member's id: the documents' offline copies are theirs (`offline-copy.ts`); none
   * is kept without one, as for any connection.
   */
  member?: string | undefined;
  /** Ids of the `indicator-catalog` documents. */
  catalogIds: readonly string[];
  /** Ids of the `indicator-values` documents. */
  valueIds: readonly string[];
  /** Passed to every `connectDoc` (e.g. `indexeddb`, `WebSocketPolyfill` in Node). */
  connect?: Partial<Pick<ConnectOptions, 'indexeddb' | 'WebSocketPolyfill' | 'maxBackoffMs' | 'offlineAfterAttempts'>>;
}

/** A connected source. */
export interface ConnectedIndicatorSource {
  source: DisposableSource;
  connections: readonly DocConnection[];
  /** Resolves when every document has synced with the server once. */
  whenSynced(): Promise<void>;
  /** Stops the source and closes the connections. */
  destroy(): Promise<void>;
}

/**
 * Connects the indicator documents and returns their live source.
 *
 * @example
 * const live = connectIndicatorSource({ serverUrl, workspace: 'hbi-stockholm', token: viewerToken,
 *   catalogIds: ['indikatorkatalog'], valueIds: ['indikatorvarden'] });
 * await live.whenSynced();
 * const pulled = await pullIndicatorTable(run, live.source, { filter, lang: 'sv' });
 */
export function connectIndicatorSource(options: IndicatorConnectOptions): ConnectedIndicatorSource {
  const open = (docId: string) => {
    const doc = new Y.Doc();
    const connection = connectDoc({ serverUrl: options.serverUrl, workspace: options.workspace, docId, token: options.token, doc, member: options.member, ...options.connect });
    return { doc, connection };
  };
  const catalogs = options.catalogIds.map(open);
  const values = options.valueIds.map(open);
  const connections = [...catalogs, ...values].map((c) => c.connection);
  const docs = docIndicatorSource(
    catalogs.map((c) => c.doc),
    values.map((c) => c.doc),
    undefined,
    { ...(options.validated !== undefined ? { validated: options.validated } : {}), ...(options.units ? { units: options.units } : {}) },
  );
  const source: DisposableSource = { ...docs, onEnded: (listener) => onEnded(connections, listener) };
  return {
    source,
    connections,
    async whenSynced() {
      await Promise.all(connections.map((c) => c.whenSynced()));
    },
    async destroy() {
      docs.dispose();
      await Promise.all(connections.map((c) => c.destroy()));
    },
  };
}

/** Why a connection stopped for good (`refused`: the server closed it and it is not retried), or null. */
function endedBy(status: ConnectionStatus): Localized | null {
  return status.state === 'refused' && status.refusal ? status.refusal.message : null;
}

/**
 * Calls `listener` once when one of `connections` stops for good (see
 * `IndicatorTableSource.onEnded`), at once if one has; returns the unsubscribe function.
 */
function onEnded(connections: readonly DocConnection[], listener: (reason: Localized) => void): () => void {
  let told = false;
  const tell = (status: ConnectionStatus): void => {
    const reason = endedBy(status);
    if (reason === null || told) return;
    told = true;
    stop();
    listener(reason);
  };
  const stops = connections.map((c) => c.onStatus(tell));
  const stop = (): void => {
    for (const s of stops.splice(0)) s();
  };
  for (const c of connections) tell(c.status);
  return stop;
}
