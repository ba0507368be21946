/**
 * End to end, the Follow-up view's units × rounds grid in a narrow task pane (320 px, Excel's
 * narrowest) and a wide one (480 px), against a real `samplan serve --demo` with its two rounds of
 * 2025: both rounds' columns are read beside the unit names without scrolling, the grid scrolls
 * inside the pane (its sideways scrollbar in view), and a third round is reached by scrolling
 * sideways with the unit names still in view. Screenshots go to
 * `test-results/e2e-rounds-grid-<width>*.png`.
 */
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPlayground, screenshot } from './support/playground.js';
import { paneWidth, showView } from './support/rounds.js';
import { memberToken, type TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';

/** The file's own workspace on the run's shared server (`support/workspace.ts`). */
let WS: string;
let server: TestServer;
let browser: Browser;
let coordinator: string;

/** A bounding box in viewport px. */
type Box = { x: number; y: number; width: number; height: number };

describe('the Follow-up grid at 320 and 480 px', { timeout: 120_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  });

  beforeAll(async () => {
    coordinator = await memberToken(server, WS, 'samordnare', 'e2e rounds grid');
  });

  it('shows both rounds of the demo beside the unit names without scrolling, and a third by scrolling the grid sideways', async () => {
    const { page, context } = await openPlayground(browser, server.url, { a: coordinator });
    const headers = page.locator('#pane-a samplan-rounds thead th[data-round]');
    for (const width of [320, 480]) {
      await paneWidth(page, 'a', width);
      await showView(page, 'a', 'rounds');
      await headers.nth(1).waitFor();
      const rounds = await headers.evaluateAll((ths) => ths.map((th) => th.getAttribute('data-round') ?? ''));
      expect(rounds).toEqual(['2025-kv-4', '2025-kv-2']);
      await screenshot(page, `rounds-grid-${width}`);
      const pane = (await page.locator('#pane-a').boundingBox()) as Box;
      const unit = (await page.locator('#pane-a samplan-rounds tbody th').first().boundingBox()) as Box;
      for (const round of rounds) {
        // Each round's column is wholly inside the pane as the view opens, right of the unit names.
        const b = (await page.locator(`#pane-a samplan-rounds thead th[data-round="${round}"]`).boundingBox()) as Box;
        expect(b.x).toBeGreaterThanOrEqual(unit.x + unit.width - 0.5);
        expect(b.x + b.width).toBeLessThanOrEqual(pane.x + pane.width + 0.5);
      }
      // The grid scrolls inside the pane: its bottom edge, where a sideways scrollbar is, is in view.
      const grid = (await page.locator('#pane-a samplan-rounds .grid').boundingBox()) as Box;
      expect(grid.y + grid.height).toBeLessThanOrEqual(pane.y + pane.height + 0.5);
      expect(grid.x + grid.width).toBeLessThanOrEqual(pane.x + pane.width + 0.5);
    }

    // A third round, defined meanwhile, arrives live; at 320 px it is reached by scrolling the grid.
    const res = await fetch(`${server.url}/v1/workspaces/${WS}/rounds`, {
      method: 'POST',
      headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: '2026-kv-1', title: '2026 kv 1', period: '2026Q1', dueDate: '2026-04-15', indicators: ['vc-far-forskrivna'] }),
    });
    expect(res.status).toBe(201);
    await paneWidth(page, 'a', 320);
    await page.locator('#pane-a samplan-rounds thead th[data-round="2026-kv-1"]').waitFor({ timeout: 15_000 });
    // Newest first: the new round opens the grid, and the oldest is now past the pane's edge.
    expect(await headers.evaluateAll((ths) => ths.map((th) => th.getAttribute('data-round')))).toEqual(['2026-kv-1', '2025-kv-4', '2025-kv-2']);
    const third = headers.last();
    await third.scrollIntoViewIfNeeded();
    const pane = (await page.locator('#pane-a').boundingBox()) as Box;
    const unit = (await page.locator('#pane-a samplan-rounds tbody th').first().boundingBox()) as Box;
    const b = (await third.boundingBox()) as Box;
    expect(unit.x).toBeGreaterThanOrEqual(pane.x - 0.5);
    expect(b.x).toBeGreaterThanOrEqual(unit.x + unit.width - 0.5);
    expect(b.x + b.width).toBeLessThanOrEqual(pane.x + pane.width + 0.5);
    await screenshot(page, 'rounds-grid-320-scrolled');
    await context.close();
  });
});
