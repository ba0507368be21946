/**
 * Unit levels and what each level reports in a round. A workspace's units form a tree (region →
 * clinics; län → kommuner); a unit's level is its depth, 1 for the top unit, 2 for the units
 * below it, and so on. A round lists the indicators every level reports (`indicators`) and may
 * give a level its own list (`levels`); a round without `levels` is one list for every level,
 * as rounds were before levels existed.
 */
import type { RoundDef } from './model.js';

/** A unit as the level rule reads it. */
export interface UnitNode {
  code: string;
  parent: string | null;
}

/**
 * Each unit's level: 1 for a unit without a parent, one more than its parent's otherwise. A unit
 * whose parent is unknown counts as a top unit; a cycle (refused elsewhere) stops at 10.
 * @returns unit code → level (1–10)
 */
export function unitLevels(units: readonly UnitNode[]): Map<string, number> {
  const parentOf = new Map(units.map((u) => [u.code, u.parent]));
  const out = new Map<string, number>();
  for (const u of units) {
    let level = 1;
    let at = u.parent;
    while (at !== null && parentOf.has(at) && level < 10) {
      level++;
      at = parentOf.get(at) ?? null;
    }
    out.set(u.code, level);
  }
  return out;
}

/** The indicators a unit of `level` reports in `round`: its level's own list, else the round's. */
export function indicatorsForLevel(round: Pick<RoundDef, 'indicators' | 'levels'>, level: number | null): string[] {
  const own = level === null ? undefined : round.levels?.find((l) => l.level === level);
  return own ? own.indicators : round.indicators;
}

/** Every indicator the round asks for at any level, the round's list first, each once. */
export function roundIndicators(round: Pick<RoundDef, 'indicators' | 'levels'>): string[] {
  return [...new Set([...round.indicators, ...(round.levels ?? []).flatMap((l) => l.indicators)])];
}

/**
 * A document as the rule of active units reads it: its owner, whether it is archived, and the
 * units its rows report for (`reportsFor`: the `unit` of an indicator-values row; a clinic's
 * values kept in the region's shared document, as in the demo), when they were read.
 */
export interface OwnedDoc {
  ownerUnit: string;
  archivedAt?: string | null;
  reportsFor?: readonly string[];
}

/**
 * The units that have ended: each owns at least one document, every document it owns is
 * archived (read-only history, README "Documents with a life"), as the demo's KIM clinics of
 * 2013–2015 (seed 000), whose plans are kept archived, and no live document has a row reporting
 * for it (`reportsFor`). A unit with a live document or live rows, or with no document at all (a
 * clinic just added), is active.
 */
export function endedUnits(docs: readonly OwnedDoc[]): Set<string> {
  const live = new Set<string>();
  const owners = new Set<string>();
  for (const d of docs) {
    owners.add(d.ownerUnit);
    if (d.archivedAt) continue;
    live.add(d.ownerUnit);
    for (const unit of d.reportsFor ?? []) live.add(unit);
  }
  return new Set([...owners].filter((u) => !live.has(u)));
}

/** The rule of {@link reportingUnitsOf} as the round form and the README say it. */
export const EXPECTED_UNITS_RULE = {
  sv: 'Enheter som ska rapportera: alla aktiva enheter under den översta (och de nivåer som har egna indikatorer). En enhet vars alla dokument är arkiverade räknas som avslutad och väntas inte in.',
  en: 'Units expected to report: every active unit below the top one (and the levels given their own indicators). A unit whose documents are all archived counts as ended and is not waited for.',
} as const;

/**
 * The units that report in a round: its `units` when given (an ended unit too: naming it is a
 * coordinator's choice); otherwise every active unit (not in {@link endedUnits} of `docs`, the
 * workspace's documents, archived ones included) below the top (the clinics), and every active
 * unit of a level the round names in `levels` (so level 1 adds the region). A unit in `kept` (one
 * with a status stored in the round: submitted, approved, returned) stays though it has ended
 * since, so archiving its plan after the approval does not take its report out of the round. This
 * is the one rule; the completeness, the roll-ups, the report and the transitions all read it.
 */
export function reportingUnitsOf(
  round: Pick<RoundDef, 'units' | 'levels'>,
  units: readonly UnitNode[],
  docs: readonly OwnedDoc[],
  kept: ReadonlySet<string> = new Set(),
): string[] {
  if (round.units.length > 0) return [...round.units];
  const levels = unitLevels(units);
  const named = new Set((round.levels ?? []).map((l) => l.level));
  const ended = endedUnits(docs);
  const active = (code: string) => !ended.has(code) || kept.has(code);
  return units.filter((u) => active(u.code) && (u.parent !== null || named.has(levels.get(u.code) ?? 1))).map((u) => u.code);
}
