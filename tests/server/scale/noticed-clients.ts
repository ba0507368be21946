/**
 * Stock y-websocket clients that keep the server's notices (refusals, document state), for the
 * cluster's take-back tests.
 */
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { rowsMap } from '../../../shared/doc/create.js';
import { NOTICES_ON, NOTICES_PARAM, NoticeType, readNotice, type Notice } from '../../../shared/protocol/notices.js';
import { WS } from '../sync/seed.js';
import { eventually } from '../sync/support.js';

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
  const ydoc = new Y.Doc();
  if (clientID !== undefined) ydoc.clientID = clientID;
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/v1/sync/${WS}`, doc, ydoc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token, [NOTICES_PARAM]: NOTICES_ON },
    disableBc: true,
  });
  providers.push(provider);
  const client: NoticedClient = { provider, doc: ydoc, notices: [] };
  for (const type of [NoticeType.refusal, NoticeType.docState]) {
    provider.messageHandlers[type] = (_encoder, decoder) => {
      const notice = readNotice(type, decoder);
      if (notice) client.notices.push(notice);
    };
  }
  await eventually(() => provider.synced, 10_000, `a client on port ${port} to sync`);
  return client;
}
