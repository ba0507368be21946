/**
 * A process cut from the others (`FanoutHandlers.cut`: its Redis subscription closed, or its lease
 * in the registry of live processes not renewed in time, `server/fanout/live-processes.ts`) may
 * see a rights change confirmed without it: it reads rights from storage at once and at the fast
 * rate (`rightsPollMs`), even while storage says it tells of changes. Here storage's notices are on
 * but tell nothing (a notice connection dropped without a word): on the code before, only the
 * 5 s safety poll closed a socket whose token another process revoked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SyncClient } from '../../../bench/support/sync-client.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { getRow, insertRow } from '../../../shared/doc/index.js';
import { quietFanout } from './quiet-fanout.js';
import { eventually, startTestServer, TOKENS, WS, type TestServer } from './support.js';

let server: TestServer | null = null;
const clients: SyncClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.stop();
  server = null;
});

/** A store whose notices are on but silent. */
function silentlyTelling(storage: Storage = createMemoryStorage()) {
  storage.watchChanges = (handlers) => {
    queueMicrotask(() => handlers.listening(true));
    return { listening: () => true, stop: () => undefined };
  };
  return storage;
}

describe('rights on a process cut from the other processes', () => {
  it('closes a socket whose token another process revoked within the fast poll once cut', async () => {
    const fanout = quietFanout();
    server = await startTestServer({ rightsPollMs: 100 }, { storage: silentlyTelling(), fanout });
    const client = new SyncClient(`${server.base}/plan-a?token=${TOKENS.editorA}`);
    clients.push(client);
    await client.synced;
    fanout.handlers?.cut?.(true);
    const tokens = await server.storage.listTokens(WS);
    const id = tokens.find((t) => t.memberId === 'm-a')?.id ?? '';
    const revoked = Date.now();
    // Another process's write: no hook runs here, no notice comes.
    await server.storage.revokeToken(id, new Date().toISOString());
    const closed = await Promise.race([client.closed, new Promise<null>((r) => setTimeout(() => r(null), 3000))]);
    console.log(`cut, a revocation by another process closed the socket after ${Date.now() - revoked} ms: ${JSON.stringify(closed)}`);
    expect(closed?.code).toBe(4401);
    expect(Date.now() - revoked).toBeLessThan(2500);
  });

  it('refuses a write sent right after another process confirmed a revocation, with no poll due for a minute', async () => {
    const fanout = quietFanout();
    // A store with a rights version (SQLite): one small read tells whether rights moved.
    server = await startTestServer({ rightsPollMs: 60_000 }, { storage: silentlyTelling(openSqliteStorage(':memory:')), fanout });
    const ref = { workspace: WS, doc: 'plan-a' };
    const client = new SyncClient(`${server.base}/plan-a?token=${TOKENS.editorA}`);
    clients.push(client);
    await client.synced;
    fanout.handlers?.cut?.(true);
    // The round read at once when cut has read the rights as they are (the token still valid).
    await server.sync.registry.live.recheck();
    client.write((d) => insertRow(d, { title: 'före' }, { id: 'before' }));
    await eventually(async () => (await server!.sync.registry.withDoc(ref, (room) => getRow(room.doc, 'before'))) !== undefined, 10_000, 'the row written before taken');
    const id = (await server.storage.listTokens(WS)).find((t) => t.memberId === 'm-a')?.id ?? '';
    // Another process's revocation, confirmed without this cut process: no hook runs here, no
    // notice comes and the next poll is a minute away. The editor writes right after the answer.
    await server.storage.revokeToken(id, new Date().toISOString());
    client.write((d) => insertRow(d, { title: 'efter' }, { id: 'after' }));
    const closed = await Promise.race([client.closed, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
    expect(closed?.code).toBe(4401);
    expect(closed?.reason).toBe('Token revoked');
    expect(await server.sync.registry.withDoc(ref, (room) => getRow(room.doc, 'after'))).toBeUndefined();
  });
});
