/**
 * Stock y-websocket clients for tests: the `WebsocketProvider` any Yjs app has, over the `ws`
 * package in Node, with no BroadcastChannel between clients of one process, so every byte a
 * client gets came from the server.
 */
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { NOTICES_ON, NOTICES_PARAM, NoticeType, readNotice, type Notice } from '../../shared/protocol/notices.js';
import { WS } from '../server/sync/seed.js';

/** How a stock client is made; every field optional. */
export interface StockClientOptions {
  /**
   * Ask the server for its notices (`shared/protocol/notices.ts`: refusals and document state)
   * and push each one read onto this list, oldest first. Without it the client asks for none and
   * the server closes its socket at a refused change instead of taking the change back.
   */
  notices?: Notice[];
  /** The client id of the client's new Y.Doc (Yjs orders concurrent items by it); random when absent. */
  clientID?: number;
  /** The workspace whose document it opens; the sync tests' seeded one (`WS`) when absent. */
  workspace?: string;
  /** Runs on the new Y.Doc before it connects (a client that types a root its own way, say). */
  prepare?: (doc: Y.Doc) => void;
}

/**
 * A stock y-websocket client of document `doc` on the server listening on loopback `port`, signed
 * in with bearer `token`, on a new Y.Doc (`provider.doc`). It connects at once and is not yet
 * synced when returned; the caller destroys it. Throws nothing itself; a refused sign-in shows as
 * the socket closing.
 */
export function stockClient(port: number, doc: string, token: string, opts: StockClientOptions = {}): WebsocketProvider {
  const ydoc = new Y.Doc();
  if (opts.clientID !== undefined) ydoc.clientID = opts.clientID;
  opts.prepare?.(ydoc);
  const notices = opts.notices;
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/v1/sync/${opts.workspace ?? WS}`, doc, ydoc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token, ...(notices ? { [NOTICES_PARAM]: NOTICES_ON } : {}) },
    disableBc: true,
  });
  for (const type of notices ? [NoticeType.refusal, NoticeType.docState] : []) {
    provider.messageHandlers[type] = (_encoder, decoder) => {
      const notice = readNotice(type, decoder);
      if (notice) notices?.push(notice);
    };
  }
  return provider;
}
