import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { SyncClient } from '../../../bench/support/sync-client.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { getRow, insertRow } from '../../../shared/doc/index.js';
import { eventually, startTestServer, TOKENS, WS, type TestServer } from './support.js';

const ref = { workspace: WS, doc: 'plan-a' };
let server: TestServer | null = null;
const handles: Storage[] = [];
const clients: SyncClient[] = [];
let dir = '';

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.stop();
  server = null;
  for (const s of handles.splice(0)) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A server on an SQLite file, and a second storage handle on the same file (another process's view). */
async function setUp(compactEvery: number): Promise<{ db: string; other: Storage }> {
  dir = mkdtempSync(join(tmpdir(), 'samplan-foreign-'));
  const db = join(dir, 'samplan.db');
  const mine = openSqliteStorage(db);
  handles.push(mine);
  server = await startTestServer({ compactEvery }, { storage: mine });
  const other = openSqliteStorage(db);
  handles.push(other);
  return { db, other };
}

function connect(): SyncClient {
  const c = new SyncClient(`${server!.base}/plan-a?token=${TOKENS.coordinator}`);
  clients.push(c);
  return c;
}

/** An update creating one row, as `samplan import` writes it (update V1, no doc state needed). */
function rowUpdate(id: string, title: string): Uint8Array {
  const doc = new Y.Doc();
  insertRow(doc, { title }, { id });
  return Y.encodeStateAsUpdate(doc);
}

/** The document as a fresh load from the file would build it. */
async function reloaded(db: string): Promise<Y.Doc> {
  const storage = openSqliteStorage(db);
  handles.push(storage);
  const stored = await storage.loadDoc(ref);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

describe('room with updates appended by another process', () => {
  it('applies and relays foreign updates, and keeps them through compaction and reload', async () => {
    const { db, other } = await setUp(4);
    const writer = connect();
    const peer = connect();
    await Promise.all([writer.synced, peer.synced]);

    await other.appendUpdates(ref, [
      { update: rowUpdate('imported-1', 'Hälsodag (import)'), memberId: 'm-coord' },
      { update: rowUpdate('imported-2', 'Promenadgrupp (import)'), memberId: 'm-coord' },
    ]);
    for (let i = 0; i < 6; i++) {
      writer.write((d) => insertRow(d, { title: `rad ${i}` }, { id: `own-${i}` }));
      await eventually(() => getRow(peer.doc, `own-${i}`) !== undefined, 3000, `own row ${i} relayed`);
    }
    await eventually(async () => (await other.loadDoc(ref)).snapshot !== null, 3000, 'a snapshot');

    expect(getRow(peer.doc, 'imported-1')?.values.title).toBe('Hälsodag (import)');
    expect(getRow(writer.doc, 'imported-2')?.values.title).toBe('Promenadgrupp (import)');
    await server!.stop();
    server = null;
    const doc = await reloaded(db);
    const ids = ['imported-1', 'imported-2', ...Array.from({ length: 6 }, (_, i) => `own-${i}`)];
    expect(ids.filter((id) => getRow(doc, id) === undefined)).toEqual([]);
  });

  it('relays an import by another process to connected clients within a second, without writing first', async () => {
    const { other } = await setUp(1000);
    const peer = connect();
    await peer.synced;
    await new Promise((resolve) => setTimeout(resolve, 400));
    const started = Date.now();
    await other.appendUpdates(ref, [{ update: rowUpdate('imported-alone', 'Importerad rad'), memberId: null }]);
    await eventually(() => getRow(peer.doc, 'imported-alone') !== undefined, 1000, 'the import at the client within 1 s');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('finds an append whose data version moved before its rows could be read (PostgreSQL), at the next poll', async () => {
    const inner = createMemoryStorage();
    const storage = Object.create(inner) as Storage;
    let version = 0;
    let versionReads = 0;
    let lookups = 0;
    storage.dataVersion = async () => (versionReads++, version);
    storage.lastSeqs = async (workspace, docs) => (lookups++, inner.lastSeqs(workspace, docs));
    server = await startTestServer({ foreignPollMs: 100 }, { storage });
    const peer = connect();
    await peer.synced;
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The version moves; a poll reads it and looks at the room before the rows are visible.
    version++;
    const [reads, looked] = [versionReads, lookups];
    await eventually(() => versionReads > reads && lookups > looked, 3000, 'a poll to see the new version and look');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await inner.appendUpdates(ref, [{ update: rowUpdate('imported-early', 'Version före raderna'), memberId: null }]);
    await eventually(() => getRow(peer.doc, 'imported-early') !== undefined, 3000, 'the rows at the client at the next poll');
  });

  it('reads foreign updates before the snapshot it writes on unload', async () => {
    const { db, other } = await setUp(1000);
    const peer = connect();
    await peer.synced;
    writerEdit(peer, 'own-0');
    await eventually(async () => (await other.loadDoc(ref)).lastSeq === 2, 3000, 'own edit stored');
    await other.appendUpdates(ref, [{ update: rowUpdate('imported-late', 'Efter sista ändringen'), memberId: null }]);
    await server!.stop();
    server = null;

    const stored = await other.loadDoc(ref);
    expect(stored.updates).toHaveLength(0);
    const doc = await reloaded(db);
    expect(getRow(doc, 'imported-late')?.values.title).toBe('Efter sista ändringen');
    expect(getRow(doc, 'own-0')).toBeDefined();
  });
});

function writerEdit(client: SyncClient, id: string): void {
  client.write((d) => insertRow(d, { title: id }, { id }));
}
