/**
 * Presence across two server processes through a Redis restart. While Redis is down the presence
 * each process relays is dropped; once it is back, every process asks the others for the presence
 * of its loaded documents again and re-publishes its own, so each client sees what the others set
 * during the outage at once. The clients here never renew their state (their 15 s renewal is
 * stopped), so what reaches them after the restart came from that re-ask.
 */
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { startNode, type ClusterNode } from '../../support/cluster.js';
import { servicesMissing, startPostgres, startRedis, type PgServer, type RedisServer } from '../../support/services.js';
import { seed, TOKENS, WS } from '../sync/seed.js';

const missing = servicesMissing();
/** Redis's reconnect pauses grow to 2 s; far below the 15 s renewal the clients would otherwise need. */
const AFTER_RESTART_MS = 8000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function eventually(check: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`not within ${ms} ms: ${what}`);
    await sleep(20);
  }
}

/** A stock y-websocket client of `doc` on `node` whose presence is never renewed by itself. */
function provider(node: ClusterNode, doc: string, token: string): WebsocketProvider {
  const p = new WebsocketProvider(`ws://127.0.0.1:${node.port}/v1/sync/${WS}`, doc, new Y.Doc(), {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
  clearInterval((p.awareness as unknown as { _checkInterval: NodeJS.Timeout })._checkInterval);
  return p;
}

/** The colours a client shows for the others' presence. */
const coloursSeenBy = (p: WebsocketProvider): string[] =>
  [...p.awareness.getStates().entries()]
    .filter(([id]) => id !== p.awareness.clientID)
    .map(([, s]) => (s as { user?: { color?: string } }).user?.color ?? '');

describe.skipIf(missing !== null)('presence across processes through a Redis restart', () => {
  let pgServer: PgServer;
  let redis: RedisServer;
  let nodes: ClusterNode[] = [];

  beforeAll(async () => {
    [pgServer, redis] = await Promise.all([startPostgres(), startRedis()]);
    const dbUrl = await pgServer.createDb('presence');
    const storage = await openPostgresStorage(dbUrl);
    await seed(storage);
    await storage.close();
    nodes = await Promise.all([0, 1].map(() => startNode(dbUrl, redis.url, 0, { SAMPLAN_TEST_RIGHTS_POLL_MS: '60000' })));
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(nodes.map((n) => n.stop()));
    await Promise.allSettled([pgServer?.destroy(), redis?.destroy()]);
  }, 60_000);

  it('re-learns the other process’s presence and re-publishes its own once Redis is back', async () => {
    const a = provider(nodes[0] as ClusterNode, 'plan-b', TOKENS.editorB);
    const b = provider(nodes[1] as ClusterNode, 'plan-b', TOKENS.viewer);
    try {
      await eventually(() => a.synced && b.synced, 10_000, 'both clients to sync');
      a.awareness.setLocalStateField('user', { name: 'a', color: '#000001' });
      b.awareness.setLocalStateField('user', { name: 'b', color: '#000002' });
      await eventually(() => coloursSeenBy(a).includes('#000002') && coloursSeenBy(b).includes('#000001'), 5000, 'presence to cross before the outage');
      await redis.stop();
      await sleep(300);
      a.awareness.setLocalStateField('user', { name: 'a', color: '#0000a1' });
      b.awareness.setLocalStateField('user', { name: 'b', color: '#0000b1' });
      await sleep(700);
      await redis.start();
      await eventually(() => coloursSeenBy(b).includes('#0000a1'), AFTER_RESTART_MS, 'a client of the second process to see what a client of the first set during the outage');
      await eventually(() => coloursSeenBy(a).includes('#0000b1'), AFTER_RESTART_MS, 'a client of the first process to see what a client of the second set during the outage');
    } finally {
      a.destroy();
      b.destroy();
    }
  }, 60_000);
});
