/**
 * End to end, a manager whose token is revoked while only a pulled indicator table is open:
 * against a real `samplan serve --demo`, the viewer pulls the table, an admin revokes the viewer's
 * token over REST, and the pane says the sign-in has ended (on the sign-in view, with the reason)
 * instead of going on saying the table "hålls uppdaterad" while it no longer follows anything.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPlayground, screenshot } from './support/playground.js';
import { memberToken, type TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';

/** The file's own workspace on the run's shared server (`support/workspace.ts`). */
let WS: string;

let server: TestServer;
let browser: Browser;

describe('a manager with a pulled table loses the sign-in', { timeout: 120_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  });

  it('is told when the token is revoked, not left with a table that says it is kept up to date', async () => {
    const token = await memberToken(server, WS, 'chef', 'Power Query, ekonomi');
    const { page, context } = await openPlayground(browser, server.url, { a: token });
    const pane = page.locator('#pane-a');
    await pane.locator('samplan-explorer #pull-indicators').click();
    const dialog = pane.locator('samplan-pull-dialog');
    await dialog.locator('#units label', { hasText: 'Tensta vårdcentral' }).waitFor({ timeout: 20_000 });
    await dialog.locator('#pull').click();
    await pane.locator('.notice', { hasText: 'Indikatortabellen finns på bladet' }).waitFor({ timeout: 30_000 });

    const admin = { authorization: `Bearer ${server.tokens.admin}`, 'content-type': 'application/json' };
    const listed = (await (await fetch(`${server.url}/v1/workspaces/${WS}/tokens`, { headers: admin })).json()) as { tokens: { id: string; label: string }[] };
    const id = listed.tokens.find((t) => t.label === 'Power Query, ekonomi')?.id;
    expect(id).toBeDefined();
    const revoked = await fetch(`${server.url}/v1/workspaces/${WS}/tokens`, { method: 'DELETE', headers: admin, body: JSON.stringify({ id }) });
    expect(revoked.status).toBe(200);

    await pane.locator('samplan-sign-in').getByText(/Inloggningen gäller inte längre|återkallad/).first().waitFor({ timeout: 10_000 });
    expect(await pane.locator('.notice', { hasText: 'hålls uppdaterad' }).count()).toBe(0);
    await screenshot(page, 'manager-revoked');
    await context.close();
  });
});
