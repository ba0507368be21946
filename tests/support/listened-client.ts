/**
 * A `pg.Client` for tests that is listened to for `error` from the moment it is made. A client
 * whose backend ends while it is idle (`pg_terminate_backend`, the PostgreSQL a test started
 * stopping under it) emits `error` outside any query; with no listener that error leaves the event
 * loop, and the run counts it as unhandled and fails even when every test passed. A query's own
 * failure still rejects that query, which is what the test looks at. Every test makes its clients
 * here (`tests/architecture/test-resources.test.ts` holds that), as it hands its pools to
 * `onEveryConnectionError` (`server/storage/postgres-faults.ts`).
 */
import pg from 'pg';

/**
 * A new, not yet connected `pg.Client` for `config` (a connection string or `pg.ClientConfig`)
 * with `onError` listening for its `error` events; by default they are dropped, since the
 * connection's loss already shows in the next query's rejection.
 */
export function listenedClient(config: string | pg.ClientConfig, onError: (err: Error) => void = () => undefined): pg.Client {
  const client = new pg.Client(config);
  client.on('error', onError);
  return client;
}
