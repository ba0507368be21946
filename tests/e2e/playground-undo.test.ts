/**
 * End to end: undo and paste in the playground grid, in a real Chromium against a real
 * `samplan serve --demo`. A's Ctrl+Z takes back A's own last edit — a typed cell, then a pasted
 * tab-separated block as one step — in A's sheet, in the shared document and at B; with nothing
 * left to undo the grid says so.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cellText, openDoc, openPlayground, typeCell } from './support/playground.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';

/** The Tensta clinic's activity plan: the demo editor's own document. */
const PLAN = 'aktivitetsplan-vc-tensta';

let server: TestServer;
let browser: Browser;

/** Both grids show `text` at `address` (generous: the machine may be loaded). */
async function bothShow(page: Page, address: string, text: string): Promise<void> {
  for (const side of ['a', 'b']) {
    await expect.poll(() => cellText(page, side as 'a' | 'b', address), { timeout: 15_000 }).toBe(text);
  }
}

/** Pastes `text` as the clipboard would hand it to the grid of side A at its cursor. */
async function paste(page: Page, text: string): Promise<void> {
  await page.locator('#grid-a .scroll').evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

describe('playground undo and paste, end to end', { timeout: 120_000 }, () => {
  useServerAndBrowser((started) => ({ server, browser } = started));

  it("A's Ctrl+Z takes back A's typed cell and then A's pasted block, everywhere", async () => {
    const { page, context } = await openPlayground(browser, server.url, { a: server.tokens.editor, b: server.tokens.admin });
    await openDoc(page, 'a', PLAN);
    await openDoc(page, 'b', PLAN);
    const before = { b2: await cellText(page, 'a', 'B2'), b3: await cellText(page, 'a', 'B3'), b4: await cellText(page, 'a', 'B4') };

    await typeCell(page, 'a', 'B2', 'Ångrad promenad');
    await bothShow(page, 'B2', 'Ångrad promenad');
    await page.locator('#grid-a .scroll').focus();
    await page.keyboard.press('Control+z');
    await bothShow(page, 'B2', before.b2);

    await page.locator('#grid-a td[data-address="B3"]').click();
    await paste(page, 'Inklistrad stavgång\r\nInklistrad cirkelträning\r\n');
    await bothShow(page, 'B3', 'Inklistrad stavgång');
    await bothShow(page, 'B4', 'Inklistrad cirkelträning');
    await page.locator('#grid-a .scroll').focus();
    await page.keyboard.press('Control+z');
    await bothShow(page, 'B3', before.b3);
    await bothShow(page, 'B4', before.b4);
    expect(await cellText(page, 'a', 'B2')).toBe(before.b2);

    await page.keyboard.press('Control+z');
    await page.locator('#grid-a .message', { hasText: 'Det finns inget att ångra.' }).waitFor({ timeout: 5000 });
    await context.close();
  });
});
