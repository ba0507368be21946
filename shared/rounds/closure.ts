/**
 * Closing a whole follow-up round, as one pure rule the server enforces and the pane follows to
 * offer only the buttons that work. Closing ends the round: no unit submits, is approved or
 * returned in it, and no row it covers can be changed (`locks.ts`), for every unit; reopening it
 * is the undo. Coordinators and admins — those who define rounds and approve reports — close and
 * reopen; a refusal carries an HTTP status (403 role, 409 already so) and a sentence in Swedish
 * and English.
 */
import type { Localized } from '../schema/types.js';
import { ROLE_WORDS, ROUND_CLOSURE_WORDS, roundMessage } from '../i18n/round-messages.js';
import type { RoundClosureAction } from './model.js';
import type { RoundActor } from './transitions.js';

/** May `role` close and reopen rounds? */
export function mayCloseRounds(role: RoundActor['role'] | null): boolean {
  return role === 'admin' || role === 'coordinator';
}

/** The answer of {@link decideClosure}: the round's new `closed`, or a refusal. */
export type ClosureDecision = { ok: true; closed: boolean } | { ok: false; status: 403 | 409; code: 'round-close-role' | 'round-close-state'; message: Localized };

/**
 * Decide closing (`close`) or reopening (`reopen`) the round named `roundName` (`roundWords`),
 * closed now or not (`closed`): the role first (403), then the state (409).
 */
export function decideClosure(input: { actor: Pick<RoundActor, 'role'>; action: RoundClosureAction; roundName: Localized; closed: boolean }): ClosureDecision {
  const { actor, action, roundName, closed } = input;
  if (!mayCloseRounds(actor.role)) {
    return { ok: false, status: 403, code: 'round-close-role', message: roundMessage('round-close-role', { role: ROLE_WORDS[actor.role], action: ROUND_CLOSURE_WORDS[action] }) };
  }
  const closing = action === 'close';
  if (closing === closed) {
    return { ok: false, status: 409, code: 'round-close-state', message: roundMessage('round-close-state', { round: roundName, state: closed ? { sv: 'stängd', en: 'closed' } : { sv: 'öppen', en: 'open' } }) };
  }
  return { ok: true, closed: closing };
}
