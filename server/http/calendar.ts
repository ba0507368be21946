/**
 * `GET /v1/workspaces/:ws/calendar/:year?unit=` — the årshjul's data: the twelve months of
 * `year`, each with the activity-plan rows running in it (document, row id, unit, title, type,
 * start and end dates) and the follow-up rounds due in it. `unit` narrows the activities to that
 * clinic's plans (by code or name; a unit that names nothing is 400 `unknown-filter`). The same function ({@link yearCalendar}) feeds the styrgrupp report's wheel,
 * so the pane and the report show one picture. Anyone who may read the workspace may read it.
 */
import { Hono } from 'hono';
import { rowsOf } from '../../shared/doc/index.js';
import { yearCalendar, type CalendarDoc } from '../../shared/rounds/year-calendar.js';
import type { RoundsService } from '../rounds/rounds-service.js';
import { assertCan } from './access.js';
import type { AuthEnv, RouteDeps } from './context.js';
import { AppError, workspaceNotFound } from './errors.js';
import { resolveIndicatorFilter } from './indicator-filter.js';

/** The calendar route (mounted at `/v1/workspaces`). */
export function calendarRoutes(deps: RouteDeps, rounds: RoundsService) {
  const { storage, docs } = deps;
  const app = new Hono<AuthEnv>();

  app.get('/:ws/calendar/:year', async (c) => {
    const ws = c.req.param('ws');
    assertCan(c.get('principal'), 'read', { workspace: ws });
    if (!(await storage.getWorkspace(ws))) throw workspaceNotFound(ws);
    const yearText = c.req.param('year');
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year < 1900 || year > 2200) {
      throw new AppError(400, 'bad-year', `"${yearText}" is not a year; give four digits, e.g. 2025.`, {
        message: { sv: `"${yearText}" är inget år; ange fyra siffror, t.ex. 2025.`, en: `"${yearText}" is not a year; give four digits, e.g. 2025.` },
      });
    }
    const written = c.req.query('unit');
    // By code or name, as the indicator filters; one that names nothing is a 400 with the closest
    // names, not an empty year echoing what was typed (an identity number too).
    const unit = written ? (resolveIndicatorFilter({ indicator: [], unit: [written], period: [], kon: [] }, { definitions: new Map(), rows: [] }, await storage.listUnits(ws)).units?.[0] ?? null) : null;
    const records = (await storage.listDocs(ws)).filter((r) => r.kind === 'activity-plan' && !r.archivedAt && (unit === null || r.ownerUnit === unit));
    const plans: CalendarDoc[] = [];
    for (const rec of records) {
      const rows = await docs.read({ workspace: ws, doc: rec.doc }, (doc) => rowsOf(doc).map((r) => ({ id: r.id, values: { ...r.values } })));
      plans.push({ doc: rec.doc, kind: rec.kind, ownerUnit: rec.ownerUnit, rows });
    }
    const state = await rounds.store.state(ws);
    return c.json({ year, unit, months: yearCalendar(year, plans, [...state.rounds.values()]) });
  });

  return app;
}
