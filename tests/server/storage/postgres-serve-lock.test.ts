/**
 * Servers on one PostgreSQL database (`server/storage/postgres-serve-lock.ts`): a rights change
 * waits for every server only through Redis, so a server without `--redis-url` serves its database
 * alone. Before, a second server without Redis started beside the first, and a token revoked
 * through one was answered while the other still stored an edit sent after that answer.
 */
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.js';
import { startServer, type RunningServer } from '../../../server/serve.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { listenedClient } from '../../support/listened-client.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres, useRedis } from '../../support/use-services.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

const logger = pino({ level: 'silent' });

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
});
