/**
 * `GET /v1/workspaces/:ws/events`: a server-sent event stream of the workspace's document list
 * and its units. The first events are the lists as they are; another follows each change
 * (`event: documents`, `data: { documents: DocRecord[] }`; `event: units`, `data: { units:
 * { code, name, parent }[] }` after a unit is added or renamed; `event: you`, `data: { you: {
 * memberId, name, role, units } }` with the listener's own membership, and again after an admin
 * changes its role, units or name, so a pane follows its rights without signing in again), and a
 * comment every 25 s keeps proxies from closing an idle stream. The stream ends when its token is
 * revoked or expires or its member is removed (`stream-rights.ts`; its next request is refused with 401). The pane reads it with `fetch`, so the token stays in the
 * header.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { DocRecord, MemberRecord, UnitRecord } from '../storage/storage.js';
import { assertCan } from './access.js';
import type { AuthEnv, RouteDeps } from './context.js';
import { untilRightsEnd, type OpenStreams } from './stream-rights.js';
import { memberSignature, type WorkspaceFeed } from './workspace-feed.js';

/** How often an idle stream sends a keep-alive comment (ms). */
export const KEEP_ALIVE_MS = 25_000;

/** The event routes (mounted at `/v1/workspaces`). */
export function eventRoutes(deps: RouteDeps & { feed: WorkspaceFeed; streams?: OpenStreams }) {
  const { storage, feed } = deps;
  const app = new Hono<AuthEnv>();

  app.get('/:ws/events', async (c) => {
    const ws = c.req.param('ws');
    const principal = c.get('principal');
    assertCan(principal, 'read', { workspace: ws });
    const [first, firstUnits] = await Promise.all([storage.listDocs(ws), storage.listUnits(ws)]);
    return streamSSE(c, async (stream) => {
      const send = (docs: DocRecord[]) => void stream.writeSSE({ event: 'documents', data: JSON.stringify({ documents: docs }) }).catch(() => undefined);
      const sendUnits = (units: UnitRecord[]) =>
        void stream.writeSSE({ event: 'units', data: JSON.stringify({ units: units.map((u) => ({ code: u.code, name: u.name, parent: u.parent })) }) }).catch(() => undefined);
      const you = (m: Pick<MemberRecord, 'id' | 'name' | 'role' | 'units'>) => ({ memberId: m.id, name: m.name, role: m.role, units: m.units });
      let yourSignature = memberSignature({ id: principal.memberId, name: principal.name, role: principal.role, units: principal.units });
      let removed!: () => void;
      const gone = new Promise<void>((resolve) => (removed = resolve));
      const sendYou = (members: MemberRecord[]) => {
        const mine = members.find((m) => m.id === principal.memberId);
        if (!mine) return removed();
        const sig = memberSignature(mine);
        if (sig === yourSignature) return;
        yourSignature = sig;
        void stream.writeSSE({ event: 'you', data: JSON.stringify({ you: you(mine) }) }).catch(() => undefined);
      };
      send(first);
      sendUnits(firstUnits);
      void stream.writeSSE({ event: 'you', data: JSON.stringify({ you: you({ id: principal.memberId, name: principal.name, role: principal.role, units: principal.units }) }) }).catch(() => undefined);
      const stops = [feed.subscribe(ws, send), feed.subscribeUnits(ws, sendUnits), feed.subscribeMembers(ws, sendYou)];
      const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n').catch(() => undefined), KEEP_ALIVE_MS);
      const rights = untilRightsEnd({ feed, storage, clock: deps.clock, ...(deps.streams ? { streams: deps.streams } : {}) }, principal);
      try {
        await Promise.race([new Promise<void>((resolve) => stream.onAbort(resolve)), feed.closed, gone, rights.ended]);
      } finally {
        clearInterval(keepAlive);
        rights.stop();
        for (const stop of stops) stop();
      }
    });
  });

  return app;
}
