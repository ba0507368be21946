import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';

const json = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('/v1/workspaces', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('lists only the workspace of the token, with the role', async () => {
    const body = (await (await f.req('/v1/workspaces', f.tokens.editor)).json()) as { workspaces: { id: string; role: string; units: string[] }[] };
    expect(body.workspaces).toEqual([expect.objectContaining({ id: WS, role: 'editor', units: ['vc-a'] })]);
  });

  it('shows a workspace with units, a member summary and documents', async () => {
    const res = await f.req(`/v1/workspaces/${WS}`, f.tokens.viewer);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { units: unknown[]; members: { count: number; byRole: Record<string, number>; list?: unknown }; documents: { doc: string }[] };
    expect(body.units).toHaveLength(3);
    expect(body.members.count).toBe(5);
    expect(body.members.byRole).toEqual({ admin: 1, coordinator: 1, editor: 2, viewer: 1 });
    expect(body.members.list).toBeUndefined();
    expect(body.documents.map((d) => d.doc).sort()).toEqual(['handlingsplan', 'partners', 'plan-a']);
  });

  it('shows admins the member list', async () => {
    const body = (await (await f.req(`/v1/workspaces/${WS}`, f.tokens.admin)).json()) as { members: { list: { id: string }[] } };
    expect(body.members.list.map((m) => m.id)).toContain('eda');
  });

  describe('admin API', () => {
    it('adds a member (201) and updates it (200)', async () => {
      const add = await f.req(`/v1/workspaces/${WS}/members`, f.tokens.admin, json({ id: 'nina', name: 'Nina', role: 'editor', units: ['vc-b'] }));
      expect(add.status).toBe(201);
      const again = await f.req(`/v1/workspaces/${WS}/members`, f.tokens.admin, json({ id: 'nina', name: 'Nina', role: 'viewer' }));
      expect(again.status).toBe(200);
      expect((await f.storage.getMember(WS, 'nina'))?.role).toBe('viewer');
    });

    it('refuses members for units the workspace does not have', async () => {
      const res = await f.req(`/v1/workspaces/${WS}/members`, f.tokens.admin, json({ id: 'nina', name: 'Nina', role: 'editor', units: ['vc-z'] }));
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe('unknown-unit');
    });

    it('refuses an invalid body with the field named', async () => {
      const res = await f.req(`/v1/workspaces/${WS}/members`, f.tokens.admin, json({ id: 'Nina Svensson', name: '', role: 'boss' }));
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe('invalid-request');
      expect(JSON.stringify(error.details)).toContain('role');
    });

    it('is for admins and coordinators only', async () => {
      for (const token of [f.tokens.editor, f.tokens.viewer]) {
        const res = await f.req(`/v1/workspaces/${WS}/members`, token, json({ id: 'nina', name: 'Nina', role: 'viewer' }));
        expect(res.status).toBe(403);
        expect((await f.req(`/v1/workspaces/${WS}/tokens`, token)).status).toBe(403);
      }
      expect((await f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.coordinator)).status).toBe(200);
    });

    it('creates a token shown once, lists tokens without hashes, and revokes', async () => {
      const res = await f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.admin, json({ memberId: 'eda', label: 'Power Query' }));
      expect(res.status).toBe(201);
      const created = (await res.json()) as { token: string; record: { id: string; hash?: string } };
      expect(created.token).toMatch(/^spl_/);
      expect(created.record.hash).toBeUndefined();
      expect((await f.req('/v1/workspaces', created.token)).status).toBe(200);

      const list = (await (await f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.admin)).json()) as { tokens: Record<string, unknown>[] };
      expect(list.tokens.length).toBe(6);
      for (const t of list.tokens) expect(t).not.toHaveProperty('hash');

      const del = await f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.admin, json({ id: created.record.id }, 'DELETE'));
      expect(del.status).toBe(200);
      expect((await f.req('/v1/workspaces', created.token)).status).toBe(401);
      const audit = await f.storage.listAudit(WS, 10);
      expect(audit.filter((a) => a.action === 'token' && a.memberId === 'admin').map((a) => a.detail)).toEqual(
        expect.arrayContaining([`created ${created.record.id} for eda`, `revoked ${created.record.id}`]),
      );
    });

    it('answers 404 for a token for an unknown member or an unknown token id', async () => {
      expect((await f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.admin, json({ memberId: 'nobody' }))).status).toBe(404);
      expect((await f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.admin, json({ id: 'nope' }, 'DELETE'))).status).toBe(404);
    });
  });
});
