import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../server/auth/principal.js';
import { reassess } from '../../../server/auth/reassess.js';
import { RIGHTS_REASONS, type CurrentRights } from '../../../server/sync/rights.js';
import type { DocRecord, MemberRecord } from '../../../server/storage/storage.js';

const at = new Date('2026-06-01T12:00:00Z');
const plan: DocRecord = { workspace: 'ws', doc: 'plan', kind: 'activity-plan', title: 'Plan', ownerUnit: 'husby', createdAt: '', updatedAt: '' };
const anna: MemberRecord = { workspace: 'ws', id: 'anna', name: 'Anna', role: 'editor', units: ['husby'] };
const principal: Principal = { workspace: 'ws', memberId: 'anna', name: 'Anna', role: 'editor', units: ['husby'], tokenId: 't1', expiresAt: null };
const token = { revokedAt: null, expiresAt: null };
const now = (over: Partial<CurrentRights>): CurrentRights => ({ token, member: anna, doc: plan, ...over });

describe('reassess', () => {
  it.each([
    ['a revoked token', now({ token: { revokedAt: '2026-06-01T11:00:00Z', expiresAt: null } }), 4401, RIGHTS_REASONS.revoked],
    ['a vanished token', now({ token: null }), 4401, RIGHTS_REASONS.revoked],
    ['an expired token', now({ token: { revokedAt: null, expiresAt: '2026-06-01T12:00:00Z' } }), 4401, RIGHTS_REASONS.expired],
    ['a removed member', now({ member: null }), 4401, RIGHTS_REASONS.removed],
    ['a deleted document', now({ doc: null }), 4404, RIGHTS_REASONS.deleted],
    ['a demotion to viewer', now({ member: { ...anna, role: 'viewer' } }), 4403, RIGHTS_REASONS.noWrite],
    ['losing the owning unit', now({ member: { ...anna, units: ['tensta'] } }), 4403, RIGHTS_REASONS.noWriteUnits],
    ['losing every unit', now({ member: { ...anna, units: [] } }), 4403, RIGHTS_REASONS.noWriteUnits],
    ['a demotion to viewer with other units', now({ member: { ...anna, role: 'viewer', units: ['tensta'] } }), 4403, RIGHTS_REASONS.noWrite],
  ])('closes on %s', (_what, rights, code, reason) => {
    expect(reassess(principal, rights, at)).toEqual({ ok: false, code, reason });
  });

  it.each([
    ['a promotion', { ...anna, role: 'coordinator' as const }],
    ['a new name', { ...anna, name: 'Anna Lind' }],
    ['another unit', { ...anna, units: ['husby', 'tensta'] }],
  ])('keeps the socket after %s, with the new principal', (_what, member) => {
    expect(reassess(principal, now({ member }), at)).toEqual({ ok: true, principal: { ...principal, name: member.name, role: member.role, units: member.units } });
  });

  it('names the role, not the units, when a coordinator becomes an editor of another unit', () => {
    const coordinator = { ...principal, role: 'coordinator' as const, units: [] };
    expect(reassess(coordinator, now({ member: { ...anna, units: ['tensta'] } }), at)).toEqual({ ok: false, code: 4403, reason: RIGHTS_REASONS.noWrite });
  });

  it('says in words that the units, not the role, changed', () => {
    expect(RIGHTS_REASONS.noWriteUnits).toMatch(/units/);
    expect(RIGHTS_REASONS.noWriteUnits).not.toMatch(/role/i);
    expect(new TextEncoder().encode(RIGHTS_REASONS.noWriteUnits).length).toBeLessThanOrEqual(123);
  });

  it('keeps a viewer a viewer after a change that does not concern writing', () => {
    const viewer = { ...principal, role: 'viewer' as const, units: [] };
    expect(reassess(viewer, now({ member: { ...anna, role: 'viewer', units: ['tensta'] } }), at)).toMatchObject({ ok: true });
  });
});
