/**
 * `/v1/workspaces/:ws/rounds`: follow-up rounds.
 *
 * - `GET  /:ws/rounds` the rounds, each with its units' statuses;
 * - `POST /:ws/rounds` define one (coordinators, admins; 201; 409 when the id is taken, and 409
 *   `round-due-in-period` with `details.confirm: 'interim'` for a due date inside the period
 *   until the body confirms it with `interim: true`);
 * - `GET  /:ws/rounds/:round` one round, its units' statuses and transitions, its maturity placements
 *   and `names` (member id → name of those who moved or placed);
 * - `POST /:ws/rounds/:round/units/:unit/:action` `submit`, `approve`, `return`, `reopen`
 *   (`{ reason }` for the last two); 403/409/400 with a sentence in both languages;
 * - `GET  /:ws/rounds/:round/completeness` and `/rollup` (JSON, or `format=csv` for Power Query);
 *   the JSON also names the round's indicators (`names`: id → `{ name, unitOfMeasure }`, from
 *   the catalog) so a pulled table shows names, not codes; a document whose stored history is
 *   damaged does not fail them: completeness marks its unit `olasbar`, the roll-up leaves the
 *   unit out, and both say so (`round-unreadable.ts`);
 * - `POST /:ws/rounds/:round/close` closes the whole round (coordinators, admins): no unit submits
 *   or changes its figures in it after; `POST /:ws/rounds/:round/reopen` reopens it (the undo);
 *   body `{ reason? }` (strict; kept in the closure and its history); 403/409 with a sentence in
 *   both languages; answers `{ closure }`;
 * - `POST /:ws/rounds/:round/maturity` `{ level: '1'…'4', comment }` places the county;
 * - `GET  /:ws/rounds/:round/report?unit=&lang=en&format=pdf` the styrgrupp report, printable HTML
 *   (the county when `unit` is unset; Swedish unless `lang=en`), or with `format=pdf` the same
 *   page printed to A4 by Chromium as `samplan report --pdf` does (`server/print/pdf.ts`); 501
 *   with the sentence saying what to install when the server has no Chromium. A document whose
 *   stored history is damaged does not fail it: the report names it, marks its unit and leaves the
 *   unit out of the sums, as the tables do; `X-Samplan-Unreadable` names it too, and the log.
 *
 * Refusals carry `details.message` `{ sv, en }`; the top-level message is the English one.
 */
import { zValidator } from '@hono/zod-validator';
import { swedishDate } from '../../shared/i18n/swedish-time.js';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { roundCompleteness } from '../../shared/rounds/completeness.js';
import { problemsLeftWords } from '../../shared/i18n/round-problems-words.js';
import { ROUND_ACTIONS, ROUND_CLOSURE_ACTIONS, closureBodySchema, placementBodySchema, roundDefSchema, roundIdSchema, transitionBodySchema, type RoundAction } from '../../shared/rounds/model.js';
import { roundRollup } from '../../shared/rounds/rollup.js';
import type { IndicatorDefinition } from '../../shared/indicators/definitions.js';
import { roundIndicators, unitLevels } from '../../shared/rounds/levels.js';
import type { Principal } from '../auth/principal.js';
import { reportingUnits, requireRound, RoundError, type RoundPrincipal, type RoundsService } from '../rounds/rounds-service.js';
import { assertCan } from './access.js';
import type { AuthEnv, RouteDeps } from './context.js';
import { AppError, notFound, validationHook, workspaceNotFound } from './errors.js';
import { approvedUnitsOf, loadRoundData } from './round-data.js';
import { rollupUnits, sayUnreadable, withCatalogsRead } from './round-unreadable.js';
import { roundTablesCsv, unitNamesOf } from './round-tables.js';
import { resolveRoundIndicators } from './round-indicators.js';
import { roundsSummary } from './rounds-events.js';
import { reportQuerySchema, rollupQuerySchema, roundTableQuerySchema } from './rounds-queries.js';
import { pickIndicators, roundIndicatorsAsked } from './round-indicator-filter.js';
import { reportHtml } from '../../shared/rounds/report-html.js';
import { buildReportInput } from '../rounds/report-input.js';

/** The round's indicators by name and unit of measure, as the catalog defines them (absent when it does not). */
export function indicatorNames(ids: readonly string[], definitions: ReadonlyMap<string, IndicatorDefinition>): Record<string, { name: string; unitOfMeasure: string | null }> {
  const out: Record<string, { name: string; unitOfMeasure: string | null }> = {};
  for (const id of ids) {
    const def = definitions.get(id);
    if (def) out[id] = { name: def.name, unitOfMeasure: def.unitOfMeasure ?? null };
  }
  return out;
}

function actorOf(p: Principal): RoundPrincipal {
  return { workspace: p.workspace, memberId: p.memberId, role: p.role, units: p.units };
}

/** Run `fn`, turning a {@link RoundError} into the API's error answer. */
async function answering<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof RoundError) throw new AppError(e.status, e.code, e.localized.en, { ...e.details, message: e.localized });
    throw e;
  }
}

/** Today as the coordinators' calendar has it (Europe/Stockholm): a round due on the 15th is overdue from 00:00 Swedish time on the 16th, not from 01:00 or 02:00 when UTC's day turns. */
const isoDay = (d: Date): string => swedishDate(d.toISOString());

/**
 * The check of a round id in a REST path (`…/rounds/:round` and below): an id of another shape
 * than every door takes ({@link roundIdSchema}: `2025 kv 2`, `2025-KV-2`) is 400 `invalid-request`
 * naming the `round` and the shape, in the words of any other field, not a 404 that says nothing
 * of why. Mounted once for every router under `/v1/workspaces` (`app.ts`).
 */
export const roundIdParam = zValidator('param', z.object({ round: roundIdSchema }), validationHook);

/** The round routes (mounted at `/v1/workspaces`). */
export function roundRoutes(deps: RouteDeps, rounds: RoundsService) {
  const { storage, docs, clock } = deps;
  const app = new Hono<AuthEnv>();

  const workspaceOf = async (p: Principal, ws: string) => {
    assertCan(p, 'read', { workspace: ws });
    if (!(await storage.getWorkspace(ws))) throw workspaceNotFound(ws);
    return ws;
  };

  /** A round, the workspace's documents and the round's reporting units; `keepUnreadable`: a damaged document is left out and named, not thrown. */
  const roundData = async (ws: string, asked: string, keepUnreadable = false) => {
    const state = await rounds.store.state(ws);
    const round = await answering(async () => requireRound(state, asked));
    const data = await loadRoundData(storage, docs, ws, { approvedUnits: approvedUnitsOf(state, round.id), changeTimes: true, keepUnreadable });
    return { state, round, data, units: reportingUnits(round, data.units, data.owned, state) };
  };

  /** Completeness of one round, computed from the live documents. */
  const completenessOf = async (ws: string, asked: string, keepUnreadable = false) => {
    const { state, round, data, units } = await roundData(ws, asked, keepUnreadable);
    // Keyed by the round's id, not by the id as asked (`2025q4` for `2025-kv-4`: `requireRound`).
    const id = round.id;
    const stored = new Map(units.flatMap((u) => {
      const s = rounds.stored(state, id, u);
      return s ? [[u, s] as const] : [];
    }));
    const closure = state.closures.get(id);
    const closed = closure?.closed ? { by: closure.by, at: closure.at, reason: closure.reason } : null;
    return { round, data, units, closed, result: roundCompleteness({ round, units, docs: data.docs, stored, today: isoDay(clock()), levels: unitLevels(data.units), closed: closed !== null, unreadable: data.unreadable }) };
  };

  app.get('/:ws/rounds', async (c) => {
    const ws = await workspaceOf(c.get('principal'), c.req.param('ws'));
    return c.json(roundsSummary(await rounds.store.state(ws)));
  });

  app.post('/:ws/rounds', zValidator('json', roundDefSchema, validationHook), async (c) => {
    const p = c.get('principal');
    await workspaceOf(p, c.req.param('ws'));
    const ws = c.req.param('ws');
    // Indicators by name as the CLI takes them; an id or name the workspace does not know is 400.
    const def = await answering(() => rounds.create(actorOf(p), c.req.valid('json'), async (d) => resolveRoundIndicators(d, withCatalogsRead(await loadRoundData(storage, docs, ws, { keepUnreadable: true })))));
    return c.json({ round: def }, 201);
  });

  app.get('/:ws/rounds/:round', async (c) => {
    const ws = await workspaceOf(c.get('principal'), c.req.param('ws'));
    const state = await rounds.store.state(ws);
    const round = await answering(async () => requireRound(state, c.req.param('round')));
    const id = round.id;
    const units = [...state.units.values()].filter((u) => u.round === id);
    const maturity = state.maturity.get(id) ?? [];
    // Who moved or placed, by name, as History names authors to every reader.
    const ids = new Set([...maturity.map((m) => m.by), ...units.flatMap((u) => u.history.map((h) => h.by))]);
    const names = Object.fromEntries((await storage.listMembers(ws)).filter((m) => ids.has(m.id)).map((m) => [m.id, m.name]));
    return c.json({ round, units, maturity, names, closure: state.closures.get(id) ?? null });
  });

  for (const action of ROUND_CLOSURE_ACTIONS) {
    app.post(`/:ws/rounds/:round/${action}`, zValidator('json', closureBodySchema, validationHook), async (c) => {
      const p = c.get('principal');
      await workspaceOf(p, c.req.param('ws'));
      const closure = await answering(() => rounds.setClosed(actorOf(p), c.req.param('round'), action, c.req.valid('json').reason));
      return c.json({ closure });
    });
  }

  app.post('/:ws/rounds/:round/units/:unit/:action', zValidator('json', transitionBodySchema, validationHook), async (c) => {
    const p = c.get('principal');
    const ws = await workspaceOf(p, c.req.param('ws'));
    const action = c.req.param('action');
    if (!(ROUND_ACTIONS as readonly string[]).includes(action)) {
      throw notFound('round-action', {
        sv: `Det finns ingen åtgärd "${action}"; använd submit (skicka in), approve (godkänn), return (skicka tillbaka) eller reopen (öppna för ändring).`,
        en: `There is no action "${action}"; use submit, approve, return or reopen.`,
      });
    }
    const id = c.req.param('round');
    const unit = c.req.param('unit');
    // The status the data gives (ej påbörjad or pågår) only matters before the first transition.
    const { result: completeness, data } = await completenessOf(ws, id, true);
    // A move of a unit whose document cannot be read would judge figures half read; another unit moves as usual.
    const damaged = completeness.units.find((u) => u.unit === unit)?.unreadable[0];
    // Refused as every write meeting a damaged document is (409, `handleError`): nothing is written.
    if (damaged) throw new AppError(409, 'document-damaged', damaged.message, { document: damaged.doc });
    const derived = completeness.units.find((u) => u.unit === unit)?.status;
    // The documents as the completeness read them, with the units their rows report for: the same rule of ended units (`endedUnits`).
    const result = await answering(() =>
      rounds.transition(actorOf(p), { round: id, unit, action: action as RoundAction, reason: c.req.valid('json').reason, owned: data.owned, ...(derived ? { derived } : {}) }),
    );
    // Submitted or approved with errors left in its rows: allowed, never without a word (`round-problems-words.ts`).
    const left = completeness.units.find((u) => u.unit === unit);
    if ((action === 'submit' || action === 'approve') && left && left.problems > 0) {
      const name = data.units.find((u) => u.code === unit)?.name ?? unit;
      const warning = { code: 'round-problems-left', errors: left.problems, documents: left.problemDocs, message: problemsLeftWords(name, left.problems, left.problemDocs, action) };
      return c.json({ unit: result, warning });
    }
    return c.json({ unit: result });
  });

  app.post('/:ws/rounds/:round/maturity', zValidator('json', placementBodySchema, validationHook), async (c) => {
    const p = c.get('principal');
    await workspaceOf(p, c.req.param('ws'));
    const body = c.req.valid('json');
    const placements = await answering(() => rounds.place(actorOf(p), c.req.param('round'), body.level, body.comment));
    return c.json({ maturity: placements });
  });

  app.get('/:ws/rounds/:round/completeness', zValidator('query', roundTableQuerySchema, validationHook), async (c) => {
    const ws = await workspaceOf(c.get('principal'), c.req.param('ws'));
    const { result, data, closed } = await completenessOf(ws, c.req.param('round'), true);
    const q = c.req.valid('query');
    sayUnreadable(c, data.unreadable);
    if (q.format === 'csv') return roundTablesCsv(c, 'completeness', result, null, q.sep, data.units, { base: `${ws}-${result.round.id}`, unreadable: data.unreadable, interim: result.round.interim });
    return c.json({ ...result, names: indicatorNames(roundIndicators(result.round), data.definitions), unitNames: Object.fromEntries(unitNamesOf(data.units)), closed });
  });

  app.get('/:ws/rounds/:round/rollup', zValidator('query', rollupQuerySchema, validationHook), async (c) => {
    const ws = await workspaceOf(c.get('principal'), c.req.param('ws'));
    const { round, data, units: all } = await roundData(ws, c.req.param('round'), true);
    const q = c.req.valid('query');
    const asked = roundIndicatorsAsked(q.indicators, round);
    const { units, leftOut } = rollupUnits(all, data);
    const result = pickIndicators(roundRollup({ round, units, docs: data.docs, definitions: data.definitions, levels: unitLevels(data.units) }), asked);
    sayUnreadable(c, data.unreadable, leftOut);
    if (q.format === 'csv') return roundTablesCsv(c, q.table ?? 'activities', null, result, q.sep, data.units, { base: `${ws}-${round.id}`, unreadable: data.unreadable, interim: round.interim });
    const names = indicatorNames(roundIndicators(round).filter((id) => asked?.has(id) ?? true), data.definitions);
    return c.json({ ...result, names, unitNames: Object.fromEntries(unitNamesOf(data.units)), unreadable: data.unreadable, leftOut });
  });

  app.get('/:ws/rounds/:round/report', zValidator('query', reportQuerySchema, validationHook), async (c) => {
    const ws = await workspaceOf(c.get('principal'), c.req.param('ws'));
    const state = await rounds.store.state(ws);
    // The round as the id asked names it (`requireRound`): its approved units are keyed by its own id.
    const id = (await answering(async () => requireRound(state, c.req.param('round')))).id;
    const data = await loadRoundData(storage, docs, ws, { approvedUnits: approvedUnitsOf(state, id), keepUnreadable: true });
    const q = c.req.valid('query');
    sayUnreadable(c, data.unreadable);
    for (const d of data.unreadable) deps.logger.warn({ code: d.code ?? 'document-damaged', workspace: ws, doc: d.doc, round: id }, 'a document of the round could not be read; the report names it and leaves it out');
    const input = await answering(() => buildReportInput({ rounds, workspace: ws, roundId: id, scope: q.unit ?? null, lang: q.lang ?? 'sv', data, now: clock() }));
    const html = reportHtml(input);
    if (q.format === 'pdf') return reportPdf(c, html, `styrgrupp-${id}${input.scope ? `-${input.scope}` : ''}.pdf`);
    c.header('Content-Security-Policy', REPORT_CSP);
    return c.html(html);
  });

  return app;
}

/**
 * Answer with `html` printed to PDF (`application/pdf`), or 501 with a sentence when the server
 * has no Chromium to print with, or 503 `pdf-busy` (Retry-After) when too many prints wait
 * already (`print/pdf.ts`): never the HTML under a PDF's name.
 */
async function reportPdf(c: Context, html: string, filename: string): Promise<Response> {
  const { htmlToPdf, isBrowserMissing, isPrintBusy } = await import('../print/pdf.js');
  let pdf: Uint8Array;
  try {
    pdf = await htmlToPdf(html);
  } catch (e) {
    if (isBrowserMissing(e)) {
      throw new AppError(501, 'pdf-unavailable', `This server cannot print PDF reports: ${e.message}. The HTML report (without format=pdf) prints to PDF from any browser.`, {
        message: {
          sv: 'Den här servern kan inte skriva ut rapporter som PDF. HTML-rapporten (utan format=pdf) kan skrivas ut till PDF från vilken webbläsare som helst.',
          en: `This server cannot print PDF reports: ${e.message}. The HTML report (without format=pdf) prints to PDF from any browser.`,
        },
      });
    }
    if (isPrintBusy(e)) {
      c.header('Retry-After', '5');
      throw new AppError(503, 'pdf-busy', `The server is busy printing PDF reports: ${e.message}.`, {
        message: { sv: 'Servern skriver ut andra rapporter just nu. Försök igen om några sekunder.', en: 'The server is printing other reports right now. Try again in a few seconds.' },
      });
    }
    throw e;
  }
  c.header('Content-Type', 'application/pdf');
  c.header('Content-Disposition', `inline; filename="${filename.replace(/[^\w.-]/g, '_')}"`);
  c.header('Cache-Control', 'no-store');
  return c.body(pdf as Uint8Array<ArrayBuffer>);
}

/** The report is one self-contained page: inline styles and SVG, nothing loaded, no scripts. */
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
