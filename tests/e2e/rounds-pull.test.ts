/**
 * End to end, a manager's pulled completeness table against a real `samplan serve --demo`: the
 * manager (right pane, the demo's viewer) pulls "Fullständighet" of 2025 kv 2 from the Follow-up
 * view into the workbook; the Tensta editor (left pane) submits; the manager's pulled table says
 * "inskickad" for Tensta within a few seconds, without anything being pulled again. Also the
 * county roll-up pulled from the Explorer. Screenshots go to `test-results/e2e-rounds-pull-*.png`.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPlayground, screenshot } from './support/playground.js';
import { showView } from './support/rounds.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';

const ROUND = '2025-kv-2';
const MINE = `#pane-a samplan-rounds tr[data-unit="vc-tensta"] td[data-round="${ROUND}"]`;

let server: TestServer;
let browser: Browser;

/** The rows of the table on `sheet` in `side`'s workbook, as the emulated workbook holds them. */
async function tableOn(page: Page, side: 'a' | 'b', sheet: string): Promise<{ headers: string[]; rows: unknown[][] } | null> {
  return page.evaluate(
    ([s, name]) => {
      const host = (window as unknown as { samplan: { hosts: Record<string, { snapshot(): { tables: { sheet: string; headers: string[]; rows: unknown[][] }[] } }> } }).samplan.hosts[s as string];
      const t = host?.snapshot().tables.find((x) => x.sheet === name);
      return t ? { headers: t.headers, rows: t.rows } : null;
    },
    [side, sheet] as const,
  );
}

/** Tensta's status as the pulled completeness table shows it. */
async function tenstaStatus(page: Page): Promise<unknown> {
  const t = await tableOn(page, 'b', 'Fullständighet 2025 kv 2');
  const row = t?.rows.find((r) => r[0] === 'Tensta vårdcentral');
  return row?.[t?.headers.indexOf('Status') ?? -1] ?? null;
}

describe('pulled completeness, end to end', { timeout: 120_000 }, () => {
  useServerAndBrowser((started) => ({ server, browser } = started));

  it('the manager pulls completeness, Tensta submits, the pulled table says "inskickad" within a few seconds', async () => {
    const { page, context } = await openPlayground(browser, server.url, { a: server.tokens.editor, b: server.tokens.viewer });
    context.setDefaultTimeout(20_000);

    // The manager pulls Fullständighet of 2025 kv 2 from the Follow-up view.
    await showView(page, 'b', 'rounds');
    const chooser = page.locator('#pane-b samplan-rounds samplan-round-pull');
    await chooser.locator('summary').click();
    await chooser.locator('#round-table').selectOption('completeness');
    await chooser.locator('#round-choice').selectOption(ROUND);
    await chooser.locator('#pull-round').click();
    await chooser.locator('#pull-status', { hasText: 'Hämtad till bladet "Fullständighet 2025 kv 2"' }).waitFor();
    const pulled = await tableOn(page, 'b', 'Fullständighet 2025 kv 2');
    expect(pulled?.headers.slice(0, 4)).toEqual(['Enhet', 'Period', 'Status', 'Försenad']);
    expect(pulled?.rows.length).toBeGreaterThanOrEqual(15);
    // Names and words, not codes: every unit by name, the period in words, statuses from the five words.
    for (const row of pulled?.rows ?? []) {
      expect(String(row[0])).not.toMatch(/^vc-/);
      expect(row[1]).toBe('2025 kv 2');
      expect(['ej påbörjad', 'pågår', 'inskickad', 'godkänd', 'återsänd']).toContain(row[2]);
    }
    expect(await tenstaStatus(page)).not.toBe('inskickad');
    await page.locator('#grid-b .tab', { hasText: 'Fullständighet 2025 kv 2' }).click();
    await screenshot(page, 'rounds-pull-1-pulled');

    // Tensta submits in its own pane.
    await showView(page, 'a', 'rounds');
    await page.locator(`${MINE} button`).click();
    await page.locator('#pane-a samplan-rounds button.action[data-action="submit"]').click();
    await page.locator(MINE, { hasText: 'inskickad' }).waitFor();
    const submitted = Date.now();

    // The manager's pulled table follows, live.
    await expect.poll(() => tenstaStatus(page), { timeout: 10_000, interval: 100 }).toBe('inskickad');
    const seconds = (Date.now() - submitted) / 1000;
    console.log(`pulled completeness showed Tensta "inskickad" ${seconds.toFixed(1)} s after the submission`);
    expect(seconds).toBeLessThan(5);
    await screenshot(page, 'rounds-pull-2-inskickad');

    // The county roll-up, pulled from the Explorer.
    await showView(page, 'b', 'explorer', { fresh: false });
    const fromExplorer = page.locator('#pane-b samplan-round-pull');
    await fromExplorer.locator('summary').click();
    // The form opens at the foot of the Explorer, below the county's documents: it comes into view.
    const shown = (): Promise<number> =>
      fromExplorer.locator('#pull-round').evaluate((el) => new Promise<number>((resolve) => new IntersectionObserver(([e], o) => (o.disconnect(), resolve(e?.intersectionRatio ?? 0))).observe(el)));
    await expect.poll(shown, { timeout: 10_000 }).toBe(1);
    await fromExplorer.locator('#round-table').selectOption('rollup');
    await fromExplorer.locator('#round-choice').selectOption(ROUND);
    await fromExplorer.locator('#pull-round').click();
    await fromExplorer.locator('#pull-status', { hasText: 'Hämtad till bladet "Länssammanställning 2025 kv 2"' }).waitFor();
    const rollup = await tableOn(page, 'b', 'Länssammanställning 2025 kv 2');
    expect(rollup?.rows.some((r) => r[1] === 'Hela länet')).toBe(true);
    expect(rollup?.rows.every((r) => !String(r[1]).startsWith('vc-'))).toBe(true);
    await page.locator('#grid-b .tab', { hasText: 'Länssammanställning 2025 kv 2' }).click();
    await screenshot(page, 'rounds-pull-3-rollup');
    await context.close();
  });
});
