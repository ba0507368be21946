/**
 * The refusal of a write to a row that an approved (or closed) follow-up round locks: the socket closes with
 * {@link CloseCode.updateRefused} (4422) and a reason that names the round, in a form both sides
 * know, so the pane can say it in Swedish ("Raden ingår i den godkända omgången …").
 */
import { CloseCode } from './close-codes.js';

/** The close code of a locked-row refusal. */
export const LOCKED_CLOSE_CODE = CloseCode.updateRefused;

/** The machine code of the refusal (logs, metrics, the import answer). */
export const LOCKED_REFUSAL_CODE = 'locked-row';

const PREFIX = 'Locked: round ';

/**
 * The close reason for a write to a row locked by `round` over `period`: ASCII, at most 123
 * bytes (a WebSocket close frame's limit); round ids are at most 64 characters.
 */
export function lockedCloseReason(round: string, period: string, closed = false): string {
  return `${PREFIX}${round} (${period}) is ${closed ? 'closed' : 'approved'}`.slice(0, 123);
}

/** The round and period named by a locked-row close reason (`closed` when the whole round is closed), or null for any other reason. */
export function parseLockedReason(reason: string): { round: string; period: string; closed: boolean } | null {
  const m = /^Locked: round (\S+) \((\w+)\) is (approved|closed)$/.exec(reason);
  return m ? { round: m[1] as string, period: m[2] as string, closed: m[3] === 'closed' } : null;
}
