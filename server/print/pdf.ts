/**
 * Print an HTML page to PDF with the browser's print engine: Chromium through `playwright-core`,
 * found the same way the end-to-end tests find it (`browser.ts`: `CHROMIUM_PATH`, a system
 * Chromium, or the one of `@sparticuz/chromium`). Loaded only when a PDF is asked for, so the
 * server and the other commands run without a browser.
 */

import type * as BrowserModuleNs from './browser.js';

type BrowserModule = typeof BrowserModuleNs;

/**
 * A4 PDF bytes of `html` (a self-contained page: nothing is fetched).
 * Throws `BrowserMissing` (`browser.ts`; see {@link isBrowserMissing}) when no Chromium is found,
 * with the sentence saying what to install.
 */
export async function htmlToPdf(html: string): Promise<Uint8Array> {
  let browserModule: BrowserModule;
  try {
    browserModule = await import('./browser.js');
  } catch (e) {
    // An install without the dev dependencies has no playwright-core to drive a browser with.
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') {
      throw Object.assign(new Error('PDF printing needs playwright-core and a Chromium: run `npm install` (with the dev dependencies), or set CHROMIUM_PATH after installing playwright-core'), { name: 'BrowserMissing' });
    }
    throw e;
  }
  const { launchBrowser } = browserModule;
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}

/**
 * Is `e` the refusal of {@link htmlToPdf} for want of a Chromium (`BrowserMissing`)? Told by name,
 * so callers need not load the browser module (and `playwright-core`) to ask.
 */
export function isBrowserMissing(e: unknown): e is Error {
  return e instanceof Error && e.name === 'BrowserMissing';
}
