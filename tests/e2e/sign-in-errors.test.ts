/**
 * End to end, the work-account sign-in when the provider does not answer (a wrong issuer address,
 * the provider down): the playground's "Logga in med arbetskonto" goes to `/auth/login`, which
 * sends the page back with the cause in the fragment, and the pane says it in Swedish in its
 * sign-in view. Before, the page stayed on the server's JSON error in English, away from the pane.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SIGN_IN_MESSAGES } from '../../shared/i18n/sign-in-messages.js';
import { freePort } from '../support/services.js';
import { screenshot } from './support/playground.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';
import { openWhenReady } from './support/page-ready.js';

let server: TestServer;
let browser: Browser;

describe('work-account sign-in with a provider that does not answer', { timeout: 90_000 }, () => {
  useServerAndBrowser((started) => ({ server, browser } = started), {
    server: async () => {
      // A loopback port nothing listens on: the issuer's discovery document cannot be fetched.
      const nowhere = await freePort();
      return { env: { SAMPLAN_OIDC_ISSUER: `http://127.0.0.1:${nowhere}`, SAMPLAN_OIDC_CLIENT_ID: 'samplan', SAMPLAN_OIDC_WORKSPACE: 'hbi-stockholm' } };
    },
  });

  it('comes back to the playground and says in Swedish that the sign-in service is not answering', async () => {
    const context = await browser.newContext({ viewport: { width: 1500, height: 820 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await openWhenReady(page, `${server.url}/playground`, [page.locator('#pane-a samplan-sign-in #account')]);
    await page.locator('#pane-a samplan-sign-in #account').click();
    await page.waitForURL((url) => url.pathname === '/playground' && url.hash === '');
    const sentence = SIGN_IN_MESSAGES['provider-unreachable'].sv;
    await page.locator('#pane-a samplan-sign-in').getByText(sentence).waitFor();
    expect(await page.locator('body').innerText()).not.toContain('sign-in-provider-unreachable');
    await screenshot(page, 'sign-in-provider-unreachable');
    await context.close();
  });
});
