import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { faultWords, isStorageFault } from '../../../server/storage/watched.js';
import { encodeEntries, openJournalFile, readJournal, type JournalBatch } from '../../../server/storage/sqlite-journal-file.js';

const batch = (firstSeq: number, memberId: string | null = 'anna'): JournalBatch => ({
  workspace: 'hbi-stockholm',
  doc: 'plan-husby',
  firstSeq,
  atMs: 1_770_000_000_000 + firstSeq,
  items: [{ memberId, update: new Uint8Array([firstSeq, 7]) }],
});

describe('the journal file (<db>.journal)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-journal-file-'));
    file = path.join(dir, 'samplan.db.journal');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads back every entry as written, a group commit\'s documents from one write', () => {
    const j = openJournalFile(file);
    j.append(encodeEntries([batch(1), { ...batch(1, null), doc: 'plan-rinkeby' }]));
    j.append(encodeEntries([batch(2)]));
    j.close();
    const { batches, tornBytes } = readJournal(file);
    expect(tornBytes).toBe(0);
    expect(batches.map((b) => [b.doc, b.firstSeq, b.atMs, b.items[0]!.memberId, [...b.items[0]!.update]])).toEqual([
      ['plan-husby', 1, 1_770_000_000_001, 'anna', [1, 7]],
      ['plan-rinkeby', 1, 1_770_000_000_001, null, [1, 7]],
      ['plan-husby', 2, 1_770_000_000_002, 'anna', [2, 7]],
    ]);
  });

  it('takes back a write that failed or wrote short, so no torn entry stays before later ones', () => {
    let disk: 'ok' | 'full' | 'short' = 'ok';
    const j = openJournalFile(file, (fd, bytes) => {
      if (disk === 'ok') return fs.writeSync(fd, bytes);
      // Half the entry reaches the file before the disk gives out.
      const half = fs.writeSync(fd, bytes.subarray(0, bytes.length >> 1));
      if (disk === 'short') return half;
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    j.append(encodeEntries([batch(1)]));
    const size = j.size;
    disk = 'full';
    expect(() => j.append(encodeEntries([batch(2)]))).toThrow('ENOSPC');
    disk = 'short';
    expect(() => j.append(encodeEntries([batch(2)]))).toThrow(/short write/);
    // Told as a fault of the disk, as ENOSPC is.
    const short = (() => {
      try {
        j.append(encodeEntries([batch(2)]));
      } catch (err) {
        return err;
      }
    })();
    expect(isStorageFault(short)).toBe(true);
    expect(faultWords('', short)).not.toEqual(faultWords('', new Error('?')));
    expect(fs.statSync(file).size).toBe(size);
    disk = 'ok';
    j.append(encodeEntries([batch(2)]));
    j.close();
    expect(readJournal(file).batches.map((b) => b.firstSeq)).toEqual([1, 2]);
  });

  it('stops reading at an entry whose bytes do not match their checksum', () => {
    const j = openJournalFile(file);
    j.append(encodeEntries([batch(1)]));
    j.append(encodeEntries([batch(2)]));
    j.close();
    const bytes = fs.readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    fs.writeFileSync(file, bytes);
    const { batches, tornBytes } = readJournal(file);
    expect(batches.map((b) => b.firstSeq)).toEqual([1]);
    expect(tornBytes).toBeGreaterThan(0);
    fs.writeFileSync(file, 'not a journal');
    expect(() => readJournal(file)).toThrow(/is not a Samplan journal/);
  });
});
