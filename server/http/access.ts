/**
 * The HTTP side's use of the auth policy (`server/auth/policy.ts`): one {@link assertCan} per
 * route that turns a refusal into the right answer. Another workspace's existence is not
 * revealed (404); everything else is a 403 with the policy's sentence and the role.
 */
import type { Principal } from '../auth/principal.js';
import { authorize, DENY_MESSAGES, type Action, type DenyReason, type DocScope } from '../auth/policy.js';
import type { Role } from '../storage/storage.js';
import { AppError, forbidden } from './errors.js';

/** What an action is done to: the workspace, and the document (or the one about to be made). */
export interface AccessTarget {
  workspace: string;
  doc?: DocScope | null;
}

/** True when the principal may do `action` to `target`. */
export function can(principal: Principal, action: Action, target: AccessTarget): boolean {
  return authorize(principal, action, target).ok;
}

const WHAT: Record<Action, string> = {
  read: 'read this',
  export: 'export this',
  create: 'create this document',
  write: 'change this document',
  import: 'import rows into this document',
  members: 'manage members, tokens and units',
  admin: 'use the admin API',
};

/** {@link DENY_MESSAGES} in Swedish, for the pane. */
const DENY_SV: Record<DenyReason, string> = {
  'other-workspace': 'Token hör till en annan arbetsyta.',
  'role-forbids': 'Din roll tillåter inte detta.',
  'not-own-unit': 'En redigerare kan bara ändra dokument och rader som hör till de egna enheterna.',
  'shared-reference-data': 'Listan över samverkansaktörer och indikatorkatalogen ändras av samordnare.',
  'document-required': 'Ange vilket dokument det gäller.',
};

/** {@link WHAT} in Swedish. */
const WHAT_SV: Record<Action, string> = {
  read: 'läsa detta',
  export: 'exportera detta',
  create: 'skapa det här dokumentet',
  write: 'ändra det här dokumentet',
  import: 'importera rader till det här dokumentet',
  members: 'hantera medlemmar, tokens och enheter',
  admin: 'använda administratörernas API',
};

/** The roles as the pane names them in Swedish (`addin/taskpane/strings.ts`). */
const ROLE_SV: Record<Role, string> = { admin: 'administratör', coordinator: 'samordnare', editor: 'redigerare', viewer: 'läsare' };

/**
 * Throw 404 (other workspace) or 403 (role, unit) when the principal may not act; the sentence is
 * in Swedish and English (`details.message`), naming the role and what was tried.
 */
export function assertCan(principal: Principal, action: Action, target: AccessTarget): void {
  const decision = authorize(principal, action, target);
  if (decision.ok) return;
  if (decision.reason === 'other-workspace') {
    throw new AppError(404, 'workspace-not-found', {
      sv: `Det finns ingen arbetsyta "${target.workspace}" för din token.`,
      en: `There is no workspace "${target.workspace}" for your token.`,
    });
  }
  const message = {
    sv: `${DENY_SV[decision.reason]} (Du är ${ROLE_SV[principal.role]}; du försökte ${WHAT_SV[action]}.)`,
    en: `${DENY_MESSAGES[decision.reason]} (You are ${principal.role}; you tried to ${WHAT[action]}.)`,
  };
  throw forbidden(message, {
    role: principal.role,
    action,
    reason: decision.reason,
  });
}
