/**
 * A rename over a socket (the document's `meta.title`) of a document deleted meanwhile: the
 * record's follow of the title (`followTitle`) reads and writes the record in one transaction and
 * writes nothing when none is stored, so the deleted document is not made again, nor a `rename`
 * line stored for it.
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { DocRecord } from '../../../server/storage/storage.js';
import { followTitle } from '../../../server/sync/title-follow.js';

const AT = '2026-03-02T09:00:00.000Z';
const ref = { workspace: 'hbi-test', doc: 'plan-a' };

describe('followTitle of a document deleted since its room loaded', () => {
  it('writes no record and no line', async () => {
    const storage = createMemoryStorage();
    const stored: DocRecord = { ...ref, kind: 'activity-plan', title: 'Plan 2025', ownerUnit: 'vc-a', createdAt: AT, updatedAt: AT };
    await storage.putDocRecord(stored);
    // The room still holds the record it loaded with; the document is renamed over a socket, then deleted by another process.
    const room = { title: 'Plan 2026', record: stored, recordChanged: () => undefined };
    await storage.deleteDoc(ref);
    expect(await followTitle(room, storage, Promise.resolve(), () => new Date(AT), pino({ level: 'silent' }), 'm-a', room.title)).toBe(false);
    expect(await storage.getDocRecord(ref)).toBeNull();
    expect(await storage.listAudit(ref.workspace, 10)).toEqual([]);
  });
});
