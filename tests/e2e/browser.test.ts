/**
 * Which browser the end-to-end tests run: a system Chromium when there is one, the one from
 * `@sparticuz/chromium` otherwise or when `SAMPLAN_E2E_NO_SYSTEM_BROWSER=1`, and a sentence that
 * says what to do when there is neither.
 */
import { accessSync, constants } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledChromium, findBrowser, INSTALL_HINT, type FoundBrowser } from './support/browser.js';

const BUNDLED: FoundBrowser = { executablePath: '/tmp/samplan-chromium-x/chromium', env: { FONTCONFIG_PATH: '/tmp/f' }, source: 'bundled' };
const bundled = async () => BUNDLED;
const none = async () => null;

describe('findBrowser', () => {
  it('uses a system Chromium when there is one', async () => {
    const found = await findBrowser({}, (p) => p === '/usr/bin/chromium-browser', bundled);
    expect(found).toEqual({ executablePath: '/usr/bin/chromium-browser', env: {}, source: 'system' });
  });

  it('falls back to the bundled Chromium when no system one exists', async () => {
    expect(await findBrowser({}, () => false, bundled)).toBe(BUNDLED);
  });

  it('skips the system paths with SAMPLAN_E2E_NO_SYSTEM_BROWSER=1', async () => {
    expect(await findBrowser({ SAMPLAN_E2E_NO_SYSTEM_BROWSER: '1' }, () => true, bundled)).toBe(BUNDLED);
  });

  it('lets CHROMIUM_PATH win, even with the switch', async () => {
    const found = await findBrowser({ CHROMIUM_PATH: '/opt/c/chrome', SAMPLAN_E2E_NO_SYSTEM_BROWSER: '1' }, (p) => p === '/opt/c/chrome', bundled);
    expect(found.executablePath).toBe('/opt/c/chrome');
  });

  it('says what to do when there is no browser at all', async () => {
    await expect(findBrowser({}, () => false, none)).rejects.toThrow(INSTALL_HINT);
  });
});

describe('bundledChromium', () => {
  it('unpacks an executable Chromium with its libraries and fonts', async () => {
    const found = await bundledChromium();
    expect(found?.source).toBe('bundled');
    accessSync(found!.executablePath, constants.X_OK);
    accessSync(`${found!.env.LD_LIBRARY_PATH!.split(':')[0]}/libnss3.so`);
    accessSync(`${found!.env.FONTCONFIG_PATH}/fonts.conf`);
  }, 60_000);
});
