/**
 * Who may do what, as plain functions over data: no storage, no I/O, so the whole auth matrix is
 * tested as a table (`tests/server/auth/policy.test.ts`) and the HTTP routes and the sync server
 * ask the same questions.
 *
 * The rules (DESIGN.md), with the choices made where it left room:
 * - A principal acts only in its own workspace; anything else is refused.
 * - `admin`: everything, including the admin API (members, tokens, audit).
 * - `coordinator`: reads, writes, creates, imports and exports every document; invites, changes
 *   and removes members below admin, makes their API tokens, and adds and renames units; not the
 *   rest of the admin API.
 * - `editor`: reads and exports every document; writes, imports and creates only documents owned
 *   by one of its own units. Units are matched exactly: membership of a county or region unit does
 *   not extend to the clinics or kommuner below it (least privilege; both workspace shapes are two
 *   levels, and whoever works across units is made a coordinator). A county `action-plan` is shared:
 *   every editor of the workspace may write it, but only rows whose `unit` cell is one of its units
 *   ({@link canWriteRow}). Partner lists and indicator catalogs are common reference data that
 *   plans point into: editors read them, only coordinators and admins change them.
 * - `viewer`: reads and exports.
 */
import type { Role } from '../storage/storage.js';
import type { Principal } from './principal.js';
import { isRowOwned } from '../../shared/protocol/row-owned-kinds.js';
import { changeRefusal, mayRenameDoc, REFERENCE_KINDS, writesEverything } from '../../shared/protocol/doc-change-rule.js';

export { writesEverything };

/**
 * What a principal asks to do. `members` is inviting, changing and removing members, their API
 * tokens and the workspace's units (admins and coordinators; a coordinator never grants or
 * touches `admin`, see {@link canManageMember}); `admin` is the rest of the admin API: renaming
 * the workspace, creating workspaces, the audit.
 */
export type Action = 'read' | 'write' | 'create' | 'export' | 'import' | 'members' | 'admin';

/** Every {@link Action}, for tables and tests. */
export const ACTIONS: readonly Action[] = ['read', 'write', 'create', 'export', 'import', 'members', 'admin'];

/** The parts of a document the rules look at. For `create`, the document about to be made. */
export interface DocScope {
  kind: string;
  ownerUnit: string;
}

/** What an action is done to. */
export interface AuthTarget {
  workspace: string;
  /** The document acted on; absent or null for workspace-level questions ("may I create at all?"). */
  doc?: DocScope | null;
}

/** Why an action was refused; stable codes for logs, close reasons and i18n. */
export type DenyReason =
  | 'other-workspace'
  | 'role-forbids'
  | 'not-own-unit'
  | 'shared-reference-data'
  | 'document-required';

/** The answer of {@link authorize}. */
export type Decision = { ok: true } | { ok: false; reason: DenyReason };

/** A sentence per {@link DenyReason}, for logs and API messages (the UI translates the codes). */
export const DENY_MESSAGES: Record<DenyReason, string> = {
  'other-workspace': 'The token belongs to another workspace.',
  'role-forbids': 'Your role does not allow this.',
  'not-own-unit': 'Editors may only change documents and rows of their own units.',
  'shared-reference-data': 'Partner lists and indicator catalogs are changed by coordinators.',
  'document-required': 'Say which document this is for.',
};

const ALLOW: Decision = { ok: true };
const deny = (reason: DenyReason): Decision => ({ ok: false, reason });

/** May `principal` change `doc` (write or import), before any row rule? The rule the pane asks too (`doc-change-rule.ts`). */
function editorWrites(principal: Principal, doc: DocScope): Decision {
  const refusal = changeRefusal(principal, doc);
  return refusal === null ? ALLOW : deny(refusal);
}

/** May an editor create `doc`? Only for its own units, and never reference data. */
function editorCreates(principal: Principal, doc: DocScope): Decision {
  if (REFERENCE_KINDS.has(doc.kind)) return deny('shared-reference-data');
  return principal.units.includes(doc.ownerUnit) ? ALLOW : deny('not-own-unit');
}

/**
 * Decide whether `principal` may do `action` to `target`. For a write to a row-owned document
 * (an action plan, indicator values; `shared/protocol/row-owned-kinds.ts`), a yes here means "may write some rows"; check each row with {@link canWriteRow}.
 *
 * @example
 * ```ts
 * const decision = authorize(principal, 'write', { workspace: 'hbi-stockholm', doc: record });
 * if (!decision.ok) throw forbidden(DENY_MESSAGES[decision.reason]);
 * ```
 */
export function authorize(principal: Principal, action: Action, target: AuthTarget): Decision {
  if (principal.workspace !== target.workspace) return deny('other-workspace');
  const { role } = principal;
  const doc = target.doc ?? null;
  switch (action) {
    case 'read':
    case 'export':
      return ALLOW;
    case 'admin':
      return role === 'admin' ? ALLOW : deny('role-forbids');
    case 'members':
      return writesEverything(role) ? ALLOW : deny('role-forbids');
    case 'write':
    case 'import':
    case 'create':
      if (writesEverything(role)) return ALLOW;
      if (role !== 'editor') return deny('role-forbids');
      if (!doc) return deny('document-required');
      return action === 'create' ? editorCreates(principal, doc) : editorWrites(principal, doc);
  }
}

/**
 * May `principal` write a row whose `unit` cell is `rowUnit` (null: no unit) in `doc`? Assumes
 * {@link authorize} already allowed the write for the document's workspace. In a row-owned kind
 * (an action plan, indicator values) an editor writes only rows of its own units; changing a row's unit is a write to the old and to
 * the new unit, so callers check both, and a new row must carry one of the editor's units.
 * In other kinds the row follows the document's owner.
 */
export function canWriteRow(principal: Principal, doc: DocScope, rowUnit: string | null): boolean {
  if (writesEverything(principal.role)) return true;
  if (principal.role !== 'editor') return false;
  if (isRowOwned(doc.kind)) return rowUnit !== null && principal.units.includes(rowUnit);
  return editorWrites(principal, doc).ok;
}

/**
 * May `principal` change a document's settings (its `meta`: title, owner unit, schema version)
 * and the owner unit of action-plan rows already created? Only coordinators and admins of the
 * document's workspace; an editor sets a row's unit once, when it creates the row.
 */
export function canManageDoc(principal: Principal, workspace: string): boolean {
  return principal.workspace === workspace && writesEverything(principal.role);
}

/**
 * May `principal` (already allowed `members`) change a member whose role is `current` (null: a
 * new member) into one with role `next` (null: removed, or a token made or revoked)? Admins may do
 * anything; a coordinator neither grants `admin` nor touches an admin, so it cannot raise itself
 * or lock admins out.
 */
export function canManageMember(principal: Principal, current: Role | null, next: Role | null): boolean {
  if (principal.role === 'admin') return true;
  return principal.role === 'coordinator' && current !== 'admin' && next !== 'admin';
}

/**
 * May `principal` rename `doc` (its title only)? A principal of the document's workspace by the
 * rule the pane offers "Byt namn" by (`mayRenameDoc`, `shared/protocol/doc-change-rule.ts`):
 * whoever manages its documents, and an editor its own unit's plan, not others'.
 */
export function canRenameDoc(principal: Principal, doc: DocScope & { workspace: string }): boolean {
  return principal.workspace === doc.workspace && mayRenameDoc(principal, doc);
}
