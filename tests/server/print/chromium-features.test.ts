/**
 * The Chromium that prints PDF reports (`server/print/browser.ts`) starts without the address bar's
 * popup page (`chrome://omnibox-popup.top-chrome`, about 1.5 s of CPU per PDF on a system
 * Chromium), through `chromium-features.sh`, which keeps Playwright's own feature switches:
 * Chromium keeps only the last `--disable-features`, so the two lists are joined into one.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_LAUNCHER, featureLauncherUsable, launchBrowser } from '../../../server/print/browser.js';

describe('the printing Chromium', () => {
  it('opens no page of its own window beside the page it prints', async () => {
    const browser = await launchBrowser();
    try {
      // As htmlToPdf prints: a page of a context of its own.
      const page = await browser.newPage();
      await page.setContent('<p>Styrgruppsrapport</p>');
      const cdp = await browser.newBrowserCDPSession();
      const { targetInfos } = await cdp.send('Target.getTargets');
      await cdp.detach();
      expect(targetInfos.map((t) => `${t.type} ${t.url}`).filter((t) => /^browser_ui |^[a-z_]+ chrome:\/\//.test(t))).toEqual([]);
      expect(targetInfos.filter((t) => t.type === 'page').length).toBe(1);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe('featureLauncherUsable', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'samplan-launcher-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the launcher beside the module on a POSIX system', () => {
    expect(featureLauncherUsable(FEATURE_LAUNCHER, 'linux')).toBe(true);
  });

  it('starts Chromium directly on Windows, or when the launcher is missing or not executable', () => {
    expect(featureLauncherUsable(FEATURE_LAUNCHER, 'win32')).toBe(false);
    expect(featureLauncherUsable(join(dir, 'missing.sh'), 'linux')).toBe(false);
    const plain = join(dir, 'plain.sh');
    writeFileSync(plain, '#!/bin/sh\n');
    chmodSync(plain, 0o644);
    expect(featureLauncherUsable(plain, 'linux')).toBe(false);
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
    const out = spawnSync('sh', ['-c', `echo "pid $$"; exec "$0" "$@"`, FEATURE_LAUNCHER, ...args], { encoding: 'utf8', env: { ...process.env, SAMPLAN_CHROMIUM_EXECUTABLE: fake } });
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
