/**
 * A rights change that lands while a socket is being admitted: the token resolved, the document's
 * record still being read. The change's hook closes the open sockets, but this one is not open
 * yet; it must not be let in with the principal read before the change, and no write of it may be
 * stored. Through the real app on loopback, storage paused at the record read.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import * as Y from 'yjs';
import { createApp, type SamplanApp } from '../../../server/app.js';
import { createToken } from '../../../server/auth/tokens.js';
import { silentLogger } from '../../../server/logger.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { Storage } from '../../../server/storage/storage.js';
import { encodeSyncStep1, encodeUpdate } from '../../../server/sync/protocol.js';
import { insertRow, rowsOf } from '../../../shared/doc/index.js';
import { rawClient, TOKENS, WS, type RawClient, type TestServer } from './support.js';
import { seed } from './seed.js';

interface Harness {
  storage: Storage;
  samplan: SamplanApp;
  sync: TestServer;
  /** Resolves when admission reads a record while `pause` is set; `release` lets the read go on. */
  paused: { pause: boolean; reached: Promise<void>; release: () => void };
  admin(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

let h: Harness | undefined;
const clients: RawClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await h?.stop();
  h = undefined;
});

async function start(): Promise<Harness> {
  const storage = createMemoryStorage();
  await seed(storage);
  await storage.putMember({ workspace: WS, id: 'm-admin', name: 'Admin', role: 'admin', units: [] });
  for (const code of ['county', 'clinic-a', 'clinic-b']) {
    await storage.putUnit({ workspace: WS, code, name: code, parent: code === 'county' ? null : 'county' });
  }
  const clock = () => new Date();
  const { secret: adminToken } = await createToken(storage, { workspace: WS, memberId: 'm-admin', label: 'test', clock });
  let reached!: () => void;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const paused = { pause: false, reached: new Promise<void>((resolve) => (reached = resolve)), release };
  const getDocRecord = storage.getDocRecord.bind(storage);
  storage.getDocRecord = async (ref) => {
    if (paused.pause) {
      paused.pause = false;
      reached();
      await gate;
    }
    return getDocRecord(ref);
  };
  const samplan = createApp({ storage, logger: silentLogger(), clock, publicUrl: 'http://samplan.test', syncOptions: { graceMs: 20 } });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: samplan.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  samplan.injectWebSocket(server);
  const sync = { base: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/sync/${WS}` } as TestServer;
  return {
    storage,
    samplan,
    sync,
    paused,
    admin: async (path, init = {}) =>
      samplan.app.request(path, { ...init, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', ...init.headers } }),
    async stop() {
      await samplan.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A frame that adds a row titled `title` to an empty copy of the document. */
function rowFrame(title: string): Uint8Array {
  const copy = new Y.Doc();
  insertRow(copy, { title });
  return encodeUpdate(Y.encodeStateAsUpdate(copy));
}

async function storedTitles(doc: string): Promise<unknown[]> {
  await new Promise((r) => setTimeout(r, 100));
  const stored = await (h as Harness).storage.loadDoc({ workspace: WS, doc });
  const d = new Y.Doc();
  if (stored.snapshot) Y.applyUpdateV2(d, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(d, u);
  return rowsOf(d).map((r) => r.values.title);
}

/**
 * Open a socket of editor A, pause its admission at the record read, make `change` meanwhile,
 * let admission go on, and at once send a step 1 and a write. Returns how the socket closed, or
 * null when it was still open after a second, and the titles storage holds.
 */
async function changeWhileAdmitting(change: () => Promise<Response>) {
  const harness = h as Harness;
  harness.paused.pause = true;
  const c = rawClient(harness.sync, 'plan-a', TOKENS.editorA);
  clients.push(c);
  await harness.paused.reached;
  expect((await change()).status).toBe(200);
  harness.paused.release();
  const opened = await c.opened.then(() => true, () => false);
  if (opened) {
    c.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    c.send(rowFrame('after the change'));
  }
  const closed = await Promise.race([c.closed, new Promise<null>((r) => setTimeout(() => r(null), 1000))]);
  return { closed, titles: await storedTitles('plan-a') };
}

describe('a rights change while a socket is being admitted', () => {
  it('does not take a write of a socket whose token was revoked during its admission, and closes it with 4401', async () => {
    h = await start();
    const res = await changeWhileAdmitting(() => (h as Harness).admin(`/v1/workspaces/${WS}/tokens`, { method: 'DELETE', body: JSON.stringify({ id: 't-m-a' }) }));
    expect(res.closed?.code).toBe(4401);
    expect(res.titles).toEqual([]);
  });

  it('does not take a write of a member demoted to viewer during its admission, and closes it with 4403', async () => {
    h = await start();
    const body = { id: 'm-a', name: 'Editor A', role: 'viewer', units: [] };
    const res = await changeWhileAdmitting(() => (h as Harness).admin(`/v1/workspaces/${WS}/members`, { method: 'POST', body: JSON.stringify(body) }));
    expect(res.closed?.code).toBe(4403);
    expect(res.titles).toEqual([]);
  });
});
