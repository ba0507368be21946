/**
 * Workspaces and units over the API: created and renamed, every name through the personnummer
 * guard, parents checked, each change in the audit; coordinators manage members below admin.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';

let f: Fixture;
beforeEach(async () => {
  f = await makeFixture();
});
afterEach(() => f.close());

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('workspaces and units', () => {
  it('creates a workspace whose creator is its first admin, and refuses a taken id', async () => {
    const res = await f.req('/v1/workspaces', f.tokens.admin, json('POST', { id: 'hbi-jonkoping', name: 'Hälsofrämjande Jönköping' }));
    expect(res.status).toBe(201);
    expect(await f.storage.getMember('hbi-jonkoping', 'admin')).toMatchObject({ role: 'admin' });
    expect((await f.storage.listAudit('hbi-jonkoping', 5)).map((a) => a.action)).toContain('workspace');
    const again = await f.req('/v1/workspaces', f.tokens.admin, json('POST', { id: 'hbi-jonkoping', name: 'X' }));
    expect(again.status).toBe(409);
  });

  it('renames the workspace and refuses a personnummer in the new name', async () => {
    expect((await f.req(`/v1/workspaces/${WS}`, f.tokens.admin, json('PATCH', { name: 'Region Test' }))).status).toBe(200);
    expect((await f.storage.getWorkspace(WS))?.name).toBe('Region Test');
    const bad = await f.req(`/v1/workspaces/${WS}`, f.tokens.admin, json('PATCH', { name: 'Region 19811218-9876' }));
    expect(bad.status).toBe(422);
    expect((await f.storage.getWorkspace(WS))?.name).toBe('Region Test');
  });

  it('adds and renames units, checking the parent and refusing a loop', async () => {
    const add = await f.req(`/v1/workspaces/${WS}/units`, f.tokens.coordinator, json('POST', { code: 'vc-c', name: 'Vårdcentral C', parent: 'region' }));
    expect(add.status).toBe(201);
    expect((await f.req(`/v1/workspaces/${WS}/units`, f.tokens.coordinator, json('POST', { code: 'vc-c', name: 'Igen' }))).status).toBe(409);
    const orphan = await f.req(`/v1/workspaces/${WS}/units`, f.tokens.coordinator, json('POST', { code: 'vc-d', name: 'D', parent: 'nowhere' }));
    expect((await errorOf(orphan)).code).toBe('unknown-unit');
    const loop = await f.req(`/v1/workspaces/${WS}/units/region`, f.tokens.coordinator, json('PATCH', { parent: 'vc-c' }));
    expect((await errorOf(loop)).code).toBe('unit-cycle');
    const rename = await f.req(`/v1/workspaces/${WS}/units/vc-c`, f.tokens.coordinator, json('PATCH', { name: 'Vårdcentral Centrum' }));
    expect(rename.status).toBe(200);
    expect((await f.storage.listUnits(WS)).find((u) => u.code === 'vc-c')).toMatchObject({ name: 'Vårdcentral Centrum', parent: 'region' });
    const pnr = await f.req(`/v1/workspaces/${WS}/units`, f.tokens.coordinator, json('POST', { code: 'vc-e', name: 'VC 811218-9876' }));
    expect(pnr.status).toBe(422);
    expect((await f.storage.listUnits(WS)).some((u) => u.code === 'vc-e')).toBe(false);
  });
});

describe('coordinators and members', () => {
  it('invite by e-mail, change and remove members below admin, but never an admin', async () => {
    const invite = await f.req(`/v1/workspaces/${WS}/members`, f.tokens.coordinator, json('POST', { id: 'Nina.Ek@Region.test', name: 'Nina Ek', role: 'editor', units: ['vc-b'] }));
    expect(invite.status).toBe(201);
    expect(await f.storage.getMember(WS, 'nina.ek@region.test')).toMatchObject({ role: 'editor', units: ['vc-b'] });
    const token = await f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.coordinator, json('POST', { memberId: 'nina.ek@region.test', label: 'Power Query', expiresInDays: 30 }));
    expect(token.status).toBe(201);
    expect((await f.req(`/v1/workspaces/${WS}/members/nina.ek@region.test`, f.tokens.coordinator, { method: 'DELETE' })).status).toBe(200);
    const demote = await f.req(`/v1/workspaces/${WS}/members`, f.tokens.coordinator, json('POST', { id: 'admin', name: 'Person admin', role: 'viewer' }));
    expect(demote.status).toBe(403);
    expect((await f.req(`/v1/workspaces/${WS}/members/admin`, f.tokens.coordinator, { method: 'DELETE' })).status).toBe(403);
    const adminToken = await f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.coordinator, json('POST', { memberId: 'admin', label: 'x' }));
    expect(adminToken.status).toBe(403);
    expect(await f.storage.getMember(WS, 'admin')).toMatchObject({ role: 'admin' });
  });

  it('refuses an API token label that would pass for a sign-in session', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.admin, json('POST', { memberId: 'chef', label: 'session: dialog' }));
    expect(res.status).toBe(400);
  });
});
