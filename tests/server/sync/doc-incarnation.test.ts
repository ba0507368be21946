/**
 * A document deleted and made again under the same id. A client that kept its copy of the deleted
 * one (offline, or a stock y-websocket client holding its Y.Doc) is refused with 4410 when it
 * sends that copy, before any of it is taken in: none of the deleted document's rows, nor its
 * offline writes, reach the new one. A client of the current document that wrote offline, a
 * client opening it empty and a client that wrote into a doc it had not synced yet (a pane opening
 * a document again, a typed cell before its first sync) are taken in as before. Judged by what the
 * client sends (`shared/validate/other-making.ts`), not by its state vector.
 */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createDoc, insertRow, insertRows, rowsOf, setCell } from '../../../shared/doc/index.js';
import { markMade, metaMap } from '../../../shared/doc/create.js';
import { markOnLoad } from '../../../shared/doc/made-mark.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { kindDef } from '../../../shared/schema/index.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { updatesSince } from '../../../addin/sync/update-frames.js';
import { makeFixture, planRow, WS, type Fixture } from '../http/support.js';

let f: Fixture;
let server: Server | null = null;
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
  server = null;
  await f?.close();
});

async function start(): Promise<string> {
  f = await makeFixture();
  f.now.value = new Date();
  server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: f.samplan.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  f.samplan.injectWebSocket(server);
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A stock y-websocket client on `doc` (a new Y.Doc unless given), recording its closes. */
function open(base: string, doc: string, token: string, ydoc = new Y.Doc()) {
  const closes: { code: number; reason: string }[] = [];
  const provider = new WebsocketProvider(`ws://${base}/v1/sync/${WS}`, doc, ydoc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
  provider.on('connection-close', (e: CloseEvent | null) => {
    if (e) closes.push({ code: e.code, reason: e.reason });
  });
  providers.push(provider);
  const synced = new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())));
  return { ydoc, provider, closes, synced };
}

async function until(ok: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const titlesStored = async (doc: string): Promise<string[]> => {
  const body = (await (await f.req(`/v1/workspaces/${WS}/documents/${doc}/rows?format=json`, f.tokens.admin)).json()) as { rows: { title?: string }[] };
  return body.rows.map((r) => r.title ?? '');
};
const rowsStored = async (doc: string): Promise<number> =>
  ((await (await f.req(`/v1/workspaces/${WS}/documents/${doc}`, f.tokens.admin)).json()) as { rows: number }).rows;

async function deleteAndMakeAgain(doc: string, ownerUnit: string, kind = 'activity-plan'): Promise<void> {
  expect((await f.req(`/v1/workspaces/${WS}/documents/${doc}`, f.tokens.admin, { method: 'DELETE' })).status).toBe(200);
  const made = await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.admin, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind, title: 'Ny lista', ownerUnit, id: doc }),
  });
  expect(made.status).toBe(201);
}

describe('a document deleted and made again under its id', () => {
  it('refuses a kept copy of the deleted one with 4410: neither its rows nor its offline writes reach the new document', async () => {
    const base = await start();
    const old = open(base, 'plan-a', f.tokens.coordinator);
    await old.synced;
    expect(rowsOf(old.ydoc)).toHaveLength(2);
    old.provider.disconnect();
    insertRow(old.ydoc, planRow('Skriven offline'));
    await deleteAndMakeAgain('plan-a', 'vc-b');

    old.provider.connect();
    await until(() => old.closes.some((c) => c.code === CloseCode.replaced));
    expect(old.closes.find((c) => c.code === CloseCode.replaced)?.reason).toMatch(/deleted and made again/);
    // A fresh client sees the new document as it was made: no row of the deleted one.
    const fresh = open(base, 'plan-a', f.tokens.admin);
    await fresh.synced;
    expect(rowsOf(fresh.ydoc)).toHaveLength(0);
    expect(await rowsStored('plan-a')).toBe(0);
    // The kept copy keeps its rows (nothing is lost on the client).
    expect(rowsOf(old.ydoc).map((r) => r.values.title)).toEqual(expect.arrayContaining(['Promenadgrupp A', 'Hälsodag A', 'Skriven offline']));
  });

  it('refuses a copy of a deleted document of another kind as a copy, not as a change of kind', async () => {
    const base = await start();
    const old = open(base, 'plan-a', f.tokens.admin);
    await old.synced;
    old.provider.disconnect();
    await deleteAndMakeAgain('plan-a', 'region', 'partners');
    old.provider.connect();
    await until(() => old.closes.length > 0);
    expect(old.closes[0]?.code).toBe(CloseCode.replaced);
    expect(await rowsStored('plan-a')).toBe(0);
  });

  it('takes in a cell typed into a doc opened again before its first sync, and a client opening it empty', async () => {
    const base = await start();
    await deleteAndMakeAgain('plan-a', 'vc-a');
    const first = open(base, 'plan-a', f.tokens.coordinator);
    await first.synced;
    insertRows(first.ydoc, [planRow('Rad ett'), planRow('Rad två')]);
    await until(async () => (await rowsStored('plan-a')) === 2);

    // Opened again with a new Y.Doc: a row is written before the first sync, so its state vector
    // holds a client the server has never seen, and no making.
    const unsynced = new Y.Doc();
    insertRow(unsynced, planRow('Skriven före synk'));
    expect(Y.decodeStateVector(Y.encodeStateVector(unsynced)).size).toBe(1);
    const again = open(base, 'plan-a', f.tokens.coordinator, unsynced);
    await again.synced;
    await until(async () => (await rowsStored('plan-a')) === 3);
    // After the sync, a typed cell of a stored row is an edit of that row.
    const stored = rowsOf(again.ydoc).find((r) => r.values.title === 'Rad ett');
    setCell(again.ydoc, stored!.id, 'title', 'Rad ett, ändrad');
    await until(async () => (await titlesStored('plan-a')).includes('Rad ett, ändrad'));
    expect(again.closes.some((c) => c.code === CloseCode.replaced)).toBe(false);
    expect(first.closes.some((c) => c.code === CloseCode.replaced)).toBe(false);
  });

  it('takes in an offline write of a client of the current document', async () => {
    const base = await start();
    await deleteAndMakeAgain('plan-a', 'vc-a');
    const current = open(base, 'plan-a', f.tokens.coordinator);
    await current.synced;
    current.provider.disconnect();
    insertRow(current.ydoc, planRow('Skriven offline'));
    current.provider.connect();
    await until(async () => (await rowsStored('plan-a')) === 1);
    expect(current.closes.some((c) => c.code === CloseCode.replaced)).toBe(false);
  });

  it('keeps working for a document stored before, with the seed: a copy of it is taken in', async () => {
    const base = await start();
    const a = open(base, 'plan-a', f.tokens.coordinator);
    await a.synced;
    a.provider.disconnect();
    insertRow(a.ydoc, planRow('Skriven offline'));
    a.provider.connect();
    await until(async () => (await rowsStored('plan-a')) === 3);
    expect(a.closes.some((c) => c.code === CloseCode.replaced)).toBe(false);
  });
});

describe('a document made before the server marked its makings', () => {
  /** Stores `plan-old`, an activity plan of vc-a with two rows, as a Samplan made it before marks. */
  const putOldDoc = async (): Promise<void> => {
    const ydoc = createDoc('activity-plan', { title: 'Gammal plan', ownerUnit: 'vc-a', schemaVersion: kindDef('activity-plan').schemaVersion });
    insertRows(ydoc, [planRow('Promenadgrupp'), planRow('Hälsodag')]);
    const ref = { workspace: WS, doc: 'plan-old' };
    const at = new Date().toISOString();
    // The record first: every store appends only to a document whose record is stored.
    await f.storage.putDocRecord({ ...ref, kind: 'activity-plan', title: 'Gammal plan', ownerUnit: 'vc-a', createdAt: at, updatedAt: at });
    await f.storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(ydoc), memberId: null }]);
  };

  /** A copy of what storage holds for `doc`, as a pane kept it offline before the upgrade (no mark). */
  const storedCopy = async (doc: string): Promise<Y.Doc> => {
    const stored = await f.storage.loadDoc({ workspace: WS, doc });
    const copy = new Y.Doc();
    if (stored.snapshot) Y.applyUpdateV2(copy, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(copy, u);
    return copy;
  };

  it('is marked when the server loads it, so a kept copy of an earlier document of its id is refused with 4410', async () => {
    const base = await start();
    await putOldDoc();
    // plan-old is stored as made before marks; a pane kept a copy of an earlier plan-old, deleted
    // and made again before the upgrade, with rows of its own.
    expect(metaMap(await storedCopy('plan-old')).has('made')).toBe(false);
    const earlier = createDoc('activity-plan', { title: 'Gammal', ownerUnit: 'vc-a', schemaVersion: kindDef('activity-plan').schemaVersion });
    insertRows(earlier, [planRow('Gammal rad ett'), planRow('Gammal rad två')]);
    const old = open(base, 'plan-old', f.tokens.coordinator, earlier);
    await until(() => old.closes.length > 0);
    expect(old.closes[0]?.code).toBe(CloseCode.replaced);
    expect(await titlesStored('plan-old')).toEqual(expect.not.arrayContaining(['Gammal rad ett']));
    expect(await rowsStored('plan-old')).toBe(2);
    // The mark is stored: the next load finds it.
    await until(async () => metaMap(await storedCopy('plan-old')).get('made') === 1);
  });

  it('takes in a copy of it kept from before the mark, with its offline rows, and gives that copy the mark', async () => {
    const base = await start();
    await putOldDoc();
    const kept = await storedCopy('plan-old');
    insertRow(kept, planRow('Skriven offline före uppgraderingen'));
    const client = open(base, 'plan-old', f.tokens.coordinator, kept);
    await client.synced;
    await until(async () => (await rowsStored('plan-old')) === 3);
    expect(metaMap(kept).get('made')).toBe(1);
    expect(client.closes.some((c) => c.code === CloseCode.replaced)).toBe(false);
    // Made again under its id, the marked copy is refused as any copy of another making.
    client.provider.disconnect();
    await deleteAndMakeAgain('plan-old', 'vc-a');
    client.provider.connect();
    await until(() => client.closes.some((c) => c.code === CloseCode.replaced));
    expect(await rowsStored('plan-old')).toBe(0);
  });
});

describe('checkUpdate and another making of the document', () => {
  /** A document as the server makes it (marked), or as a client or a seed made one before marks (`mark` false). */
  const made = (rows = 0, mark = true) => {
    const doc = createDoc('activity-plan', { title: 'P', ownerUnit: 'vc-a', schemaVersion: kindDef('activity-plan').schemaVersion });
    if (mark) markMade(doc);
    insertRows(doc, Array.from({ length: rows }, (_, i) => planRow(`Rad ${i}`)));
    return doc;
  };

  it('refuses an update holding another making of meta.kind; takes the same making sent again, an unsynced doc\'s rows and the same kind written again', () => {
    const server = made(1);
    const old = made(2);
    expect(checkUpdate(server, Y.encodeStateAsUpdate(old))).toMatchObject({ ok: false, code: 'other-making', closeCode: CloseCode.replaced });
    // A copy of a document made before marks existed, into a marked new one: another making too.
    expect(checkUpdate(server, Y.encodeStateAsUpdate(made(2, false)))).toMatchObject({ ok: false, code: 'other-making' });
    // The server's own making, sent back with a client's row: taken.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
    insertRow(copy, planRow('Egen'));
    expect(checkUpdate(server, Y.encodeStateAsUpdate(copy))).toMatchObject({ ok: true });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(copy));
    // A doc that never synced, with a row of its own.
    const unsynced = new Y.Doc();
    insertRow(unsynced, planRow('Före synk'));
    expect(checkUpdate(server, Y.encodeStateAsUpdate(unsynced))).toMatchObject({ ok: true });
    // The same kind written again names the item before it: not a making.
    const before = Y.encodeStateVector(copy);
    metaMap(copy).set('kind', 'activity-plan');
    expect(checkUpdate(server, Y.encodeStateAsUpdate(copy, before))).toMatchObject({ ok: true });
    // A document with no kind yet (nothing made) takes a making, but never a client's mark.
    expect(checkUpdate(new Y.Doc(), Y.encodeStateAsUpdate(made(2, false)))).toMatchObject({ ok: true });
    expect(checkUpdate(new Y.Doc(), Y.encodeStateAsUpdate(old))).toMatchObject({ ok: false, code: 'unknown-field' });
    // A client never writes the mark.
    const unmarked = new Y.Doc();
    Y.applyUpdate(unmarked, Y.encodeStateAsUpdate(server));
    const sv = Y.encodeStateVector(unmarked);
    metaMap(unmarked).set('made', 2);
    expect(checkUpdate(server, Y.encodeStateAsUpdate(unmarked, sv))).toMatchObject({ ok: false, code: 'unknown-field' });
  });

  it('leaves a document stored without the mark as it was, but refuses a marked copy of another making', () => {
    const stored = made(1, false);
    // A client that made its own document of the kind and syncs it in, as before marks.
    expect(checkUpdate(stored, Y.encodeStateAsUpdate(made(2, false)))).toMatchObject({ ok: true });
    expect(checkUpdate(stored, Y.encodeStateAsUpdate(made(2)))).toMatchObject({ ok: false, code: 'other-making' });
  });

  it('takes its own making\'s load mark, not another making\'s, once a document made before marks is marked', () => {
    const stored = made(1, false);
    const ownCopy = new Y.Doc();
    Y.applyUpdate(ownCopy, Y.encodeStateAsUpdate(stored));
    const earlier = made(2, false);
    const earlierMarked = new Y.Doc();
    Y.applyUpdate(earlierMarked, Y.encodeStateAsUpdate(earlier));
    expect(markOnLoad(earlierMarked)).not.toBeNull();
    expect(markOnLoad(stored)).not.toBeNull();
    // A copy of another making, with or without its own load mark: refused.
    expect(checkUpdate(stored, Y.encodeStateAsUpdate(earlier))).toMatchObject({ ok: false, code: 'other-making' });
    expect(checkUpdate(stored, Y.encodeStateAsUpdate(earlierMarked))).toMatchObject({ ok: false, code: 'other-making' });
    // A copy of its own making from before the mark, with a row of its own: taken.
    insertRow(ownCopy, planRow('Offline'));
    expect(checkUpdate(stored, Y.encodeStateAsUpdate(ownCopy))).toMatchObject({ ok: true });
  });

  it('meets the making first when a copy is sent in several frames, so no frame before it carries a row', () => {
    const server = made(0);
    const old = made(0);
    // Rows written by other clients of the deleted document, bigger than one frame altogether.
    // Their client ids above the making's, so a copy that took it all in one update (Yjs writes
    // clients by falling id) holds their structs before the making's.
    for (let c = 0; c < 3; c++) {
      const other = new Y.Doc();
      other.clientID = old.clientID + 1 + c;
      Y.applyUpdate(other, Y.encodeStateAsUpdate(old));
      insertRows(other, Array.from({ length: 40 }, (_, i) => planRow(`Klient ${c} rad ${i} ${'x'.repeat(200)}`)));
      Y.applyUpdate(old, Y.encodeStateAsUpdate(other, Y.encodeStateVector(old)));
    }
    const kept = new Y.Doc();
    Y.applyUpdate(kept, Y.encodeStateAsUpdate(old));
    expect([...kept.store.clients.keys()][0]).not.toBe(old.clientID);
    const frames = updatesSince(kept, Y.encodeStateVector(server), 8 * 1024);
    expect(frames.length).toBeGreaterThan(3);
    expect(checkUpdate(server, frames[0]!)).toMatchObject({ ok: false, code: 'other-making' });
  });
});
