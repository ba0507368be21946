/**
 * A token made for a member while an admin removes that member (two requests at once, or two
 * processes) must not come back to life when the member is added again: removal revokes the
 * member's tokens, and a token stored after that revocation read the member before it was deleted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveToken } from '../../../server/auth/tokens.js';
import { makeFixture, WS, type Fixture } from './support.js';

const json = (body: unknown, method = 'POST'): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('a token made while its member is removed', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('stays dead when the member is added again', async () => {
    // The token's write is slow (another process, a busy database): it lands after the removal
    // revoked the member's tokens, though the token read the member before it was deleted.
    const putToken = f.storage.putToken.bind(f.storage);
    let writing!: () => void;
    const reached = new Promise<void>((resolve) => (writing = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    f.storage.putToken = async (record) => {
      if (record.memberId === 'edb' && record.label === 'Excel') {
        writing();
        await gate;
      }
      return putToken(record);
    };
    const making = f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.admin, json({ memberId: 'edb', label: 'Excel' }));
    await reached;
    const removed = await f.req(`/v1/workspaces/${WS}/members/edb`, f.tokens.coordinator, { method: 'DELETE' });
    release();
    const made = await making;
    expect(made.status).toBe(201);
    expect(removed.status).toBe(200);
    const { token: secret } = (await made.json()) as { token: string };
    const again = await f.req(`/v1/workspaces/${WS}/members`, f.tokens.admin, json({ id: 'edb', name: 'Person edb', role: 'viewer' }));
    expect(again.status).toBe(201);
    expect(await resolveToken(f.storage, secret, f.now.value)).toEqual({ ok: false, reason: 'revoked' });
    expect((await f.req(`/v1/session`, secret)).status).toBe(401);
    for (const t of (await f.storage.listTokens(WS)).filter((r) => r.memberId === 'edb')) expect(t.revokedAt).not.toBeNull();
  });
});
