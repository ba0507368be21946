/**
 * End to end: partner references in the playground against a real `samplan serve --demo`. The
 * Tensta editor picks a partner of the partner list in the plan's Samverkanspart column (the
 * grid takes only what the dropdown lists); the plan stores the partner's row id and the admin's
 * workbook shows its name; the partner is renamed in the partner list and both sheets follow.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoPartnerId } from '../../server/demo/demo-partners.js';
import { openDoc, openPlayground, screenshot, typeCell } from './support/playground.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';

/** The file's own workspace on the run's shared server (`support/workspace.ts`). */
let WS: string;
const PLAN = 'aktivitetsplan-vc-tensta';
const PARTNERS = 'samverkansaktorer';

let server: TestServer;
let browser: Browser;

/** The partner cell of the row titled `title` in one side's workbook, and the cell's address. */
async function partnerCell(page: Page, side: 'a' | 'b', title: string): Promise<{ value: unknown; address: string } | null> {
  return page.evaluate(
    ([s, t]) => {
      type Table = { headers: string[]; rows: unknown[][] };
      const host = (window as unknown as { samplan: { hosts: Record<string, { snapshot(): { tables: Table[] } }> } }).samplan.hosts[s as string];
      const table = host?.snapshot().tables.find((x) => x.headers.includes('Samverkanspart'));
      if (!table) return null;
      const i = table.rows.findIndex((r) => r[1] === t);
      const col = table.headers.indexOf('Samverkanspart');
      return i < 0 ? null : { value: table.rows[i]?.[col], address: `${String.fromCharCode(65 + col)}${i + 2}` };
    },
    [side, title],
  );
}

/** Waits until the partner cell of `title` shows `name` in one side's workbook. */
async function shows(page: Page, side: 'a' | 'b', title: string, name: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if ((await partnerCell(page, side, title))?.value === name) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`${side} shows ${JSON.stringify(await partnerCell(page, side, title))} for "${title}", not "${name}"`);
}

/** The stored rows of a document, through the API. */
async function rowsOf(doc: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${server.url}/v1/workspaces/${WS}/documents/${doc}/rows`, { headers: { authorization: `Bearer ${server.tokens.admin}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { rows: Record<string, unknown>[] }).rows;
}

describe('partners by id, end to end', { timeout: 90_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  });

  it('a partner picked in one workbook is stored by id, named in the other, and a rename in the list reaches both sheets', async () => {
    const { page, context } = await openPlayground(browser, server.url, { a: server.tokens.editor, b: server.tokens.admin });
    await openDoc(page, 'a', PLAN);
    await openDoc(page, 'b', PLAN);
    const row = (await rowsOf(PLAN)).find((r) => r.partner === null);
    const title = String(row?.title);
    // Opening binds the table a moment later: look until the row is in the sheet.
    await expect.poll(() => partnerCell(page, 'a', title), { timeout: 15_000 }).not.toBeNull();
    const cell = await partnerCell(page, 'a', title);
    expect(cell?.value).toBe('');
    await typeCell(page, 'a', cell?.address ?? '', 'Röda Korset');
    await shows(page, 'b', title, 'Röda Korset');
    const id = demoPartnerId('Röda Korset');
    await expect.poll(async () => (await rowsOf(PLAN)).find((r) => r.title === title)?.partner, { timeout: 10_000 }).toBe(id);
    await screenshot(page, 'partners-1-picked');

    // The partner is renamed in the partner list (an import matching its row by id).
    const partner = (await rowsOf(PARTNERS)).find((r) => r.id === id);
    const renamed = await fetch(`${server.url}/v1/workspaces/${WS}/documents/${PARTNERS}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.tokens.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ ...partner, name: 'Röda Korset Järva' }]),
    });
    expect(renamed.status).toBe(200);
    await shows(page, 'a', title, 'Röda Korset Järva');
    await shows(page, 'b', title, 'Röda Korset Järva');
    // The plan still stores the id: nothing in it changed.
    expect((await rowsOf(PLAN)).find((r) => r.title === title)?.partner).toBe(id);
    await screenshot(page, 'partners-2-renamed');
    await context.close();
  });
});
