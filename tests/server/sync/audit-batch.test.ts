import { describe, expect, it } from 'vitest';
import { AuditBatch } from '../../../server/sync/audit-batch.js';
import type { AuditRecord } from '../../../server/storage/storage.js';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function record(i: number): AuditRecord {
  return { at: new Date(0).toISOString(), workspace: 'ws', doc: `d${i % 7}`, memberId: 'm1', action: 'connect', bytes: 0, detail: null };
}

/** An audit log that keeps every call's records. */
function log(): { calls: AuditRecord[][]; appendAudit(records: AuditRecord[]): Promise<void> } {
  const calls: AuditRecord[][] = [];
  return {
    calls,
    appendAudit: (records) => {
      calls.push(records);
      return Promise.resolve();
    },
  };
}

const quiet = { warn: () => undefined };

describe('socket audit records are written in batches', () => {
  it('writes the records of sockets arriving one per turn of the event loop in one commit, not one each', async () => {
    const storage = log();
    const batch = new AuditBatch(storage, quiet, 30);
    // A connect storm: each socket's admission ends in its own turn, and adds its record there.
    for (let i = 0; i < 100; i++) {
      batch.add(record(i));
      await nextTurn();
    }
    await sleep(60);
    expect(storage.calls.flat()).toEqual(Array.from({ length: 100 }, (_, i) => record(i)));
    expect(storage.calls.length).toBeLessThanOrEqual(4);
  });

  it('writes a record within the delay when no other comes, and at once on flush', async () => {
    const storage = log();
    const batch = new AuditBatch(storage, quiet, 20);
    batch.add(record(1));
    await nextTurn();
    expect(storage.calls).toEqual([]);
    await sleep(50);
    expect(storage.calls).toEqual([[record(1)]]);
    batch.add(record(2));
    await batch.flush();
    expect(storage.calls).toEqual([[record(1)], [record(2)]]);
  });

  it('keeps going after a failed write, warning about it', async () => {
    const warned: unknown[] = [];
    let fail = true;
    const written: AuditRecord[] = [];
    const batch = new AuditBatch(
      {
        appendAudit: async (records) => {
          if (fail) throw new Error('disk full');
          written.push(...records);
        },
      },
      { warn: (obj: unknown) => void warned.push(obj) },
      5,
    );
    batch.add(record(1));
    await batch.flush();
    fail = false;
    batch.add(record(2));
    await batch.flush();
    expect(warned).toHaveLength(1);
    expect(written).toEqual([record(2)]);
  });
});
