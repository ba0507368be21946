/**
 * End to end, a coordinator's first row: in the playground against a real `samplan serve --demo`,
 * the Tensta editor types a new activity directly below the plan's table, in Swedish (å ä ö, an
 * ISO date, a day/month date without a year, a decimal comma in a count). The new row's date cells
 * keep what she typed (Excel carries the column's text format into a row typed below a table), the
 * other workbook and the server get the same values, and the day without its year, which the
 * plan's two years hold twice, and the decimal comma in a whole-number column are named in
 * Problems and kept in her sheet, never stored as something else.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cellText, openDoc, openPlayground, screenshot, typeCell } from './support/playground.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';
import { openView } from './support/views.js';

/** The file's own workspace on the run's shared server (`support/workspace.ts`). */
let WS: string;
/** The Tensta clinic's activity plan: the demo editor's own document. */
const PLAN = 'aktivitetsplan-vc-tensta';
const TITLE = 'Träff på äldreboendet Åsgården – övningar för ökad rörlighet';

let server: TestServer;
let browser: Browser;

/**
 * Side A's first table once it holds every row the server has: the pane writes a large table in
 * parts, so the row below it is known only when the last part is in (before, a row typed "below"
 * a half-written table overwrote a stored one).
 */
async function wholeTable(page: Page, doc: string): Promise<{ headers: string[]; rows: unknown[] }> {
  const res = await fetch(`${server.url}/v1/workspaces/${WS}/documents/${doc}/rows?format=json`, { headers: { authorization: `Bearer ${server.tokens.admin}` } });
  const { rows } = (await res.json()) as { rows: unknown[] };
  const handle = await page.waitForFunction(
    (count) => {
      const table = (window as unknown as { samplan: { hosts: { a: { snapshot(): { tables: { headers: string[]; rows: unknown[] }[] } } } } }).samplan.hosts.a.snapshot().tables[0];
      return table && table.rows.length === count ? table : null;
    },
    rows.length,
    { timeout: 15_000 },
  );
  return (await handle.jsonValue()) as { headers: string[]; rows: unknown[] };
}

describe('a coordinator types a Swedish row below the table', { timeout: 90_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  });

  it('shows a date as a date in the new row, shares it, and names a day without its year and a decimal comma in a count', async () => {
    const { page, context } = await openPlayground(browser, server.url, { a: server.tokens.editor, b: server.tokens.admin });
    await openDoc(page, 'a', PLAN);
    await openDoc(page, 'b', PLAN);
    const headers = await wholeTable(page, PLAN);
    const letter = (header: string) => String.fromCharCode(65 + headers.headers.indexOf(header));
    const row = headers.rows.length + 2;
    const at = (header: string) => `${letter(header)}${row}`;

    await typeCell(page, 'a', at('Aktivitet'), TITLE);
    await typeCell(page, 'a', at('Startdatum'), '2026-03-01');
    await typeCell(page, 'a', at('Slutdatum'), '1/3');
    await typeCell(page, 'a', at('Deltagare planerat'), '3,5');
    await typeCell(page, 'a', at('Deltagare nådda'), '12');

    // B sees the row. The end date typed without its year stays as typed in A's text-formatted
    // date cell, and the plan's period (2025–2026) holds 1 March twice: refused in Problems naming
    // both, never stored (before, Swedish Excel made it this year's 1 March and the pane stored that).
    await page.locator(`#grid-b td[data-address="${at('Startdatum')}"]`, { hasText: '2026-03-01' }).waitFor({ timeout: 10_000 });
    expect(await cellText(page, 'b', at('Aktivitet'))).toBe(TITLE);
    expect(await cellText(page, 'b', at('Slutdatum'))).toBe('');
    // A's own sheet shows the date as a date too, not Excel's serial number (45717).
    expect(await cellText(page, 'a', at('Startdatum'))).toBe('2026-03-01');
    expect(await cellText(page, 'a', at('Slutdatum'))).toBe('1/3');
    // The decimal comma in a whole-number column stays as typed in A and is named in Problems;
    // nothing else is stored in its place.
    expect(await cellText(page, 'a', at('Deltagare planerat'))).toBe('3,5');
    expect(await cellText(page, 'b', at('Deltagare planerat'))).toBe('');
    await openView(page.locator('#pane-a samplan-activity-bar'), 'problems');
    await page.locator('#pane-a samplan-problems .problem', { hasText: 'Deltagare planerat' }).first().waitFor({ timeout: 5000 });
    await page.locator('#pane-a samplan-problems .problem', { hasText: '1 mars 2025 eller 1 mars 2026' }).first().waitFor({ timeout: 5000 });
    await screenshot(page, 'swedish-input');

    const res = await fetch(`${server.url}/v1/workspaces/${WS}/documents/${PLAN}/rows?format=json`, { headers: { authorization: `Bearer ${server.tokens.admin}` } });
    const { rows } = (await res.json()) as { rows: Record<string, unknown>[] };
    const stored = rows.find((r) => r.title === TITLE);
    expect(stored).toMatchObject({ startDate: '2026-03-01', participantsReached: 12 });
    expect(stored?.endDate).toBeUndefined();
    expect(stored?.participantsPlanned).toBeUndefined();
    await context.close();
  });

  it("a clinic's new indicator value typed left to right keeps its first cells until the unit is filled in, then goes whole, its decimal comma a number", async () => {
    const { page, context } = await openPlayground(browser, server.url, { a: server.tokens.editor });
    await openDoc(page, 'a', 'indikatorvarden');
    const table = await wholeTable(page, 'indikatorvarden');
    const row = table.rows.length + 2;
    const at = (header: string) => `${String.fromCharCode(65 + table.headers.indexOf(header))}${row}`;

    await typeCell(page, 'a', at('Indikator'), 'Genomförda hälsosamtal');
    await openView(page.locator('#pane-a samplan-activity-bar'), 'problems');
    await page.locator('#pane-a samplan-problems .problem', { hasText: 'Raden skickas inte än' }).first().waitFor({ timeout: 5000 });
    expect(await cellText(page, 'a', at('Indikator'))).toBe('Genomförda hälsosamtal');
    await typeCell(page, 'a', at('Enhet'), 'tensta  vårdcentral');
    await typeCell(page, 'a', at('Period'), '2026 kv 1');
    await typeCell(page, 'a', at('Kön'), 'Kvinnor');
    // Swedish Excel reads a decimal comma as a number and shows it with one (old: the text, then `12.5`).
    await typeCell(page, 'a', at('Värde'), '12,5');
    await page.locator(`#grid-a td[data-address="${at('Enhet')}"]`, { hasText: 'Tensta vårdcentral' }).waitFor({ timeout: 10_000 });
    expect(await cellText(page, 'a', at('Indikator'))).toBe('Genomförda hälsosamtal');
    await page.locator('#pane-a samplan-problems .problem', { hasText: 'Raden skickas inte än' }).waitFor({ state: 'detached', timeout: 5000 });
    expect(await page.locator('#pane-a samplan-problems .problem', { hasText: 'annan enhet' }).count()).toBe(0);
    await screenshot(page, 'swedish-input-held-row');

    const stored = async () => {
      const res = await fetch(`${server.url}/v1/workspaces/${WS}/documents/indikatorvarden/rows?format=json`, { headers: { authorization: `Bearer ${server.tokens.admin}` } });
      return ((await res.json()) as { rows: Record<string, unknown>[] }).rows.find((r) => r.unit === 'vc-tensta' && r.period === '2026Q1' && r.kon === 'K');
    };
    await expect.poll(stored, { timeout: 10_000 }).toMatchObject({ indicator: 'vc-halsosamtal', value: 12.5 });
    expect(await cellText(page, 'a', at('Värde'))).toBe('12,5');
    await context.close();
  });
});
