/**
 * Sessions on open sockets: the pane's socket authenticates with the `Sec-WebSocket-Protocol`
 * header (no secret in the address); a refresh keeps it open past the old end; expiry and
 * signing out close it with 4401; an API token is not a session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { syncProtocols } from '../../../shared/protocol/socket-auth.js';
import { TOKENS, WS } from '../sync/seed.js';
import { harness, PUBLIC_URL, testConfig, type Harness } from './oidc-harness.js';
import { listenedSocket } from '../../support/listened-socket.js';
import { startTestProvider, type TestProvider } from '../../../scripts/oidc-test-provider.js';

let op: TestProvider;

beforeAll(async () => {
  op = await startTestProvider([{ client_id: 'samplan', redirect_uris: [`${PUBLIC_URL}/auth/callback`] }], { 'anna@region.test': { name: 'Anna Ek' } });
}, 60_000);
afterAll(async () => op?.stop());

/** The harness on a real port, with an invited editor and its session. */
async function live(sessionMinutes = 60) {
  const h: Harness = await harness(op, testConfig(op.issuer, { sessionMinutes }));
  await h.storage.putMember({ workspace: WS, id: 'anna@region.test', name: 'Anna Ek', role: 'editor', units: ['clinic-a'] });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: h.samplan.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  h.samplan.injectWebSocket(server);
  const base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/sync/${WS}`;
  const session = await h.session('anna@region.test');
  const open = async (token: string) => {
    const { ws, opened, closed } = listenedSocket(`${base}/plan-a`, syncProtocols(token));
    await opened;
    return { ws, closed };
  };
  const stop = async () => {
    await h.samplan.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { h, session, open, stop };
}

const still = async (closed: Promise<unknown>, ms: number) =>
  Promise.race([closed.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), ms))]);

describe('sessions', () => {
  it('opens the socket with the subprotocol header, and signing out closes it with 4401', async () => {
    const t = await live();
    const { ws, closed } = await t.open(t.session.token);
    expect(ws.protocol).toBe('samplan');
    expect(ws.url).not.toContain(t.session.token);
    const out = await t.h.req('/v1/session', { method: 'DELETE', token: t.session.token });
    expect(out.status).toBe(200);
    expect(await closed).toMatchObject({ code: 4401, reason: 'Token revoked' });
    expect((await t.h.req(`/v1/workspaces/${WS}`, { token: t.session.token })).status).toBe(401);
    expect((await t.h.storage.listAudit(WS, 5)).some((a) => a.action === 'sign-out')).toBe(true);
    await t.stop();
  });

  it('refuses a socket offering a bad secret in the header', async () => {
    const t = await live();
    const { closed } = await t.open('spl_' + 'x'.repeat(43));
    expect((await closed).code).toBe(4401);
    await t.stop();
  });

  it('keeps a refreshed session open past its old end, and closes it when it runs out', async () => {
    const t = await live(2);
    const { closed } = await t.open(t.session.token);
    t.h.skew.ms = 90_000;
    const res = await t.h.req('/v1/session/refresh', { method: 'POST', token: t.session.token });
    expect(res.status).toBe(200);
    const { expiresAt, renewable } = (await res.json()) as { expiresAt: string; renewable: boolean };
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.parse(t.session.expiresAt));
    expect(renewable).toBe(true);
    t.h.skew.ms = 150_000; // past the first end, before the refreshed one
    expect(await still(closed, 1500)).toBe(true);
    expect((await t.h.req(`/v1/workspaces/${WS}`, { token: t.session.token })).status).toBe(200);
    t.h.skew.ms = 240_000; // past the refreshed end
    expect(await closed).toMatchObject({ code: 4401, reason: 'Token expired' });
    const after = await t.h.req(`/v1/workspaces/${WS}`, { token: t.session.token });
    expect(((await after.json()) as { error: { code: string } }).error.code).toBe('token-expired');
    await t.stop();
  });

  it('refreshes step by step but never past twelve hours after sign-in', async () => {
    const t = await live(60);
    const began = Date.now();
    let last = { expiresAt: t.session.expiresAt, renewable: true };
    for (let step = 1; step <= 16 && last.renewable; step++) {
      t.h.skew.ms = step * 50 * 60_000;
      const res = await t.h.req('/v1/session/refresh', { method: 'POST', token: t.session.token });
      expect(res.status).toBe(200);
      last = (await res.json()) as typeof last;
    }
    expect(last.renewable).toBe(false);
    expect(Date.parse(last.expiresAt) - began).toBeLessThanOrEqual(12 * 3_600_000 + 60_000);
    t.h.skew.ms = 12 * 3_600_000 + 120_000;
    expect((await t.h.req('/v1/session/refresh', { method: 'POST', token: t.session.token })).status).toBe(401);
    await t.stop();
  });

  it('does not treat an API token as a session', async () => {
    const t = await live();
    const refresh = await t.h.req('/v1/session/refresh', { method: 'POST', token: TOKENS.editorA });
    expect(refresh.status).toBe(400);
    const out = await t.h.req('/v1/session', { method: 'DELETE', token: TOKENS.editorA });
    expect(out.status).toBe(400);
    expect((await t.h.req(`/v1/workspaces/${WS}`, { token: TOKENS.editorA })).status).toBe(200);
    await t.stop();
  });
});
