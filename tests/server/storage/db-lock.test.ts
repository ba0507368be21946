import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { databaseInUse, DatabaseInUseError, HardLinkedDatabaseError, lockDatabase } from '../../../server/storage/db-lock.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function dbFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-lock-'));
  dirs.push(dir);
  return path.join(dir, 'samplan.db');
}

/**
 * Make `fs.writeSync` act as on a full disk: the first `whole` calls write half the bytes they are
 * given (a short write, as the kernel returns when the disk fills part-way), every later call throws ENOSPC.
 */
function failWrites(whole: number): void {
  const real = fs.writeSync.bind(fs) as (...args: unknown[]) => number;
  let calls = 0;
  vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: string | Buffer, ...rest: unknown[]) => {
    if (calls++ >= whole) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const offset = typeof rest[0] === 'number' ? rest[0] : 0;
    const length = typeof rest[1] === 'number' ? rest[1] : bytes.length - offset;
    return real(fd, bytes, offset, Math.max(1, Math.floor(length / 2)));
  }) as never);
}

/** `text` as a regular expression matching it literally. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Set `file`'s modification time `ms` milliseconds back. */
function age(file: string, ms: number): void {
  const then = new Date(Date.now() - ms);
  fs.utimesSync(file, then, then);
}

/** The stale locks a server takes over, as written by a test into the lock file. */
const staleLocks = [
  {
    kind: 'left by a process that died',
    // A pid far above any pid_max in use is not a live process.
    write: (file: string) => fs.writeFileSync(file, JSON.stringify({ pid: 2 ** 30, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' })),
  },
  {
    kind: 'left empty two minutes ago',
    write: (file: string) => {
      fs.writeFileSync(file, '');
      age(file, 120_000);
    },
  },
];

describe('database lock', () => {
  it('lets one holder in and refuses a second with the file and the holder named', () => {
    const db = dbFile();
    const lock = lockDatabase(db);
    expect(() => lockDatabase(db)).toThrow(DatabaseInUseError);
    expect(() => lockDatabase(db)).toThrow(`The database ${db} is already served by another Samplan server (process ${process.pid} on ${os.hostname()}`);
    // Words that fit serve and migrate alike (migrate starts no server of its own).
    expect(() => lockDatabase(db)).toThrow(`Stop that server first (samplan stop --db ${db}), or name another database.`);
    lock.release();
    expect(fs.existsSync(`${db}.lock`)).toBe(false);
    lockDatabase(db).release();
  });

  it('refuses a second holder that names the same file through a symbolic link, to the file or to its folder', () => {
    const db = dbFile();
    fs.writeFileSync(db, '');
    const dir = path.dirname(db);
    fs.symlinkSync(db, path.join(dir, 'current.db'));
    fs.symlinkSync(dir, path.join(dir, 'via'));
    const lock = lockDatabase(db);
    expect(() => lockDatabase(path.join(dir, 'current.db'))).toThrow(DatabaseInUseError);
    expect(() => lockDatabase(path.join(dir, 'via', 'current.db'))).toThrow(DatabaseInUseError);
    expect(databaseInUse(path.join(dir, 'current.db'))).toBeInstanceOf(DatabaseInUseError);
    lock.release();
    const linked = lockDatabase(path.join(dir, 'current.db'));
    expect(() => lockDatabase(db)).toThrow(DatabaseInUseError);
    linked.release();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.lock'))).toEqual([]);
  });

  it('takes over a lock left by a process that died on this host', () => {
    const db = dbFile();
    // A pid far above any pid_max in use is not a live process.
    fs.writeFileSync(`${db}.lock`, JSON.stringify({ pid: 2 ** 30, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' }));
    const lock = lockDatabase(db);
    expect(JSON.parse(fs.readFileSync(`${db}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it.each(staleLocks)('lets exactly one of two servers that take over the same stale lock at once win (a lock $kind)', ({ write }) => {
    const db = dbFile();
    write(`${db}.lock`);
    let first: ReturnType<typeof lockDatabase> | undefined;
    const late = () => new Date('2026-02-02T00:00:00.000Z');
    // The second server has read the dead owner; before it moves anything, the first takes over.
    const second = () =>
      lockDatabase(db, late, {
        beforeTakeOver: () => {
          first = lockDatabase(db, () => new Date('2026-02-01T00:00:00.000Z'));
        },
      });
    expect(second).toThrow(DatabaseInUseError);
    expect(first).toBeDefined();
    expect(() => lockDatabase(db, late, {})).toThrow(`The database ${db} is already served by another Samplan server (process ${process.pid} on ${os.hostname()}, running since 2026-02-01T00:00:00.000Z)`);
    expect(JSON.parse(fs.readFileSync(`${db}.lock`, 'utf8'))).toMatchObject({ since: '2026-02-01T00:00:00.000Z' });
    expect(fs.readdirSync(path.dirname(db))).toEqual(['samplan.db.lock']);
    first?.release();
    expect(fs.existsSync(`${db}.lock`)).toBe(false);
  });

  it.each(staleLocks)("keeps the winner of a take-over holding its lock file when a third server starts at any step of the loser's take-over (a lock $kind)", ({ write }) => {
    const db = dbFile();
    write(`${db}.lock`);
    const lockText = (): string | null => (fs.existsSync(`${db}.lock`) ? fs.readFileSync(`${db}.lock`, 'utf8') : null);
    let first: ReturnType<typeof lockDatabase> | undefined;
    let firstText: string | null = null;
    const third: { at: string; won: boolean }[] = [];
    let inThird = false;
    // After every change the second server makes to the files (once the first holds the lock),
    // a third server tries to start; it must be refused each time.
    const injectAfter = (name: 'renameSync' | 'rmSync' | 'unlinkSync' | 'linkSync' | 'openSync') => {
      const real = fs[name].bind(fs) as (...args: unknown[]) => unknown;
      vi.spyOn(fs, name).mockImplementation(((...args: unknown[]) => {
        const result = real(...args);
        if (first && !inThird) {
          inThird = true;
          try {
            lockDatabase(db, () => new Date('2026-02-03T00:00:00.000Z')).release();
            third.push({ at: `${name} ${String(args[0])}`, won: true });
          } catch (err) {
            if (!(err instanceof DatabaseInUseError)) throw err;
            third.push({ at: `${name} ${String(args[0])}`, won: false });
          } finally {
            inThird = false;
          }
        }
        return result;
      }) as never);
    };
    try {
      for (const name of ['renameSync', 'rmSync', 'unlinkSync', 'linkSync', 'openSync'] as const) injectAfter(name);
      // The second server has read the dead owner; before it claims or moves anything, the first takes over.
      const second = () =>
        lockDatabase(db, () => new Date('2026-02-02T00:00:00.000Z'), {
          beforeTakeOver: () => {
            first = lockDatabase(db, () => new Date('2026-02-01T00:00:00.000Z'));
            firstText = lockText();
          },
        });
      expect(second).toThrow(DatabaseInUseError);
    } finally {
      vi.restoreAllMocks();
    }
    expect(firstText).toContain('2026-02-01T00:00:00.000Z');
    expect(third.length).toBeGreaterThan(0);
    expect(third.filter((t) => t.won)).toEqual([]);
    // The first server's lock file is where it was, with its text: a fourth server is refused too.
    expect(lockText()).toBe(firstText);
    expect(() => lockDatabase(db)).toThrow('running since 2026-02-01T00:00:00.000Z');
    expect(fs.readdirSync(path.dirname(db))).toEqual(['samplan.db.lock']);
    first?.release();
    expect(fs.existsSync(`${db}.lock`)).toBe(false);
  });

  it('takes over the claim of a server that died while taking over, and waits for one that lives, then says for how long it has been claimed', () => {
    const db = dbFile();
    const dead = JSON.stringify({ pid: 2 ** 30, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' });
    const claim = `${db}.lock.${createHash('sha256').update(dead).digest('hex').slice(0, 16)}.claim`;
    fs.writeFileSync(`${db}.lock`, dead);
    // Claimed by a process that died before it removed the stale lock.
    fs.writeFileSync(claim, JSON.stringify({ pid: 2 ** 30 - 1, host: os.hostname(), since: '2026-01-01T00:00:01.000Z' }));
    const lock = lockDatabase(db);
    expect(JSON.parse(fs.readFileSync(`${db}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    expect(fs.readdirSync(path.dirname(db))).toEqual(['samplan.db.lock']);
    lock.release();
    // Claimed by a live process (this one stands in for it): the lock is neither taken nor removed.
    fs.writeFileSync(`${db}.lock`, dead);
    fs.writeFileSync(claim, JSON.stringify({ pid: process.pid, host: os.hostname(), since: '2026-01-01T00:00:02.000Z' }));
    // Claimed 30 s ago: the sentence says how long it has been, this start's 2 s wait included.
    age(claim, 30_000);
    const words = `was left by a process that died, and process ${process.pid} on ${os.hostname()}, running since 2026-01-01T00:00:02.000Z has been taking it over for `;
    expect(() => lockDatabase(db)).toThrow(new RegExp(`${escape(words)}3[2-4] s\\. Try again; if no Samplan server is starting, remove ${escape(claim)}\\.$`));
    expect(fs.readFileSync(`${db}.lock`, 'utf8')).toBe(dead);
    // Claimed 10 s ago by a process that has not written its owner yet (or was killed before it could).
    fs.writeFileSync(claim, '');
    age(claim, 10_000);
    expect(() => lockDatabase(db)).toThrow(
      new RegExp(
        `was left by a process that died, and a process has been taking it over for 1[2-4] s without writing its owner into its claim ${escape(claim)}\\. A claim naming no owner is taken over once it is 60 s old: try again in (4[6-8]) s\\.$`,
      ),
    );
    expect(fs.readFileSync(`${db}.lock`, 'utf8')).toBe(dead);
  });

  it("removes, once it holds the lock, the claims left by processes that died while taking it over, and no one else's", () => {
    const db = dbFile();
    const dir = path.dirname(db);
    const owner = (pid: number, host = os.hostname()): string => JSON.stringify({ pid, host, since: '2026-01-01T00:00:00.000Z' });
    // A server died after removing the stale lock and before removing its claim; another died likewise on that claim's claim.
    fs.writeFileSync(`${db}.lock.0123456789abcdef.claim`, owner(2 ** 30 - 1));
    fs.writeFileSync(`${db}.lock.0123456789abcdef.claim.fedcba9876543210.claim`, owner(2 ** 30 - 2));
    // One that died between creating its claim and writing it, a minute and more ago.
    fs.writeFileSync(`${db}.lock.1111111111111111.claim`, '');
    fs.utimesSync(`${db}.lock.1111111111111111.claim`, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
    const kept = [
      // A live process's (this one stands in for it), another host's, one being written just now, another database's.
      [`${db}.lock.2222222222222222.claim`, owner(process.pid)],
      [`${db}.lock.3333333333333333.claim`, owner(2 ** 30 - 1, 'other-host')],
      [`${db}.lock.4444444444444444.claim`, ''],
      [path.join(dir, 'other.db.lock.5555555555555555.claim'), owner(2 ** 30 - 1)],
    ] as const;
    for (const [file, text] of kept) fs.writeFileSync(file, text);
    const lock = lockDatabase(db);
    expect(fs.readdirSync(dir).sort()).toEqual([...kept.map(([file]) => path.basename(file)), 'samplan.db.lock'].sort());
    lock.release();
  });

  it('removes the lock file it made when writing its owner fails (a full disk), and the next start takes the lock', () => {
    const db = dbFile();
    failWrites(0);
    try {
      expect(() => lockDatabase(db)).toThrow(expect.objectContaining({ code: 'ENOSPC' }));
    } finally {
      vi.restoreAllMocks();
    }
    // No empty lock is left to read as a live server's.
    expect(fs.readdirSync(path.dirname(db))).toEqual([]);
    expect(databaseInUse(db)).toBeNull();
    lockDatabase(db).release();
  });

  it('removes the lock file it made when the disk fills part-way through its owner, which a single write took as written', () => {
    const db = dbFile();
    failWrites(1);
    try {
      expect(() => lockDatabase(db)).toThrow(expect.objectContaining({ code: 'ENOSPC' }));
    } finally {
      vi.restoreAllMocks();
    }
    expect(fs.readdirSync(path.dirname(db))).toEqual([]);
    lockDatabase(db).release();
  });

  it('removes the claim it made when writing its owner fails (a full disk), so the next start takes the dead lock over', () => {
    const db = dbFile();
    const dead = JSON.stringify({ pid: 2 ** 30, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' });
    fs.writeFileSync(`${db}.lock`, dead);
    // The lock is there (no write), so the first write is the claim's.
    failWrites(0);
    try {
      expect(() => lockDatabase(db)).toThrow(expect.objectContaining({ code: 'ENOSPC' }));
    } finally {
      vi.restoreAllMocks();
    }
    expect(fs.readdirSync(path.dirname(db))).toEqual(['samplan.db.lock']);
    expect(fs.readFileSync(`${db}.lock`, 'utf8')).toBe(dead);
    const lock = lockDatabase(db);
    expect(JSON.parse(fs.readFileSync(`${db}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    expect(fs.readdirSync(path.dirname(db))).toEqual(['samplan.db.lock']);
    lock.release();
  });

  it('does not count as holding a lock file that another removed as left unwritten while this process stalled before writing it', () => {
    const db = dbFile();
    const other = JSON.stringify({ pid: process.pid, host: os.hostname(), since: '2026-03-01T00:00:00.000Z' });
    const real = fs.writeSync.bind(fs) as (...args: unknown[]) => number;
    let stalled = false;
    vi.spyOn(fs, 'writeSync').mockImplementation(((...args: unknown[]) => {
      if (!stalled) {
        // The stall: another server removes the empty file and makes its own lock in its place.
        stalled = true;
        fs.rmSync(`${db}.lock`);
        fs.writeFileSync(`${db}.lock`, other);
      }
      return real(...args);
    }) as never);
    try {
      expect(() => lockDatabase(db)).toThrow('running since 2026-03-01T00:00:00.000Z');
    } finally {
      vi.restoreAllMocks();
    }
    expect(fs.readFileSync(`${db}.lock`, 'utf8')).toBe(other);
  });

  it('takes over a lock file that names no owner once it is a minute old (left empty by a full disk or kill -9, or half written), and says so for a younger one', () => {
    const db = dbFile();
    for (const text of ['', '{"pid":12']) {
      fs.writeFileSync(`${db}.lock`, text);
      age(`${db}.lock`, 120_000);
      expect(databaseInUse(db)).toBeNull();
      const lock = lockDatabase(db);
      expect(JSON.parse(fs.readFileSync(`${db}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
      expect(fs.readdirSync(path.dirname(db))).toEqual(['samplan.db.lock']);
      lock.release();
    }
    // Made 50 s ago and not written yet: it may be a server's that is starting; refused, the figures true.
    fs.writeFileSync(`${db}.lock`, '');
    age(`${db}.lock`, 50_000);
    const words = /^The database .*samplan\.db is locked by .*samplan\.db\.lock, which names no owner yet: a Samplan server made it 5[0-2] s ago and is writing its owner into it, or stopped before it could\. A lock naming no owner is taken over once it is 60 s old: try again in (8|9|10) s\.$/;
    expect(() => lockDatabase(db)).toThrow(words);
    expect(databaseInUse(db)?.message).toMatch(words);
    expect(fs.readFileSync(`${db}.lock`, 'utf8')).toBe('');
  });

  it('takes over a dead lock whose claim names no owner once the claim is a minute old (a server killed on a full disk while taking over)', () => {
    const db = dbFile();
    const dead = JSON.stringify({ pid: 2 ** 30, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' });
    const claim = `${db}.lock.${createHash('sha256').update(dead).digest('hex').slice(0, 16)}.claim`;
    fs.writeFileSync(`${db}.lock`, dead);
    fs.writeFileSync(claim, '');
    age(claim, 120_000);
    const lock = lockDatabase(db);
    expect(JSON.parse(fs.readFileSync(`${db}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    expect(fs.readdirSync(path.dirname(db))).toEqual(['samplan.db.lock']);
    lock.release();
  });

  it('leaves a lock file made again, unwritten, while another server took over the old one that named no owner', () => {
    const db = dbFile();
    fs.writeFileSync(`${db}.lock`, '');
    age(`${db}.lock`, 120_000);
    // This server has found the old empty lock; before it claims it, another takes it over and is
    // between making its own lock and writing its owner into it: an empty file again, but new.
    expect(() =>
      lockDatabase(db, undefined, {
        beforeTakeOver: () => {
          fs.rmSync(`${db}.lock`);
          fs.writeFileSync(`${db}.lock`, '');
        },
      }),
    ).toThrow('which names no owner yet');
    expect(fs.readdirSync(path.dirname(db))).toEqual(['samplan.db.lock']);
  });

  it('does not take over a lock held on another host', () => {
    const db = dbFile();
    fs.writeFileSync(`${db}.lock`, JSON.stringify({ pid: 2 ** 30, host: 'other-host', since: '2026-01-01T00:00:00.000Z' }));
    expect(() => lockDatabase(db)).toThrow(/process 1073741824 on other-host/);
  });
});

describe('database lock and hard links', () => {
  it('refuses a database file with a second name (a hard link), through either name, with the names counted and the way out said', () => {
    const db = dbFile();
    fs.writeFileSync(db, '');
    const lock = lockDatabase(db);
    const other = path.join(path.dirname(db), 'other.db');
    fs.linkSync(db, other);
    // A second server through the other name: a lock of its own name would let it in.
    expect(() => lockDatabase(other)).toThrow(HardLinkedDatabaseError);
    expect(() => lockDatabase(other)).toThrow(`The database ${other} has 2 names (hard links)`);
    lock.release();
    expect(() => lockDatabase(db)).toThrow(/find \/ -xdev -samefile .*samplan\.db.*A symbolic link \(ln -s\) is safe/);
    expect(fs.readdirSync(path.dirname(db)).filter((f) => f.endsWith('.lock'))).toEqual([]);
    fs.rmSync(other);
    lockDatabase(db).release();
  });
});
