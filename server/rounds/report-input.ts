/**
 * Everything the styrgrupp report of a round shows, computed from a workspace's live documents
 * and its rounds: completeness, the roll-up, the maturity placements, a trend per indicator
 * (`report-trends.ts`: the scope's values per period of the round's kind within its year, by the
 * pane's chart rules), and the årshjul of the round's year. The HTML is `shared/rounds/report-html.ts`.
 *
 * A document whose stored history is damaged, left out of `data` (`loadRoundData`'s
 * `keepUnreadable`), is treated as the round's tables treat it (`http/round-unreadable.ts`):
 * completeness marks its unit `olasbar`, the roll-up and the trends leave that unit out and say
 * so, and the report names the document. One clinic's damaged plan answered the whole report 500.
 */
import { roundCompleteness } from '../../shared/rounds/completeness.js';
import type { ReportInput } from '../../shared/rounds/report-html.js';
import { roundRollup } from '../../shared/rounds/rollup.js';
import { unitLevels } from '../../shared/rounds/levels.js';
import { yearCalendar } from '../../shared/rounds/year-calendar.js';
import type { RoundData } from '../http/round-data.js';
import { roundMessage, roundWords } from '../../shared/i18n/round-messages.js';
import type { UnreadableDoc } from '../../shared/rounds/unreadable.js';
import { rollupUnits } from '../http/round-unreadable.js';
import { refLookup } from '../../shared/normalize/ref-lookup.js';
import { unitEntries } from '../../shared/normalize/ref-entries.js';
import { swedishDate } from '../../shared/i18n/swedish-time.js';
import { reportTrends } from './report-trends.js';
import { reportingUnits, requireRound, RoundError, unitNameOf, type RoundsService } from './rounds-service.js';

/**
 * Build the report of `roundId` for `scope`: a unit by its code or its name as the workspace
 * spells it (any case and spacing, `Tensta vårdcentral`, as the indicator table's `unit` filter
 * reads it), or null for the county. The answer's `scope` is the unit's code.
 * Throws {@link RoundError} for an unknown round or a unit that does not report in it.
 */
export async function buildReportInput(input: { rounds: RoundsService; workspace: string; roundId: string; scope: string | null; lang: 'sv' | 'en'; data: RoundData; now: Date }): Promise<ReportInput> {
  const { rounds, data } = input;
  const state = await rounds.store.state(input.workspace);
  const round = requireRound(state, input.roundId);
  const units = reportingUnits(round, data.units, data.owned, state);
  const scope = input.scope === null || units.includes(input.scope) ? input.scope : (refLookup(unitEntries(data.units)).idOf(input.scope) ?? input.scope);
  if (scope !== null && !units.includes(scope)) {
    throw new RoundError(404, 'round-unit', roundMessage('round-unit', { unit: unitNameOf(data.units, scope), round: roundWords(round) }));
  }
  const stored = new Map(units.flatMap((u) => {
    const s = rounds.stored(state, round.id, u);
    return s ? [[u, s] as const] : [];
  }));
  const today = swedishDate(input.now.toISOString());
  const closure = state.closures.get(round.id);
  const completeness = roundCompleteness({ round, units, docs: data.docs, stored, today, levels: unitLevels(data.units), closed: closure?.closed === true, unreadable: data.unreadable });
  // A unit with a document unread is left out of the sums and the charts, not counted half read.
  const { units: rolled, leftOut } = rollupUnits(units, data);
  const rollup = roundRollup({ round, units: rolled, docs: data.docs, definitions: data.definitions, levels: unitLevels(data.units) });
  const scopeUnits = new Set(scope === null ? units : [scope]);
  const readUnits = new Set([...scopeUnits].filter((u) => !leftOut?.units.includes(u)));
  const year = Number(round.period.slice(0, 4));
  const calendarDocs = data.docs.filter((d) => d.kind === 'activity-plan' && scopeUnits.has(d.ownerUnit));
  return {
    lang: input.lang,
    scope,
    unitNames: new Map(data.units.map((u) => [u.code, u.name])),
    completeness,
    rollup,
    maturity: state.maturity.get(round.id) ?? [],
    definitions: data.definitions,
    trends: reportTrends(round, data, readUnits, input.lang),
    calendar: yearCalendar(year, calendarDocs, [...state.rounds.values()]),
    year,
    generatedAt: input.now.toISOString(),
    closed: closure?.closed ? { at: closure.at, reason: closure.reason } : null,
    unreadable: unreadableIn(data.unreadable, scope, units),
    leftOut: leftOut && (scope === null || leftOut.units.includes(scope)) ? leftOut.message : null,
  };
}

/**
 * The unread documents a report for `scope` names: all of them for the county; for a unit, its own
 * and those owned by no reporting unit (a region's catalog or values, read for every unit), not
 * another clinic's plan, which changes nothing in this unit's figures.
 */
function unreadableIn(unreadable: readonly UnreadableDoc[], scope: string | null, units: readonly string[]): UnreadableDoc[] {
  if (scope === null) return [...unreadable];
  return unreadable.filter((d) => d.ownerUnit === scope || !units.includes(d.ownerUnit));
}
