/**
 * PostgreSQL or Redis for one `describe` block of tests (`services.ts`): started before the
 * block, removed after it. Apart from `services.ts`, which the benches also import outside the
 * test runner.
 */
import { afterAll, beforeAll } from 'vitest';
import { startPostgres, startRedis, type PgServer, type RedisServer } from './services.js';

/** The server once started; a clear error for a use before the block's `beforeAll` ran. */
function started<T>(server: T | undefined, what: string): T {
  if (!server) throw new Error(`${what} is not started yet: use it inside the block's tests or hooks`);
  return server;
}

/**
 * A PostgreSQL cluster for the block this is called in (start up to 60 s): what is returned
 * stands for it, each field and method passing to the running cluster.
 */
export function usePostgres(): PgServer {
  let server: PgServer | undefined;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.destroy();
  });
  const pg = (): PgServer => started(server, 'PostgreSQL');
  return {
    get port() {
      return pg().port;
    },
    url: (db) => pg().url(db),
    createDb: (name) => pg().createDb(name),
    stop: () => pg().stop(),
    start: () => pg().start(),
    destroy: () => pg().destroy(),
  };
}

/**
 * A Redis server for the block this is called in (start up to 30 s): what is returned stands for
 * it, each field and method passing to the running server.
 */
export function useRedis(): RedisServer {
  let server: RedisServer | undefined;
  beforeAll(async () => {
    server = await startRedis();
  }, 30_000);
  afterAll(async () => {
    await server?.destroy();
  });
  const redis = (): RedisServer => started(server, 'Redis');
  return {
    get port() {
      return redis().port;
    },
    get url() {
      return redis().url;
    },
    stop: () => redis().stop(),
    start: () => redis().start(),
    destroy: () => redis().destroy(),
  };
}
