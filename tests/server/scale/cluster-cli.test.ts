/**
 * Rights changed from the CLI while two server processes run on PostgreSQL with Redis: with
 * `--redis-url` the CLI tells the processes itself, so the open sockets of a revoked token or a
 * removed member close on both at once, and a demoted member's writes are refused on both, with no socket opening
 * meanwhile and while the rights poll is a minute away.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { insertRow } from '../../../shared/doc/index.js';
import { SyncClient } from '../../../bench/support/sync-client.js';
import { syncUrl, useCluster } from '../../support/cluster.js';
import { nodeCommand } from '../../support/compiled.js';
import { servicesMissing } from '../../support/services.js';
import { TOKENS, WS } from '../sync/seed.js';

const missing = servicesMissing();
const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'server', 'cli.ts');
/** Far below the minute's rights poll of these processes. */
const AT_ONCE_MS = 3000;

/** Run the CLI with `args` in English (`--lang en`); resolves with its exit code and output. */
async function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  const [node, script] = await nodeCommand(CLI);
  return new Promise((resolve) => {
    const child = spawn(node, [...script, ...args, '--lang', 'en'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

describe.skipIf(missing !== null)('rights changed from the CLI beside processes on PostgreSQL and Redis', () => {
  const cluster = useCluster({ db: 'cli', nodes: 2, env: { SAMPLAN_TEST_RIGHTS_POLL_MS: '60000' } });

  it('closes the open sockets of a token revoked with `samplan token revoke --redis-url` on every process at once', async () => {
    const victims = cluster.nodes.map((n) => new SyncClient(syncUrl(n, 'plan-a', TOKENS.editorA)));
    await Promise.all(victims.map((v) => v.synced));
    const run = await cli(['token', 'revoke', 't-m-a', '--database-url', cluster.dbUrl, '--redis-url', cluster.redis.url]);
    expect(run).toMatchObject({ code: 0 });
    expect(run.out).toContain('Token t-m-a revoked.');
    const start = Date.now();
    const codes = await Promise.all(victims.map(async (v) => (await v.closed).code));
    expect(codes).toEqual([CloseCode.unauthorized, CloseCode.unauthorized]);
    expect(Date.now() - start).toBeLessThan(AT_ONCE_MS);
  }, 60_000);

  it('refuses at once, on every process, the writes of a member demoted with `samplan member add --redis-url`', async () => {
    const victims = cluster.nodes.map((n) => new SyncClient(syncUrl(n, 'plan-b', TOKENS.editorB)));
    await Promise.all(victims.map((v) => v.synced));
    const run = await cli(['member', 'add', '--workspace', WS, '--id', 'm-b', '--name', 'Editor B', '--role', 'viewer', '--database-url', cluster.dbUrl, '--redis-url', cluster.redis.url]);
    expect(run).toMatchObject({ code: 0 });
    // Long enough for a Redis hop on a loaded machine, far shorter than the minute's rights poll.
    await new Promise((r) => setTimeout(r, 1000));
    victims.forEach((v, i) => v.write((doc) => insertRow(doc, { title: 'after' }, { id: `cli-demoted-${i}` })));
    const stillOpen = new Promise<string>((r) => setTimeout(() => r('still open'), AT_ONCE_MS));
    const codes = await Promise.all(victims.map((v) => Promise.race([v.closed.then((c) => c.code), stillOpen])));
    expect(codes).toEqual([CloseCode.forbidden, CloseCode.forbidden]);
  }, 60_000);

  it('closes the open sockets of a member removed with `samplan member remove --redis-url` on every process at once', async () => {
    const victims = cluster.nodes.map((n) => new SyncClient(syncUrl(n, 'plan-a', TOKENS.viewer)));
    await Promise.all(victims.map((v) => v.synced));
    const run = await cli(['member', 'remove', '--workspace', WS, '--id', 'm-v', '--database-url', cluster.dbUrl, '--redis-url', cluster.redis.url]);
    expect(run).toMatchObject({ code: 0 });
    expect(run.out).toContain(`Member m-v removed from ${WS}`);
    const start = Date.now();
    const codes = await Promise.all(victims.map(async (v) => (await v.closed).code));
    expect(codes).toEqual([CloseCode.unauthorized, CloseCode.unauthorized]);
    expect(Date.now() - start).toBeLessThan(AT_ONCE_MS);
  }, 60_000);
});
