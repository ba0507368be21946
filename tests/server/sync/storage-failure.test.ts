import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SyncClient } from '../../../bench/support/sync-client.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { Storage } from '../../../server/storage/storage.js';
import { insertRow, rowsOf } from '../../../shared/doc/index.js';
import { closedAfterEach, eventually, startTestServer, TOKENS, WS } from './support.js';

const ref = { workspace: WS, doc: 'plan-a' };
/** The test's server and clients, closed after each test. */
const t = closedAfterEach<SyncClient>((c) => c.close());

/** Memory storage whose appends fail on demand like a full disk, each after `delayMs`. */
function failingStorage(delayMs: number): Storage & { failing: boolean } {
  const inner = createMemoryStorage();
  const storage = Object.create(inner) as Storage & { failing: boolean };
  storage.failing = false;
  storage.appendUpdates = async (r, updates) => {
    if (!storage.failing || updates.length === 0) return inner.appendUpdates(r, updates);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
  };
  return storage;
}

function connect(token: string): SyncClient {
  const c = new SyncClient(`${t.server!.base}/plan-a?token=${token}`);
  t.clients.push(c);
  return c;
}

const titles = (doc: Y.Doc): string[] => rowsOf(doc).map((r) => String(r.values.title));

/** The document as a restarted server would load it. */
async function restarted(storage: Storage): Promise<Y.Doc> {
  const stored = await storage.loadDoc(ref);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}

describe('a storage write that fails', () => {
  it('serves no reader state that a restart does not have, and keeps readers connected', async () => {
    const storage = failingStorage(80);
    t.server = await startTestServer({}, { storage });
    const writer = connect(TOKENS.editorA);
    const reader = connect(TOKENS.viewer);
    await Promise.all([writer.synced, reader.synced]);
    writer.write((d) => insertRow(d, { title: 'Stored' }));
    await eventually(() => titles(reader.doc).includes('Stored'), 3000, 'the stored row');

    storage.failing = true;
    writer.write((d) => insertRow(d, { title: 'Lost' }));
    // Asked while the failing write is in flight: a new reader's step 1 and an HTTP read.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const late = connect(TOKENS.viewer);
    const read = t.server.sync.registry.getDoc(ref).then(titles);

    expect((await writer.closed).code).toBe(1011);
    await late.synced;
    expect(await read).toEqual(['Stored']);
    expect(titles(late.doc)).toEqual(['Stored']);
    const stored = titles(await restarted(storage));
    expect(stored).toEqual(['Stored']);
    for (const r of [reader, late]) {
      for (const title of titles(r.doc)) expect(stored).toContain(title);
    }
    expect(reader.ws.readyState).toBe(reader.ws.OPEN);

    // The disk has room again: the writer reconnects with what it kept, and everyone gets it.
    storage.failing = false;
    const again = connect(TOKENS.editorA);
    Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(writer.doc));
    await eventually(() => titles(reader.doc).includes('Lost'), 3000, 'the resent row at the reader');
    expect(titles(await restarted(storage)).sort()).toEqual(['Lost', 'Stored']);
    expect(titles(late.doc).sort()).toEqual(['Lost', 'Stored']);
  });

  it('refuses writes while the document is reloaded, and takes them again after', async () => {
    const storage = failingStorage(0);
    t.server = await startTestServer({}, { storage });
    const writer = connect(TOKENS.editorA);
    await writer.synced;
    storage.failing = true;
    writer.write((d) => insertRow(d, { title: 'Lost' }));
    expect((await writer.closed).code).toBe(1011);
    storage.failing = false;
    const next = connect(TOKENS.editorA);
    await next.synced;
    next.write((d) => insertRow(d, { title: 'Kept' }));
    await eventually(async () => titles(await restarted(storage)).includes('Kept'), 3000, 'the next write stored');
    expect(titles(await t.server.sync.registry.getDoc(ref))).toEqual(['Kept']);
  });
});
