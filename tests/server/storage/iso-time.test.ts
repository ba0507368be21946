import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isoTimes } from '../../../server/storage/iso-time.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';

describe('commit times without a Date per commit (iso-time.ts)', () => {
  it('gives what toISOString gives, across seconds, before 1970 and past year 9999, in any order', () => {
    const iso = isoTimes();
    const base = Date.parse('2026-12-03T10:59:59.990Z');
    const times = [
      ...Array.from({ length: 40 }, (_, i) => base + i), // over a second's end
      base - 86_400_000, // back a day, then forward again
      base + 5,
      0,
      -1,
      -999,
      -1000,
      -1001,
      Date.parse('0001-01-01T00:00:00.007Z'),
      Date.parse('9999-12-31T23:59:59.999Z'),
      8.64e15, // the last time a Date holds: '+275760-09-13T00:00:00.000Z'
      Date.parse('2024-02-29T23:59:59.099Z'),
    ];
    for (const ms of times) expect(iso(ms)).toBe(new Date(ms).toISOString());
    expect(() => iso(NaN)).toThrow(RangeError);
    expect(() => iso(8.64e15 + 1)).toThrow(RangeError);
  });

  describe('through the SQLite store', () => {
    let dir = '';
    afterEach(() => {
      vi.restoreAllMocks();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('formats a commit time once a second, and stores each commit at its own time', async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-iso-'));
      let now = Date.parse('2026-12-03T11:00:00.000Z');
      const s = openSqliteStorage(path.join(dir, 'samplan.db'), { clock: () => new Date(now) });
      const ref = { workspace: 'hbi-stockholm', doc: 'plan' };
      await s.putDocRecord({ ...ref, kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc-husby', createdAt: '2026-12-03T10:00:00.000Z', updatedAt: '2026-12-03T10:00:00.000Z' });
      await s.appendUpdates(ref, [{ update: new Uint8Array(40).fill(1), memberId: 'm-a' }]);
      const formatted = vi.spyOn(Date.prototype, 'toISOString');
      // 50 commits 7 ms apart: within one second, then into the next.
      const expected: string[] = [];
      for (let i = 0; i < 50; i++) {
        now += 7;
        expected.push(new Date(now).toISOString());
        await s.appendUpdates(ref, [{ update: new Uint8Array(40).fill(i), memberId: 'm-a' }]);
      }
      // The 50 toISOString calls of `expected` above, and one for each second the commits reached (old: one per commit more).
      expect(formatted.mock.calls.length).toBeLessThanOrEqual(50 + 2);
      formatted.mockRestore();
      const stored = await s.listUpdates(ref, 1, 100);
      expect(stored.map((u) => u.at)).toEqual(expected);
      await s.close();
    });
  });
});
