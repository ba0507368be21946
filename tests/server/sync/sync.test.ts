import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getRow, insertRow, setCell } from '../../../shared/doc/index.js';
import type { WebsocketProvider } from 'y-websocket';
import { connectProvider, eventually, startTestServer, synced, TOKENS, WS, type TestServer } from './support.js';

let server: TestServer;
const providers: WebsocketProvider[] = [];
const open = (doc: string, token: string, ydoc?: Y.Doc): WebsocketProvider => {
  const p = connectProvider(server, doc, token, ydoc);
  providers.push(p);
  return p;
};

afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await server?.stop();
});

describe('sync route with the stock y-websocket provider', () => {
  it('syncs two docs through the server, both ways', async () => {
    server = await startTestServer();
    const a = open('plan-a', TOKENS.editorA);
    const b = open('plan-a', TOKENS.coordinator);
    await Promise.all([synced(a), synced(b)]);
    const id = insertRow(a.doc, { title: 'Promenadgrupp' });
    await eventually(() => getRow(b.doc, id)?.values.title === 'Promenadgrupp');
    expect(setCell(b.doc, id, 'venue', 'Järvaveckan')).toBe(true);
    await eventually(() => getRow(a.doc, id)?.values.venue === 'Järvaveckan');
  });

  it('persists what it relays, so a later client loads it from storage', async () => {
    server = await startTestServer();
    const a = open('plan-a', TOKENS.coordinator);
    await synced(a);
    a.doc.getMap('meta').set('title', 'Aktivitetsplan 2026');
    await eventually(async () => (await server.storage.loadDoc({ workspace: WS, doc: 'plan-a' })).lastSeq > 0);
    a.destroy();
    await eventually(() => server.sync.registry.stats().rooms === 0, 3000, 'unload');
    const late = open('plan-a', TOKENS.viewer);
    await synced(late);
    await eventually(() => late.doc.getMap('meta').get('title') === 'Aktivitetsplan 2026');
  });

  it('sends offline edits made before connecting (sync step 2 from the client)', async () => {
    server = await startTestServer();
    const offline = new Y.Doc();
    insertRow(offline, { title: 'made offline' }, { id: 'offline-1' });
    const a = open('plan-a', TOKENS.editorA, offline);
    const b = open('plan-a', TOKENS.viewer);
    await Promise.all([synced(a), synced(b)]);
    await eventually(() => getRow(b.doc, 'offline-1')?.values.title === 'made offline');
  });

  it('relays awareness between peers, under the member’s own name, and removes it when a peer leaves', async () => {
    server = await startTestServer();
    const a = open('plan-a', TOKENS.editorA);
    const b = open('plan-a', TOKENS.viewer);
    await Promise.all([synced(a), synced(b)]);
    a.awareness.setLocalStateField('user', { name: 'Anna', color: '#0078d4' });
    const aId = a.doc.clientID;
    await eventually(() => (b.awareness.getStates().get(aId) as { user?: { name: string } } | undefined)?.user?.name === 'Editor A');
    expect(b.awareness.getStates().get(aId)).toEqual({ user: { name: 'Editor A', color: '#0078d4', role: 'editor', memberId: 'm-a' } });
    a.destroy();
    await eventually(() => !b.awareness.getStates().has(aId), 3000, 'presence removed');
  });

  it('drops awareness states over 4 KiB or of an unknown shape but keeps the connection', async () => {
    server = await startTestServer();
    const a = open('plan-a', TOKENS.editorA);
    const b = open('plan-a', TOKENS.viewer);
    await Promise.all([synced(a), synced(b)]);
    const seen = () => b.awareness.getStates().get(a.doc.clientID);
    a.awareness.setLocalStateField('doc', 'plan-a');
    await eventually(() => seen()?.doc === 'plan-a');
    a.awareness.setLocalStateField('blob', 'x'.repeat(17 * 1024));
    a.awareness.setLocalStateField('blob', 'small');
    await new Promise((r) => setTimeout(r, 150));
    expect(seen()).toEqual({ doc: 'plan-a' });
    a.awareness.setLocalState({ doc: 'plan-a', row: 'Rad000000001' });
    await eventually(() => seen()?.row === 'Rad000000001');
    expect(a.wsconnected).toBe(true);
  });
});
