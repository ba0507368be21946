/**
 * End to end: work-account sign-in in the playground against a real OpenID provider
 * (`oidc-provider` on loopback) and a real `samplan serve`. Two people sign in through the
 * provider's login page in two browsers, co-edit the Tensta plan, and the admin removes the other
 * in the Members view: that pane closes with the sentence saying so. Screenshots of the sign-in
 * and Members views at 320 and 480 px pane width go to `test-results/`.
 */
import { createServer } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProvider, type TestProvider } from '../../scripts/oidc-test-provider.js';
import { openDoc, screenshot, typeCell } from './support/playground.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';
import { openView } from './support/views.js';
import { openWhenReady } from './support/page-ready.js';

const WS = 'hbi-stockholm';
const PLAN = 'aktivitetsplan-vc-tensta';
const ANNA = 'anna.admin@region.test';
const BERTIL = 'bertil.berg@region.test';

let op: TestProvider;
let server: TestServer;
let browser: Browser;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function invite(id: string, name: string, role: string, units: string[]): Promise<void> {
  const res = await fetch(`${server.url}/v1/workspaces/${WS}/members`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.tokens.admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id, name, role, units }),
  });
  expect(res.status).toBe(201);
}

/** Where {@link signIn} signs in: the playground's pane A (default), or the task pane page alone. */
const PLAYGROUND = { path: '/playground', pane: '#pane-a ', width: 1500, height: 820 };
const TASK_PANE = { path: '/addin/taskpane.html', pane: '', width: 480, height: 900 };

/** Opens `at` without tokens and signs its pane in as `login` through the provider's login page. */
async function signIn(login: string, at = PLAYGROUND): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: { width: at.width, height: at.height } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await openWhenReady(page, `${server.url}${at.path}`, [page.locator(`${at.pane}samplan-sign-in #account`)]);
  await page.locator(`${at.pane}samplan-sign-in #account`).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  // The provider asks for consent once per person.
  await page.waitForURL((url) => url.pathname.startsWith(at.path) || url.pathname.startsWith('/interaction'));
  if (new URL(page.url()).pathname.startsWith('/interaction')) await page.locator('button[type="submit"]').click();
  await page.locator(`${at.pane}samplan-activity-bar`).waitFor({ timeout: 20_000 });
  return { page, context };
}

describe('work-account sign-in, end to end', { timeout: 120_000 }, () => {
  // Stopped after the server and the browser (after-hooks run last-registered first).
  afterAll(async () => {
    await op?.stop();
  });

  useServerAndBrowser((started) => ({ server, browser } = started), {
    server: async () => {
      const port = await freePort();
      op = await startTestProvider([{ client_id: 'samplan', redirect_uris: [`http://127.0.0.1:${port}/auth/callback`] }], {
        [ANNA]: { name: 'Anna Admin' },
        [BERTIL]: { name: 'Bertil Berg' },
      });
      return { port, env: { SAMPLAN_OIDC_ISSUER: op.issuer, SAMPLAN_OIDC_CLIENT_ID: 'samplan', SAMPLAN_OIDC_WORKSPACE: WS } };
    },
  });

  beforeAll(async () => {
    await invite(ANNA, 'Anna Admin', 'admin', []);
    await invite(BERTIL, 'Bertil Berg', 'editor', ['vc-tensta']);
  });

  it('two people sign in, co-edit, and the one removed is told so in the pane', async () => {
    const anna = await signIn(ANNA);
    const bertil = await signIn(BERTIL);
    await openDoc(anna.page, 'a', PLAN);
    await openDoc(bertil.page, 'a', PLAN);
    await typeCell(bertil.page, 'a', 'B2', 'Promenad från Tensta torg');
    await anna.page.locator('#grid-a td[data-address="B2"]', { hasText: 'Promenad från Tensta torg' }).waitFor({ timeout: 5000 });

    await openView(anna.page.locator('#pane-a samplan-activity-bar'), 'members');
    const row = anna.page.locator(`#pane-a samplan-members li[data-member="${BERTIL}"]`);
    await row.waitFor();
    anna.page.once('dialog', (d) => void d.accept());
    await row.locator('.remove').click();
    const closed = bertil.page.locator('#pane-a samplan-sign-in #closed');
    await closed.waitFor({ timeout: 10_000 });
    expect(await closed.textContent()).toMatch(/tagit bort dig från arbetsytan/);
    await screenshot(bertil.page, 'sign-in-removed');
    // Nothing Bertil types after the removal reaches the server.
    const csv = await (await fetch(`${server.url}/v1/workspaces/${WS}/documents/${PLAN}/rows?format=csv`, { headers: { authorization: `Bearer ${server.tokens.admin}` } })).text();
    expect(csv).toContain('Promenad från Tensta torg');
    await anna.context.close();
    await bertil.context.close();
  });

  it('signs in from the task pane page in a browser tab, as the README and `npm run oidc:rehearse` tell IT to', async () => {
    const { page, context } = await signIn(ANNA, TASK_PANE);
    // Back on the page with the hand-off code: the pane redeemed it, signed in as Anna, and the code left the address bar.
    expect(new URL(page.url()).hash).toBe('');
    await context.close();
  });

  it('shows the sign-in and Members views at 320 and 480 px', async () => {
    for (const width of [320, 480]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await openWhenReady(page, `${server.url}/addin/taskpane.html`, [page.locator('samplan-sign-in #account')]);
      await screenshot(page, `sign-in-${width}`);
      await page.locator('samplan-sign-in #advanced summary').click();
      await page.locator('samplan-sign-in #token').click();
      await page.keyboard.type(server.tokens.admin);
      await page.keyboard.press('Enter');
      await openView(page.locator('samplan-activity-bar'), 'members');
      await page.locator(`samplan-members li[data-member="${ANNA}"]`).waitFor();
      await screenshot(page, `members-${width}`);
      await context.close();
    }
  });
});
