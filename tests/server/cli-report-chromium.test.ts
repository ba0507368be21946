/**
 * `samplan report --pdf` on a machine without a Chromium says what to install in the CLI's
 * language (`messageLang`): Swedish by default, English with `--lang en`, and exits 1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as BrowserModule from '../../server/print/browser.js';
import { INSTALL_HINT, INSTALL_HINT_SV } from '../../server/print/browser.js';
import { DEMO_WORKSPACE, seedDemo } from '../../server/demo/seed.js';
import { silentLogger } from '../../server/logger.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { cli, withLocale } from './cli-capture.js';

// No Chromium on this machine, whatever it has.
vi.mock('../../server/print/browser.js', async (importOriginal) => {
  const real = await importOriginal<typeof BrowserModule>();
  return { ...real, launchBrowser: () => Promise.reject(new real.BrowserMissing()) };
});

const dir = mkdtempSync(join(tmpdir(), 'samplan-report-chromium-'));
const db = join(dir, 'samplan.db');
beforeAll(async () => {
  const storage = openSqliteStorage(db);
  await seedDemo(storage, { clock: () => new Date('2026-01-15T10:00:00Z'), logger: silentLogger() });
  await storage.close();
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('samplan report --pdf without a Chromium', () => {
  it('says what to install in Swedish by default, in English with --lang en', async () => {
    const args = ['report', DEMO_WORKSPACE, '2025-kv-2', '--pdf', join(dir, 'r.pdf'), '--db', db];
    const sv = await withLocale({ LANG: 'C.UTF-8' }, () => cli(args));
    expect(sv).toEqual({ code: 1, out: `${INSTALL_HINT_SV}.`, err: '' });
    expect(INSTALL_HINT_SV).toMatch(/^Ingen Chromium hittades/);
    const en = await withLocale({ LANG: 'sv_SE.UTF-8' }, () => cli([...args, '--lang', 'en']));
    expect(en).toEqual({ code: 1, out: `${INSTALL_HINT}.`, err: '' });
  });
});
