/**
 * The pane on a document whose key a hand removed from SQLite's `doc_keys` while update rows under
 * it may be its history (`KeylessHistoryError`): the server closes with 4409 naming the keys, and
 * the pane says in Swedish and English that the server does not read the document, that nothing
 * changed there and what was made here is kept, and who decides; it does not connect again on its
 * own. Before, a load refused so closed with 1011 "Document could not be loaded", which the pane
 * said as "the server cannot store changes right now" and retried forever; and a server that had
 * the document loaded when the row went kept storing edits under the key no load reads.
 */
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocConnection } from '../../../addin/sync/connect-doc.js';
import { refusalFor } from '../../../addin/sync/connection-status.js';
import { syncAuthFor } from '../../../server/http/sync-auth.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { startSyncServer } from '../../../server/sync/start-sync-server.js';
import { insertRows } from '../../../shared/doc/index.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { keyChangedCloseReason, keylessCloseReason } from '../../../shared/protocol/keyless-history.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { seed } from '../../server/sync/seed.js';
import { eventually, startTestServer, WS, type TestServer } from '../../server/sync/support.js';
import { tempStores } from '../../support/temp-stores.js';
import { connectTo, countingSocket, pastReconnect, type SocketLog } from './support.js';

const stores = tempStores();
const servers: TestServer[] = [];
const open: DocConnection[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.destroy();
  for (const s of servers.splice(0)) await s.stop();
});

/** Removes `plan-a`'s row of `doc_keys` in `file` as a hand in the `sqlite3` shell does; returns its key. */
function removeKey(file: string): number {
  const db = new Database(file);
  try {
    const key = Number(db.prepare("SELECT id FROM doc_keys WHERE workspace = ? AND doc = 'plan-a'").pluck().get(WS));
    db.prepare('DELETE FROM doc_keys WHERE id = ?').run(key);
    return key;
  } finally {
    db.close();
  }
}

/** How many update rows `file` holds under `key`. */
function rowsUnder(file: string, key: number): number {
  const db = new Database(file, { readonly: true });
  try {
    return Number(db.prepare('SELECT count(*) FROM update_rows WHERE id >> 32 = ?').pluck().get(key));
  } finally {
    db.close();
  }
}

/** A sync server over `storage`, seeded before (as `startTestServer`, without seeding it again). */
async function serverOn(storage: Storage): Promise<TestServer> {
  const server = await startSyncServer({ storage, records: storage, auth: syncAuthFor(storage, () => new Date()), checkUpdate, logger: pino({ level: 'silent' }), options: { graceMs: 50 } });
  const running = { ...server, storage, base: `${server.url}/v1/sync/${WS}` };
  servers.push(running);
  return running;
}

describe('the words of a document whose key is gone', () => {
  it('name the keys in both languages, and say what happened without them', () => {
    const named = refusalFor(CloseCode.keyless, keylessCloseReason([1, 7])).message;
    expect(named.sv).toMatch(/^Servern läser inte dokumentet: dess nyckel i databasen saknas, medan ändringar sparade under nycklarna 1, 7 kan vara dess historik\. Inget ändrades på servern/);
    expect(named.en).toMatch(/^The server does not read the document: its key in the database is gone, while changes stored under keys 1, 7 may be its history\. Nothing was changed on the server/);
    expect(refusalFor(CloseCode.keyless, keylessCloseReason([3])).message.en).toContain('stored under key 3 may be');
    expect(refusalFor(CloseCode.keyless, 'something else').message.sv).toMatch(/^Servern läser inte dokumentet: dess nyckel i databasen saknas, medan ändringar sparade kan vara dess historik\./);
  });
});

describe('the words of a document whose key was changed', () => {
  it('say that the key was changed, naming both keys, not that it is gone', () => {
    const said = refusalFor(CloseCode.keyless, keyChangedCloseReason(7, 107)).message;
    expect(said.sv).toMatch(/^Servern läser inte dokumentet: dess nyckel i databasen har ändrats \(107 i stället för 7\), för hand eller av ett verktyg, medan dess historik finns kvar under nyckel 7\. Inget ändrades på servern/);
    expect(said.en).toMatch(/^The server does not read the document: its key in the database was changed \(107 instead of 7\), by a hand or a tool, while its history stays under key 7\./);
    expect(said.sv).not.toContain('saknas');
    expect(said.en).not.toContain('is gone');
  });
});

describe('the pane on a document whose key a hand removed', () => {
  it('stops with the sentence naming the key when the server would not load it, without connecting again on its own', async () => {
    const file = stores.dbFile('keyless-pane');
    const seeding = openSqliteStorage(file);
    await seed(seeding);
    await seeding.close();
    const key = removeKey(file);
    const server = await serverOn(stores.keep(openSqliteStorage(file)));

    const log: SocketLog = { attempts: 0, sent: [], closed: 0 };
    const c = connectTo(server, new Y.Doc(), open, { WebSocketPolyfill: countingSocket(log) });
    await eventually(() => c.status.state === 'refused');
    expect(c.status.refusal?.code).toBe(CloseCode.keyless);
    expect(c.status.refusal?.message.sv).toContain(`ändringar sparade under nyckel ${key} kan vara dess historik`);
    // The reconnect y-websocket schedules at the close has had its turn.
    await pastReconnect(log);
    expect(log.attempts).toBe(1);
    expect(c.status.state).toBe('refused');
  });

  it('is told so at its next edit when the row goes while the server has the document loaded; the edit stays in the pane, nothing stored under the key', async () => {
    const file = stores.dbFile('keyless-live');
    const server = await startTestServer({}, { storage: stores.keep(openSqliteStorage(file)) });
    servers.push(server);
    const doc = new Y.Doc();
    const c = connectTo(server, doc, open);
    await c.whenSynced();
    const key = removeKey(file);
    const before = rowsUnder(file, key);

    insertRows(doc, [{ title: 'Hälsodag' }]);
    await eventually(() => c.status.state === 'refused');
    expect(c.status.refusal?.code).toBe(CloseCode.keyless);
    expect(c.status.refusal?.message.en).toContain(`changes stored under key ${key} may be its history`);
    expect(c.status.pendingLocalChanges).toBeGreaterThan(0);
    expect(rowsUnder(file, key)).toBe(before);
  });
});
