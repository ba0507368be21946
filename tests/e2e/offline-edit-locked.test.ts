/**
 * End to end, edits typed offline in a row a round was approved for meanwhile, in a real Chromium
 * against a real `samplan serve --demo`: the Tensta editor goes offline and types in Målgrupp of
 * an activity reported in 2025 kv 2 and of one outside it; Tensta's report is submitted and
 * approved over REST; the editor comes back. The locked cell shows its stored value again and
 * Problems names the activity, the column and the text typed, to copy; the other edit is
 * stored. On the old code Problems said only the round's sentence, naming no row, column or text.
 * Screenshot: `test-results/e2e-offline-edit-locked.png`.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cellText, openDoc, openPlayground, screenshot, typeCell } from './support/playground.js';
import { rowOf } from './support/rounds.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';

/** The file's own workspace on the run's shared server (`support/workspace.ts`). */
let WS: string;
const PLAN = 'aktivitetsplan-vc-tensta';
const ROUND = '2025-kv-2';
const LOCKED_TEXT = 'Föräldrar på förskolan, skrivet offline';
const FREE_TEXT = 'Seniorer i Tensta, skrivet offline';

let server: TestServer;
let browser: Browser;

const api = (path: string, token: string, init: RequestInit = {}) =>
  fetch(`${server.url}/v1/workspaces/${WS}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });

/** Tensta's plan rows as stored. */
async function planRows(): Promise<Record<string, unknown>[]> {
  return ((await (await api(`/documents/${PLAN}/rows`, server.tokens.admin)).json()) as { rows: Record<string, unknown>[] }).rows;
}

function problems(page: Page): Promise<{ code: string; sv: string; rowId: string | null; column: string | null; copyText?: string }[]> {
  return page.evaluate(() => {
    type P = { code: string; message: { sv: string }; rowId: string | null; column: string | null; copyText?: string };
    const pane = (window as unknown as { samplan: { panes: { a: { docs: { problems(): P[] } } } } }).samplan.panes.a;
    return pane.docs.problems().map((p) => ({ code: p.code, sv: p.message.sv, rowId: p.rowId, column: p.column, ...(p.copyText !== undefined ? { copyText: p.copyText } : {}) }));
  });
}

describe('edits made offline in a row approved meanwhile', { timeout: 150_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  });

  it('names the row, the column and the text typed; the other row’s edit is stored', async () => {
    // A row Tensta reports in 2025 kv 2 (its end, or else start, date in April–June 2025), and one it does not.
    const inKv2 = (r: Record<string, unknown>): boolean => {
      const d = r.endDate || r.startDate;
      return typeof d === 'string' && d >= '2025-04-01' && d <= '2025-06-30';
    };
    const rows = await planRows();
    const locked = rows.find((r) => inKv2(r) && typeof r.title === 'string' && r.title !== '');
    const free = rows.find((r) => !inKv2(r) && (typeof r.endDate === 'string' || typeof r.startDate === 'string') && typeof r.title === 'string' && r.title !== '');
    if (!locked || !free) throw new Error('the demo plan has no row in and out of 2025 kv 2');
    const title = String(locked.title);

    const editor = await openPlayground(browser, server.url, { a: server.tokens.editor });
    editor.context.setDefaultTimeout(20_000);
    await openDoc(editor.page, 'a', PLAN);
    await editor.page.locator('#pane-a samplan-status-bar #connection', { hasText: 'Ansluten' }).waitFor();
    const lockedRow = await rowOf(editor.page, 'a', { 'samplan-id': String(locked.id) });
    const freeRow = await rowOf(editor.page, 'a', { 'samplan-id': String(free.id) });
    const before = await cellText(editor.page, 'a', lockedRow.address('Målgrupp'));

    await editor.context.setOffline(true);
    await editor.page.locator('#pane-a samplan-status-bar #connection', { hasText: /Frånkopplad|Återansluter/ }).waitFor({ timeout: 15_000 });
    await typeCell(editor.page, 'a', lockedRow.address('Målgrupp'), LOCKED_TEXT);
    await typeCell(editor.page, 'a', freeRow.address('Målgrupp'), FREE_TEXT);
    await editor.page.locator('#pane-a samplan-status-bar #pending').waitFor();

    // Meanwhile Tensta's report is submitted and approved.
    expect((await api(`/rounds/${ROUND}/units/vc-tensta/submit`, server.tokens.admin, { method: 'POST', body: '{}' })).status).toBe(200);
    expect((await api(`/rounds/${ROUND}/units/vc-tensta/approve`, server.tokens.admin, { method: 'POST', body: '{}' })).status).toBe(200);

    await editor.context.setOffline(false);
    await expect.poll(async () => (await problems(editor.page)).filter((p) => p.code === 'refused-taken-back').length, { timeout: 20_000 }).toBe(1);
    const told = (await problems(editor.page)).find((p) => p.code === 'refused-taken-back')!;
    expect(told).toMatchObject({ rowId: String(locked.id), column: 'targetGroup', copyText: LOCKED_TEXT });
    expect(told.sv).toContain(`Målgrupp på raden ”${title.length > 60 ? title.slice(0, 59) : title}`);
    expect(told.sv).toContain(`Det du skrev: ”${LOCKED_TEXT}”`);
    expect(told.sv).toContain('godkända omgången 2025 kv 2');

    // The edit of the row outside the round is stored; the locked row keeps its value, in the sheet too.
    await expect.poll(async () => (await planRows()).find((r) => r.id === free.id)?.targetGroup, { timeout: 15_000 }).toBe(FREE_TEXT);
    expect((await planRows()).find((r) => r.id === locked.id)?.targetGroup ?? '').toBe(locked.targetGroup ?? '');
    await expect.poll(async () => cellText(editor.page, 'a', lockedRow.address('Målgrupp')), { timeout: 15_000 }).toBe(before);
    await editor.page.locator('#pane-a samplan-status-bar #pending').waitFor({ state: 'detached', timeout: 15_000 });
    // Said once, in the cell's words: the round's sentence alone is not shown beside it.
    expect((await problems(editor.page)).map((p) => p.code)).not.toContain('refused');

    await editor.page.locator('#pane-a samplan-status-bar #problems').click();
    const shown = editor.page.locator('#pane-a samplan-problems .problem[data-code="refused-taken-back"]');
    await shown.waitFor({ timeout: 5000 });
    expect(await shown.textContent()).toContain(LOCKED_TEXT);
    await screenshot(editor.page, 'offline-edit-locked');
    await editor.context.close();
  });
});
