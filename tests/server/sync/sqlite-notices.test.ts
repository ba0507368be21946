/**
 * The server's store on SQLite is told of the `samplan` commands' commits through `<db>.notice`
 * (`server/storage/sqlite-notices.ts`) instead of polling the database several times a second:
 * with sockets open and nothing written it asks storage nothing for seconds, and a token the CLI
 * revokes or rows it imports still reach the open sockets at once — here with the fast polls set
 * to a minute, so only the notice can bring them.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncClient } from '../../../bench/support/sync-client.js';
import { openStorage } from '../../../server/storage/open-storage.js';
import type { Storage } from '../../../server/storage/storage.js';
import { getRow, insertRow } from '../../../shared/doc/index.js';
import { tempStores } from '../../support/temp-stores.js';
import { closedAfterEach, eventually, rawClient, startTestServer, TOKENS, WS, type RawClient, type TestServer } from './support.js';

const stores = tempStores();
const syncClients: SyncClient[] = [];
afterEach(() => {
  for (const c of syncClients.splice(0)) c.close();
});
const t = closedAfterEach<RawClient>((c) => c.ws.terminate());

/** Storage reads of the sync layer's polls: rights versions and data versions asked. */
interface Asked {
  rights: number;
  data: number;
}

/**
 * A server on a fresh SQLite file, its store opened as `samplan serve` opens it, and a store on the
 * same file opened as the `samplan` commands open theirs.
 */
async function setUp(options: { rightsPollMs?: number; foreignPollMs?: number } = {}): Promise<{ file: string; cli: Storage; asked: Asked }> {
  const file = stores.dbFile('notices');
  const mine = await openStorage({ db: file, databaseUrl: null }, undefined, { server: true });
  stores.keep(mine);
  const asked: Asked = { rights: 0, data: 0 };
  const rightsVersion = mine.rightsVersion!.bind(mine);
  mine.rightsVersion = () => (asked.rights++, rightsVersion());
  const dataVersion = mine.dataVersion.bind(mine);
  mine.dataVersion = () => (asked.data++, dataVersion());
  t.server = await startTestServer(options, { storage: mine });
  const cli = await openStorage({ db: file, databaseUrl: null });
  stores.keep(cli);
  return { file, cli, asked };
}

async function connect(token = TOKENS.editorA): Promise<RawClient> {
  const c = rawClient(t.server as TestServer, 'plan-a', token);
  t.clients.push(c);
  await c.opened;
  return c;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('SQLite notices from the samplan commands', () => {
  // The old server asked the rights version every `rightsPollMs` and the data version every
  // `foreignPollMs` while a socket was open and its room loaded. With both at 100 ms here, a server
  // that polls makes ~20 reads in this second (several even on a loaded machine); a told one asks
  // only on its safety net's 5 s: at most one of each.
  it('asks storage nothing for seconds while sockets are open and nothing is written', async () => {
    const { asked } = await setUp({ rightsPollMs: 100, foreignPollMs: 100 });
    const socket = await connect();
    const reader = new SyncClient(`${(t.server as TestServer).base}/plan-a?token=${TOKENS.coordinator}`);
    syncClients.push(reader);
    await reader.synced;
    // The round of the first notice (`listening(true)`) and admission's reads are done by now.
    await sleep(300);
    const before = { ...asked };
    await sleep(1000);
    // The safety net polls every 5 s: at most one of each in the window.
    expect(asked.rights - before.rights).toBeLessThanOrEqual(1);
    expect(asked.data - before.data).toBeLessThanOrEqual(1);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });

  it('closes a socket at once when the CLI revokes its token, with the polls a minute apart', async () => {
    const { cli } = await setUp({ rightsPollMs: 60_000, foreignPollMs: 60_000 });
    const socket = await connect();
    const start = Date.now();
    expect(await cli.revokeToken('t-m-a', new Date().toISOString())).toBe(true);
    expect(await socket.closed).toMatchObject({ code: 4401, reason: 'Token revoked' });
    // Well within the minute the poll would take (a notice arrives in milliseconds on a quiet machine).
    expect(Date.now() - start).toBeLessThan(20_000);
  });

  it('closes a socket when the CLI removes its member', async () => {
    const { cli } = await setUp({ rightsPollMs: 60_000, foreignPollMs: 60_000 });
    const socket = await connect();
    expect(await cli.deleteMember(WS, 'm-a')).toBe(true);
    expect((await socket.closed).code).toBe(4401);
  });

  it('relays rows the CLI imports to the open sockets, with the polls a minute apart', async () => {
    const { cli } = await setUp({ rightsPollMs: 60_000, foreignPollMs: 60_000 });
    const reader = new SyncClient(`${(t.server as TestServer).base}/plan-a?token=${TOKENS.coordinator}`);
    syncClients.push(reader);
    await reader.synced;
    const doc = new Y.Doc();
    insertRow(doc, { title: 'Hälsodag (import)' }, { id: 'imported-1' });
    await cli.appendUpdates({ workspace: WS, doc: 'plan-a' }, [{ update: Y.encodeStateAsUpdate(doc), memberId: 'm-coord' }]);
    await eventually(() => getRow(reader.doc, 'imported-1') !== undefined, 20_000, 'the imported row relayed');
    expect(getRow(reader.doc, 'imported-1')?.values.title).toBe('Hälsodag (import)');
  });

  it('relays an update the CLI appends after a known sequence number (a rounds write), with the polls a minute apart', async () => {
    const { cli } = await setUp({ rightsPollMs: 60_000, foreignPollMs: 60_000 });
    const reader = new SyncClient(`${(t.server as TestServer).base}/plan-a?token=${TOKENS.coordinator}`);
    syncClients.push(reader);
    await reader.synced;
    const ref = { workspace: WS, doc: 'plan-a' };
    const doc = new Y.Doc();
    insertRow(doc, { title: 'Stängd omgång' }, { id: 'after-1' });
    const head = (await cli.lastSeqs(WS, ['plan-a'])).get('plan-a') ?? 0;
    expect(await cli.appendAfter(ref, head, [{ update: Y.encodeStateAsUpdate(doc), memberId: 'm-coord' }])).not.toBeNull();
    await eventually(() => getRow(reader.doc, 'after-1') !== undefined, 20_000, 'the appended row relayed');
  });

  it('leaves no notice file once the server stopped, and the commands touch none while no server runs', async () => {
    const { file, cli } = await setUp();
    await eventually(() => existsSync(`${file}.notice`), 5000, 'the notice file while the server watches');
    await (t.server as TestServer).stop();
    t.server = null;
    await stores.open[0]!.close();
    expect(existsSync(`${file}.notice`)).toBe(false);
    expect(await cli.revokeToken('t-m-a', new Date().toISOString())).toBe(true);
    expect(readdirSync(join(file, '..')).filter((name) => name.endsWith('.notice'))).toEqual([]);
  });
});
