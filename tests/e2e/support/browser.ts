/**
 * Finds a Chromium for the end-to-end tests and launches it headless with flags that keep it
 * quiet and offline from Google's services. `npx playwright install` is not used: CI and
 * developers install Debian's Chromium (`apt-get install -y chromium`).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The sentence shown when no browser is found; it is also the fix. */
export const INSTALL_HINT = 'apt-get install -y chromium';

/** Where a Chromium may be, in the order tried; `CHROMIUM_PATH` wins. */
export function browserCandidates(env: Record<string, string | undefined> = process.env): string[] {
  return [
    env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ].filter((p): p is string => Boolean(p));
}

/** The first candidate that exists, or an error whose message is exactly {@link INSTALL_HINT}. */
export function findBrowser(env: Record<string, string | undefined> = process.env, exists: (p: string) => boolean = existsSync): string {
  const found = browserCandidates(env).find((p) => exists(p));
  if (!found) throw new Error(INSTALL_HINT);
  return found;
}

/** The flags every test browser runs with. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches the found Chromium. Playwright gives every launch a fresh temporary profile
 * (`--user-data-dir`) and deletes it on close, so no state leaks between runs.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findBrowser(), args: CHROMIUM_FLAGS, headless: true });
}
