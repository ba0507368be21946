/**
 * When Yjs throws halfway through applying an update the validator let through, the room refuses
 * it (4400), stores nothing of it, and reloads its doc from storage, so the part Yjs applied
 * before throwing is never sent to anyone and the server keeps serving.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import type { UpdateVerdict } from '../../../server/sync/deps.js';
import { forgeUpdate } from '../../support/yjs-forge/forge-update.js';
import { connectProvider, eventually, rawClient, startTestServer, synced, TOKENS, type TestServer } from './support.js';
import { encodeUpdate } from '../../../server/sync/protocol.js';

const acceptAll = (): UpdateVerdict => ({ ok: true, touchedRows: [], createdRows: [], deletedRows: [], metaKeys: [], cells: [] });

let server: TestServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

describe('an accepted update Yjs cannot apply', () => {
  it('is refused with 4400, nothing of it is stored or served, and the document serves on', async () => {
    server = await startTestServer({}, { checkUpdate: acceptAll });
    const client = 777_777;
    // Yjs applies the higher client's struct first; the other names a later struct of its own
    // client, and Yjs throws on it with the first one already in the doc.
    const update = forgeUpdate([
      { client: client + 1, clock: 0, parent: 'meta', parentSub: 'partial', content: new Y.ContentAny(['halvvägs']) },
      { client, clock: 0, origin: Y.createID(client, 1), content: new Y.ContentAny(['x']) },
    ]);
    const watcher = connectProvider(server, 'plan-a', TOKENS.coordinator);
    await synced(watcher);
    const sender = rawClient(server, 'plan-a', TOKENS.coordinator);
    await sender.opened;
    sender.send(encodeUpdate(update));
    expect((await sender.closed).code).toBe(CloseCode.badFrame);
    const stored = await server.storage.loadDoc({ workspace: 'hbi-test', doc: 'plan-a' });
    const fromStorage = new Y.Doc();
    if (stored.snapshot) Y.applyUpdateV2(fromStorage, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(fromStorage, u);
    expect(fromStorage.store.clients.has(client + 1)).toBe(false);
    // A newcomer gets the stored state, not the half-applied one, and can still write.
    const late = connectProvider(server, 'plan-a', TOKENS.coordinator);
    await synced(late);
    expect(late.doc.getMap('meta').get('partial')).toBeUndefined();
    expect(late.doc.store.clients.has(client + 1)).toBe(false);
    late.doc.getMap('meta').set('title', 'Plan efteråt');
    await eventually(() => watcher.doc.getMap('meta').get('title') === 'Plan efteråt', 5000, 'a later edit relayed');
    expect(watcher.doc.store.clients.has(client + 1)).toBe(false);
    watcher.destroy();
    late.destroy();
  }, 30_000);
});
