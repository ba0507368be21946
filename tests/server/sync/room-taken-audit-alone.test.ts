/**
 * The lines and record of an offer that changed nothing (`auditAlone`, a rename to the title the
 * document already shows) when the document was deleted after the caller read its record: read and
 * written in one transaction (`updateDocRecord`, which every store has: a read, then a put, wrote
 * the record back whole), nothing was stored and the caller was told nothing. Now neither the
 * record nor the lines are stored, and it rejects with `DocRecordGoneError`, as an append of the
 * record does.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { DocRecord, Storage } from '../../../server/storage/storage.js';
import { DocRecordGoneError } from '../../../server/storage/storage-records.js';
import { auditAlone } from '../../../server/sync/room-taken.js';

const AT = '2026-03-02T09:00:00.000Z';
const ref = { workspace: 'hbi-test', doc: 'plan-a' };
const record: DocRecord = { ...ref, kind: 'activity-plan', title: 'Plan 2025', ownerUnit: 'vc-a', createdAt: AT, updatedAt: AT };
const line = { ...ref, memberId: 'm-a', action: 'rename', bytes: 0, detail: '"Plan 2025" → "Plan 2026"' };

/** The records as `auditAlone` is given them: the whole store. */
const stores: [string, (s: Storage) => Parameters<typeof auditAlone>[2]][] = [['read and written in one transaction', (s) => s]];

describe('auditAlone with the record of a document deleted meanwhile', () => {
  it.each(stores)('stores neither the record nor its lines and rejects (%s)', async (_, records) => {
    const storage = createMemoryStorage();
    await storage.putDocRecord(record);
    await storage.deleteDoc(ref);
    const stored = auditAlone(Promise.resolve(), { audit: [line], record: { ...record, title: 'Plan 2026' } }, records(storage), () => new Date(AT));
    await expect(stored).rejects.toBeInstanceOf(DocRecordGoneError);
    expect(await storage.getDocRecord(ref)).toBeNull();
    expect(await storage.listAudit(ref.workspace, 10)).toEqual([]);
  });

  it.each(stores)('still stores the record’s title and its lines over a stored record (%s)', async (_, records) => {
    const storage = createMemoryStorage();
    await storage.putDocRecord({ ...record, ownerUnit: 'vc-b' });
    await auditAlone(Promise.resolve(), { audit: [line], record: { ...record, title: 'Plan 2026' } }, records(storage), () => new Date(AT));
    expect(await storage.getDocRecord(ref)).toMatchObject({ title: 'Plan 2026', ownerUnit: 'vc-b' });
    expect((await storage.listAudit(ref.workspace, 10)).map((l) => l.action)).toEqual(['rename']);
  });
});
