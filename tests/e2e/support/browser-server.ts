/**
 * Once per test run that has end-to-end files (vitest's `globalSetup` of the `e2e` project in
 * `vitest.config.ts`, run only when that project has files to run): one headless Chromium,
 * started as a Playwright browser server, its WebSocket address handed to the test files as
 * `inject('e2eBrowser')` (`shared-browser.ts`); closed after the run. Starting Chromium took
 * about 2.7 s per file when each of the 34 files started its own.
 */
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { browserLaunchOptions } from './browser.js';

declare module 'vitest' {
  /** What this set-up gives the test files. */
  export interface ProvidedContext {
    /** The WebSocket address of the run's Chromium (`BrowserServer.wsEndpoint()`). */
    e2eBrowser: string;
  }
}

/** Starts the run's browser and names it to the tests; the teardown returned closes it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await chromium.launchServer(await browserLaunchOptions());
  project.provide('e2eBrowser', server.wsEndpoint());
  return () => server.close();
}
