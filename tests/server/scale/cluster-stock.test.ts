/**
 * Stock y-websocket clients (`WebsocketProvider`, as any Yjs app has) spread over three server
 * processes on PostgreSQL and Redis: everyone's edits converge, and each client receives every
 * other client's item exactly once after its first sync, whichever process it is connected to.
 * The faults of a deployment with these clients: Redis restarted under load (everyone converges
 * once it is back, nothing lost) and kill -9 of one of the three processes under load (nothing
 * anyone saw is lost, the other two keep serving). PostgreSQL briefly gone is in
 * `cluster.test.ts`; presence with these clients in `cluster-live.test.ts`.
 */
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import { describe, expect, it } from 'vitest';
import { insertRow } from '../../../shared/doc/index.js';
import { itemIds, useCluster, type ClusterNode } from '../../support/cluster.js';
import { eventually } from '../../support/eventually.js';
import { servicesMissing } from '../../support/services.js';
import { stockClient } from '../../support/stock-client.js';
import { TOKENS } from '../sync/seed.js';

const missing = servicesMissing();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** y-protocols: message type of a sync message, and of an update inside it (after the first sync). */
const MESSAGE_SYNC = 0;
const SYNC_UPDATE = 2;

/** The rows of a stock client's doc whose ids start with `prefix`. */
const rowsWith = (p: WebsocketProvider, prefix: string): string[] => [...p.doc.getMap('rows').keys()].filter((k) => k.startsWith(prefix));

/** A stock client of `doc` on `node` that counts how often each item reached it in a relayed update. */
function counted(node: ClusterNode, doc: string, token: string): { provider: WebsocketProvider; received: Map<string, number> } {
  const provider = stockClient(node.port, doc, token);
  const received = new Map<string, number>();
  const handle = provider.messageHandlers[MESSAGE_SYNC];
  if (!handle) throw new Error('y-websocket has no sync message handler');
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, type) => {
    const peek = decoding.clone(decoder);
    if (decoding.readVarUint(peek) === SYNC_UPDATE) {
      for (const id of itemIds(decoding.readVarUint8Array(peek))) received.set(id, (received.get(id) ?? 0) + 1);
    }
    handle(encoder, decoder, p, emitSynced, type);
  };
  return { provider, received };
}

describe.skipIf(missing !== null)('stock y-websocket clients over three processes on PostgreSQL and Redis', () => {
  const cluster = useCluster({ db: 'stock', nodes: 3 });
  const { nodes } = cluster;

  it('converge, and each receives every other client’s items exactly once, whichever process it is on', async () => {
    const clients = nodes.flatMap((n) => [counted(n, 'plan-a', TOKENS.editorA), counted(n, 'plan-a', TOKENS.editorA)]);
    try {
      await eventually(() => clients.every((c) => c.provider.synced), 15_000, 'every client to sync');
      const sent = clients.map(() => new Set<string>());
      clients.forEach(({ provider }, i) =>
        provider.doc.on('update', (u: Uint8Array, origin: unknown) => origin !== provider && itemIds(u).forEach((id) => sent[i]?.add(id))),
      );
      for (let round = 0; round < 10; round++) {
        clients.forEach(({ provider }, i) => insertRow(provider.doc, { title: `c${i} r${round}` }, { id: `stock-c${i}-r${round}` }));
        await sleep(10);
      }
      const rows = (p: WebsocketProvider): number => [...p.doc.getMap('rows').keys()].filter((k) => k.startsWith('stock-')).length;
      await eventually(() => clients.every((c) => rows(c.provider) === clients.length * 10), 20_000, 'every client to have every row');
      const first = clients[0]?.provider.doc.getMap('rows').toJSON();
      for (const { provider } of clients) expect(provider.doc.getMap('rows').toJSON()).toEqual(first);
      clients.forEach(({ received }, i) => {
        const others = sent.flatMap((ids, j) => (j === i ? [] : [...ids]));
        expect({ client: i, missing: others.filter((id) => !received.has(id)).length }).toEqual({ client: i, missing: 0 });
        expect({ client: i, twice: [...received].filter(([, n]) => n > 1) }).toEqual({ client: i, twice: [] });
      });
    } finally {
      for (const { provider } of clients) provider.destroy();
    }
  }, 90_000);
  it('converge through a Redis restart under load, losing nothing', async () => {
    const clients = nodes.flatMap((n) => [counted(n, 'plan-a', TOKENS.editorA), counted(n, 'plan-a', TOKENS.editorA)]).map((c) => c.provider);
    try {
      await eventually(() => clients.every((c) => c.synced), 15_000, 'every client to sync');
      let n = 0;
      const timer = setInterval(() => {
        clients.forEach((c, i) => insertRow(c.doc, { title: `r${n}` }, { id: `redis-c${i}-${n}` }));
        n++;
      }, 20);
      try {
        await sleep(300);
        await cluster.redis.stop();
        await sleep(700);
        await cluster.redis.start();
        await sleep(500);
      } finally {
        clearInterval(timer);
      }
      const expected = clients.length * n;
      await eventually(() => clients.every((c) => rowsWith(c, 'redis-').length === expected), 20_000, `every client to have all ${expected} rows once Redis is back`);
      const fresh = counted(cluster.node(2), 'plan-a', TOKENS.viewer).provider;
      clients.push(fresh);
      await eventually(() => fresh.synced, 15_000, 'a fresh client to sync');
      expect(rowsWith(fresh, 'redis-').length).toBe(expected);
      const first = clients[0]?.doc.getMap('rows').toJSON();
      for (const c of clients) expect(c.doc.getMap('rows').toJSON()).toEqual(first);
    } finally {
      for (const c of clients) c.destroy();
    }
  }, 90_000);

  // Last: it kills a process.
  it('lose nothing anyone saw when one of three processes is killed under load, and the other two keep serving', async () => {
    const clients = nodes.flatMap((n) => [counted(n, 'plan-a', TOKENS.editorA), counted(n, 'plan-a', TOKENS.editorA)]).map((c) => c.provider);
    try {
      await eventually(() => clients.every((c) => c.synced), 15_000, 'every client to sync');
      let n = 0;
      const timer = setInterval(() => {
        clients.forEach((c, i) => insertRow(c.doc, { title: `k${n}` }, { id: `kill-c${i}-${n}` }));
        n++;
      }, 10);
      const seen = new Set<string>();
      let written = 0;
      try {
        await sleep(500);
        await cluster.node(1).kill();
        // What each client holds of the others' rows was relayed to it, so stored: nothing of it may be lost.
        clients.forEach((c, i) => rowsWith(c, 'kill-').forEach((key) => !key.startsWith(`kill-c${i}-`) && seen.add(key)));
        await sleep(300);
      } finally {
        clearInterval(timer);
        written = n;
      }
      // Clients 2 and 3 were on the killed process; the others keep editing and hear each other.
      const survivors = clients.filter((_, i) => i !== 2 && i !== 3);
      const theirs = (key: string): boolean => /^kill-c[0145]-/.test(key);
      await eventually(() => survivors.every((c) => rowsWith(c, 'kill-').filter(theirs).length === 4 * written), 20_000, "the survivors to hold all of each other's rows");
      const fresh = counted(cluster.node(2), 'plan-a', TOKENS.viewer).provider;
      clients.push(fresh);
      await eventually(() => fresh.synced, 15_000, 'a fresh client on a surviving process to sync');
      const stored = new Set(rowsWith(fresh, 'kill-'));
      expect(seen.size).toBeGreaterThan(0);
      expect([...seen].filter((key) => !stored.has(key))).toEqual([]);
    } finally {
      for (const c of clients) c.destroy();
    }
  }, 90_000);
});
