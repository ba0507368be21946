/**
 * The sync endpoint `GET /v1/sync/:workspace/:doc` on a Hono app, through `@hono/node-ws`.
 */
import type { Hono } from 'hono';
import type { NodeWebSocket } from '@hono/node-ws';
import type { WebSocket } from 'ws';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { defaultSyncOptions, type SyncDeps } from './deps.js';
import { noopSyncMetrics } from './metrics.js';
import { Registry } from './registry.js';
import type { RoomDeps } from './room.js';
import { admit, Connection, type Admission } from './socket.js';

/** The sync layer as mounted: its rooms, and shutdown. */
export interface SyncHandle {
  registry: Registry;
  /** Close every socket (1001 by default), flush and snapshot every room. */
  close(code?: number): Promise<void>;
}

/** The path the sync route answers on. */
export const SYNC_PATH = '/v1/sync/:workspace/:doc';

/** Build the room-level dependencies, filling defaults. */
export function roomDepsOf(deps: SyncDeps): RoomDeps {
  return {
    storage: deps.storage,
    records: deps.records,
    auth: deps.auth,
    checkUpdate: deps.checkUpdate,
    logger: deps.logger,
    metrics: deps.metrics ?? noopSyncMetrics,
    options: { ...defaultSyncOptions, ...deps.options },
    clock: deps.clock ?? (() => new Date()),
  };
}

/**
 * Register the sync route on `app`. The HTTP server must also get
 * `injectWebSocket(server)` from the same `createNodeWebSocket({ app })`.
 *
 * @example
 * const app = new Hono();
 * const { upgradeWebSocket, injectWebSocket } = createNodeWebSocket({ app });
 * const sync = mountSync(app, upgradeWebSocket, { storage, records: storage, auth, checkUpdate, logger });
 * injectWebSocket(serve({ fetch: app.fetch, port: 8080 }));
 * // on SIGTERM: await sync.close();
 */
export function mountSync(
  app: Hono<any, any, any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- any app's env
  upgradeWebSocket: NodeWebSocket['upgradeWebSocket'],
  deps: SyncDeps & { registry?: Registry },
): SyncHandle {
  const roomDeps = roomDepsOf(deps);
  const registry = deps.registry ?? new Registry(roomDeps);
  let closing = false;

  app.get(
    SYNC_PATH,
    upgradeWebSocket(async (c) => {
      const ref = { workspace: c.req.param('workspace') ?? '', doc: c.req.param('doc') ?? '' };
      let admission: Admission;
      try {
        admission = closing
          ? { ok: false, code: CloseCode.goingAway, reason: 'Server shutting down' }
          : await admit(ref, c.req.query('token'), roomDeps);
      } catch (err) {
        roomDeps.logger.error({ err, ref }, 'admitting a sync connection failed');
        admission = { ok: false, code: CloseCode.unavailable, reason: 'Server error' };
      }
      let connection: Connection | null = null;
      return {
        onOpen(_event, ws) {
          if (!admission.ok) return ws.close(admission.code, admission.reason);
          const raw = ws.raw as WebSocket;
          connection = new Connection(
            { send: (frame) => raw.send(frame), close: (code, reason) => raw.close(code, reason), bufferedAmount: () => raw.bufferedAmount },
            admission,
            registry,
            roomDeps,
            roomDeps.options,
          );
          void connection.start();
        },
        onMessage(event) {
          connection?.receive(event.data as ArrayBuffer | string);
        },
        onClose() {
          connection?.closed();
        },
        onError() {
          connection?.closed();
        },
      };
    }),
  );

  return {
    registry,
    async close(code = CloseCode.goingAway) {
      closing = true;
      await registry.closeAll(code);
    },
  };
}
