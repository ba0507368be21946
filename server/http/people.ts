/**
 * `GET /v1/workspaces/:ws/people`: every member's id and name, for anyone in the workspace (an
 * editor's pane suggests them when a comment mentions someone with `@`). Roles, units and
 * sign-in names stay in the Members view, which only coordinators and admins open.
 */
import { Hono } from 'hono';
import { byName } from '../../shared/normalize/name-order.js';
import { assertCan } from './access.js';
import type { AuthEnv, RouteDeps } from './context.js';

/** The people routes (mounted at `/v1/workspaces`). */
export function peopleRoutes(deps: RouteDeps) {
  const app = new Hono<AuthEnv>();
  app.get('/:ws/people', async (c) => {
    const p = c.get('principal');
    const ws = c.req.param('ws');
    assertCan(p, 'read', { workspace: ws });
    const members = await deps.storage.listMembers(ws);
    // In the one name order (`byName`), as the Members view lists them.
    const people = byName(members.map((m) => ({ id: m.id, name: m.name })));
    return c.json({ people });
  });
  return app;
}
