/**
 * End to end, a pane closed and opened again while offline, in a real Chromium against a real
 * `samplan serve --demo`: the Tensta editor (one workbook with an offline copy, as in Excel) types
 * in the plan offline, closes the pane and opens it again still offline, and types more in the
 * sheet. The pane says in words that the server does not answer and that it signs in again by
 * itself; back online it does so without the token being typed again, and once the plan is opened
 * both cells reach the server, once each. Screenshots: `test-results/e2e-pane-reopened-offline-*.png`.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openDoc, screenshot, typeCell } from './support/playground.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';
import { openWhenReady } from './support/page-ready.js';

/** The file's own workspace on the run's shared server (`support/workspace.ts`). */
let WS: string;
/** The Tensta clinic's activity plan: the demo editor's own document. */
const PLAN = 'aktivitetsplan-vc-tensta';
const TYPED = ['Offline innan panelen stängdes', 'Offline medan panelen var stängd'];

let server: TestServer;
let browser: Browser;

async function storedTitles(): Promise<string[]> {
  const res = await fetch(`${server.url}/v1/workspaces/${WS}/documents/${PLAN}/rows`, { headers: { authorization: `Bearer ${server.tokens.admin}` } });
  return ((await res.json()) as { rows: { title: string }[] }).rows.map((r) => r.title);
}

/**
 * Closes the pane as Excel does (its documents closed, their tables left in the workbook) and
 * opens a new one with the same sign-in beside the same workbook.
 */
async function reopenPane(page: Page): Promise<void> {
  await page.evaluate(() => {
    type Pane = HTMLElement & Record<string, unknown> & { docs: { docs: { info: { id: string } }[]; close(id: string): void } };
    const handle = (window as unknown as { samplan: { panes: { a: Pane } } }).samplan;
    const old = handle.panes.a;
    for (const { info } of [...old.docs.docs]) old.docs.close(info.id);
    const pane = document.createElement('samplan-workbench') as unknown as Pane;
    for (const key of ['lang', 'serverUrl', 'token', 'ports', 'run']) pane[key] = old[key];
    const parent = old.parentElement!;
    old.remove();
    pane.id = 'pane-a';
    parent.append(pane);
    handle.panes.a = pane;
  });
}

describe('a pane closed and opened again offline', { timeout: 120_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  });

  it('signs in again by itself when back online, and what was typed reaches the server once', async () => {
    const context = await browser.newContext({ viewport: { width: 1500, height: 820 } });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await openWhenReady(page, `${server.url}/playground?${new URLSearchParams({ a: server.tokens.editor, offline: '1' })}`, [page.locator('#pane-a samplan-activity-bar')]);
    await openDoc(page, 'a', PLAN);
    await page.locator('#pane-a samplan-status-bar #connection', { hasText: 'Ansluten' }).waitFor();

    await context.setOffline(true);
    await page.locator('#pane-a samplan-status-bar #connection', { hasText: /Frånkopplad|Återansluter/ }).waitFor();
    await typeCell(page, 'a', 'B2', TYPED[0]!);
    await page.locator('#pane-a samplan-status-bar #pending', { hasText: /ej synkade/ }).waitFor();
    await reopenPane(page);
    const signIn = page.locator('#pane-a samplan-sign-in');
    await signIn.locator('#error', { hasText: 'Servern svarar inte' }).waitFor();
    await signIn.locator('#retrying', { hasText: 'loggar in igen av sig själv' }).waitFor();
    await typeCell(page, 'a', 'B3', TYPED[1]!);
    await screenshot(page, 'pane-reopened-offline-1-offline');

    // Back online: the pane signs in without the token typed again; opening the plan sends both cells.
    await context.setOffline(false);
    await page.locator('#pane-a samplan-activity-bar').waitFor({ timeout: 30_000 });
    await openDoc(page, 'a', PLAN);
    await page.locator('#pane-a samplan-status-bar #connection', { hasText: 'Ansluten' }).waitFor();
    await expect.poll(async () => (await storedTitles()).filter((t) => TYPED.includes(t)).sort(), { timeout: 20_000 }).toEqual([...TYPED].sort());
    expect((await storedTitles()).filter((t) => TYPED.includes(t))).toHaveLength(2);
    await screenshot(page, 'pane-reopened-offline-2-online');
    await context.close();
  });
});
