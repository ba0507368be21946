/**
 * `/v1/workspaces`: the workspaces a token opens, one workspace's units, members and documents,
 * and the admin API (members, tokens).
 */
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import { isSessionRecord } from '../auth/sessions.js';
import { alsoEndedDetail, endSession } from '../auth/sign-in-end.js';
import { assertNoIdentity } from '../storage/record-text.js';
import { strictBody } from '../../shared/validate/strict-body.js';
import type { MemberRecord } from '../storage/storage.js';
import { memberBodySchema } from './member-body.js';
import { tokenLabelSchema } from './token-label.js';
import { putMember, removeMember } from './put-member.js';
import { canManageMember } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { Role } from '../storage/storage.js';
import { assertCan, can } from './access.js';
import type { AuthEnv, RouteDeps } from './context.js';
import { AppError, notFound, validationHook, workspaceNotFound } from './errors.js';
import type { WorkspaceFeed } from './workspace-feed.js';
import type { MemberRemovedAnswer, MemberSavedAnswer, TokenRevokedAnswer } from '../../shared/protocol/rights-answers.js';
import type { MemberRemovalsAnswer } from '../../shared/protocol/member-removals.js';
import { MEMBER_ID_MAX } from '../../shared/protocol/member-id.js';

/**
 * Body of `POST /v1/workspaces/:ws/tokens`. Strict: a key it does not know (`days` for
 * `expiresInDays`) is refused with 400 naming it, instead of making a token that never expires.
 */
export const tokenBodySchema = strictBody({
  memberId: z.string().min(1).max(MEMBER_ID_MAX),
  label: tokenLabelSchema.default(''),
  /** Days until the token expires; none for a token that does not expire. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

/** Body of `DELETE /v1/workspaces/:ws/tokens`. */
export const revokeBodySchema = strictBody({ id: z.string().min(1).max(100) });

/** The member summary of a workspace: how many, by role (names only for admins). */
function memberSummary(members: MemberRecord[], full: boolean) {
  const byRole = { admin: 0, coordinator: 0, editor: 0, viewer: 0 };
  for (const m of members) byRole[m.role]++;
  return {
    count: members.length,
    byRole,
    ...(full ? { list: members.map(({ id, name, role, units }) => ({ id, name, role, units })) } : {}),
  };
}

/** 404 `member-not-found` for member `id`, in both languages. */
function memberNotFound(id: string): AppError {
  return notFound('member-not-found', { sv: `Arbetsytan har ingen medlem "${id}".`, en: `The workspace has no member "${id}".` });
}

/** The workspace routes. */
export function workspaceRoutes(deps: RouteDeps & { feed?: Pick<WorkspaceFeed, 'notifyMembers' | 'notifyTokens'> }) {
  const { storage, clock } = deps;
  const app = new Hono<AuthEnv>();

  const loadWorkspace = async (id: string) => {
    const ws = await storage.getWorkspace(id);
    if (!ws) throw workspaceNotFound(id);
    return ws;
  };

  app.get('/', async (c) => {
    const p = c.get('principal');
    const ws = await storage.getWorkspace(p.workspace);
    return c.json({
      workspaces: ws ? [{ id: ws.id, name: ws.name, role: p.role, units: p.units, memberId: p.memberId }] : [],
    });
  });

  app.get('/:ws', async (c) => {
    const p = c.get('principal');
    const id = c.req.param('ws');
    assertCan(p, 'read', { workspace: id });
    const ws = await loadWorkspace(id);
    const [units, members, docs] = await Promise.all([storage.listUnits(id), storage.listMembers(id), storage.listDocs(id)]);
    return c.json({
      id: ws.id,
      name: ws.name,
      createdAt: ws.createdAt,
      you: { memberId: p.memberId, name: p.name, role: p.role, units: p.units },
      units,
      members: memberSummary(members, can(p, 'members', { workspace: id })),
      documents: docs,
    });
  });

  /** The member `memberId` of `ws`, or 404. */
  const loadMember = async (ws: string, memberId: string) => {
    const member = await storage.getMember(ws, memberId);
    if (!member) throw memberNotFound(memberId);
    return member;
  };
  const assertManages = (p: Principal, current: Role | null, next: Role | null) => {
    if (!canManageMember(p, current, next)) {
      const message = {
        sv: 'Bara en administratör kan göra någon till administratör eller ändra en administratör.',
        en: 'Only an administrator may make someone an administrator or change an administrator.',
      };
      throw new AppError(403, 'forbidden', message, { role: p.role, reason: 'admin-only' });
    }
  };

  app.get('/:ws/members', async (c) => {
    const p = c.get('principal');
    const id = c.req.param('ws');
    assertCan(p, 'members', { workspace: id });
    await loadWorkspace(id);
    const members = await storage.listMembers(id);
    return c.json({ members: members.map(({ id: memberId, name, role, units }) => ({ id: memberId, name, role, units })) });
  });

  /**
   * `GET /:ws/member-removals` (admins and coordinators): the members an admin or coordinator
   * removed and nobody has added again, `{ removals: [{ id, name, removedBy, removedByName, removedAt }] }`
   * by id (`MemberRemovalsAnswer`); `name` is the removed person's display name as it was at the
   * removal (null for one kept before names were: `RemovalRecord.name`), `removedBy` null for a
   * removal made with `samplan member remove`, `removedByName` the remover's name while they are a
   * member (else null).
   */
  app.get('/:ws/member-removals', async (c) => {
    const p = c.get('principal');
    const id = c.req.param('ws');
    assertCan(p, 'members', { workspace: id });
    await loadWorkspace(id);
    const [removals, members] = await Promise.all([storage.listRemovals(id), storage.listMembers(id)]);
    const names = new Map(members.map((m) => [m.id, m.name]));
    const answer: MemberRemovalsAnswer = {
      removals: removals.map((r) => ({
        id: r.id,
        name: r.name,
        removedBy: r.removedBy,
        removedByName: (r.removedBy !== null ? names.get(r.removedBy) : undefined) ?? null,
        removedAt: r.removedAt,
      })),
    };
    return c.json(answer);
  });

  app.post('/:ws/members', zValidator('json', memberBodySchema, validationHook), async (c) => {
    const p = c.get('principal');
    const id = c.req.param('ws');
    assertCan(p, 'members', { workspace: id });
    await loadWorkspace(id);
    const body = c.req.valid('json');
    assertManages(p, (await storage.getMember(id, body.id))?.role ?? null, body.role);
    const { member, created, lifted } = await putMember(storage, id, body, { at: clock().toISOString(), by: p.memberId });
    // In force on every server process before the answer (`publishingRights`), or said not to be.
    const unconfirmed = await deps.rights.memberChanged(member);
    await deps.feed?.notifyMembers(id);
    const liftedRemoval = lifted ? { removedBy: lifted.removedBy, removedAt: lifted.removedAt } : null;
    const answer: MemberSavedAnswer = { member, created, liftedRemoval, ...(unconfirmed ? { unconfirmed } : {}) };
    return c.json(answer, created ? 201 : 200);
  });

  app.get('/:ws/tokens', async (c) => {
    const p = c.get('principal');
    const id = c.req.param('ws');
    assertCan(p, 'members', { workspace: id });
    const tokens = await storage.listTokens(id);
    // The hash never leaves the server, even for admins.
    return c.json({ tokens: tokens.map(({ hash: _hash, ...rest }) => ({ ...rest, kind: isSessionRecord(rest) ? 'session' : 'token' })) });
  });

  app.post('/:ws/tokens', zValidator('json', tokenBodySchema, validationHook), async (c) => {
    const p = c.get('principal');
    const id = c.req.param('ws');
    assertCan(p, 'members', { workspace: id });
    const body = c.req.valid('json');
    assertNoIdentity('token', { memberId: body.memberId, label: body.label });
    const holder = await storage.getMember(id, body.memberId);
    if (!holder) {
      throw notFound('member-not-found', {
        sv: `Arbetsytan har ingen medlem "${body.memberId}". Lägg till medlemmen först.`,
        en: `The workspace has no member "${body.memberId}". Add the member first.`,
      });
    }
    assertManages(p, holder.role, null);
    const expiresAt = body.expiresInDays ? new Date(clock().getTime() + body.expiresInDays * 86_400_000).toISOString() : null;
    // The token and its audit line (`created <id> for <member>`) are stored in one transaction.
    const { secret: token, record } = await deps.issueToken({ workspace: id, memberId: body.memberId, label: body.label, expiresAt, auditBy: p.memberId });
    const { hash: _hash, ...shown } = record;
    return c.json({ token, record: shown, note: 'The token is shown only this once; store it now.' }, 201);
  });

  app.delete('/:ws/tokens', zValidator('json', revokeBodySchema, validationHook), async (c) => {
    const p = c.get('principal');
    const id = c.req.param('ws');
    assertCan(p, 'members', { workspace: id });
    const { id: tokenId } = c.req.valid('json');
    const token = await storage.getToken(id, tokenId);
    if (!token) throw notFound('token-not-found', { sv: `Arbetsytan har ingen token med id "${tokenId}".`, en: `The workspace has no token with id "${tokenId}".` });
    assertManages(p, (await storage.getMember(id, token.memberId))?.role ?? null, null);
    const at = clock().toISOString();
    const line = (detail: string) => ({ at, workspace: id, doc: null, memberId: p.memberId, action: 'token', bytes: 0, detail });
    // Each revocation and its audit line in one transaction; a session's sign-in ends with it in
    // this workspace, the one the revoker governs, not in another (`sign-in-end.ts`).
    const { unconfirmed } = await endSession(deps, { tokenId, at, lines: [line(`revoked ${tokenId}`)], within: id, also: (g) => line(alsoEndedDetail(g.ids)) });
    await deps.feed?.notifyTokens(id);
    const answer: TokenRevokedAnswer = { revoked: tokenId, ...(unconfirmed ? { unconfirmed } : {}) };
    return c.json(answer);
  });

  app.delete('/:ws/members/:member', async (c) => {
    const p = c.get('principal');
    const id = c.req.param('ws');
    const memberId = c.req.param('member');
    assertCan(p, 'members', { workspace: id });
    if (memberId === p.memberId) {
      throw new AppError(400, 'remove-self', { sv: 'Du kan inte ta bort dig själv; be en annan administratör.', en: 'You cannot remove yourself; ask another admin.' });
    }
    assertManages(p, (await loadMember(id, memberId)).role, null);
    const removed = await removeMember(storage, id, memberId, { at: clock().toISOString(), by: p.memberId });
    if (!removed) throw memberNotFound(memberId);
    const unconfirmed = await deps.rights.memberRemoved(id, memberId);
    await deps.feed?.notifyMembers(id);
    const answer: MemberRemovedAnswer = { removed: memberId, tokensRevoked: removed.tokensRevoked, ...(unconfirmed ? { unconfirmed } : {}) };
    return c.json(answer);
  });

  return app;
}
