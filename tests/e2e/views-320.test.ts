/**
 * Every view of the pane at 320 px (the narrowest task pane Excel gives), in Chromium, for an
 * admin (all views) of the demo county: no word cut inside (a word up to half the view's width
 * stays on one line; a soft hyphen is a break allowed), and no heading, text, button, field or
 * table sticking out of the pane sideways. Looks through nested views (shadow roots).
 * Screenshots go to `test-results/e2e-views-320-*.png`.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPlayground, screenshot } from './support/playground.js';
import { paneWidth, showView } from './support/rounds.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';
import { countRequests, viewSettled } from './support/view-settled.js';

let server: TestServer;
let browser: Browser;

const VIEWS = ['explorer', 'problems', 'people', 'comments', 'history', 'rounds', 'rollup', 'indicators', 'plan', 'year', 'members'] as const;

/** The words cut inside and the elements sticking out of pane `a`'s workbench view, as `tag text` lines. */
function faults(page: Page): Promise<{ broken: string[]; sticking: string[] }> {
  return page.locator('#pane-a').evaluate((wb) => {
    const pane = (document.querySelector('#pane-a') as HTMLElement).getBoundingClientRect();
    const measure = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
    const room = pane.width * 0.5;
    const broken = new Set<string>();
    const sticking = new Set<string>();
    const roots: ShadowRoot[] = [];
    const collect = (root: ShadowRoot): void => {
      roots.push(root);
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) collect(el.shadowRoot);
    };
    if (wb.shadowRoot) collect(wb.shadowRoot);
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement;
        if (!parent || parent.closest('style, option, select, textarea, [hidden]') || parent.getClientRects().length === 0) continue;
        const style = getComputedStyle(parent);
        measure.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        for (const m of (n.textContent ?? '').matchAll(/[^\s\u200B\u00AD]+/g)) {
          const top = (i: number): number => {
            const range = document.createRange();
            range.setStart(n, i);
            range.setEnd(n, i + 1);
            return Math.round([...range.getClientRects()].filter((r) => r.width > 0).at(-1)?.top ?? -1);
          };
          if (top(m.index) !== top(m.index + m[0].length - 1) && measure.measureText(m[0]).width <= room) broken.add(m[0]);
        }
      }
      for (const el of root.querySelectorAll('h1, h2, h3, p, label, button, select, input, table, summary, li, fluent-button')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || getComputedStyle(el).visibility === 'hidden') continue;
        // Inside a part that scrolls sideways on purpose (a wide grid), sticking out is that part's design.
        let scrolls = false;
        for (let a: Element | null = el.parentElement; a; a = a.parentElement) if (/(auto|scroll)/.test(getComputedStyle(a).overflowX)) scrolls = true;
        if (!scrolls && (r.right > pane.right + 0.5 || r.left < pane.left - 0.5)) sticking.add(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className)}` : ''} ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)} (${Math.round(r.left - pane.left)}–${Math.round(r.right - pane.left)} of ${Math.round(pane.width)} px)`);
      }
    }
    return { broken: [...broken], sticking: [...sticking] };
  });
}

describe('the pane’s views at 320 px', { timeout: 180_000 }, () => {
  useServerAndBrowser((started) => ({ server, browser } = started));

  it('cut no word inside and stick out nowhere', async () => {
    const context = await browser.newContext({ viewport: { width: 1500, height: 820 } });
    await countRequests(context);
    const { page } = await openPlayground(browser, server.url, { a: server.tokens.admin }, context);
    await paneWidth(page, 'a', 320);
    const found: Record<string, { broken: string[]; sticking: string[] }> = {};
    for (const view of VIEWS) {
      await showView(page, 'a', view, { fresh: false });
      // Loaded: the server's answers are in and shown (no request in flight, no loading sentence,
      // the text the same two frames running), not a fixed pause.
      await viewSettled(page, 'a');
      await screenshot(page, `views-320-${view}`);
      const f = await faults(page);
      if (f.broken.length > 0 || f.sticking.length > 0) found[view] = f;
    }
    await context.close();
    expect(found).toEqual({});
  });
});
