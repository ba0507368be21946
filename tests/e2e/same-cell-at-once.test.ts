/**
 * End to end, two people type in one cell at once, in a real Chromium against a real
 * `samplan serve --demo`: the Tensta editor and the admin (two browser contexts) both type in the
 * Målgrupp cell of the same activity while offline, so neither has seen the other's text, and come
 * back one after the other. Yjs keeps one text at both; the person whose text was dropped is told
 * in Problems (the activity, the column, their text, the text kept) with a button to copy their
 * text; the other is told nothing. On the old code the dropped text was gone without a word.
 * Screenshot: `test-results/e2e-same-cell-at-once.png`.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cellText, openDoc, openPlayground, screenshot, typeCell } from './support/playground.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';

const PLAN = 'aktivitetsplan-vc-tensta';
/** The Målgrupp cell of the plan's second activity (A is the hidden id column). */
const CELL = 'O3';
const EDITOR_TEXT = 'Föräldrar på förskolan';
const ADMIN_TEXT = 'Seniorer i Tensta';

let server: TestServer;
let browser: Browser;

/** The codes and Swedish words of the problems the page's pane shows now. */
function problems(page: Page): Promise<{ code: string; sv: string; copyText?: string }[]> {
  return page.evaluate(() => {
    const pane = (window as unknown as { samplan: { panes: { a: { docs: { problems(): { code: string; message: { sv: string }; copyText?: string }[] } } } } }).samplan.panes.a;
    return pane.docs.problems().map((p) => ({ code: p.code, sv: p.message.sv, ...(p.copyText !== undefined ? { copyText: p.copyText } : {}) }));
  });
}

describe('two people type in one cell at once', { timeout: 150_000 }, () => {
  useServerAndBrowser((started) => ({ server, browser } = started));

  it('tells the person whose text was dropped, in words, with the text to copy; not the other', async () => {
    const editor = await openPlayground(browser, server.url, { a: server.tokens.editor });
    const admin = await openPlayground(browser, server.url, { a: server.tokens.admin });
    for (const { page } of [editor, admin]) {
      await openDoc(page, 'a', PLAN);
      await page.locator('#pane-a samplan-status-bar #connection', { hasText: 'Ansluten' }).waitFor();
    }
    const title = await cellText(editor.page, 'a', 'B3');
    expect(await cellText(admin.page, 'a', 'B3')).toBe(title);
    for (const { page, context } of [editor, admin]) {
      await context.setOffline(true);
      await page.locator('#pane-a samplan-status-bar #connection', { hasText: /Frånkopplad|Återansluter/ }).waitFor({ timeout: 15_000 });
    }
    await typeCell(editor.page, 'a', CELL, EDITOR_TEXT);
    await typeCell(admin.page, 'a', CELL, ADMIN_TEXT);
    await editor.page.locator('#pane-a samplan-status-bar #pending').waitFor();
    await admin.page.locator('#pane-a samplan-status-bar #pending').waitFor();
    await editor.context.setOffline(false);
    await editor.page.locator('#pane-a samplan-status-bar #pending').waitFor({ state: 'detached', timeout: 15_000 });
    await admin.context.setOffline(false);
    await admin.page.locator('#pane-a samplan-status-bar #pending').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(async () => (await cellText(editor.page, 'a', CELL)) === (await cellText(admin.page, 'a', CELL)), { timeout: 15_000 }).toBe(true);
    const kept = await cellText(editor.page, 'a', CELL);
    expect([EDITOR_TEXT, ADMIN_TEXT]).toContain(kept);
    const [loser, winner, lost] = kept === ADMIN_TEXT ? [editor, admin, EDITOR_TEXT] : [admin, editor, ADMIN_TEXT];

    await expect.poll(async () => (await problems(loser.page)).filter((p) => p.code === 'overwritten-at-once'), { timeout: 15_000 }).toEqual([
      { code: 'overwritten-at-once', sv: expect.stringContaining(`Du och en kollega ändrade Målgrupp på raden ”${title.slice(0, 40)}`) as unknown, copyText: lost },
    ]);
    const told = (await problems(loser.page)).find((p) => p.code === 'overwritten-at-once')!;
    expect(told.sv).toContain(`kollegans värde ”${kept}” behölls`);
    expect(told.sv).toContain(`Det du skrev: ”${lost}”`);
    await loser.page.locator('#pane-a samplan-status-bar #problems').click();
    await loser.page.locator('#pane-a samplan-problems .problem[data-code="overwritten-at-once"]').waitFor({ timeout: 5000 });
    await loser.page.locator('#pane-a samplan-problems button.copy', { hasText: 'Kopiera din text' }).waitFor({ timeout: 5000 });
    expect((await problems(winner.page)).filter((p) => p.code === 'overwritten-at-once')).toEqual([]);
    await screenshot(loser.page, 'same-cell-at-once');
    await editor.context.close();
    await admin.context.close();
  });
});
