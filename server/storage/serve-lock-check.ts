/**
 * The liveness check of the PostgreSQL serving lock's connection (`postgres-serve-lock.ts`): how
 * often it is asked `SELECT 1`, the wait for the answer, and the end of the sessions of this
 * server's earlier lock connections that the database still keeps after a network split, holding
 * the lock or not.
 */
import type pg from 'pg';

/** Seconds between two liveness checks of the lock's connection unless `SAMPLAN_SERVE_LOCK_CHECK_SECONDS` says otherwise. */
export const DEFAULT_SERVE_LOCK_CHECK_SECONDS = 5;

/**
 * How often the lock's connection is asked `SELECT 1`, in ms (`SAMPLAN_SERVE_LOCK_CHECK_SECONDS`,
 * 0.1 to 600 s; {@link DEFAULT_SERVE_LOCK_CHECK_SECONDS} by default). An answer may take up to two
 * of them ({@link serveLockAnswerMs}), so a split is noticed within three. Checked at every
 * command's start (`config.ts`).
 *
 * @throws Error `SAMPLAN_SERVE_LOCK_CHECK_SECONDS must be a number of seconds from 0.1 to 600, not "…"`
 */
export function serveLockCheckMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SAMPLAN_SERVE_LOCK_CHECK_SECONDS?.trim();
  if (raw === undefined || raw === '') return DEFAULT_SERVE_LOCK_CHECK_SECONDS * 1000;
  // Digits with an optional decimal part only, as the other settings (`Number` alone reads 0x10, 1e3).
  const seconds = /^\d+(?:\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(seconds >= 0.1 && seconds <= 600)) throw new Error(`SAMPLAN_SERVE_LOCK_CHECK_SECONDS must be a number of seconds from 0.1 to 600, not "${raw}"`);
  return Math.round(seconds * 1000);
}

/**
 * How long a question on a lock connection may go unanswered before the connection counts as lost,
 * in ms, for checks `checkMs` apart: two intervals. A check unanswered when the next is due is
 * late, not lost, and is not asked again; only one still unanswered at the check after counts. A
 * slow but healthy database (a checkpoint, the load of `samplan migrate`'s own copy) that answers
 * one check late then keeps the lock, where a wait of one interval gave it up (writes refused for a
 * moment, the migrate's commit refused after the whole copy). A split is still noticed within three
 * intervals: the last check answered just before it, the next asked one interval later, lost two
 * after that. The same wait bounds each question that takes the lock again on a new connection.
 */
export function serveLockAnswerMs(checkMs: number): number {
  return 2 * checkMs;
}

/** The serving lock's first key, naming it as Samplan's serving lock ('SERV'). */
export const SERVE_LOCK_CLASS = 0x53455256;
/** The second key, in SQL: the hash of the connection's schema, so each schema is served on its own. */
export const SERVE_LOCK_SCHEMA_KEY = "hashtext(coalesce(current_schema(), ''))";

/** What {@link endOwnEarlier} found and ended: counts of sessions. */
export interface LockHolders {
  /** Sessions of this server's own earlier lock connections holding the lock, told to end. */
  own: number;
  /** Sessions of this server's own earlier lock connections holding nothing (given up, never read again), told to end. */
  idle: number;
  /** Sessions of anything else holding the lock: another server. */
  others: number;
}

/**
 * End, through `client`, every session of this server's own earlier lock connections, holding the
 * serving lock of `client`'s schema or not, and count the lock's holders. A lock names its
 * connections `<lock><number>`: `lock` (its name and a space) is its alone, and the number, of a
 * fixed width, counts them in the order they were opened; `connection` is `client`'s name. Only
 * the lock's connections opened before `client` are ended, so a question delayed in a split and
 * answered after a later connection took the lock never ends that one. PostgreSQL keeps such a
 * session (and the lock, if it held it) until it hears its connection go, which after a network
 * split may be never that the server sees (or, with the keep-alives the lock's sessions ask for,
 * tens of seconds later); a lock request the server gave up unanswered may reach PostgreSQL later
 * still and take the lock in a session nothing reads; and a connection given up before its
 * request arrived holds nothing but a connection slot (`max_connections`) until then. None of
 * them is another server's. The end is asynchronous: the lock may still be held for a moment after
 * this resolves.
 */
export async function endOwnEarlier(client: pg.Client, lock: string, connection: string): Promise<LockHolders> {
  // CASE, not AND: PostgreSQL promises the order of a CASE's branches, so no other session is ended.
  // Names of one width compare as their numbers do, byte by byte (COLLATE "C").
  const { rows } = await client.query<LockHolders>(
    `WITH holders AS (
       SELECT DISTINCT l.pid
       FROM pg_locks l
       WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = ${SERVE_LOCK_SCHEMA_KEY}::oid AND l.objsubid = 2
         AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
     ), mine AS (
       SELECT pid FROM pg_stat_activity
       WHERE coalesce(starts_with(application_name, $2) AND application_name COLLATE "C" < $3 COLLATE "C", false) AND pid <> pg_backend_pid()
     ), sessions AS (
       SELECT coalesce(h.pid, m.pid) AS pid, h.pid IS NOT NULL AS holds, m.pid IS NOT NULL AS own
       FROM holders h FULL JOIN mine m ON m.pid = h.pid
     )
     SELECT count(*) FILTER (WHERE ended AND holds)::int AS own, count(*) FILTER (WHERE ended AND NOT holds)::int AS idle,
       count(*) FILTER (WHERE holds AND NOT own AND pid <> pg_backend_pid())::int AS others
     FROM (SELECT pid, holds, own, CASE WHEN own THEN pg_terminate_backend(pid) ELSE false END AS ended FROM sessions) s`,
    [SERVE_LOCK_CLASS, lock, connection],
  );
  return { own: rows[0]?.own ?? 0, idle: rows[0]?.idle ?? 0, others: rows[0]?.others ?? 0 };
}

/**
 * Resolves with `query`'s answer, or rejects with `no answer to <question> within <ms> ms` when
 * none came within `ms`.
 *
 * The verdict waits for one more turn of the event loop's I/O: after this process was busy for
 * longer than `ms` (a long synchronous step, a garbage collection), an expired timer runs before
 * the sockets are read, so an answer the database sent in time, waiting unread in the socket,
 * would be called missing, and the lock given up (writes refused, `samplan migrate`'s commit
 * refused) with the database well.
 */
export async function answeredWithin<T>(query: Promise<T>, ms: number, question: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let turn: NodeJS.Immediate | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      turn = setImmediate(() => reject(new Error(`no answer to ${question} within ${ms} ms`)));
    }, ms);
  });
  try {
    return await Promise.race([query, late]);
  } finally {
    clearTimeout(timer);
    if (turn) clearImmediate(turn);
  }
}
