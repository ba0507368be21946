/**
 * `samplan import` reads a workbook within the time a REST import's read has
 * (`SAMPLAN_IMPORT_READ_SECONDS`, 60 s unless set) and says in words when the read passed it, with
 * nothing imported; the reading settings are checked at the command's start, a wrong one refused
 * with a sentence naming it (`ConfigError`), before any file is read.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDemo } from '../../server/demo/seed.js';
import { silentLogger } from '../../server/logger.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import ExcelJS from 'exceljs';
import { cli, cliEn } from './cli-capture.js';

describe('samplan import and the time a read may take', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-import-deadline-'));
  const db = join(dir, 'samplan.db');
  const file = join(dir, 'plan.xlsx');
  const importing = ['import', 'hbi-stockholm', 'aktivitetsplan-vc-tensta', file, '--dry-run', '--db', db];

  beforeAll(async () => {
    const storage = openSqliteStorage(db);
    await seedDemo(storage, { clock: () => new Date('2026-01-15T10:00:00Z'), logger: silentLogger() });
    await storage.close();
    const wb = new ExcelJS.Workbook();
    const plan = wb.addWorksheet('Plan');
    plan.addRow(['Aktivitet', 'Typ', 'Deltagare planerat']);
    for (let i = 1; i <= 200; i++) plan.addRow([`Stavgång ${i}`, 'halsodag', 10 + (i % 7)]);
    writeFileSync(file, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  }, 60_000);
  afterEach(() => vi.unstubAllEnvs());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops a read past SAMPLAN_IMPORT_READ_SECONDS with a sentence, nothing imported', async () => {
    vi.stubEnv('SAMPLAN_IMPORT_READ_SECONDS', '0.001');
    const result = await cliEn(importing);
    expect(result).toEqual({
      code: 1,
      out: '',
      err: 'samplan: Reading the file took longer than an import may (0.001 s, SAMPLAN_IMPORT_READ_SECONDS) and was stopped; nothing was imported. Split it into smaller files, or allow more time with SAMPLAN_IMPORT_READ_SECONDS.',
    });
    // In the CLI's language (it was English under the Swedish default), its seconds with a decimal comma (it wrote 0.001 s).
    expect((await cli([...importing, '--lang', 'sv'])).err).toBe(
      'samplan: Att läsa filen tog längre tid än en import får ta (0,001 s, SAMPLAN_IMPORT_READ_SECONDS) och stoppades; ingenting importerades. Dela upp den i mindre filer, eller ge mer tid med SAMPLAN_IMPORT_READ_SECONDS.',
    );
  }, 30_000);

  it('says an unreadable file is unreadable, not late, when the refusal comes after the time', async () => {
    const broken = join(dir, 'broken.xlsx');
    writeFileSync(broken, 'Aktivitet;Typ\nStavgång;halsodag\n');
    vi.stubEnv('SAMPLAN_IMPORT_READ_SECONDS', '0.001');
    // A clock a second on at each look: the refusal (no ZIP, found before any worker) comes past the deadline.
    let now = Date.parse('2026-01-15T10:00:00Z');
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => (now += 1000));
    try {
      const result = await cli(['import', 'hbi-stockholm', 'aktivitetsplan-vc-tensta', broken, '--dry-run', '--db', db]);
      expect(result.code).toBe(1);
      expect(result.err).not.toContain('took longer');
      expect(result.err).toMatch(/^samplan: .*(XLSX|ZIP)/i);
    } finally {
      clock.mockRestore();
    }
  });

  it('reads within the default time', async () => {
    const result = await cli([...importing, '--json']);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(result.out)).toMatchObject({ dryRun: true, imported: 200 });
  }, 30_000);

  it.each([
    ['SAMPLAN_IMPORT_READ_SECONDS', '0', 'a number of seconds from 0.001 to 3600'],
    ['SAMPLAN_READ_WORKERS', '0', 'a whole number from 1 to 32'],
    ['SAMPLAN_READ_QUEUE', 'many', 'a whole number from 0 to 64'],
  ])('refuses %s=%s at the start, in a sentence naming it', async (name, value, allowed) => {
    vi.stubEnv(name, value);
    expect(await cliEn(importing)).toEqual({ code: 2, out: '', err: `samplan: The setting ${name} must be ${allowed}, not "${value}".` });
  });

  it('writes the bounds of a setting in Swedish with a decimal comma (it wrote 0.001)', async () => {
    vi.stubEnv('SAMPLAN_IMPORT_READ_SECONDS', '0');
    // Four digits stay together (as Swedish may write them), since `numbersIn` cannot tell them from a year.
    expect((await cli([...importing, '--lang', 'sv'])).err).toBe('samplan: Inställningen SAMPLAN_IMPORT_READ_SECONDS ska vara ett antal sekunder från 0,001 till 3600, inte "0".');
  });
});
