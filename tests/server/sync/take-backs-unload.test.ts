/**
 * A take-back outlives the room that made it: editor A owns a row and edits it offline while
 * editor B, of another unit, changes the same cell and is refused (the server writes the value
 * back). B leaves, and the room unloads once its grace time is over. When A comes back, the
 * document loads again, and A's allowed edit must still stand over the take-back, whichever of
 * the two client ids Yjs orders first. Stock y-websocket clients on one process.
 */
import * as Y from 'yjs';
import WebSocket from 'ws';
import { pino } from 'pino';
import { WebsocketProvider } from 'y-websocket';
import { afterEach, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { startSyncServer, type RunningSyncServer } from '../../../server/sync/start-sync-server.js';
import { syncAuthFor } from '../../../server/http/sync-auth.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { NOTICES_ON, NOTICES_PARAM } from '../../../shared/protocol/notices.js';
import { DOCS, seed, TOKENS, WS } from './seed.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function eventually(check: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`not within ${ms} ms: ${what}`);
    await sleep(20);
  }
}

const measure = (doc: Y.Doc, row: string): unknown => rowsMap(doc).get(row)?.get('measure');
/** How long an idle room stays loaded here, in ms. */
const GRACE_MS = 100;

let server: RunningSyncServer | null = null;
const providers: WebsocketProvider[] = [];

afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await server?.stop();
  server = null;
});

async function open(token: string, clientID?: number): Promise<{ provider: WebsocketProvider; doc: Y.Doc }> {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  const provider = new WebsocketProvider(`${server?.url}/v1/sync/${WS}`, 'county', doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // With notices on, a refused change is taken back and the socket stays open.
    params: { token, [NOTICES_PARAM]: NOTICES_ON },
    disableBc: true,
  });
  providers.push(provider);
  await eventually(() => provider.synced, 5000, 'a client to sync');
  return { provider, doc };
}

for (const [aId, bId] of [
  [100, 200],
  [2000, 1000],
] as const) {
  it(`the owner's offline edit stands over a take-back made before the room unloaded (A=${aId}, B=${bId})`, async () => {
    const storage = createMemoryStorage();
    await seed(storage);
    server = await startSyncServer({
      storage,
      records: storage,
      auth: syncAuthFor(storage, () => new Date()),
      checkUpdate,
      logger: pino({ level: 'silent' }),
      options: { graceMs: GRACE_MS },
    });
    const a = await open(TOKENS.editorA, aId);
    insertRow(a.doc, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'r1' });
    const b = await open(TOKENS.editorB, bId);
    await eventually(() => measure(b.doc, 'r1') === 'Hälsodag', 5000, 'B sees the row');
    a.provider.disconnect();
    setCells(a.doc, 'r1', { measure: 'Ägarens ändring' });
    setCells(b.doc, 'r1', { measure: 'Övertagen' });
    await eventually(() => measure(b.doc, 'r1') === 'Hälsodag', 5000, "B's edit taken back");
    b.provider.destroy();
    // Nobody holds the document: the room unloads after its grace time.
    await sleep(GRACE_MS + 500);
    expect(server.sync.registry.stats().rooms).toBe(0);
    a.provider.connect();
    const reader = await open(TOKENS.viewer);
    await eventually(() => [a.doc, reader.doc].every((d) => measure(d, 'r1') === 'Ägarens ändring'), 5000, `A's edit everywhere (A ${String(measure(a.doc, 'r1'))}, reader ${String(measure(reader.doc, 'r1'))})`);
    // And it is what is stored: a client opening the document afresh gets it.
    const fresh = await open(TOKENS.viewer);
    expect(measure(fresh.doc, 'r1')).toBe('Ägarens ändring');
  }, 30_000);
}

for (const deleted of ['evicted', 'found missing', null] as const) {
  it(`take-backs kept after an idle unload are ${deleted ? `forgotten when the document is deleted (${deleted}) and re-created under its id` : 'handed to the room that loads it again'}`, async () => {
    const storage = createMemoryStorage();
    await seed(storage);
    server = await startSyncServer({
      storage,
      records: storage,
      auth: syncAuthFor(storage, () => new Date()),
      checkUpdate,
      logger: pino({ level: 'silent' }),
      options: { graceMs: GRACE_MS },
    });
    const ref = { workspace: WS, doc: 'county' };
    const a = await open(TOKENS.editorA);
    insertRow(a.doc, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'r1' });
    const b = await open(TOKENS.editorB);
    await eventually(() => measure(b.doc, 'r1') === 'Hälsodag', 5000, 'B sees the row');
    a.provider.destroy();
    setCells(b.doc, 'r1', { measure: 'Övertagen' });
    await eventually(() => measure(b.doc, 'r1') === 'Hälsodag', 5000, "B's edit taken back");
    // The stored state, as a document restored under the same id would bring it back.
    const state = Y.encodeStateAsUpdate(b.doc);
    b.provider.destroy();
    await sleep(GRACE_MS + 500);
    expect(server.sync.registry.stats().rooms).toBe(0);
    if (deleted) {
      // As the delete route does: the rights hook (evicting the document), the data, the hook
      // again; or the data only (the hook never came), and the registry finds it gone on a load.
      if (deleted === 'evicted') await server.sync.registry.evict(ref);
      await storage.deleteDoc(ref);
      if (deleted === 'evicted') await server.sync.registry.evict(ref);
      else await expect(server.sync.registry.withDoc(ref, () => undefined)).rejects.toThrow();
      const kind = DOCS.find((d) => d.doc === 'county')?.kind ?? 'action-plan';
      const at = new Date().toISOString();
      // The record first: every store appends only to a document whose record is stored.
      await storage.putDocRecord({ ...ref, title: 'county', createdAt: at, updatedAt: at, kind, ownerUnit: 'county' });
      await storage.appendUpdates(ref, [{ update: state, memberId: null }]);
    }
    // The room that loads the document takes in what is stored with it (`load-doc.ts`).
    await server.sync.registry.withDoc(ref, () => undefined);
    const stored = (await storage.loadTakeBacks?.(ref)) ?? null;
    if (deleted) expect(stored).toEqual([]);
    else expect(stored?.length).toBeGreaterThan(0);
  }, 30_000);
}
