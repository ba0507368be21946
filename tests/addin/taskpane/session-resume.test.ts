// @vitest-environment happy-dom
/**
 * A pane opened with a sign-in it already holds (remembered, or handed in) while the server does
 * not answer — Excel opened offline, the server restarting — tries the same sign-in again by
 * itself, and at once when the browser is back online, instead of leaving the person on the
 * sign-in form for good. A refused token is not tried again, and the person's own sign-in or
 * sign-out stops the tries.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionController } from '../../../addin/taskpane/session-controller.js';
import { fakeFetch, fakeHost as host, SIGN_IN_ROUTES } from './support.js';

/** A server that does not answer until `up` is set, then answers the sign-in. */
function flakyServer() {
  const server = fakeFetch(SIGN_IN_ROUTES);
  const state = { up: false, tries: 0 };
  const fetchImpl = ((input: RequestInfo | URL, init?: RequestInit) => {
    if (String(input).endsWith('/v1/workspaces')) state.tries++;
    return state.up ? server.fetch(input, init) : Promise.reject(new TypeError('Failed to fetch'));
  }) as typeof fetch;
  return { state, fetchImpl };
}

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const sessions: SessionController[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.hostDisconnected();
});

function session(fetchImpl: typeof fetch, resumeRetriesMs: readonly number[]): SessionController {
  const s = new SessionController(host(), { storageKey: '', fetchImpl, resumeRetriesMs });
  sessions.push(s);
  return s;
}

describe('SessionController.resume', () => {
  beforeEach(() => localStorage.clear());

  it('tries a sign-in the server did not answer again, and signs in once the server answers', async () => {
    const { state, fetchImpl } = flakyServer();
    const s = session(fetchImpl, [10, 20]);
    expect(await s.resume('http://localhost:8787', 'spl_a')).toBe(false);
    expect(s.error).toBe('unreachable');
    expect(s.retrying).toEqual({ serverUrl: 'http://localhost:8787', token: 'spl_a' });
    await until(() => state.tries >= 3);
    expect(s.state).toBe('signed-out');
    state.up = true;
    await until(() => s.state === 'signed-in');
    expect(s.me?.name).toBe('Anna Andersson');
    expect(s.retrying).toBeNull();
    expect(s.error).toBeNull();
  });

  it('tries at once when the browser is back online', async () => {
    const { state, fetchImpl } = flakyServer();
    const s = session(fetchImpl, [60_000]);
    await s.resume('http://localhost:8787', 'spl_a', 'hbi-stockholm');
    expect(state.tries).toBe(1);
    state.up = true;
    globalThis.dispatchEvent(new Event('online'));
    await until(() => s.state === 'signed-in');
    expect(state.tries).toBe(2);
  });

  it('does not try a refused token again', async () => {
    let tries = 0;
    const fetchImpl = (async () => {
      tries++;
      return Response.json({ error: { code: 'token-revoked', message: 'The access token is revoked.', details: { reason: 'revoked' } } }, { status: 401 });
    }) as typeof fetch;
    const s = session(fetchImpl, [5]);
    expect(await s.resume('http://localhost:8787', 'spl_x')).toBe(false);
    expect(s.error).toBe('revoked');
    expect(s.retrying).toBeNull();
    await new Promise((r) => setTimeout(r, 60));
    expect(tries).toBe(1);
  });

  it("stops trying when the person signs in with another token or signs out", async () => {
    const { state, fetchImpl } = flakyServer();
    const s = session(fetchImpl, [15]);
    await s.resume('http://localhost:8787', 'spl_a');
    s.signOut();
    expect(s.retrying).toBeNull();
    const after = state.tries;
    await new Promise((r) => setTimeout(r, 80));
    expect(state.tries).toBe(after);

    await s.resume('http://localhost:8787', 'spl_a');
    state.up = true;
    expect(await s.signIn('http://localhost:8787', 'spl_b')).toBe(true);
    expect(s.retrying).toBeNull();
    const signedIn = state.tries;
    await new Promise((r) => setTimeout(r, 80));
    expect(state.tries).toBe(signedIn);
    expect(s.api?.token).toBe('spl_b');
  });
});
