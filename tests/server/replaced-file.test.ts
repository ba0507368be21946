/**
 * A file an export, report or backup replaces keeps its permissions: the new file is written
 * beside it and renamed onto it, and a rename leaves the new file's own mode in its place, so an
 * export or backup its owner kept to themselves (0600) became readable to every user of the
 * machine on the next run.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBackup } from '../../server/backup-target.js';
import { writeOutputFile } from '../../server/output-file.js';

const dir = mkdtempSync(join(tmpdir(), 'samplan-replaced-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (file: string): number => statSync(file).mode & 0o777;

describe('a file replaced by an export or a backup', () => {
  it.each(['600', '640', '664'])('an export onto a file of mode %s keeps the mode and takes the new text', async (octal) => {
    const mode = parseInt(octal, 8);
    const file = join(dir, `plan-${octal}.csv`);
    writeFileSync(file, 'förra exporten');
    chmodSync(file, mode);
    await writeOutputFile(file, 'ny export');
    expect(readFileSync(file, 'utf8')).toBe('ny export');
    expect(modeOf(file)).toBe(mode);
  });

  it('a backup written over one of mode 0600 (--overwrite) keeps the mode', async () => {
    const file = join(dir, 'samplan-backup.db');
    writeFileSync(file, 'last week');
    chmodSync(file, 0o600);
    await writeBackup({ backup: async (to) => writeFileSync(to, 'this week', { mode: 0o644 }) }, file);
    expect(readFileSync(file, 'utf8')).toBe('this week');
    expect(modeOf(file)).toBe(0o600);
  });

  it('a new export gets the mode of any new file', async () => {
    const file = join(dir, 'new.csv');
    const probe = join(dir, 'probe');
    writeFileSync(probe, '');
    await writeOutputFile(file, 'x');
    expect(modeOf(file)).toBe(modeOf(probe));
  });
});
