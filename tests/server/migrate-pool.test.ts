/**
 * The migration's own connection to the target: a connection PostgreSQL ends while it sits idle
 * in the pool (a restart, an administrator's `pg_terminate_backend`, `idle_session_timeout`) must
 * not end the process. pg-pool emits `error` for it, and an EventEmitter's `error` with no
 * listener is thrown: the CLI died with a stack trace, and the test runner counted it as an
 * uncaught exception. The next statement opens a new connection.
 */
import { listenedClient } from '../support/listened-client.js';
import { describe, expect, it } from 'vitest';
import { targetPool } from '../../server/migrate.js';
import { servicesMissing } from '../support/services.js';
import { usePostgres } from '../support/use-services.js';
import { eventually } from '../support/eventually.js';

const missing = servicesMissing();

describe.skipIf(missing !== null)('samplan migrate: the target connection', () => {
  const server = usePostgres();

  it('survives the server ending its idle connection, and the next statement reconnects', async () => {
    const url = await server.createDb('target_pool');
    const pool = targetPool(url);
    try {
      const pid = (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
      expect(pool.idleCount).toBe(1);
      const admin = listenedClient({ connectionString: url });
      await admin.connect();
      try {
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      } finally {
        await admin.end();
      }
      await eventually(() => pool.totalCount === 0, 10_000, 'the pool to drop the ended connection');
      const again = (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
      expect(again).not.toBe(pid);
    } finally {
      await pool.end();
    }
  });
});
