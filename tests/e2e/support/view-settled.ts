/**
 * Waiting until a pane's view shows what the server answered, instead of pausing a fixed time and
 * hoping: the page counts its requests in flight ({@link countRequests}), and a view has settled
 * when, two animation frames running, none is in flight, nothing is marked busy or shows a loading
 * sentence, and its text (through nested views) is the same. Some views show no loading state at
 * all while they fetch (Members lists its people when they come), so the count is what tells.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { pstr } from '../../../addin/taskpane/plan-strings.js';
import { lstr } from '../../../addin/taskpane/rollup-strings.js';
import { fstr } from '../../../addin/taskpane/round-form-strings.js';
import { rstr } from '../../../addin/taskpane/rounds-strings.js';
import { str } from '../../../addin/taskpane/strings.js';
import type { Side } from './playground.js';

/** The sentences a Swedish pane shows while a view waits for the server. */
export const LOADING_SV = [str('explorer.loading', 'sv'), pstr('plan.loading', 'sv'), pstr('year.loading', 'sv'), lstr('rollup.loading', 'sv'), rstr('rounds.loading', 'sv'), fstr('form.loadingCatalog', 'sv')];

/**
 * Makes every page of `context` opened after this count its requests in flight as
 * `window.samplanRequestsInFlight`: a `fetch` until it is answered, and reading an answer's body
 * (`json`, `text`, `arrayBuffer`) until it is read. A stream read through its body's reader (the
 * rounds' event stream) counts only until its first answer.
 */
export async function countRequests(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { samplanRequestsInFlight: number };
    w.samplanRequestsInFlight = 0;
    const counted = <T>(p: Promise<T>): Promise<T> => {
      w.samplanRequestsInFlight++;
      const done = () => void w.samplanRequestsInFlight--;
      p.then(done, done);
      return p;
    };
    const fetch = window.fetch;
    window.fetch = (...args: Parameters<typeof fetch>) => counted(fetch(...args));
    for (const read of ['json', 'text', 'arrayBuffer'] as const) {
      const original = Response.prototype[read] as (this: Response) => Promise<unknown>;
      Object.defineProperty(Response.prototype, read, { configurable: true, writable: true, value: function (this: Response) { return counted(original.call(this)); } });
    }
  });
}

/**
 * Resolves once pane `side`'s view has settled (see the file's comment), checked every animation
 * frame. Throws after `ms` with what was still loading; throws at once when the page does not
 * count its requests ({@link countRequests} not called before it opened).
 */
export async function viewSettled(page: Page, side: Side, ms = 15_000): Promise<void> {
  await page.evaluate(
    ([pane, loading, ms]) =>
      new Promise<void>((resolve, reject) => {
        const inFlight = (window as unknown as { samplanRequestsInFlight?: number }).samplanRequestsInFlight;
        if (inFlight === undefined) return reject(new Error('the page does not count its requests: call countRequests(context) before it opens'));
        const host = document.querySelector(pane);
        if (!host?.shadowRoot) return reject(new Error(`no pane ${pane}`));
        /** The text of every shadow root under the pane, and whether an element says it is busy. */
        const read = (): { text: string; busy: boolean } => {
          const texts: string[] = [];
          let busy = false;
          const walk = (root: ShadowRoot): void => {
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.parentElement?.tagName !== 'STYLE') texts.push(n.textContent ?? '');
            for (const el of root.querySelectorAll('*')) {
              if (el.getAttribute('aria-busy') === 'true') busy = true;
              if (el.shadowRoot) walk(el.shadowRoot);
            }
          };
          walk(host.shadowRoot as ShadowRoot);
          return { text: texts.join('\u0000'), busy };
        };
        const deadline = performance.now() + ms;
        let last: string | null = null;
        let why = '';
        const tick = (): void => {
          const { text, busy } = read();
          const requests = (window as unknown as { samplanRequestsInFlight: number }).samplanRequestsInFlight;
          const shown = loading.find((sentence) => text.includes(sentence));
          why = requests > 0 ? `${requests} request(s) in flight` : busy ? 'an element is aria-busy' : shown ? `it shows “${shown}”` : 'its text still changes';
          if (requests === 0 && !busy && !shown && text === last) return resolve();
          last = requests === 0 && !busy && !shown ? text : null;
          if (performance.now() > deadline) return reject(new Error(`${pane} did not settle within ${ms} ms: ${why}`));
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    [`#pane-${side}`, LOADING_SV, ms] as const,
  );
}
