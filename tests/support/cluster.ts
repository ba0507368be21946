/**
 * Server processes of a cluster for tests: each a child process running the real server on a
 * shared PostgreSQL database, optionally with Redis fan-out (`tests/server/scale/fixtures/cluster-node.ts`);
 * and {@link useCluster}, the whole set-up of a block of cluster tests (PostgreSQL, Redis, a
 * seeded database, N processes) and its tear-down.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { openPostgresStorage } from '../../server/storage/postgres.js';
import type { Storage } from '../../server/storage/storage.js';
import { seed, WS } from '../server/sync/seed.js';
import { nodeCommand } from './compiled.js';
import { startPostgres, startRedis, type PgServer, type RedisServer } from './services.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', 'server', 'scale', 'fixtures', 'cluster-node.ts');

/** One running server process. */
export interface ClusterNode {
  port: number;
  process: ChildProcess;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** SIGKILL the process group; resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
}

/**
 * Start one server process (the fixture compiled once per run, `compiled.ts`), with `env` added to
 * its environment; resolves once it listens.
 */
export async function startNode(databaseUrl: string, redisUrl: string | null, port = 0, env: Record<string, string> = {}): Promise<ClusterNode> {
  const [node, script] = await nodeCommand(FIXTURE);
  const child = spawn(node, [...script, databaseUrl, redisUrl ?? '', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
    env: { ...process.env, ...env },
  });
  const listening = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    port: listening,
    process: child,
    url: `http://127.0.0.1:${listening}`,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) process.kill(-(child.pid as number), 'SIGKILL');
      await gone;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await gone;
    },
  };
}

/** What {@link useCluster} starts. */
export interface ClusterOptions {
  /** Name of the block's database namespace (a PostgreSQL schema of its own, `services.ts`). */
  db: string;
  /** How many server processes to start before the block's tests; 0 (the default) for none. */
  nodes?: number;
  /** Environment added to each of those processes (e.g. `SAMPLAN_TEST_RIGHTS_POLL_MS`). */
  env?: Record<string, string>;
  /** Written to the seeded storage after the seed (`tests/server/sync/seed.ts`), before any process starts. */
  seed?: (storage: Storage) => Promise<void>;
}

/** A running cluster of {@link useCluster}; its fields are set once the block's `beforeAll` ran. */
export interface Cluster {
  pg: PgServer;
  redis: RedisServer;
  /** The PostgreSQL URL of the block's seeded database. */
  dbUrl: string;
  /** The processes started before the block, then those {@link Cluster.start} added, in order. */
  nodes: ClusterNode[];
  /** Stock clients of the block's tests (push them here): destroyed after each test. */
  providers: WebsocketProvider[];
  /** `nodes[i]`; throws when there is none. */
  node(i: number): ClusterNode;
  /** Start one more process on the block's database, with `env` added; stopped after the block. */
  start(env?: Record<string, string>): Promise<ClusterNode>;
  /** Start one more process on the block's database, with `env` added; stopped after the test. */
  startForTest(env?: Record<string, string>): Promise<ClusterNode>;
}

/**
 * Set up a cluster for the `describe` block it is called in: before the block, real PostgreSQL
 * and Redis (`services.ts`), a database seeded with the sync tests' workspace, its members and
 * tokens (`tests/server/sync/seed.ts`, then `opts.seed`), and `opts.nodes` server processes on
 * it with Redis fan-out; after each test, the stock clients in `providers` destroyed, then the
 * processes of {@link Cluster.startForTest} stopped; after the block, every process stopped
 * (SIGTERM) and PostgreSQL and Redis removed. Skip the block when `servicesMissing()` answers
 * (PostgreSQL or Redis not installed). The set-up may take up to 120 s, the tear-down 60 s.
 */
export function useCluster(opts: ClusterOptions): Cluster {
  const forTest: ClusterNode[] = [];
  const startOne = (env: Record<string, string> = {}): Promise<ClusterNode> =>
    startNode(cluster.dbUrl, cluster.redis.url, 0, { ...opts.env, ...env });
  const cluster: Cluster = {
    pg: undefined as unknown as PgServer,
    redis: undefined as unknown as RedisServer,
    dbUrl: '',
    nodes: [],
    providers: [],
    node(i) {
      const found = cluster.nodes[i];
      if (!found) throw new Error(`the cluster has no process ${i} (it has ${cluster.nodes.length})`);
      return found;
    },
    async start(env) {
      const started = await startOne(env);
      cluster.nodes.push(started);
      return started;
    },
    async startForTest(env) {
      const started = await startOne(env);
      forTest.push(started);
      return started;
    },
  };
  beforeAll(async () => {
    [cluster.pg, cluster.redis] = await Promise.all([startPostgres(), startRedis()]);
    cluster.dbUrl = await cluster.pg.createDb(opts.db);
    const storage = await openPostgresStorage(cluster.dbUrl);
    try {
      await seed(storage);
      await opts.seed?.(storage);
    } finally {
      await storage.close();
    }
    cluster.nodes.push(...(await Promise.all(Array.from({ length: opts.nodes ?? 0 }, () => startOne()))));
  }, 120_000);
  afterEach(async () => {
    for (const p of cluster.providers.splice(0)) p.destroy();
    await Promise.allSettled(forTest.splice(0).map((n) => n.stop()));
  });
  afterAll(async () => {
    await Promise.allSettled(cluster.nodes.map((n) => n.stop()));
    await Promise.allSettled([cluster.pg?.destroy(), cluster.redis?.destroy()]);
  }, 60_000);
  return cluster;
}

/**
 * The sync URL of document `doc` of the seeded workspace on `node`, with bearer `token` as its
 * query parameter, for the bench's `SyncClient`: `ws://127.0.0.1:<port>/v1/sync/<ws>/<doc>?token=…`.
 */
export const syncUrl = (node: ClusterNode, doc: string, token: string): string =>
  `ws://127.0.0.1:${node.port}/v1/sync/${WS}/${doc}?token=${encodeURIComponent(token)}`;

/**
 * The item ids (`client:clock`) a Yjs update (V1) carries, one per clock unit, skips left out:
 * what a relay-counting test counts to see each item reach a client exactly once.
 */
export function itemIds(update: Uint8Array): string[] {
  const ids: string[] = [];
  for (const s of Y.decodeUpdate(update).structs) {
    if (s.constructor.name === 'Skip') continue;
    for (let i = 0; i < s.length; i++) ids.push(`${s.id.client}:${s.id.clock + i}`);
  }
  return ids;
}
