/**
 * A session signed out (or revoked by an admin) while its refresh is on the way is answered as a
 * revoked sign-in (401 token-revoked), which the pane takes as the end of the session, not as
 * "only a sign-in session can be refreshed; an API token keeps its own expiry" (400
 * not-a-session), which is about API tokens and which the pane answered by trying again every
 * minute. Fails on the old route, which gave every refused refresh the API-token answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { issueSession } from '../../../server/auth/sessions.js';
import type { Storage } from '../../../server/storage/storage.js';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';

let f: Fixture | null = null;
afterEach(() => f?.close());

describe('a refresh of a session revoked on the way', () => {
  it('is answered 401 token-revoked in both languages', async () => {
    /** Set once the request is past sign-in: the session's next read finds it revoked (a sign-out elsewhere, just then). */
    let revokeAtRead: string | null = null;
    const wrap = (s: Storage): Storage =>
      new Proxy(s, {
        get(target, key, receiver) {
          if (key !== 'getToken') return Reflect.get(target, key, receiver) as unknown;
          return async (workspace: string, id: string) => {
            if (revokeAtRead === id) {
              revokeAtRead = null;
              await target.revokeToken(id, new Date().toISOString());
            }
            return target.getToken(workspace, id);
          };
        },
      });
    f = await makeFixture({ wrap });
    const fx = f;
    const { token } = await issueSession(fx.storage, { workspace: WS, memberId: 'eda', via: 'dialog', minutes: 60, clock: () => fx.now.value });
    revokeAtRead = (await fx.storage.listTokens(WS)).find((t) => t.label.startsWith('session') && t.memberId === 'eda')?.id ?? null;
    expect(revokeAtRead).not.toBeNull();
    const res = await fx.req('/v1/session/refresh', token, { method: 'POST' });
    const error = await errorOf(res);
    expect([res.status, error.code]).toEqual([401, 'token-revoked']);
    expect((error.details as { message: { sv: string } }).message.sv).toMatch(/återkallats/);
    // An API token is still told it is no session.
    const api = await fx.req('/v1/session/refresh', fx.tokens.editor, { method: 'POST' });
    expect([api.status, (await errorOf(api)).code]).toEqual([400, 'not-a-session']);
  });
});
