/**
 * A document deleted and made again under the same id: a client that kept its copy of the deleted
 * one (offline, or a stock y-websocket client holding its Y.Doc) is refused with 4410 before its
 * state is taken in, so none of the deleted document's rows, nor its offline writes, reach the new
 * one; a client of the current document that wrote offline, and a client opening it empty, are not.
 */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createDoc, insertRow, rowsOf } from '../../../shared/doc/index.js';
import { markMade, metaMap } from '../../../shared/doc/create.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { kindDef } from '../../../shared/schema/index.js';
import { creationOf, otherIncarnation } from '../../../server/sync/incarnation.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
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

function open(base: string, doc: string, token: string) {
  const ydoc = new Y.Doc();
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

const rowsStored = async (doc: string): Promise<number> =>
  ((await (await f.req(`/v1/workspaces/${WS}/documents/${doc}`, f.tokens.admin)).json()) as { rows: number }).rows;

async function deleteAndMakeAgain(doc: string, ownerUnit: string): Promise<void> {
  expect((await f.req(`/v1/workspaces/${WS}/documents/${doc}`, f.tokens.admin, { method: 'DELETE' })).status).toBe(200);
  const made = await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.admin, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'activity-plan', title: 'Ny plan', ownerUnit, id: doc }),
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
    // The kept copy keeps what it had (nothing is lost on the client).
    expect(rowsOf(old.ydoc)).toHaveLength(3);
  });

  it('takes in an offline write of a client of the current document, and a client opening it empty', async () => {
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
});

describe('otherIncarnation', () => {
  const made = () => {
    const doc = createDoc('activity-plan', { title: 'P', ownerUnit: 'vc-a', schemaVersion: kindDef('activity-plan').schemaVersion });
    markMade(doc);
    return doc;
  };

  it('matches an empty copy and a copy of the same making, not a copy of another making', () => {
    const doc = made();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    insertRow(copy, planRow('Egen'));
    expect(otherIncarnation(doc, Y.encodeStateVector(new Y.Doc()))).toBe(false);
    expect(otherIncarnation(doc, Y.encodeStateVector(copy))).toBe(false);
    expect(otherIncarnation(doc, Y.encodeStateVector(made()))).toBe(true);
    // A document with no making (stored before it existed, or by a test) is not checked.
    const unmarked = createDoc('activity-plan', { title: 'P', ownerUnit: 'vc-a', schemaVersion: 2 });
    expect(creationOf(unmarked)).toBeNull();
    expect(otherIncarnation(unmarked, Y.encodeStateVector(made()))).toBe(false);
  });

  it('names the first meta.made item ever written, so a copy made before a later write of it still matches', () => {
    const doc = made();
    const first = creationOf(doc);
    const before = new Y.Doc();
    Y.applyUpdate(before, Y.encodeStateAsUpdate(doc));
    const later = new Y.Doc();
    Y.applyUpdate(later, Y.encodeStateAsUpdate(doc));
    metaMap(later).set('made', 2);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(later));
    expect(creationOf(doc)).toEqual(first);
    expect(first?.client).toBe(before.store.clients.keys().next().value);
    expect(otherIncarnation(doc, Y.encodeStateVector(before))).toBe(false);
  });
});

describe('meta.made in a client update', () => {
  it('is refused when the client writes it, taken when the client only holds the server\'s', () => {
    const server = createDoc('activity-plan', { title: 'P', ownerUnit: 'vc-a', schemaVersion: 2 });
    markMade(server);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    // The client's whole state, the server's making included, with a row of its own: taken.
    insertRow(client, planRow('Egen'));
    const whole = Y.encodeStateAsUpdate(client);
    expect(checkUpdate(server, whole)).toMatchObject({ ok: true });
    Y.applyUpdate(server, whole);
    const before = Y.encodeStateVector(client);
    metaMap(client).set('made', 2);
    expect(checkUpdate(server, Y.encodeStateAsUpdate(client, before))).toMatchObject({ ok: false, code: 'unknown-field' });
  });
});
