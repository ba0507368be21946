/**
 * The sessions of a server's serving-lock connections (`server/storage/postgres-serve-lock.ts`)
 * that nothing reads any more. A connection given up in a split whose lock request reached
 * PostgreSQL late, refused, held nothing and was never ended: it kept a connection slot until
 * PostgreSQL heard it go, which after a split it may never. Now every earlier session of the lock's
 * own is ended once the lock is taken again. And a session whose server is gone without a word
 * was kept by PostgreSQL for Linux's two hours of keep-alive silence, its lock with it: the lock's
 * sessions now ask PostgreSQL to probe their connection after 10 s idle. A lock request so given up
 * that reached PostgreSQL later, once the lost connection's session had ended, took the lock in a
 * session of the server's own that nothing read any more, and the server called it another
 * server's ("Another Samplan server …", the lock asked for in vain until PostgreSQL heard that
 * connection go): now the server knows its own lock sessions by their application_name and ends
 * them, and never one holding the lock now, nor another server's named alike.
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

/** The sessions holding the serving lock of `client`'s schema, as PostgreSQL lists them. */
async function holders(client: pg.Client): Promise<{ pid: number; application: string }[]> {
  const { rows } = await client.query<{ pid: number; application: string }>(
    `SELECT l.pid, a.application_name AS application FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND l.classid = ${0x53455256} AND l.objid = hashtext(coalesce(current_schema(), ''))::oid AND l.objsubid = 2`,
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

  /** A serving lock on a new database `name`, its connections through a proxy that can cut or split them, checked every `checkMs`; its log lines. */
  async function lockBehindProxy(name: string, checkMs: number) {
    const url = await pg.createDb(name);
    const proxy = await startCuttableProxy(pg.port);
    const lines: string[] = [];
    const kept = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const lock = await holdServeLock(url.replace(`:${pg.port}/`, `:${proxy.port}/`), 'alone', 'the test database', kept, undefined, { checkMs });
    return { url, proxy, lock, lines };
  }

  it('never ends the session that holds the lock now for a question of an earlier connection that a split delayed', async () => {
    const { url, proxy, lock, lines } = await lockBehindProxy('late_question', 300);
    const other = listenedClient({ connectionString: url });
    await other.connect();
    try {
      const [first] = await holders(other);
      const before = proxy.accepted();
      // Each new connection held once its lock request was answered (refused: the lost session
      // keeps the lock), so its question who holds the lock waits in the split, given up.
      proxy.splitAfter(2);
      await vi.waitFor(() => expect(lines.join('')).toContain('no answer to the end of the earlier lock session'), { timeout: 10_000, interval: 20 });
      await vi.waitFor(() => expect(proxy.accepted()).toBeGreaterThanOrEqual(before + 2), { timeout: 10_000, interval: 20 });
      // PostgreSQL ends the lost session, new connections pass again: a later one takes the lock.
      // The proxy carries the lock's connections alone, so the one it took as its n-th (from 0) is numbered n.
      proxy.passNew();
      const passed = proxy.accepted();
      await other.query('SELECT pg_terminate_backend($1)', [first?.pid]);
      await vi.waitFor(async () => {
        expect(lock.lost()).toBeNull();
        const [held] = await holders(other);
        expect(Number(held?.application.slice(-10))).toBeGreaterThanOrEqual(passed);
      }, { timeout: 10_000, interval: 20 });
      const now = await holders(other);
      const lapses = lock.lapses().count;
      // The given-up connections' questions reach PostgreSQL only now, and are answered there, unless
      // the lock's new holder ended their sessions first (it ends its earlier sessions once it holds
      // the lock): then no question of theirs is left to arrive.
      proxy.deliver();
      const asked = `SELECT count(*) FILTER (WHERE state = 'idle' AND query LIKE '%pg_terminate_backend%')::int AS n, count(*) FILTER (WHERE right(application_name, 10)::bigint < $2)::int AS earlier FROM pg_stat_activity WHERE starts_with(application_name, $1)`;
      await vi.waitFor(
        async () => {
          const seen = (await other.query<{ n: number; earlier: number }>(asked, [SERVE_LOCK_APPLICATION, passed])).rows[0];
          expect(seen !== undefined && (seen.n > 0 || seen.earlier === 0)).toBe(true);
        },
        { timeout: 5_000, interval: 20 },
      );
      // An ended session would be seen within a check (0.3 s): two are waited.
      await new Promise((done) => setTimeout(done, 600));
      expect(await holders(other)).toEqual(now);
      expect(lock.lost()).toBeNull();
      expect(lock.lapses().count).toBe(lapses);
    } finally {
      await proxy.close();
      await lock.release();
      await other.end();
    }
  });

  it("ends only its own lock sessions: another server's lock connection, named alike, holding the lock is another server", async () => {
    const { url, proxy, lock, lines } = await lockBehindProxy('named_alike', 300);
    let beside: Awaited<ReturnType<typeof holdServeLock>> | null = null;
    try {
      // The first lock's connection drops and it cannot connect again; a second lock takes the lock meanwhile.
      proxy.cut();
      await vi.waitFor(() => expect(lock.lost()?.why).toBe('connection'), { timeout: 5_000, interval: 20 });
      beside = await holdServeLock(url, 'alone', 'the test database', logger);
      proxy.mend();
      await vi.waitFor(() => expect(lock.lost()?.why).toBe('taken'), { timeout: 5_000, interval: 20 });
      expect(lines.join('')).toContain('Another Samplan server');
      expect(lines.join('')).not.toContain("ended this server's own");
      expect(beside.lost()).toBeNull();
      const other = listenedClient({ connectionString: url });
      await other.connect();
      try {
        const [held] = await holders(other);
        expect(held?.application).toMatch(new RegExp(`^${SERVE_LOCK_APPLICATION} [0-9a-f]{12} 0{10}$`));
      } finally {
        await other.end();
      }
    } finally {
      await proxy.close();
      await lock.release();
      await beside?.release();
    }
  });
});
