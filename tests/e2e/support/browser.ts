/** The end-to-end tests launch the Chromium the product's PDF printing finds (`server/print/browser.ts`). */
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { browserLaunchOptions } from '../../../server/print/browser.js';

export { browserLaunchOptions, bundledChromium, browserCandidates, CHROMIUM_FLAGS, findBrowser, INSTALL_HINT, launchBrowser, type FoundBrowser } from '../../../server/print/browser.js';

/**
 * Chromium features the end-to-end runs turn off. A Chromium with its own window chrome (the
 * system one, headless) makes a browser window for every context, and with it the address bar's
 * popup, a web page of Chromium's own (`chrome://omnibox-popup.top-chrome`, about 400 scripts) in a
 * renderer of its own: 1.4–1.9 s of CPU per context at load 14–15 (four contexts with a one-line
 * page: 9.2 s of the browser's CPU with it, 3.2–3.6 s without; three playground cases, two panes
 * each with the plan open: 15.5–16.1 s, 10.1–11.0 s without). A test never opens that popup. Both
 * names are needed (either alone leaves it). The bundled headless shell has no window chrome and
 * ignores them.
 */
export const E2E_DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/**
 * Starts Chromium through `chromium-features.sh`, which joins Playwright's `--disable-features`
 * list and {@link E2E_DISABLED_FEATURES} into one switch (Chromium keeps only the last).
 */
const MERGING_LAUNCHER = resolve(import.meta.dirname, 'chromium-features.sh');

/**
 * {@link browserLaunchOptions} for the end-to-end runs: the same browser, flags and environment,
 * started with {@link E2E_DISABLED_FEATURES} off besides Playwright's own. Throws `BrowserMissing`
 * when there is no Chromium.
 */
export async function e2eLaunchOptions(): Promise<Awaited<ReturnType<typeof browserLaunchOptions>>> {
  const options = await browserLaunchOptions();
  return {
    ...options,
    executablePath: MERGING_LAUNCHER,
    args: [...options.args, `--disable-features=${E2E_DISABLED_FEATURES.join(',')}`],
    env: { ...options.env, SAMPLAN_E2E_CHROMIUM: options.executablePath },
  };
}

/** Launches a Chromium of the caller's own with {@link e2eLaunchOptions}. */
export async function launchE2eBrowser(): Promise<Browser> {
  return chromium.launch(await e2eLaunchOptions());
}
