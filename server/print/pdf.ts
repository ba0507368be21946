/**
 * Print an HTML page to PDF with the browser's print engine: Chromium through `playwright-core`,
 * found the same way the end-to-end tests find it (`browser.ts`: `CHROMIUM_PATH`, a system
 * Chromium, or the one of `@sparticuz/chromium`). Loaded only when a PDF is asked for, so the
 * server and the other commands run without a browser.
 */

import { SlotLimit } from '../slot-limit.js';
import type * as BrowserModuleNs from './browser.js';

type BrowserModule = typeof BrowserModuleNs;

/**
 * Prints that run at once in this process. Each launches its own Chromium (some 100–300 MB and a
 * core while it prints), so a burst of `format=pdf` requests would otherwise start as many
 * browsers as requests and starve the sync server sharing the machine.
 */
export const PRINT_SLOTS = 2;
/** Prints that may wait for a slot; one more is refused at once (`PrintBusy`, see {@link isPrintBusy}). */
export const PRINT_QUEUE = 8;

/**
 * The {@link SlotLimit} of PDF prints: a print offered while `slots` print and `queue` wait
 * already is refused at once with an error named `PrintBusy` ({@link isPrintBusy}).
 *
 * @example
 * const limit = new PrintLimit(2, 8);
 * const pdf = await limit.run(() => printOnce(html)); // throws PrintBusy when 2 run and 8 wait
 */
export class PrintLimit extends SlotLimit {
  constructor(slots: number, queue: number) {
    const busy = () => Object.assign(new Error(`${slots} PDF reports are being printed and ${queue} wait; try again in a few seconds`), { name: 'PrintBusy' });
    // A print waits as long as it takes (no `waitUntil`), so `late` is never thrown.
    super(slots, queue, { full: busy, late: busy });
  }
}

/** The limit every {@link htmlToPdf} of this process shares. */
export const printLimit = new PrintLimit(PRINT_SLOTS, PRINT_QUEUE);

/**
 * A4 PDF bytes of `html` (a self-contained page: nothing is fetched).
 * Throws `BrowserMissing` (`browser.ts`; see {@link isBrowserMissing}) when no Chromium is found,
 * with the sentence saying what to install. At most {@link PRINT_SLOTS} prints run at once
 * ({@link printLimit}); later ones wait their turn, and when {@link PRINT_QUEUE} wait already it
 * throws `PrintBusy` ({@link isPrintBusy}) at once.
 */
export async function htmlToPdf(html: string): Promise<Uint8Array> {
  return printLimit.run(() => printOnce(html));
}

/** One print in its own Chromium (see {@link htmlToPdf}). */
async function printOnce(html: string): Promise<Uint8Array> {
  let browserModule: BrowserModule;
  try {
    browserModule = await import('./browser.js');
  } catch (e) {
    // An install without the dev dependencies has no playwright-core to drive a browser with.
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') {
      throw Object.assign(new Error('PDF printing needs playwright-core and a Chromium: run `npm install` (with the dev dependencies), or set CHROMIUM_PATH after installing playwright-core'), {
        name: 'BrowserMissing',
        sv: 'Att skriva ut PDF kräver playwright-core och en Chromium: kör `npm install` (med utvecklingsberoendena), eller sätt CHROMIUM_PATH efter att ha installerat playwright-core',
      });
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

/** Is `e` the refusal of {@link htmlToPdf} because too many prints wait already (`PrintBusy`)? */
export function isPrintBusy(e: unknown): e is Error {
  return e instanceof Error && e.name === 'PrintBusy';
}
