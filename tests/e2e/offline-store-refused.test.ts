/**
 * End to end, a browser that refuses IndexedDB (a private window, a storage policy), in a real
 * Chromium against a real `samplan serve --demo`: the Tensta editor's pane keeps an offline copy
 * (`offline=1`, as in Excel). Before, the copy never finished "loading", so the document never
 * connected and nothing was said. Now the status bar says in Swedish that changes are not kept
 * offline on this computer and are still sent, and what is typed reaches the server.
 * Screenshot: `test-results/e2e-offline-store-refused.png`.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openDoc, screenshot, typeCell } from './support/playground.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';
import { openWhenReady } from './support/page-ready.js';

/** The file's own workspace on the run's shared server (`support/workspace.ts`). */
let WS: string;
/** The Tensta clinic's activity plan: the demo editor's own document. */
const PLAN = 'aktivitetsplan-vc-tensta';
const TYPED = 'Skrivet utan lokal lagring';

let server: TestServer;
let browser: Browser;

async function storedTitles(): Promise<string[]> {
  const res = await fetch(`${server.url}/v1/workspaces/${WS}/documents/${PLAN}/rows`, { headers: { authorization: `Bearer ${server.tokens.admin}` } });
  return ((await res.json()) as { rows: { title: string }[] }).rows.map((r) => r.title);
}

describe('a browser that refuses IndexedDB', { timeout: 120_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  });

  it('says that changes are not kept offline here, and sends what is typed', async () => {
    const context = await browser.newContext({ viewport: { width: 1500, height: 820 } });
    context.setDefaultTimeout(20_000);
    // As a private window or a storage policy does: every open is refused.
    await context.addInitScript(() => {
      IDBFactory.prototype.open = function open(): IDBOpenDBRequest {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      };
    });
    const page = await context.newPage();
    await openWhenReady(page, `${server.url}/playground?${new URLSearchParams({ a: server.tokens.editor, offline: '1' })}`, [page.locator('#pane-a samplan-activity-bar')]);
    await openDoc(page, 'a', PLAN);
    await page.locator('#pane-a samplan-status-bar #connection', { hasText: 'Ansluten' }).waitFor();
    const notice = page.locator('#pane-a samplan-status-bar #offline-store');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Dina ändringar sparas inte offline på den här datorn');
    expect(await notice.textContent()).toContain('skickas fortfarande till servern');
    expect(await notice.textContent()).not.toContain('denied');
    await typeCell(page, 'a', 'B2', TYPED);
    await expect.poll(async () => (await storedTitles()).includes(TYPED), { timeout: 20_000 }).toBe(true);
    await screenshot(page, 'offline-store-refused');
    await context.close();
  });
});
