/**
 * End to end, an edit made offline in a row a colleague deleted meanwhile, in a real Chromium
 * against a real `samplan serve --demo`: the Tensta editor goes offline and types in the Målgrupp
 * cell of an activity; the admin deletes that activity; the editor comes back. The row is gone
 * everywhere (the delete stands) and the editor's Problems names the activity and shows the text
 * typed, to be typed again. On the old code the text was gone and the only words named neither
 * the row nor the text. Screenshot: `test-results/e2e-offline-edit-row-deleted.png`.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cellText, openDoc, openPlayground, screenshot, typeCell } from './support/playground.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';

/** The file's own workspace on the run's shared server (`support/workspace.ts`). */
let WS: string;
const PLAN = 'aktivitetsplan-vc-tensta';
const TYPED = 'Föräldrar på förskolan, skrivet offline';

let server: TestServer;
let browser: Browser;

/** The plan's row ids as the server stores them. */
async function storedIds(): Promise<string[]> {
  const res = await fetch(`${server.url}/v1/workspaces/${WS}/documents/${PLAN}/rows`, { headers: { authorization: `Bearer ${server.tokens.admin}` } });
  return ((await res.json()) as { rows: { id: string }[] }).rows.map((r) => r.id);
}

function problems(page: Page): Promise<{ code: string; sv: string; copyText?: string }[]> {
  return page.evaluate(() => {
    const pane = (window as unknown as { samplan: { panes: { a: { docs: { problems(): { code: string; message: { sv: string }; copyText?: string }[] } } } } }).samplan.panes.a;
    return pane.docs.problems().map((p) => ({ code: p.code, sv: p.message.sv, ...(p.copyText !== undefined ? { copyText: p.copyText } : {}) }));
  });
}

describe('an edit made offline in a row a colleague deleted', { timeout: 150_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  });

  it('names the row and shows the text typed, to be typed again', async () => {
    const editor = await openPlayground(browser, server.url, { a: server.tokens.editor });
    const admin = await openPlayground(browser, server.url, { a: server.tokens.admin });
    for (const { page } of [editor, admin]) {
      await openDoc(page, 'a', PLAN);
      await page.locator('#pane-a samplan-status-bar #connection', { hasText: 'Ansluten' }).waitFor();
    }
    const title = await cellText(editor.page, 'a', 'B3');
    expect(await cellText(admin.page, 'a', 'B3')).toBe(title);
    const count = (await storedIds()).length;
    expect(count).toBeGreaterThan(2);

    await editor.context.setOffline(true);
    await editor.page.locator('#pane-a samplan-status-bar #connection', { hasText: /Frånkopplad|Återansluter/ }).waitFor({ timeout: 15_000 });
    await typeCell(editor.page, 'a', 'O3', TYPED);
    await editor.page.locator('#pane-a samplan-status-bar #pending').waitFor();
    await admin.page.locator('#grid-a td[data-address="C3"]').click({ button: 'right' });
    await admin.page.locator('#grid-a button.delete-row').click();
    await expect.poll(async () => (await storedIds()).length, { timeout: 15_000 }).toBe(count - 1);
    await editor.context.setOffline(false);
    await expect.poll(async () => cellText(editor.page, 'a', 'B3'), { timeout: 15_000 }).not.toBe(title);

    await expect.poll(async () => (await problems(editor.page)).filter((p) => p.code === 'row-deleted-unsent').length, { timeout: 15_000 }).toBe(1);
    const told = (await problems(editor.page)).find((p) => p.code === 'row-deleted-unsent')!;
    expect(told.sv).toContain(`Raden ”${title.length > 60 ? title.slice(0, 59) : title}`);
    expect(told.sv).toContain(`Målgrupp: ”${TYPED}”`);
    expect(told.copyText?.split('\t')).toContain(TYPED);
    // Once the server has taken what the pane sent (nothing pending), its row-gone notice has come
    // too: one loss is said once, in the pane's words (the old code showed the server's beside it).
    await editor.page.locator('#pane-a samplan-status-bar #pending').waitFor({ state: 'detached', timeout: 15_000 });
    expect((await problems(editor.page)).map((p) => p.code)).not.toContain('refused');
    await editor.page.locator('#pane-a samplan-status-bar #problems').click();
    await editor.page.locator('#pane-a samplan-problems .problem[data-code="row-deleted-unsent"]').waitFor({ timeout: 5000 });
    expect((await problems(admin.page)).filter((p) => p.code === 'row-deleted-unsent')).toEqual([]);
    await screenshot(editor.page, 'offline-edit-row-deleted');
    await editor.context.close();
    await admin.context.close();
  });
});
