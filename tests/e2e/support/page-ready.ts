/**
 * Opening a page in an end-to-end test and waiting for the page's own ready signal, not for the
 * browser's `load` event under a short fixed timeout. `page.goto` waits for `load` by default (the
 * bundle, styles and fonts fetched and run): on a quiet machine about a second, at load ~15 on CI
 * over 10 s, and three `page.goto: Timeout 10000ms exceeded` failed a run whose pages were fine.
 * Here the navigation only has to be answered, then the page is given {@link READY_MS} to show
 * what the test needs; a page that is broken fails at once, naming why, instead of waiting for
 * that time: its document or one of its scripts or styles answered with an error or failed, a
 * script threw, or the page crashed.
 */
import type { Locator, Page, Response } from 'playwright-core';

/**
 * How long a page may take to show its ready signal, in ms: a quiet run takes 1–2 s; runs at load
 * 15–19 on two cores took over 10 s (CI log of 6c107dc3); each e2e block's own timeout is 60 s or more.
 */
export const READY_MS = 30_000;

/** Resources whose failure leaves the page unable to start. */
const VITAL = new Set(['document', 'script', 'stylesheet']);

/** Rejects as soon as `page` shows it is broken; `stop()` removes the listeners. */
function brokenPage(page: Page): { broken: Promise<never>; stop(): void } {
  let fail: (err: Error) => void = () => undefined;
  const broken = new Promise<never>((_, reject) => (fail = reject));
  const onError = (err: Error) => fail(new Error(`the page threw while opening: ${err.message}`));
  const onCrash = () => fail(new Error('the page crashed while opening'));
  const onResponse = (r: Response) => {
    if (r.status() >= 400 && VITAL.has(r.request().resourceType())) fail(new Error(`${r.url()} answered ${r.status()} while the page opened`));
  };
  const onFailed = (r: { url(): string; resourceType(): string; failure(): { errorText: string } | null }) => {
    if (VITAL.has(r.resourceType())) fail(new Error(`${r.url()} failed while the page opened: ${r.failure()?.errorText ?? 'no reason given'}`));
  };
  page.on('pageerror', onError);
  page.on('crash', onCrash);
  page.on('response', onResponse);
  page.on('requestfailed', onFailed);
  return {
    broken,
    stop: () => {
      page.off('pageerror', onError);
      page.off('crash', onCrash);
      page.off('response', onResponse);
      page.off('requestfailed', onFailed);
    },
  };
}

/**
 * Navigate `page` to `url` and wait until every locator of `ready` is visible, within `ms` in all
 * (default {@link READY_MS}). Throws at once when the page is broken (see the file's comment), or
 * after `ms` naming the first locator not shown.
 */
export async function openWhenReady(page: Page, url: string, ready: Locator[], ms = READY_MS): Promise<void> {
  const deadline = Date.now() + ms;
  const { broken, stop } = brokenPage(page);
  try {
    // `commit`: the server answered the navigation; what the page fetches and runs after is
    // waited for through its ready signal below.
    await Promise.race([page.goto(url, { waitUntil: 'commit', timeout: ms }), broken]);
    for (const locator of ready) await Promise.race([locator.waitFor({ timeout: Math.max(1, deadline - Date.now()) }), broken]);
  } finally {
    stop();
  }
}
