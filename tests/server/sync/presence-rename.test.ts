/**
 * A member renamed while connected: the presence the server relays for them carries the new name
 * at once, not from their client's next renewal of its state (every ~15 s).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { connectProvider, eventually, startTestServer, synced, TOKENS, WS, type TestServer } from './support.js';

let server: TestServer | undefined;
const providers: WebsocketProvider[] = [];

afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await server?.stop();
  server = undefined;
});

function open(doc: string, token: string): WebsocketProvider {
  const p = connectProvider(server as TestServer, doc, token);
  providers.push(p);
  return p;
}

const nameOf = (p: WebsocketProvider, id: number): string | undefined => (p.awareness.getStates().get(id) as { user?: { name?: string; role?: string } } | undefined)?.user?.name;

describe('presence of a renamed member', () => {
  it('shows the new name and role to the others within a second, and keeps the colour and the row', async () => {
    server = await startTestServer();
    const anna = open('plan-a', TOKENS.editorA);
    const peer = open('plan-a', TOKENS.coordinator);
    await Promise.all([synced(anna), synced(peer)]);
    anna.awareness.setLocalState({ user: { name: 'whatever the client says', color: '#0f6cbd' }, row: 'Rad000000001' });
    const id = anna.doc.clientID;
    await eventually(() => nameOf(peer, id) === 'Editor A', 3000, 'the first state');

    const member = { workspace: WS, id: 'm-a', name: 'Anna Ny', role: 'coordinator' as const, units: ['clinic-a'] };
    await server.storage.putMember(member);
    const renamedAt = Date.now();
    server.sync.registry.live.memberChanged(member);
    await eventually(() => nameOf(peer, id) === 'Anna Ny', 2000, 'the new name');
    expect(Date.now() - renamedAt).toBeLessThan(2000);
    expect(peer.awareness.getStates().get(id)).toEqual({ user: { name: 'Anna Ny', color: '#0f6cbd', role: 'coordinator', memberId: 'm-a' }, row: 'Rad000000001' });
  });
});
