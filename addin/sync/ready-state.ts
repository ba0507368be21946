/**
 * When a connected doc holds its document ({@link isReady}) and when it waits for a first fetch
 * that cannot come ({@link awaitsFirstFetch}): pure rules on the connection's state, kept apart
 * from `connect-doc.ts`, which follows that state.
 */
import type { ConnectionState } from './connection-status.js';

/**
 * Whether a connected doc holds the document, for `DocConnection.whenReady`: after its first
 * sync with the server; or, when the connection is `offline` or `refused` (no sync can come now),
 * once its offline copy is loaded and holds anything. A doc that is empty before its first sync
 * is not ready, online or not.
 *
 * @param state the connection's state now
 * @param synced whether the doc has had a sync with the server (y-websocket's `synced`)
 * @param loaded whether the offline copy (if any) is loaded into the doc
 * @param holdsAnything whether the doc holds any item (`doc.store.clients.size > 0`)
 */
export function isReady(state: ConnectionState, synced: boolean, loaded: boolean, holdsAnything: boolean): boolean {
  if (!loaded) return false;
  if (synced) return true;
  return (state === 'offline' || state === 'refused') && holdsAnything;
}

/**
 * Whether a connected doc waits for its first fetch while none can come: `offline`, never
 * synced, its offline copy (if any) loaded and empty. A refused connection says why on its own;
 * one still connecting may yet fetch it.
 *
 * @param state the connection's state now
 * @param synced whether the doc has had a sync with the server
 * @param loaded whether the offline copy (if any) is loaded into the doc
 * @param holdsAnything whether the doc holds any item
 */
export function awaitsFirstFetch(state: ConnectionState, synced: boolean, loaded: boolean, holdsAnything: boolean): boolean {
  return state === 'offline' && !synced && loaded && !holdsAnything;
}
