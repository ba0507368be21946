/**
 * The files a command writes (a backup, an export) and the database a server opens say a fault of
 * the disk alike: a full disk, a used-up quota (EDQUOT, also behind SQLite's SQLITE_FULL), a
 * read-only file system and an I/O error each in their own words, with what to do. The export is
 * written through a partial file, as the backup is, so a disk that fills mid-way leaves no cut-off
 * file that looks whole, and an earlier export stays as it was.
 */
import fs from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** When set, `writeFile` of node:fs/promises writes half of its bytes, then fails with this code (a disk that fills mid-way). */
const cut: { code: string | null } = { code: null };
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const writeFile = (async (file: string, body: string | Uint8Array) => {
    if (cut.code === null) return real.writeFile(file, body);
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    await real.writeFile(file, bytes.subarray(0, bytes.length >> 1));
    throw Object.assign(new Error(`${cut.code}: write failed, write`), { code: cut.code, syscall: 'write' });
  }) as typeof real.writeFile;
  return { ...real, writeFile, default: { ...real, writeFile } };
});

const { backupFailure, writeBackup } = await import('../../server/backup-target.js');
const { sqliteOpenError } = await import('../../server/connect-errors.js');
const { writeOutputFile } = await import('../../server/output-file.js');

const user = os.userInfo().username;
const fault = (message: string, code: string): Error => Object.assign(new Error(message), { code });

/** Make the disk probe's file (`<file>.probe-<pid>`) refused as by a used-up quota. */
function quotaOnProbes(): void {
  const real = fs.openSync.bind(fs) as (...args: unknown[]) => number;
  vi.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
    if (String(p).includes('.probe-')) throw fault('EDQUOT: disk quota exceeded, open', 'EDQUOT');
    return real(p, ...rest);
  }) as never);
}

describe('a fault of the disk met writing a file', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-write-fault-'));
  });
  afterEach(() => {
    cut.code = null;
    vi.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is said by its kind in a backup that failed: a quota, a read-only file system, an I/O error', () => {
    const file = path.join(dir, 'samplan-2026-12-02.db');
    const kept = 'nothing of it is left there and the database is unchanged';
    expect(backupFailure(file, fault('EDQUOT: disk quota exceeded, write', 'EDQUOT'))).toBe(
      `The backup ${file} was not written: the disk quota of the user running Samplan (${user}) is used up on the disk holding ${dir} (EDQUOT: disk quota exceeded, write); ${kept}. Raise the quota, or free space among that user's files, or name a file on another disk.`,
    );
    expect(backupFailure(file, fault('EROFS: read-only file system, open', 'EROFS'))).toBe(
      `The backup ${file} was not written: the file system holding ${dir} is read-only (EROFS: read-only file system, open); ${kept}. Name a file on a disk that can be written to.`,
    );
    expect(backupFailure(file, fault('disk I/O error', 'SQLITE_IOERR_WRITE'))).toContain(`the disk holding ${dir} failed to read or write (an I/O error) (disk I/O error); ${kept}.`);
  });

  it("finds a quota behind SQLite's SQLITE_FULL of a backup, before its partial file is removed", async () => {
    const file = path.join(dir, 'samplan-2026-12-02.db');
    let partialThere = false;
    const real = fs.openSync.bind(fs) as (...args: unknown[]) => number;
    vi.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
      if (!String(p).includes('.probe-')) return real(p, ...rest);
      partialThere = fs.existsSync(`${file}.partial-${process.pid}`);
      throw fault('EDQUOT: disk quota exceeded, open', 'EDQUOT');
    }) as never);
    const failing = {
      backup: async (to: string) => {
        fs.writeFileSync(to, 'half a backup');
        throw fault('database or disk is full', 'SQLITE_FULL');
      },
    };
    const err = (await writeBackup(failing, file).then(() => null, (e: unknown) => e)) as Error;
    expect(err.message).toContain(`the disk quota of the user running Samplan (${user}) is used up on the disk holding ${dir} (database or disk is full)`);
    expect(partialThere).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('is said by its kind when the server opens its database: a quota, also behind SQLite, and an I/O error', () => {
    const db = path.join(dir, 'samplan.db');
    const quota = `The disk quota of the user running Samplan (${user}) is used up on the disk holding the database ${db}: raise the quota, or free space among that user's files, or choose another file with --db or SAMPLAN_DB.`;
    expect(sqliteOpenError(fault('EDQUOT: disk quota exceeded, open', 'EDQUOT'), db)?.message).toBe(quota);
    expect(sqliteOpenError(fault('disk I/O error', 'SQLITE_IOERR_WRITE'), db)?.message).toBe(
      `The disk holding the database ${db} failed to read or write (an I/O error): look at the system's log for the disk's errors, or choose another file with --db or SAMPLAN_DB.`,
    );
    expect(sqliteOpenError(fault('database or disk is full', 'SQLITE_FULL'), db)?.message).toBe(`The disk holding the database ${db} is full: free some space, or choose another file with --db or SAMPLAN_DB.`);
    quotaOnProbes();
    expect(sqliteOpenError(fault('database or disk is full', 'SQLITE_FULL'), db)?.message).toBe(quota);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('leaves an earlier export as it was and no cut-off file when the disk fills mid-way, and says so', async () => {
    const file = path.join(dir, 'plan.csv');
    fs.writeFileSync(file, 'last week,s export\n');
    for (const [code, what] of [
      ['ENOSPC', `the disk holding ${dir} is full`],
      ['EDQUOT', `the disk quota of the user running Samplan (${user}) is used up on the disk holding ${dir}`],
      ['EIO', `the disk holding ${dir} failed to read or write (an I/O error)`],
    ] as const) {
      cut.code = code;
      await expect(writeOutputFile(file, 'aktivitet,datum\nhälsodag,2026-03-01\n')).rejects.toThrow(`Could not write ${file}: ${what} (${code}: write failed, write).`);
      expect(fs.readFileSync(file, 'utf8')).toBe('last week,s export\n');
      expect(fs.readdirSync(dir)).toEqual(['plan.csv']);
    }
    cut.code = null;
    await writeOutputFile(file, 'aktivitet\nhälsodag\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('aktivitet\nhälsodag\n');
    expect(fs.readdirSync(dir)).toEqual(['plan.csv']);
  });

  it('writes an export through a symbolic link into the file it names, as before', async () => {
    const target = path.join(dir, 'plan.csv');
    fs.writeFileSync(target, 'old\n');
    const link = path.join(dir, 'current.csv');
    fs.symlinkSync(target, link);
    await writeOutputFile(link, 'new\n');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe('new\n');
  });
});

describe("the start's refusal of a file beside the database it may not write", () => {
  it('names that file (a journal or lock another user left), not only the database', () => {
    const db = path.join(os.tmpdir(), 'samplan-beside', 'samplan.db');
    const denied = Object.assign(new Error(`EACCES: permission denied, open '${db}.journal'`), { code: 'EACCES', path: `${db}.journal` });
    expect(sqliteOpenError(denied, db)?.message).toContain(`Samplan may not create or write the database ${db} (refused at ${db}.journal): `);
    // The database itself refused: named once.
    expect(sqliteOpenError(Object.assign(new Error('EACCES'), { code: 'EACCES', path: db }), db)?.message).toContain(`Samplan may not create or write the database ${db}: `);
  });
});
