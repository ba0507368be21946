/**
 * After `samplan history drop`, clients that hold the old history (offline copies) do not bring
 * the dropped text back. The new snapshot keeps every item's id (deleted content collected), so a
 * stock y-websocket client that reconnects finds the server holding every item it knows: its sync
 * sends only what is new (an offline edit) and receives the deletion it missed. A client that
 * sends its whole state instead, the deleted number's bytes included, is refused by the guard as
 * any update holding one is; nothing of it is stored. The history (written past the guard, as an
 * older Samplan stored it) is built before the server starts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { pino } from 'pino';
import type { WebsocketProvider } from 'y-websocket';
import { dropHistory } from '../../../server/history-drop.js';
import { scanDocHistory } from '../../../server/history-scan.js';
import { syncAuthFor } from '../../../server/http/sync-auth.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { startSyncServer } from '../../../server/sync/start-sync-server.js';
import { getRow, insertRow, setCell } from '../../../shared/doc/index.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { seed } from './seed.js';
import { connectProvider, eventually, synced, TOKENS, WS, type TestServer } from './support.js';

const ref = { workspace: WS, doc: 'plan-a' };
const NUMBER = '850101-1236';
let server: TestServer | undefined;
const providers: WebsocketProvider[] = [];

afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await server?.stop();
  server = undefined;
});

/** A sync server on `storage` as it is (not seeded again). */
async function serve(storage: Storage): Promise<TestServer> {
  const running = await startSyncServer({ storage, records: storage, auth: syncAuthFor(storage, () => new Date()), checkUpdate, logger: pino({ level: 'silent' }), options: { graceMs: 50 } });
  return { ...running, storage, base: `${running.url}/v1/sync/${WS}` };
}

/** A client's copy of what `storage` holds of `ref`. */
async function copyOf(storage: Storage): Promise<Y.Doc> {
  const stored = await storage.loadDoc(ref);
  const doc = new Y.Doc();
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u);
  });
  return doc;
}

/** Store what `change` does to `doc`, past the guard. */
async function stored(storage: Storage, doc: Y.Doc, change: () => void): Promise<void> {
  const before = Y.encodeStateVector(doc);
  change();
  await storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(doc, before), memberId: 'm-a' }]);
}

describe('clients holding the history a drop removed', () => {
  it('reconnect without bringing the deleted number back; their offline edits still land', async () => {
    const storage = createMemoryStorage();
    await seed(storage);
    const seen = await copyOf(storage);
    await stored(storage, seen, () => insertRow(seen, { title: 'Promenad' }, { id: 'r1' }));
    await stored(storage, seen, () => setCell(seen, 'r1', 'title', `Ring Eva ${NUMBER}`));
    // This copy went offline with the number live; `seen` stays to see it changed.
    const missed = new Y.Doc();
    Y.applyUpdate(missed, Y.encodeStateAsUpdate(seen));
    await stored(storage, seen, () => setCell(seen, 'r1', 'title', 'Ring Eva'));
    expect(await scanDocHistory(storage, ref)).toEqual(['update 3']);
    expect(await dropHistory(storage, ref)).toMatchObject({ kind: 'dropped', seq: 4 });
    expect(await scanDocHistory(storage, ref)).toEqual([]);

    server = await serve(storage);
    const registry = server.sync.registry;
    // Offline, both copies were edited; `missed` still shows the number.
    setCell(seen, 'r1', 'participantsPlanned', 12);
    setCell(missed, 'r1', 'participantsReached', 7);
    expect(getRow(missed, 'r1')?.values.title).toBe(`Ring Eva ${NUMBER}`);
    const whole = Y.encodeStateAsUpdate(missed);

    const a = connectProvider(server, 'plan-a', TOKENS.editorA, seen);
    const b = connectProvider(server, 'plan-a', TOKENS.editorA, missed);
    providers.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    const live = await registry.getDoc(ref);
    await eventually(() => getRow(live, 'r1')?.values.participantsPlanned === 12 && getRow(live, 'r1')?.values.participantsReached === 7, 10_000, 'both offline edits stored');
    // The deletion reached the copy that missed it; the server never took the number back.
    await eventually(() => getRow(missed, 'r1')?.values.title === 'Ring Eva', 10_000, 'the deletion reaches the old copy');
    expect(getRow(live, 'r1')?.values.title).toBe('Ring Eva');

    // A client that sends everything it holds, the deleted number's bytes with it: refused as any update holding one.
    expect(await registry.submit(ref, whole, { memberId: 'm-a', principal: null })).toMatchObject({ ok: false, code: 'personnummer' });
    await server.stop();
    server = undefined;
    expect(await scanDocHistory(storage, ref)).toEqual([]);
    const after = await copyOf(storage);
    expect(getRow(after, 'r1')?.values).toMatchObject({ title: 'Ring Eva', participantsPlanned: 12, participantsReached: 7 });
  });
});

describe('a drop while a server serves the document', () => {
  it('on SQLite, from another connection: the room edits on after it, numbered after the snapshot, and the history stays clean', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-drop-served-'));
    const file = path.join(dir, 'samplan.db');
    const served = openSqliteStorage(file);
    const cli = openSqliteStorage(file);
    try {
      await seed(served);
      const seen = await copyOf(served);
      await stored(served, seen, () => insertRow(seen, { title: 'Promenad' }, { id: 'r1' }));
      await stored(served, seen, () => setCell(seen, 'r1', 'title', `Ring Eva ${NUMBER}`));
      await stored(served, seen, () => setCell(seen, 'r1', 'title', 'Ring Eva'));
      server = await serve(served);
      const client = new Y.Doc();
      const a = connectProvider(server, 'plan-a', TOKENS.editorA, client);
      providers.push(a);
      await synced(a);
      expect(await dropHistory(cli, ref)).toMatchObject({ kind: 'dropped', seq: 4 });
      setCell(client, 'r1', 'participantsPlanned', 30);
      await eventually(async () => (await cli.lastSeqs(WS, ['plan-a'])).get('plan-a') === 5, 10_000, 'the edit after the drop stored as update 5');
      expect(await scanDocHistory(cli, ref)).toEqual([]);
      expect((await cli.listUpdates(ref, 0, 10)).map((u) => u.seq)).toEqual([5]);
      const after = await copyOf(cli);
      expect(getRow(after, 'r1')?.values).toMatchObject({ title: 'Ring Eva', participantsPlanned: 30 });
    } finally {
      for (const p of providers.splice(0)) p.destroy();
      await server?.stop();
      server = undefined;
      await cli.close();
      await served.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
