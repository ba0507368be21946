import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { Storage } from '../../../server/storage/storage.js';
import { getRow, insertRow } from '../../../shared/doc/index.js';
import { connectProvider, eventually, rawClient, SEEDED_SEQ, startTestServer, synced, TOKENS, WS, type TestServer } from './support.js';

let server: TestServer;
const providers: WebsocketProvider[] = [];
const ref = { workspace: WS, doc: 'plan-a' };

afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await server?.stop();
});

/** Memory storage whose loads take `ms` and are counted. */
function slowStorage(ms: number): Storage & { loads: number } {
  const inner = createMemoryStorage();
  const storage = Object.create(inner) as Storage & { loads: number };
  storage.loads = 0;
  storage.loadDoc = async (r) => {
    storage.loads++;
    await new Promise((res) => setTimeout(res, ms));
    return inner.loadDoc(r);
  };
  return storage;
}

function edit(change: (d: Y.Doc) => void): Uint8Array {
  const d = new Y.Doc();
  change(d);
  return Y.encodeStateAsUpdate(d);
}

describe('registry', () => {
  it('loads a document once when two clients connect while it loads', async () => {
    const storage = slowStorage(150);
    server = await startTestServer({}, { storage });
    const a = connectProvider(server, 'plan-a', TOKENS.editorA);
    const b = connectProvider(server, 'plan-a', TOKENS.viewer);
    providers.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    expect(storage.loads).toBe(1);
    expect(server.sync.registry.stats()).toEqual({ rooms: 1, connections: 2 });
  });

  it('unloads a room after the last socket leaves and the grace period, not before', async () => {
    server = await startTestServer({ graceMs: 300 });
    const a = connectProvider(server, 'plan-a', TOKENS.editorA);
    await synced(a);
    a.destroy();
    await eventually(() => server.sync.registry.stats().connections === 0);
    expect(server.sync.registry.stats().rooms).toBe(1);
    await eventually(() => server.sync.registry.stats().rooms === 0, 2000, 'unload after grace');
  });

  it('keeps a room loaded when a client comes back within the grace period', async () => {
    server = await startTestServer({ graceMs: 300 });
    const a = connectProvider(server, 'plan-a', TOKENS.editorA);
    await synced(a);
    a.destroy();
    const b = connectProvider(server, 'plan-a', TOKENS.editorA);
    providers.push(b);
    await synced(b);
    await new Promise((r) => setTimeout(r, 500));
    expect(server.sync.registry.stats()).toEqual({ rooms: 1, connections: 1 });
  });

  it('writes a V2 snapshot after compactEvery updates and on unload', async () => {
    server = await startTestServer({ compactEvery: 3, graceMs: 30 });
    const a = connectProvider(server, 'plan-a', TOKENS.coordinator);
    await synced(a);
    for (let i = 0; i < 4; i++) {
      a.doc.getMap('meta').set('title', `v${i}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await eventually(async () => (await server.storage.loadDoc(ref)).snapshot !== null, 2000, 'snapshot');
    a.destroy();
    await eventually(() => server.sync.registry.stats().rooms === 0);
    const stored = await server.storage.loadDoc(ref);
    expect(stored.updates).toHaveLength(0);
    const d = new Y.Doc();
    Y.applyUpdateV2(d, stored.snapshot as Uint8Array);
    expect(d.getMap('meta').get('title')).toBe('v3');
  });

  it('applies a server-side update through persist-then-relay, and refuses a personnummer', async () => {
    server = await startTestServer();
    const a = connectProvider(server, 'plan-a', TOKENS.viewer);
    providers.push(a);
    await synced(a);
    const result = await server.sync.registry.submit(ref, edit((d) => insertRow(d, { title: 'imported' }, { id: 'imported' })), {
      memberId: 'm-coord',
      principal: null,
    });
    expect(result).toEqual({ ok: true });
    expect((await server.storage.listUpdates(ref, SEEDED_SEQ, 10))[0]?.memberId).toBe('m-coord');
    await eventually(() => getRow(a.doc, 'imported')?.values.title === 'imported');
    const refused = await server.sync.registry.submit(ref, edit((d) => insertRow(d, { comment: '191212121212' }, { id: 'note' })), {
      memberId: 'm-coord',
      principal: null,
    });
    expect(refused).toMatchObject({ ok: false, closeCode: 4422 });
    expect(getRow(await server.sync.registry.getDoc(ref), 'note')).toBeUndefined();
  });

  it('counts connections as peers join and leave, a document is evicted and the server closes', async () => {
    server = await startTestServer();
    const { registry } = server.sync;
    const clients = [
      rawClient(server, 'plan-a', TOKENS.editorA),
      rawClient(server, 'plan-a', TOKENS.viewer),
      rawClient(server, 'plan-b', TOKENS.coordinator),
      rawClient(server, 'county', TOKENS.coordinator),
    ];
    await Promise.all(clients.map((c) => c.opened));
    await eventually(() => registry.stats().connections === 4, 3000, 'four connections');
    expect(registry.stats().rooms).toBe(3);
    clients[1]?.ws.close();
    await eventually(() => registry.stats().connections === 3, 3000, 'a socket left');
    // Another room's peer (a server-side one) counts too, and leaving twice counts once.
    const room = (await registry.acquire({ workspace: WS, doc: 'plan-b' })).room;
    const peer = { send: () => undefined, close: () => undefined };
    room.join(peer);
    expect(registry.stats().connections).toBe(4);
    room.leave(peer);
    room.leave(peer);
    expect(registry.stats().connections).toBe(3);
    room.join(peer);
    await registry.evict({ workspace: WS, doc: 'plan-a' });
    expect((await clients[0]?.closed)?.code).toBe(4404);
    expect(registry.stats()).toEqual({ rooms: 2, connections: 3 });
    // Closing drops every peer, also one whose close does not leave the room.
    await server.sync.close();
    expect(registry.stats()).toEqual({ rooms: 0, connections: 0 });
  });

  it('closes every socket with 1001 and flushes on closeAll', async () => {
    server = await startTestServer();
    const c = rawClient(server, 'plan-a', TOKENS.editorA);
    await c.opened;
    await eventually(() => server.sync.registry.stats().connections === 1);
    await server.sync.close();
    expect((await c.closed).code).toBe(1001);
    expect(server.sync.registry.stats().rooms).toBe(0);
  });

  it('closes the writer whose storage write fails with 1011', async () => {
    const storage = createMemoryStorage();
    server = await startTestServer({}, { storage });
    storage.appendUpdates = () => Promise.reject(new Error('disk full'));
    const a = connectProvider(server, 'plan-a', TOKENS.coordinator);
    providers.push(a);
    await synced(a);
    const closes: number[] = [];
    a.on('connection-close', (event: CloseEvent | null) => closes.push(event?.code ?? 0));
    a.doc.getMap('meta').set('title', 'lost?');
    await eventually(() => closes.includes(1011), 2000, '1011');
  });
});
