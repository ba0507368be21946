import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { databaseInUse, lockDatabase } from '../../../server/storage/db-lock.js';
import { DatabaseLockUnreadableError } from '../../../server/storage/db-lock-unreadable.js';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function dbFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-lock-unreadable-'));
  dirs.push(dir);
  return path.join(dir, 'samplan.db');
}

/** Make reading `file` fail as for a file of another user with mode 0600 (the tests may run as root, whom permissions do not stop). */
function denyReading(file: string): void {
  const real = fs.readFileSync.bind(fs) as (...args: unknown[]) => unknown;
  vi.spyOn(fs, 'readFileSync').mockImplementation(((p: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    if (p === file) throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES', errno: -13, syscall: 'open', path: file });
    return real(p, ...rest);
  }) as never);
}

/** What {@link lockDatabase} threw. */
function thrownBy(take: () => unknown): unknown {
  try {
    take();
  } catch (err) {
    return err;
  }
  throw new Error('lockDatabase did not throw');
}

describe('a database lock file that cannot be read', () => {
  it('is refused as unreadable, naming the file and what to do, not as a lock to try again: a folder in its place', () => {
    const db = dbFile();
    const lock = `${db}.lock`;
    fs.mkdirSync(lock);
    const err = thrownBy(() => lockDatabase(db)) as DatabaseLockUnreadableError;
    expect(err).toBeInstanceOf(DatabaseLockUnreadableError);
    expect(err.code).toBe('database-lock-unreadable');
    expect(err.message).toBe(
      `Samplan cannot read the lock file ${lock} of the database ${db}: it is a folder, not a file, so it cannot tell whether another Samplan server holds the database, and trying again changes nothing. Move or remove the folder ${lock}; Samplan makes the lock file itself.`,
    );
    expect(err.sv).toBe(
      `Samplan kan inte läsa låsfilen ${lock} för databasen ${db}: det är en mapp, inte en fil, därför går det inte att avgöra om en annan Samplan-server använder databasen, och ett nytt försök ändrar inget. Flytta eller ta bort mappen ${lock}; Samplan gör låsfilen själv.`,
    );
    // `npm start`'s look says the same, not that another server serves it.
    expect(databaseInUse(db)).toMatchObject({ code: 'database-lock-unreadable', message: err.message });
    // Once the folder is gone the lock is taken.
    fs.rmdirSync(lock);
    lockDatabase(db).release();
  });

  it('is refused as unreadable when permissions keep this user out (EACCES), saying whose access to give', () => {
    const db = dbFile();
    const lock = `${db}.lock`;
    fs.writeFileSync(lock, JSON.stringify({ pid: 1, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' }));
    denyReading(lock);
    const err = thrownBy(() => lockDatabase(db)) as DatabaseLockUnreadableError;
    expect(err).toBeInstanceOf(DatabaseLockUnreadableError);
    expect((err.cause as NodeJS.ErrnoException).code).toBe('EACCES');
    const user = os.userInfo().username;
    expect(err.message).toContain(`Samplan cannot read the lock file ${lock} of the database ${db}: permission denied`);
    expect(err.message).toContain(`Give the user running Samplan (${user}) read and write access to it, or remove it if no Samplan server runs (ls -l ${lock} shows its owner).`);
    expect(err.message).not.toMatch(/try again;|already served/);
    expect(err.sv).toContain(`Samplan kan inte läsa låsfilen ${lock} för databasen ${db}: behörighet saknas`);
    expect(err.sv).toContain(`Ge användaren som kör Samplan (${user}) läs- och skrivrätt till filen`);
    expect(databaseInUse(db)).toBeInstanceOf(DatabaseLockUnreadableError);
  });

  it('names the claim that cannot be read when taking over a dead lock', () => {
    const db = dbFile();
    const lock = `${db}.lock`;
    // A pid far above any pid_max in use is not a live process.
    const stale = JSON.stringify({ pid: 2 ** 30, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' });
    fs.writeFileSync(lock, stale);
    const claim = `${lock}.${createHash('sha256').update(stale).digest('hex').slice(0, 16)}.claim`;
    fs.mkdirSync(claim);
    const err = thrownBy(() => lockDatabase(db)) as DatabaseLockUnreadableError;
    expect(err).toBeInstanceOf(DatabaseLockUnreadableError);
    expect(err.message).toContain(`Samplan cannot read the lock file ${claim} of the database ${db}: it is a folder, not a file`);
    // The dead lock stays as it was for the operator to look at.
    expect(fs.readFileSync(lock, 'utf8')).toBe(stale);
  });
});
