/**
 * Once per test run that has end-to-end files (vitest's `globalSetup` of the `e2e` project in
 * `vitest.config.ts`, run only when that project has files to run): one headless Chromium,
 * started as a Playwright browser server with the product's options (`browserLaunchOptions`),
 * its WebSocket address handed to the test files as `inject('e2eBrowser')` (`shared-browser.ts`);
 * closed after the run. Starting Chromium took about 2.7 s per file when each of the 34 files
 * started its own.
 */
import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { browserLaunchOptions } from './browser.js';

declare module 'vitest' {
  /** What this set-up gives the test files. */
  export interface ProvidedContext {
    /** The WebSocket address of the run's Chromium (`BrowserServer.wsEndpoint()`). */
    e2eBrowser: string;
  }
}

/**
 * Starts the run's browser and names it to the tests; the teardown returned closes it. When none
 * starts (no Chromium: `BrowserMissing`), names none: each file then launches its own and fails
 * with the browser's words (`INSTALL_HINT`), and the rest of the run goes on.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: BrowserServer;
  try {
    server = await chromium.launchServer(await browserLaunchOptions());
  } catch {
    project.provide('e2eBrowser', '');
    return async () => undefined;
  }
  project.provide('e2eBrowser', server.wsEndpoint());
  return () => server.close();
}
