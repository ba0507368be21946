/**
 * Who a verified sign-in is: the configured claim (`preferred_username` by default: the UPN or
 * e-mail in Entra ID) names the member, lower-cased, in the configured workspace. Invite-only by
 * default: a person must have been added (invited) under that id. With auto-provisioning, a
 * person not yet a member is added when the groups/app-roles claim matches a rule: the most
 * powerful matching role, the units of every matching rule. Once a member exists, its role and
 * units are Samplan's own (changed in the Members view), not the claims'. A person an admin
 * removed stays out (`RecordStore.getRemoval`) until an admin adds them again, whatever their
 * groups. Names pass the personnummer guard like every stored text.
 */
import type { JWTPayload } from 'jose';
import { assertNoIdentity } from '../storage/record-text.js';
import { findTextFault, trimName } from '../../shared/validate/text-fault.js';
import type { MemberRecord, Role, Storage } from '../storage/storage.js';
import type { OidcConfig, RoleRule } from './oidc-config.js';
import { OidcError } from './oidc-verify.js';
import { memberIdFault, memberIdOfText } from '../../shared/protocol/member-id.js';

const RANK: Record<Role, number> = { admin: 0, coordinator: 1, editor: 2, viewer: 3 };

/**
 * The member id a sign-in names (`shared/protocol/member-id.ts`: what a UPN, an e-mail address,
 * `oid` or `sub` holds), lower-cased. Throws `no-member-claim` when the claim is missing or empty,
 * `member-id-refused` when it holds what no member id may (a space, `/`, an accent, over 255
 * characters): the log line names the fault and the character's code point, never the claim's
 * text, which is the person's and may hold anything. It said the account had no user name.
 */
export function memberIdOf(claims: JWTPayload, config: Pick<OidcConfig, 'memberClaim'>): string {
  const value = claims[config.memberClaim];
  const id = typeof value === 'string' ? memberIdOfText(value) : '';
  const fault = memberIdFault(id);
  if (fault?.code === 'empty') throw new OidcError('no-member-claim', `claim ${config.memberClaim} is missing`);
  if (fault) {
    const what = fault.code === 'too-long' ? `${fault.length} characters` : `U+${(fault.character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    throw new OidcError('member-id-refused', `claim ${config.memberClaim} is no member id (${fault.code}: ${what})`);
  }
  return id;
}

/** The groups or app roles in the claims, as strings. */
export function groupsOf(claims: JWTPayload, config: Pick<OidcConfig, 'groupsClaim'>): string[] {
  const value = claims[config.groupsClaim];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** The role and units the rules give these groups, or null when none matches. */
export function roleByRules(rules: readonly RoleRule[], groups: readonly string[]): { role: Role; units: string[] } | null {
  const matching = rules.filter((r) => groups.includes(r.group));
  if (matching.length === 0) return null;
  const role = matching.map((r) => r.role).sort((a, b) => RANK[a] - RANK[b])[0]!;
  const units = [...new Set(matching.flatMap((r) => r.units))];
  return { role, units };
}

/**
 * The member a verified sign-in stands for, adding it when auto-provisioning allows. Throws
 * {@link OidcError} `removed` when it is not a member because an admin removed it (kept until an
 * admin adds it again; no rule adds it back), `not-invited` when it is not a member and no rule
 * admits it (or auto-provisioning is off), `no-member-claim` without a usable id, and
 * `IdentityInTextError` for a name holding an identity number. A name claim holding a character no
 * name may hold (`shared/validate/plain-text.ts`) is not stored: the new member is named by its id.
 */
export async function memberForClaims(
  storage: Storage,
  config: OidcConfig,
  claims: JWTPayload,
  audit: { at: string },
): Promise<{ member: MemberRecord; created: boolean }> {
  const id = memberIdOf(claims, config);
  const existing = await storage.getMember(config.workspace, id);
  if (existing) return { member: existing, created: false };
  const removal = await storage.getRemoval(config.workspace, id);
  if (removal) {
    throw new OidcError('removed', `${id} was removed from ${config.workspace} by ${removal.removedBy ?? 'the command line'} at ${removal.removedAt}`);
  }
  // A member of a workspace nobody created would sign in to nothing (a mistyped setting, say).
  if (!(await storage.getWorkspace(config.workspace))) {
    throw new OidcError('not-invited', `the workspace ${config.workspace} (SAMPLAN_OIDC_WORKSPACE) does not exist, so ${id} is not added`);
  }
  const granted = config.autoProvision ? roleByRules(config.rules, groupsOf(claims, config)) : null;
  if (!granted) throw new OidcError('not-invited', `${id} is not a member of ${config.workspace}`);
  const known = new Set((await storage.listUnits(config.workspace)).map((u) => u.code));
  const units = granted.units.filter((u) => known.has(u));
  if (granted.role === 'editor' && units.length === 0) {
    throw new OidcError('not-invited', `the rules make ${id} an editor without a known unit`);
  }
  const nameClaim = claims[config.nameClaim];
  const claimed = typeof nameClaim === 'string' && trimName(nameClaim) !== '' ? trimName(nameClaim).slice(0, 200) : id;
  // The person cannot change what the directory sends: a name no name may be (a bidirectional
  // override, a control character) is not stored, and the member is named by the id instead, as
  // when the claim is missing; the audit line says which character (never the name itself).
  const fault = findTextFault(claimed);
  const name = fault ? id : claimed;
  assertNoIdentity('member', { id, name: claimed });
  const member: MemberRecord = { workspace: config.workspace, id, name, role: granted.role, units };
  const unused = fault ? `; the ${config.nameClaim} claim was not used as the name (it holds ${fault.code})` : '';
  // The member and its audit line in one transaction: both, or neither when the write fails.
  await storage.putMember(member, [
    { at: audit.at, workspace: config.workspace, doc: null, memberId: id, action: 'member', bytes: 0, detail: `added ${id} as ${granted.role} by sign-in rule${unused}` },
  ]);
  return { member, created: true };
}
