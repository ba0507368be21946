/**
 * The HTTP side's use of the auth policy (`server/auth/policy.ts`): one {@link assertCan} per
 * route that turns a refusal into the right answer. Another workspace's existence is not
 * revealed (404); everything else is a 403 with the policy's sentence and the role.
 */
import type { Principal } from '../auth/principal.js';
import { authorize, DENY_MESSAGES, type Action, type DocScope } from '../auth/policy.js';
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

/** Throw 404 (other workspace) or 403 (role, unit) when the principal may not act. */
export function assertCan(principal: Principal, action: Action, target: AccessTarget): void {
  const decision = authorize(principal, action, target);
  if (decision.ok) return;
  if (decision.reason === 'other-workspace') {
    throw new AppError(404, 'workspace-not-found', `There is no workspace "${target.workspace}" for your token.`);
  }
  throw forbidden(`${DENY_MESSAGES[decision.reason]} (You are ${principal.role}; you tried to ${WHAT[action]}.)`, {
    role: principal.role,
    action,
    reason: decision.reason,
  });
}
