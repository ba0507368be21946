/**
 * Who may move a unit's status in a round, and from which status, as one pure function the
 * server enforces (and the pane uses to offer only the buttons that will work):
 *
 * | action  | who                                                   | from                         | to        |
 * |---------|-------------------------------------------------------|------------------------------|-----------|
 * | submit  | editor of that unit; coordinator; admin                | ej påbörjad, pågår, återsänd | inskickad |
 * | approve | coordinator, admin                                     | inskickad                    | godkänd   |
 * | return  | coordinator, admin; a reason is required               | inskickad                    | återsänd  |
 * | reopen  | admin; a reason is required                            | godkänd                      | återsänd  |
 *
 * A viewer may do none of them. A refusal carries an HTTP status (403 role, 409 status, 400
 * reason) and a sentence in Swedish and English.
 */
import type { Localized } from '../schema/types.js';
import { ROLE_WORDS, ROUND_ACTION_PRESENT, ROUND_ACTION_WORDS, ROUND_STATUS_WORDS, ROUND_WHO, roundMessage } from '../i18n/round-messages.js';
import type { RoundAction, RoundStatus } from './model.js';

/** The actor as the rules see it (a principal's role and units). */
export interface RoundActor {
  role: 'admin' | 'coordinator' | 'editor' | 'viewer';
  units: readonly string[];
}

/** The answer of {@link decideTransition}. */
export type TransitionDecision =
  | { ok: true; to: RoundStatus }
  | { ok: false; status: 400 | 403 | 409; code: 'round-role' | 'round-state' | 'round-reason'; message: Localized };

const RULES: Record<RoundAction, { from: readonly RoundStatus[]; to: RoundStatus; reason: boolean }> = {
  submit: { from: ['ej-paborjad', 'pagar', 'atersand'], to: 'inskickad', reason: false },
  approve: { from: ['inskickad'], to: 'godkand', reason: false },
  return: { from: ['inskickad'], to: 'atersand', reason: true },
  reopen: { from: ['godkand'], to: 'atersand', reason: true },
};

/** May `actor` do `action` for `unit` at all (whatever the status)? */
export function mayAct(actor: RoundActor, action: RoundAction, unit: string): boolean {
  switch (action) {
    case 'submit':
      return actor.role === 'admin' || actor.role === 'coordinator' || (actor.role === 'editor' && actor.units.includes(unit));
    case 'approve':
    case 'return':
      return actor.role === 'admin' || actor.role === 'coordinator';
    case 'reopen':
      return actor.role === 'admin';
  }
}

/**
 * Decide a transition: the role first (403), then the status (409), then the reason (400).
 * The refusal's sentence names the unit and the round by the names given (codes stay in `code`);
 * the role is said in words ("redigerare").
 * @param unit the unit's code, which the rules check against the actor's units
 * @param unitName the unit's name for the sentence ("Alby vårdcentral")
 * @param roundName the round in words for the sentence ({@link roundWords}: "2025 kv 2")
 * @param current the unit's current status (derived or stored)
 * @param reason the reason given, if any; blank counts as none
 */
export function decideTransition(input: {
  actor: RoundActor;
  action: RoundAction;
  unit: string;
  unitName: string;
  roundName: Localized;
  current: RoundStatus;
  reason?: string | null | undefined;
}): TransitionDecision {
  const { actor, action, unit, unitName, roundName, current } = input;
  const words = ROUND_ACTION_WORDS[action];
  if (!mayAct(actor, action, unit)) {
    return { ok: false, status: 403, code: 'round-role', message: roundMessage('round-role', { role: ROLE_WORDS[actor.role], action: words, unit: unitName, who: ROUND_WHO[action] }) };
  }
  const rule = RULES[action];
  if (!rule.from.includes(current)) {
    return { ok: false, status: 409, code: 'round-state', message: roundMessage('round-state', { action: words, unit: unitName, round: roundName, status: ROUND_STATUS_WORDS[current] }) };
  }
  if (rule.reason && !(input.reason ?? '').trim()) {
    return { ok: false, status: 400, code: 'round-reason', message: roundMessage('round-reason', { doing: ROUND_ACTION_PRESENT[action] }) };
  }
  return { ok: true, to: rule.to };
}

/** The statuses whose data is locked: approved. */
export function isLockedStatus(status: RoundStatus): boolean {
  return status === 'godkand';
}
