/**
 * Every REST write uses the rights its member has when it writes, not those of the request's
 * arrival (`server/http/write-rights.ts`). Each door's request is let through authentication;
 * then, at the next storage call it makes (before it writes), the right is taken away: the member
 * removed or the token revoked (401), the role lowered (403). Nothing the request would have
 * written is stored, and the refusal is in words; with nothing taken away the same request writes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Role, Storage } from '../../../server/storage/storage.js';
import { errorOf, makeFixture, WS, type Fixture } from '../http/support.js';

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const ROUND = { id: '2026-kv-2', title: '2026 kv 2', period: '2026Q2', dueDate: '2026-07-15', indicators: [], activities: true };

/**
 * The seeded storage as the app gets it: once armed, the first storage call after a request's
 * authentication (its token looked up, then its member) first runs `takeAway` on the storage
 * itself. Every call waits for it, so a call made alongside sees the change too.
 */
function hooked(inner: Storage): { storage: Storage; arm(takeAway: (s: Storage) => Promise<void>): void } {
  let stage = 0;
  let takeAway: ((s: Storage) => Promise<void>) | null = null;
  let pending: Promise<void> = Promise.resolve();
  const storage = new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'watchChanges' || prop === 'close') return value;
      return async (...args: unknown[]) => {
        if (takeAway !== null) {
          if (prop === 'getTokenByHash' && stage === 0) stage = 1;
          else if (prop === 'getMember' && stage === 1) stage = 2;
          else if (stage === 2) {
            const run = takeAway;
            takeAway = null;
            pending = run(target);
          }
        }
        await pending;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    storage,
    arm(fn) {
      stage = 0;
      takeAway = fn;
    },
  };
}

/** A door: who sends what, and what of storage it would change. */
type Door = [name: string, member: string, token: (f: Fixture) => string, send: (f: Fixture, token: string) => Promise<Response>, stored: (f: Fixture) => Promise<unknown>];

const roundsState = async (f: Fixture) => JSON.stringify(await f.storage.loadDoc({ workspace: WS, doc: '~rounds' }).then((d) => d.updates.length));
/** The members but the one whose right the test takes away. */
const othersThanAdmin = async (f: Fixture) => (await f.storage.listMembers(WS)).filter((m) => m.id !== 'admin');
const DOORS: Door[] = [
  ['rounds define', 'coord', (f) => f.tokens.coordinator, (f, t) => f.req(`/v1/workspaces/${WS}/rounds`, t, json('POST', { ...ROUND, id: '2026-kv-3', title: '2026 kv 3', period: '2026Q3', dueDate: '2026-10-15' })), roundsState],
  ['rounds submit', 'eda', (f) => f.tokens.editor, (f, t) => f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/units/vc-a/submit`, t, json('POST', {})), roundsState],
  ['rounds close', 'coord', (f) => f.tokens.coordinator, (f, t) => f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/close`, t, json('POST', {})), roundsState],
  ['rounds maturity', 'coord', (f) => f.tokens.coordinator, (f, t) => f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/maturity`, t, json('POST', { level: '2' })), roundsState],
  ['unit add', 'admin', (f) => f.tokens.admin, (f, t) => f.req(`/v1/workspaces/${WS}/units`, t, json('POST', { code: 'vc-c', name: 'Vårdcentral C', parent: 'region' })), (f) => f.storage.listUnits(WS)],
  ['unit rename', 'admin', (f) => f.tokens.admin, (f, t) => f.req(`/v1/workspaces/${WS}/units/vc-b`, t, json('PATCH', { name: 'Vårdcentral Bee' })), (f) => f.storage.listUnits(WS)],
  ['member add', 'admin', (f) => f.tokens.admin, (f, t) => f.req(`/v1/workspaces/${WS}/members`, t, json('POST', { id: 'nina', name: 'Nina', role: 'viewer', units: [] })), othersThanAdmin],
  ['member remove', 'admin', (f) => f.tokens.admin, (f, t) => f.req(`/v1/workspaces/${WS}/members/edb`, t, { method: 'DELETE' }), othersThanAdmin],
  ['token create', 'admin', (f) => f.tokens.admin, (f, t) => f.req(`/v1/workspaces/${WS}/tokens`, t, json('POST', { memberId: 'edb', label: 'ny' })), async (f) => (await f.storage.listTokens(WS)).filter((x) => x.memberId === 'edb').length],
  ['document create', 'eda', (f) => f.tokens.editor, (f, t) => f.req(`/v1/workspaces/${WS}/documents`, t, json('POST', { kind: 'activity-plan', title: 'Ny plan', ownerUnit: 'vc-a', allowDuplicate: true })), (f) => f.storage.listDocs(WS)],
  ['document rename', 'coord', (f) => f.tokens.coordinator, (f, t) => f.req(`/v1/workspaces/${WS}/documents/plan-a`, t, json('PATCH', { title: 'Nytt namn' })), (f) => f.storage.listDocs(WS)],
  ['document archive', 'admin', (f) => f.tokens.admin, (f, t) => f.req(`/v1/workspaces/${WS}/documents/plan-a/archive`, t, { method: 'POST' }), (f) => f.storage.listDocs(WS)],
];

/** How a right is taken away, and the status the request then gets. */
const TAKE_AWAY: [string, (member: string, lower: Role) => (s: Storage) => Promise<void>, number][] = [
  ['the member is removed', (member) => async (s) => void (await s.deleteMember(WS, member, { by: 'admin', at: '2026-01-15T10:00:00.000Z' })), 401],
  ['the token is revoked', (member) => async (s) => {
    for (const t of await s.listTokens(WS)) if (t.memberId === member) await s.revokeToken(t.id, '2026-01-15T10:00:00.000Z');
  }, 401],
  ['the role is lowered', (member, lower) => async (s) => {
    const m = await s.getMember(WS, member);
    if (m) await s.putMember({ ...m, role: lower });
  }, 403],
];

describe('REST writes use the rights of the moment they write', { timeout: 90_000 }, () => {
  let f: Fixture;
  let hook: ReturnType<typeof hooked>;
  afterEach(() => f.close());

  async function fixture(): Promise<void> {
    f = await makeFixture({ wrap: (s) => (hook = hooked(s)).storage });
    // A second admin, so the workspace's admin may lose the right: its only admin is never removed (last-admin.ts).
    await f.storage.putMember({ workspace: WS, id: 'admin-2', name: 'Andra admin', role: 'admin', units: [] });
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json('POST', ROUND))).status).toBe(201);
  }

  it.each(DOORS)('%s: nothing stored when the right is taken away after the request arrived', async (_name, member, token, send, stored) => {
    for (const [how, takeAway, status] of TAKE_AWAY) {
      await fixture();
      const before = JSON.stringify(await stored(f));
      const lower: Role = member === 'eda' ? 'viewer' : 'editor';
      hook.arm(takeAway(member, lower));
      const res = await send(f, token(f));
      expect(res.status, `${how}: ${JSON.stringify(await errorOf(res.clone()).catch(() => null))}`).toBe(status);
      expect(JSON.stringify((await errorOf(res)).details), how).toMatch(/"sv":"[^"]{20,}/);
      expect(JSON.stringify(await stored(f)), how).toBe(before);
      await f.close();
    }
    // Nothing taken away: the same request writes.
    await fixture();
    const before = JSON.stringify(await stored(f));
    hook.arm(async () => {});
    const res = await send(f, token(f));
    expect(res.status, JSON.stringify(await res.clone().text())).toBeLessThan(300);
    expect(JSON.stringify(await stored(f))).not.toBe(before);
  });
});
