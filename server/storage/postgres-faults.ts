/**
 * Errors of PostgreSQL as a medium, told apart from errors of a statement: a connection that
 * cannot be made or is lost, a server shutting down, out of resources or disk. The storage turns
 * them into {@link StorageUnavailableError}, so the sync layer refuses writes with 1011 and REST
 * answers 503; a statement's own error (a constraint, bad input) passes unchanged.
 */
import type pg from 'pg';
import type { Storage } from './storage.js';
import { StorageUnavailableError } from './watched.js';

/**
 * SQLSTATE classes of the medium, not the caller: connection (08), resources (53), operator (57),
 * system (58); and a server that takes no writes (25006, a read-only standby or transaction: the
 * read-only SQLite file's `SQLITE_READONLY`) or gave up a transaction to another (40001).
 */
const FAULT_STATES = /^(08|53|57|58|25006$|40001$)/;
const FAULT_ERRNO = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN)$/;
const FAULT_TEXT = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection/i;

/** True for an error of the database server or the network, not of the statement. */
export function isPostgresFault(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  return FAULT_STATES.test(code) || FAULT_ERRNO.test(code) || FAULT_TEXT.test(String(e?.message ?? ''));
}

/**
 * Listen for `error` on every connection of `pool` for as long as it lives, and hand it to
 * `onError`. pg-pool listens on a connection only while it is idle in the pool: one ended while
 * it is checked out (in a transaction: `pg_terminate_backend`, a failover, the server stopping in
 * the middle of a command) emits `error` ("Connection terminated unexpectedly") after its
 * statement has already rejected, and with no listener that ended the process with a stack trace
 * after, or instead of, the command's own line. The statement's rejection is what the caller
 * handles; the pool drops the connection when it is released.
 */
export function onEveryConnectionError(pool: pg.Pool, onError: (err: Error) => void): pg.Pool {
  pool.on('connect', (client) => void client.on('error', onError));
  pool.on('error', onError);
  return pool;
}

/** Turn errors of the medium into {@link StorageUnavailableError}; statement errors pass unchanged. */
export function withFaults(inner: Storage): Storage {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(inner) as [string, (...a: unknown[]) => Promise<unknown>][]) {
    // Synchronous, and fails no call: handed on as it is.
    if (name === 'watchChanges') {
      wrapped[name] = method;
      continue;
    }
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } catch (err) {
        if (!isPostgresFault(err)) throw err;
        throw new StorageUnavailableError(`PostgreSQL: ${(err as Error).message}`, { cause: err });
      }
    };
  }
  return wrapped as unknown as Storage;
}

/** The URL without its password, for logs (`postgres://user:***@host/db`; `postgres://…` when it does not parse). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
