/**
 * Three server processes on one PostgreSQL database with Redis fan-out, clients spread over them:
 * they converge, every process relays each update exactly once, and with PostgreSQL briefly gone
 * writes are refused and nothing is served that is not stored. Kill -9 of a process and Redis
 * restarted under load, with stock y-websocket clients: `cluster-stock.test.ts`. Presence and
 * rights crossing processes: `cluster-live.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { insertRow } from '../../../shared/doc/index.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { SyncClient } from '../../../bench/support/sync-client.js';
import { itemIds, syncUrl, useCluster, type ClusterNode } from '../../support/cluster.js';
import { eventually } from '../../support/eventually.js';
import { servicesMissing } from '../../support/services.js';
import { TOKENS } from '../sync/seed.js';

const missing = servicesMissing();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A reader that counts how often each item reached it after the first sync. */
function observer(node: ClusterNode, doc: string): { client: SyncClient; received: Map<string, number> } {
  const client = new SyncClient(syncUrl(node, doc, TOKENS.viewer), undefined, true);
  const received = new Map<string, number>();
  client.onRemote = (update) => {
    for (const id of itemIds(update)) received.set(id, (received.get(id) ?? 0) + 1);
  };
  return { client, received };
}

const rowsOf = (client: SyncClient): string[] => [...client.doc.getMap('rows').keys()].sort();

describe.skipIf(missing !== null)('three processes on PostgreSQL and Redis', () => {
  const cluster = useCluster({ db: 'cluster', nodes: 3 });

  it('converges, and every process relays each update to each reader exactly once', async () => {
    const observers = cluster.nodes.map((n) => observer(n, 'plan-a'));
    const writers = cluster.nodes.flatMap((n) => [0, 1].map(() => new SyncClient(syncUrl(n, 'plan-a', TOKENS.editorA))));
    await Promise.all([...observers.map((o) => o.client.synced), ...writers.map((w) => w.synced)]);
    const sent = new Set<string>();
    for (const w of writers) w.doc.on('update', (u: Uint8Array, origin: unknown) => origin === null && itemIds(u).forEach((id) => sent.add(id)));
    for (let round = 0; round < 15; round++) {
      writers.forEach((w, i) => w.write((doc) => insertRow(doc, { title: `w${i} r${round}` }, { id: `conv-w${i}-r${round}` })));
      await sleep(5);
    }
    await eventually(() => writers.every((w) => rowsOf(w).filter((r) => r.startsWith('conv-')).length === 90), 15_000, 'writers to converge');
    await eventually(() => observers.every((o) => [...sent].every((id) => o.received.has(id))), 15_000, 'every reader to get every item');
    const first = writers[0]?.doc.getMap('rows').toJSON();
    for (const w of writers) expect(w.doc.getMap('rows').toJSON()).toEqual(first);
    for (const o of observers) {
      const twice = [...o.received.entries()].filter(([, n]) => n > 1);
      expect(twice).toEqual([]);
    }
    for (const c of [...observers.map((o) => o.client), ...writers]) c.close();
  }, 60_000);

  it('refuses writes with 1011 while PostgreSQL is unreachable and serves nothing it did not store', async () => {
    const writer = new SyncClient(syncUrl(cluster.node(0), 'plan-a', TOKENS.editorA));
    const reader = new SyncClient(syncUrl(cluster.node(1), 'plan-a', TOKENS.viewer));
    await Promise.all([writer.synced, reader.synced]);
    await cluster.pg.stop();
    try {
      writer.write((doc) => insertRow(doc, { title: 'never stored' }, { id: 'pg-down-row' }));
      const closed = await writer.closed;
      expect(closed.code).toBe(CloseCode.unavailable);
      await sleep(500);
      expect(rowsOf(reader)).not.toContain('pg-down-row');
    } finally {
      await cluster.pg.start();
    }
    const fresh = new SyncClient(syncUrl(cluster.node(0), 'plan-a', TOKENS.viewer));
    await fresh.synced;
    expect(rowsOf(fresh)).not.toContain('pg-down-row');
    for (const c of [reader, fresh]) c.close();
  }, 60_000);
});
