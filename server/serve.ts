/**
 * Running the server as a process: lock the database (one server per file, see
 * `storage/db-lock.ts`), open storage, build the app, listen, optionally seed the
 * demo workspace, print the addresses, and shut down cleanly on SIGINT/SIGTERM (stop accepting,
 * close sockets with 1001, flush rooms, close storage).
 */
import { serve } from '@hono/node-server';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { createApp, type SamplanApp } from './app.js';
import { publicUrlOf, redactPassword, redisUrlOf, type ServerConfig } from './config.js';
import type { OidcConfig } from './auth/oidc-config.js';
import { checkProvider, clientSecretWarning, signInLine, signInSetupWarnings } from './auth/oidc-setup.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import { listenError, postgresOpenError, probeListen, sqliteOpenError, StartupError } from './connect-errors.js';
import { lockDatabase, type DatabaseLock } from './storage/db-lock.js';
import { DEMO_TOKENS_SUFFIX } from './demo/demo-tokens-suffix.js';
import type { ServeLock } from './storage/postgres-serve-lock.js';
import { gateWrites } from './storage/serve-gate.js';
import { scavengeAlone } from './sync/scavenge-alone.js';
import { openStorage } from './storage/open-storage.js';
import type { Fanout } from './sync/fanout.js';
import type { Storage } from './storage/storage.js';
import type { CheckUpdate, SyncOptions } from './sync/deps.js';
import { seedDemo, type DemoTokens } from './demo/seed.js';
import { pidFileOf, removePidFile, writePidFile } from './pid-file.js';
import { packageRoot } from './package-root.js';

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  app: SamplanApp;
  storage: Storage;
  logger: Logger;
  /** Tokens of the demo workspace (only with `--demo`). */
  demoTokens: DemoTokens | null;
  /** Where the demo tokens are kept between starts (null: not kept, e.g. in-memory). */
  demoTokenFile: string | null;
  /**
   * With work-account sign-in: the provider, workspace and redirect URI (`signInLine`) and the
   * settings that would refuse people (`clientSecretWarning`, `signInSetupWarnings`), also logged as warnings.
   */
  signIn: { line: string; warnings: string[] } | null;
  /** Stop accepting, close sockets with 1001, flush, close storage. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Start the server from a configuration.
 *
 * @example
 * const server = await startServer(loadConfig({ demo: true }, process.env), { checkUpdate });
 * server.logger.info({ url: server.url }, "listening");
 */
export async function startServer(
  config: ServerConfig,
  opts: {
    checkUpdate: CheckUpdate;
    logger?: Logger;
    oidc?: OidcConfig | null;
    syncOptions?: Partial<SyncOptions>;
    /** Tests only: how often the workspace feed reads storage, in ms (`AppDeps.feedPollMs`). */
    feedPollMs?: number;
    /** Tests only: wraps the Redis fan-out once connected (a cluster test drops chosen messages with it). */
    wrapFanout?: (fanout: Fanout) => Fanout;
    /**
     * A stop asked for while starting (`samplan serve`'s SIGINT or SIGTERM): the demo's seeding
     * stops at its next step, and the start rejects with the signal's reason (an `AbortError`)
     * once everything it opened is closed and released, as {@link RunningServer.stop} does.
     */
    signal?: AbortSignal;
  },
): Promise<RunningServer> {
  const logger = opts.logger ?? createLogger({ level: config.logLevel });
  // A scavenge never waits for helper threads the machine's other processes keep off the CPU (`scavenge-alone.ts`).
  scavengeAlone();
  // Redis beside an SQLite file is refused before the file is locked or opened.
  const redisUrl = redisUrlOf(config);
  // On PostgreSQL several processes share the database (with Redis; `holdPostgres` below); the file lock is SQLite's.
  const file = config.databaseUrl ? null : config.db;
  // A port that is taken stops the start before the database's folder and file are made: a
  // refused first start left a new, empty database behind.
  const cannotListen = await probeListen(config.host, config.port);
  if (cannotListen) throw cannotListen;
  const lock = !file || file === ':memory:' ? null : prepareDatabaseFile(file);
  if (lock?.leftBy !== undefined) {
    const who = lock.leftBy ? `process ${lock.leftBy.pid}, which no longer runs (a server killed or crashed before it could stop; it held it since ${lock.leftBy.since})` : 'a process that never wrote itself in';
    logger.warn({ lock: lock.file, leftBy: lock.leftBy?.pid ?? null }, `took over the lock ${lock.file} of the database, left behind by ${who}`);
  }
  let storage: Storage;
  let fanout: Fanout | null = null;
  let serveLock: ServeLock | null = null;
  let gate: ReturnType<typeof gateWrites> | null = null;
  try {
    // Before the store opens, which migrates the schema: a refused server leaves the database as it found it.
    if (config.databaseUrl) serveLock = await holdPostgres(config.databaseUrl, redisUrl ? 'with-redis' : 'alone', logger);
    storage = await openStorage(config, logger, { server: true });
    // Writes wait for the lock whenever it is lost (another kind of server took it meanwhile).
    if (serveLock) gate = gateWrites(storage, serveLock.lost);
    if (redisUrl) fanout = await connectFanout(redisUrl, storage, logger);
    if (fanout && opts.wrapFanout) fanout = opts.wrapFanout(fanout);
  } catch (err) {
    await serveLock?.release();
    lock?.release();
    throw err;
  }
  const clock = () => new Date();
  const root = packageRoot();

  // The public URL may depend on the port the OS picks, so the app is built after listening.
  let samplan: SamplanApp | null = null;
  const fetch = (req: Request, env: unknown) => {
    if (!samplan) return new Response('Starting', { status: 503 });
    return samplan.app.fetch(req, env);
  };
  let server: Server;
  try {
    server = await new Promise<Server>((done, fail) => {
      const s = serve({ fetch, port: config.port, hostname: config.host }, () => done(s as Server));
      (s as Server).once('error', fail);
    });
  } catch (err) {
    await fanout?.close();
    await storage.close();
    await serveLock?.release();
    lock?.release();
    throw listenError(err, config.host, config.port) ?? err;
  }
  const port = (server.address() as AddressInfo).port;
  const url = publicUrlOf(config, port);
  samplan = createApp({
    storage: gate?.storage ?? storage,
    ...(gate ? { serving: gate.fault } : {}),
    ...(fanout ? { fanout } : {}),
    logger,
    clock,
    checkUpdate: opts.checkUpdate,
    publicUrl: url,
    metrics: createMetrics({ processMetrics: true }),
    staticRoot: { addin: join(root, 'dist', 'addin'), manifests: join(root, 'manifests') },
    oidc: opts.oidc ?? null,
    ...(opts.syncOptions ? { syncOptions: opts.syncOptions } : {}),
    ...(opts.feedPollMs ? { feedPollMs: opts.feedPollMs } : {}),
  });
  samplan.injectWebSocket(server);
  logger.info({ port, host: config.host, db: file ?? redactPassword(config.databaseUrl), url }, 'listening');

  const pidFile = file ? pidFileOf(file) : null;
  let stopping: Promise<void> | null = null;
  const app = samplan;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      logger.info('shutting down');
      const closed = new Promise<void>((done) => server.close(() => done()));
      await app.close();
      server.closeAllConnections?.();
      await closed;
      await fanout?.close();
      await storage.close();
      await serveLock?.release();
      if (pidFile) removePidFile(pidFile);
      lock?.release();
      logger.info('stopped');
    })();
    return stopping;
  };
  const demoTokenFile = !file || file === ':memory:' ? null : `${resolve(file)}${DEMO_TOKENS_SUFFIX}`;
  let demoTokens: DemoTokens | null = null;
  try {
    // The seeding writes 25 documents: a stop signal during it is heard at its next step, not after the last.
    if (config.demo) demoTokens = await seedDemo(storage, { clock, logger, tokenFile: demoTokenFile, ...(opts.signal ? { signal: opts.signal } : {}) });
  } catch (err) {
    if (opts.signal?.aborted) logger.info({ during: 'demo seeding' }, 'stop asked for while starting');
    await stop();
    throw err;
  }
  // After the demo's seeding, which creates the workspace a demo sign-in would name.
  const signIn = opts.oidc
    ? { line: signInLine(opts.oidc, url), warnings: [clientSecretWarning(opts.oidc), ...(await signInSetupWarnings(storage, opts.oidc))].filter((w) => w !== null) }
    : null;
  for (const warning of signIn?.warnings ?? []) logger.warn({ signInSetup: true }, warning);
  if (opts.oidc) void checkProvider(opts.oidc, logger);
  if (pidFile) {
    try {
      writePidFile(pidFile);
    } catch (err) {
      // A pid file that cannot be written (a full disk, a quota, a folder in its place) stops the
      // start as the lock would, and leaves nothing open or held: the port, the store, the lock.
      await stop();
      throw (file ? sqliteOpenError(err, resolve(file)) : null) ?? err;
    }
  }
  return { url, port, app, storage, logger, demoTokens, demoTokenFile: config.demo ? demoTokenFile : null, signIn, stop };
}

/**
 * Create the SQLite file's folder and take its lock (`storage/db-lock.ts`); a folder the process
 * may not write stops the start with a sentence naming the file and the setting (`--db`).
 */
function prepareDatabaseFile(file: string): DatabaseLock {
  try {
    mkdirSync(dirname(resolve(file)), { recursive: true });
    return lockDatabase(file);
  } catch (err) {
    throw sqliteOpenError(err, resolve(file)) ?? err;
  }
}

/**
 * The PostgreSQL serving lock (`storage/postgres-serve-lock.ts`), taken before the store opens and
 * migrates: a server without Redis serves its database alone, servers with Redis together; refused,
 * the sentence is thrown, and a database that cannot be reached is named as the store's opening
 * names it (`postgresOpenError`).
 */
async function holdPostgres(url: string, mode: 'alone' | 'with-redis', logger: Logger): Promise<ServeLock> {
  const shown = redactPassword(url) ?? '';
  try {
    // Loaded here, not at the top: `pg` is ~0.2–0.6 s of a start's CPU, and a server on SQLite has no use for it.
    const { holdServeLock } = await import('./storage/postgres-serve-lock.js');
    return await holdServeLock(url, mode, shown, logger);
  } catch (err) {
    throw err instanceof StartupError ? err : postgresOpenError(err, url, shown);
  }
}

/** Redis fan-out, for PostgreSQL only ({@link redisUrlOf}): processes on one SQLite file would fork its state. */
async function connectFanout(redisUrl: string, storage: Storage, logger: Logger): Promise<Fanout> {
  try {
    // Loaded here, not at the top: `ioredis` is ~0.6–1 s of a start's CPU, and only a server with Redis uses it.
    const { connectRedisFanout } = await import('./fanout/redis.js');
    return await connectRedisFanout(redisUrl, { logger });
  } catch (err) {
    await storage.close();
    throw err;
  }
}
