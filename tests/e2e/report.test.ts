/**
 * End to end, the styrgrupp report of the demo's rounds printed on A4 portrait: rendered by
 * Chromium at print media and the width of an A4 page inside the report's own margins (210 mm
 * less 2 × 14 mm = 182 mm ≈ 688 CSS px), no element reaches past the page's right edge and the
 * page does not scroll sideways, in Swedish and English, for the county and for one clinic.
 * Screenshots (the page, its charts and its årshjul) go to `test-results/e2e-report-a4-<lang>-<scope>*.png`.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';

/** The file's own workspace on the run's shared server (`support/workspace.ts`). */
let WS: string;
/** The printable width of A4 portrait inside the report's `@page` margins, in CSS px (96 per inch). */
const A4_CONTENT_PX = Math.floor(((210 - 2 * 14) / 25.4) * 96);
const results = resolve(import.meta.dirname, '../../test-results');
let server: TestServer;
let browser: Browser;

/** Every element whose box reaches past `width`, or that scrolls sideways, as "tag: text". */
async function overflowing(page: Page, width: number): Promise<string[]> {
  return page.evaluate((w) => {
    const out: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const sideways = el instanceof HTMLElement && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible';
      if (r.right > w + 0.5 || sideways) out.push(`${el.tagName.toLowerCase()} right=${Math.round(r.right)}: ${(el.textContent ?? '').trim().slice(0, 40)}`);
    }
    const doc = document.documentElement;
    if (doc.scrollWidth > w) out.push(`page scrollWidth=${doc.scrollWidth}`);
    return out;
  }, width);
}

describe('the styrgrupp report on A4 portrait', { timeout: 120_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  }, { pane: false });

  it('fits every table, chart and the årshjul inside the page width when printed', async () => {
    mkdirSync(results, { recursive: true });
    const page = await browser.newPage({ viewport: { width: A4_CONTENT_PX, height: 1000 } });
    await page.emulateMedia({ media: 'print' });
    for (const [lang, unit] of [['sv', null], ['en', null], ['sv', 'vc-tensta']] as const) {
      const query = new URLSearchParams({ lang, ...(unit ? { unit } : {}) });
      const res = await fetch(`${server.url}/v1/workspaces/${WS}/rounds/2025-kv-4/report?${query}`, { headers: { authorization: `Bearer ${server.tokens.viewer}` } });
      expect(res.status).toBe(200);
      await page.setContent(await res.text(), { waitUntil: 'load' });
      // The demo's plan table has a row per clinic and activity type: the table that was too wide.
      expect(await page.locator('table').count()).toBeGreaterThanOrEqual(4);
      const name = `e2e-report-a4-${lang}-${unit ?? 'county'}`;
      await page.screenshot({ path: resolve(results, `${name}.png`), fullPage: true });
      await page.locator('.charts').screenshot({ path: resolve(results, `${name}-charts.png`) });
      await page.locator('.wheel').screenshot({ path: resolve(results, `${name}-wheel.png`) });
      expect(await overflowing(page, A4_CONTENT_PX)).toEqual([]);
    }
    await page.close();
  });
});
