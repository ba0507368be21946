/**
 * Which rows approved rounds lock, as one rule both sides use: the server refuses writes to them
 * (`server/rounds/round-locks.ts`) and the pane protects and marks them in the sheet
 * (`addin/taskpane/round-row-locks.ts`), so what the sheet shows locked is what the server refuses.
 * A row is locked when a round covers it ({@link coveringUnit}) for a unit whose report in that
 * round is approved (`godkänd`); a returned or reopened report unlocks it. A closed round
 * (`POST …/rounds/:round/close`) locks every row it covers, for every unit, until it is reopened.
 */
import type { RowValues } from '../schema/types.js';
import { coveringUnit, prepareRound, type CoveredDoc, type PreparedRound } from './coverage.js';
import type { RoundDef, RoundStatus } from './model.js';
import { isLockedStatus } from './transitions.js';

/** The round that locks a row: id, title ("2025 kv 2") and period (`2025Q2`); `closed` when the whole round is closed (else a unit's report is approved). */
export interface RoundLock {
  round: string;
  title: string;
  period: string;
  closed?: boolean;
}

/** One round with the units whose report in it is approved; `units` null: the round is closed, every unit is locked. */
export interface ApprovedRound {
  round: PreparedRound;
  units: ReadonlySet<string> | null;
  lock: RoundLock;
}

const locksUnit = (a: ApprovedRound, unit: string): boolean => a.units === null || a.units.has(unit);

/** Which round, if any, locks a row with these values. */
export type RoundLockRule = (values: Readonly<RowValues>) => RoundLock | null;

/**
 * The rounds among `defs` that lock rows: those with approved units (from every unit's status),
 * and the `closed` ones (round ids), whole; empty when nothing is approved or closed.
 */
export function approvedRounds(defs: ReadonlyMap<string, RoundDef>, statuses: Iterable<{ round: string; unit: string; status: RoundStatus }>, closed: Iterable<string> = []): ApprovedRound[] {
  const byRound = new Map<string, Set<string> | null>();
  for (const id of closed) byRound.set(id, null);
  for (const u of statuses) {
    if (!isLockedStatus(u.status)) continue;
    let set = byRound.get(u.round);
    if (set === null) continue;
    if (!set) byRound.set(u.round, (set = new Set()));
    set.add(u.unit);
  }
  const out: ApprovedRound[] = [];
  for (const [id, units] of byRound) {
    const def = defs.get(id);
    const round = def ? prepareRound(def) : null;
    if (round) out.push({ round, units, lock: { round: id, title: round.def.title, period: round.def.period, ...(units === null ? { closed: true } : {}) } });
  }
  return out;
}

/** The rule for one document with these approved rounds, or null when none can lock a row of it. */
export function lockRuleFor(approved: readonly ApprovedRound[], doc: CoveredDoc): RoundLockRule | null {
  let relevant: ApprovedRound[];
  if (doc.kind === 'indicator-values') relevant = approved.filter((a) => a.round.indicators.size > 0);
  else if (doc.kind === 'activity-plan') relevant = approved.filter((a) => a.round.def.activities && locksUnit(a, doc.ownerUnit));
  else return null;
  if (relevant.length === 0) return null;
  return (values) => {
    for (const a of relevant) {
      const unit = coveringUnit(a.round, doc, values);
      if (unit !== null && locksUnit(a, unit)) return a.lock;
    }
    return null;
  };
}
