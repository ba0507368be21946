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
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { docIndicatorSource, type DisposableSource, type DocSourceOptions, type SourceChange, type UnreadableValues } from './indicator-source.js';

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
  /** The unit owning each values document (id → unit code), to name one left out as unreadable. */
  valueOwners?: Readonly<Record<string, string | null>>;
  /** Passed to every `connectDoc` (e.g. `indexeddb`, `WebSocketPolyfill` in Node). */
  connect?: Partial<Pick<ConnectOptions, 'indexeddb' | 'WebSocketPolyfill' | 'maxBackoffMs' | 'offlineAfterAttempts'>>;
}

/** A connected source. */
export interface ConnectedIndicatorSource {
  source: DisposableSource;
  connections: readonly DocConnection[];
  /** Resolves when every document has synced with the server once, or (a values document) was found unreadable. */
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
  // A values document the server cannot read (4500) is left out and named, not an end of the
  // table: the other clinics' values stay live. Any other final close ends the source (onEnded).
  const unreadable: UnreadableValues[] = [];
  const listeners = new Set<(change: SourceChange | null) => void>();
  const watched = values.map(({ connection }, i) => {
    const doc = options.valueIds[i] ?? '';
    let found = (): void => undefined;
    // Resolves once the document is found unreadable: waiting for its sync would wait forever.
    const damaged = new Promise<void>((resolve) => (found = resolve));
    const check = (status: ConnectionStatus): void => {
      if (!isDamaged(status) || unreadable.some((u) => u.doc === doc)) return;
      unreadable.push({ doc, ownerUnit: options.valueOwners?.[doc] ?? null });
      found();
      for (const l of [...listeners]) l(null);
    };
    check(connection.status);
    return { connection, damaged, stop: connection.onStatus(check) };
  });
  const source: DisposableSource = {
    ...docs,
    subscribe(cb) {
      listeners.add(cb);
      const off = docs.subscribe(cb);
      return () => {
        listeners.delete(cb);
        off();
      };
    },
    unreadable: () => [...unreadable],
    onEnded: (listener) => onEnded(connections, listener, catalogs.map((k) => k.connection)),
  };
  return {
    source,
    connections,
    async whenSynced() {
      await Promise.all([...catalogs.map((c) => c.connection.whenSynced()), ...watched.map((w) => Promise.race([w.connection.whenSynced(), w.damaged]))]);
    },
    async destroy() {
      for (const w of watched) w.stop();
      docs.dispose();
      await Promise.all(connections.map((c) => c.destroy()));
    },
  };
}

/** True when the server closed the connection because it cannot read the document (4500). */
function isDamaged(status: ConnectionStatus): boolean {
  return status.state === 'refused' && status.refusal?.code === CloseCode.damaged;
}

/** Why a connection stopped for good (`refused`: the server closed it and it is not retried), or null. */
function endedBy(status: ConnectionStatus): Localized | null {
  return status.state === 'refused' && status.refusal ? status.refusal.message : null;
}

/**
 * Calls `listener` once when one of `connections` stops for good (see
 * `IndicatorTableSource.onEnded`), at once if one has; returns the unsubscribe function. A values
 * document (not one of `catalogs`) the server cannot read does not count: it is left out and
 * named (`unreadable`); a damaged catalog does, since its definitions judge every row.
 */
function onEnded(connections: readonly DocConnection[], listener: (reason: Localized) => void, catalogs: readonly DocConnection[]): () => void {
  let told = false;
  const tell = (status: ConnectionStatus, connection: DocConnection): void => {
    if (isDamaged(status) && !catalogs.includes(connection)) return;
    const reason = endedBy(status);
    if (reason === null || told) return;
    told = true;
    stop();
    listener(reason);
  };
  const stops = connections.map((c) => c.onStatus((status) => tell(status, c)));
  const stop = (): void => {
    for (const s of stops.splice(0)) s();
  };
  for (const c of connections) tell(c.status, c);
  return stop;
}
