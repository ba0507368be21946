/**
 * A document opened for the first time while the server cannot be reached, with no offline copy:
 * the pane says in words that it has not been fetched yet and needs the network once, keeps
 * trying, and binds it (`whenReady`) when it arrives. Before, it waited without a word.
 */
import 'fake-indexeddb/auto';
import net from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { awaitsFirstFetch, connectDoc, type DocConnection } from '../../../addin/sync/connect-doc.js';
import { NOT_FETCHED, openDocProblems, type OpenDoc } from '../../../addin/taskpane/open-doc.js';
import { realPorts } from '../../../addin/taskpane/real-ports.js';
import { metaOf } from '../../../shared/doc/create.js';
import { eventually, startTestServer, TOKENS, WS, type TestServer } from '../../server/sync/support.js';

/** A TCP door in front of the test server: shut, it drops every connection (no network). */
async function door(target: () => number): Promise<{ port: number; open: boolean; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const state = { open: false };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (!state.open) return void socket.destroy();
    const upstream = net.connect(target(), '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

// The pane's real ports use the browser's WebSocket; Node 20 has none.
const hadWebSocket = 'WebSocket' in globalThis;
if (!hadWebSocket) (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
afterAll(() => {
  if (!hadWebSocket) delete (globalThis as { WebSocket?: unknown }).WebSocket;
});

let server: TestServer | null = null;
const conns: DocConnection[] = [];
const doors: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const c of conns.splice(0)) await c.destroy();
  for (const d of doors.splice(0)) await d.close();
  await server?.stop();
  server = null;
});

describe('a document opened for the first time without the network', () => {
  it('says it has not been fetched yet, keeps trying, and is ready when it arrives', async () => {
    server = await startTestServer();
    const port = Number(new URL(server.url).port);
    const d = await door(() => port);
    doors.push(d);
    const doc = new Y.Doc();
    // With an offline store (IndexedDB) that holds no copy of this document.
    const handle = realPorts({ offlineStore: true, lang: () => 'sv' }).connect({
      serverUrl: `http://127.0.0.1:${d.port}`,
      workspace: WS,
      docId: 'plan-a',
      token: TOKENS.coordinator,
      doc,
      kind: 'activity-plan',
      readOnly: false,
    });
    conns.push({ destroy: async () => handle.destroy() } as DocConnection);
    let ready = false;
    void handle.whenReady?.then(() => (ready = true));
    const entry = { info: { id: 'plan-a', kind: 'activity-plan' }, ydoc: doc, sync: handle, problems: [] } as unknown as OpenDoc;

    await eventually(() => handle.state().unfetched === true, 15_000, 'the pane to say the document is not fetched');
    expect(handle.state().status).toBe('offline');
    expect(ready).toBe(false);
    const said = openDocProblems(entry, undefined).find((p) => p.code === 'not-fetched');
    expect(said).toMatchObject({ severity: 'warning', message: NOT_FETCHED });
    expect(said?.message.sv).toMatch(/inte hämtats.*nätverket en gång/);
    expect(said?.message.en).toMatch(/not been fetched.*network once/);

    // The network is back: the connection, still trying, fetches it, and the pane binds.
    d.open = true;
    await eventually(() => ready, 15_000, 'the document to arrive');
    expect(metaOf(doc)?.kind).toBe('activity-plan');
    expect(handle.state().unfetched).toBe(false);
    expect(openDocProblems(entry, undefined).some((p) => p.code === 'not-fetched')).toBe(false);
  });

  it('does not say so for a document with an offline copy, nor while it is still connecting or refused', async () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(new Y.Doc()));
    doc.getMap('meta').set('kind', 'activity-plan');
    const c = connectDoc({ serverUrl: 'http://127.0.0.1:9', workspace: WS, docId: 'plan-a', token: 't', doc, indexeddb: false, WebSocketPolyfill: WebSocket, connect: false });
    conns.push(c);
    c.disconnect();
    expect(c.status.state).toBe('offline');
    expect(c.unfetched).toBe(false);
    expect(awaitsFirstFetch('offline', false, true, false)).toBe(true);
    expect(awaitsFirstFetch('offline', false, false, false)).toBe(false);
    expect(awaitsFirstFetch('offline', true, true, false)).toBe(false);
    expect(awaitsFirstFetch('connecting', false, true, false)).toBe(false);
    expect(awaitsFirstFetch('refused', false, true, false)).toBe(false);
  });
});
