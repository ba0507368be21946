/**
 * A test file's link to the run's Chromium (`browser-server.ts`): a connection of its own, whose
 * `close()` closes every context the file made through it and leaves the browser running for the
 * other files. Each test still makes a fresh context (`openPlayground`, `browser.newPage`), so no
 * cookies, storage or pages pass from one test to the next.
 */
import { chromium, type Browser } from 'playwright-core';
import { inject } from 'vitest';
import { launchBrowser } from './browser.js';

/**
 * Connects to the run's Chromium; when the run has none (a file run under another config),
 * launches one of the file's own, closed by the same `close()`.
 */
export async function connectBrowser(): Promise<Browser> {
  const endpoint = inject('e2eBrowser');
  return endpoint ? chromium.connect(endpoint) : launchBrowser();
}
