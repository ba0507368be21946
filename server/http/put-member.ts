/**
 * Adding or changing a member, shared by `POST /v1/workspaces/:ws/members` and
 * `samplan member add`: the same checks (no identity number in any text, known units, an editor
 * has a unit), the same audit line.
 */
import { z } from 'zod';
import { roleSchema } from '../../shared/protocol/roles.js';
import { MEMBER_ID_PATTERN } from '../auth/oidc-member.js';
import { assertNoIdentity } from '../storage/record-text.js';
import type { MemberRecord, Storage } from '../storage/storage.js';
import { AppError } from './errors.js';

/** A member as the API and the CLI take it. */
export const memberBodySchema = z.object({
  id: z.string().trim().toLowerCase().regex(MEMBER_ID_PATTERN, {
    error: 'must be 1–128 lower-case letters, digits, ".", "_", "-", "+" or "@" (an e-mail address or UPN fits)',
  }),
  name: z.string().trim().min(1).max(200),
  role: roleSchema,
  units: z.array(z.string().min(1).max(64)).max(100).default([]),
});

/** A parsed member body. */
export type MemberBody = z.infer<typeof memberBodySchema>;

/**
 * Store `body` as a member of `workspace` and write the audit line; `created` says whether it is
 * new. Throws `IdentityInTextError` (422) for an identity number in the id, name or units, and
 * {@link AppError} 400 `unknown-unit` or `editor-without-unit`. The workspace must exist.
 *
 * @example
 * await putMember(storage, 'hbi-stockholm', { id: 'nina', name: 'Nina Ek', role: 'viewer', units: [] }, { at, by: 'admin' });
 */
export async function putMember(
  storage: Storage,
  workspace: string,
  body: MemberBody,
  audit: { at: string; by: string | null },
): Promise<{ member: MemberRecord; created: boolean }> {
  assertNoIdentity('member', { id: body.id, name: body.name, units: body.units });
  const known = new Set((await storage.listUnits(workspace)).map((u) => u.code));
  const unknown = body.units.filter((u) => !known.has(u));
  if (unknown.length > 0) {
    throw new AppError(400, 'unknown-unit', `The workspace has no unit ${unknown.join(', ')}.`, { units: unknown });
  }
  if (body.role === 'editor' && body.units.length === 0) {
    throw new AppError(400, 'editor-without-unit', 'An editor must belong to at least one unit, or they cannot edit anything.');
  }
  const created = (await storage.getMember(workspace, body.id)) === null;
  const member: MemberRecord = { workspace, ...body };
  await storage.putMember(member);
  await storage.appendAudit([
    { at: audit.at, workspace, doc: null, memberId: audit.by, action: 'member', bytes: 0, detail: `${created ? 'added' : 'updated'} ${body.id} as ${body.role}` },
  ]);
  return { member, created };
}
