/**
 * The sync endpoint `GET /v1/sync/:workspace/:doc`, served straight from the Node HTTP server's
 * `upgrade` event with `ws`: the handshake runs no web framework, and each frame reaches the
 * connection as the Buffer `ws` received, with no event object and no copy. Admission (token,
 * workspace, document, role) is decided before the handshake completes; a refused socket is
 * opened and closed at once with the close code and reason, so the client sees why.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { ServerType } from '@hono/node-server';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { tokenFromProtocols } from '../../shared/protocol/socket-auth.js';
import { NOTICES_ON, NOTICES_PARAM } from '../../shared/protocol/notices.js';
import { defaultSyncOptions, type SyncDeps } from './deps.js';
import { noopSyncMetrics } from './metrics.js';
import { Registry } from './registry.js';
import { GroupCommit } from './group-commit.js';
import type { RoomDeps } from './room.js';
import type { Principal } from './principal.js';
import type { DocRecord } from '../storage/storage.js';
import { admit, type Admission } from './admission.js';
import { Connection } from './socket.js';
import { WsTransport } from './ws-transport.js';

/** The sync layer as mounted: its rooms, shutdown, and the hook onto the HTTP server. */
export interface SyncHandle {
  registry: Registry;
  /** Close every socket (1001 by default), flush and snapshot every room. */
  close(code?: number): Promise<void>;
  /** Serve the sync endpoint on `server`'s upgrades; other upgrade paths answer 404. */
  inject(server: ServerType): void;
  /** The sockets' server (`clients` lists every open socket). */
  wss: WebSocketServer;
}

/** The path the sync route answers on: `/v1/sync/:workspace/:doc`. */
const SYNC_PATTERN = /^\/v1\/sync\/([^/]+)\/([^/]+)$/;

/** Build the room-level dependencies, filling defaults. */
export function roomDepsOf(deps: SyncDeps): RoomDeps {
  return {
    storage: deps.storage,
    records: deps.records,
    fanout: deps.fanout,
    auth: deps.auth,
    checkUpdate: deps.checkUpdate,
    logger: deps.logger,
    metrics: deps.metrics ?? noopSyncMetrics,
    options: { ...defaultSyncOptions, ...deps.options },
    clock: deps.clock ?? (() => new Date()),
    ...(deps.locks ? { locks: deps.locks } : {}),
    group: new GroupCommit(deps.storage),
  };
}

/**
 * The connection hangs on the `ws` socket itself, and the socket's listeners are the three
 * functions below, shared by every socket: an open socket costs no closure of its own, and
 * nothing of its upgrade request (headers, the `head` buffer) stays reachable from it.
 */
const CONNECTION = Symbol('samplan.connection');
type Attached = WebSocket & { [CONNECTION]?: Connection };

function onMessage(this: Attached, data: RawData, isBinary: boolean): void {
  this[CONNECTION]?.receive(frameOf(data, isBinary));
}

function onClose(this: Attached): void {
  this[CONNECTION]?.closed();
}

/** `ws`'s error code when a message passes `maxPayload` (it then closes with 1009 itself). */
const PAYLOAD_TOO_LARGE = 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';

/** A socket error: a message cut at `maxPayload` is counted as a refused frame; any error ends the connection. */
function onError(this: Attached, err: Error & { code?: string }): void {
  if (err.code === PAYLOAD_TOO_LARGE) this[CONNECTION]?.cutTooLarge();
  else this[CONNECTION]?.closed();
}

/** Errors on a raw socket before or after the handshake end in its close; nothing else to do. */
function ignoreError(): void {}

/**
 * A sync URL whose path is plain (letters, digits, `_`, `-`) and whose query is printable
 * ASCII without `#`: for it the WHATWG parser changes nothing, so it is read without one (a
 * `URL` object was a third of a socket's admission in a connect storm's profile).
 */
const PLAIN_SYNC_URL = /^\/v1\/sync\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)(?:\?([\x21\x22\x24-\x7e]*))?$/;

/**
 * The document a sync URL names, or null when the path is not the sync route or not decodable.
 * A plain URL ({@link PLAIN_SYNC_URL}) is read directly; any other goes through `URL`, so both
 * read the same URL the same way (a test compares them).
 */
export function syncRefOf(url: string | undefined): { ref: { workspace: string; doc: string }; token: string | undefined; notices: boolean } | null {
  const plain = url === undefined ? null : PLAIN_SYNC_URL.exec(url);
  if (plain) {
    const query = new URLSearchParams(plain[3] ?? '');
    const ref = { workspace: plain[1] as string, doc: plain[2] as string };
    return { ref, token: query.get('token') ?? undefined, notices: query.get(NOTICES_PARAM) === NOTICES_ON };
  }
  return syncRefByUrl(url);
}

/** {@link syncRefOf} through the WHATWG URL parser (every URL that is not plain). */
export function syncRefByUrl(url: string | undefined): { ref: { workspace: string; doc: string }; token: string | undefined; notices: boolean } | null {
  const parsed = new URL(url ?? '/', 'http://sync.invalid');
  const match = SYNC_PATTERN.exec(parsed.pathname);
  if (!match) return null;
  try {
    const ref = { workspace: decodeURIComponent(match[1] as string), doc: decodeURIComponent(match[2] as string) };
    return { ref, token: parsed.searchParams.get('token') ?? undefined, notices: parsed.searchParams.get(NOTICES_PARAM) === NOTICES_ON };
  } catch {
    return null;
  }
}

function refuseHandshake(socket: Duplex, status: 400 | 404): void {
  const text = status === 404 ? 'Not Found' : 'Bad Request';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** What `ws` may read of one message beyond `maxFrameBytes` before it cuts it (see {@link wsMaxPayload}). */
export const PAYLOAD_MARGIN_BYTES = 64 * 1024;

/**
 * `ws`'s `maxPayload` (bytes) for a server whose frames may be at most `maxFrameBytes`.
 *
 * `ws` reads a whole message into memory before handing it over, up to `maxPayload` (100 MiB
 * by default): one socket could make the server hold that much. With the bound, `ws` adds up a
 * message's frame lengths (fragments of one message count together) as each frame's header
 * arrives, and past the bound closes with 1009 (`CloseCode.messageTooBig`, no reason text) and
 * drops the rest unread. So a socket holds at most `maxFrameBytes + PAYLOAD_MARGIN_BYTES` of a
 * message. A message over `maxFrameBytes` but within the margin still reaches the connection,
 * which closes with 4413 and its sentence (`socket.ts`); the pane shows the same words for both.
 */
export function wsMaxPayload(maxFrameBytes: number): number {
  return maxFrameBytes + PAYLOAD_MARGIN_BYTES;
}

/** Frames as `ws` hands them over: a binary message is one Buffer (fragments joined). */
function frameOf(data: RawData, isBinary: boolean): Uint8Array | string {
  if (!isBinary) return data.toString();
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/**
 * Set up the sync layer. Call `inject(server)` once the HTTP server exists.
 *
 * @example
 * const sync = mountSync({ storage, records: storage, auth, checkUpdate, logger });
 * sync.inject(serve({ fetch: app.fetch, port: 8080 }) as Server);
 * // on SIGTERM: await sync.close();
 */
export function mountSync(deps: SyncDeps & { registry?: Registry }): SyncHandle {
  const roomDeps = roomDepsOf(deps);
  const registry = deps.registry ?? new Registry(roomDeps);
  const wss = new WebSocketServer({ noServer: true, maxPayload: wsMaxPayload(roomDeps.options.maxFrameBytes) });
  let closing = false;
  const { admissions } = registry;
  const source = {
    resolve: (token: string | undefined) => admissions.resolve(token),
    // `admit` asks for the record only after the token resolved, which read storage's version.
    record: (ref: { workspace: string; doc: string }) => admissions.record(ref, { versionRead: true }),
    canRead: (principal: Principal, record: DocRecord) => roomDeps.auth.canRead(principal, record),
  };

  const admitted = async (ref: { workspace: string; doc: string }, token: string | undefined): Promise<Admission> => {
    if (closing) return { ok: false, code: CloseCode.goingAway, reason: 'Server shutting down' };
    // A rights change between now and the socket being watched is not applied to it by the
    // change itself (`Connection.start` has it decided again).
    const since = registry.live.mark;
    try {
      const admission = await admit(ref, token, source);
      // Written out, not spread: V8 gives each `{ ...admission, since }` a hidden class of its
      // own (a map and its descriptors, ~0.2 KB per socket, kept as long as the socket is open).
      return admission.ok ? { ok: true, ref: admission.ref, principal: admission.principal, record: admission.record, since } : admission;
    } catch (err) {
      roomDeps.logger.error({ err, ref }, 'admitting a sync connection failed');
      return { ok: false, code: CloseCode.unavailable, reason: 'Server error' };
    }
  };

  const open = (ws: Attached, socket: Duplex, admission: Admission, notices: boolean): void => {
    if (!admission.ok) {
      // Until the client's close frame, `ws` still reads what it sends; a frame it cannot take
      // (over `maxPayload`, malformed) is an 'error' event, which would throw without a listener.
      ws.on('error', ignoreError);
      return ws.close(admission.code, admission.reason);
    }
    const connection = new Connection(new WsTransport(ws, socket), admission, registry, roomDeps, roomDeps.options, notices);
    ws[CONNECTION] = connection;
    ws.on('message', onMessage);
    ws.on('close', onClose);
    ws.on('error', onError);
    void connection.start();
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const target = syncRefOf(request.url);
    if (!target) return refuseHandshake(socket, SYNC_PATTERN.test(request.url?.split('?')[0] ?? '') ? 400 : 404);
    socket.on('error', ignoreError);
    // The pane sends its session in the subprotocol header; machines may use ?token=.
    const token = tokenFromProtocols(request.headers['sec-websocket-protocol']) ?? target.token;
    void admitted(target.ref, token).then((admission) => {
      if (socket.destroyed) return;
      wss.handleUpgrade(request, socket, head, (ws) => open(ws, socket, admission, target.notices));
    });
  };

  return {
    registry,
    wss,
    inject(server) {
      (server as Server).on('upgrade', onUpgrade);
    },
    async close(code = CloseCode.goingAway) {
      closing = true;
      await registry.closeAll(code);
    },
  };
}
