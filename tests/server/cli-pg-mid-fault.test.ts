/**
 * A PostgreSQL connection that ends in the middle of a `samplan` command (an operator's
 * `pg_terminate_backend`, a failover): the command has opened the store, read what it needs and is
 * writing when its connection is ended. It must stop with exit 1 and the line that names the
 * fault's kind and what the store said (`cli-failure.ts`, masked), leave nothing half-written
 * (each write is one statement or one transaction), and the same command run again must work.
 *
 * The command is held at its write by a lock the test takes on the table it writes
 * (`LOCK … IN EXCLUSIVE MODE`: reads go on, writes wait); once its backend waits on that lock,
 * the test ends the backend and lets go of the lock.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listenedClient } from '../support/listened-client.js';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_WORKSPACE, seedDemo } from '../../server/demo/seed.js';
import { openPostgresStorage } from '../../server/storage/postgres.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { nodeCommand } from '../support/compiled.js';
import { servicesMissing } from '../support/services.js';
import { usePostgres } from '../support/use-services.js';
import { cliEn } from './cli-capture.js';

const dir = mkdtempSync(join(tmpdir(), 'samplan-pg-mid-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The line of a command whose PostgreSQL connection was ended by `pg_terminate_backend`. */
const ENDED =
  'samplan: The database failed (the connection to the database server was lost); the command stopped there. The store said: PostgreSQL: terminating connection due to administrator command';

/**
 * Run the CLI with `args` in a process of its own, as an operator does: an error event nobody
 * listens for ends it with a stack trace, which the in-process `cli` would not show.
 */
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

/** The demo workspace seeded into the PostgreSQL database at `url`. */
async function demoIn(url: string): Promise<void> {
  const storage = await openPostgresStorage(url);
  await seedDemo(storage, { clock: () => new Date(), logger: pino({ level: 'silent' }) });
  await storage.close();
}

/**
 * `samplan rounds define` of `period` (words, e.g. `2026 kv 1`) due `due` against `url`, and the
 * output of `rounds list` there.
 */
function roundsOf(url: string, period: string, due: string): { define: string[]; listed: () => Promise<string> } {
  return {
    define: ['rounds', 'define', '--workspace', DEMO_WORKSPACE, '--period', period, '--due', due, '--database-url', url],
    listed: async () => (await cliEn(['rounds', 'list', '--workspace', DEMO_WORKSPACE, '--database-url', url])).out,
  };
}

/** One value of a query on `url`. */
async function one(url: string, sql: string, params: unknown[] = []): Promise<unknown> {
  const client = listenedClient({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query(sql, params);
    return Object.values(res.rows[0] ?? {})[0];
  } finally {
    await client.end();
  }
}

describe.skipIf(servicesMissing() !== null)('a PostgreSQL connection ended in the middle of a command', () => {
  const server = usePostgres();

  /**
   * Run the CLI with `args` while `table` takes no writes; once one of the command's backends
   * waits on that lock, end it (`pg_terminate_backend`; with `stop`, stop the database server
   * instead, and start it again once the command ended) and let the lock go. Resolves with the
   * command's exit code and output, and how many backends were ended.
   */
  async function endedAtWrite(url: string, table: string, args: string[], run = cliEn, stop = false): Promise<{ code: number; out: string; err: string; ended: number }> {
    const holder = listenedClient({ connectionString: url });
    const watcher = listenedClient({ connectionString: url });
    await Promise.all([holder.connect(), watcher.connect()]);
    await holder.query('BEGIN');
    await holder.query(`LOCK TABLE ${table} IN EXCLUSIVE MODE`);
    const running = run(args);
    let ended = 0;
    try {
      for (const deadline = Date.now() + 30_000; ended === 0; ) {
        if (Date.now() > deadline) throw new Error(`the command never waited for a write of ${table}`);
        const waiting = await watcher.query<{ pid: number }>(
          "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1",
          [(holder as unknown as { processID: number }).processID],
        );
        if (stop && waiting.rows.length > 0) {
          await server.stop();
          ended = waiting.rows.length;
          break;
        }
        for (const { pid } of waiting.rows) {
          await watcher.query('SELECT pg_terminate_backend($1)', [pid]);
          ended++;
        }
        if (ended === 0) await sleep(20);
      }
    } finally {
      if (!stop) await holder.query('ROLLBACK');
      await Promise.all([holder.end(), watcher.end()]).catch(() => undefined);
    }
    const done = await running;
    if (stop) await server.start();
    return { ...done, ended };
  }

  it('member add: exit 1 with the fault and what the store said, no member and no audit line, and a second run adds it', async () => {
    const url = await server.createDb('midmember');
    expect((await cliEn(['workspace', 'create', '--id', 'hbi-x', '--name', 'Region X', '--database-url', url])).code).toBe(0);
    const add = ['member', 'add', '--workspace', 'hbi-x', '--id', 'nina', '--name', 'Nina Ek', '--role', 'admin', '--database-url', url];
    // Every write of members or tokens bumps the rights version in the same statement.
    const res = await endedAtWrite(url, 'rights_version', add, child);
    expect(res).toEqual({ code: 1, out: '', err: ENDED, ended: 1 });
    expect(await one(url, "SELECT count(*)::int FROM members WHERE id = 'nina'")).toBe(0);
    expect(await one(url, "SELECT count(*)::int FROM audit WHERE detail LIKE '%nina%'")).toBe(0);

    expect(await cliEn(add)).toMatchObject({ code: 0 });
    expect(await one(url, "SELECT role FROM members WHERE workspace = 'hbi-x' AND id = 'nina'")).toBe('admin');
    expect(await one(url, "SELECT count(*)::int FROM audit WHERE detail = 'added nina as admin'")).toBe(1);
  }, 90_000);

  it('import and rounds define: exit 1, nothing of them stored, and a second run stores them', async () => {
    const url = await server.createDb('midimport');
    await demoIn(url);
    const csv = join(dir, 'rows.csv');
    writeFileSync(csv, 'Aktivitet;Typ\nPromenad för nyanlända;halsodag\n');
    const doc = 'aktivitetsplan-vc-tensta';
    const stored = (): Promise<unknown> => one(url, 'SELECT count(*)::int FROM update_log WHERE workspace = $1 AND doc = $2', [DEMO_WORKSPACE, doc]);
    const before = await stored();

    const importing = ['import', DEMO_WORKSPACE, doc, csv, '--database-url', url, '--json'];
    const res = await endedAtWrite(url, 'update_log', importing, child);
    expect(res).toEqual({ code: 1, out: '', err: ENDED, ended: 1 });
    expect(await stored()).toBe(before);
    const again = await cliEn(importing);
    expect(again.code, again.err).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ dryRun: false, imported: 1 });
    expect(await stored()).toBe((before as number) + 1);

    const { define, listed } = roundsOf(url, '2026 kv 1', '2026-04-15');
    expect(await listed()).not.toContain('2026-kv-1');
    const cut = await endedAtWrite(url, 'update_log', define, child);
    expect(cut).toEqual({ code: 1, out: '', err: ENDED, ended: 1 });
    expect(await listed()).not.toContain('2026-kv-1');
    const defined = await cliEn(define);
    expect(defined.code, defined.err).toBe(0);
    expect(await listed()).toContain('2026-kv-1');
  }, 120_000);

  it('the database server stopped while rounds define writes: exit 1, no round, and a run after the restart defines it', async () => {
    const url = await server.createDb('midstop');
    await demoIn(url);
    const { define, listed } = roundsOf(url, '2026 kv 2', '2026-07-15');
    const cut = await endedAtWrite(url, 'update_log', define, child, true);
    expect(cut).toEqual({ code: 1, out: '', err: ENDED, ended: 1 });
    expect(await listed()).not.toContain('2026-kv-2');
    const defined = await cliEn(define);
    expect(defined.code, defined.err).toBe(0);
    expect(await listed()).toContain('2026-kv-2');
  }, 120_000);

  it('migrate: exit 1, the target left empty, and a second run copies everything', async () => {
    const file = join(dir, 'source.db');
    const source = openSqliteStorage(file);
    await source.putWorkspace({ id: 'hbi-x', name: 'Region X', createdAt: '2026-01-15T10:00:00Z' });
    await source.putMember({ workspace: 'hbi-x', id: 'nina', name: 'Nina Ek', role: 'admin', units: [] });
    await source.close();
    const url = await server.createDb('midmigrate');
    // The target's tables made first, so that the test can lock one.
    await (await openPostgresStorage(url)).close();
    const migrate = ['migrate', '--from', file, '--to', url];
    const res = await endedAtWrite(url, 'members', migrate, child);
    expect(res).toMatchObject({ code: 1, err: ENDED, ended: 1 });
    expect(await one(url, 'SELECT count(*)::int FROM workspaces')).toBe(0);
    const again = await cliEn(migrate);
    expect(again.code, again.err).toBe(0);
    expect(await one(url, "SELECT name FROM members WHERE id = 'nina'")).toBe('Nina Ek');
  }, 120_000);
});
