/**
 * End to end: row comments in the playground against a real `samplan serve --demo`. The Tensta
 * editor comments on a row with an @mention of the admin; the admin's pane shows it beside the
 * same row and the admin's sheet counts it; a personnummer in a comment is refused in a
 * sentence and reaches nobody. Screenshots of both panes at 320 and 480 px go to `test-results/`.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cellText, openDoc, openPlayground, screenshot } from './support/playground.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';
import { sentAndConfirmed } from './support/sync-settled.js';
import { openView } from './support/views.js';

const PLAN = 'aktivitetsplan-vc-tensta';
/** Skatteverket's published test personnummer (valid date and check digit). */
const PERSONNUMMER = '19121212-1212';

let server: TestServer;
let browser: Browser;

/** The count cell of the row whose title is `title` in one side's workbook, or null without a count column. */
async function countOf(page: Page, side: 'a' | 'b', title: string): Promise<unknown> {
  return page.evaluate(
    ([s, t]) => {
      type Table = { headers: string[]; rows: unknown[][] };
      const host = (window as unknown as { samplan: { hosts: Record<string, { snapshot(): { tables: Table[] } }> } }).samplan.hosts[s as string];
      const table = host?.snapshot().tables.find((x) => x.headers.includes('Kommentarer'));
      if (!table) return null;
      const row = table.rows.find((r) => r[1] === t);
      return row ? row[table.headers.indexOf('Kommentarer')] : null;
    },
    [side, title],
  );
}

describe('row comments, end to end', { timeout: 90_000 }, () => {
  useServerAndBrowser((started) => ({ server, browser } = started));

  it('A comments on a row with an @mention; B sees it beside the row and counted in its sheet; a personnummer is refused', async () => {
    const { page, context } = await openPlayground(browser, server.url, { a: server.tokens.editor, b: server.tokens.admin });
    await openDoc(page, 'a', PLAN);
    await openDoc(page, 'b', PLAN);
    await page.locator('#grid-a td[data-address="B2"]', { hasText: /\S/ }).waitFor();
    await page.locator('#grid-b td[data-address="B2"]', { hasText: /\S/ }).waitFor();
    const title = await cellText(page, 'a', 'B2');
    expect(await cellText(page, 'b', 'B2')).toBe(title);
    expect(title).not.toBe('');

    // A selects the row and writes in the Comments view, choosing the mention by keyboard.
    await page.locator('#grid-a td[data-address="B2"]').click();
    await openView(page.locator('#pane-a samplan-activity-bar'), 'comments');
    const viewA = page.locator('#pane-a samplan-comments');
    await viewA.locator('.about', { hasText: title.slice(0, 20) }).waitFor({ timeout: 5000 });
    const box = viewA.locator('samplan-comment-composer textarea');
    await box.click();
    await box.pressSequentially('Kan @Syst');
    await viewA.locator('[role=option]', { hasText: 'Systemförvaltare Region Stockholm' }).waitFor({ timeout: 5000 });
    await box.press('Enter');
    await box.pressSequentially('boka lokalen till hälsodagen?');
    await box.press('Control+Enter');
    await viewA.locator('li.comment .mention', { hasText: '@Systemförvaltare Region Stockholm' }).waitFor({ timeout: 5000 });

    // B: Comments lists the commented row; choosing it selects the row in B's sheet and shows
    // the comment beside it with A's name; B's sheet counts it.
    await openView(page.locator('#pane-b samplan-activity-bar'), 'comments');
    const viewB = page.locator('#pane-b samplan-comments');
    await viewB.locator('.commented button', { hasText: title.slice(0, 20) }).waitFor({ timeout: 5000 });
    await page.locator('#pane-b').screenshot({ path: await screenshot(page, 'comments-b-rows-with-comments') });
    await viewB.locator('.commented button', { hasText: title.slice(0, 20) }).click();
    await page.locator('#grid-b td.selected[data-address="B2"]').waitFor({ timeout: 5000 });
    const comment = viewB.locator('li.comment', { hasText: 'boka lokalen till hälsodagen?' });
    await comment.waitFor({ timeout: 5000 });
    expect(await comment.locator('.author').textContent()).toContain('Distriktssköterska Tensta vårdcentral');
    expect(await comment.locator('.mention').textContent()).toBe('@Systemförvaltare Region Stockholm');
    await page.waitForFunction(
      ([t]) => {
        type Table = { headers: string[]; rows: unknown[][] };
        const host = (window as unknown as { samplan: { hosts: Record<string, { snapshot(): { tables: Table[] } }> } }).samplan.hosts.b;
        const table = host?.snapshot().tables.find((x) => x.headers.includes('Kommentarer'));
        return table?.rows.some((r) => r[1] === t && r[table.headers.indexOf('Kommentarer')] === 1) ?? false;
      },
      [title],
      { timeout: 10_000 },
    );
    expect(await countOf(page, 'a', title)).toBe(1);

    // A personnummer: refused in a sentence, the text kept for correcting, nothing sent.
    await box.fill(`Ring patienten ${PERSONNUMMER}`);
    await box.press('Control+Enter');
    const alert = viewA.locator('[role=alert]');
    await alert.waitFor({ timeout: 5000 });
    expect(await alert.textContent()).toMatch(/Kommentaren innehåller ett personnummer/);
    expect(await box.inputValue()).toContain(PERSONNUMMER);
    // All A's pane sent is with the server by now, which B gets everything from.
    await sentAndConfirmed(page, 'a', PLAN);
    const history = await fetch(`${server.url}/v1/workspaces/${server.workspace}/documents/${PLAN}/history?group=burst`, { headers: { authorization: `Bearer ${server.tokens.admin}` } });
    const body = await history.text();
    expect(body).toContain('boka lokalen till hälsodagen?');
    expect(body).not.toContain('19121212');
    expect(await viewB.locator('li.comment').count()).toBe(1);
    expect(await countOf(page, 'b', title)).toBe(1);

    for (const width of [320, 480]) {
      for (const side of ['a', 'b'] as const) {
        await page.locator(`#pane-${side}`).evaluate((el, w) => ((el as HTMLElement).style.width = `${w}px`), width);
        await page.locator(`#pane-${side}`).screenshot({ path: await screenshot(page, `comments-${side}-${width}`) });
      }
    }
    await context.close();
  });
});
