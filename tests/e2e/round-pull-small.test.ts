/**
 * The round-pull form (Explorer → "Hämta uppföljningstabell") in a pane of 320 × 400 px, the
 * smallest task pane Excel gives: opened at the foot of a county's documents it is taller than
 * the visible pane, so it comes into view from its top (its heading shown), and each of its
 * controls can be scrolled to and seen whole, nothing cut off sideways, and a pull made there
 * says its result in view. Screenshots go to `test-results/e2e-round-pull-small-*.png`.
 */
import type { Browser, Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPlayground, screenshot } from './support/playground.js';
import { paneWidth, showView } from './support/rounds.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';

let server: TestServer;
let browser: Browser;

/** How much of `el` is inside the pane's visible part and the viewport (IntersectionObserver's ratio, 0–1). */
function seen(el: Locator): Promise<number> {
  return el.evaluate((n) => new Promise<number>((resolve) => new IntersectionObserver(([e], o) => (o.disconnect(), resolve(e?.intersectionRatio ?? 0))).observe(n)));
}

describe('the round-pull form in a 320 × 400 pane', { timeout: 120_000 }, () => {
  useServerAndBrowser((started) => ({ server, browser } = started));

  it('opens from its top, and every control can be reached and seen whole', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 400 } });
    const { page } = await openPlayground(browser, server.url, { a: server.tokens.viewer }, context);
    await paneWidth(page, 'a', 320);
    await showView(page, 'a', 'explorer', { fresh: false });
    const form = page.locator('#pane-a samplan-round-pull');
    await form.locator('summary').click();
    await expect.poll(() => seen(form.locator('summary')), { timeout: 10_000 }).toBe(1);
    await screenshot(page, 'round-pull-small-1-opened');
    for (const id of ['#round-table', '#round-choice', '#pull-round']) {
      const control = form.locator(id);
      await control.evaluate((n) => n.scrollIntoView({ block: 'nearest' }));
      await expect.poll(() => seen(control), { timeout: 5_000 }).toBe(1);
      // Nothing of it cut off sideways: inside the form, which is inside the pane.
      const sticks = await control.evaluate((n) => {
        const pane = document.querySelector('#pane-a') as HTMLElement;
        const r = n.getBoundingClientRect();
        const p = pane.getBoundingClientRect();
        return Math.max(0, Math.round(r.right - p.right), Math.round(p.left - r.left));
      });
      expect(sticks, `${id} sticks out of the pane`).toBe(0);
    }
    await form.locator('#round-table').selectOption('rollup');
    await form.locator('#pull-round').click();
    await form.locator('#pull-status', { hasText: 'Hämtad till bladet' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => seen(form.locator('#pull-status')), { timeout: 5_000 }).toBeGreaterThan(0);
    await screenshot(page, 'round-pull-small-2-pulled');
    await context.close();
  });
});
