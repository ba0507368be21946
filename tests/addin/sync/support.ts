/**
 * Helpers for the sync client's tests: a test server for each test, a `connectDoc` against it,
 * and a `ws` WebSocket that counts connection attempts and the size of every frame it sends.
 */
import { afterEach, beforeEach } from 'vitest';
import WebSocket from 'ws';
import type * as Y from 'yjs';
import { connectDoc, type ConnectOptions, type DocConnection } from '../../../addin/sync/connect-doc.js';
import type { ConnectionStatus } from '../../../addin/sync/connection-status.js';
import { startTestServer, TOKENS, WS, type TestServer } from '../../server/sync/support.js';
import { eventually } from '../../support/eventually.js';

/** What a {@link countingSocket} class saw. */
export interface SocketLog {
  attempts: number;
  /** Byte length of every frame sent, in order. */
  sent: number[];
  /** When each socket was made (`performance.now()`, ms), in order; kept when present. */
  madeAt?: number[];
  /** Sockets that closed so far; counted when present. */
  closed?: number;
  /** Sync step 2 frames received (the server's answers to a step 1), over all sockets; counted when present. */
  step2s?: number;
}

/** A `ws` WebSocket class that records into `log`. */
export function countingSocket(log: SocketLog): unknown {
  return class CountingSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      log.attempts++;
      log.madeAt?.push(performance.now());
      if (log.closed !== undefined) this.on('close', () => (log.closed = (log.closed ?? 0) + 1));
      // A sync frame is message type 0; its step 2 is sub-type 1.
      if (log.step2s !== undefined) {
        // y-websocket asks for ArrayBuffers (`binaryType`); a bare `ws` gives Buffers.
        this.on('message', (data: Buffer | ArrayBuffer) => {
          const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data;
          if (bytes[0] === 0 && bytes[1] === 1) log.step2s = (log.step2s ?? 0) + 1;
        });
      }
    }

    override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]): void {
      log.sent.push((data as Uint8Array).byteLength);
      (super.send as (...a: unknown[]) => void)(data, ...rest);
    }
  };
}

/** Connects `doc` to `plan-a` of the test server as the coordinator, without IndexedDB (its copy, when asked for, is the coordinator's). */
export function connectTo(server: TestServer, doc: Y.Doc, open: DocConnection[], extra: Partial<ConnectOptions> = {}): DocConnection {
  const c = connectDoc({
    serverUrl: server.url,
    workspace: WS,
    docId: 'plan-a',
    token: TOKENS.coordinator,
    doc,
    kind: 'activity-plan',
    member: 'coordinator',
    indexeddb: false,
    WebSocketPolyfill: WebSocket,
    maxBackoffMs: 100,
    ...extra,
  });
  open.push(c);
  return c;
}

/** Every status `c` reports from now on. */
export function statusLog(c: DocConnection): ConnectionStatus[] {
  const seen: ConnectionStatus[] = [c.status];
  c.onStatus((s) => seen.push(s));
  return seen;
}

/** Waits `ms` of real time. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves once every socket `log` saw made has closed and y-websocket's reconnect after that
 * close has had its turn: at each close it sets a timer of min(2^n × 100 ms, maxBackoffTime)
 * whose `setupWS` makes a socket at once (counted in `log.attempts`) unless the connection was
 * told to stop; a timer of the longest such wait, set after the close, runs after it. A stopped
 * connection that has made no socket by then makes none on its own. `log` must count closes
 * (`closed: 0`); `maxBackoffMs` is the connection's (100 from {@link connectTo}). Rejects naming
 * the sockets when one is still open after 3 s.
 */
export async function pastReconnect(log: SocketLog, maxBackoffMs = 100): Promise<void> {
  if (log.closed === undefined) throw new Error('pastReconnect needs a SocketLog that counts closes (closed: 0)');
  await eventually(() => (log.closed ?? 0) >= log.attempts, 3000, `all ${log.attempts} sockets closed (${log.closed} closed)`);
  await sleep(maxBackoffMs + 5);
}

/** What {@link serverPerTest} hands a test file. */
export interface ServerPerTest {
  /** The running test server (set before each test). */
  readonly server: TestServer;
  /** The connections the test opened ({@link connectTo} adds them): destroyed after it, before the server stops. */
  readonly open: DocConnection[];
}

/** A test server started before each test of the file and stopped after it (see {@link ServerPerTest}). Call it at the top of the file. */
export function serverPerTest(): ServerPerTest {
  let server: TestServer | null = null;
  const open: DocConnection[] = [];
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const c of open.splice(0)) await c.destroy();
    await server?.stop();
  });
  return {
    get server(): TestServer {
      if (!server) throw new Error('the test server starts before each test: use it inside a test or hook');
      return server;
    },
    open,
  };
}
