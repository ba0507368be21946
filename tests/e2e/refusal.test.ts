/**
 * End to end, a refused row on an open document against a real `samplan serve --demo`: the Tensta
 * editor (left pane) and the admin (right pane) have the county's action plan open; Tensta tries
 * to hand its own row to another clinic, which an editor may not do (only a coordinator changes a
 * row's unit: the server's rule, `server/sync/ownership.ts`, which the pane asks at typing since
 * `RowLocks.changeFor`). The refusal is said in Problems, the cell shows Tensta again, nothing is
 * stored, and the document keeps working on the same socket: the admin's edits keep arriving and
 * Tensta's own edits keep going out, with no reconnect (the page opens exactly one sync socket
 * for Tensta). Screenshots go to `test-results/e2e-refusal-*.png`.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cellText, openDoc, openPlayground, screenshot, typeCell } from './support/playground.js';
import type { TestServer } from './support/server.js';
import { rowOf } from './support/rounds.js';
import { useServerAndBrowser } from './support/session.js';
import { openView } from './support/views.js';

/** The file's own workspace on the run's shared server (`support/workspace.ts`). */
let WS: string;
const PLAN = 'handlingsplan';
/** Tensta's own row of the demo action plan, and one of the region's. */
const MINE = 'Vid kronisk sjukdom finns etablerad struktur för utbildning och introduktion till egenvård';
const REGIONS = 'Frågan om balans arbete – fritid lyfts i medarbetarsamtal';

let server: TestServer;
let browser: Browser;

/** The plan's rows as stored, read over REST. */
async function storedRows(): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${server.url}/v1/workspaces/${WS}/documents/${PLAN}/rows`, { headers: { authorization: `Bearer ${server.tokens.admin}` } });
  return ((await res.json()) as { rows: Record<string, unknown>[] }).rows;
}

describe('a refused row on an open document', { timeout: 120_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  });

  it("is said in Problems and put back, and others' edits keep arriving on the same socket", async () => {
    const { page, context } = await openPlayground(browser, server.url, { a: server.tokens.editor, b: server.tokens.admin });
    context.setDefaultTimeout(20_000);
    // Every sync socket the page opens for Tensta's sign-in (the pane puts the token in the URL).
    const tenstaSockets: string[] = [];
    page.on('websocket', (ws) => {
      if (ws.url().includes(`/v1/sync/${WS}/${PLAN}`) && ws.url().includes(server.tokens.editor)) tenstaSockets.push(ws.url());
    });
    await openDoc(page, 'a', PLAN);
    await openDoc(page, 'b', PLAN);
    await page.locator('#pane-a samplan-status-bar #connection', { hasText: 'Ansluten' }).waitFor();
    expect(tenstaSockets).toHaveLength(1);

    // Tensta hands its own row to Rinkeby: refused in words, as the server would refuse it.
    const mine = await rowOf(page, 'a', { Åtgärd: MINE });
    await typeCell(page, 'a', mine.address('Enhet'), 'Rinkeby Vårdcentral');
    await openView(page.locator('#pane-a samplan-activity-bar'), 'problems');
    await page.locator('#pane-a samplan-problems', { hasText: 'en rads enhet kan bara en samordnare ändra' }).waitFor();
    await expect.poll(() => cellText(page, 'a', mine.address('Enhet')), { timeout: 15_000 }).toBe('Tensta vårdcentral');
    expect((await storedRows()).find((r) => r.measure === MINE)?.unit).toBe('vc-tensta');
    await page.locator('#pane-a samplan-status-bar #connection', { hasText: 'Ansluten' }).waitFor();
    expect(await page.locator('#pane-a samplan-status-bar #refusal').count()).toBe(0);
    await screenshot(page, 'refusal-1-refused-row-put-back');

    // The admin's edit arrives in Tensta's sheet, and Tensta's own edit reaches the admin.
    const regions = await rowOf(page, 'b', { Åtgärd: REGIONS });
    await typeCell(page, 'b', regions.address('Ansvarig'), 'HR-chef');
    await expect.poll(async () => (await rowOf(page, 'a', { Åtgärd: REGIONS, Ansvarig: 'HR-chef' })).index, { timeout: 15_000 }).toBeGreaterThanOrEqual(0);
    await typeCell(page, 'a', mine.address('Ansvarig'), 'Distriktssköterska och diabetessköterska');
    await expect.poll(async () => (await rowOf(page, 'b', { Åtgärd: MINE, Ansvarig: 'Distriktssköterska och diabetessköterska' })).index, { timeout: 15_000 }).toBeGreaterThanOrEqual(0);
    await expect.poll(async () => (await storedRows()).find((r) => r.measure === MINE)?.responsible, { timeout: 15_000 }).toBe('Distriktssköterska och diabetessköterska');
    await screenshot(page, 'refusal-2-edits-keep-flowing');

    // No reconnect happened: still the one socket Tensta opened.
    expect(tenstaSockets).toHaveLength(1);
    await context.close();
  });
});
