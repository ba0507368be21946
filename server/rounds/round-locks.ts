/**
 * The lock rules of approved rounds, as the sync layer asks for them (`LockLookup` of
 * `server/sync/row-locks.ts`): per workspace an index of the approved units of every round,
 * rebuilt only when the rounds change, so a write to a document nothing locks costs one look-up.
 */
import { coveringUnit, prepareRound, type PreparedRound } from '../../shared/rounds/coverage.js';
import { isLockedStatus } from '../../shared/rounds/transitions.js';
import type { RowValues } from '../../shared/schema/types.js';
import type { DocRecord } from '../storage/storage.js';
import type { LockLookup, LockRule, RowLock } from '../sync/row-locks.js';
import type { RoundsState, RoundsStore } from './rounds-store.js';

/** One round with the units whose report in it is approved. */
interface ApprovedRound {
  round: PreparedRound;
  units: ReadonlySet<string>;
  lock: RowLock;
}

/** The approved rounds of a state; empty when nothing is approved. */
export function approvedRounds(state: RoundsState): ApprovedRound[] {
  const byRound = new Map<string, Set<string>>();
  for (const u of state.units.values()) {
    if (!isLockedStatus(u.status)) continue;
    let set = byRound.get(u.round);
    if (!set) byRound.set(u.round, (set = new Set()));
    set.add(u.unit);
  }
  const out: ApprovedRound[] = [];
  for (const [id, units] of byRound) {
    const def = state.rounds.get(id);
    const round = def ? prepareRound(def) : null;
    if (round) out.push({ round, units, lock: { round: id, title: round.def.title, period: round.def.period } });
  }
  return out;
}

/** The rule for one document of a workspace with these approved rounds, or null when none can lock it. */
export function lockRuleFor(approved: readonly ApprovedRound[], record: DocRecord): LockRule | null {
  const doc = { kind: record.kind, ownerUnit: record.ownerUnit };
  let relevant: ApprovedRound[];
  if (record.kind === 'indicator-values') relevant = approved.filter((a) => a.round.indicators.size > 0);
  else if (record.kind === 'activity-plan') relevant = approved.filter((a) => a.round.def.activities && a.units.has(record.ownerUnit));
  else return null;
  if (relevant.length === 0) return null;
  return (values: Readonly<RowValues>) => {
    for (const a of relevant) {
      const unit = coveringUnit(a.round, doc, values);
      if (unit !== null && a.units.has(unit)) return a.lock;
    }
    return null;
  };
}

/** A {@link LockLookup} over a rounds store. */
export function roundLocks(store: RoundsStore): LockLookup {
  const cache = new Map<string, { version: number; approved: ApprovedRound[] }>();
  return {
    async prepare(workspace) {
      await store.state(workspace);
    },
    rulesFor(record) {
      const state = store.loaded(record.workspace);
      if (!state) return null;
      let hit = cache.get(record.workspace);
      if (!hit || hit.version !== state.version) {
        hit = { version: state.version, approved: approvedRounds(state) };
        cache.set(record.workspace, hit);
      }
      return hit.approved.length === 0 ? null : lockRuleFor(hit.approved, record);
    },
  };
}
