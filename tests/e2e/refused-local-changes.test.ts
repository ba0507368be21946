/**
 * End to end, changes the server will never take, against a real `samplan serve --demo` in a real
 * Chromium: the Tensta editor (with an offline copy, as in Excel) changes two activities of the
 * clinic's plan while offline, an admin makes the editor a viewer meanwhile, and the editor comes
 * back. The pane says the changes are not stored; the editor keeps them in a new sheet (its cells
 * checked), then returns to the shared version after a confirmation that names how many changes
 * go: the table equals the server's, Problems has nothing left about it, the document stays
 * read-only, and the server never got the refused values. Screenshots go to
 * `test-results/e2e-refused-local-changes-*.png`.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openDoc, screenshot, typeCell } from './support/playground.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';
import { openView } from './support/views.js';
import { openWhenReady } from './support/page-ready.js';

/** The file's own workspace on the run's shared server (`support/workspace.ts`). */
let WS: string;
/** The Tensta clinic's activity plan: the demo editor's own document. */
const PLAN = 'aktivitetsplan-vc-tensta';
const TYPED = ['Offline: stavgång i Järvafältet', 'Offline: cirkelträning för äldre'];

let server: TestServer;
let browser: Browser;

async function api<T>(path: string, token: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** The plan's rows as the server stores them. */
async function storedRows(): Promise<Record<string, unknown>[]> {
  return (await api<{ rows: Record<string, unknown>[] }>(`/v1/workspaces/${WS}/documents/${PLAN}/rows`, server.tokens.admin)).rows;
}

type Snapshot = { sheets: { name: string; protected: boolean; values: unknown[][] }[]; tables: { name: string; sheet: string; headers: string[]; rows: unknown[][] }[] };

async function workbook(page: Page): Promise<Snapshot> {
  return page.evaluate(() => (window as unknown as { samplan: { hosts: { a: { snapshot(): Snapshot } } } }).samplan.hosts.a.snapshot());
}

describe('changes the server will not take', { timeout: 150_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  });

  it('an editor demoted while offline keeps the changes in a new sheet, then returns to the shared version', async () => {
    const { you } = await api<{ you: { memberId: string; name: string; role: string; units: string[] } }>(`/v1/workspaces/${WS}`, server.tokens.editor);
    const context = await browser.newContext({ viewport: { width: 1500, height: 820 } });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    const bar = page.locator('#pane-a samplan-activity-bar');
    await openWhenReady(page, `${server.url}/playground?${new URLSearchParams({ a: server.tokens.editor, offline: '1' })}`, [bar]);
    await openDoc(page, 'a', PLAN);
    await page.locator('#pane-a samplan-status-bar #connection', { hasText: 'Ansluten' }).waitFor();
    const before = await storedRows();

    // Offline, the editor changes two activities; an admin makes the editor a viewer meanwhile.
    await context.setOffline(true);
    await page.locator('#pane-a samplan-status-bar #connection', { hasText: /Frånkopplad|Återansluter/ }).waitFor();
    await typeCell(page, 'a', 'B3', TYPED[0]!);
    await typeCell(page, 'a', 'B4', TYPED[1]!);
    await page.locator('#pane-a samplan-status-bar #pending', { hasText: /ej synkade/ }).waitFor();
    await api(`/v1/workspaces/${WS}/members`, server.tokens.admin, { method: 'POST', body: JSON.stringify({ id: you.memberId, name: you.name, role: 'viewer', units: you.units }) });
    await context.setOffline(false);

    // Back online: the pane says the changes are not stored, and offers both ways forward.
    await openView(bar, 'problems');
    const card = page.locator(`#pane-a samplan-refused-changes section[data-doc="${PLAN}"]`);
    await card.locator('#keep').waitFor({ timeout: 30_000 });
    await page.locator('#pane-a samplan-problems .problem[data-code="refused"]').first().waitFor();
    await screenshot(page, 'refused-local-changes-1-refused');

    // Keep my changes: a new sheet lists both rows as changed, with the typed values.
    await card.locator('#keep').click();
    const kept = card.locator('.said[data-ok="true"]');
    await kept.waitFor();
    const sheetName = /”(.+)”/.exec((await kept.textContent()) ?? '')?.[1];
    expect(sheetName).toMatch(/ \d{4}-\d\d-\d\d$/);
    expect(sheetName!.length).toBeLessThanOrEqual(31);
    const sheet = (await workbook(page)).sheets.find((s) => s.name === sheetName);
    expect(sheet?.values[0]?.slice(0, 3)).toEqual(['Ändring', 'Ändrade kolumner', 'Aktivitet']);
    const keptRows = sheet!.values.slice(1).map((r) => r.slice(0, 3));
    expect(keptRows).toEqual(expect.arrayContaining([['ändrad', 'Aktivitet', TYPED[0]], ['ändrad', 'Aktivitet', TYPED[1]]]));
    expect(keptRows).toHaveLength(2);
    await screenshot(page, 'refused-local-changes-2-kept');

    // Where the plan is in the tab row before returning (the kept sheet came after it).
    const tabsBefore = (await workbook(page)).sheets.map((s) => s.name);
    const planBefore = (await workbook(page)).tables.find((t) => t.rows.length > 0 && t.sheet !== sheetName)?.sheet;
    expect(planBefore).toBeDefined();

    // Return to the shared version: the confirmation names the two changes; nothing goes before it.
    await card.locator('#discard').click();
    await card.locator('#confirm', { hasText: '2 ändrade rader' }).waitFor();
    expect((await workbook(page)).tables.some((t) => t.rows.some((r) => r.includes(TYPED[0])))).toBe(true);
    await screenshot(page, 'refused-local-changes-3-confirm');
    await card.locator('#confirm-discard').click();
    await page.locator('#pane-a samplan-refused-changes .said[data-ok="true"]', { hasText: 'den delade versionen' }).waitFor({ timeout: 30_000 });

    // The table is the server's again, Problems says nothing about it, and it stays read-only.
    const shared = await storedRows();
    await expect
      .poll(async () => {
        const table = (await workbook(page)).tables.find((t) => t.rows.length > 0 && t.sheet !== sheetName);
        return table?.rows.map((r) => [r[0], r[1]]);
      }, { timeout: 20_000 })
      .toEqual(shared.map((r) => [r.id, r.title]));
    await page.locator('#pane-a samplan-status-bar #connection', { hasText: 'Ansluten' }).waitFor();
    expect(await page.locator('#pane-a samplan-problems .problem[data-severity="error"]').count()).toBe(0);
    expect(await page.locator('#pane-a samplan-problems .problem[data-code="rights-changed"]').count()).toBe(0);
    expect(await page.locator('#pane-a samplan-refused-changes #keep').count()).toBe(0);
    expect(await page.locator('#pane-a samplan-status-bar #pending').count()).toBe(0);
    const after = await workbook(page);
    const planSheet = after.tables.find((t) => t.rows.length > 0 && t.sheet !== sheetName)?.sheet;
    expect(after.sheets.find((s) => s.name === planSheet)?.protected).toBe(true);
    // The plan is back on its own tab, with its name, where it was in the tab row.
    expect(planSheet).toBe(planBefore);
    expect(after.sheets.map((s) => s.name)).toEqual(tabsBefore);
    await screenshot(page, 'refused-local-changes-4-shared');

    // The server never got the refused values; the kept sheet is still there.
    expect(shared).toEqual(before);
    expect(JSON.stringify(shared)).not.toContain('Offline:');
    expect((await workbook(page)).sheets.some((s) => s.name === sheetName)).toBe(true);
    await context.close();
  });
});
