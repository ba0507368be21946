/**
 * A file an export, report or backup replaces keeps its permissions: the new file is written
 * beside it and renamed onto it, and a rename leaves the new file's own mode in its place, so an
 * export or backup its owner kept to themselves (0600) became readable to every user of the
 * machine on the next run. And a device or named pipe named as the output (`/dev/null`, a FIFO a
 * program reads) is written into, not replaced by a file (a backup is refused there).
 */
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBackupTarget, writeBackup } from '../../server/backup-target.js';
import { writeOutputFile } from '../../server/output-file.js';
import type { PagedStoreDump } from '../../server/storage/dump.js';
import { writeDumpToSqlite } from '../../server/storage/sqlite-dump.js';
import type { AuditRecord } from '../../server/storage/storage-records.js';

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

  it.each(['600', '640'])('a new backup of a database of mode %s is no more readable than the database', async (octal) => {
    const db = join(dir, `samplan-${octal}.db`);
    writeFileSync(db, 'the database');
    chmodSync(db, parseInt(octal, 8));
    const file = join(dir, `new-backup-${octal}.db`);
    await writeBackup({ backup: async (to) => writeFileSync(to, 'this week', { mode: 0o644 }) }, file, db);
    expect(readFileSync(file, 'utf8')).toBe('this week');
    expect(modeOf(file)).toBe(0o644 & parseInt(octal, 8));
  });

  it('a new backup of a database of mode 0600 is 0600 from its first byte, not only once renamed', async () => {
    const db = join(dir, 'samplan-kept.db');
    writeFileSync(db, 'the database');
    chmodSync(db, 0o600);
    const file = join(dir, 'new-backup-while.db');
    const seen: number[] = [];
    // A writer that writes in steps, as SQLite's backup writes page after page.
    const slow = async (to: string): Promise<void> => {
      appendFileSync(to, 'SQLite format 3\0', { mode: 0o644 });
      seen.push(modeOf(to));
      await new Promise((resolve) => setTimeout(resolve, 1));
      appendFileSync(to, 'the pages');
    };
    await writeBackup({ backup: slow }, file, db);
    expect(seen).toEqual([0o600]);
    expect(modeOf(file)).toBe(0o600);
  });

  // SQLite opens the partial file by its name to write it: one of 0444 refused that open to anyone
  // but root, and the backup of a database kept read-only failed as if its folder were unwritable.
  it.each([
    ['a new backup of a database of mode 0444', '0444', false],
    ['a new backup of a database of mode 0400', '0400', false],
    ['a backup written over one of mode 0444 (--overwrite)', '0444', true],
  ])('%s may be written by its owner while it is written, and has the mode once written', async (_name, octal, overwrite) => {
    const mode = parseInt(octal, 8);
    const db = join(dir, `samplan-ro-${octal}-${String(overwrite)}.db`);
    writeFileSync(db, 'the database');
    const file = join(dir, `backup-ro-${octal}-${String(overwrite)}.db`);
    if (overwrite) {
      writeFileSync(file, 'last week');
      chmodSync(file, mode);
    } else chmodSync(db, mode);
    const seen: number[] = [];
    await writeBackup({ backup: async (to) => (seen.push(modeOf(to)), writeFileSync(to, 'this week')) }, file, overwrite ? null : db);
    expect(seen).toEqual([mode | 0o600]);
    expect(readFileSync(file, 'utf8')).toBe('this week');
    expect(modeOf(file)).toBe(mode);
  });

  it('a backup of PostgreSQL onto one of mode 0600 (--overwrite) is 0600 while its dump is written', async () => {
    const file = join(dir, 'pg-backup-while.db');
    writeFileSync(file, 'last week');
    chmodSync(file, 0o600);
    const partial = `${file}.partial-${process.pid}`;
    const seen: number[] = [];
    // The audit trail read page by page, as PostgreSQL's backup reads it while SQLite writes the file.
    async function* audit(): AsyncIterable<AuditRecord[]> {
      seen.push(modeOf(partial));
      yield [{ at: '2026-03-01T08:00:00.000Z', workspace: 'ws', doc: null, memberId: null, action: 'backup', bytes: 0, detail: null }];
      seen.push(modeOf(partial));
    }
    const dump: PagedStoreDump = { workspaces: [], units: [], docs: [], members: [], tokens: [], removals: [], snapshots: [], checkpoints: [], takeBacks: [], accessTokenSessions: [], audit: audit(), updates: [] };
    await writeBackup({ backup: (to) => writeDumpToSqlite(to, dump) }, file);
    expect(seen).toEqual([0o600, 0o600]);
    expect(modeOf(file)).toBe(0o600);
  });

  it('a new backup without a database file to go by (PostgreSQL) gets the mode it was made with', async () => {
    const file = join(dir, 'new-backup-pg.db');
    await writeBackup({ backup: async (to) => writeFileSync(to, 'this week', { mode: 0o644 }) }, file, null);
    expect(modeOf(file)).toBe(0o644 & ~process.umask());
  });

  it('a new export gets the mode of any new file', async () => {
    const file = join(dir, 'new.csv');
    const probe = join(dir, 'probe');
    writeFileSync(probe, '');
    await writeOutputFile(file, 'x');
    expect(modeOf(file)).toBe(modeOf(probe));
  });
});

describe('a device or named pipe named as the output', () => {
  it('an export into a named pipe is written into it, and the pipe is left a pipe', async () => {
    const fifo = join(dir, 'plan.fifo');
    execFileSync('mkfifo', [fifo]);
    // `cat` holds the pipe's reading end, as a program reading the export would.
    const reader = spawn('cat', [fifo]);
    const read = new Promise<string>((resolve) => {
      let text = '';
      reader.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      reader.on('close', () => resolve(text));
    });
    try {
      await writeOutputFile(fifo, 'aktivitet;datum\nhälsodag;2026-03-01\n');
      expect(statSync(fifo).isFIFO()).toBe(true);
      expect(await read).toBe('aktivitet;datum\nhälsodag;2026-03-01\n');
    } finally {
      reader.kill();
    }
  });

  it('a backup onto a named pipe is refused in words before anything is written, --overwrite too', () => {
    const fifo = join(dir, 'backup.fifo');
    execFileSync('mkfifo', [fifo]);
    expect(() => checkBackupTarget({ file: fifo, db: join(dir, 'samplan.db'), overwrite: true })).toThrow(
      `${fifo} is no file but a device, a pipe or a socket; a backup is an SQLite database file: name a file, such as ./backups/samplan-YYYY-MM-DD.db.`,
    );
    expect(statSync(fifo).isFIFO()).toBe(true);
  });
});
