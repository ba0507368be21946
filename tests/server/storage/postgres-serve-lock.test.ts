/**
 * Servers on one PostgreSQL database (`server/storage/postgres-serve-lock.ts`): a rights change
 * waits for every server only through Redis, so a server without `--redis-url` serves its database
 * alone. Before, a second server without Redis started beside the first, and a token revoked
 * through one was answered while the other still stored an edit sent after that answer.
 * A server that lost the lock (its connection dropped and another kind of server took it in the
 * retry window) logged one error, never asked again, and both served: now it refuses writes in
 * words (503, `/healthz` says so) and asks again with backoff. `samplan migrate` takes the lock too,
 * and refuses its commit also when the lock was lost and taken back meanwhile (it was let through
 * once held again). A lock connection that stops answering (a network split, no reset) is noticed
 * by its liveness check within seconds, not by TCP keep-alive minutes later. One check answered
 * later than an interval (a slow database) lost the lock: now only a check still unanswered at the
 * next one does. A new lock connection split just after it opened left the retry waiting, writes
 * refused, until TCP keep-alive: now its questions are given up unanswered and asked again. How a
 * server knows its own lock sessions from another server's: `postgres-serve-lock-sessions.test.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createToken } from '../../../server/auth/tokens.js';
import { loadConfig } from '../../../server/config.js';
import { migrateSqliteToPostgres } from '../../../server/migrate.js';
import { assertTargetLockHeld, holdTargetLock } from '../../../server/migrate-target.js';
import { startServer, type RunningServer } from '../../../server/serve.js';
import { holdServeLock, SERVE_LOCK_APPLICATION } from '../../../server/storage/postgres-serve-lock.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { startCuttableProxy } from '../../support/cuttable-proxy.js';
import { listenedClient } from '../../support/listened-client.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres, useRedis } from '../../support/use-services.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

const logger = pino({ level: 'silent' });

/** The serving lock's keys as a server takes them: 'SERV' and the schema's hash. */
const KEY = `${0x53455256}, hashtext(coalesce(current_schema(), ''))`;

/** The sessions holding the serving lock of `client`'s schema, as PostgreSQL lists them. */
async function holders(client: pg.Client): Promise<{ pid: number; application: string }[]> {
  const { rows } = await client.query<{ pid: number; application: string }>(
    `SELECT l.pid, a.application_name AS application FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND l.classid = ${0x53455256} AND l.objid = hashtext(coalesce(current_schema(), ''))::oid AND l.objsubid = 2`,
  );
  return rows;
}

/** Start a server on `databaseUrl` (with Redis at `redisUrl` when given); kept for the stop after the test. */
async function serve(databaseUrl: string, redisUrl?: string): Promise<RunningServer> {
  const config = loadConfig({ port: '0', databaseUrl, ...(redisUrl ? { redisUrl } : {}) }, {});
  const server = await startServer(config, { checkUpdate, logger });
  servers.push(server);
  return server;
}

/** The sentence a refused start gives, or null when it started (and was kept to be stopped). */
async function refusal(databaseUrl: string, redisUrl?: string): Promise<string | null> {
  return serve(databaseUrl, redisUrl).then(
    () => null,
    (err: Error) => err.message,
  );
}

describe.skipIf(servicesMissing())('servers on one PostgreSQL database', { timeout: 60_000 }, () => {
  const pg = usePostgres();
  const redis = useRedis();

  it('refuses a second server without Redis in words, and starts it once the first stopped', async () => {
    const url = await pg.createDb('alone');
    const first = await serve(url);
    const said = await refusal(url);
    expect(said).toMatch(/^Another Samplan server already serves the PostgreSQL database postgres:\/\/.*\. Without --redis-url \(SAMPLAN_REDIS_URL\) a server serves a database alone/);
    expect(said).toContain('start every server with the same --redis-url');
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    await servers.splice(0).at(0)?.stop();
    expect(await refusal(url)).toBeNull();
  });

  it('a refused second server migrates nothing: a database one version behind stays so under the first', async () => {
    const url = await pg.createDb('unmigrated');
    await serve(url);
    // Make the served database look written by the Samplan before: its last migration undone.
    const db = listenedClient({ connectionString: url });
    await db.connect();
    try {
      const version = async () => Number((await db.query<{ v: number }>('SELECT max(version) AS v FROM samplan_schema')).rows[0]?.v);
      const last = await version();
      await db.query('ALTER TABLE rights_version DROP COLUMN kind, DROP COLUMN kind_v');
      await db.query('DELETE FROM samplan_schema WHERE version = $1', [last]);
      expect(await refusal(url)).toMatch(/^Another Samplan server already serves the PostgreSQL database/);
      expect(await version()).toBe(last - 1);
      const kind = await db.query("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'rights_version' AND column_name = 'kind'");
      expect(kind.rowCount).toBe(0);
    } finally {
      await db.end();
    }
  });

  it('starts servers with Redis together, refuses one without Redis beside them and one with Redis beside a server without; another schema is another database', async () => {
    const together = await pg.createDb('together');
    await serve(together, redis.url);
    expect(await refusal(together, redis.url)).toBeNull();
    expect(await refusal(together)).toMatch(/^Another Samplan server already serves the PostgreSQL database/);
    // A schema of its own (search_path) is a database of its own: served alone beside the others.
    const alone = await pg.createDb('alone_first');
    await serve(alone);
    expect(await refusal(alone, redis.url)).toMatch(/^A Samplan server without --redis-url already serves the PostgreSQL database .*: stop it and start it again with the same --redis-url/);
  });

  /** A write through the REST API on `server`: a new token for the admin `secret` names. */
  const write = (server: RunningServer, secret: string) =>
    fetch(`${server.url}/v1/workspaces/ws/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', 'accept-language': 'en' },
      body: JSON.stringify({ memberId: 'admin', label: 'ny' }),
    });

  it('refuses writes in words and says so in /healthz while another server holds the lock, and takes them again once it is let go', async () => {
    const url = await pg.createDb('lost');
    const server = await serve(url);
    const clock = () => new Date();
    await server.storage.putWorkspace({ id: 'ws', name: 'Arbetsyta', createdAt: clock().toISOString() });
    await server.storage.putMember({ workspace: 'ws', id: 'admin', name: 'Admin', role: 'admin', units: [] });
    const { secret } = await createToken(server.storage, { workspace: 'ws', memberId: 'admin', label: 'test', clock });
    expect((await write(server, secret)).status).toBe(201);
    // Another server without Redis waits for the lock; the first server's lock connection then drops.
    const other = listenedClient({ connectionString: url });
    const admin = listenedClient({ connectionString: url });
    await Promise.all([other.connect(), admin.connect()]);
    try {
      const taken = other.query(`SELECT pg_advisory_lock(${KEY})`);
      await vi.waitFor(async () => {
        const waiting = await admin.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
        expect(waiting.rowCount).toBe(1);
      }, { timeout: 5_000, interval: 20 });
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE starts_with(application_name, $1)', [SERVE_LOCK_APPLICATION]);
      await taken;

      await vi.waitFor(async () => {
        const health = await fetch(`${server.url}/healthz`);
        expect(health.status).toBe(503);
        const body = (await health.json()) as { fault?: { kind: string }; reason?: string };
        expect(body.fault?.kind).toMatch(/^the server does not hold the database's serving lock \(another Samplan server may have taken it/);
      }, { timeout: 10_000, interval: 50 });
      const refused = await write(server, secret);
      expect(refused.status).toBe(503);
      const said = (await refused.json()) as { error: { message: string; details: { message: { sv: string } } } };
      expect(said.error.message).toMatch(/^The server cannot store changes right now \(the server does not hold the database's serving lock/);
      expect(said.error.details.message.sv).toMatch(/servern har inte databasens serveringslås/);

      await other.query(`SELECT pg_advisory_unlock(${KEY})`);
      await vi.waitFor(async () => expect((await fetch(`${server.url}/healthz`)).status).toBe(200), { timeout: 10_000, interval: 50 });
      expect((await write(server, secret)).status).toBe(201);
    } finally {
      await Promise.all([other.end(), admin.end()]);
    }
  });

  it('samplan migrate’s lock, lost during the copy to another server, refuses the copy’s commit in words', async () => {
    const url = await pg.createDb('copying');
    const serving = await holdTargetLock(url);
    const other = listenedClient({ connectionString: url });
    const admin = listenedClient({ connectionString: url });
    await Promise.all([other.connect(), admin.connect()]);
    try {
      assertTargetLockHeld(serving, url);
      // A server waits for the lock; the lock's connection then drops (a restart, a network fault).
      const taken = other.query(`SELECT pg_advisory_lock(${KEY})`);
      await vi.waitFor(async () => expect((await admin.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rowCount).toBe(1), { timeout: 5_000, interval: 20 });
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE starts_with(application_name, $1)', [SERVE_LOCK_APPLICATION]);
      await taken;
      await vi.waitFor(() => expect(() => assertTargetLockHeld(serving, url)).toThrow(/^The serving lock of the PostgreSQL database postgres:\/\/.* \(--to\) was lost during the copy \(a Samplan server took it, at .*\), so a server may serve it\. Nothing was written/), { timeout: 10_000, interval: 50 });
    } finally {
      await serving.release();
      await Promise.all([other.end(), admin.end()]);
    }
  });

  it('samplan migrate’s lock, lost during the copy and taken back once another server let it go, still refuses the commit in words', async () => {
    const url = await pg.createDb('retaken');
    const serving = await holdTargetLock(url);
    const other = listenedClient({ connectionString: url });
    const admin = listenedClient({ connectionString: url });
    await Promise.all([other.connect(), admin.connect()]);
    try {
      // A server takes the lock while the lock's connection is down, serves a while, and stops.
      const taken = other.query(`SELECT pg_advisory_lock(${KEY})`);
      await vi.waitFor(async () => expect((await admin.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rowCount).toBe(1), { timeout: 5_000, interval: 20 });
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE starts_with(application_name, $1)', [SERVE_LOCK_APPLICATION]);
      await taken;
      await vi.waitFor(() => expect(serving.lost()?.why).toBe('taken'), { timeout: 10_000, interval: 50 });
      await other.query(`SELECT pg_advisory_unlock(${KEY})`);
      await vi.waitFor(() => expect(serving.lost()).toBeNull(), { timeout: 10_000, interval: 50 });
      expect(() => assertTargetLockHeld(serving, url)).toThrow(
        /^The serving lock of the PostgreSQL database postgres:\/\/.* \(--to\) was lost during the copy \(a Samplan server took it, at \d{4}-.*Z\) and taken back at \d{4}-.*Z, so a server may have served it meanwhile\. Nothing was written/,
      );
    } finally {
      await serving.release();
      await Promise.all([other.end(), admin.end()]);
    }
  });

  /** A lock taken through a proxy in front of the test database, checked every `checkMs`, and its log's lines. */
  async function lockBehindProxy(name: string, checkMs: number) {
    const url = await pg.createDb(name);
    const proxy = await startCuttableProxy(pg.port);
    const lines: string[] = [];
    const kept = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const lock = await holdServeLock(url.replace(`:${pg.port}/`, `:${proxy.port}/`), 'alone', 'the test database', kept, undefined, { checkMs });
    return { url, proxy, lock, lines };
  }

  it('notices within seconds a lock connection that stops answering (a network split), and holds the lock again once it answers', async () => {
    const { url, proxy, lock, lines } = await lockBehindProxy('split', 500);
    const other = listenedClient({ connectionString: url });
    await other.connect();
    try {
      expect(lock.lost()).toBeNull();
      proxy.split();
      // Three intervals at most (1.5 s) and the load of the machine; TCP keep-alive's first probe alone waits 10 s.
      await vi.waitFor(() => expect(lock.lost()?.why).toBe('connection'), { timeout: 5_000, interval: 20 });
      expect(lines.join('')).toContain('no answer to SELECT 1 within 1000 ms');
      const whys = new Set<string>();
      const watch = setInterval(() => whys.add(lock.lost()?.why ?? 'held'), 10);
      try {
        proxy.release();
        await vi.waitFor(() => expect(lock.lost()).toBeNull(), { timeout: 20_000, interval: 20 });
      } finally {
        clearInterval(watch);
      }
      // Its own earlier session was never taken for another server's.
      expect([...whys].filter((w) => w !== 'held')).toEqual(['connection']);
      expect(lines.join('')).not.toContain('Another Samplan server');
      expect((await other.query<{ held: boolean }>(`SELECT pg_try_advisory_lock(${KEY}) AS held`)).rows[0]?.held).toBe(false);
    } finally {
      // The proxy first: a lock connection still held by it would never finish its goodbye.
      await proxy.close();
      await lock.release();
      await other.end();
    }
  });

  it('keeps the lock through a check answered later than one interval (a slow database, not a split)', async () => {
    const { proxy, lock, lines } = await lockBehindProxy('late', 600);
    try {
      // The next SELECT 1 is answered one and a half intervals after it was asked; then one more check.
      await proxy.lateAnswer(900);
      await new Promise((done) => setTimeout(done, 700));
      expect(lock.lapses().count).toBe(0);
      expect(lock.lost()).toBeNull();
      expect(lines.join('')).not.toContain('no answer');
    } finally {
      await proxy.close();
      await lock.release();
    }
  });

  it.each([
    { readies: 1, unanswered: 'the lock request' },
    { readies: 2, unanswered: 'the end of its earlier session' },
  ])('gives up a new lock connection split just after it opened ($unanswered unanswered) and asks again on another', async ({ readies, unanswered }) => {
    const { url, proxy, lock, lines } = await lockBehindProxy(`resplit_${readies}`, 300);
    const other = listenedClient({ connectionString: url });
    await other.connect();
    try {
      const [first, ...more] = await holders(other);
      expect(more).toEqual([]);
      expect(first?.application.startsWith(SERVE_LOCK_APPLICATION)).toBe(true);
      const before = proxy.accepted();
      // The lock's connection held (PostgreSQL keeps its session, and the lock), and each new one
      // held once PostgreSQL said ReadyForQuery `readies` times: after its start-up, or its lock request.
      proxy.splitAfter(readies);
      await vi.waitFor(() => expect(lock.lost()?.why).toBe('connection'), { timeout: 5_000, interval: 20 });
      // The first retry's question is given up after the answer wait (0.6 s) and asked on a new connection.
      await vi.waitFor(() => expect(proxy.accepted()).toBeGreaterThanOrEqual(before + 2), { timeout: 10_000, interval: 20 });
      if (readies === 2) expect(lines.join('')).toContain('no answer to the end of the earlier lock session within 600 ms');
      expect(lock.lost()?.why, `${unanswered} unanswered says nothing of another server`).toBe('connection');
      // PostgreSQL ends the lost connection's session (it heard it go); only then do the questions
      // held in the split reach it, and the given-up connections' goodbyes never do. With the lock
      // request unanswered, a given-up connection's session takes the lock, nothing reading it.
      await other.query('SELECT pg_terminate_backend($1)', [first?.pid]);
      await vi.waitFor(async () => expect((await holders(other)).map((h) => h.pid)).not.toContain(first?.pid), { timeout: 5_000, interval: 20 });
      const delivered = proxy.accepted();
      proxy.deliver();
      if (readies === 1) {
        await vi.waitFor(async () => {
          const [held, ...besides] = await holders(other);
          expect(besides).toEqual([]);
          expect(held?.application.startsWith(SERVE_LOCK_APPLICATION) && held.pid !== first?.pid).toBe(true);
        }, { timeout: 5_000, interval: 20 });
        // One connection at a time: once another is opened, the one whose request took the lock was given up.
        await vi.waitFor(() => expect(proxy.accepted()).toBeGreaterThan(delivered), { timeout: 5_000, interval: 20 });
      }
      proxy.release();
      await vi.waitFor(() => expect(lock.lost()).toBeNull(), { timeout: 10_000, interval: 20 });
      expect(lines.join('')).not.toContain('Another Samplan server');
      if (readies === 1) expect(lines.join('')).toContain("ended this server's own earlier serving-lock sessions");
      expect((await other.query<{ held: boolean }>(`SELECT pg_try_advisory_lock(${KEY}) AS held`)).rows[0]?.held).toBe(false);
    } finally {
      await proxy.close();
      await lock.release();
      await other.end();
    }
  });

  it('samplan migrate is refused into a schema a server serves, and taken into another schema of the same database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samplan-migrate-lock-'));
    try {
      const file = join(dir, 'samplan.db');
      await openSqliteStorage(file).close();
      const url = await pg.createDb('migrated');
      await serve(url, redis.url);
      await expect(migrateSqliteToPostgres(file, url)).rejects.toThrow(/^A Samplan server serves the PostgreSQL database postgres:\/\/.* \(--to\): stop every server on it first/);
      // The same database, another schema: the lock is the schema's own (hashtext(current_schema())).
      const beside = await pg.createDb('beside');
      expect(new URL(beside).pathname).toBe(new URL(url).pathname);
      const report = await migrateSqliteToPostgres(file, beside);
      expect(report.mismatched).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
