/**
 * The auth matrix over HTTP: every role × every action, each with the status the policy of
 * DESIGN.md gives, once with API tokens and once with sign-in sessions (the same rights must
 * follow from either). Editors belong to clinic vc-a; plan-a is vc-a's plan, plan-b is vc-b's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSession } from '../../../server/auth/sessions.js';
import { makeFixture, WS, type Fixture } from './support.js';

type RoleKey = 'admin' | 'coordinator' | 'editor' | 'viewer';

const csv = (title: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'text/csv' }, body: `Aktivitet;Typ\n${title};halsodag\n` });

type Kind = 'token' | 'session';
const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const ACTIONS: Record<string, { expected: Record<RoleKey, number>; call: (f: Fixture, token: string, role: RoleKey, kind: Kind) => Promise<Response> }> = {
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
    call: (f, t, role, kind) =>
      f.req(`/v1/workspaces/${WS}/documents`, t, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'activity-plan', title: 'Ny', ownerUnit: 'vc-a', id: `ny-${role}-${kind}` }),
      }),
  },
  'import reference data': {
    expected: { admin: 200, coordinator: 200, editor: 403, viewer: 403 },
    call: (f, t) => f.req(`/v1/workspaces/${WS}/documents/partners/import?dryRun=true`, t, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'Namn;Typ\nBiblioteket;kommun\n' }),
  },
  'list tokens': {
    expected: { admin: 200, coordinator: 200, editor: 403, viewer: 403 },
    call: (f, t) => f.req(`/v1/workspaces/${WS}/tokens`, t),
  },
  'list members': {
    expected: { admin: 200, coordinator: 200, editor: 403, viewer: 403 },
    call: (f, t) => f.req(`/v1/workspaces/${WS}/members`, t),
  },
  'invite a viewer': {
    expected: { admin: 201, coordinator: 201, editor: 403, viewer: 403 },
    call: (f, t, role, kind) => f.req(`/v1/workspaces/${WS}/members`, t, json('POST', { id: `ny.${role}.${kind}@region.test`, name: 'Ny', role: 'viewer' })),
  },
  'make an admin': {
    expected: { admin: 201, coordinator: 403, editor: 403, viewer: 403 },
    call: (f, t, role, kind) => f.req(`/v1/workspaces/${WS}/members`, t, json('POST', { id: `admin.${role}.${kind}@region.test`, name: 'Ny', role: 'admin' })),
  },
  'add a unit': {
    expected: { admin: 201, coordinator: 201, editor: 403, viewer: 403 },
    call: (f, t, role, kind) => f.req(`/v1/workspaces/${WS}/units`, t, json('POST', { code: `vc-${role}-${kind}`, name: `Ny vårdcentral ${role} ${kind}`, parent: 'region' })),
  },
  'rename the workspace': {
    expected: { admin: 200, coordinator: 403, editor: 403, viewer: 403 },
    call: (f, t) => f.req(`/v1/workspaces/${WS}`, t, json('PATCH', { name: 'Testregionen' })),
  },
};

describe('auth matrix over HTTP', () => {
  let f: Fixture;
  const sessions = {} as Record<RoleKey, string>;
  beforeAll(async () => {
    f = await makeFixture();
    const members: Record<RoleKey, string> = { admin: 'admin', coordinator: 'coord', editor: 'eda', viewer: 'chef' };
    for (const role of Object.keys(members) as RoleKey[]) {
      const clock = () => f.now.value;
      sessions[role] = (await issueSession(f.storage, { workspace: WS, memberId: members[role], via: 'test', minutes: 60, clock })).token;
    }
    await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.coordinator, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'activity-plan', title: 'Plan B', ownerUnit: 'vc-b', id: 'plan-b' }),
    });
  });
  afterAll(() => f.close());

  for (const kind of ['token', 'session'] as const) {
    for (const [action, { expected, call }] of Object.entries(ACTIONS)) {
      for (const role of Object.keys(expected) as RoleKey[]) {
        it(`${role} (${kind}) × ${action} → ${expected[role]}`, async () => {
          const res = await call(f, kind === 'token' ? f.tokens[role] : sessions[role], role, kind);
          expect(res.status).toBe(expected[role]);
          if (res.status >= 400) expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
        });
      }
    }
  }
});
