/**
 * End to end: deleting table rows in the playground grid, in a real Chromium against a real
 * `samplan serve --demo`, in the county action plan where rows belong to units. The Tensta editor
 * deletes the Tensta row from the right-click menu: it goes at the admin's side and on the server;
 * Ctrl+Z brings it back under the same row id. The editor's Ctrl+- on a row of the region is put
 * back by the pane (the server would refuse it too), and Problems says why in words.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openDoc, openPlayground, screenshot } from './support/playground.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';
import { openView } from './support/views.js';

/** The file's own workspace on the run's shared server (`support/workspace.ts`). */
let WS: string;
const PLAN = 'handlingsplan';
/** The plan's row of the Tensta clinic (`server/demo/action-plan-rows.ts`), and one of the region. */
const TENSTA_ROW = 'Vid kronisk sjukdom finns etablerad struktur för utbildning och introduktion till egenvård';
const REGION_ROW = 'Rökfri arbetstid, och rökavvänjning finns att tillgå för medarbetare';

let server: TestServer;
let browser: Browser;

/** The sheet row (1-based) of the table row holding `text` in one side's workbook, and its id; null when gone. */
async function rowOf(page: Page, side: 'a' | 'b', text: string): Promise<{ row: number; id: unknown } | null> {
  return page.evaluate(
    ([s, t]) => {
      type Table = { headers: string[]; rows: unknown[][] };
      const host = (window as unknown as { samplan: { hosts: Record<string, { snapshot(): { tables: Table[] } }> } }).samplan.hosts[s as string];
      const rows = host?.snapshot().tables[0]?.rows ?? [];
      const i = rows.findIndex((r) => r.includes(t));
      return i < 0 ? null : { row: i + 2, id: rows[i]?.[0] };
    },
    [side, text],
  );
}

/** The ids of the plan's rows as the server stores them. */
async function storedIds(): Promise<string[]> {
  const res = await fetch(`${server.url}/v1/workspaces/${WS}/documents/${PLAN}/rows`, { headers: { authorization: `Bearer ${server.tokens.admin}` } });
  return ((await res.json()) as { rows: { id: string }[] }).rows.map((r) => r.id);
}

/** Clicks a cell of `text`'s row in A's grid (column C, a visible column of the table). */
async function pick(page: Page, text: string): Promise<void> {
  const at = await rowOf(page, 'a', text);
  expect(at, text).not.toBeNull();
  await page.locator(`#grid-a td[data-address="C${at?.row}"]`).click();
}

describe('playground row delete, end to end', { timeout: 150_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  });

  it("deletes the editor's own row everywhere, undoes it under the same id, and a region row comes back with words", async () => {
    const { page, context } = await openPlayground(browser, server.url, { a: server.tokens.editor, b: server.tokens.admin });
    await openDoc(page, 'a', PLAN);
    await openDoc(page, 'b', PLAN);
    const tensta = await rowOf(page, 'a', TENSTA_ROW);
    expect(tensta?.id).toEqual(expect.any(String));
    expect(await storedIds()).toContain(tensta?.id);

    // Right-click → Ta bort tabellrad: gone at A, at B and on the server.
    await pick(page, TENSTA_ROW);
    await page.locator(`#grid-a td[data-address="C${tensta?.row}"]`).click({ button: 'right' });
    await page.locator('#grid-a .menu button.delete-row', { hasText: 'Ta bort tabellrad' }).click();
    await expect.poll(() => rowOf(page, 'b', TENSTA_ROW), { timeout: 15_000 }).toBeNull();
    expect(await rowOf(page, 'a', TENSTA_ROW)).toBeNull();
    await expect.poll(() => storedIds(), { timeout: 15_000 }).not.toContain(tensta?.id);

    // Ctrl+Z (the pane's undo of the editor's own edit) brings it back under the same row id.
    await page.locator('#grid-a .scroll').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await rowOf(page, 'b', TENSTA_ROW))?.id, { timeout: 15_000 }).toBe(tensta?.id);
    await expect.poll(() => storedIds(), { timeout: 15_000 }).toContain(tensta?.id);

    // Ctrl+- on a row of the region: the pane puts it back and says why in Problems.
    const region = await rowOf(page, 'a', REGION_ROW);
    await pick(page, REGION_ROW);
    await page.locator('#grid-a .scroll').focus();
    await page.keyboard.press('Control+Minus');
    await openView(page.locator('#pane-a samplan-activity-bar'), 'problems');
    await page.locator('#pane-a').getByText('Raden togs inte bort och visas igen: raden tillhör Region Stockholm', { exact: false }).first().waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await rowOf(page, 'a', REGION_ROW))?.id, { timeout: 15_000 }).toBe(region?.id);
    expect(await storedIds()).toContain(region?.id);
    expect((await rowOf(page, 'b', REGION_ROW))?.id).toBe(region?.id);
    await screenshot(page, 'playground-row-delete');

    // Outside a table the grid says what to do.
    await page.locator('#grid-a td[data-address="C12"]').click();
    await page.locator('#grid-a .scroll').focus();
    await page.keyboard.press('Control+Minus');
    await page.locator('#grid-a .message', { hasText: 'Markera en cell i en tabellrad' }).waitFor({ timeout: 5000 });
    await context.close();
  });
});
