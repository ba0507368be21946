/**
 * A client with writes the server lacks (edits made offline) whose next edit goes out before its
 * answer to the server's step 1: the update builds on writes that come only in that answer. It
 * is judged after the answer (`socket.ts`, `held-answers.ts`); it used to be judged at once,
 * refused as referring to something missing (4400), and a stock client stopped syncing.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { insertRow, rowsOf, setCell } from '../../../shared/doc/index.js';
import { typedAtOpen } from '../../support/typed-at-open.js';
import { closedAfterEach, connectProvider, eventually, startTestServer, synced, TOKENS, type TestServer } from './support.js';

const t = closedAfterEach((p: WebsocketProvider) => p.destroy());

function provider(server: TestServer, doc: Y.Doc, Socket: typeof WebSocket): WebsocketProvider {
  const p = new WebsocketProvider(server.base, 'plan-a', doc, {
    WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
    params: { token: TOKENS.coordinator },
    disableBc: true,
    maxBackoffTime: 200,
  });
  t.clients.push(p);
  return p;
}

const values = (doc: Y.Doc) => rowsOf(doc).map((r) => r.values);

describe('an update sent before the client answered the server’s step 1', () => {
  it('after offline edits of the same client is taken with them, and the socket stays open', async () => {
    const server = (t.server = await startTestServer());
    const other = new Y.Doc();
    t.clients.push(connectProvider(server, 'plan-a', TOKENS.coordinator, other));
    const { Socket, atOpen } = typedAtOpen();
    const doc = new Y.Doc();
    const p = provider(server, doc, Socket);
    await synced(p);
    const id = insertRow(doc, { title: 'Start' });
    await eventually(() => values(other).length === 1);
    p.disconnect();
    setCell(doc, id, 'title', 'Ändrad offline – å ä ö');
    insertRow(doc, { title: "Ny rad offline 'x'" });
    const closes: number[] = [];
    p.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));
    atOpen.push(() => setCell(doc, id, 'responsible', 'Skrivet när uttaget öppnades'));
    p.connect();
    await eventually(() => values(other).length === 2 && values(other)[0]?.responsible === 'Skrivet när uttaget öppnades');
    expect(atOpen).toHaveLength(0);
    expect(closes).toEqual([]);
    expect(values(other)).toEqual(values(doc));
    // Storage holds the same: a fresh client gets all three edits.
    const fresh = new Y.Doc();
    const reader = connectProvider(server, 'plan-a', TOKENS.viewer, fresh);
    t.clients.push(reader);
    await synced(reader);
    expect(values(fresh)).toEqual(values(doc));
  });

  it('editing a row made offline in an earlier session is taken too', async () => {
    const server = (t.server = await startTestServer());
    const other = new Y.Doc();
    t.clients.push(connectProvider(server, 'plan-a', TOKENS.coordinator, other));
    // An earlier session's copy: synced, then a row added offline by that session's client.
    const earlier = new Y.Doc();
    const first = provider(server, earlier, WebSocket);
    await synced(first);
    first.disconnect();
    const id = insertRow(earlier, { title: 'Gjord offline igår' });
    // Today's session opens the kept copy with a new client id and edits that row as the socket opens.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(earlier));
    const { Socket, atOpen } = typedAtOpen();
    atOpen.push(() => setCell(doc, id, 'responsible', 'Idag'));
    const p = provider(server, doc, Socket);
    const closes: number[] = [];
    p.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));
    await eventually(() => values(other)[0]?.responsible === 'Idag');
    expect(atOpen).toHaveLength(0);
    expect(closes).toEqual([]);
    expect(values(other)).toEqual([{ title: 'Gjord offline igår', responsible: 'Idag' }]);
  });
});
