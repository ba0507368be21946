/**
 * End to end, a right taken away while a person types and then given back, in a real Chromium
 * against a real `samplan serve --demo`: the Tensta editor, in a pane without an offline copy,
 * types in the clinic's plan offline while an admin makes them a viewer; back online the pane
 * says the change is not stored and keeps it. The admin makes them
 * an editor again: the pane opens the plan again with the new rights and sends the kept change,
 * which reaches the server once, instead of dropping it without a word.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cellText, openDoc, typeCell } from './support/playground.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';
import { openWhenReady } from './support/page-ready.js';

/** The file's own workspace on the run's shared server (`support/workspace.ts`). */
let WS: string;
/** The Tensta clinic's activity plan: the demo editor's own document. */
const PLAN = 'aktivitetsplan-vc-tensta';
const TYPED = 'Skrivet när rätten togs';

let server: TestServer;
let browser: Browser;

async function api<T>(path: string, init: RequestInit = {}, token = server.tokens.admin): Promise<T> {
  const res = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

const storedTitles = async (): Promise<string[]> => (await api<{ rows: { title: string }[] }>(`/v1/workspaces/${WS}/documents/${PLAN}/rows`)).rows.map((r) => r.title);

describe('a right taken away while typing, then given back', { timeout: 120_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  });

  it('keeps the change typed meanwhile and sends it once the person may write again', async () => {
    const { you } = await api<{ you: { memberId: string; name: string; role: string; units: string[] } }>(`/v1/workspaces/${WS}`, {}, server.tokens.editor);
    const member = (role: string) => api(`/v1/workspaces/${WS}/members`, { method: 'POST', body: JSON.stringify({ id: you.memberId, name: you.name, role, units: you.units }) });
    // A pane without an offline copy (IndexedDB unavailable, or the playground's two panes): the
    // change lives only in the pane's doc and the sheet.
    const context = await browser.newContext({ viewport: { width: 1500, height: 820 } });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await openWhenReady(page, `${server.url}/playground?${new URLSearchParams({ a: server.tokens.editor })}`, [page.locator('#pane-a samplan-activity-bar')]);
    await openDoc(page, 'a', PLAN);
    await page.locator('#pane-a samplan-status-bar #connection', { hasText: 'Ansluten' }).waitFor();

    // The editor types offline while an admin makes them a viewer; back online the change is kept, not stored.
    await context.setOffline(true);
    await page.locator('#pane-a samplan-status-bar #connection', { hasText: /Frånkopplad|Återansluter/ }).waitFor();
    await typeCell(page, 'a', 'B3', TYPED);
    await member('viewer');
    await context.setOffline(false);
    await page.locator('#pane-a samplan-status-bar #user', { hasText: 'läsare' }).waitFor();
    await page.locator('#pane-a samplan-status-bar #pending', { hasText: /ej synkade/ }).waitFor();
    expect(await cellText(page, 'a', 'B3')).toBe(TYPED);
    expect(await storedTitles()).not.toContain(TYPED);

    // Given back: the kept change goes to the server, and the cell still shows it.
    await member('editor');
    await page.locator('#pane-a samplan-status-bar #user', { hasText: 'redigerare' }).waitFor();
    await expect.poll(storedTitles, { timeout: 20_000 }).toContain(TYPED);
    expect((await storedTitles()).filter((t) => t === TYPED)).toHaveLength(1);
    await expect.poll(() => cellText(page, 'a', 'B3'), { timeout: 10_000 }).toBe(TYPED);
    await page.locator('#pane-a samplan-status-bar #pending').waitFor({ state: 'detached' });
    await context.close();
  });
});
