/**
 * Print an HTML page to PDF with the browser's print engine: Chromium through `playwright-core`,
 * found the same way the end-to-end tests find it (`browser.ts`: `CHROMIUM_PATH`, a system
 * Chromium, or the one of `@sparticuz/chromium`). Loaded only when a PDF is asked for, so the
 * server and the other commands run without a browser.
 */

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
 * Runs at most `slots` tasks at once; up to `queue` more wait their turn (first come, first
 * served); a task offered while `queue` wait already is refused at once with an error named
 * `PrintBusy`. A task that throws gives its slot back like one that succeeds.
 *
 * @example
 * const limit = new PrintLimit(2, 8);
 * const pdf = await limit.run(() => printOnce(html)); // throws PrintBusy when 2 run and 8 wait
 */
export class PrintLimit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly slots: number,
    readonly queue: number,
  ) {}

  /** Tasks running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** `task()` once a slot is free; rejects with `PrintBusy` at once when the queue is full. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.slots) {
      if (this.waiting.length >= this.queue) {
        throw Object.assign(new Error(`${this.slots} PDF reports are being printed and ${this.queue} wait; try again in a few seconds`), { name: 'PrintBusy' });
      }
      // A slot given back is handed over directly: `running` stays counted for this task.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
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

/** Is `e` the refusal of {@link htmlToPdf} because too many prints wait already (`PrintBusy`)? */
export function isPrintBusy(e: unknown): e is Error {
  return e instanceof Error && e.name === 'PrintBusy';
}
