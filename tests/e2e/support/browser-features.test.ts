/**
 * The end-to-end runs' Chromium (`browser.ts`, `chromium-features.sh`): a context opens no page
 * of Chromium's own beside the test's (the address bar's popup, about 1.4 s of CPU per context),
 * and the launcher that turns it off keeps Playwright's own feature switches: Chromium keeps only
 * the last `--disable-features`, so the two lists are joined into one.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser } from './shared-browser.js';

const LAUNCHER = resolve(import.meta.dirname, 'chromium-features.sh');

describe('the end-to-end runs’ Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await connectBrowser();
  }, 60_000);
  afterAll(() => browser?.close());

  it('opens no page of its own window beside a context’s page', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.setContent('<p>klar</p>');
      const cdp = await browser.newBrowserCDPSession();
      const { targetInfos } = await cdp.send('Target.getTargets');
      await cdp.detach();
      expect(targetInfos.map((t) => `${t.type} ${t.url}`).filter((t) => /^browser_ui |^[a-z_]+ chrome:\/\//.test(t))).toEqual([]);
      expect(targetInfos.filter((t) => t.type === 'page').length).toBeGreaterThanOrEqual(1);
    } finally {
      await context.close();
    }
  });
});

describe('chromium-features.sh', () => {
  let dir: string;
  let fake: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'samplan-chromium-features-'));
    // Stands in for Chromium: prints each argument it was given on a line of its own, and its id.
    fake = join(dir, 'chromium');
    writeFileSync(fake, '#!/bin/sh\necho "pid $$"\nfor a do echo "$a"; done\n');
    chmodSync(fake, 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) => {
    const out = spawnSync('sh', ['-c', `echo "pid $$"; exec "$0" "$@"`, LAUNCHER, ...args], { encoding: 'utf8', env: { ...process.env, SAMPLAN_E2E_CHROMIUM: fake } });
    expect(out.status).toBe(0);
    return out.stdout.trimEnd().split('\n');
  };

  it('joins every --disable-features and every --enable-features into one, the rest kept as given', () => {
    const [shell, browserPid, ...args] = run('--headless', '--disable-features=PaintHolding,MediaRouter', '--enable-features=A', '--lang=sv SE', '--disable-features=WebUIOmniboxPopup', '--enable-features=B');
    expect(args).toEqual(['--headless', '--lang=sv SE', '--disable-features=PaintHolding,MediaRouter,WebUIOmniboxPopup', '--enable-features=A,B']);
    // The browser is the process Playwright started (`exec`), so Playwright's stop reaches it.
    expect(browserPid).toBe(shell);
  });

  it('adds no feature switch when none was given', () => {
    expect(run('--headless', 'about:blank').slice(2)).toEqual(['--headless', 'about:blank']);
  });
});
