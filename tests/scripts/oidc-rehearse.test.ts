/**
 * `npm run oidc:rehearse`: the local provider it starts signs a demo member in to Samplan started
 * with the environment it prints, as `samplan serve --demo` reads it (`loadOidcConfig`), through
 * the provider's login page, Samplan's callback (the code redeemed with the client secret) and the
 * hand-off, in process: the app answers `app.request`, the provider listens on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type SamplanApp } from '../../server/app.js';
import { loadOidcConfig } from '../../server/auth/oidc-config.js';
import { DEMO_WORKSPACE, seedDemo } from '../../server/demo/seed.js';
import { silentLogger } from '../../server/logger.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import { rehearsalText, REHEARSAL_LOGIN, startRehearsal, type Rehearsal } from '../../scripts/oidc-rehearse.js';

describe('oidc:rehearse', () => {
  let r: Rehearsal;
  let samplan: SamplanApp;
  beforeAll(async () => {
    r = await startRehearsal({ port: 0 });
    const storage = createMemoryStorage();
    await seedDemo(storage, { clock: () => new Date(), logger: silentLogger() });
    const oidc = loadOidcConfig({}, r.env);
    if (!oidc) throw new Error('the printed environment turned no sign-in on');
    samplan = createApp({ storage, logger: silentLogger(), clock: () => new Date(), publicUrl: r.samplanUrl, oidc });
  });
  afterAll(async () => {
    await samplan?.close();
    await r?.provider.stop();
  });

  it('prints the environment to start Samplan with, the redirect URI and whom to sign in as', () => {
    const text = rehearsalText(r);
    for (const [k, v] of Object.entries(r.env)) expect(text).toContain(`  ${k}=${v} \\`);
    expect(r.env).toMatchObject({ SAMPLAN_OIDC_CLIENT_ID: 'samplan', SAMPLAN_OIDC_WORKSPACE: DEMO_WORKSPACE, SAMPLAN_PUBLIC_URL: 'http://localhost:8787' });
    expect(text).toContain('redirect URI http://localhost:8787/auth/callback');
    expect(text).toContain(`sign in as ${REHEARSAL_LOGIN} with any password`);
    expect(text).toContain('samplan serve --demo');
  });

  it('prints the port to start Samplan on when --samplan names another port than 8787, so that the redirect URI matches', () => {
    const on = (samplanUrl: string): string => rehearsalText({ ...r, samplanUrl, env: { ...r.env, SAMPLAN_PUBLIC_URL: samplanUrl } }, { lts: 'Jod' });
    expect(on('http://localhost:8824')).toContain('  samplan serve --demo --port 8824          # or, from the source: npm start -- --port 8824');
    expect(on('http://localhost:8787')).toContain('  samplan serve --demo          # or, from the source: npm start\n');
  });

  it('explains oidc-provider\'s "Unsupported runtime" warning on a Node before 22 LTS, and says nothing on 22 LTS or later', () => {
    expect(rehearsalText(r, { lts: 'Iron' })).toMatch(/^Note: the "oidc-provider WARNING: Unsupported runtime" above is oidc-provider asking for Node\.js 22 LTS or later \(this is Node [\d.]+, Iron\)\.\nThe rehearsal provider works on it/);
    expect(rehearsalText(r, { lts: false })).toContain('Unsupported runtime');
    expect(rehearsalText(r, { lts: 'Jod' })).not.toContain('Unsupported runtime');
    expect(rehearsalText(r, { lts: 'Krypton' })).not.toContain('Unsupported runtime');
  });

  it('signs the demo coordinator in: login page, callback, hand-off, a session of the demo workspace', async () => {
    const start = await samplan.app.request('/auth/login?mode=dialog');
    expect(start.status).toBe(302);
    const back = await r.provider.signIn(start.headers.get('location') ?? '', REHEARSAL_LOGIN);
    expect(`${back.origin}${back.pathname}`).toBe('http://localhost:8787/auth/callback');
    const done = await samplan.app.request(back.pathname + back.search);
    const code = new URLSearchParams(new URL(done.headers.get('location') ?? '', 'http://localhost:8787').hash.slice(1)).get('samplan-handoff');
    expect(code, done.headers.get('location') ?? '').toBeTruthy();
    const res = await samplan.app.request('/auth/handoff', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    const session = (await res.json()) as { token: string; memberId: string };
    expect(session.memberId).toBe(REHEARSAL_LOGIN);
    const me = await samplan.app.request(`/v1/workspaces/${DEMO_WORKSPACE}/documents`, { headers: { authorization: `Bearer ${session.token}` } });
    expect(me.status).toBe(200);
  });
});
