/**
 * End to end: an admin changes a member's units while the member's pane is open, against a real
 * `samplan serve --demo` in a real Chromium. The Tensta editor has another clinic's plan open,
 * protected; the admin adds that clinic to the editor's units; the pane follows without signing
 * in again: the plan is opened again writable, Problems says why, and what the editor types now
 * is stored.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openDoc, openPlayground, screenshot, typeCell } from './support/playground.js';
import type { TestServer } from './support/server.js';
import { useServerAndBrowser } from './support/session.js';
import { openView } from './support/views.js';

/** The file's own workspace on the run's shared server (`support/workspace.ts`). */
let WS: string;

let server: TestServer;
let browser: Browser;

const get = async <T>(path: string, token: string): Promise<T> => {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};

describe('rights followed live, end to end', { timeout: 90_000 }, () => {
  useServerAndBrowser((started) => {
    ({ server, browser } = started);
    WS = server.workspace;
  });

  it("an editor given another clinic while its plan is open can write it at once, without signing in again", async () => {
    const { documents } = await get<{ documents: { doc: string; kind: string; ownerUnit: string }[] }>(`/v1/workspaces/${WS}/documents`, server.tokens.admin);
    const other = documents.find((d) => d.kind === 'activity-plan' && d.ownerUnit !== 'vc-tensta');
    if (!other) throw new Error('the demo has no other clinic’s plan');
    const { you } = await get<{ you: { memberId: string; name: string; role: string; units: string[] } }>(`/v1/workspaces/${WS}`, server.tokens.editor);

    const { page, context } = await openPlayground(browser, server.url, { a: server.tokens.editor });
    await openDoc(page, 'a', other.doc);
    await page.locator('#pane-a .notice', { hasText: 'Skrivskyddat: dokumentet tillhör' }).waitFor();

    const res = await fetch(`${server.url}/v1/workspaces/${WS}/members`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.tokens.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: you.memberId, name: you.name, role: you.role, units: [...you.units, other.ownerUnit] }),
    });
    expect(res.status).toBe(200);

    await openView(page.locator('#pane-a samplan-activity-bar'), 'problems');
    await page.locator('#pane-a samplan-problems', { hasText: 'En administratör har ändrat din roll eller dina enheter' }).waitFor({ timeout: 10_000 });
    await page.locator('#grid-a td[data-address="B2"]', { hasText: /\S/ }).waitFor();
    await typeCell(page, 'a', 'B2', 'Nu skriver Tensta här');
    const stored = async () =>
      (await (await fetch(`${server.url}/v1/workspaces/${WS}/documents/${other.doc}/rows?format=csv`, { headers: { authorization: `Bearer ${server.tokens.admin}` } })).text()).includes('Nu skriver Tensta här');
    const until = Date.now() + 10_000;
    while (!(await stored()) && Date.now() < until) await page.waitForTimeout(200);
    expect(await stored()).toBe(true);
    await page.locator('#pane-a').screenshot({ path: await screenshot(page, 'rights-live-writable') });
    await context.close();
  });
});
