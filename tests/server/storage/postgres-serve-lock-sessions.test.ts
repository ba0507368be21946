/**
 * The sessions of a server's serving-lock connections (`server/storage/postgres-serve-lock.ts`)
 * that nothing reads any more. A connection given up in a split whose lock request reached
 * PostgreSQL late, refused, held nothing and was never ended: it kept a connection slot until
 * PostgreSQL heard it go, which after a split it may never. Now every earlier session of the lock's
 * own is ended once the lock is taken again. And a session whose server is gone without a word
 * was kept by PostgreSQL for Linux's two hours of keep-alive silence, its lock with it: the lock's
 * sessions now ask PostgreSQL to probe their connection after 10 s idle.
 */
import { readFileSync } from 'node:fs';
import pino from 'pino';
import type pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { holdServeLock, SERVE_LOCK_APPLICATION } from '../../../server/storage/postgres-serve-lock.js';
import { startCuttableProxy } from '../../support/cuttable-proxy.js';
import { listenedClient } from '../../support/listened-client.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';

/** The sessions of serving-lock connections, as PostgreSQL lists them, with whether each holds an advisory lock. */
async function lockSessions(client: pg.Client): Promise<{ pid: number; port: number; holds: boolean }[]> {
  const { rows } = await client.query<{ pid: number; port: number; holds: boolean }>(
    `SELECT a.pid, a.client_port AS port, EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted) AS holds
     FROM pg_stat_activity a WHERE starts_with(a.application_name, $1) ORDER BY a.application_name`,
    [SERVE_LOCK_APPLICATION],
  );
  return rows;
}

/**
 * The kernel's keep-alive timer of the TCP connection from local port `local` to remote port
 * `remote` on loopback, in seconds (`/proc/net/tcp`: timer kind 2 and its clock ticks, 100 a
 * second), or null when it has none or there is no such connection.
 */
function keepAliveSeconds(local: number, remote: number): number | null {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[1]?.endsWith(`:${hex(local)}`) !== true || cols[2]?.endsWith(`:${hex(remote)}`) !== true) continue;
      const [kind, when] = (cols[5] ?? '').split(':');
      return kind === '02' ? parseInt(when ?? '', 16) / 100 : null;
    }
  }
  return null;
}

describe.skipIf(servicesMissing())('the serving lock’s sessions', { timeout: 60_000 }, () => {
  const pg = usePostgres();
  const logger = pino({ level: 'silent' });

  it('ends its own earlier sessions that hold nothing (a lock request given up, refused late) once it holds the lock again', async () => {
    const url = await pg.createDb('given_up');
    const proxy = await startCuttableProxy(pg.port);
    const lock = await holdServeLock(url.replace(`:${pg.port}/`, `:${proxy.port}/`), 'alone', 'the test database', logger, undefined, { checkMs: 300 });
    const other = listenedClient({ connectionString: url });
    await other.connect();
    try {
      const [first] = await lockSessions(other);
      // The lock's connection held, and each new one once its start-up is done: its lock request waits in the split.
      proxy.splitAfter(1);
      await vi.waitFor(() => expect(lock.lost()?.why).toBe('connection'), { timeout: 5_000, interval: 20 });
      // A request given up reaches PostgreSQL late and is refused (the held session keeps the lock);
      // its goodbye never comes, so PostgreSQL keeps the session, holding nothing.
      let given: number[] = [];
      await vi.waitFor(async () => {
        proxy.deliver();
        given = (await lockSessions(other)).filter((s) => s.pid !== first?.pid && !s.holds).map((s) => s.pid);
        expect(given.length).toBeGreaterThan(0);
      }, { timeout: 10_000, interval: 50 });
      // One connection at a time: once another is opened, the ones refused were given up.
      const delivered = proxy.accepted();
      await vi.waitFor(() => expect(proxy.accepted()).toBeGreaterThan(delivered), { timeout: 5_000, interval: 20 });
      await other.query('SELECT pg_terminate_backend($1)', [first?.pid]);
      proxy.release();
      await vi.waitFor(() => expect(lock.lost()).toBeNull(), { timeout: 10_000, interval: 20 });
      await vi.waitFor(async () => {
        const now = await lockSessions(other);
        expect(now).toHaveLength(1);
        expect(given).not.toContain(now[0]?.pid);
        expect(now[0]?.holds).toBe(true);
      }, { timeout: 5_000, interval: 50 });
    } finally {
      await proxy.close();
      await lock.release();
      await other.end();
    }
  });

  it('asks PostgreSQL to probe its connection after 10 s idle, so a session whose server is gone is ended by PostgreSQL', async () => {
    const url = await pg.createDb('probed');
    const lock = await holdServeLock(url, 'alone', 'the test database', logger);
    const other = listenedClient({ connectionString: url });
    await other.connect();
    try {
      const [session] = await lockSessions(other);
      const { rows } = await other.query<{ port: number }>('SELECT client_port AS port FROM pg_stat_activity WHERE pid = pg_backend_pid()');
      // PostgreSQL's end of each connection, from its port to the client's, once the last answer
      // was acknowledged (till then its timer is the retransmission's).
      await vi.waitFor(() => {
        expect(keepAliveSeconds(pg.port, session?.port ?? 0)).toBeLessThanOrEqual(10);
        // Another session of the same database keeps Linux's default (two hours).
        expect(keepAliveSeconds(pg.port, rows[0]?.port ?? 0)).toBeGreaterThan(600);
      }, { timeout: 5_000, interval: 50 });
    } finally {
      await lock.release();
      await other.end();
    }
  });
});
