/**
 * The end-to-end runs' Chromium (`browser-server.ts`, started as the product's PDF printing starts
 * its own: `server/print/browser.ts`): a context opens no page of Chromium's own beside the test's
 * (the address bar's popup, about 1.4 s of CPU per context). The launcher that turns it off is
 * tested with the printing (`tests/server/print/chromium-features.test.ts`).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser } from './shared-browser.js';

describe('the end-to-end runs’ Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await connectBrowser();
  }, 60_000);
  afterAll(() => browser?.close());

  it('opens no page of its own window beside a context’s page', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.setContent('<p>klar</p>');
      const cdp = await browser.newBrowserCDPSession();
      const { targetInfos } = await cdp.send('Target.getTargets');
      await cdp.detach();
      expect(targetInfos.map((t) => `${t.type} ${t.url}`).filter((t) => /^browser_ui |^[a-z_]+ chrome:\/\//.test(t))).toEqual([]);
      expect(targetInfos.filter((t) => t.type === 'page').length).toBeGreaterThanOrEqual(1);
    } finally {
      await context.close();
    }
  });
});
