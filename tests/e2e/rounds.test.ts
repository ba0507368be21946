/**
 * End to end, a follow-up round in the playground against a real `samplan serve --demo`: the
 * Tensta editor (left pane) fills the 2025 kv 2 values (the outcome of its plan's activities
 * that end in the quarter: participants reached) and submits; the coordinator (right pane)
 * sees Tensta "inskickad", returns it with a reason; Tensta sees the reason, fixes a value and
 * submits again; the coordinator approves; Tensta's edit to a locked value is refused with the
 * round named; the coordinator opens the styrgrupp report (screenshot, and its PDF checked and its
 * first page rendered as printed). Also the Handlingsplan and Årshjul views at 320 and 480 px.
 * Screenshots go to `test-results/e2e-rounds-*.png`.
 */
import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDoc, openPlayground, screenshot, typeCell } from './support/playground.js';
import type { TestServer } from './support/server.js';
import { paneWidth, rowOf, showView, type FoundRow } from './support/rounds.js';
import { useServerAndBrowser } from './support/session.js';

/** The file's own workspace on the run's shared server (`support/workspace.ts`). */
let WS: string;
/** The Tensta clinic's activity plan: the editor's own document, and what it reports in a round. */
const PLAN = 'aktivitetsplan-vc-tensta';
const ROUND = '2025-kv-2';
const CELL = `#pane-b samplan-rounds tr[data-unit="vc-tensta"] td[data-round="${ROUND}"]`;
const MINE = `#pane-a samplan-rounds tr[data-unit="vc-tensta"] td[data-round="${ROUND}"]`;

let server: TestServer;
let browser: Browser;
let coordinator: string;

const api = (path: string, token: string, init: RequestInit = {}) =>
  fetch(`${server.url}/v1/workspaces/${WS}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });


/** The row number of the selected cell in pane A's grid, or null. */
const selectedRow = async (page: Page): Promise<number | null> => {
  const address = await page.locator('#grid-a td.selected').first().getAttribute('data-address', { timeout: 1000 }).catch(() => null);
  return address ? rowNumber(address) : null;
};
const rowNumber = (address: string): number => Number(/\d+$/.exec(address)?.[0]);

/** Tensta's plan rows as stored, read over REST. */
async function planRows(): Promise<Record<string, unknown>[]> {
  return ((await (await api(`/documents/${PLAN}/rows`, server.tokens.admin)).json()) as { rows: Record<string, unknown>[] }).rows;
}

let reportedIds: string[] = [];
/** Ids of Tensta's plan rows reported in 2025 kv 2: those that end (or, without an end, start) in April–June 2025. */
async function reportedRows(): Promise<string[]> {
  const inKv2 = (d: unknown) => typeof d === 'string' && d >= '2025-04-01' && d <= '2025-06-30';
  reportedIds = (await planRows()).filter((r) => inKv2(r.endDate || r.startDate) && r.status === 'genomford').map((r) => String(r.id));
  return reportedIds;
}

/** Tensta's values present and expected in 2025 kv 2, as the completeness API counts them. */
async function tensta(): Promise<{ present: number; expected: number }> {
  const body = (await (await api(`/rounds/${ROUND}/completeness`, server.tokens.admin)).json()) as { units: { unit: string; present: number; expected: number }[] };
  const mine = body.units.find((u) => u.unit === 'vc-tensta');
  if (!mine) throw new Error('vc-tensta does not report in the round');
  return mine;
}

/** "Deltagare nådda" of those rows, as stored. */
async function reached(): Promise<unknown[]> {
  const rows = await planRows();
  return reportedIds.map((id) => rows.find((r) => r.id === id)?.participantsReached ?? null);
}

/** Types into a cell if the sheet lets the person (a protected cell gives no editor). */
async function tryTyping(page: Page, address: string, text: string): Promise<void> {
  await page.locator(`#grid-a td[data-address="${address}"]`).dblclick();
  const input = page.locator(`#grid-a td[data-address="${address}"] input`);
  if (await input.waitFor({ timeout: 3000 }).then(() => true, () => false)) {
    await input.fill(text);
    await input.press('Enter');
  }
}

describe('follow-up round, end to end', { timeout: 120_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  });

  beforeAll(async () => {
    const res = await api('/tokens', server.tokens.admin, { method: 'POST', body: JSON.stringify({ memberId: 'samordnare', label: 'e2e rounds', expiresInDays: 1 }) });
    expect(res.status).toBe(201);
    coordinator = ((await res.json()) as { token: string }).token;
  });

  it('submit, return with a reason, fix, resubmit, approve, a locked edit refused, and the styrgrupp report', async () => {
    const { page, context } = await openPlayground(browser, server.url, { a: server.tokens.editor, b: coordinator });
    context.setDefaultTimeout(20_000);

    // Tensta's 2025 kv 2 report: the outcome of its plan's activities that end in kv 2. Start
    // with "deltagare nådda" empty, see the round incomplete, fill them in, see it complete, submit.
    const due = await reportedRows();
    expect(due.length).toBeGreaterThanOrEqual(1);
    await openDoc(page, 'a', PLAN);
    const rows = await Promise.all(due.map((id) => rowOf(page, 'a', { 'samplan-id': id })));
    for (const row of rows) await typeCell(page, 'a', row.address('Deltagare nådda'), '');
    await expect.poll(async () => (await reached()).every((v) => v === null || v === undefined || v === ''), { timeout: 15_000 }).toBe(true);
    await showView(page, 'a', 'rounds');
    const before = await tensta();
    expect(before.present).toBeLessThan(before.expected);
    await page.locator(MINE, { hasText: `${before.present}/${before.expected} värden` }).waitFor();
    await showView(page, 'a', 'explorer', { fresh: false });
    for (const [i, row] of rows.entries()) await typeCell(page, 'a', row.address('Deltagare nådda'), String(14 + i));
    await expect.poll(() => reached(), { timeout: 15_000 }).toEqual(rows.map((_, i) => 14 + i));
    await showView(page, 'a', 'rounds');
    const after = await tensta();
    expect(after.present).toBe(after.expected);
    await page.locator(MINE, { hasText: `${after.expected}/${after.expected} värden` }).waitFor();
    await page.locator(`${MINE} button`).click();
    await page.locator('#pane-a samplan-rounds button.action[data-action="submit"]').click();
    await page.locator(MINE, { hasText: 'inskickad' }).waitFor();
    await screenshot(page, 'rounds-1-tensta-submitted');

    // The coordinator sees it submitted in completeness and sends it back with a reason.
    await showView(page, 'b', 'rounds');
    await page.locator(CELL, { hasText: 'inskickad' }).waitFor();
    await page.locator(`${CELL} button`).click();
    await page.locator('#pane-b samplan-rounds button.action[data-action="return"]').click();
    await page.locator('#pane-b samplan-rounds #reason').fill('FaR-förskrivningarna för kv 2 ser för höga ut – kontrollera mot journalen.');
    await page.locator('#pane-b samplan-rounds #confirm').click();
    await page.locator(CELL, { hasText: 'återsänd' }).waitFor();
    await screenshot(page, 'rounds-2-returned');

    // Tensta sees the reason, fixes the value and submits again.
    await showView(page, 'a', 'rounds');
    await page.locator(MINE, { hasText: 'återsänd' }).waitFor();
    await page.locator(`${MINE} button`).click();
    await page.locator('#pane-a samplan-rounds .reason', { hasText: 'kontrollera mot journalen' }).waitFor();
    await screenshot(page, 'rounds-3-tensta-sees-reason');
    await showView(page, 'a', 'explorer', { fresh: false });
    await typeCell(page, 'a', (rows[0] as FoundRow).address('Deltagare nådda'), '11');
    await expect.poll(async () => (await reached())[0], { timeout: 15_000 }).toBe(11);
    await showView(page, 'a', 'rounds');
    await page.locator(`${MINE} button`).click();
    await page.locator('#pane-a samplan-rounds button.action[data-action="submit"]').click();
    await page.locator(MINE, { hasText: 'inskickad' }).waitFor();

    // The coordinator approves.
    await showView(page, 'b', 'rounds');
    await page.locator(CELL, { hasText: 'inskickad' }).waitFor();
    await page.locator(`${CELL} button`).click();
    await page.locator('#pane-b samplan-rounds button.action[data-action="approve"]').click();
    await page.locator(CELL, { hasText: 'godkänd' }).waitFor();
    await screenshot(page, 'rounds-4-approved');

    // Tensta's edit to a locked value is refused, with the round named, and nothing is stored.
    await showView(page, 'a', 'explorer', { fresh: false });
    await tryTyping(page, (rows[0] as FoundRow).address('Deltagare nådda'), '99');
    await showView(page, 'a', 'problems', { fresh: false });
    await page.locator('#pane-a samplan-problems', { hasText: /2025 kv 2|2025-kv-2/ }).waitFor();
    expect((await page.locator('#pane-a samplan-problems .problem').allTextContents()).join(' ')).toMatch(/låst/);
    expect((await reached())[0]).toBe(11);
    await screenshot(page, 'rounds-5-locked-edit-refused');

    // The coordinator opens the styrgrupp report from the pane: a new window with the report.
    await showView(page, 'b', 'rounds');
    const [report] = await Promise.all([context.waitForEvent('page'), page.locator(`#pane-b samplan-rounds th[data-round="${ROUND}"] button.report`).click()]);
    await report.waitForLoadState('load');
    await report.setViewportSize({ width: 900, height: 1200 });
    await report.locator('h1', { hasText: 'Styrgruppsrapport: 2025 kv 2' }).waitFor();
    await report.locator('td', { hasText: 'Tensta' }).first().waitFor();
    const reportText = (await report.locator('body').textContent()) ?? '';
    expect(reportText).toContain('godkänd');
    expect(reportText).toContain('Årshjul 2025');
    await screenshot(report, 'rounds-6-report');

    // The PDF as `samplan report --pdf` prints it (the browser's print engine), and its first
    // page as PNG: rendered from the PDF by poppler's pdftoppm when the machine has it, otherwise
    // the page as Chromium prints it (print media, A4 at 96 dpi).
    const html = await report.content();
    const printer = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    await printer.setContent(html, { waitUntil: 'load' });
    const pdf = await printer.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    const pdfPath = resolve(import.meta.dirname, '../../test-results/e2e-rounds-7-report.pdf');
    writeFileSync(pdfPath, pdf);
    const rendered = spawnSync('pdftoppm', ['-png', '-f', '1', '-l', '1', '-r', '80', '-singlefile', pdfPath, pdfPath.replace(/\.pdf$/, '-page-1')]);
    // CI installs poppler-utils (.ci/run), so there the PNG is always rendered from the PDF itself.
    if (rendered.status !== 0 && process.env.CI) throw new Error(`pdftoppm (Debian poppler-utils) could not render the PDF: ${String(rendered.stderr ?? rendered.error)}`);
    if (rendered.status === 0) expect(statSync(pdfPath.replace(/\.pdf$/, '-page-1.png')).size).toBeGreaterThan(10_000);
    else {
      await printer.emulateMedia({ media: 'print' });
      await screenshot(printer, 'rounds-7-report-page-1');
    }
    await printer.close();
    await report.close();
    await context.close();
  });

  it('shows the action plan under the four perspectives and the year wheel, at 320 and 480 px', async () => {
    const { page, context } = await openPlayground(browser, server.url, { a: coordinator, b: server.tokens.editor });
    for (const width of [320, 480]) {
      await paneWidth(page, 'a', width);
      await showView(page, 'a', 'plan');
      await page.locator('#pane-a samplan-action-plan details[data-perspective="styrning-ledning"] button.measure').first().waitFor();
      const groups = await page.locator('#pane-a samplan-action-plan details summary').allTextContents();
      expect(groups.map((g) => g.replace(/\s*\(.*$/, '').trim())).toEqual(['Individ/patient', 'Befolkning', 'Medarbetare', 'Styrning och ledning']);
      await page.locator('#pane-a samplan-maturity label.step').nth(3).waitFor();
      await screenshot(page, `rounds-8-action-plan-${width}`);
      await showView(page, 'a', 'year');
      await page.locator('#pane-a samplan-year-wheel svg.wheel').waitFor();
      await screenshot(page, `rounds-9-year-wheel-${width}`);
    }
    // The coordinator places the county on the scale; the history names who.
    await showView(page, 'a', 'plan');
    await page.locator('#pane-a samplan-maturity label.step[data-level="2"]').click();
    await page.locator('#pane-a samplan-maturity #maturity-comment').fill('Hälsosamtal prövas på fler vårdcentraler.');
    await page.locator('#pane-a samplan-maturity #place').click();
    await page.locator('#pane-a samplan-maturity ol.history li', { hasText: 'Samordnare hälsofrämjande insatser' }).waitFor();
    await page.locator('#pane-a samplan-maturity ol.history').scrollIntoViewIfNeeded();
    await screenshot(page, 'rounds-10-maturity-placed');
    // A click on a measure opens the plan in the sheet and selects its row.
    const first = page.locator('#pane-a samplan-action-plan button.measure').first();
    const measure = await first.evaluate((b) => [...b.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim());
    await first.click();
    await expect.poll(() => selectedRow(page), { timeout: 20_000 }).toBe(rowNumber((await rowOf(page, 'a', { Åtgärd: measure })).address('Åtgärd')));
    await screenshot(page, 'rounds-11-action-plan-row-selected');
    // And one in the year wheel selects an activity row of a clinic's plan.
    await showView(page, 'a', 'year');
    const month = page.locator('#pane-a samplan-year-wheel details:has(button.act)').first();
    await month.evaluate((d) => ((d as HTMLDetailsElement).open = true));
    const act = month.locator('button.act').first();
    const rowId = (await act.getAttribute('data-row')) ?? '';
    await act.click();
    // The plan opens on a tab named from its title, and the activity's row is selected there.
    const found = await rowOf(page, 'a', { 'samplan-id': rowId });
    expect(found.sheet).not.toBe('');
    await page.locator('#grid-a .tab[aria-selected="true"]', { hasText: found.sheet }).waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await selectedRow(page)) === rowNumber(found.address('Aktivitet')), { timeout: 20_000 }).toBe(true);
    await screenshot(page, 'rounds-11-year-wheel-row-selected');
    await context.close();
  });
});
