/**
 * viewSettled against pages of its own (answered through `context.route`): a view that shows
 * nothing while it fetches (as Members does) has settled only once the answer is shown; one that
 * shows a loading sentence, only once the sentence is gone; and a page that does not count its
 * requests is refused at once rather than taken as settled.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser } from './shared-browser.js';
import { countRequests, LOADING_SV, viewSettled } from './view-settled.js';

const ORIGIN = 'http://samplan.test';
/** How long the routed answer and the loading sentence are held back, in ms. */
const HELD_MS = 400;

/** A pane `#pane-a` with a view in a shadow root of its own, as the workbench nests them; `script` fills `view`. */
const pane = (script: string) => `<!doctype html><div id="pane-a"></div><script>
  const wb = document.querySelector('#pane-a').attachShadow({ mode: 'open' });
  wb.innerHTML = '<h2>Medlemmar</h2><samplan-view></samplan-view>';
  const view = wb.querySelector('samplan-view').attachShadow({ mode: 'open' });
  ${script}
</script>`;

const PAGES: Record<string, string> = {
  // Nothing shown while the list is fetched; the names when it comes.
  '/quiet': pane(`view.innerHTML = '<ul></ul>'; fetch('/members').then((r) => r.json()).then((names) => { view.querySelector('ul').innerHTML = names.map((n) => '<li>' + n + '</li>').join(''); });`),
  // A loading sentence, then the view, no request at all.
  '/loading': pane(`view.innerHTML = '<p>${LOADING_SV[4]}</p>'; setTimeout(() => { view.innerHTML = '<table><tr><td>inskickad</td></tr></table>'; }, ${HELD_MS});`),
};

let browser: Browser;
const contexts: BrowserContext[] = [];

/** A context whose pages are answered from {@link PAGES}, `/members` after {@link HELD_MS}. */
async function routed(count: boolean): Promise<BrowserContext> {
  const context = await browser.newContext();
  contexts.push(context);
  if (count) await countRequests(context);
  await context.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/members') {
      await new Promise((resolve) => setTimeout(resolve, HELD_MS));
      return route.fulfill({ contentType: 'application/json', body: JSON.stringify(['Anna Admin', 'Bertil Berg']) });
    }
    return PAGES[path] ? route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGES[path] }) : route.fulfill({ status: 404 });
  });
  return context;
}

/** The text of the pane's view, through its shadow roots. */
const viewText = (page: Page) =>
  page.evaluate(() => document.querySelector('#pane-a')?.shadowRoot?.querySelector('samplan-view')?.shadowRoot?.textContent ?? '');

beforeAll(async () => {
  browser = await connectBrowser();
}, 60_000);
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

describe('viewSettled', () => {
  it('waits for a request in flight, though the view shows nothing while it waits', async () => {
    const page = await (await routed(true)).newPage();
    await page.goto(`${ORIGIN}/quiet`);
    const started = Date.now();
    await viewSettled(page, 'a');
    expect(await viewText(page)).toBe('Anna AdminBertil Berg');
    expect(Date.now() - started).toBeLessThan(HELD_MS + 5000);
  });

  it('waits while the view shows a loading sentence', async () => {
    const page = await (await routed(true)).newPage();
    await page.goto(`${ORIGIN}/loading`);
    expect(await viewText(page)).toBe(LOADING_SV[4]);
    await viewSettled(page, 'a');
    expect(await viewText(page)).toBe('inskickad');
  });

  it('refuses a page that does not count its requests, and names a view that does not settle in time', async () => {
    const page = await (await routed(false)).newPage();
    await page.goto(`${ORIGIN}/quiet`);
    await expect(viewSettled(page, 'a')).rejects.toThrow(/does not count its requests: call countRequests/);
    const counted = await (await routed(true)).newPage();
    await counted.goto(`${ORIGIN}/loading`);
    await expect(viewSettled(counted, 'a', 50)).rejects.toThrow(`#pane-a did not settle within 50 ms: it shows “${LOADING_SV[4]}”`);
  });
});
