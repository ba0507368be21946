/**
 * End to end, a colleague deletes the row a person is typing in, in a real Chromium against a real
 * `samplan serve --demo`: the Tensta editor (one browser context) has the editor open on a cell of
 * the clinic's plan when the admin (another context) deletes that row. As in Excel, the workbook
 * is in cell-edit mode while the editor is open, so the add-in cannot move rows under it: Enter
 * commits the text to the row it was typed in (the pane keeps it as a row of its own), and the
 * activity that sat below the deleted row keeps its title everywhere. Screenshot:
 * `test-results/e2e-edit-mode-row-delete.png`.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cellText, openDoc, openPlayground, screenshot } from './support/playground.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';

/** The file's own workspace on the run's shared server (`support/workspace.ts`). */
let WS: string;
/** The Tensta clinic's activity plan: the demo editor's own document. */
const PLAN = 'aktivitetsplan-vc-tensta';
const TYPED = 'Skrivet medan raden togs bort';

let server: TestServer;
let browser: Browser;

/** The plan's rows as the server stores them: id and title. */
async function stored(): Promise<{ id: string; title: string }[]> {
  const res = await fetch(`${server.url}/v1/workspaces/${WS}/documents/${PLAN}/rows`, { headers: { authorization: `Bearer ${server.tokens.admin}` } });
  return ((await res.json()) as { rows: { id: string; title: string }[] }).rows;
}

/** Whether the document open in the page's pane still holds row `id`. */
function paneHasRow(page: Page, id: string): Promise<boolean> {
  return page.evaluate((rowId) => {
    const pane = (window as unknown as { samplan: { panes: { a: { docs: { active: { ydoc: { getMap(name: string): Map<string, unknown> } } | null } } } } }).samplan.panes.a;
    return pane.docs.active?.ydoc.getMap('rows').has(rowId) ?? false;
  }, id);
}

describe('a row deleted while a person types in it', { timeout: 120_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  });

  it('keeps what was typed and never writes it over the row that moved up', async () => {
    const editor = await openPlayground(browser, server.url, { a: server.tokens.editor });
    const admin = await openPlayground(browser, server.url, { a: server.tokens.admin });
    for (const { page } of [editor, admin]) {
      await openDoc(page, 'a', PLAN);
      await page.locator('#pane-a samplan-status-bar #connection', { hasText: 'Ansluten' }).waitFor();
    }
    const a = editor.page;
    const ids = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { samplan: { hosts: { a: { snapshot(): { tables: { rows: unknown[][] }[] } } } } }).samplan.hosts.a.snapshot().tables[0]!.rows.map((r) => String(r[0])));
    const rowIds = await ids(a);
    const [deletedId, belowId] = [rowIds[1]!, rowIds[2]!];
    // Both sheets show the plan in the same order: sheet row 3 is the same row at both.
    expect((await ids(admin.page))[1]).toBe(deletedId);
    const before = await stored();
    const belowTitle = before.find((r) => r.id === belowId)!.title;
    expect(await cellText(a, 'a', 'B4')).toBe(belowTitle);

    // The editor starts typing in the second row; the admin deletes that row meanwhile.
    await a.locator('#grid-a td[data-address="B3"]').dblclick();
    await a.locator('#grid-a td[data-address="B3"] input').fill(TYPED);
    await admin.page.locator('#grid-a td[data-address="C3"]').click({ button: 'right' });
    await admin.page.locator('#grid-a button.delete-row').click();
    await expect.poll(async () => (await stored()).some((r) => r.id === deletedId), { timeout: 15_000 }).toBe(false);
    await expect.poll(() => paneHasRow(a, deletedId), { timeout: 15_000 }).toBe(false);
    await a.locator('#grid-a td[data-address="B3"] input').press('Enter');

    // The activity below keeps its title in both sheets and on the server; the typed text is kept too.
    await expect.poll(async () => (await stored()).map((r) => r.title), { timeout: 15_000 }).toContain(TYPED);
    const after = await stored();
    expect(after.find((r) => r.id === belowId)?.title).toBe(belowTitle);
    expect(after.map((r) => r.title).sort()).toEqual([...before.filter((r) => r.id !== deletedId).map((r) => r.title), TYPED].sort());
    for (const { page } of [editor, admin]) {
      await expect.poll(async () => (await page.evaluate(() => (window as unknown as { samplan: { hosts: { a: { snapshot(): { tables: { rows: unknown[][] }[] } } } } }).samplan.hosts.a.snapshot().tables[0]!.rows.map((r) => String(r[1])))).sort(), { timeout: 15_000 }).toEqual(after.map((r) => r.title).sort());
    }
    await screenshot(a, 'edit-mode-row-delete');
    await editor.context.close();
    await admin.context.close();
  });
});
