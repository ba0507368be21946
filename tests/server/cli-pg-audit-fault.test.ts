/**
 * A rights write and its audit line are stored together or not at all (PostgreSQL): a `samplan
 * member add|remove` or `token create|revoke` held at the insert of its audit line (a lock the test takes
 * on `audit`) whose connection is then ended (`pg_terminate_backend`) leaves neither the write nor
 * the line, and the same command run again writes both, the member's line saying "added". The
 * same holds for `workspace create` and `unit add`.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { listenedClient } from '../support/listened-client.js';
import { describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../server/storage/postgres.js';
import { nodeCommand } from '../support/compiled.js';
import { servicesMissing } from '../support/services.js';
import { usePostgres } from '../support/use-services.js';
import { cliEn } from './cli-capture.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The CLI with `args` in a process of its own, as an operator runs it. */
async function child(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const [node, script] = await nodeCommand(join(process.cwd(), 'server', 'cli.ts'));
  // Its English lines are asserted: a locale of neither language is spoken to in Swedish.
  const proc = spawn(node, [...script, '--lang', 'en', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number>((resolve) => proc.on('close', (c) => resolve(c ?? -1)));
  return { code, out: out.trim(), err: err.trim() };
}

/** One value of a query on `url`. */
async function one(url: string, sql: string): Promise<unknown> {
  const client = listenedClient({ connectionString: url });
  await client.connect();
  try {
    return Object.values((await client.query(sql)).rows[0] ?? {})[0];
  } finally {
    await client.end();
  }
}

/**
 * Run the CLI with `args` in a child while `audit` takes no writes; once the command's backend
 * waits on that lock, end it and let the lock go. Resolves with the exit code and how many
 * backends were ended.
 */
async function endedAtAudit(url: string, args: string[]): Promise<{ code: number; ended: number }> {
  const holder = listenedClient({ connectionString: url });
  const watcher = listenedClient({ connectionString: url });
  await Promise.all([holder.connect(), watcher.connect()]);
  await holder.query('BEGIN');
  await holder.query('LOCK TABLE audit IN EXCLUSIVE MODE');
  const running = child(args);
  let ended = 0;
  try {
    for (const deadline = Date.now() + 60_000; ended === 0; ) {
      if (Date.now() > deadline) throw new Error('the command never waited for a write of audit');
      const waiting = await watcher.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1",
        [(holder as unknown as { processID: number }).processID],
      );
      for (const { pid } of waiting.rows) {
        await watcher.query('SELECT pg_terminate_backend($1)', [pid]);
        ended++;
      }
      if (ended === 0) await sleep(20);
    }
  } finally {
    await holder.query('ROLLBACK');
    await Promise.all([holder.end(), watcher.end()]);
  }
  return { code: (await running).code, ended };
}

describe.skipIf(servicesMissing() !== null)('a PostgreSQL connection ended between a rights write and its audit line', () => {
  const server = usePostgres();

  it('member add, token create and revoke, member remove: neither the write nor its line is stored, and a second run stores both', async () => {
    const url = await server.createDb('auditfault');
    const db = ['--database-url', url];
    expect((await cliEn(['workspace', 'create', '--id', 'hbi-x', '--name', 'Region X', ...db])).code).toBe(0);
    const lines = (like: string) => one(url, `SELECT count(*)::int FROM audit WHERE detail LIKE '${like}'`);

    // A viewer: a workspace's only admin is never removed (last-admin.ts), and this removal must reach its audit line.
    const add = ['member', 'add', '--workspace', 'hbi-x', '--id', 'nina', '--name', 'Nina Ek', '--role', 'viewer', ...db];
    expect(await endedAtAudit(url, add)).toEqual({ code: 1, ended: 1 });
    expect(await one(url, "SELECT count(*)::int FROM members WHERE id = 'nina'")).toBe(0);
    expect(await lines('%nina%')).toBe(0);
    const again = await cliEn(add);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain('Member nina added to hbi-x');
    expect(await lines('added nina as viewer')).toBe(1);

    const token = ['token', 'create', '--workspace', 'hbi-x', '--member', 'nina', '--label', 'Excel', ...db];
    expect(await endedAtAudit(url, token)).toEqual({ code: 1, ended: 1 });
    expect(await one(url, 'SELECT count(*)::int FROM tokens')).toBe(0);
    expect(await lines('created % for nina')).toBe(0);
    expect((await cliEn(token)).code).toBe(0);
    expect(await one(url, 'SELECT count(*)::int FROM tokens')).toBe(1);
    expect(await lines('created % for nina')).toBe(1);

    const tokenId = await one(url, 'SELECT id FROM tokens');
    const revoke = ['token', 'revoke', String(tokenId), ...db];
    expect(await endedAtAudit(url, revoke)).toEqual({ code: 1, ended: 1 });
    expect(await one(url, 'SELECT count(*)::int FROM tokens WHERE revoked_at IS NULL')).toBe(1);
    expect(await lines('revoked %')).toBe(0);
    expect((await cliEn(revoke)).code).toBe(0);
    expect(await one(url, 'SELECT count(*)::int FROM tokens WHERE revoked_at IS NULL')).toBe(0);
    expect(await lines(`revoked ${String(tokenId)}`)).toBe(1);

    const remove = ['member', 'remove', '--workspace', 'hbi-x', '--id', 'nina', ...db];
    expect(await endedAtAudit(url, remove)).toEqual({ code: 1, ended: 1 });
    expect(await one(url, "SELECT count(*)::int FROM members WHERE id = 'nina'")).toBe(1);
    expect(await lines('removed nina')).toBe(0);
    expect((await cliEn(remove)).code).toBe(0);
    expect(await one(url, "SELECT count(*)::int FROM members WHERE id = 'nina'")).toBe(0);
    expect(await lines('removed nina')).toBe(1);
  }, 180_000);

  it('workspace create and unit add: neither the record nor its line is stored, and a second run stores both', async () => {
    const url = await server.createDb('auditunit');
    const db = ['--database-url', url];
    // The tables made first, so that the test can lock one.
    await (await openPostgresStorage(url)).close();
    const create = ['workspace', 'create', '--id', 'hbi-y', '--name', 'Region Y', ...db];
    expect(await endedAtAudit(url, create)).toEqual({ code: 1, ended: 1 });
    expect(await one(url, 'SELECT count(*)::int FROM workspaces')).toBe(0);
    expect((await cliEn(create)).code).toBe(0);
    expect(await one(url, "SELECT count(*)::int FROM audit WHERE detail = 'created hbi-y'")).toBe(1);

    const add = ['unit', 'add', '--workspace', 'hbi-y', '--code', 'vc-husby', '--name', 'Husby vårdcentral', ...db];
    expect(await endedAtAudit(url, add)).toEqual({ code: 1, ended: 1 });
    expect(await one(url, 'SELECT count(*)::int FROM units')).toBe(0);
    expect(await one(url, "SELECT count(*)::int FROM audit WHERE detail LIKE '%vc-husby%'")).toBe(0);
    expect((await cliEn(add)).code).toBe(0);
    expect(await one(url, "SELECT count(*)::int FROM audit WHERE detail = 'added vc-husby'")).toBe(1);
  }, 180_000);
});
