import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, makeFixture, WS, type Fixture, englishOf } from './support.js';

describe('HTTP authentication', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('answers 401 with a sentence when no token is sent', async () => {
    const res = await f.req('/v1/workspaces');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    const error = await errorOf(res);
    expect(error.code).toBe('token-missing');
    expect(englishOf(error)).toMatch(/No access token was sent/);
  });

  it('says what is wrong with an Authorization header that holds no bearer token, never repeating its secret part', async () => {
    const cases: [string, RegExp][] = [
      ['Basic dXNlcjpwYXNz', /uses "Basic", not "Bearer <token>"\. In Power Query choose Anonymous/],
      ['Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnag', /uses "Negotiate"/],
      [`Bearer ${f.tokens.admin} ${f.tokens.admin}`, /more than one word after "Bearer"/],
      [f.tokens.admin, /lacks "Bearer " before the token/],
    ];
    for (const [header, message] of cases) {
      const res = await f.req('/v1/workspaces', undefined, { headers: { authorization: header } });
      expect(res.status).toBe(401);
      const text = await res.text();
      const error = (JSON.parse(text) as { error: { code: string; message: string; details: { message: { sv: string } } } }).error;
      expect(error.code).toBe('token-malformed');
      expect(englishOf(error)).toMatch(message);
      expect(error.details.message.sv).toMatch(/Rubriken Authorization/);
      for (const secret of header.split(' ').slice(1)) expect(text).not.toContain(secret);
      if (!header.includes(' ')) expect(text).not.toContain(header);
    }
    // The ?token= of a browser still works beside a header a proxy added.
    expect((await f.req(`/v1/workspaces?token=${f.tokens.admin}`, undefined, { headers: { authorization: 'Basic dXNlcjpwYXNz' } })).status).toBe(200);
    expect((await errorOf(await f.req('/v1/workspaces', undefined, { headers: { authorization: 'Bearer ' } }))).code).toBe('token-missing');
  });

  it('answers 401 for an unknown token', async () => {
    const res = await f.req('/v1/workspaces', 'spl_' + 'A'.repeat(43));
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('token-unknown');
  });

  it('answers 401 for an expired token, saying it expired', async () => {
    const res1 = await f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.admin, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ memberId: 'chef', label: 'kort', expiresInDays: 1 }),
    });
    const { token } = (await res1.json()) as { token: string };
    expect((await f.req('/v1/workspaces', token)).status).toBe(200);
    f.now.value = new Date(f.now.value.getTime() + 2 * 86_400_000);
    const res = await f.req('/v1/workspaces', token);
    expect(res.status).toBe(401);
    const error = await errorOf(res);
    expect(error.code).toBe('token-expired');
    expect(englishOf(error)).toMatch(/expired/);
  });

  it('refuses a token body with a key it does not know (days for expiresInDays) in words, and makes no token', async () => {
    const before = await f.storage.listTokens(WS);
    const res = await f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.admin, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ memberId: 'chef', label: 'Power Query', days: 3 }),
    });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid-request');
    expect(error.message).toMatch(/"days"/);
    expect(await f.storage.listTokens(WS)).toEqual(before);
  });

  it('answers 401 for a revoked token, saying it was revoked', async () => {
    const list = (await (await f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.admin)).json()) as { tokens: { id: string; memberId: string }[] };
    const chef = list.tokens.find((t) => t.memberId === 'chef');
    const del = await f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.admin, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: chef?.id }),
    });
    expect(del.status).toBe(200);
    const res = await f.req('/v1/workspaces', f.tokens.viewer);
    expect(res.status).toBe(401);
    expect(englishOf(await errorOf(res))).toMatch(/revoked/);
  });

  it('accepts the token in the query string, for browsers and Excel', async () => {
    const res = await f.samplan.app.request(`/v1/workspaces?token=${f.tokens.viewer}`);
    expect(res.status).toBe(200);
  });

  it('answers 403 with the role when the role does not allow the action', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.viewer, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'Aktivitet\nx\n',
    });
    expect(res.status).toBe(403);
    const error = await errorOf(res);
    expect(error.code).toBe('forbidden');
    expect(error.details).toMatchObject({ role: 'viewer', action: 'import' });
  });

  it('does not reveal another workspace: 404 for a token of this one', async () => {
    const res = await f.req('/v1/workspaces/other', f.tokens.admin);
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('workspace-not-found');
  });
});
