/**
 * The probe beside the database (`disk-probe.ts`) on a file system that tells a full disk or a
 * used-up quota only when the file is closed (NFS: close(2) returns ENOSPC or EDQUOT). The close's
 * error was thrown out of the probe in place of the fault it was asked about, and the probe's
 * 64 KiB were left beside the database on the full disk.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { probeWrite, withDiskCode } from '../../../server/storage/disk-probe.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-probe-close-'));
const db = path.join(dir, 'samplan.db');
afterEach(() => vi.restoreAllMocks());
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** close(2) of the probe's file fails with `code`, as NFS says a quota or a full disk. */
function closeFails(code: string): void {
  const real = fs.closeSync.bind(fs);
  const probes = new Set<number>();
  const open = fs.openSync.bind(fs) as (...args: unknown[]) => number;
  vi.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
    const fd = open(p, ...rest);
    if (String(p).includes('.probe-')) probes.add(fd);
    return fd;
  }) as never);
  vi.spyOn(fs, 'closeSync').mockImplementation((fd: number) => {
    real(fd);
    if (probes.delete(fd)) throw Object.assign(new Error(`${code}: close failed`), { code, syscall: 'close' });
  });
}

describe('the disk probe on a file system that tells the fault at the close', () => {
  it.each(['EDQUOT', 'ENOSPC'])('answers %s, removes its file, and throws nothing', (code) => {
    closeFails(code);
    expect(probeWrite(db)).toBe(code);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("gives SQLite's error the close's code, the error itself kept", () => {
    closeFails('EDQUOT');
    const err = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    expect(withDiskCode(err, db)).toBe(err);
    expect(err).toMatchObject({ code: 'SQLITE_FULL', diskCode: 'EDQUOT' });
  });
});
