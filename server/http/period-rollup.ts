/**
 * The county roll-up over any period, not only a round's:
 *
 * - `GET /:ws/rollup?period=2025` (or `2025S1`, `2025Q2`, `202503`; `2025 kv 2` and other written
 *   forms are read too) rolls up the clinics (every active unit below the top, `reportingUnitsOf`) over the period:
 *   activities ending in it, FaR, and indicators against target (`shared/rounds/rollup.ts`;
 *   counts pro rata over the year to date). `indicators=a,b` picks the indicators; without it,
 *   every catalog indicator with a value (kön T) in the period, in catalog order.
 * - `GET /:ws/rounds/:round/rollup?period=2025` rolls a round's indicators and units up over
 *   another period (the whole year of a quarterly round, say).
 *
 * Both answer JSON or, with `format=csv` (`table=activities|far|indicators`, `sep=semicolon`),
 * CSV for Power Query. A unit owning a document whose stored history is damaged is left out, and
 * the answer says so (`round-unreadable.ts`). A period that is not one is 400 `bad-period` with a sentence in Swedish and
 * English (`details.message`).
 */
import { Hono } from 'hono';
import { parsePeriod, periodContains } from '../../shared/catalog/period.js';
import { observationOf } from '../../shared/indicators/table.js';
import { PERIOD_SPELLINGS, PERIOD_WORDS_IN_SWEDISH } from '../../shared/i18n/period-refusals.js';
import { periodOrWords } from '../../shared/normalize/period-refusal.js';
import { periodRollup, type PeriodRollup } from '../../shared/rounds/rollup.js';
import { unitLevels } from '../../shared/rounds/levels.js';
import type { RoundDocInput } from '../../shared/rounds/completeness.js';
import { reportingUnits, requireRound, RoundError, type RoundsService } from '../rounds/rounds-service.js';
import { assertCan } from './access.js';
import type { AuthEnv, RouteDeps } from './context.js';
import { AppError, validationHook, workspaceNotFound } from './errors.js';
import { periodRollupQuerySchema } from './rounds-queries.js';
import { approvedUnitsOf, loadRoundData, type RoundData } from './round-data.js';
import { indicatorNames } from './rounds.js';
import { roundTablesCsv, unitNamesOf } from './round-tables.js';
import { rollupUnits, sayUnreadable, type LeftOut } from './round-unreadable.js';
import { pickIndicators, roundIndicatorsAsked } from './round-indicator-filter.js';

/**
 * The stored period code of a `period` query (`readPeriod`: codes and words), or a 400 with words.
 * The English sentence suggests the spellings the Swedish one does, the pane's words in both
 * languages, since a Swedish person reads the English sentence of a tool such as Power Query.
 * @throws AppError 400 `bad-period` when it is missing or no period: `details.message` says why
 *   in Swedish and English (a day, a slashed date read two ways, a week; `periodOrWords`)
 */
export function periodParam(text: string | undefined): string {
  if (text === undefined) {
    throw new AppError(400, 'bad-period', `Give a period in ?period=, e.g. ${PERIOD_SPELLINGS.en} (or in Swedish: ${PERIOD_WORDS_IN_SWEDISH}).`, {
      message: { sv: `Ange en period, t.ex. ${PERIOD_SPELLINGS.sv}.`, en: `Give a period, e.g. ${PERIOD_SPELLINGS.en}.` },
    });
  }
  const read = periodOrWords(text);
  if ('code' in read) return read.code;
  throw new AppError(400, 'bad-period', `${read.words.en.slice(0, -1)} (or in Swedish: ${PERIOD_WORDS_IN_SWEDISH}).`, { message: read.words });
}

/** Catalog indicators (in catalog order) with a value, kön T, of `units` within `period`. */
export function indicatorsWithValues(period: string, docs: readonly RoundDocInput[], units: ReadonlySet<string>, catalog: readonly string[]): string[] {
  const outer = parsePeriod(period);
  const seen = new Set<string>();
  for (const doc of outer ? docs : []) {
    if (doc.kind !== 'indicator-values') continue;
    for (const row of doc.rows) {
      const o = observationOf(row.values as Parameters<typeof observationOf>[0]);
      if (!o || o.kon !== 'T' || !units.has(o.unit) || (o.value === null && o.numerator === null)) continue;
      const p = parsePeriod(o.period);
      if (p && periodContains(outer!, p)) seen.add(o.indicator);
    }
  }
  return catalog.filter((id) => seen.has(id));
}

const listParam = (text: string | undefined): string[] | null =>
  text === undefined ? null : text.split(',').map((s) => s.trim()).filter((s) => s !== '');

/**
 * The asked indicators, or 400 `unknown-indicator` naming those neither the catalog defines nor any
 * indicator-values row holds: a typing slip is said, not answered with a row of empty values per
 * unit that repeats whatever was typed (into a CSV file, too).
 */
function knownIndicators(asked: readonly string[], data: RoundData): string[] {
  const held = new Set<string>();
  for (const doc of data.docs) {
    if (doc.kind !== 'indicator-values') continue;
    for (const row of doc.rows) if (typeof row.values.indicator === 'string') held.add(row.values.indicator);
  }
  const unknown = asked.filter((id) => !data.definitions.has(id) && !held.has(id));
  if (unknown.length === 0) return [...asked];
  const list = unknown.map((id) => `"${id}"`).join(', ');
  throw new AppError(400, 'unknown-indicator', `The workspace has no indicator ${list}.`, {
    message: { sv: `Arbetsytan har ingen indikator ${list}.`, en: `The workspace has no indicator ${list}.` },
  });
}

/** The period roll-up routes (mounted at `/v1/workspaces`). */
export function periodRollupRoutes(deps: RouteDeps, rounds: RoundsService) {
  const { storage, docs } = deps;
  const app = new Hono<AuthEnv>();

  const workspaceOf = async (c: { get(key: 'principal'): Parameters<typeof assertCan>[0] }, ws: string) => {
    assertCan(c.get('principal'), 'read', { workspace: ws });
    if (!(await storage.getWorkspace(ws))) throw workspaceNotFound(ws);
    return ws;
  };

  /** The query, validated like the round routes' (`format`, `table`, `sep`): a 400 with the issues, never ignored. */
  const queryOf = (c: { req: { query(): Record<string, string> } }) => {
    const query = c.req.query();
    const parsed = periodRollupQuerySchema.safeParse(query);
    validationHook({ ...parsed, data: query });
    return parsed.data as NonNullable<typeof parsed.data>;
  };

  /**
   * JSON with the indicators' and units' names (as the round routes give them), or one table as CSV;
   * `interim`: the table is of an interim round's own period (its figures are of part of it).
   */
  const answer = <R extends PeriodRollup>(c: Parameters<typeof roundTablesCsv>[0], q: ReturnType<typeof queryOf>, result: R, data: RoundData, leftOut: LeftOut | null, base: string, interim = false) => {
    sayUnreadable(c, data.unreadable, leftOut);
    if (q.format === 'csv') return roundTablesCsv(c, q.table ?? 'activities', null, result, q.sep, data.units, { base, unreadable: data.unreadable, interim });
    const names = indicatorNames([...new Set(result.indicators.map((r) => r.indicator))], data.definitions);
    return c.json({ ...result, names, unitNames: Object.fromEntries(unitNamesOf(data.units)), unreadable: data.unreadable, leftOut });
  };

  app.get('/:ws/rollup', async (c) => {
    const ws = await workspaceOf(c, c.req.param('ws'));
    const q = queryOf(c);
    const period = periodParam(q.period);
    const data = await loadRoundData(storage, docs, ws, { keepUnreadable: true });
    const { units, leftOut } = rollupUnits(reportingUnits({ units: [] }, data.units, data.owned), data);
    const asked = listParam(q.indicators);
    const indicators = asked ? knownIndicators(asked, data) : indicatorsWithValues(period, data.docs, new Set(units), [...data.definitions.keys()]);
    return answer(c, q, periodRollup({ scope: { period, indicators, activities: true }, units, docs: data.docs, definitions: data.definitions }), data, leftOut, `${ws}-${period}`);
  });

  app.get('/:ws/rounds/:round/rollup', async (c, next) => {
    if (c.req.query('period') === undefined) return next();
    const ws = await workspaceOf(c, c.req.param('ws'));
    const q = queryOf(c);
    const period = periodParam(q.period);
    const state = await rounds.store.state(ws);
    let round;
    try {
      round = requireRound(state, c.req.param('round'));
    } catch (e) {
      if (e instanceof RoundError) throw new AppError(e.status, e.code, e.localized.en, { message: e.localized });
      throw e;
    }
    const asked = roundIndicatorsAsked(q.indicators, round);
    const data = await loadRoundData(storage, docs, ws, { approvedUnits: approvedUnitsOf(state, round.id), keepUnreadable: true });
    const { units, leftOut } = rollupUnits(reportingUnits(round, data.units, data.owned, state), data);
    return answer(c, q, pickIndicators({ round, ...periodRollup({ scope: { ...round, period }, units, docs: data.docs, definitions: data.definitions, levels: unitLevels(data.units) }) }, asked), data, leftOut, `${ws}-${round.id}-${period}`, round.interim === true && period === round.period);
  });

  return app;
}
