/**
 * A database stopped by the process's file-size limit (`ulimit -f`, systemd's `LimitFSIZE=`) is
 * told as that limit, whatever its size: SQLite says `disk I/O error`, and the probe's own new
 * file of 64 KiB stays under any limit above that, so a limit of 1.5 MB was told as an I/O error.
 * The probe also asks whether the database, its `-wal` or its `-journal` stands at the limit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diskCodeOf, fileSizeLimit, PROBE_BYTES, probeWrite, withCopyLimit } from '../../../server/storage/disk-probe.js';

describe('the disk probe and the file-size limit', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-probe-limit-'));
    db = path.join(dir, 'samplan.db');
    fs.writeFileSync(db, Buffer.alloc(4096));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(['-wal', '-journal', ''])('answers EFBIG when the database%s stands at a limit above the probe’s own 64 KiB', (suffix) => {
    const limit = 1_536_000;
    fs.writeFileSync(`${db}${suffix}`, Buffer.alloc(limit));
    expect(probeWrite(db, () => limit)).toBe('EFBIG');
    // Cut short within the largest page of the limit: a write of up to 64 KiB crossed it.
    fs.truncateSync(`${db}${suffix}`, limit - PROBE_BYTES + 1024);
    expect(probeWrite(db, () => limit)).toBe('EFBIG');
    expect(fs.readdirSync(dir).filter((f) => f.includes('.probe-'))).toEqual([]);
  });

  it('answers null when the files stand well under the limit, or there is none', () => {
    fs.writeFileSync(`${db}-wal`, Buffer.alloc(200_000));
    expect(probeWrite(db, () => 1_536_000)).toBeNull();
    expect(probeWrite(db, () => null)).toBeNull();
  });

  it('names a backup larger than the limit EFBIG (SQLite removes the cut-off copy), and leaves other errors be', () => {
    const ioerr = () => Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
    expect(diskCodeOf(withCopyLimit(ioerr(), 120 * 1024, () => 100 * 1024))).toBe('EFBIG');
    expect(diskCodeOf(withCopyLimit(ioerr(), 120 * 1024, () => 10 * 1024 * 1024))).toBeUndefined();
    expect(diskCodeOf(withCopyLimit(ioerr(), 120 * 1024, () => null))).toBeUndefined();
    const quota = Object.assign(ioerr(), { diskCode: 'EDQUOT' });
    expect(diskCodeOf(withCopyLimit(quota, 120 * 1024, () => 100 * 1024))).toBe('EDQUOT');
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(diskCodeOf(withCopyLimit(busy, 120 * 1024, () => 100 * 1024))).toBeUndefined();
  });

  it('reads the limit of the process, in bytes, and none when unlimited', () => {
    const limit = fileSizeLimit();
    // The test runs without a limit, or (a CI's ulimit -f) with one in bytes.
    expect(limit === null || (Number.isInteger(limit) && limit > 0)).toBe(true);
    if (process.platform === 'linux') {
      const line = fs.readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max file size')) ?? '';
      expect(limit).toBe(/\bunlimited\b/.test(line.split(/\s{2,}/)[1] ?? '') ? null : Number(line.split(/\s{2,}/)[1]));
    }
  });
});
