/**
 * Driving the playground page from a test: open it with tokens, open a document in a pane,
 * type into a grid cell, read cells, and save a screenshot into `test-results/`.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openWhenReady } from './page-ready.js';

/** One side of the playground. */
export type Side = 'a' | 'b';

const results = resolve(import.meta.dirname, '../../../test-results');

/** Opens `/playground?a=…&b=…` in a fresh context and waits until each pane is signed in. */
export async function openPlayground(
  browser: Browser,
  url: string,
  tokens: { a: string; b?: string },
  context?: BrowserContext,
): Promise<{ page: Page; context: BrowserContext }> {
  const ctx = context ?? (await browser.newContext({ viewport: { width: 1500, height: 820 } }));
  // Fail a step within the test's time, naming the step, rather than at Playwright's 30 s.
  ctx.setDefaultTimeout(10_000);
  const page = await ctx.newPage();
  const query = new URLSearchParams({ a: tokens.a, ...(tokens.b ? { b: tokens.b } : {}) });
  // Ready when each pane is signed in and shows its activity bar (not at the browser's `load`).
  const sides = tokens.b ? (['a', 'b'] as const) : (['a'] as const);
  await openWhenReady(page, `${url}/playground?${query}`, sides.map((side) => page.locator(`#pane-${side} samplan-activity-bar`)));
  return { page, context: ctx };
}

/** Opens a document in one pane and waits until its table is in that side's workbook. */
export async function openDoc(page: Page, side: Side, docId: string): Promise<void> {
  await page.locator(`#pane-${side} samplan-explorer [data-doc="${docId}"]`).click();
  await page.waitForFunction(
    ([s]) => (window as unknown as { samplan: { hosts: Record<string, { snapshot(): { tables: { rows: unknown[] }[] } }> } }).samplan.hosts[s as string]?.snapshot().tables.some((t) => t.rows.length > 0),
    [side],
    { timeout: 15_000 },
  );
  // The grid redraws on the next animation frame.
  await page.locator(`#grid-${side} td.header`).first().waitFor();
}

/** Double-clicks a cell, replaces its text with `text` and presses Enter. */
export async function typeCell(page: Page, side: Side, address: string, text: string): Promise<void> {
  await page.locator(`#grid-${side} td[data-address="${address}"]`).dblclick();
  const input = page.locator(`#grid-${side} td[data-address="${address}"] input`);
  await input.fill(text);
  await input.press('Enter');
}

/** The shown text of a cell. */
export async function cellText(page: Page, side: Side, address: string): Promise<string> {
  return ((await page.locator(`#grid-${side} td[data-address="${address}"]`).textContent()) ?? '').trim();
}

/** The shown texts of one column over the table's body rows (2..`rows`+1). */
export async function columnTexts(page: Page, side: Side, column: string, rows: number): Promise<string[]> {
  const texts: string[] = [];
  for (let r = 2; r < rows + 2; r++) texts.push(await cellText(page, side, `${column}${r}`));
  return texts;
}

/** Saves a screenshot as `test-results/e2e-<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(results, { recursive: true });
  const path = resolve(results, `e2e-${name}.png`);
  await page.screenshot({ path });
  return path;
}
