/**
 * Adding, changing and removing a member, shared by `POST` and `DELETE /v1/workspaces/:ws/members`
 * and `samplan member add|remove`: the same checks (no identity number in any text, known units,
 * an editor has a unit), the same stored removal, the same audit lines.
 */
import { assertNoIdentity } from '../storage/record-text.js';
import type { AuditRecord, MemberRecord, RemovalRecord, Storage } from '../storage/storage.js';
import { AppError } from './errors.js';
import type { MemberBody } from './member-body.js';
import { unknownUnitWords } from '../close-codes.js';

/**
 * How a kept removal reads in an audit line: `the removal by anna at 2026-11-30T09:12:00.000Z`
 * (`by the command line` for a removal made with `samplan member remove`); with `lang` sv, as the
 * CLI says it in Swedish (`borttagningen av anna …`). Audit lines stay English.
 */
export function removalWords(removal: Pick<RemovalRecord, 'removedBy' | 'removedAt'>, lang: 'sv' | 'en' = 'en'): string {
  if (lang === 'sv') return `borttagningen av ${removal.removedBy ?? 'kommandoraden'} ${removal.removedAt}`;
  return `the removal by ${removal.removedBy ?? 'the command line'} at ${removal.removedAt}`;
}

/**
 * Store `body` as a member of `workspace` and write the audit line; `created` says whether it is
 * new, `lifted` the removal an admin had made of that id, which adding the member undoes (its
 * audit line says so: `added nina as viewer, lifting the removal by anna at …`). A new member
 * starts with no live token: one a request made while the id's earlier member was being removed
 * (stored after the removal revoked the others) is revoked before the member is stored. Throws `IdentityInTextError` (422) for an identity number in the id, name or units,
 * {@link AppError} 400 `unknown-unit` or `editor-without-unit`, `LastAdminError` (409 `last-admin`)
 * for a change of the workspace's only admin to another role, and 409 `member-removed` when the
 * member was removed between being read here and the write (`Storage.updateMember`). The workspace must exist.
 *
 * @example
 * await putMember(storage, 'hbi-stockholm', { id: 'nina', name: 'Nina Ek', role: 'viewer', units: [] }, { at, by: 'admin' });
 */
export async function putMember(
  storage: Storage,
  workspace: string,
  body: MemberBody,
  audit: { at: string; by: string | null },
): Promise<{ member: MemberRecord; created: boolean; lifted: RemovalRecord | null }> {
  assertNoIdentity('member', { id: body.id, name: body.name, units: body.units });
  const known = new Set((await storage.listUnits(workspace)).map((u) => u.code));
  const unknown = body.units.filter((u) => !known.has(u));
  if (unknown.length > 0) {
    throw new AppError(400, 'unknown-unit', unknownUnitWords(unknown, [...known]), { units: unknown });
  }
  if (body.role === 'editor' && body.units.length === 0) {
    throw new AppError(400, 'editor-without-unit', {
      sv: 'En redigerare måste höra till minst en enhet, annars kan hen inte ändra något.',
      en: 'An editor must belong to at least one unit, or they cannot edit anything.',
    });
  }
  const created = (await storage.getMember(workspace, body.id)) === null;
  // Read before the write that clears it (`Storage.putMember`).
  const lifted = created ? await storage.getRemoval(workspace, body.id) : null;
  // A token of the id still live now was stored after the removal revoked the earlier member's
  // (made while it was removed: another request or process had read the member just before). It
  // was dead while no member had the id; it must not come back to life with this one.
  if (created) await revokeTokensOf(storage, workspace, body.id, audit.at);
  const member: MemberRecord = { workspace, ...body };
  const detail = `${created ? 'added' : 'updated'} ${body.id} as ${body.role}${lifted ? `, lifting ${removalWords(lifted)}` : ''}`;
  // The audit line is stored in the member's own transaction: both, or neither when the write fails.
  const line: AuditRecord[] = [{ at: audit.at, workspace, doc: null, memberId: audit.by, action: 'member', bytes: 0, detail }];
  // A change of a member who is removed between the read above and this write (by another
  // request or process) must not bring them back nor lift the removal: refused, nothing written.
  if (created || !storage.updateMember) await storage.putMember(member, line);
  else if (!(await storage.updateMember(member, line))) throw memberRemovedMeanwhile(body.id);
  return { member, created, lifted };
}

/**
 * Remove member `memberId` of `workspace` as an admin does, in one write (`Storage.deleteMember`):
 * the member is deleted, the removal kept (work-account sign-in by group rules then refuses the
 * id until it is added again, `auth/oidc-member.ts`), their live tokens and sessions revoked (so
 * they stay dead if a member of the id is added again), and the audit line `removed <id>` stored
 * by `audit.by` (null: the command line). Throws `LastAdminError` (409 `last-admin`) for the
 * workspace's only admin, nothing written. Resolves with how many
 * tokens were revoked, or null when the workspace has no such member (nothing is written).
 * Closing the member's open sockets is the caller's (`RightsHooks.memberRemoved`, or the CLI's
 * announcement); the storage's rights version moves with the write either way.
 *
 * @example
 * await removeMember(storage, 'hbi-stockholm', 'nina', { at: new Date().toISOString(), by: 'anna' }); // { tokensRevoked: 1 }
 */
export async function removeMember(storage: Storage, workspace: string, memberId: string, audit: { at: string; by: string | null }): Promise<{ tokensRevoked: number } | null> {
  if (!(await storage.getMember(workspace, memberId))) return null;
  // One write: the member, the kept removal, the revocation of every live token and session of
  // hers, and the audit line are stored together, or nothing when the write fails (a fault
  // between separate writes left tokens of no member, or a member removed with live tokens).
  const line: AuditRecord[] = [{ at: audit.at, workspace, doc: null, memberId: audit.by, action: 'member', bytes: 0, detail: `removed ${memberId}` }];
  // Counted before the write: a token stored between this read and the write is revoked by it too, uncounted.
  const live = (await storage.listMemberTokens(workspace, memberId)).filter((t) => t.revokedAt === null).length;
  await storage.deleteMember(workspace, memberId, { by: audit.by, at: audit.at }, line);
  return { tokensRevoked: live };
}

/** The 409 of a change whose member was removed while it was being made. */
function memberRemovedMeanwhile(id: string): AppError {
  return new AppError(409, 'member-removed', {
    sv: `Medlemmen ${id} togs bort medan ändringen gjordes; inget ändrades. Lägg till hen igen om hen ska vara kvar.`,
    en: `Member ${id} was removed while the change was being made; nothing was changed. Add them again if they should stay.`,
  });
}

/**
 * Revoke every live token and session of member id `memberId` at `at`; how many there were. Reads
 * that member's tokens only (`Storage.listMemberTokens`), however many sessions the workspace holds.
 */
async function revokeTokensOf(storage: Storage, workspace: string, memberId: string, at: string): Promise<number> {
  const tokens = (await storage.listMemberTokens(workspace, memberId)).filter((t) => t.revokedAt === null);
  for (const t of tokens) await storage.revokeToken(t.id, at);
  return tokens.length;
}
