/**
 * `GET /v1/workspaces/:ws/events/rounds`: a server-sent event stream of the workspace's rounds, so
 * a pane follows submissions, approvals, returns and reopenings without a reload (the Follow-up
 * view redraws; the sheet locks and unlocks the rows an approval covers). The first event is the
 * rounds as they are; another follows each change (`event: rounds`, `data:` the same JSON as
 * `GET …/rounds`: `{ rounds: RoundDef[], statuses: { round, unit, status, reason }[], closed: { round, by, at, reason }[] }`),
 * including changes another server process stored (the rounds store reads storage every second).
 * When a document completeness or the roll-up reads is written (an indicator value, an activity's
 * outcome, the catalog), `event: round-data` follows within about a second with `data:
 * { docs: string[] }`, the ids written, so a pulled completeness or roll-up table fetches again.
 * A comment every 25 s keeps proxies from closing an idle stream. The stream ends when its token
 * is revoked or expires or its member is removed (`stream-rights.ts`).
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { RoundsState, RoundsStore } from '../rounds/rounds-store.js';
import { assertCan } from './access.js';
import type { AuthEnv, RouteDeps } from './context.js';
import { KEEP_ALIVE_MS } from './events.js';
import { createRoundDataFeed } from './round-data-feed.js';
import { untilRightsEnd, type OpenStreams } from './stream-rights.js';
import type { WorkspaceFeed } from './workspace-feed.js';

/** The rounds as `GET …/rounds` and the stream give them: newest period first, with every unit's status. */
export function roundsSummary(state: RoundsState) {
  const rounds = [...state.rounds.values()].sort((a, b) => b.period.localeCompare(a.period) || a.id.localeCompare(b.id));
  const statuses = [...state.units.values()].map(({ round, unit, status, reason }) => ({ round, unit, status, reason }));
  const closed = [...state.closures.values()].filter((c) => c.closed).map(({ round, by, at, reason }) => ({ round, by, at, reason }));
  return { rounds, statuses, closed };
}

/**
 * The rounds event route (mounted at `/v1/workspaces`); `dataPollMs` is how often a listened-to
 * workspace's documents are looked at for `round-data` (default 1,000 ms).
 */
export function roundEventRoutes(deps: RouteDeps & { feed: WorkspaceFeed; streams?: OpenStreams }, store: RoundsStore, opts: { dataPollMs?: number } = {}) {
  const app = new Hono<AuthEnv>();
  const data = createRoundDataFeed(deps.storage, opts.dataPollMs === undefined ? {} : { pollMs: opts.dataPollMs });
  void deps.feed.closed.then(() => data.close());

  app.get('/:ws/events/rounds', async (c) => {
    const ws = c.req.param('ws');
    const principal = c.get('principal');
    assertCan(principal, 'read', { workspace: ws });
    const first = await store.state(ws);
    return streamSSE(c, async (stream) => {
      let sent = -1;
      const send = (state: RoundsState): void => {
        if (state.version === sent) return;
        sent = state.version;
        void stream.writeSSE({ event: 'rounds', data: JSON.stringify(roundsSummary(state)) }).catch(() => undefined);
      };
      send(first);
      const stop = store.onChange((changed, state) => changed === ws && send(state));
      const stopData = data.subscribe(ws, (docs) => void stream.writeSSE({ event: 'round-data', data: JSON.stringify({ docs }) }).catch(() => undefined));
      const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n').catch(() => undefined), KEEP_ALIVE_MS);
      const rights = untilRightsEnd(deps, principal);
      try {
        await Promise.race([new Promise<void>((resolve) => stream.onAbort(resolve)), deps.feed.closed, rights.ended]);
      } finally {
        clearInterval(keepAlive);
        rights.stop();
        stop();
        stopData();
      }
    });
  });

  return app;
}
