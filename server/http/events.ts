/**
 * `GET /v1/workspaces/:ws/events`: a server-sent event stream of the workspace's document list
 * and its units. The first events are the lists as they are; another follows each change
 * (`event: documents`, `data: { documents: DocRecord[] }`; `event: units`, `data: { units:
 * { code, name, parent }[] }` after a unit is added or renamed), and a comment every 25 s keeps
 * proxies from closing an idle stream. The pane reads it with `fetch`, so the token stays in the
 * header.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { DocRecord, UnitRecord } from '../storage/storage.js';
import { assertCan } from './access.js';
import type { AuthEnv, RouteDeps } from './context.js';
import type { WorkspaceFeed } from './workspace-feed.js';

/** How often an idle stream sends a keep-alive comment (ms). */
export const KEEP_ALIVE_MS = 25_000;

/** The event routes (mounted at `/v1/workspaces`). */
export function eventRoutes(deps: RouteDeps & { feed: WorkspaceFeed }) {
  const { storage, feed } = deps;
  const app = new Hono<AuthEnv>();

  app.get('/:ws/events', async (c) => {
    const ws = c.req.param('ws');
    assertCan(c.get('principal'), 'read', { workspace: ws });
    const [first, firstUnits] = await Promise.all([storage.listDocs(ws), storage.listUnits(ws)]);
    return streamSSE(c, async (stream) => {
      const send = (docs: DocRecord[]) => void stream.writeSSE({ event: 'documents', data: JSON.stringify({ documents: docs }) }).catch(() => undefined);
      const sendUnits = (units: UnitRecord[]) =>
        void stream.writeSSE({ event: 'units', data: JSON.stringify({ units: units.map((u) => ({ code: u.code, name: u.name, parent: u.parent })) }) }).catch(() => undefined);
      send(first);
      sendUnits(firstUnits);
      const stops = [feed.subscribe(ws, send), feed.subscribeUnits(ws, sendUnits)];
      const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n').catch(() => undefined), KEEP_ALIVE_MS);
      try {
        await Promise.race([new Promise<void>((resolve) => stream.onAbort(resolve)), feed.closed]);
      } finally {
        clearInterval(keepAlive);
        for (const stop of stops) stop();
      }
    });
  });

  return app;
}
