/**
 * The auth matrix over HTTP: every role × every action, each with the status the policy of
 * DESIGN.md gives. Editors belong to clinic vc-a; plan-a is vc-a's plan, plan-b is vc-b's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture, WS, type Fixture } from './support.js';

type RoleKey = 'admin' | 'coordinator' | 'editor' | 'viewer';

const csv = (title: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'text/csv' }, body: `Aktivitet;Typ\n${title};halsodag\n` });

const ACTIONS: Record<string, { expected: Record<RoleKey, number>; call: (f: Fixture, token: string, role: RoleKey) => Promise<Response> }> = {
  read: {
    expected: { admin: 200, coordinator: 200, editor: 200, viewer: 200 },
    call: (f, t) => f.req(`/v1/workspaces/${WS}/documents/plan-a`, t),
  },
  export: {
    expected: { admin: 200, coordinator: 200, editor: 200, viewer: 200 },
    call: (f, t) => f.req(`/v1/workspaces/${WS}/documents/plan-b/rows?format=csv`, t),
  },
  'write own unit': {
    expected: { admin: 200, coordinator: 200, editor: 200, viewer: 403 },
    call: (f, t, role) => f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, t, csv(`Från ${role}`)),
  },
  'write other unit': {
    expected: { admin: 200, coordinator: 200, editor: 403, viewer: 403 },
    call: (f, t, role) => f.req(`/v1/workspaces/${WS}/documents/plan-b/import`, t, csv(`Från ${role}`)),
  },
  create: {
    expected: { admin: 201, coordinator: 201, editor: 201, viewer: 403 },
    call: (f, t, role) =>
      f.req(`/v1/workspaces/${WS}/documents`, t, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'activity-plan', title: 'Ny', ownerUnit: 'vc-a', id: `ny-${role}` }),
      }),
  },
  'import reference data': {
    expected: { admin: 200, coordinator: 200, editor: 403, viewer: 403 },
    call: (f, t) => f.req(`/v1/workspaces/${WS}/documents/partners/import?dryRun=true`, t, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'Namn;Typ\nBiblioteket;kommun\n' }),
  },
  'admin API': {
    expected: { admin: 200, coordinator: 403, editor: 403, viewer: 403 },
    call: (f, t) => f.req(`/v1/workspaces/${WS}/tokens`, t),
  },
};

describe('auth matrix over HTTP', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
    await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.coordinator, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'activity-plan', title: 'Plan B', ownerUnit: 'vc-b', id: 'plan-b' }),
    });
  });
  afterAll(() => f.close());

  for (const [action, { expected, call }] of Object.entries(ACTIONS)) {
    for (const role of Object.keys(expected) as RoleKey[]) {
      it(`${role} × ${action} → ${expected[role]}`, async () => {
        const res = await call(f, f.tokens[role], role);
        expect(res.status).toBe(expected[role]);
        if (res.status >= 400) expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
      });
    }
  }
});
