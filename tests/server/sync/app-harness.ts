/**
 * The real app (routes and sync) on loopback over the seeded test workspace, for tests where a
 * REST call changes what an open socket may do: raw clients join rooms, send rows, and storage
 * is read back.
 */
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
import { rawClient, WS, type RawClient, type TestServer } from './support.js';
import { seed } from './seed.js';

/** The running app and its helpers. */
export interface AppHarness {
  storage: Storage;
  samplan: SamplanApp;
  /** A request with `token` (default: the admin's). */
  req(path: string, init?: RequestInit, token?: string): Promise<Response>;
  /** A raw client that has joined the document's room (its sync step 2 received). */
  join(doc: string, token: string): Promise<RawClient>;
  /** A frame that changes the server's current state of `doc` by `edit`, made on a copy. */
  frame(doc: string, edit: (copy: Y.Doc) => void): Promise<Uint8Array>;
  /** The rows storage holds for a document, after a short wait for the group commit. */
  storedRows(doc: string): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

/** Starts the app on a free port over a fresh seeded memory store. */
export async function startApp(): Promise<AppHarness> {
  const storage = createMemoryStorage();
  await seed(storage);
  await storage.putMember({ workspace: WS, id: 'm-admin', name: 'Admin', role: 'admin', units: [] });
  for (const code of ['county', 'clinic-a', 'clinic-b']) await storage.putUnit({ workspace: WS, code, name: code, parent: code === 'county' ? null : 'county' });
  const { secret: adminToken } = await createToken(storage, { workspace: WS, memberId: 'm-admin', label: 'test', clock: () => new Date() });
  const samplan = createApp({ storage, logger: silentLogger(), clock: () => new Date(), publicUrl: 'http://samplan.test', syncOptions: { graceMs: 20 } });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: samplan.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  samplan.injectWebSocket(server);
  const sync = { base: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/sync/${WS}` } as TestServer;
  const clients: RawClient[] = [];
  return {
    storage,
    samplan,
    req: (path, init = {}, token = adminToken) =>
      Promise.resolve(samplan.app.request(path, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } })),
    async join(doc, token) {
      const c = rawClient(sync, doc, token);
      clients.push(c);
      await c.opened;
      c.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
      const until = Date.now() + 3000;
      while (c.frames.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      return c;
    },
    async frame(doc, edit) {
      const copy = await samplan.registry.withDoc({ workspace: WS, doc }, (room) => {
        const d = new Y.Doc();
        Y.applyUpdate(d, Y.encodeStateAsUpdate(room.doc));
        return d;
      });
      const before = Y.encodeStateVector(copy);
      edit(copy);
      return encodeUpdate(Y.encodeStateAsUpdate(copy, before));
    },
    async storedRows(doc) {
      await new Promise((r) => setTimeout(r, 50));
      const stored = await storage.loadDoc({ workspace: WS, doc });
      const d = new Y.Doc();
      if (stored.snapshot) Y.applyUpdateV2(d, stored.snapshot);
      for (const u of stored.updates) Y.applyUpdate(d, u);
      return rowsOf(d).map((r) => r.values);
    },
    async stop() {
      for (const c of clients) c.ws.terminate();
      await samplan.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An edit adding one row titled `title`. */
export const addRow = (title: string) => (doc: Y.Doc) => void insertRow(doc, { title });
