/**
 * End to end, the activity bar of an admin's pane (every view, Members too) in Excel's narrowest
 * task pane (320 px) and a wide one (480 px): every tab is wholly inside the pane and at least
 * `MIN_TAB_PX` wide, none clipped at the right edge; what does not fit is in the "Fler vyer" menu,
 * and a view from it opens. Screenshots go to `test-results/e2e-activity-bar-<width>*.png`.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MIN_TAB_PX } from '../../addin/taskpane/activity-overflow.js';
import { VIEWS } from '../../addin/taskpane/samplan-activity-bar.js';
import { openPlayground, screenshot } from './support/playground.js';
import { paneWidth } from './support/rounds.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';

let server: TestServer;
let browser: Browser;

/** A bounding box in viewport px. */
type Box = { x: number; y: number; width: number; height: number };

describe('the activity bar at 320 and 480 px', { timeout: 120_000 }, () => {
  useServerAndBrowser((started) => ({ server, browser } = started));

  it("shows an admin's tabs at 32 px or more inside the pane, the rest in a menu, and every view opens", async () => {
    const { page, context } = await openPlayground(browser, server.url, { a: server.tokens.admin });
    const bar = page.locator('#pane-a samplan-activity-bar');
    await bar.locator('[role="tab"]').first().waitFor();
    for (const width of [320, 480]) {
      await paneWidth(page, 'a', width);
      // The bar has measured its new width (its ResizeObserver) and drawn its tabs for it.
      await bar.evaluate(
        (el, w) =>
          new Promise<void>((resolve, reject) => {
            const bar = el as HTMLElement & { availableWidth: number | null; updateComplete: Promise<boolean> };
            const until = Date.now() + 10_000;
            const look = (): void => {
              const style = getComputedStyle(bar);
              const content = bar.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
              if (bar.availableWidth !== null && Math.abs(bar.availableWidth - content) < 0.5) return void bar.updateComplete.then(() => resolve(), reject);
              if (Date.now() > until) return reject(new Error(`the activity bar did not take its width at a ${w} px pane within 10 s: it keeps ${bar.availableWidth} px, has ${content} px`));
              requestAnimationFrame(look);
            };
            look();
          }),
        width,
      );
      const barBox = (await bar.boundingBox()) as Box;
      const pane = (await page.locator('#pane-a').boundingBox()) as Box;
      expect(barBox.x + barBox.width).toBeLessThanOrEqual(pane.x + pane.width + 0.5);
      const tabs = await bar.locator('[role="tab"]').evaluateAll((els) => els.map((el) => el.id));
      const more = bar.locator('#tab-more');
      const inMenu: string[] = [];
      if (await more.count()) {
        await more.click();
        inMenu.push(...(await bar.locator('[role="menuitem"]').evaluateAll((els) => els.map((el) => el.id.replace('menu-', 'tab-')))));
        await screenshot(page, `activity-bar-${width}-menu`);
        await more.click();
      }
      await screenshot(page, `activity-bar-${width}`);
      // Every view of an admin is a tab or in the menu.
      expect([...tabs, ...inMenu].sort()).toEqual(VIEWS.map((v) => `tab-${v}`).sort());
      const cramped: string[] = [];
      for (const id of [...tabs, ...((await more.count()) ? ['tab-more'] : [])]) {
        const tab = bar.locator(`#${id}`);
        const b = (await tab.boundingBox()) as Box;
        const icon = (await tab.locator('svg').first().boundingBox()) as Box;
        // Wholly inside the bar, at least MIN_TAB_PX wide, its icon wholly inside it.
        if (b.x < barBox.x - 0.5 || b.x + b.width > barBox.x + barBox.width + 0.5 || b.width < MIN_TAB_PX - 0.5 || icon.x < b.x - 0.5 || icon.x + icon.width > b.x + b.width + 0.5) {
          cramped.push(`${id} ${Math.round(b.x - barBox.x)}+${Math.round(b.width)} of ${Math.round(barBox.width)}`);
        }
      }
      expect(cramped).toEqual([]);
      // A view from the menu opens, and becomes a tab while it is open.
      const last = inMenu.at(-1) ?? (tabs.at(-1) as string);
      if (inMenu.length) {
        await more.click();
        await bar.locator(`#${last.replace('tab-', 'menu-')}`).click();
      } else {
        await bar.locator(`#${last}`).click();
      }
      await expect.poll(() => bar.locator(`#${last}`).getAttribute('aria-selected')).toBe('true');
      await bar.locator('#tab-explorer').click();
    }
    await context.close();
  });
});
