/**
 * The lock rules of approved rounds, as the sync layer asks for them (`LockLookup` of
 * `server/sync/row-locks.ts`): per workspace an index of the approved units of every round and of the closed rounds
 * (`shared/rounds/locks.ts`, the rule the pane marks the sheet by), rebuilt only when the rounds
 * change, so a write to a document nothing locks costs one look-up.
 */
import { approvedRounds, lockRuleFor, type ApprovedRound } from '../../shared/rounds/locks.js';
import type { LockLookup } from '../sync/row-locks.js';
import { closedRounds, type RoundsStore } from './rounds-store.js';

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
        hit = { version: state.version, approved: approvedRounds(state.rounds, state.units.values(), closedRounds(state)) };
        cache.set(record.workspace, hit);
      }
      return hit.approved.length === 0 ? null : lockRuleFor(hit.approved, { kind: record.kind, ownerUnit: record.ownerUnit });
    },
  };
}
