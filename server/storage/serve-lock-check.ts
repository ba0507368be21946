/**
 * The liveness check of the PostgreSQL serving lock's connection (`postgres-serve-lock.ts`): how
 * often it is asked `SELECT 1`, the wait for the answer, and the end of a session of an earlier
 * lock connection that the database still keeps after a network split.
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

/** The database session holding a lock connection: its process id and start time, which together name it. */
export interface Session {
  pid: number;
  started: string;
}

/**
 * End `stale`, a session of an earlier lock connection of this server that the database still
 * keeps (it never heard the connection go), through `client`; true when it was there and ended.
 * `application` is the lock connections' `application_name`, so no other session is ended.
 */
export async function endStale(client: pg.Client, stale: Session, application: string): Promise<boolean> {
  const { rows } = await client.query<{ ended: boolean }>(
    'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE pid = $1 AND backend_start::text = $2 AND application_name = $3',
    [stale.pid, stale.started, application],
  );
  return rows[0]?.ended === true;
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
