/**
 * The PostgreSQL pool keeps the connections a burst opened (`POOL_IDLE_TIMEOUT_MS`): with the
 * driver's default every backend of it ended ten seconds after the burst, to be forked anew at
 * the next one, which cost PostgreSQL about 15 ms of CPU per backend (27 of them after a connect
 * storm of 200 clients on three processes). `idleTimeoutMs` still closes them when asked.
 */
import pg from 'pg';
import { listenedClient } from '../../support/listened-client.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_POOL_SIZE, openPostgresStorage } from '../../../server/storage/postgres.js';
import type { Storage } from '../../../server/storage/storage.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';
import { eventually } from '../../support/eventually.js';

const missing = servicesMissing();
/** Past the driver's default idle timeout of 10 s. */
const PAST_DRIVER_IDLE_MS = 11_500;

describe.skipIf(missing !== null)('PostgreSQL pool connections after a burst', () => {
  const pgServer = usePostgres();

  /** Backends of Samplan's pools in the test database now. */
  async function poolBackends(): Promise<number> {
    const admin = listenedClient({ connectionString: pgServer.url('postgres') });
    await admin.connect();
    try {
      const { rows } = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'samplan' AND datname = 'samplan_test'");
      return (rows[0] as { n: number }).n;
    } finally {
      await admin.end();
    }
  }

  /** A burst of `n` document reads at once, as a connect storm makes: the pool opens several connections. */
  async function burst(storage: Storage, n = 40): Promise<void> {
    await Promise.all(Array.from({ length: n }, (_, i) => storage.loadDoc({ workspace: 'w', doc: `d${i}` })));
  }

  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('keeps them open past the driver’s idle timeout of 10 s', async () => {
    const storage = await openPostgresStorage(await pgServer.createDb('keep'));
    try {
      // The pool's idle timers are set when a connection is released after the burst: on a faked
      // clock the 11.5 s pass at once, and a connection the pool ends is seen as it is ended
      // (its backend leaves pg_stat_activity only a moment later).
      const ended = vi.spyOn(pg.Client.prototype, 'end');
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      await burst(storage);
      const opened = await poolBackends();
      expect(opened).toBeGreaterThan(1);
      vi.advanceTimersByTime(PAST_DRIVER_IDLE_MS);
      vi.useRealTimers();
      const poolEnded = ended.mock.contexts.filter((c) => (c as pg.Client & { connectionParameters: { application_name?: string } }).connectionParameters.application_name === 'samplan');
      expect(poolEnded, 'pool connections its idle timers ended').toHaveLength(0);
      expect(await poolBackends()).toBe(opened);
    } finally {
      vi.useRealTimers();
      await storage.close();
    }
    // A backend leaves pg_stat_activity only once its process has seen the socket close: a moment later.
    await eventually(async () => (await poolBackends()) === 0, 5000, 'the pool’s backends gone after close');
  }, 30_000);

  it('closes them after idleTimeoutMs when one is given', async () => {
    const url = await pgServer.createDb('close');
    const storage = await openPostgresStorage(url, { idleTimeoutMs: 300 });
    // The burst's reads wait on a lock held here, so that its connections are counted while they
    // are busy: counted after the burst, at load 40 the 300 ms had often closed them already. One
    // read per pooled connection, so that none waits for a connection (the pool's 10 s limit).
    const locker = listenedClient({ connectionString: url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE doc_heads IN ACCESS EXCLUSIVE MODE');
      const reads = burst(storage, DEFAULT_POOL_SIZE);
      try {
        await eventually(async () => (await poolBackends()) === DEFAULT_POOL_SIZE, 20_000, 'every pooled connection busy with a read');
      } finally {
        await locker.query('COMMIT');
        await reads;
      }
      // Well before the driver's own 10 s: the option closed them.
      await eventually(async () => (await poolBackends()) === 0, 5000, 'the pool’s backends closed after idleTimeoutMs');
    } finally {
      await locker.end();
      await storage.close();
    }
  }, 60_000);
});
