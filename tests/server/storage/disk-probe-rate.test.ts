/**
 * The probe beside the database (`disk-probe.ts`) on a disk that keeps failing. Every failed write
 * probed: the journal, which flushes every 250 ms, wrote and flushed 64 KiB to the failing disk four
 * times a second for as long as the fault lasted. A store's probe writes beside one file at most
 * once per `PROBE_EVERY_MS` (10 s) and tells the last answer meanwhile: per file, whichever store,
 * journal or backup of the process asks (the limit was per store and per journal opened, and a
 * backup's failure probed every time).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { limitedProbe, withDiskCode } from '../../../server/storage/disk-probe.js';
import { openJournalFile } from '../../../server/storage/sqlite-journal-file.js';
import { writeBackup } from '../../../server/backup-target.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-probe-rate-'));
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Counts the probe's files opened; each is refused as by a used-up quota. */
function countedProbes(): { count: number } {
  const seen = { count: 0 };
  const real = fs.openSync.bind(fs) as (...args: unknown[]) => number;
  vi.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
    if (String(p).includes('.probe-')) {
      seen.count++;
      throw Object.assign(new Error('EDQUOT: disk quota exceeded, open'), { code: 'EDQUOT' });
    }
    return real(p, ...rest);
  }) as never);
  return seen;
}

describe('the probe of a disk that keeps failing', () => {
  it('writes beside the journal once per 10 s, whatever the number of short writes, and tells the fault each time', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T08:00:00Z'));
    const probes = countedProbes();
    const journal = openJournalFile(path.join(dir, 'samplan.db.journal'), (fd, bytes) => fs.writeSync(fd, bytes, 0, bytes.length >> 1));
    const flush = (): unknown => {
      try {
        journal.append(Buffer.alloc(64));
      } catch (err) {
        return (err as { code?: unknown }).code;
      }
      return null;
    };
    try {
      // Forty flushes 250 ms apart: ten seconds of a failing disk.
      for (let i = 0; i < 40; i++) {
        expect(flush()).toBe('EDQUOT');
        vi.advanceTimersByTime(250);
      }
      expect(probes.count).toBe(1);
      expect(flush()).toBe('EDQUOT');
      expect(probes.count).toBe(2);
    } finally {
      journal.close();
    }
    expect(fs.readdirSync(dir)).toEqual(['samplan.db.journal']);
  });

  it("probes beside each file apart, and SQLite's unsaid errors each carry the last answer", () => {
    let now = 0;
    const asked: string[] = [];
    const probe = limitedProbe({ everyMs: 10_000, now: () => now, probe: (file) => (asked.push(file), 'ENOSPC') });
    const full = (): Error => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    for (let i = 0; i < 5; i++) expect(withDiskCode(full(), '/srv/a.db', probe)).toMatchObject({ diskCode: 'ENOSPC' });
    expect(withDiskCode(full(), '/srv/b.db', probe)).toMatchObject({ diskCode: 'ENOSPC' });
    now = 9_999;
    withDiskCode(full(), '/srv/a.db', probe);
    expect(asked).toEqual(['/srv/a.db', '/srv/b.db']);
    now = 10_000;
    withDiskCode(full(), '/srv/a.db', probe);
    expect(asked).toEqual(['/srv/a.db', '/srv/b.db', '/srv/a.db']);
  });

  it('probes beside one file once per 10 s however many journals are opened on it, and beside a backup target once', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T08:00:00Z'));
    const probes = countedProbes();
    const file = path.join(dir, 'twice.db.journal');
    // Each journal opened anew (a store closed and opened again, a second store on the file) writes short once.
    for (let i = 0; i < 3; i++) {
      const journal = openJournalFile(file, (fd, bytes) => fs.writeSync(fd, bytes, 0, bytes.length >> 1));
      try {
        expect(() => journal.append(Buffer.alloc(64))).toThrow(expect.objectContaining({ code: 'EDQUOT' }));
      } finally {
        journal.close();
      }
      vi.advanceTimersByTime(1_000);
    }
    expect(probes.count).toBe(1);

    // A backup the disk refuses, tried again at once: SQLite's unsaid error carries the first probe's answer.
    const full = { backup: async (): Promise<void> => Promise.reject(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })) };
    const target = path.join(dir, 'backup.db');
    for (let i = 0; i < 3; i++) {
      const cause = await writeBackup(full, target).then(() => null, (err: Error) => err.cause);
      expect(cause).toMatchObject({ diskCode: 'EDQUOT' });
    }
    expect(probes.count).toBe(2);
    vi.advanceTimersByTime(10_000);
    await writeBackup(full, target).catch(() => undefined);
    expect(probes.count).toBe(3);
  });
});
