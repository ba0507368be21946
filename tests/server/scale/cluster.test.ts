/**
 * Three server processes on one PostgreSQL database with Redis fan-out, clients spread over them:
 * they converge, every process relays each update exactly once, and the faults of a deployment
 * (kill -9 of a process, Redis restarted, PostgreSQL briefly gone) lose nothing anyone saw and serve
 * nothing that is not stored. Presence and rights crossing processes: `cluster-live.test.ts`.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { insertRow } from '../../../shared/doc/index.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { SyncClient } from '../../../bench/support/sync-client.js';
import { startNode, type ClusterNode } from '../../support/cluster.js';
import { servicesMissing, startPostgres, startRedis, type PgServer, type RedisServer } from '../../support/services.js';
import { seed, TOKENS, WS } from '../sync/seed.js';

const missing = servicesMissing();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function eventually(check: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const syncUrl = (node: ClusterNode, doc: string, token: string): string =>
  `ws://127.0.0.1:${node.port}/v1/sync/${WS}/${doc}?token=${encodeURIComponent(token)}`;

/** The item ids (`client:clock`) an update carries, one per clock unit. */
function itemIds(update: Uint8Array): string[] {
  const ids: string[] = [];
  for (const s of Y.decodeUpdate(update).structs) {
    if (s.constructor.name === 'Skip') continue;
    for (let i = 0; i < s.length; i++) ids.push(`${s.id.client}:${s.id.clock + i}`);
  }
  return ids;
}

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
  let pgServer: PgServer;
  let redis: RedisServer;
  let dbUrl: string;
  let nodes: ClusterNode[] = [];

  beforeAll(async () => {
    [pgServer, redis] = await Promise.all([startPostgres(), startRedis()]);
    dbUrl = await pgServer.createDb('cluster');
    const storage = await openPostgresStorage(dbUrl);
    await seed(storage);
    await storage.close();
    nodes = await Promise.all([0, 1, 2].map(() => startNode(dbUrl, redis.url)));
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(nodes.map((n) => n.stop()));
    await Promise.allSettled([pgServer?.destroy(), redis?.destroy()]);
  }, 60_000);

  it('converges, and every process relays each update to each reader exactly once', async () => {
    const observers = nodes.map((n) => observer(n, 'plan-a'));
    const writers = nodes.flatMap((n) => [0, 1].map(() => new SyncClient(syncUrl(n, 'plan-a', TOKENS.editorA))));
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

  it('keeps converging through a Redis restart, losing nothing', async () => {
    const writers = nodes.map((n) => new SyncClient(syncUrl(n, 'plan-a', TOKENS.editorA)));
    await Promise.all(writers.map((w) => w.synced));
    let n = 0;
    const timer = setInterval(() => {
      writers.forEach((w, i) => w.write((doc) => insertRow(doc, { title: `r${n}` }, { id: `redis-w${i}-${n}` })));
      n++;
    }, 20);
    await sleep(300);
    await redis.stop();
    await sleep(700);
    await redis.start();
    await sleep(500);
    clearInterval(timer);
    const expected = 3 * n;
    await eventually(() => writers.every((w) => rowsOf(w).filter((r) => r.startsWith('redis-')).length === expected), 20_000, 'convergence after the restart');
    for (const w of writers) w.close();
  }, 60_000);

  it('refuses writes with 1011 while PostgreSQL is unreachable and serves nothing it did not store', async () => {
    const writer = new SyncClient(syncUrl(nodes[0] as ClusterNode, 'plan-a', TOKENS.editorA));
    const reader = new SyncClient(syncUrl(nodes[1] as ClusterNode, 'plan-a', TOKENS.viewer));
    await Promise.all([writer.synced, reader.synced]);
    await pgServer.stop();
    try {
      writer.write((doc) => insertRow(doc, { title: 'never stored' }, { id: 'pg-down-row' }));
      const closed = await writer.closed;
      expect(closed.code).toBe(CloseCode.unavailable);
      await sleep(500);
      expect(rowsOf(reader)).not.toContain('pg-down-row');
    } finally {
      await pgServer.start();
    }
    const fresh = new SyncClient(syncUrl(nodes[0] as ClusterNode, 'plan-a', TOKENS.viewer));
    await fresh.synced;
    expect(rowsOf(fresh)).not.toContain('pg-down-row');
    for (const c of [reader, fresh]) c.close();
  }, 60_000);

  it('loses nothing anyone saw when one of three processes is killed under load, and the others keep serving', async () => {
    const writers = nodes.map((n) => new SyncClient(syncUrl(n, 'plan-a', TOKENS.editorA)));
    await Promise.all(writers.map((w) => w.synced));
    let n = 0;
    const timer = setInterval(() => {
      writers.forEach((w, i) => w.write((doc) => insertRow(doc, { title: `k${n}` }, { id: `kill-w${i}-${n}` })));
      n++;
    }, 10);
    await sleep(500);
    await (nodes[1] as ClusterNode).kill();
    const seen = new Set<string>();
    for (const [i, w] of writers.entries()) for (const key of rowsOf(w)) if (!key.startsWith(`kill-w${i}-`)) seen.add(key);
    await sleep(300);
    clearInterval(timer);
    const survivors = [writers[0] as SyncClient, writers[2] as SyncClient];
    // The survivors' rows written after the kill reach each other.
    await eventually(() => survivors.every((w) => rowsOf(w).filter((r) => r.startsWith('kill-w0-') || r.startsWith('kill-w2-')).length === 2 * n), 20_000, 'the survivors to converge');
    const fresh = new SyncClient(syncUrl(nodes[2] as ClusterNode, 'plan-a', TOKENS.viewer));
    await fresh.synced;
    const stored = new Set(rowsOf(fresh));
    expect([...seen].filter((key) => !stored.has(key))).toEqual([]);
    expect(seen.size).toBeGreaterThan(0);
    for (const c of [...writers, fresh]) c.close();
  }, 60_000);
});
