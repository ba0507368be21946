/**
 * End to end, against a real `samplan serve --demo`: a coordinator defines a round in the pane
 * (Uppföljning → "Ny uppföljningsomgång": the year 2025 in words, a due date, hälsosamtal for the
 * clinics' level), the round appears in the grid, the Länssammanställning view shows it in names
 * (clinics, activity types, indicators, statuses in words; no codes) at 320 and 480 px without
 * sideways overflow, and a click on a clinic opens its activity plan in the workbook.
 * Screenshots go to `test-results/e2e-rollup-*.png`.
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

describe('defining a round and the county roll-up in the pane', { timeout: 180_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  });

  beforeAll(async () => {
    coordinator = await memberToken(server, WS, 'samordnare', 'e2e rollup');
  });

  it('defines a round for 2025, shows its roll-up in names at 320 and 480 px, and opens a clinic', async () => {
    const { page, context } = await openPlayground(browser, server.url, { a: coordinator });
    await paneWidth(page, 'a', 480);
    await showView(page, 'a', 'rounds', { fresh: false });
    const form = page.locator('#pane-a samplan-round-form');
    await form.locator('#new-round').click();
    // Nothing filled in: the form says what is missing, in words, and sends nothing.
    await form.locator('#round-save').click();
    await expect.poll(async () => form.locator('#round-form-error').textContent()).toContain('Skriv en rubrik');
    await form.locator('#round-title').fill('Helår 2025');
    await form.locator('#round-period').selectOption({ label: '2025' });
    await form.locator('#round-due').fill('2026-02-15');
    await form.locator('details[data-level="2"] input[data-indicator="vc-halsosamtal"]').check();
    await screenshot(page, 'rollup-1-form');
    await form.locator('#round-save').click();
    await page.locator('#pane-a samplan-rounds thead th[data-round="helar-2025"]').waitFor({ timeout: 15_000 });

    await showView(page, 'a', 'rollup', { fresh: false });
    const view = page.locator('#pane-a samplan-rollup');
    await view.locator('#rollup-choice').selectOption('round:helar-2025');
    await view.locator('#rollup[data-period="2025"] table.indicator[data-indicator="vc-halsosamtal"]').waitFor({ timeout: 15_000 });
    const text = (await view.locator('#rollup').innerText()).replace(/\s+/g, ' ');
    // Names, not codes: the clinic, the indicator, an activity type, statuses in words.
    expect(text).toContain('Tensta vårdcentral');
    expect(text).toContain('Genomförda hälsosamtal');
    expect(text).toContain('Hälsodag');
    expect(text).toMatch(/uppnått|på väg|ej på väg/);
    expect(text).not.toMatch(/vc-[a-z]|2025Q\d|halsosamtal\b|ej-pa-vag|uppnatt/);
    // The year holds the clinics' four quarters against the full annual target.
    const tensta = view.locator('table.indicator[data-indicator="vc-halsosamtal"] tr[data-unit="vc-tensta"]');
    expect(await tensta.innerText()).toMatch(/mål 120/);

    for (const width of [320, 480]) {
      await paneWidth(page, 'a', width);
      await view.locator('#rollup').waitFor();
      // Nothing sticks out sideways: the view fits the pane.
      const overflow = await view.evaluate((el) => {
        const host = el as HTMLElement;
        const root = host.shadowRoot as ShadowRoot;
        const right = host.getBoundingClientRect().right;
        return [...root.querySelectorAll('table, h2, h3, p, label, button, select, th, td')]
          .filter((n) => n.getBoundingClientRect().right > right + 0.5)
          .map((n) => `${n.tagName.toLowerCase()}.${n.className} ${Math.round(n.getBoundingClientRect().right - right)} px`);
      });
      // Words stay whole: every word of the view (activity types such as "Uppmärksamhetsvecka:",
      // clinics, headings, labels, buttons) that is no wider than half the view is on one line
      // ("hälsoinformation/" was cut as "hälsoinformatio n" and "Uppmärksamhetsvecka:" inside the
      // word at 320 px, their column too narrow). Only a word wider than that may be broken.
      const broken = await view.evaluate((el) => {
        const root = (el as HTMLElement).shadowRoot as ShadowRoot;
        const measure = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
        const out: string[] = [];
        const room = (el as HTMLElement).clientWidth * 0.5;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const parent = n.parentElement;
          if (!parent || parent.closest('style, option, select')) continue;
          const style = getComputedStyle(parent);
          measure.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          // A soft hyphen (a column heading's "Plane\u00adrade") is a break the words allow: each part stays whole.
          for (const m of (n.textContent ?? '').matchAll(/[^\s\u200B\u00AD]+/g)) {
            // A word is on one line when its first and last letters are (the last box of a letter: the
            // letter after a soft hyphen also gives the hyphen drawn at the line above's end).
            const top = (i: number): number => {
              const range = document.createRange();
              range.setStart(n, i);
              range.setEnd(n, i + 1);
              return Math.round([...range.getClientRects()].filter((r) => r.width > 0).at(-1)?.top ?? -1);
            };
            const lines = top(m.index) === top(m.index + m[0].length - 1) ? 1 : 2;
            if (lines > 1 && measure.measureText(m[0]).width <= room) out.push(m[0]);
          }
        }
        return [...new Set(out)];
      });
      await screenshot(page, `rollup-2-view-${width}`);
      expect(overflow).toEqual([]);
      expect(broken, `words broken at ${width} px`).toEqual([]);
    }

    // A period in words from the picker: 2025 kv 2 rolls up the quarter.
    await view.locator('#rollup-choice').selectOption({ label: '2025 kv 2' });
    await view.locator('#rollup[data-period="2025Q2"]').waitFor({ timeout: 15_000 });
    await screenshot(page, 'rollup-3-quarter');

    // A click on a clinic opens its activity plan in the workbook.
    await view.locator('#rollup-activities button.unit[data-unit="vc-tensta"]').click();
    await page.waitForFunction(
      () =>
        (window as unknown as { samplan: { hosts: Record<string, { snapshot(): { tables: { name: string; rows: unknown[] }[] } }> } }).samplan.hosts.a
          ?.snapshot()
          .tables.some((t) => t.name.startsWith('Samplan_aktivitetsplan_vc_tensta') && t.rows.length > 0),
      undefined,
      { timeout: 20_000 },
    );
    await screenshot(page, 'rollup-4-clinic-opened');
    await context.close();
  });
});
