/**
 * Which rows approved rounds lock, as one rule both sides use: the server refuses writes to them
 * (`server/rounds/round-locks.ts`) and the pane protects and marks them in the sheet
 * (`addin/taskpane/round-row-locks.ts`), so what the sheet shows locked is what the server refuses.
 * A row is locked when a round covers it ({@link coveringUnit}) for a unit whose report in that
 * round is approved (`godkänd`); a returned or reopened report unlocks it.
 */
import type { RowValues } from '../schema/types.js';
import { coveringUnit, prepareRound, type CoveredDoc, type PreparedRound } from './coverage.js';
import type { RoundDef, RoundStatus } from './model.js';
import { isLockedStatus } from './transitions.js';

/** The round that locks a row: id, title ("2025 kv 2") and period (`2025Q2`). */
export interface RoundLock {
  round: string;
  title: string;
  period: string;
}

/** One round with the units whose report in it is approved. */
export interface ApprovedRound {
  round: PreparedRound;
  units: ReadonlySet<string>;
  lock: RoundLock;
}

/** Which round, if any, locks a row with these values. */
export type RoundLockRule = (values: Readonly<RowValues>) => RoundLock | null;

/** The approved rounds among `defs`, from every unit's status; empty when nothing is approved. */
export function approvedRounds(defs: ReadonlyMap<string, RoundDef>, statuses: Iterable<{ round: string; unit: string; status: RoundStatus }>): ApprovedRound[] {
  const byRound = new Map<string, Set<string>>();
  for (const u of statuses) {
    if (!isLockedStatus(u.status)) continue;
    let set = byRound.get(u.round);
    if (!set) byRound.set(u.round, (set = new Set()));
    set.add(u.unit);
  }
  const out: ApprovedRound[] = [];
  for (const [id, units] of byRound) {
    const def = defs.get(id);
    const round = def ? prepareRound(def) : null;
    if (round) out.push({ round, units, lock: { round: id, title: round.def.title, period: round.def.period } });
  }
  return out;
}

/** The rule for one document with these approved rounds, or null when none can lock a row of it. */
export function lockRuleFor(approved: readonly ApprovedRound[], doc: CoveredDoc): RoundLockRule | null {
  let relevant: ApprovedRound[];
  if (doc.kind === 'indicator-values') relevant = approved.filter((a) => a.round.indicators.size > 0);
  else if (doc.kind === 'activity-plan') relevant = approved.filter((a) => a.round.def.activities && a.units.has(doc.ownerUnit));
  else return null;
  if (relevant.length === 0) return null;
  return (values) => {
    for (const a of relevant) {
      const unit = coveringUnit(a.round, doc, values);
      if (unit !== null && a.units.has(unit)) return a.lock;
    }
    return null;
  };
}
