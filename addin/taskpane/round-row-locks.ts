/**
 * The rows approved follow-up rounds lock, as the sheet protects and marks them: the same rule the
 * server enforces (`shared/rounds/locks.ts`), over the live rounds (`rounds-live.ts`). An edit of
 * such a row, or an edit that would move an open row into the round (a period or an end date typed
 * into the approved quarter), is put back with the round named ("raden ingår i den godkända
 * omgången 2025 kv 2 och är låst …", "raden skulle då ingå i …"), its cells get the locked fill
 * and Problems a note "Låst (2025 kv 2, godkänd): 12 rader"; when the round is returned or reopened the rows open again at once.
 * Rounds lock rows for every role, as on the server: an admin reopens a round to change them. A
 * closed round locks every row it covers ("Låst (2025 kv 2, stängd)") until it is reopened.
 */
import { roundMessage, roundWords } from '../../shared/i18n/round-messages.js';
import type { CoveredDoc } from '../../shared/rounds/coverage.js';
import { approvedRounds, lockRuleFor, type RoundLock, type RoundLockRule } from '../../shared/rounds/locks.js';
import type { RowLocks } from '../excel/sheet/row-locks.js';
import type { RoundsLive, RoundsSnapshot } from './rounds-live.js';

/** The rule of `doc` for one snapshot of the rounds; null when nothing in it is locked. */
function ruleOf(snapshot: RoundsSnapshot | null, doc: CoveredDoc): RoundLockRule | null {
  if (!snapshot) return null;
  const approved = approvedRounds(new Map(snapshot.rounds.map((r) => [r.id, r])), snapshot.statuses, (snapshot.closed ?? []).map((c) => c.round));
  return approved.length === 0 ? null : lockRuleFor(approved, doc);
}

/**
 * Row locks of the approved rounds for one document (`kind`, `ownerUnit`), following `live`.
 *
 * @example
 * const locks = roundRowLocks(watchRounds(url, token, ws), { kind: 'activity-plan', ownerUnit: 'vc-tensta' });
 * await bindTable(run, doc, 'activity-plan', { docId, lang, rowLocks: locks });
 */
export function roundRowLocks(live: RoundsLive, doc: CoveredDoc): RowLocks {
  let seen: RoundsSnapshot | null | undefined;
  let rule: RoundLockRule | null = null;
  const lockOf = (values: Parameters<RoundLockRule>[0]): RoundLock | null => {
    if (seen !== live.current) {
      seen = live.current;
      rule = ruleOf(seen, doc);
    }
    return rule ? rule(values) : null;
  };
  return {
    reasonFor(_rowId, values) {
      const lock = lockOf(values);
      return lock ? roundMessage(lock.closed ? 'round-closed-locked-reason' : 'round-locked-reason', { round: roundWords(lock) }) : undefined;
    },
    // An open row changed into one a round locks (its period or end date typed into the approved
    // quarter): the server refuses it (`server/sync/row-locks.ts` judges the row after the update too).
    changeFor(_rowId, before, after) {
      const lock = lockOf(before) ? null : lockOf(after);
      return lock ? roundMessage(lock.closed ? 'round-closed-locked-move-reason' : 'round-locked-move-reason', { round: roundWords(lock) }) : undefined;
    },
    // A new row held in a locked period goes once it leaves the round or the round opens again.
    heldUntil(_rowId, values) {
      const lock = lockOf(values);
      return lock ? roundMessage(lock.closed ? 'round-closed-locked-held-until' : 'round-locked-held-until', { round: roundWords(lock) }) : undefined;
    },
    // The reason says "låst tills …", which heldUntil says in full: the held note gives it once.
    heldReason(_rowId, values) {
      const lock = lockOf(values);
      return lock ? roundMessage(lock.closed ? 'round-closed-locked-held-reason' : 'round-locked-held-reason', { round: roundWords(lock) }) : undefined;
    },
    markFor(_rowId, values) {
      const lock = lockOf(values);
      return lock ? { group: lock.round, note: roundMessage(lock.closed ? 'round-closed-locked-note' : 'round-locked-note', { round: lock.title }) } : undefined;
    },
    onChange(listener) {
      return live.subscribe(() => listener());
    },
  };
}
