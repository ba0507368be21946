/**
 * Print an HTML page to PDF with the browser's print engine: Chromium through `playwright-core`,
 * found the same way the end-to-end tests find it (`browser.ts`: `CHROMIUM_PATH`, a system
 * Chromium, or the one of `@sparticuz/chromium`). Loaded only when a PDF is asked for, so the
 * server and the other commands run without a browser.
 */

/** A4 PDF bytes of `html` (a self-contained page: nothing is fetched). */
export async function htmlToPdf(html: string): Promise<Uint8Array> {
  const { launchBrowser } = await import('./browser.js');
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
