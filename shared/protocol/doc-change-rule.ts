/**
 * Who may change a document (write in it, import rows into it), by role and units: the one rule
 * the server enforces (`server/auth/policy.ts` `authorize`, for `write` and `import`) and the pane
 * asks before it offers a change it would be refused ("Importera fil" in the explorer). From
 * DESIGN.md's roles: admins and coordinators change every document; editors the documents of
 * their own units and the row-owned kinds (`row-owned-kinds.ts`, whose rows are then judged one
 * by one), never the partner list or the indicator catalog, which are common reference data;
 * viewers read. Who may rename a document ({@link mayRenameDoc}) is here too, for the same reason:
 * the server's `canRenameDoc` and the explorer's "Byt namn" ask the same rule.
 */
import type { DocKind } from '../schema/types.js';
import { isRowOwned } from './row-owned-kinds.js';
import type { Role } from './roles.js';

/** Kinds that only coordinators and admins change: the common reference data plans point into. */
export const REFERENCE_KINDS: ReadonlySet<string> = new Set<DocKind>(['partners', 'indicator-catalog']);

/** Why a change is refused: the role reads only, the document is another unit's, or it is reference data. */
export type ChangeRefusal = 'role-forbids' | 'not-own-unit' | 'shared-reference-data';

/** The parts of a member the rule looks at. */
export interface ChangeMember {
  role: Role;
  units: readonly string[];
}

/** The parts of a document the rule looks at (`ownerUnit` null: owned by no unit). */
export interface ChangeDoc {
  kind: string;
  ownerUnit: string | null;
}

/** True for the roles that may change every document of their workspace. */
export function writesEverything(role: Role): boolean {
  return role === 'admin' || role === 'coordinator';
}

/**
 * Why `member` may not change (write or import into) `doc` of its own workspace, or null when it
 * may. For a row-owned kind null means "may change some rows": each row is judged by its unit.
 *
 * @example
 * changeRefusal({ role: 'editor', units: ['vc-tensta'] }, { kind: 'partners', ownerUnit: 'sll' }) // 'shared-reference-data'
 */
export function changeRefusal(member: ChangeMember, doc: ChangeDoc): ChangeRefusal | null {
  if (writesEverything(member.role)) return null;
  if (member.role !== 'editor') return 'role-forbids';
  if (REFERENCE_KINDS.has(doc.kind)) return 'shared-reference-data';
  if (isRowOwned(doc.kind)) return null;
  return doc.ownerUnit !== null && member.units.includes(doc.ownerUnit) ? null : 'not-own-unit';
}

/** The kinds that are a unit's plan: an editor of the owning unit renames it. */
export const PLAN_KINDS: ReadonlySet<string> = new Set<DocKind>(['activity-plan', 'action-plan']);

/**
 * May `member` rename `doc` (its title only) of its own workspace? Whoever changes every document
 * (coordinators, admins), and an editor its own unit's plan ({@link PLAN_KINDS} owned by one of its
 * units); not another unit's plan, reference data or indicator sheets, and never a viewer.
 *
 * @example
 * mayRenameDoc({ role: 'editor', units: ['vc-tensta'] }, { kind: 'activity-plan', ownerUnit: 'vc-tensta' }) // true
 */
export function mayRenameDoc(member: ChangeMember, doc: ChangeDoc): boolean {
  if (writesEverything(member.role)) return true;
  return member.role === 'editor' && PLAN_KINDS.has(doc.kind) && doc.ownerUnit !== null && member.units.includes(doc.ownerUnit);
}
