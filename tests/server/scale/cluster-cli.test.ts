/**
 * Rights changed from the CLI while two server processes run on PostgreSQL with Redis: with
 * `--redis-url` the CLI tells the processes itself, so the open sockets of a revoked token or a
 * removed member close on both at once, and a demoted member's writes are refused on both, with no socket opening
 * meanwhile and while the rights poll is a minute away.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { insertRow } from '../../../shared/doc/index.js';
import { SyncClient } from '../../../bench/support/sync-client.js';
import { startNode, type ClusterNode } from '../../support/cluster.js';
import { servicesMissing, startPostgres, startRedis, type PgServer, type RedisServer } from '../../support/services.js';
import { seed, TOKENS, WS } from '../sync/seed.js';

const missing = servicesMissing();
const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'server', 'cli.ts');
/** Far below the minute's rights poll of these processes. */
const AT_ONCE_MS = 3000;

/** Run the CLI with `args`; resolves with its exit code and output. */
function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

describe.skipIf(missing !== null)('rights changed from the CLI beside processes on PostgreSQL and Redis', () => {
  let pgServer: PgServer;
  let redis: RedisServer;
  let dbUrl: string;
  let nodes: ClusterNode[] = [];

  beforeAll(async () => {
    [pgServer, redis] = await Promise.all([startPostgres(), startRedis()]);
    dbUrl = await pgServer.createDb('cli');
    const storage = await openPostgresStorage(dbUrl);
    await seed(storage);
    await storage.close();
    nodes = await Promise.all([0, 1].map(() => startNode(dbUrl, redis.url, 0, { SAMPLAN_TEST_RIGHTS_POLL_MS: '60000' })));
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(nodes.map((n) => n.stop()));
    await Promise.allSettled([pgServer?.destroy(), redis?.destroy()]);
  }, 60_000);

  it('closes the open sockets of a token revoked with `samplan token revoke --redis-url` on every process at once', async () => {
    const victims = nodes.map((n) => new SyncClient(`ws://127.0.0.1:${n.port}/v1/sync/${WS}/plan-a?token=${encodeURIComponent(TOKENS.editorA)}`));
    await Promise.all(victims.map((v) => v.synced));
    const run = await cli(['token', 'revoke', 't-m-a', '--database-url', dbUrl, '--redis-url', redis.url]);
    expect(run).toMatchObject({ code: 0 });
    expect(run.out).toContain('Token t-m-a revoked.');
    const start = Date.now();
    const codes = await Promise.all(victims.map(async (v) => (await v.closed).code));
    expect(codes).toEqual([CloseCode.unauthorized, CloseCode.unauthorized]);
    expect(Date.now() - start).toBeLessThan(AT_ONCE_MS);
  }, 60_000);

  it('refuses at once, on every process, the writes of a member demoted with `samplan member add --redis-url`', async () => {
    const url = (n: ClusterNode): string => `ws://127.0.0.1:${n.port}/v1/sync/${WS}/plan-b?token=${encodeURIComponent(TOKENS.editorB)}`;
    const victims = nodes.map((n) => new SyncClient(url(n)));
    await Promise.all(victims.map((v) => v.synced));
    const run = await cli(['member', 'add', '--workspace', WS, '--id', 'm-b', '--name', 'Editor B', '--role', 'viewer', '--database-url', dbUrl, '--redis-url', redis.url]);
    expect(run).toMatchObject({ code: 0 });
    // Long enough for a Redis hop on a loaded machine, far shorter than the minute's rights poll.
    await new Promise((r) => setTimeout(r, 1000));
    victims.forEach((v, i) => v.write((doc) => insertRow(doc, { title: 'after' }, { id: `cli-demoted-${i}` })));
    const stillOpen = new Promise<string>((r) => setTimeout(() => r('still open'), AT_ONCE_MS));
    const codes = await Promise.all(victims.map((v) => Promise.race([v.closed.then((c) => c.code), stillOpen])));
    expect(codes).toEqual([CloseCode.forbidden, CloseCode.forbidden]);
  }, 60_000);

  it('closes the open sockets of a member removed with `samplan member remove --redis-url` on every process at once', async () => {
    const victims = nodes.map((n) => new SyncClient(`ws://127.0.0.1:${n.port}/v1/sync/${WS}/plan-a?token=${encodeURIComponent(TOKENS.viewer)}`));
    await Promise.all(victims.map((v) => v.synced));
    const run = await cli(['member', 'remove', '--workspace', WS, '--id', 'm-v', '--database-url', dbUrl, '--redis-url', redis.url]);
    expect(run).toMatchObject({ code: 0 });
    expect(run.out).toContain(`Member m-v removed from ${WS}`);
    const start = Date.now();
    const codes = await Promise.all(victims.map(async (v) => (await v.closed).code));
    expect(codes).toEqual([CloseCode.unauthorized, CloseCode.unauthorized]);
    expect(Date.now() - start).toBeLessThan(AT_ONCE_MS);
  }, 60_000);
});
