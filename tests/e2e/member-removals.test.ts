/**
 * End to end, a coordinator removes a colleague in the Members view and adds them again: against a
 * real `samplan serve --demo`, the removed person is listed under "Borttagna" by name with who
 * removed them, "Lägg till igen" fills the form with their id and name, and saving adds them back, lifts the
 * removal (gone from the list and from `GET …/member-removals`) and their role is the one chosen.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPlayground, screenshot } from './support/playground.js';
import { memberToken, type TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';
import { openView } from './support/views.js';

/** The file's own workspace on the run's shared server (`support/workspace.ts`). */
let WS: string;

let server: TestServer;
let browser: Browser;

describe('removing a member and adding them again in the Members view', { timeout: 120_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  });

  it('lists the removed person by name with who removed them, and Lägg till igen adds them back', async () => {
    const coordinator = await memberToken(server, WS, 'samordnare', 'Excel, samordnare');
    const { page, context } = await openPlayground(browser, server.url, { a: coordinator });
    page.on('dialog', (dialog) => void dialog.accept());
    const pane = page.locator('#pane-a');
    await openView(pane.locator('samplan-activity-bar'), 'members');
    const view = pane.locator('samplan-members');
    await view.locator('#members li[data-member="chef"] .remove').click();

    const removed = view.locator('#removed li[data-removed="chef"]');
    await removed.waitFor({ timeout: 10_000 });
    expect(await removed.locator('.removed-name').textContent()).toBe('Verksamhetschef (läsbehörighet)');
    expect(await removed.textContent()).toMatch(/chef · borttagen av Samordnare hälsofrämjande insatser \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(await view.locator('#members li[data-member="chef"]').count()).toBe(0);

    await removed.locator('.add-again').click();
    expect(await view.locator('#member-id').inputValue()).toBe('chef');
    expect(await view.locator('#member-name').inputValue()).toBe('Verksamhetschef (läsbehörighet)');
    await view.locator('#adding-again', { hasText: 'Verksamhetschef (läsbehörighet) (chef) togs bort av Samordnare hälsofrämjande insatser' }).waitFor();
    await view.locator('#member-name').fill('Verksamhetschef Tensta');
    await view.locator('#member-role').selectOption('viewer');
    await screenshot(page, 'member-add-again');
    await view.locator('#save').click();

    await view.locator('#members li[data-member="chef"]', { hasText: 'Verksamhetschef Tensta' }).waitFor({ timeout: 10_000 });
    expect(await view.locator('#removed').count()).toBe(0);
    expect(await view.locator('#members-error').count()).toBe(0);
    const headers = { authorization: `Bearer ${server.tokens.admin}` };
    const removals = (await (await fetch(`${server.url}/v1/workspaces/${WS}/member-removals`, { headers })).json()) as { removals: unknown[] };
    expect(removals.removals).toEqual([]);
    const members = (await (await fetch(`${server.url}/v1/workspaces/${WS}/members`, { headers })).json()) as { members: { id: string; role: string }[] };
    expect(members.members.find((m) => m.id === 'chef')).toMatchObject({ role: 'viewer' });
    await context.close();
  });
});
