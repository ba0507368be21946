/**
 * sentAndConfirmed against the run's server, with the pane's frames to it held back or dropped on
 * the way (`routeWebSocket`): it waits as long as the server takes, so a check made after it sees
 * what the pane sent (a fixed pause shorter than the delay would check before anything arrived,
 * and pass whatever the pane did); and when the server never confirms, it fails in time, naming
 * the pane, the document and what the connection showed.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDoc, openPlayground, typeCell } from './playground.js';
import type { TestServer } from './server.js';
import { useServerAndBrowser } from './session.js';
import { sentAndConfirmed } from './sync-settled.js';

/** The Tensta clinic's activity plan: the demo editor's own document. */
const PLAN = 'aktivitetsplan-vc-tensta';
/** How long a held frame of the pane's waits before it goes on to the server, in ms. */
const HELD_MS = 2000;

let server: TestServer;
let browser: Browser;

/** What happens to the pane's frames to the server from now on. */
let frames: 'pass' | 'hold' | 'drop' = 'pass';

async function storedCsv(): Promise<string> {
  const res = await fetch(`${server.url}/v1/workspaces/${server.workspace}/documents/${PLAN}/rows?format=csv`, { headers: { authorization: `Bearer ${server.tokens.admin}` } });
  expect(res.status).toBe(200);
  return res.text();
}

describe('sentAndConfirmed', { timeout: 90_000 }, () => {
  useServerAndBrowser((started) => ({ server, browser } = started));

  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1500, height: 820 } });
    await context.routeWebSocket(
      (url) => url.pathname.includes('/v1/sync/'),
      (ws) => {
        const toServer = ws.connectToServer();
        const send = (message: string | Buffer): void => {
          try {
            toServer.send(message);
          } catch {
            // The socket closed meanwhile (the test's end): nothing to deliver to.
          }
        };
        ws.onMessage((message) => {
          if (frames === 'pass') send(message);
          else if (frames === 'hold') setTimeout(() => send(message), HELD_MS);
        });
      },
    );
    ({ page } = await openPlayground(browser, server.url, { a: server.tokens.editor }, context));
    await openDoc(page, 'a', PLAN);
    await sentAndConfirmed(page, 'a', PLAN);
  });
  afterAll(() => context?.close());

  it('waits until the server has what the pane sent, however late it arrives', async () => {
    frames = 'hold';
    const started = Date.now();
    await typeCell(page, 'a', 'B2', 'Stavgång i Hansta');
    // Nothing of it is at the server yet: a check made now, or after a shorter pause, would pass
    // with the edit still on its way.
    expect(await storedCsv()).not.toContain('Stavgång i Hansta');
    await sentAndConfirmed(page, 'a', PLAN);
    expect(Date.now() - started).toBeGreaterThanOrEqual(HELD_MS);
    expect(await storedCsv()).toContain('Stavgång i Hansta');
    frames = 'pass';
  });

  it('fails in time when the server never confirms, saying whose change, of what, and what was seen', async () => {
    frames = 'drop';
    await typeCell(page, 'a', 'B3', 'Aldrig framme');
    const started = Date.now();
    const failed = await sentAndConfirmed(page, 'a', PLAN, 1500).then(() => null, (err: unknown) => err as Error);
    expect(failed?.message).toMatch(/waited 1500 ms for pane a's changes of aktivitetsplan-vc-tensta to be confirmed by the server .* last seen: online, [1-9]\d* pending/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await storedCsv()).not.toContain('Aldrig framme');
  });
});
