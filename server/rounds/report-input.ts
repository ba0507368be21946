/**
 * Everything the styrgrupp report of a round shows, computed from a workspace's live documents
 * and its rounds: completeness, the roll-up, the maturity placements, a trend per indicator
 * (the scope's values per period of the round's kind within its year, aggregated by the
 * indicator rules), and the årshjul of the round's year. The HTML is `shared/rounds/report-html.ts`.
 */
import { formatPeriod, parsePeriod, periodContains, type Period } from '../../shared/catalog/period.js';
import { aggregate, type Observation } from '../../shared/indicators/compute.js';
import type { TrendPoint } from '../../shared/indicators/chart-svg.js';
import { observationOf } from '../../shared/indicators/table.js';
import { roundCompleteness } from '../../shared/rounds/completeness.js';
import type { RoundDef } from '../../shared/rounds/model.js';
import type { ReportInput } from '../../shared/rounds/report-html.js';
import { roundRollup } from '../../shared/rounds/rollup.js';
import { yearCalendar } from '../../shared/rounds/year-calendar.js';
import type { RoundData } from '../http/round-data.js';
import { roundMessage, roundWords } from '../../shared/i18n/round-messages.js';
import { reportingUnits, requireRound, RoundError, unitNameOf, type RoundsService } from './rounds-service.js';

/** The periods of `round`'s kind in its year, up to and including the round's period. */
function trendPeriods(round: Period): Period[] {
  const count = { year: 1, half: 2, quarter: 4, month: 12 }[round.kind];
  const out: Period[] = [];
  for (let i = 1; i <= count; i++) {
    const p: Period = { kind: round.kind, year: round.year, index: i };
    if (round.kind === 'year') {
      for (let y = round.year - 4; y <= round.year; y++) out.push({ kind: 'year', year: y, index: 1 });
      break;
    }
    out.push(p);
    if (i === round.index) break;
  }
  return out;
}

function trends(round: RoundDef, data: RoundData, units: ReadonlySet<string>): Map<string, TrendPoint[]> {
  const outer = parsePeriod(round.period);
  const out = new Map<string, TrendPoint[]>();
  if (!outer) return out;
  const obs: Observation[] = [];
  for (const doc of data.docs) {
    if (doc.kind !== 'indicator-values') continue;
    for (const row of doc.rows) {
      const o = observationOf(row.values as Parameters<typeof observationOf>[0]);
      if (o && o.kon === 'T' && units.has(o.unit) && round.indicators.includes(o.indicator)) obs.push(o);
    }
  }
  const periods = trendPeriods(outer);
  for (const id of round.indicators) {
    const def = data.definitions.get(id);
    const mine = obs.filter((o) => o.indicator === id);
    out.set(
      id,
      periods.map((p) => {
        const inside = mine.filter((o) => {
          const q = parsePeriod(o.period);
          return q !== null && periodContains(p, q);
        });
        return { period: formatPeriod(p), value: aggregate(inside, def?.measure ?? 'level', def?.factor ?? 1).value };
      }),
    );
  }
  return out;
}

/**
 * Build the report of `roundId` for `scope` (a unit, or null for the county).
 * Throws {@link RoundError} for an unknown round or a unit that does not report in it.
 */
export async function buildReportInput(input: { rounds: RoundsService; workspace: string; roundId: string; scope: string | null; lang: 'sv' | 'en'; data: RoundData; now: Date }): Promise<ReportInput> {
  const { rounds, data } = input;
  const state = await rounds.store.state(input.workspace);
  const round = requireRound(state, input.roundId);
  const units = reportingUnits(round, data.units);
  if (input.scope !== null && !units.includes(input.scope)) {
    throw new RoundError(404, 'round-unit', roundMessage('round-unit', { unit: unitNameOf(data.units, input.scope), round: roundWords(round) }));
  }
  const stored = new Map(units.flatMap((u) => {
    const s = rounds.stored(state, round.id, u);
    return s ? [[u, s] as const] : [];
  }));
  const today = input.now.toISOString().slice(0, 10);
  const completeness = roundCompleteness({ round, units, docs: data.docs, stored, today });
  const rollup = roundRollup({ round, units, docs: data.docs, definitions: data.definitions });
  const scopeUnits = new Set(input.scope === null ? units : [input.scope]);
  const year = Number(round.period.slice(0, 4));
  const calendarDocs = data.docs.filter((d) => d.kind === 'activity-plan' && scopeUnits.has(d.ownerUnit));
  return {
    lang: input.lang,
    scope: input.scope,
    unitNames: new Map(data.units.map((u) => [u.code, u.name])),
    completeness,
    rollup,
    maturity: state.maturity.get(round.id) ?? [],
    definitions: data.definitions,
    trends: trends(round, data, scopeUnits),
    calendar: yearCalendar(year, calendarDocs, [...state.rounds.values()]),
    year,
    generatedAt: input.now.toISOString(),
  };
}
