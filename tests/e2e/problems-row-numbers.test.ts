/**
 * End to end, Problems names a row without a title by the row number the sheet shows: in the
 * playground against a real `samplan serve --demo`, the Tensta editor types a text into the Värde
 * of one of Tensta's indicator values (named by number: its Källa is the same on many rows), and Problems
 * names that row as "rad N · Värde" with N the row the cell is on in her sheet (before, N was the
 * row's number in the document, one less than the sheet's row with the header on row 1, so the
 * person was sent to the row above).
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openDoc, openPlayground, screenshot, typeCell } from './support/playground.js';
import { rowOf } from './support/rounds.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';
import { openView } from './support/views.js';

/** The file's own workspace on the run's shared server (`support/workspace.ts`). */
let WS: string;

let server: TestServer;
let browser: Browser;

describe('Problems names rows by the sheet row number', { timeout: 90_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  });

  it("names a text typed into an indicator value's Värde by the row it is on in the sheet", async () => {
    const res = await fetch(`${server.url}/v1/workspaces/${WS}/documents/indikatorvarden/rows?format=json`, { headers: { authorization: `Bearer ${server.tokens.admin}` } });
    const { rows } = (await res.json()) as { rows: { id: string; unit: string }[] };
    // A Tensta value some way down the table, so that a number off by one names another value.
    const tensta = rows.filter((r) => r.unit === 'vc-tensta');
    const target = tensta[Math.floor(tensta.length / 2)];
    if (!target) throw new Error('the demo has no indicator values of vc-tensta');

    const { page, context } = await openPlayground(browser, server.url, { a: server.tokens.editor });
    await openDoc(page, 'a', 'indikatorvarden');
    const found = await rowOf(page, 'a', { 'samplan-id': target.id });
    const address = found.address('Värde');
    const sheetRow = Number(/\d+$/.exec(address)?.[0]);
    await typeCell(page, 'a', address, 'många');

    await openView(page.locator('#pane-a samplan-activity-bar'), 'problems');
    const problem = page.locator('#pane-a samplan-problems .problem', { hasText: '"många" är inte ett tal' });
    await problem.first().waitFor({ timeout: 10_000 });
    const where = ((await problem.first().locator('.where').textContent()) ?? '').trim();
    expect(where).toBe(`rad ${sheetRow} · Värde`);
    await screenshot(page, 'problems-row-numbers');
    await context.close();
  });
});
