/**
 * Rights that change while a socket is open: revoking its token, the token expiring, demoting or
 * removing its member and deleting its document close it within a second with the right code, and
 * no write after that moment is stored. Through the real app (routes call the hooks) on loopback.
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
import { eventually, rawClient, TOKENS, WS, type RawClient, type TestServer } from './support.js';
import { seed } from './seed.js';

interface Harness {
  storage: Storage;
  samplan: SamplanApp;
  adminToken: string;
  /** Added to the real time, to move the server's clock forward. */
  skew: { ms: number };
  sync: TestServer;
  req(path: string, init?: RequestInit): Promise<Response>;
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
  const skew = { ms: 0 };
  const clock = () => new Date(Date.now() + skew.ms);
  await storage.putMember({ workspace: WS, id: 'm-admin', name: 'Admin', role: 'admin', units: [] });
  for (const code of ['county', 'clinic-a', 'clinic-b']) {
    await storage.putUnit({ workspace: WS, code, name: code, parent: code === 'county' ? null : 'county' });
  }
  const { secret: adminToken } = await createToken(storage, { workspace: WS, memberId: 'm-admin', label: 'test', clock });
  const samplan = createApp({ storage, logger: silentLogger(), clock, publicUrl: 'http://samplan.test', syncOptions: { graceMs: 20 } });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: samplan.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  samplan.injectWebSocket(server);
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Enough of a TestServer for `rawClient`.
  const sync = { base: `${url}/v1/sync/${WS}` } as TestServer;
  return {
    storage,
    samplan,
    adminToken,
    skew,
    sync,
    req: async (path, init = {}) =>
      samplan.app.request(path, { ...init, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', ...init.headers } }),
    async stop() {
      await samplan.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A raw client that has joined the document's room, and when its socket closed. */
async function join(doc: string, token: string): Promise<RawClient & { closedAt: Promise<number> }> {
  const c = rawClient((h as Harness).sync, doc, token);
  clients.push(c);
  await c.opened;
  c.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
  const until = Date.now() + 3000;
  while (c.frames.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  return { ...c, closedAt: c.closed.then(() => Date.now()) };
}

/** A frame that adds a row titled `title`, made on a copy of the server's current state. */
async function rowFrame(doc: string, title: string): Promise<Uint8Array> {
  const copy = await (h as Harness).samplan.registry.withDoc({ workspace: WS, doc }, (room) => {
    const d = new Y.Doc();
    Y.applyUpdate(d, Y.encodeStateAsUpdate(room.doc));
    return d;
  });
  const before = Y.encodeStateVector(copy);
  insertRow(copy, { title });
  return encodeUpdate(Y.encodeStateAsUpdate(copy, before));
}

/** Titles of the rows storage holds for a document. */
async function storedTitles(doc: string): Promise<unknown[]> {
  await new Promise((r) => setTimeout(r, 50));
  const stored = await (h as Harness).storage.loadDoc({ workspace: WS, doc });
  const d = new Y.Doc();
  if (stored.snapshot) Y.applyUpdateV2(d, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(d, u);
  return rowsOf(d).map((r) => r.values.title);
}

/**
 * Write once (stored), change a right with `change`, write again right after, and return the
 * close, how long after the change it came, and the titles storage holds.
 */
async function changeWhileOpen(token: string, change: () => Promise<unknown>, doc = 'plan-a') {
  const c = await join(doc, token);
  c.send(await rowFrame(doc, 'before'));
  await eventually(async () => (await storedTitles(doc)).includes('before'), 3000, 'the first write to be stored');
  const after = await rowFrame(doc, 'after');
  const t0 = Date.now();
  await change();
  c.send(after);
  const closed = await c.closed;
  return { ...closed, ms: (await c.closedAt) - t0, titles: await storedTitles(doc) };
}

describe('rights on open sockets', () => {
  it('closes a socket whose token is revoked with 4401 at once; a write right after is not stored', async () => {
    h = await start();
    const res = await changeWhileOpen(TOKENS.editorA, async () => {
      const r = await h?.req(`/v1/workspaces/${WS}/tokens`, { method: 'DELETE', body: JSON.stringify({ id: 't-m-a' }) });
      expect(r?.status).toBe(200);
    });
    expect(res).toMatchObject({ code: 4401, reason: 'Token revoked' });
    expect(res.ms).toBeLessThan(1000);
    expect(res.titles).toEqual(['before']);
  });

  it('closes a socket when its token expires, by a timer, within a second of the expiry', async () => {
    h = await start();
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const { secret } = await createToken(h.storage, { workspace: WS, memberId: 'm-a', label: 'short', expiresAt, clock: () => new Date() });
    const c = await join('plan-a', secret);
    c.send(await rowFrame('plan-a', 'before'));
    const closed = await c.closed;
    const late = (await c.closedAt) - Date.parse(expiresAt);
    expect(closed).toEqual({ code: 4401, reason: 'Token expired' });
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(1000);
    expect(await storedTitles('plan-a')).toEqual(['before']);
  });

  it('refuses a write offered after the expiry even when the timer has not run yet', async () => {
    h = await start();
    const expiresAt = new Date(Date.now() + 10 * 60_000).toISOString();
    const { secret } = await createToken(h.storage, { workspace: WS, memberId: 'm-a', label: 'later', expiresAt, clock: () => new Date() });
    const c = await join('plan-a', secret);
    const frame = await rowFrame('plan-a', 'after');
    // The server's clock jumps past the expiry; the timer armed for ten minutes is still waiting.
    h.skew.ms = 11 * 60_000;
    c.send(frame);
    expect(await c.closed).toEqual({ code: 4401, reason: 'Token expired' });
    expect(await storedTitles('plan-a')).toEqual([]);
  });

  it('takes a write after the old expiry once the token was extended, and refuses one after the new expiry', async () => {
    h = await start();
    const expiresAt = new Date(Date.now() + 10 * 60_000).toISOString();
    const { secret, record } = await createToken(h.storage, { workspace: WS, memberId: 'm-a', label: 'session', expiresAt, clock: () => new Date() });
    const c = await join('plan-a', secret);
    // What `POST /v1/session/refresh` does: the stored expiry moves, then the hook tells the sockets.
    const extended = new Date(Date.now() + 60 * 60_000).toISOString();
    await h.storage.putToken({ ...record, expiresAt: extended });
    h.samplan.registry.live.tokenExtended(record.id, extended);
    h.skew.ms = 11 * 60_000;
    c.send(await rowFrame('plan-a', 'extended'));
    await eventually(async () => (await storedTitles('plan-a')).includes('extended'), 3000, 'the write after the old expiry to be stored');
    h.skew.ms = 61 * 60_000;
    c.send(await rowFrame('plan-a', 'late'));
    expect(await c.closed).toEqual({ code: 4401, reason: 'Token expired' });
    expect(await storedTitles('plan-a')).toEqual(['extended']);
  });

  it('closes the socket of a member demoted to viewer with 4403; a write right after is not stored', async () => {
    h = await start();
    const res = await changeWhileOpen(TOKENS.editorA, async () => {
      const body = { id: 'm-a', name: 'Editor A', role: 'viewer', units: [] };
      const r = await h?.req(`/v1/workspaces/${WS}/members`, { method: 'POST', body: JSON.stringify(body) });
      expect(r?.status).toBe(200);
    });
    expect(res).toMatchObject({ code: 4403, reason: 'Your role no longer allows writing this document' });
    expect(res.ms).toBeLessThan(1000);
    expect(res.titles).toEqual(['before']);
  });

  it('closes the socket of a member moved to another unit with 4403, naming the units, not the role', async () => {
    h = await start();
    const res = await changeWhileOpen(TOKENS.editorA, async () => {
      const body = { id: 'm-a', name: 'Editor A', role: 'editor', units: ['clinic-b'] };
      const r = await h?.req(`/v1/workspaces/${WS}/members`, { method: 'POST', body: JSON.stringify(body) });
      expect(r?.status).toBe(200);
    });
    expect(res).toMatchObject({ code: 4403, reason: 'Your units changed: this document belongs to another unit now' });
    expect(res.ms).toBeLessThan(1000);
    expect(res.titles).toEqual(['before']);
  });

  it('closes the socket of a removed member with 4401 and revokes its tokens', async () => {
    h = await start();
    const res = await changeWhileOpen(TOKENS.editorA, async () => {
      const r = await h?.req(`/v1/workspaces/${WS}/members/m-a`, { method: 'DELETE' });
      expect(await r?.json()).toEqual({ removed: 'm-a', tokensRevoked: 1 });
    });
    expect(res).toMatchObject({ code: 4401, reason: 'Membership removed' });
    expect(res.ms).toBeLessThan(1000);
    expect(res.titles).toEqual(['before']);
    expect((await h.storage.listTokens(WS)).find((t) => t.id === 't-m-a')?.revokedAt).not.toBeNull();
  });

  it('closes the sockets of a deleted document with 4404, and nothing of it is left in storage', async () => {
    h = await start();
    const reader = await join('plan-a', TOKENS.viewer);
    const res = await changeWhileOpen(TOKENS.editorA, async () => {
      const r = await h?.req(`/v1/workspaces/${WS}/documents/plan-a`, { method: 'DELETE' });
      expect(r?.status).toBe(200);
    });
    expect(res).toMatchObject({ code: 4404, reason: 'Document deleted' });
    expect(res.ms).toBeLessThan(1000);
    expect(await reader.closed).toEqual({ code: 4404, reason: 'Document deleted' });
    expect(res.titles).toEqual([]);
    expect(await h.storage.getDocRecord({ workspace: WS, doc: 'plan-a' })).toBeNull();
    expect(await h.storage.listUpdates({ workspace: WS, doc: 'plan-a' }, 0, 10)).toEqual([]);
  });

  it('closes a socket within a second when another process revokes its token in storage', async () => {
    h = await start();
    const res = await changeWhileOpen(TOKENS.editorA, async () => {
      // What `samplan token revoke` does from another process: storage only, no hook.
      expect(await h?.storage.revokeToken('t-m-a', new Date().toISOString())).toBe(true);
    });
    expect(res).toMatchObject({ code: 4401, reason: 'Token revoked' });
    expect(res.ms).toBeLessThan(1000);
  });

  it('keeps the socket of a member whose rights grow, and checks later writes against the new ones', async () => {
    h = await start();
    const c = await join('county', TOKENS.editorA);
    const frame = async (unit: string) => {
      const copy = await (h as Harness).samplan.registry.withDoc({ workspace: WS, doc: 'county' }, (room) => {
        const d = new Y.Doc();
        Y.applyUpdate(d, Y.encodeStateAsUpdate(room.doc));
        return d;
      });
      const before = Y.encodeStateVector(copy);
      insertRow(copy, { unit, measure: `Hälsodag för ${unit}` });
      return encodeUpdate(Y.encodeStateAsUpdate(copy, before));
    };
    const body = { id: 'm-a', name: 'Editor A', role: 'editor', units: ['clinic-a', 'clinic-b'] };
    expect((await h.req(`/v1/workspaces/${WS}/members`, { method: 'POST', body: JSON.stringify(body) })).status).toBe(200);
    c.send(await frame('clinic-b'));
    const measures = async () => {
      const stored = await (h as Harness).storage.loadDoc({ workspace: WS, doc: 'county' });
      const d = new Y.Doc();
      // Once the last socket is closed the room may unload and compact its log into a snapshot.
      if (stored.snapshot) Y.applyUpdateV2(d, stored.snapshot);
      for (const u of stored.updates) Y.applyUpdate(d, u);
      return rowsOf(d).map((r) => r.values.measure);
    };
    await eventually(async () => (await measures()).includes('Hälsodag för clinic-b'), 3000, 'the row of the new unit to be stored');
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    // Narrowed back: the socket can no longer write clinic-b's rows, and is told so.
    body.units = ['clinic-a'];
    expect((await h.req(`/v1/workspaces/${WS}/members`, { method: 'POST', body: JSON.stringify(body) })).status).toBe(200);
    c.send(await frame('clinic-b'));
    expect((await c.closed).code).toBe(4403);
    expect((await measures()).filter((m) => m === 'Hälsodag för clinic-b')).toHaveLength(1);
  });

  describe('a new socket right after a change, with admission warm', () => {
    /** Join once (admission reads and keeps the token and the document), change a right, join again at once. */
    async function rejoin(change: () => Promise<unknown>) {
      await join('plan-a', TOKENS.editorA);
      await change();
      const c = rawClient((h as Harness).sync, 'plan-a', TOKENS.editorA);
      clients.push(c);
      await c.opened.catch(() => undefined);
      return c;
    }

    it('refuses a removed member at once', async () => {
      h = await start();
      const c = await rejoin(() => (h as Harness).req(`/v1/workspaces/${WS}/members/m-a`, { method: 'DELETE' }));
      expect((await c.closed).code).toBe(4401);
    });

    it('takes a demotion to viewer at once: the new socket’s write is not stored', async () => {
      h = await start();
      const c = await rejoin(async () => {
        const body = { id: 'm-a', name: 'Editor A', role: 'viewer', units: [] };
        expect((await (h as Harness).req(`/v1/workspaces/${WS}/members`, { method: 'POST', body: JSON.stringify(body) })).status).toBe(200);
      });
      c.send(await rowFrame('plan-a', 'after demotion'));
      // A reader's update is not stored, and the socket is closed saying so (an edit made before
      // the demotion and sent on reconnect is not taken for stored).
      const closed = await c.closed;
      expect(closed.code).toBe(4403);
      expect(closed.reason).toMatch(/does not allow writing/);
      expect(await storedTitles('plan-a')).toEqual([]);
    });
  });
});
