/**
 * `GET /v1/workspaces/:ws/member-removals` and adding a removed member again: coordinators and
 * admins read who was removed, by whom and when; adding the id again lifts the removal, and the
 * audit line and the answer say whose removal it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, WS, type Fixture } from './support.js';

const json = (body: unknown, method = 'POST'): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('removed members', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  const removals = async (token: string) => (await (await f.req(`/v1/workspaces/${WS}/member-removals`, token)).json()) as { removals: unknown[] };

  it('lists a removal with the name the person had, who removed them and when, to coordinators and admins only', async () => {
    expect(await removals(f.tokens.admin)).toEqual({ removals: [] });
    expect((await f.req(`/v1/workspaces/${WS}/members/edb`, f.tokens.coordinator, { method: 'DELETE' })).status).toBe(200);
    const at = f.now.value.toISOString();
    const expected = { removals: [{ id: 'edb', name: 'Person edb', removedBy: 'coord', removedByName: 'Person coord', removedAt: at }] };
    expect(await removals(f.tokens.admin)).toEqual(expected);
    expect(await removals(f.tokens.coordinator)).toEqual(expected);
    for (const token of [f.tokens.editor, f.tokens.viewer]) expect((await f.req(`/v1/workspaces/${WS}/member-removals`, token)).status).toBe(403);
    // Another workspace's removals are as hidden as the workspace itself.
    expect((await f.req('/v1/workspaces/other/member-removals', f.tokens.admin)).status).toBe(404);
  });

  it('adding the member again lifts the removal; the audit line and the answer name whose removal and when', async () => {
    expect((await f.req(`/v1/workspaces/${WS}/members/edb`, f.tokens.coordinator, { method: 'DELETE' })).status).toBe(200);
    const removedAt = f.now.value.toISOString();
    f.now.value = new Date('2026-01-20T08:30:00Z');
    const again = await f.req(`/v1/workspaces/${WS}/members`, f.tokens.admin, json({ id: 'edb', name: 'Person edb', role: 'editor', units: ['vc-b'] }));
    expect(again.status).toBe(201);
    expect(((await again.json()) as { liftedRemoval: unknown }).liftedRemoval).toEqual({ removedBy: 'coord', removedAt });
    expect(await removals(f.tokens.admin)).toEqual({ removals: [] });
    const audit = await f.storage.listAudit(WS, 10);
    expect(audit.find((a) => a.detail?.startsWith('added edb'))).toMatchObject({
      memberId: 'admin',
      detail: `added edb as editor, lifting the removal by coord at ${removedAt}`,
    });
    // A member added who was never removed gets the plain line and no lifted removal.
    const fresh = await f.req(`/v1/workspaces/${WS}/members`, f.tokens.admin, json({ id: 'nina', name: 'Nina', role: 'viewer' }));
    expect(((await fresh.json()) as { liftedRemoval: unknown }).liftedRemoval).toBeNull();
    expect((await f.storage.listAudit(WS, 10)).map((a) => a.detail)).toContain('added nina as viewer');
  });
});
