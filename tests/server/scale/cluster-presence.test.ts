/**
 * Presence across two server processes through a Redis restart. While Redis is down the presence
 * each process relays is dropped; once it is back, every process asks the others for the presence
 * of its loaded documents again and re-publishes its own, so each client sees what the others set
 * during the outage at once. The clients here never renew their state (their 15 s renewal is
 * stopped), so what reaches them after the restart came from that re-ask.
 */
import type { WebsocketProvider } from 'y-websocket';
import { describe, it } from 'vitest';
import { useCluster, type ClusterNode } from '../../support/cluster.js';
import { eventually } from '../../support/eventually.js';
import { servicesMissing } from '../../support/services.js';
import { stockClient } from '../../support/stock-client.js';
import { TOKENS } from '../sync/seed.js';

const missing = servicesMissing();
/** Redis's reconnect pauses grow to 2 s; far below the 15 s renewal the clients would otherwise need. */
const AFTER_RESTART_MS = 8000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A stock y-websocket client of `doc` on `node` whose presence is never renewed by itself. */
function provider(node: ClusterNode, doc: string, token: string): WebsocketProvider {
  const p = stockClient(node.port, doc, token);
  clearInterval((p.awareness as unknown as { _checkInterval: NodeJS.Timeout })._checkInterval);
  return p;
}

/** The colours a client shows for the others' presence. */
const coloursSeenBy = (p: WebsocketProvider): string[] =>
  [...p.awareness.getStates().entries()]
    .filter(([id]) => id !== p.awareness.clientID)
    .map(([, s]) => (s as { user?: { color?: string } }).user?.color ?? '');

describe.skipIf(missing !== null)('presence across processes through a Redis restart', () => {
  const cluster = useCluster({ db: 'presence', nodes: 2, env: { SAMPLAN_TEST_RIGHTS_POLL_MS: '60000' } });

  it('re-learns the other process’s presence and re-publishes its own once Redis is back', async () => {
    const a = provider(cluster.node(0), 'plan-b', TOKENS.editorB);
    const b = provider(cluster.node(1), 'plan-b', TOKENS.viewer);
    try {
      await eventually(() => a.synced && b.synced, 10_000, 'both clients to sync');
      a.awareness.setLocalStateField('user', { name: 'a', color: '#000001' });
      b.awareness.setLocalStateField('user', { name: 'b', color: '#000002' });
      await eventually(() => coloursSeenBy(a).includes('#000002') && coloursSeenBy(b).includes('#000001'), 5000, 'presence to cross before the outage');
      await cluster.redis.stop();
      await sleep(300);
      a.awareness.setLocalStateField('user', { name: 'a', color: '#0000a1' });
      b.awareness.setLocalStateField('user', { name: 'b', color: '#0000b1' });
      await sleep(700);
      await cluster.redis.start();
      await eventually(() => coloursSeenBy(b).includes('#0000a1'), AFTER_RESTART_MS, 'a client of the second process to see what a client of the first set during the outage');
      await eventually(() => coloursSeenBy(a).includes('#0000b1'), AFTER_RESTART_MS, 'a client of the first process to see what a client of the second set during the outage');
    } finally {
      a.destroy();
      b.destroy();
    }
  }, 60_000);
});
