/**
 * Who may serve one PostgreSQL database beside whom. A rights change (a revoked token, a removed
 * member, a lowered role) is answered only once every server process applied it, and the processes
 * that must confirm are found through Redis (`server/fanout/live-processes.ts`). A server started
 * without `--redis-url` is on no such list: a second server on the same database without Redis
 * would answer a revocation at once while the other still took edits on the old right until
 * PostgreSQL's notice reached it (an edit sent 0.3 s after such an answer was stored). So a server
 * without Redis serves a database alone, and servers with Redis serve it together:
 *
 * - without Redis, a server holds PostgreSQL's session-level advisory lock on the database's
 *   schema exclusively (`pg_try_advisory_lock`);
 * - with Redis, shared (`pg_try_advisory_lock_shared`), which any number of them hold together.
 *
 * Either is refused at start with a sentence while the other kind is held. The lock lives on a
 * connection of its own, kept for the life of the server; when that connection drops (the
 * database restarts, the network fails) the lock is taken again as soon as a connection opens.
 * Another kind of server may take it in between: then this one has lost it, logs an error naming
 * the other servers once, and keeps trying with backoff until it holds the lock again. While the
 * lock is not held ({@link ServeLock.lost}) the server refuses every write (`serve-gate.ts`: 503 in
 * words, and `/healthz` says so), since two servers serving one database is what the lock is for.
 *
 * A connection that stops answering without a word (a network split: no reset arrives) would be
 * seen only by TCP keep-alive, minutes later with Linux's defaults, the server storing writes
 * meanwhile though the database may have let another server take the lock. So the lock's
 * connection is asked `SELECT 1` every few seconds ({@link serveLockCheckMs}); a check still
 * unanswered when the one after it is due counts as the connection lost ({@link serveLockAnswerMs}):
 * writes are refused at once and the lock is taken again on a new connection, each question there
 * bounded by the same wait, so a split just after that connection opened is given up and asked
 * again rather than waited out until TCP keep-alive. The database may still keep the old session,
 * and the lock with it, until it learns the connection is gone; and a lock request given up
 * unanswered may reach it later still and take the lock in a session that nothing reads. The
 * `application_name` of a lock's connections names that lock alone, and numbers them, so such a
 * session, found holding the lock when a newer connection is refused it, is ended as this server's
 * own rather than taken for another server's; so is every earlier session of the lock's, holding
 * nothing or not, once the lock is taken again; a question of an older one, delayed in the split,
 * never ends a newer one that holds the lock since. And each lock session asks PostgreSQL to probe
 * its connection ({@link SERVE_LOCK_SESSION_PROBES}), so that a session whose server is gone for
 * good is ended by PostgreSQL itself within about 25 s, not after Linux's two hours.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import { StartupError } from '../connect-errors.js';
import type { Localized } from '../../shared/schema/types.js';
import { answeredWithin, endOwnEarlier, SERVE_LOCK_CLASS, SERVE_LOCK_SCHEMA_KEY, serveLockAnswerMs, serveLockCheckMs, type LockHolders } from './serve-lock-check.js';

/**
 * How the `application_name` of a lock's connections starts: a space, 12 hex digits of that lock,
 * a space and the connection's number (10 digits, from 0 in the order opened) follow. Find them in
 * `pg_stat_activity` with `starts_with(application_name, 'samplan-serve-lock')`.
 */
export const SERVE_LOCK_APPLICATION = 'samplan-serve-lock';

/** Pauses before opening the lock's connection again, in ms, by attempt (the last repeats). */
const RETRY_MS = [100, 250, 500, 1000, 2000];

/** How a server shares its database: alone (no Redis) or with the other servers on Redis. */
export type ServeMode = 'alone' | 'with-redis';

/** A serving lock taken at start; `release` ends its connection, which ends the lock. */
export interface ServeLock {
  release(): Promise<void>;
  /**
   * Null while the lock is held; else since when it is not (ISO time) and why: its connection is
   * down (`connection`), or another kind of server took the lock meanwhile (`taken`).
   */
  lost(): { since: string; why: 'connection' | 'taken' } | null;
  /**
   * How many times the lock was lost since it was first taken (0: never), and the last loss: since
   * when, why (`taken` once another server was seen holding it meanwhile) and when it was held
   * again (null while it is not). A lock lost and held again is held now, yet another server may
   * have served meanwhile: what {@link ServeLock.lost} alone cannot tell.
   */
  lapses(): { count: number; last: LockLapse | null };
}

/** One loss of the serving lock (see {@link ServeLock.lapses}); times are ISO. */
export interface LockLapse {
  since: string;
  why: 'connection' | 'taken';
  until: string | null;
}

/**
 * How PostgreSQL probes a lock session's connection from its side (`tcp_keepalives_idle` and
 * `_interval` in seconds, `_count` probes; `tcp_user_timeout` in ms, PostgreSQL 12 or later, for
 * an answer sent and never acknowledged): a session whose server is gone without a word (its
 * machine lost, a network split) is ended by PostgreSQL itself within about 25 s, its lock and
 * connection slot with it, where Linux's defaults keep it for over two hours and refuse every other
 * server's start meanwhile. Set in the lock request's own statement, so the session has them
 * before it can hold the lock; ignored on a Unix socket.
 */
export const SERVE_LOCK_SESSION_PROBES = { tcp_keepalives_idle: '10', tcp_keepalives_interval: '5', tcp_keepalives_count: '3', tcp_user_timeout: '25000' } as const;

/** The settings of {@link SERVE_LOCK_SESSION_PROBES} this PostgreSQL knows (`tcp_user_timeout` is 12's), set for the session. */
const PROBES = `(SELECT count(set_config(p.name, p.setting, false))::int FROM (VALUES ${Object.entries(SERVE_LOCK_SESSION_PROBES)
  .map(([name, setting]) => `('${name}', '${setting}')`)
  .join(', ')}) p(name, setting) WHERE p.name IN (SELECT name FROM pg_settings))`;

const TAKE: Record<ServeMode, string> = {
  alone: `SELECT pg_try_advisory_lock(${SERVE_LOCK_CLASS}, ${SERVE_LOCK_SCHEMA_KEY}) AS held, ${PROBES} AS probes`,
  'with-redis': `SELECT pg_try_advisory_lock_shared(${SERVE_LOCK_CLASS}, ${SERVE_LOCK_SCHEMA_KEY}) AS held, ${PROBES} AS probes`,
};

/** Why `mode` could not take the lock, for the person starting the server, in both languages; `shownUrl` has no password. */
export function serveLockRefusal(mode: ServeMode, shownUrl: string): Localized {
  return mode === 'alone'
    ? {
        sv: `En annan Samplan-server kör redan mot PostgreSQL-databasen ${shownUrl}. Utan --redis-url (SAMPLAN_REDIS_URL) kör en server ensam mot en databas, eftersom en ändring av behörigheter (en återkallad åtkomstnyckel, en borttagen medlem) bara genom Redis väntar tills varje server har tillämpat den: stoppa den andra servern, eller starta varje server med samma --redis-url.`,
        en: `Another Samplan server already serves the PostgreSQL database ${shownUrl}. Without --redis-url (SAMPLAN_REDIS_URL) a server serves a database alone, since only through Redis does a rights change (a revoked token, a removed member) wait for every server to apply it: stop the other server, or start every server with the same --redis-url.`,
      }
    : {
        sv: `En Samplan-server utan --redis-url kör redan mot PostgreSQL-databasen ${shownUrl}, och en sådan server kör ensam mot den: stoppa den och starta den igen med samma --redis-url (SAMPLAN_REDIS_URL) som den här.`,
        en: `A Samplan server without --redis-url already serves the PostgreSQL database ${shownUrl}, and such a server serves it alone: stop it and start it again with the same --redis-url (SAMPLAN_REDIS_URL) as this one.`,
      };
}

/**
 * Idle time before the lock connection's first TCP keep-alive probe from the server's side, in ms
 * (PostgreSQL's side: {@link SERVE_LOCK_SESSION_PROBES}). The connection is idle between the
 * liveness checks, which notice a split sooner; then probes follow at the OS's interval.
 */
export const SERVE_LOCK_KEEPALIVE_MS = 10_000;

/** End `client`, which the lock no longer counts on, without its end being taken for a loss of the lock. */
async function letGo(client: pg.Client): Promise<void> {
  client.removeAllListeners('end');
  // With a question unanswered, pg ends the socket at once rather than wait for a goodbye.
  await client.end().catch(() => undefined);
}

/**
 * One connection, named `application`, that takes the lock; resolves with it and whether the lock
 * was granted. Rejects when the connection fails, or the lock's question has no answer within
 * `answerMs` (the connection is then ended).
 */
async function take(url: string, application: string, mode: ServeMode, onLost: (c: pg.Client, err?: Error) => void, answerMs: number): Promise<{ client: pg.Client; held: boolean }> {
  const client = new pg.Client({ connectionString: url, application_name: application, keepAlive: true, keepAliveInitialDelayMillis: SERVE_LOCK_KEEPALIVE_MS, connectionTimeoutMillis: 10_000 });
  client.on('error', (err) => onLost(client, err));
  client.on('end', () => onLost(client));
  try {
    await client.connect();
    const { rows } = await answeredWithin(client.query<{ held: boolean }>(TAKE[mode]), answerMs, 'the serving lock request');
    return { client, held: rows[0]?.held === true };
  } catch (err) {
    await letGo(client);
    throw err;
  }
}

/** Options of {@link holdServeLock}. */
export interface ServeLockOptions {
  /** Liveness check interval of the lock's connection, in ms ({@link serveLockCheckMs} by default); answers may take two ({@link serveLockAnswerMs}). */
  checkMs?: number;
}

/**
 * Take the serving lock of the database at `url` for `mode`, or reject with a {@link StartupError}
 * saying which server holds it and what to do (`refusal`; {@link serveLockRefusal} unless given: `samplan
 * migrate` says it in its own words); a connection that fails
 * rejects with what `pg` threw (`samplan serve` names it in `postgresOpenError`'s words). Taken before
 * the store opens, so a refused server has migrated nothing.
 *
 * @example
 * const lock = await holdServeLock(url, redisUrl ? 'with-redis' : 'alone', redactPassword(url), logger);
 * // … serve …
 * await lock.release();
 */
export async function holdServeLock(url: string, mode: ServeMode, shownUrl: string, logger?: Logger, refusal: string | Localized = serveLockRefusal(mode, shownUrl), options: ServeLockOptions = {}): Promise<ServeLock> {
  const checkMs = options.checkMs ?? serveLockCheckMs();
  const answerMs = serveLockAnswerMs(checkMs);
  /** How this lock's connections' names start: a session holding the lock under it is this server's own. */
  const lockName = `${SERVE_LOCK_APPLICATION} ${randomBytes(6).toString('hex')} `;
  let opened = 0;
  /** The name of the next connection, numbered in the order opened (one width: they compare as text). */
  const nextName = (): string => lockName + String(opened++).padStart(10, '0');
  let client: pg.Client | null = null;
  let released = false;
  let attempt = 0;
  let retry: NodeJS.Timeout | null = null;
  let checking = false;
  let lost: { since: string; why: 'connection' | 'taken' } | null = null;
  let lapses = 0;
  let lastLapse: LockLapse | null = null;

  const dropped = (c: pg.Client, err?: Error): void => {
    if (client !== c) return;
    client = null;
    // With the check's query unanswered, pg ends the socket at once rather than wait for a goodbye.
    c.end().catch(() => undefined);
    if (released) return;
    if (!lost) {
      lost = { since: new Date().toISOString(), why: 'connection' };
      lapses++;
      lastLapse = { ...lost, until: null };
    }
    logger?.warn({ err: err?.message }, 'the connection holding the PostgreSQL serving lock was lost; taking the lock again');
    schedule();
  };

  const schedule = (): void => {
    if (released || retry || client) return;
    const pause = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)] as number;
    attempt++;
    retry = setTimeout(() => {
      retry = null;
      void again();
    }, pause);
    retry.unref();
  };

  const again = async (): Promise<void> => {
    if (released || client) return;
    let got: Awaited<ReturnType<typeof take>>;
    const application = nextName();
    try {
      got = await take(url, application, mode, dropped, answerMs);
    } catch {
      schedule();
      return;
    }
    if (released) return letGo(got.client);
    let held = got.held;
    if (!held) {
      let holders: LockHolders;
      try {
        holders = await answeredWithin(endOwnEarlier(got.client, lockName, application), answerMs, 'the end of the earlier lock session');
        // The holder may have let go between the two questions: asked once more.
        if (holders.own + holders.others === 0) held = (await answeredWithin(got.client.query<{ held: boolean }>(TAKE[mode]), answerMs, 'the serving lock request')).rows[0]?.held === true;
      } catch (err) {
        // No answer (a split just after this connection opened) or a failure says nothing of who
        // holds the lock, so the lock is not called taken: this connection is let go and asked again.
        logger?.warn({ err: (err as Error).message }, 'taking the PostgreSQL serving lock again failed on a new connection; asking again');
        await letGo(got.client);
        schedule();
        return;
      }
      if (!held && holders.others === 0) {
        // Held by this server's own earlier sessions, now ending, or taken between the two questions
        // by a session not seen: asked again, never called another server's without being seen.
        await letGo(got.client);
        if (holders.own > 0) {
          attempt = 0;
          logger?.warn({ sessions: holders.own, idle: holders.idle }, "ended this server's own earlier serving-lock sessions, which PostgreSQL still kept with the lock after their connections stopped answering");
        }
        schedule();
        return;
      }
    }
    if (!held) {
      await letGo(got.client);
      // Taken by another kind of server while the connection was down: writes stay refused (`lost`)
      // and the lock is asked for again, with backoff, until that server lets go of it.
      // The log is English, as every log line is: a refusal given in both languages logs its English.
      const said = typeof refusal === 'string' ? refusal : refusal.en;
      if (lost?.why !== 'taken') logger?.error({ mode }, `${said} This server takes no changes until it holds the serving lock again.`);
      lost = { since: lost?.since ?? new Date().toISOString(), why: 'taken' };
      if (lastLapse) lastLapse.why = 'taken';
      schedule();
      return;
    }
    attempt = 0;
    client = got.client;
    if (lost) logger?.info({ mode, since: lost.since }, 'the PostgreSQL serving lock is held again; taking changes again');
    if (lastLapse) lastLapse.until = new Date().toISOString();
    lost = null;
    await endEarlier(got.client, application);
  };

  /**
   * Held again on `c`, named `application`: end the sessions of this lock's earlier connections,
   * which PostgreSQL may keep after a split though nothing reads them (holding nothing, or beside
   * this one a shared lock), each taking a connection slot until PostgreSQL hears them go. Not
   * answered in time or failed, they are left to PostgreSQL's probes and the next time the lock
   * is taken again; the lock itself is held either way.
   */
  const endEarlier = async (c: pg.Client, application: string): Promise<void> => {
    try {
      const ended = await answeredWithin(endOwnEarlier(c, lockName, application), answerMs, 'the end of the earlier lock sessions');
      if (ended.own + ended.idle > 0) logger?.info({ holding: ended.own, idle: ended.idle }, "ended this server's own earlier serving-lock sessions, given up after their connections stopped answering");
    } catch (err) {
      logger?.warn({ err: (err as Error).message }, "could not end this server's own earlier serving-lock sessions; PostgreSQL ends them once it hears their connections go");
    }
  };

  const first = await take(url, nextName(), mode, dropped, answerMs);
  if (!first.held) {
    await letGo(first.client);
    throw new StartupError(refusal, null);
  }
  client = first.client;

  const check = async (): Promise<void> => {
    const c = client;
    if (!c || checking || released) return;
    checking = true;
    try {
      // Not asked again while unanswered: a check late by one interval is late, lost only at the next.
      await answeredWithin(c.query('SELECT 1'), answerMs, 'SELECT 1');
    } catch (err) {
      dropped(c, err as Error);
    } finally {
      checking = false;
    }
  };
  const checks = setInterval(() => void check(), checkMs);
  checks.unref();

  return {
    lost: () => lost,
    lapses: () => ({ count: lapses, last: lastLapse && { ...lastLapse } }),
    async release() {
      released = true;
      clearInterval(checks);
      if (retry) clearTimeout(retry);
      retry = null;
      const c = client;
      client = null;
      if (c) await letGo(c);
    },
  };
}
