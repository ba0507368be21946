/**
 * Stock y-websocket clients that keep the server's notices (refusals, document state), for the
 * cluster's take-back tests.
 */
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { rowsMap } from '../../../shared/doc/create.js';
import type { Notice } from '../../../shared/protocol/notices.js';
import { eventually } from '../../support/eventually.js';
import { stockClient } from '../../support/stock-client.js';

/** A stock client and the notices the server sent it, oldest first. */
export interface NoticedClient {
  provider: WebsocketProvider;
  doc: Y.Doc;
  notices: Notice[];
}

/** The `measure` cell of row `row`, or undefined. */
export const measure = (doc: Y.Doc, row: string): unknown => rowsMap(doc).get(row)?.get('measure');

/**
 * A stock client of document `doc` of the seeded workspace on the server at `port` (its Y.Doc's
 * client id `clientID` when given), with notices on; pushed onto `providers` (for the caller to
 * destroy) and resolved once synced, within 10 s.
 */
export async function openNoticed(port: number, doc: string, token: string, providers: WebsocketProvider[], clientID?: number): Promise<NoticedClient> {
  const notices: Notice[] = [];
  const provider = stockClient(port, doc, token, { notices, clientID });
  providers.push(provider);
  const client: NoticedClient = { provider, doc: provider.doc, notices };
  await eventually(() => provider.synced, 10_000, `a client on port ${port} to sync`);
  return client;
}
