/**
 * End to end, a row deleted offline that a round was approved for meanwhile, in a real Chromium
 * against a real `samplan serve --demo`: the Tensta editor goes offline and deletes an activity
 * reported in 2025 kv 2 (right-click → Ta bort tabellrad); Tensta's report is submitted and
 * approved over REST; the editor comes back. The row comes back in the sheet and on the server,
 * and Problems names it once (*som du tog bort kom tillbaka*, the round named), closable with
 * Stäng. On the old code Problems said only the round's sentence, naming no row.
 * Screenshot: `test-results/e2e-offline-delete-locked.png`.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openDoc, openPlayground, screenshot } from './support/playground.js';
import { rowOf } from './support/rounds.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';

/** The file's own workspace on the run's shared server (`support/workspace.ts`). */
let WS: string;
const PLAN = 'aktivitetsplan-vc-tensta';
const ROUND = '2025-kv-2';

let server: TestServer;
let browser: Browser;

const api = (path: string, token: string, init: RequestInit = {}) =>
  fetch(`${server.url}/v1/workspaces/${WS}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });

/** Tensta's plan rows as stored. */
async function planRows(): Promise<Record<string, unknown>[]> {
  return ((await (await api(`/documents/${PLAN}/rows`, server.tokens.admin)).json()) as { rows: Record<string, unknown>[] }).rows;
}

function problems(page: Page): Promise<{ code: string; sv: string; rowId: string | null; column: string | null }[]> {
  return page.evaluate(() => {
    type P = { code: string; message: { sv: string }; rowId: string | null; column: string | null };
    const pane = (window as unknown as { samplan: { panes: { a: { docs: { problems(): P[] } } } } }).samplan.panes.a;
    return pane.docs.problems().map((p) => ({ code: p.code, sv: p.message.sv, rowId: p.rowId, column: p.column }));
  });
}

/** Whether A's table holds the row `id` (its hidden id column). */
function shown(page: Page, id: string): Promise<boolean> {
  return page.evaluate((rowId) => {
    const host = (window as unknown as { samplan: { hosts: Record<string, { snapshot(): { tables: { rows: unknown[][] }[] } }> } }).samplan.hosts.a;
    return (host?.snapshot().tables ?? []).some((t) => t.rows.some((r) => r[0] === rowId));
  }, id);
}

describe('a row deleted offline that a round was approved for meanwhile', { timeout: 150_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  });

  it('comes back and is named once, closable', async () => {
    const inKv2 = (r: Record<string, unknown>): boolean => {
      const d = r.endDate || r.startDate;
      return typeof d === 'string' && d >= '2025-04-01' && d <= '2025-06-30';
    };
    const locked = (await planRows()).find((r) => inKv2(r) && typeof r.title === 'string' && r.title !== '');
    if (!locked) throw new Error('the demo plan has no row in 2025 kv 2');
    const id = String(locked.id);
    const title = String(locked.title);

    const editor = await openPlayground(browser, server.url, { a: server.tokens.editor });
    editor.context.setDefaultTimeout(20_000);
    await openDoc(editor.page, 'a', PLAN);
    await editor.page.locator('#pane-a samplan-status-bar #connection', { hasText: 'Ansluten' }).waitFor();
    const row = await rowOf(editor.page, 'a', { 'samplan-id': id });

    await editor.context.setOffline(true);
    await editor.page.locator('#pane-a samplan-status-bar #connection', { hasText: /Frånkopplad|Återansluter/ }).waitFor({ timeout: 15_000 });
    await editor.page.locator(`#grid-a td[data-address="${row.address('Målgrupp')}"]`).click({ button: 'right' });
    await editor.page.locator('#grid-a .menu button.delete-row', { hasText: 'Ta bort tabellrad' }).click();
    await expect.poll(() => shown(editor.page, id), { timeout: 15_000 }).toBe(false);

    expect((await api(`/rounds/${ROUND}/units/vc-tensta/submit`, server.tokens.admin, { method: 'POST', body: '{}' })).status).toBe(200);
    expect((await api(`/rounds/${ROUND}/units/vc-tensta/approve`, server.tokens.admin, { method: 'POST', body: '{}' })).status).toBe(200);

    await editor.context.setOffline(false);
    await expect.poll(async () => (await problems(editor.page)).filter((p) => p.code === 'refused-taken-back').length, { timeout: 20_000 }).toBe(1);
    const told = (await problems(editor.page)).find((p) => p.code === 'refused-taken-back')!;
    expect(told).toMatchObject({ rowId: id, column: null });
    expect(told.sv).toContain(`Raden ”${title.length > 60 ? title.slice(0, 59) : title}`);
    expect(told.sv).toContain('som du tog bort kom tillbaka: raden ingår i den godkända omgången 2025 kv 2');
    // The row is back in the sheet and kept on the server; the round's sentence alone is not shown beside it.
    await expect.poll(() => shown(editor.page, id), { timeout: 15_000 }).toBe(true);
    expect((await planRows()).map((r) => r.id)).toContain(id);
    expect((await problems(editor.page)).map((p) => p.code)).not.toContain('refused');

    await editor.page.locator('#pane-a samplan-status-bar #problems').click();
    const note = editor.page.locator('#pane-a samplan-problems li', { has: editor.page.locator('.problem[data-code="refused-taken-back"]') });
    await note.waitFor({ timeout: 5000 });
    await screenshot(editor.page, 'offline-delete-locked');
    await note.locator('button.dismiss', { hasText: 'Stäng' }).click();
    await expect.poll(async () => (await problems(editor.page)).filter((p) => p.code === 'refused-taken-back').length, { timeout: 5000 }).toBe(0);
    await editor.context.close();
  });
});
