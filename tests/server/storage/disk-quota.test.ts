/**
 * A used-up disk quota (EDQUOT) is told as a quota, not as a full disk: freeing space elsewhere on
 * the disk does not help, raising the quota does. SQLite does not pass the system's code on (it
 * says SQLITE_FULL for a write cut short, SQLITE_IOERR_WRITE for one refused), so the store asks
 * with a write of its own beside the file (`disk-probe.ts`). A quota is injected where the probe
 * opens its file, as a quota on inodes or blocks refuses a new file's creation.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { failureLine } from '../../../server/cli-failure.js';
import { PROBE_EVERY_MS, withDiskCode } from '../../../server/storage/disk-probe.js';
import { openJournalFile } from '../../../server/storage/sqlite-journal-file.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { faultWords, StorageUnavailableError } from '../../../server/storage/watched.js';
import { made } from './made.js';

const QUOTA = { sv: 'diskkvoten är slut', en: 'the disk quota is used up' };

/** Make the probe's file (`<file>.probe-<pid>`) refused as by a used-up quota. */
function quotaOnProbes(): void {
  const real = fs.openSync.bind(fs) as (...args: unknown[]) => number;
  vi.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
    if (String(p).includes('.probe-')) throw Object.assign(new Error(`EDQUOT: disk quota exceeded, open '${String(p)}'`), { code: 'EDQUOT', errno: -122, syscall: 'open' });
    return real(p, ...rest);
  }) as never);
}

/** SQLite's own SQLITE_FULL: a connection whose database may not grow past its pages now. */
function sqliteFull(file: string): Error {
  const db = new Database(file);
  try {
    db.exec('CREATE TABLE t (x BLOB)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(64 * 1024));
  } catch (err) {
    return err as Error;
  } finally {
    db.close();
  }
  throw new Error('SQLite took the write');
}

describe('a used-up disk quota', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-quota-'));
    file = path.join(dir, 'samplan.db');
  });
  afterEach(() => {
    vi.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is told as a quota, in Swedish and English, by its code (EDQUOT) or its words', () => {
    const edquot = Object.assign(new Error('EDQUOT: disk quota exceeded, write'), { code: 'EDQUOT' });
    expect(faultWords(edquot.message, edquot)).toEqual(QUOTA);
    expect(faultWords('write failed: Disk quota exceeded')).toEqual(QUOTA);
    const err = new StorageUnavailableError(edquot.message, { cause: edquot });
    expect(err.message).toBe('The server cannot store changes right now (the disk quota is used up). Nothing was changed; try again in a while.');
    expect(err.sv).toBe('Servern kan inte spara ändringar just nu (diskkvoten är slut). Inget ändrades; försök igen om en stund.');
    // A full disk stays a full disk.
    expect(faultWords('no space left', Object.assign(new Error('x'), { code: 'ENOSPC' })).en).toBe('the disk is full');
  });

  it("is found behind SQLite's SQLITE_FULL and SQLITE_IOERR_WRITE by a write of its own beside the file, which leaves nothing", () => {
    const full = sqliteFull(file);
    expect((full as { code?: string }).code).toBe('SQLITE_FULL');
    // The disk has room for the probe: SQLite's word stands.
    expect(faultWords(full.message, withDiskCode(full, file)).en).toBe('the disk is full');
    quotaOnProbes();
    fs.rmSync(file);
    const again = sqliteFull(file);
    expect(faultWords(again.message, withDiskCode(again, file))).toEqual(QUOTA);
    // SQLite's error for a write(2) refused with EDQUOT outright.
    const ioerr = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' });
    expect(faultWords(ioerr.message, withDiskCode(ioerr, file))).toEqual(QUOTA);
    // A command's last line says it too, and keeps SQLite's words for the operator.
    expect(failureLine(again)).toBe('samplan: The database failed (the disk quota is used up); the command stopped there. The store said: database or disk is full');
    expect(fs.readdirSync(dir)).toEqual(['samplan.db']);
  });

  it("is found behind the journal's short write, as a write refused outright would say it", () => {
    const journal = openJournalFile(`${file}.journal`, (fd, bytes) => fs.writeSync(fd, bytes, 0, bytes.length >> 1));
    quotaOnProbes();
    let err: unknown;
    try {
      journal.append(Buffer.alloc(64));
    } catch (e) {
      err = e;
    } finally {
      journal.close();
    }
    expect(err).toMatchObject({ code: 'EDQUOT', message: `${file}.journal: short write (32 of 64 bytes)` });
    expect(faultWords((err as Error).message, err)).toEqual(QUOTA);
    // Taken back: the header only.
    expect(fs.statSync(`${file}.journal`).size).toBe(4);
  });
});

/** A 2 MB tmpfs to fill (mounting needs root or CAP_SYS_ADMIN; elsewhere these cases are skipped and say so). */
const small = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-quota-disk-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', small], { stdio: 'ignore' });
  mounted = true;
} catch {
  fs.rmSync(small, { recursive: true, force: true });
}

describe.skipIf(!mounted)('the SQLite store on a disk that fills', () => {
  const ref = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
  afterAll(() => {
    execFileSync('umount', [small]);
    fs.rmSync(small, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    for (const name of fs.readdirSync(small)) fs.rmSync(path.join(small, name), { recursive: true, force: true });
  });

  /** What the store's append threw once the disk has no room left, as a watched store tells it. */
  const appendOnFullDisk = async (quota: boolean): Promise<{ code: unknown; words: { sv: string; en: string } }> => {
    const file = path.join(small, 'samplan.db');
    const storage = openSqliteStorage(file);
    try {
      await made(storage, ref);
      const filler = fs.openSync(path.join(small, 'filler'), 'w');
      try {
        for (;;) fs.writeSync(filler, Buffer.alloc(16 * 1024, 1));
      } catch {
        // Full.
      } finally {
        fs.closeSync(filler);
      }
      if (quota) quotaOnProbes();
      const err = await storage.appendUpdates(ref, [{ update: new Uint8Array(64 * 1024).fill(7), memberId: null }]).then(
        () => null,
        (e: unknown) => e,
      );
      return { code: (err as { code?: unknown } | null)?.code, words: faultWords((err as Error).message, err) };
    } finally {
      vi.restoreAllMocks();
      await storage.close().catch(() => undefined);
    }
  };

  it('tells a full disk as full, and a quota refusing its writes as a quota', async () => {
    expect(await appendOnFullDisk(false)).toEqual({ code: expect.stringMatching(/^SQLITE_(FULL|IOERR)/), words: { sv: 'disken är full', en: 'the disk is full' } });
    // The process probes beside one file once per PROBE_EVERY_MS, whichever store asks: the next probe is that much later.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + PROBE_EVERY_MS);
      expect(await appendOnFullDisk(true)).toEqual({ code: expect.stringMatching(/^SQLITE_(FULL|IOERR)/), words: QUOTA });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the probe of an SQLite store in memory', () => {
  it('writes nothing anywhere: there is no file to probe beside', () => {
    const opened = vi.spyOn(fs, 'openSync');
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    expect(withDiskCode(full, ':memory:')).toBe(full);
    expect(opened).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });
});
