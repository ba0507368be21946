/**
 * The Samplan server as a Hono app: the REST API under `/v1`, the sync WebSocket route, health,
 * metrics, the OpenAPI document and the add-in's static files. Everything it needs is passed in,
 * so tests build one over memory storage and call `app.request()` without a socket.
 */
import type { ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { checkUpdate } from '../shared/validate/check-update.js';
import type { OidcConfig } from './auth/oidc-config.js';
import { createOidcVerifier, type OidcVerifier } from './auth/oidc-verify.js';
import { createToken, resolveToken } from './auth/tokens.js';
import { resolveSignOutToken } from './auth/sessions.js';
import type { Principal } from './auth/principal.js';
import type { Logger } from './logger.js';
import { redactUrl } from './log-redact.js';
import { createMetrics, type ServerMetrics } from './metrics.js';
import type { Storage } from './storage/storage.js';
import { watchStorage, type StorageFault } from './storage/watched.js';
import type { CheckUpdate, SyncOptions } from './sync/deps.js';
import type { Registry } from './sync/registry.js';
import { mountSync, type SyncHandle } from './sync/route.js';
import { alsoApplyingRights, bothRights, publishingRights, type Fanout } from './sync/fanout.js';
import { requireAuth } from './http/auth.js';
import { requestBodyLimit } from './http/body-limit.js';
import type { AuthEnv, Clock, RouteDeps } from './http/context.js';
import { registryDocAccess } from './http/doc-access.js';
import { answerOutcome } from './http/import-progress.js';
import { currentPrincipal } from './http/current-principal.js';
import { rightsAtWrite, writeScope } from './http/write-rights.js';
import { documentRoutes } from './http/documents.js';
import { handleError, handleNotFound } from './http/errors.js';
import { healthRoutes } from './http/health.js';
import { indicatorRoutes } from './http/indicators.js';
import { documentLifeRoutes } from './http/document-life.js';
import { eventRoutes } from './http/events.js';
import { createWorkspaceFeed, type WorkspaceFeed } from './http/workspace-feed.js';
import { OpenStreams } from './http/stream-rights.js';
import { peopleRoutes } from './http/people.js';
import { historyRoutes } from './http/history.js';
import { openApiRoutes } from './http/openapi.js';
import { endWarmReadWorkers, type ReadWorkerOwner } from './http/read-worker.js';
import { rowRoutes } from './http/rows.js';
import { sessionRoutes, signOutRoutes } from './http/session.js';
import { signInRoutes } from './http/sign-in.js';
import { unitRoutes } from './http/units.js';
import { roundIdParam, roundRoutes } from './http/rounds.js';
import { periodRollupRoutes } from './http/period-rollup.js';
import { roundEventRoutes } from './http/rounds-events.js';
import { calendarRoutes } from './http/calendar.js';
import { roundLocks } from './rounds/round-locks.js';
import { RoundsService } from './rounds/rounds-service.js';
import { RoundsStore } from './rounds/rounds-store.js';
import { syncAuthFor } from './http/sync-auth.js';
import { workspaceRoutes } from './http/workspaces.js';
import { securityHeaders } from './page-headers.js';
import { mountStatic } from './static.js';
import { packageVersion } from './package-root.js';
import { setMissingPlaceholderPolicy } from '../shared/i18n/placeholders.js';

/** What {@link createApp} is built from. */
export interface AppDeps {
  storage: Storage;
  logger: Logger;
  /** The current time; `() => new Date()` in production. */
  clock: Clock;
  /** Structural check of every incoming update; `checkUpdate` of `shared/validate` when unset. */
  checkUpdate?: CheckUpdate;
  /** The address people use to reach the server, for links in answers. */
  publicUrl: string;
  /** Built add-in (`dist/addin`) and manifests folder; static routes are left out when unset. */
  staticRoot?: { addin: string; manifests: string };
  metrics?: ServerMetrics;
  /** Sync tunables (grace period, limits); production defaults when unset. */
  syncOptions?: Partial<SyncOptions>;
  /** The version `/healthz` answers; the package's (`packageVersion()`) when unset. */
  version?: string;
  /** Work-account sign-in (OpenID Connect); token sign-in only when unset or null. */
  oidc?: OidcConfig | null;
  /** The verifier for `oidc`; built from it when unset (tests pass one with a short key cooldown). */
  oidcVerifier?: OidcVerifier;
  /** The other server processes on the same PostgreSQL database (Redis); unset for one process. */
  fanout?: Fanout;
  /** How often the workspace feed reads a listened-to workspace from storage, in ms (default 1,000; tests lengthen it). */
  feedPollMs?: number;
  /**
   * Why the server takes no writes now, though storage would (the PostgreSQL serving lock not held:
   * `storage/serve-gate.ts`), shown in `/healthz` before any write met it; null while it does. Unset: always takes them.
   */
  serving?: () => StorageFault | null;
}

/** A built app and the handles to run and stop it. */
export interface SamplanApp {
  app: Hono;
  /** Attach the sync endpoint's WebSocket upgrade handler to the Node HTTP server after `serve()`. */
  injectWebSocket(server: ServerType): void;
  registry: Registry;
  metrics: ServerMetrics;
  /**
   * Refuse new sockets, close open ones with 1001, flush every room to storage, and end the idle
   * reading workers kept for the next import (`read-worker.ts`), so a closed app leaves no thread.
   */
  close(): Promise<void>;
}

/**
 * Build the Samplan server app.
 *
 * @example
 * const storage = openSqliteStorage('./data/samplan.db');
 * const { app, injectWebSocket, close } = createApp({
 *   storage, logger: createLogger(), clock: () => new Date(),
 *   publicUrl: 'http://127.0.0.1:8787',
 * });
 * injectWebSocket(serve({ fetch: app.fetch, port: 8787 }));
 * process.on('SIGTERM', () => void close().then(() => storage.close()));
 */
export function createApp(deps: AppDeps): SamplanApp {
  const { logger, clock } = deps;
  // A message filled without a value where the compiler could not see it shows `{name}` to the
  // person (it throws only under a test runner): the log says which, under its code.
  setMissingPlaceholderPolicy({
    report: (err) => logger.error({ code: err.code, placeholder: err.placeholder, template: err.template }, 'a message was filled without a value for a placeholder'),
  });
  // Every route and room writes through the watch, so a failing disk shows in /healthz and as 503s.
  const watched = watchStorage(deps.storage, clock);
  const { storage } = watched;
  const metrics = deps.metrics ?? createMetrics();
  const app = new Hono();
  let draining = false;

  app.onError(handleError(logger));
  app.notFound(handleNotFound);

  app.use('*', securityHeaders(deps.publicUrl));
  app.use('*', async (c, next) => {
    const start = performance.now();
    await next();
    const route = c.req.routePath || 'unmatched';
    const counted = (status: number) => {
      metrics.httpRequest(c.req.method, route, status);
      if (route !== '/healthz' && route !== '/metrics') {
        logger.info({ method: c.req.method, url: redactUrl(c.req.path), status, ms: Math.round(performance.now() - start) }, 'request');
      }
    };
    // A streamed import answers 200 before its outcome is known: it is counted with the status it ended with.
    const outcome = answerOutcome(c.req.raw);
    if (outcome) void outcome.then(counted);
    else counted(c.res.status);
  });

  // Before any route reads a body: a request larger than its route takes is refused unread.
  app.use('*', requestBodyLimit());

  // What the routes write through: a write request's rights are read again at its first write (write-rights.ts).
  const current = (p: Principal): Promise<Principal> => currentPrincipal(storage, p, clock());
  const routeStorage = rightsAtWrite(storage, current);
  const rounds = new RoundsService(new RoundsStore(routeStorage), routeStorage, clock);
  const locks = roundLocks(rounds.store);
  // Transitions another process stores reach this one's locks and rounds streams within a second.
  const stopRoundsWatch = rounds.store.watch();
  const feed = createWorkspaceFeed(storage, deps.feedPollMs ? { pollMs: deps.feedPollMs } : {});
  // Event streams end with their listener's right on a rights change, here or on another process.
  const streams = new OpenStreams(feed);
  const fanout = deps.fanout ? alsoApplyingRights(deps.fanout, streams) : undefined;
  // The rooms' check, which an import judges its planned write by too (`DocAccess.judge`).
  const judge: CheckUpdate = deps.checkUpdate ?? ((doc, update) => checkUpdate(doc, update));
  const sync: SyncHandle = mountSync({
    storage,
    records: storage,
    locks,
    ...(fanout ? { fanout } : {}),
    auth: syncAuthFor(storage, clock),
    checkUpdate: judge,
    logger,
    clock,
    metrics: metrics.sync,
    ...(deps.syncOptions ? { options: deps.syncOptions } : {}),
  });

  const local = bothRights(sync.registry.live, streams);
  // This app's own warm reading workers: its close must not end another app's in the same process.
  const readOwner: ReadWorkerOwner = {};
  const routeDeps: RouteDeps & { feed: WorkspaceFeed; streams: OpenStreams } = {
    feed,
    streams,
    storage: routeStorage,
    logger,
    clock,
    metrics,
    docs: registryDocAccess(sync.registry, current, judge),
    publicUrl: deps.publicUrl,
    resolveToken: (token) => resolveToken(storage, token, clock()),
    issueToken: (input) => createToken(routeStorage, { ...input, clock }),
    rights: fanout ? publishingRights(local, fanout) : local,
    locks,
    readOwner,
  };

  app.route(
    '/',
    healthRoutes({
      storage,
      metrics,
      clock,
      stats: () => sync.registry.stats(),
      draining: () => draining,
      storageFault: async () => deps.serving?.() ?? (await watched.recheck()),
      logger,
      version: deps.version ?? packageVersion(),
    }),
  );

  const oidc = deps.oidc ?? null;
  const verifier = oidc ? (deps.oidcVerifier ?? createOidcVerifier(oidc)) : null;
  app.route('/auth', signInRoutes(routeDeps, { config: oidc, verifier }));

  const v1 = new Hono<AuthEnv>();
  // Before /v1's authentication: sign-out also takes a session whose time ran out, so that it
  // ends the rest of its sign-in, and answers it itself; every other route refuses that session.
  v1.route('/session', signOutRoutes(routeDeps, (token) => resolveSignOutToken(storage, token, clock())));
  v1.use('*', requireAuth(routeDeps.resolveToken));
  v1.use('*', writeScope());
  // A malformed round id in any router's path is 400 in words before a route looks it up.
  v1.use('/workspaces/:ws/rounds/:round', roundIdParam);
  v1.use('/workspaces/:ws/rounds/:round/*', roundIdParam);
  v1.route('/session', sessionRoutes(routeDeps, oidc?.sessionMinutes ?? 60));
  v1.route('/workspaces', workspaceRoutes(routeDeps));
  v1.route('/workspaces', unitRoutes(routeDeps));
  v1.route('/workspaces', documentRoutes(routeDeps));
  v1.route('/workspaces', documentLifeRoutes(routeDeps));
  v1.route('/workspaces', eventRoutes(routeDeps));
  v1.route('/workspaces', indicatorRoutes(routeDeps));
  v1.route('/workspaces', rowRoutes(routeDeps));
  v1.route('/workspaces', historyRoutes(routeDeps));
  v1.route('/workspaces', peopleRoutes(routeDeps));
  v1.route('/workspaces', periodRollupRoutes(routeDeps, rounds));
  v1.route('/workspaces', roundRoutes(routeDeps, rounds));
  v1.route('/workspaces', roundEventRoutes(routeDeps, rounds.store));
  v1.route('/workspaces', calendarRoutes(routeDeps, rounds));
  app.route('/', openApiRoutes(deps.publicUrl));
  app.route('/v1', v1);

  if (deps.staticRoot) {
    mountStatic(app, { addinRoot: deps.staticRoot.addin, manifestsRoot: deps.staticRoot.manifests, publicUrl: deps.publicUrl });
  }

  return {
    app,
    injectWebSocket: (server) => sync.inject(server),
    registry: sync.registry,
    metrics,
    async close() {
      draining = true;
      feed.close();
      stopRoundsWatch();
      await sync.close();
      // Idle warm workers are unreferenced, but each holds its heap (exceljs and its last read's garbage) for up to a minute.
      await endWarmReadWorkers(readOwner);
    },
  };
}
