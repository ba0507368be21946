/**
 * End to end, a manager reads names, not codes, against a real `samplan serve --demo`: the
 * viewer (left pane) opens "Hämta indikatortabell" and sees indicator and unit names and periods
 * in words; pulls the table and finds "Tensta vårdcentral" and "2025 kv 4" in the sheet, the codes
 * kept in the hidden columns; the admin renames the unit over REST and the pulled table follows.
 * The dialog and the Indikatorer view's charts are photographed at 320 and 480 px pane width
 * into `tests/e2e/__screenshots__/` (not committed), and the charts' texts are checked not to
 * overlap.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPlayground } from './support/playground.js';
import { paneWidth } from './support/rounds.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';
import { openView } from './support/views.js';

/** The file's own workspace on the run's shared server (`support/workspace.ts`). */
let WS: string;
const shots = resolve(import.meta.dirname, '__screenshots__');

let server: TestServer;
let browser: Browser;

/** Saves a screenshot of the left pane as `tests/e2e/__screenshots__/<name>.png`. */
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.locator('#pane-a').screenshot({ path: resolve(shots, `${name}.png`) });
}

/** The pulled table in pane A's workbook: headers and rows. */
const pulledTable = (page: Page) =>
  page.evaluate(() => {
    const host = (window as unknown as { samplan: { hosts: { a: { readTable(n: string): { headers: string[]; rows: unknown[][] } } } } }).samplan.hosts.a;
    try {
      return host.readTable('SamplanIndikatorer');
    } catch {
      return null;
    }
  });

/** Pairs of text boxes inside each chart of the Indikatorer view that overlap (none expected). */
const overlappingTexts = (page: Page) =>
  page.evaluate(() => {
    const found: string[] = [];
    const view = document.querySelector('#pane-a samplan-workbench')?.shadowRoot?.querySelector('samplan-indicators-view');
    const list = view?.shadowRoot?.querySelector('samplan-indicator-list');
    for (const chart of list?.shadowRoot?.querySelectorAll('samplan-indicator-chart') ?? []) {
      const boxes = [...(chart.shadowRoot?.querySelectorAll('svg text') ?? [])].map((t) => ({ text: t.textContent ?? '', box: t.getBoundingClientRect() }));
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!.box;
          const b = boxes[j]!.box;
          if (a.width === 0 || b.width === 0) continue;
          if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) found.push(`${boxes[i]!.text} × ${boxes[j]!.text}`);
        }
      const svg = chart.shadowRoot?.querySelector('svg')?.getBoundingClientRect();
      if (svg && svg.right > (list?.getBoundingClientRect().right ?? Infinity) + 0.5) found.push('a chart wider than its list');
    }
    return found;
  });

describe('a manager reads names, not codes', { timeout: 150_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  }, { timeout: 240_000 });

  it('pulls a table in names, sees a renamed unit follow, and reads the charts at 320 and 480 px', async () => {
    const { page, context } = await openPlayground(browser, server.url, { a: server.tokens.viewer });
    const pane = page.locator('#pane-a');
    await pane.locator('samplan-explorer #pull-indicators').click();
    const dialog = pane.locator('samplan-pull-dialog');
    await dialog.locator('#units label', { hasText: 'Tensta vårdcentral' }).waitFor({ timeout: 20_000 });
    const labels = async (group: string) => (await dialog.locator(`#${group} label`).allTextContents()).map((t) => t.trim());
    expect(await labels('periods')).toContain('2025 kv 4');
    expect((await labels('units')).some((t) => t.startsWith('vc-'))).toBe(false);
    expect((await labels('indicators')).some((t) => /^sfh-\d/.test(t))).toBe(false);
    for (const width of [320, 480]) {
      await paneWidth(page, 'a', width);
      await shot(page, `manager-pull-dialog-${width}`);
    }
    await paneWidth(page, 'a', 320);

    await dialog.locator('#pull').click();
    await pane.locator('.notice', { hasText: 'Indikatortabellen finns på bladet' }).waitFor({ timeout: 30_000 });
    const table = await pulledTable(page);
    if (!table) throw new Error('no pulled table in the workbook');
    const col = (h: string) => table.headers.indexOf(h);
    const tensta = table.rows.find((r) => r[col('Enhet')] === 'Tensta vårdcentral' && r[col('Period')] === '2025 kv 4');
    expect(tensta, 'a Tensta row of 2025 kv 4 by name').toBeDefined();
    expect(tensta?.[col('Enhetskod')]).toBe('vc-tensta');
    expect(tensta?.[col('Periodkod')]).toBe('2025Q4');
    expect(table.rows.some((r) => String(r[col('Enhet')]).startsWith('vc-'))).toBe(false);

    // The admin renames the unit; the pulled table follows within the event stream's second.
    const res = await fetch(`${server.url}/v1/workspaces/${WS}/units/vc-tensta`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${server.tokens.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Tensta hälsocentral' }),
    });
    expect(res.status).toBe(200);
    await page.waitForFunction(
      () => {
        const t = (window as unknown as { samplan: { hosts: { a: { readTable(n: string): { headers: string[]; rows: unknown[][] } } } } }).samplan.hosts.a.readTable('SamplanIndikatorer');
        const unit = t.headers.indexOf('Enhet');
        const code = t.headers.indexOf('Enhetskod');
        const rows = t.rows.filter((r) => r[code] === 'vc-tensta');
        return rows.length > 0 && rows.every((r) => r[unit] === 'Tensta hälsocentral');
      },
      undefined,
      { timeout: 15_000 },
    );

    // The Indikatorer view: every indicator pooled, then Tensta alone, at both widths.
    await openView(pane.locator('samplan-activity-bar'), 'indicators');
    const view = pane.locator('samplan-indicators-view');
    await view.locator('samplan-indicator-chart svg').first().waitFor({ timeout: 20_000 });
    expect(await view.locator('#unit option', { hasText: 'Tensta hälsocentral' }).count()).toBe(1);
    for (const width of [320, 480]) {
      await paneWidth(page, 'a', width);
      expect(await overlappingTexts(page)).toEqual([]);
      await shot(page, `manager-charts-all-${width}`);
      await view.locator('#unit').selectOption('vc-tensta');
      await view.locator('samplan-indicator-chart svg[aria-label*="Tensta hälsocentral"]').first().waitFor();
      // Many of SKR's goals have only the region's values: show the first chart Tensta has values in.
      const drawn = view.locator('samplan-indicator-chart').filter({ has: page.locator('circle') }).first();
      await drawn.scrollIntoViewIfNeeded();
      const texts = await drawn.locator('text').allTextContents();
      expect(texts.filter((t) => /^\d{4}(Q\d|S\d|\d\d)$/.test(t)), 'period codes in a chart').toEqual([]);
      expect(await overlappingTexts(page)).toEqual([]);
      await shot(page, `manager-charts-tensta-${width}`);
      await view.locator('#unit').selectOption('');
    }
    await context.close();
  });
});
