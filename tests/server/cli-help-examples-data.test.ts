/**
 * The examples of `samplan <command> --help` for the commands that read and write a workspace's
 * data (import, export, report, rounds, backup, history) work when pasted, against a database
 * seeded with the demo workspace they name: each is run in process (`main`), in the order the help
 * lists them, with its file names placed in a temporary folder. The one file an example reads
 * (`plan.csv`) is first written by `samplan export`, as a person would get one. A stale example (a
 * document, round or flag that is no longer there) fails here.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDemo } from '../../server/demo/seed.js';
import { silentLogger } from '../../server/logger.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { examplesOf, type CommandName } from '../../server/cli-usage.js';
import { main } from '../../server/cli.js';
import { cliEn } from './cli-capture.js';

/** Words of a command line as a shell splits them (double quotes kept together). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

/** A word naming a file (`plan.csv`, `./backups/x.db`, `styrgrupp.pdf`): placed in `dir`. */
const FILE = /\.(csv|json|xlsx|ods|db|html|pdf)$/;

describe('samplan --help examples on the demo workspace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-help-data-'));
  const db = join(dir, 'samplan.db');
  const at = (word: string) => (FILE.test(word) ? join(dir, isAbsolute(word) ? basename(word) : word) : word);
  const run = (line: string) => {
    const [samplan, ...args] = words(line);
    expect(samplan).toBe('samplan');
    return cliEn([...args.map(at), '--db', db]);
  };

  beforeAll(async () => {
    const storage = openSqliteStorage(db);
    await seedDemo(storage, { clock: () => new Date('2026-01-15T10:00:00Z'), logger: silentLogger() });
    await storage.close();
    // The file the import example reads, as a person gets one: exported from the plan it names.
    const exported = await run('samplan export hbi-stockholm aktivitetsplan-vc-tensta --out plan.csv');
    expect(exported.err).toBe('');
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const COMMANDS_RUN: CommandName[] = ['import', 'export', 'rounds', 'report', 'backup', 'history'];

  it.each(COMMANDS_RUN)('%s: every example runs as printed, none a template', async (name) => {
    const examples = examplesOf(name, 'en');
    expect(examples.length).toBeGreaterThan(0);
    for (const line of examples) {
      expect(line, 'an example to paste, not a template with <placeholders>').not.toMatch(/<[^>]+>/);
      const result = await run(line);
      expect({ line, code: result.code, err: result.err }).toEqual({ line, code: 0, err: '' });
      for (const word of words(line).filter((w) => FILE.test(w) && !w.endsWith('.csv'))) expect(existsSync(at(word)), `${line} wrote ${word}`).toBe(true);
    }
  });

  it('serve and stop: every example runs as printed, the server on the port the system picks', async () => {
    // `serve --demo` alone reads its database and port from the environment, as printed; here a
    // temporary file and port 0 (another server may hold 8787 on this machine).
    const env = { SAMPLAN_DB: process.env.SAMPLAN_DB, PORT: process.env.PORT, LC_ALL: process.env.LC_ALL };
    process.env.SAMPLAN_DB = join(dir, 'serve.db');
    process.env.PORT = '0';
    // The banner's English lines are asserted: the examples run as printed, in an English locale.
    process.env.LC_ALL = 'en_GB.UTF-8';
    try {
      for (const line of examplesOf('serve', 'en')) {
        const [, ...args] = words(line);
        const given = args.map(at).map((w, i, all) => (all[i - 1] === '--port' ? '0' : w));
        // serve runs until a signal: its own SIGTERM handler, called once the banner is out, stops it.
        const before = new Set(process.listeners('SIGTERM'));
        const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
        const exit = main(given);
        await vi.waitFor(() => expect(log.mock.calls.some((c) => String(c[0]).includes('Samplan is running at'))).toBe(true), { timeout: 60_000, interval: 50 });
        const banner = String(log.mock.calls.find((c) => String(c[0]).includes('Samplan is running at'))?.[0]);
        for (const stop of process.listeners('SIGTERM').filter((l) => !before.has(l))) (stop as (s: NodeJS.Signals) => void)('SIGTERM');
        expect({ line, code: await exit }).toEqual({ line, code: 0 });
        log.mockRestore();
        if (line.includes('--public-url')) expect(banner).toContain('https://samplan.example.se/addin/taskpane.html');
        if (line.includes('--demo')) expect(banner).toContain('Demo workspace hbi-stockholm');
      }
      for (const line of examplesOf('stop', 'en')) {
        const result = await run(line);
        expect({ line, code: result.code, err: result.err, out: result.out }).toEqual({ line, code: 0, err: '', out: expect.stringContaining('No Samplan server is running on') });
      }
    } finally {
      for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }, 120_000);
});
