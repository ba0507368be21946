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
 * The units that report in a round: its `units` when given; otherwise every unit below the top
 * (the clinics) and every unit of a level the round names in `levels` (so level 1 adds the region).
 */
export function reportingUnitsOf(round: Pick<RoundDef, 'units' | 'levels'>, units: readonly UnitNode[]): string[] {
  if (round.units.length > 0) return [...round.units];
  const levels = unitLevels(units);
  const named = new Set((round.levels ?? []).map((l) => l.level));
  return units.filter((u) => u.parent !== null || named.has(levels.get(u.code) ?? 1)).map((u) => u.code);
}
