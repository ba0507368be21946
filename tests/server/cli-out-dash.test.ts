/**
 * `--out -` is standard output, as for most Unix commands: `export` writes the table there (a
 * workbook too, when standard output is no terminal) and `report` its HTML (`--pdf -` its PDF),
 * their own lines then on stderr. It was refused as a missing value ("Missing the value of --out
 * before -"). A lone dash after any other option is still a value left out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_WORKSPACE, seedDemo } from '../../server/demo/seed.js';
import { silentLogger } from '../../server/logger.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { cli, withLocale } from './cli-capture.js';

const dir = mkdtempSync(join(tmpdir(), 'samplan-out-dash-'));
const db = join(dir, 'samplan.db');
const PLAN = 'aktivitetsplan-vc-tensta';
beforeAll(async () => {
  const storage = openSqliteStorage(db);
  await seedDemo(storage, { clock: () => new Date('2026-01-15T10:00:00Z'), logger: silentLogger() });
  await storage.close();
}, 60_000);
afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** {@link cli} of `args` (with `--lang en` unless `lang` is null) with standard output a terminal or not, what it wrote there as bytes. */
async function run(args: string[], tty = false, lang: 'en' | null = 'en'): Promise<{ code: number; out: string; err: string; written: Buffer }> {
  const chunks: Buffer[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (chunks.push(Buffer.from(chunk)), true));
  const was = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
  Object.defineProperty(process.stdout, 'isTTY', { value: tty, configurable: true });
  try {
    const r = await cli([...(lang ? ['--lang', lang] : []), ...args, '--db', db]);
    return { ...r, written: Buffer.concat(chunks) };
  } finally {
    if (was) Object.defineProperty(process.stdout, 'isTTY', was);
    else delete (process.stdout as { isTTY?: boolean }).isTTY;
  }
}

describe('--out - is standard output', () => {
  it('export writes its CSV there, the same bytes as without --out, and says no line on stdout', async () => {
    const dash = await run(['export', DEMO_WORKSPACE, PLAN, '--out', '-']);
    expect(dash.code, dash.err).toBe(0);
    const plain = await run(['export', DEMO_WORKSPACE, PLAN]);
    expect(dash.written.length).toBeGreaterThan(100);
    expect(dash.written.equals(plain.written)).toBe(true);
    expect(dash.out).toBe('');
  });

  it('export writes a workbook there when it is no terminal, and refuses one to a terminal', async () => {
    const piped = await run(['export', DEMO_WORKSPACE, PLAN, '--format', 'xlsx', '--out', '-']);
    expect(piped.code, piped.err).toBe(0);
    expect(piped.written.subarray(0, 2).toString('latin1')).toBe('PK');
    const tty = await run(['export', DEMO_WORKSPACE, PLAN, '--format', 'xlsx', '--out', '-'], true);
    expect(tty.code).toBe(2);
    expect(tty.err).toMatch(/^--format xlsx writes a workbook, which a terminal cannot show/);
  });

  it('report writes its HTML there, and refuses a PDF to a terminal and both to standard output', async () => {
    const html = await run(['report', DEMO_WORKSPACE, '2025-kv-2', '--out', '-']);
    expect(html.code, html.err).toBe(0);
    expect(html.written.toString('utf8')).toMatch(/^<!doctype html>/i);
    const tty = await run(['report', DEMO_WORKSPACE, '2025-kv-2', '--pdf', '-'], true);
    expect(tty.code).toBe(2);
    expect(tty.err).toMatch(/^--pdf - writes a PDF, which a terminal cannot show/);
    const both = await run(['report', DEMO_WORKSPACE, '2025-kv-2', '--out', '-', '--pdf', '-']);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/^--out - and --pdf - both write to standard output/);
    const sv = await withLocale({ LANG: 'C.UTF-8' }, () => run(['report', DEMO_WORKSPACE, '2025-kv-2', '--pdf', '-'], true, null));
    expect(sv.err).toMatch(/^--pdf - skriver en PDF, som inte kan visas i terminalen/);
  });

  it('is still a value left out after another option', async () => {
    const r = await run(['member', 'list', '--workspace', '-']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^Missing the value of --workspace before -/);
  });
});
