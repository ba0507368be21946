/**
 * A line of the CLI that names a file it wrote masks a personnummer in the file's name, on stdout
 * as the failure lines on stderr and `import`'s lines do: `samplan export --out`, `samplan report
 * --out` and `samplan backup` to a file named after a patient say `[personnummer]`, never the number.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/demo/seed.js';
import { silentLogger } from '../../server/logger.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { cli } from './cli-capture.js';

const NUMBER = '19121212-1212';

describe('a file named with a personnummer, as a CLI line names it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-path-pnr-'));
  const db = join(dir, 'samplan.db');

  beforeAll(async () => {
    const storage = openSqliteStorage(db);
    await seedDemo(storage, { clock: () => new Date('2026-01-15T10:00:00Z'), logger: silentLogger() });
    await storage.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const lang of ['sv', 'en'] as const) {
    it(`is masked by export, report and backup (${lang})`, async () => {
      const runs = [
        ['export', 'hbi-stockholm', 'aktivitetsplan-vc-tensta', '--out', join(dir, `${lang}-${NUMBER}.csv`)],
        ['report', 'hbi-stockholm', '2025-kv-4', '--out', join(dir, `${lang}-${NUMBER}.html`)],
        ['backup', join(dir, `${lang}-${NUMBER}.db`)],
      ];
      for (const args of runs) {
        const { code, out, err } = await cli(['--lang', lang, ...args, '--db', db]);
        expect(code, `${args[0]}: ${err}`).toBe(0);
        // The file is written under the name given; the line names it masked.
        expect(existsSync(args.find((a) => a.includes(NUMBER)) as string)).toBe(true);
        expect(out, args[0]).toContain(`${lang}-[personnummer].`);
        expect(`${out}\n${err}`, args[0]).not.toContain(NUMBER);
      }
    }, 60_000);
  }
});
