/**
 * A sync server on loopback over in-memory storage, with one workspace, two clinics, a county
 * action plan and a token per kind of member, on the real validation and token store; plus a raw WebSocket client for frame-level tests.
 */
import * as Y from 'yjs';
import { pino } from 'pino';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { Storage } from '../../../server/storage/storage.js';
import { seed, WS } from './seed.js';
import { listenedSocket } from '../../support/listened-socket.js';
import type { SyncDeps, SyncOptions } from '../../../server/sync/deps.js';
import { startSyncServer, type RunningSyncServer } from '../../../server/sync/start-sync-server.js';
import { syncAuthFor } from '../../../server/http/sync-auth.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';

export { SEEDED_SEQ, TOKENS, WS } from './seed.js';
/** Poll until a check answers true, or fail after `ms` (`tests/support/eventually.ts`). */
export { eventually } from '../../support/eventually.js';

export interface TestServer extends RunningSyncServer {
  storage: Storage;
  /** `ws://…/v1/sync/<workspace>`, the serverUrl a WebsocketProvider takes. */
  base: string;
}

/** Start a sync server over seeded memory storage (or the given storage). */
export async function startTestServer(
  options: Partial<SyncOptions> = {},
  overrides: Partial<Omit<SyncDeps, 'storage' | 'records'>> & { storage?: Storage } = {},
): Promise<TestServer> {
  const storage = overrides.storage ?? createMemoryStorage();
  await seed(storage);
  const server = await startSyncServer({
    storage,
    records: storage,
    auth: syncAuthFor(storage, () => new Date()),
    checkUpdate,
    logger: pino({ level: 'silent' }),
    ...overrides,
    options: { graceMs: 50, ...options },
  });
  return { ...server, storage, base: `${server.url}/v1/sync/${WS}` };
}

/** A stock y-websocket provider on a fresh doc. */
export function connectProvider(server: TestServer, doc: string, token: string, ydoc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(server.base, doc, ydoc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
    maxBackoffTime: 200,
  });
}

/** Resolve when the provider has completed its first sync. */
export function synced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => provider.once('sync', () => resolve()));
}

/** A plain WebSocket client that records frames and the close. */
export interface RawClient {
  ws: WebSocket;
  frames: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  send(frame: Uint8Array | string): void;
}

/** Open a raw socket to a document; `extra` is more of the query (`name=value&…`). */
export function rawClient(server: TestServer, doc: string, token?: string, extra?: string): RawClient {
  const params = [...(token === undefined ? [] : [`token=${encodeURIComponent(token)}`]), ...(extra === undefined ? [] : [extra])];
  const { ws, opened, closed } = listenedSocket(`${server.base}/${doc}${params.length > 0 ? `?${params.join('&')}` : ''}`);
  const frames: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  return { ws, frames, opened, closed, send: (frame) => ws.send(frame) };
}

/** The server and the clients one test opened, for {@link closedAfterEach} to close after it. */
export interface PerTest<C> {
  /** The test's server, or null before it starts one. */
  server: TestServer | null;
  /** The test's clients, in the order they were opened. */
  clients: C[];
}

/**
 * Call at the top of a test file (or block): after each test, every client the test put in
 * `clients` is closed with `close` in order (awaited one by one) and the list emptied, then the
 * `server` it put in the slot is stopped and the slot emptied. The test starts its own server
 * (`startTestServer`, with the options it needs) and puts it and its clients there.
 */
export function closedAfterEach<C>(close: (client: C) => void | Promise<void>): PerTest<C> {
  const t: PerTest<C> = { server: null, clients: [] };
  afterEach(async () => {
    for (const c of t.clients.splice(0)) await close(c);
    await t.server?.stop();
    t.server = null;
  });
  return t;
}
