/**
 * openWhenReady against a small in-test HTTP server: a page whose `load` never comes (an image the
 * server holds open, as a loaded machine holds the bundle) is ready once its signal shows, within
 * the context's short default timeout that `page.goto` waiting for `load` ran out of; a broken
 * page (a script that throws, a script or the document answering an error) fails at once, naming
 * why, long before the time a slow page is given.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWhenReady } from './page-ready.js';
import { connectBrowser } from './shared-browser.js';

/** The context's default timeout here, in ms: `openPlayground` sets 10 s; shorter keeps this fast. */
const SHORT_MS = 2000;
/** What a broken page must fail well within, in ms (it is given 20 s to show its signal). */
const AT_ONCE_MS = 5000;

const PAGES: Record<string, string> = {
  // The ready signal is written at once; the image is never answered, so `load` never fires.
  '/held': '<!doctype html><img src="/never"><script>document.body.insertAdjacentHTML("beforeend", "<p id=ready>klar</p>")</script>',
  '/throws': '<!doctype html><script>throw new Error("the bundle broke")</script>',
  '/missing-script': '<!doctype html><script src="/missing.js"></script>',
};

let server: http.Server;
let base: string;
let browser: Browser;
const held: http.ServerResponse[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const page = PAGES[req.url ?? ''];
    if (req.url === '/never') return void held.push(res);
    if (req.url === '/fails') return void res.writeHead(500, { 'content-type': 'text/html' }).end('<p>fel</p>');
    if (page === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await connectBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const res of held) res.end();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Runs `body` with a fresh context whose default timeout is {@link SHORT_MS}; closes it after. */
async function inContext<T>(body: (context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  context.setDefaultTimeout(SHORT_MS);
  try {
    return await body(context);
  } finally {
    await context.close();
  }
}

/** How long opening `path` took to fail, and the error it failed with. */
async function failureOf(path: string): Promise<{ ms: number; message: string }> {
  return inContext(async (context) => {
    const page = await context.newPage();
    const started = Date.now();
    const err = await openWhenReady(page, `${base}${path}`, [page.locator('#ready')], 20_000).then(
      () => new Error('opened'),
      (e: Error) => e,
    );
    return { ms: Date.now() - started, message: err.message };
  });
}

describe('openWhenReady', { timeout: 30_000 }, () => {
  it('is done when the page shows its ready signal, though its `load` never comes', async () => {
    await inContext(async (context) => {
      const page = await context.newPage();
      await openWhenReady(page, `${base}/held`, [page.locator('#ready')]);
      expect(await page.locator('#ready').textContent()).toBe('klar');
    });
  });

  it('fails at once, with the page’s words, when a script throws while the page opens', async () => {
    const { ms, message } = await failureOf('/throws');
    expect(message).toContain('the bundle broke');
    expect(ms).toBeLessThan(AT_ONCE_MS);
  });

  it('fails at once, naming the address and status, when a script or the document answers an error', async () => {
    const script = await failureOf('/missing-script');
    expect(script.message).toMatch(/\/missing\.js answered 404/);
    expect(script.ms).toBeLessThan(AT_ONCE_MS);
    const document = await failureOf('/fails');
    expect(document.message).toMatch(/\/fails answered 500/);
    expect(document.ms).toBeLessThan(AT_ONCE_MS);
  });
});
