import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Storage } from '../../server/storage/storage.js';
import { englishLocaleForFile } from '../support/english-locale.js';

// These tests assert the CLI's English sentences.
englishLocaleForFile();

/**
 * `samplan backup <file>` refuses to write onto the database it backs up, onto that database's
 * own files (write-ahead log, shared memory, journal, lock, pid and notice file, the demo's token file), however the name reaches
 * them (symbolic links, hard links), and onto any existing file unless `--overwrite` is given.
 */
describe('samplan backup: where it writes', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'samplan-backup-'));
    db = join(dir, 'samplan.db');
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  let main: (argv: string[]) => Promise<number>;
  // Loading the CLI and everything it imports: over 10 s on a busy machine.
  beforeAll(async () => {
    ({ main } = await import('../../server/cli.js'));
  }, 120_000);

  async function cli() {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await main(['workspace', 'create', '--id', 'hbi-stockholm', '--name', 'Hälsofrämjande Stockholm', '--db', db])).toBe(0);
    return { main, lastError: () => String(error.mock.calls.at(-1)?.[0] ?? '') };
  }

  const workspaces = (file: string): unknown[] => {
    const d = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return d.prepare('SELECT id FROM workspaces').pluck().all();
    } finally {
      d.close();
    }
  };

  it('refuses the database itself, by its name, through a symbolic link to it or its folder, and through a hard link', async () => {
    const { main, lastError } = await cli();
    symlinkSync(db, join(dir, 'current.db'));
    symlinkSync(dir, join(dir, 'via'));
    linkSync(db, join(dir, 'hard.db'));
    const before = readFileSync(db);
    for (const target of [db, join(dir, 'current.db'), join(dir, 'via', 'samplan.db'), join(dir, 'hard.db')]) {
      expect(await main(['backup', target, '--db', db, '--overwrite'])).toBe(2);
      expect(lastError()).toBe(`samplan: samplan backup will not write onto ${target}: it is the database being backed up (${db}). Name a file of its own, such as ./backups/samplan-YYYY-MM-DD.db.`);
    }
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(workspaces(db)).toEqual(['hbi-stockholm']);
  });

  it("refuses the database's write-ahead log, shared-memory file, journal, lock, pid and notice file and the demo's token file, whether or not they exist now, also with --overwrite", async () => {
    const { main, lastError } = await cli();
    for (const [suffix, what] of [
      ['-wal', "the database's write-ahead log"],
      ['-shm', "the database's shared-memory file"],
      ['-journal', "the database's rollback journal"],
      ['.lock', "the database's lock file"],
      ['.pid', "the running server's pid file"],
      // The server empties and makes anew its notice file: a backup there was said written, then gone.
      ['.notice', "the running server's notice file"],
      ['.demo-tokens.json', "the demo's token file"],
    ] as const) {
      expect(await main(['backup', `${db}${suffix}`, '--db', db, '--overwrite'])).toBe(2);
      expect(lastError()).toBe(`samplan: samplan backup will not write onto ${db}${suffix}: it is ${what} (${db}${suffix}). Name a file of its own, such as ./backups/samplan-YYYY-MM-DD.db.`);
    }
    // Through a folder link, a database named through a link, and a hard link of an existing log.
    symlinkSync(dir, join(dir, 'via'));
    expect(await main(['backup', join(dir, 'via', 'samplan.db-wal'), '--db', db])).toBe(2);
    symlinkSync(db, join(dir, 'current.db'));
    expect(await main(['backup', `${db}-shm`, '--db', join(dir, 'current.db')])).toBe(2);
    writeFileSync(`${db}-wal`, '');
    linkSync(`${db}-wal`, join(dir, 'log-copy'));
    expect(await main(['backup', join(dir, 'log-copy'), '--db', db, '--overwrite'])).toBe(2);
    expect(lastError()).toContain("it is the database's write-ahead log");
  });

  it('refuses an existing file unless --overwrite is given, and a folder always', async () => {
    const { main, lastError } = await cli();
    const old = join(dir, 'samplan-2026-01-31.db');
    writeFileSync(old, 'last week');
    expect(await main(['backup', old, '--db', db])).toBe(2);
    expect(lastError()).toBe(`samplan: There is already a file at ${old}; samplan backup does not replace it. Name a new file, or add --overwrite to replace it.`);
    expect(readFileSync(old, 'utf8')).toBe('last week');
    // A log beside it would be read into the new file when it is opened.
    writeFileSync(`${old}-wal`, 'left open');
    expect(await main(['backup', old, '--db', db, '--overwrite'])).toBe(2);
    expect(lastError()).toContain(`${old} has a wal file beside it (${old}-wal)`);
    rmSync(`${old}-wal`);
    expect(await main(['backup', old, '--db', db, '--overwrite'])).toBe(0);
    expect(workspaces(old)).toEqual(['hbi-stockholm']);
    mkdirSync(join(dir, 'backups'));
    expect(await main(['backup', join(dir, 'backups'), '--db', db, '--overwrite'])).toBe(2);
    expect(lastError()).toBe(`samplan: ${join(dir, 'backups')} is a folder; name the backup file in it, such as ${join(dir, 'backups', 'samplan-YYYY-MM-DD.db')}.`);
    const fresh = join(dir, 'backups', 'samplan-2026-02-07.db');
    expect(await main(['backup', fresh, '--db', db])).toBe(0);
    expect(workspaces(fresh)).toEqual(['hbi-stockholm']);
  });
});

describe('writeBackup', () => {
  it('leaves the file it would replace as it was, and no partial file, when the backup fails', async () => {
    const { writeBackup } = await import('../../server/backup-target.js');
    const dir = mkdtempSync(join(tmpdir(), 'samplan-backup-'));
    try {
      const old = join(dir, 'samplan-2026-01-31.db');
      writeFileSync(old, 'last week');
      const failing = {
        backup: async (to: string) => {
          writeFileSync(to, 'half a backup');
          throw new Error('disk full');
        },
      } as unknown as Storage;
      await expect(writeBackup(failing, old)).rejects.toThrow('disk full');
      expect(readFileSync(old, 'utf8')).toBe('last week');
      expect(readdirSync(dir)).toEqual(['samplan-2026-01-31.db']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says in words which file was not written and which disk is full, not only SQLite\'s "database or disk is full"', async () => {
    const { writeBackup } = await import('../../server/backup-target.js');
    const dir = mkdtempSync(join(tmpdir(), 'samplan-backup-'));
    try {
      const file = join(dir, 'samplan-2026-12-02.db');
      const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      const failing = { backup: async () => Promise.reject(full) } as unknown as Storage;
      const err: unknown = await writeBackup(failing, file).then(() => null, (e: unknown) => e);
      expect((err as Error).message).toBe(
        `The backup ${file} was not written: the disk holding ${dir} is full (database or disk is full); nothing of it is left there and the database is unchanged. Free some space there, or name a file on another disk.`,
      );
      expect((err as Error).cause).toBe(full);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says in words that no file can be made in /proc, or in a folder removed meanwhile, not only a bare ENOENT', async () => {
    const { writeBackup } = await import('../../server/backup-target.js');
    const real = await writeBackup({ backup: async () => undefined }, '/proc/samplan-backup.db').then(() => null, (e: unknown) => e);
    expect((real as Error).message).toMatch(
      /^The backup \/proc\/samplan-backup\.db was not written: no file can be made in \/proc: it is a folder of the system \(as \/proc and \/sys are\) that shows its state and holds no files of anyone's \(ENOENT[^)]*\); nothing of it is left there and the database is unchanged\. Name a file in a folder of your own, such as \.\/backups\.$/,
    );
    const dir = mkdtempSync(join(tmpdir(), 'samplan-backup-'));
    try {
      const gone = join(dir, 'removed', 'samplan.db');
      const err: unknown = await writeBackup({ backup: async () => undefined }, gone).then(() => null, (e: unknown) => e);
      expect((err as Error).message).toContain(`was not written: the folder ${join(dir, 'removed')} is not there (it was removed or renamed while the file was written)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
