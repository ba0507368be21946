/**
 * A record written beside a change keeps an archive stored meanwhile. `auditAlone` (the lines and
 * record of an offer that changed nothing, a rename to the title the document shows) and the
 * record's follow of a title (`followTitle`) read the stored record, then wrote it with the
 * archive fields read: an archive stored between the two (another process, an admin) was undone.
 * Now both read and write in one transaction (`updateDocRecord`). The interleaving is forced: the
 * store stores the archive right after the record is read, or just before it is written.
 */
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { DocRecord, DocRef, Storage } from '../../../server/storage/storage.js';
import { followTitle } from '../../../server/sync/title-follow.js';
import { startTestServer, WS, type TestServer } from './support.js';

const ref = { workspace: WS, doc: 'plan-a' };
const ARCHIVED = { archivedAt: '2026-02-01T08:00:00.000Z', archivedBy: 'Admin' };

/** Memory storage that, once `arm`ed, archives the document at its next record read (after it) or record write (before it). */
function archivingStorage(): Storage & { arm(): void } {
  const inner = createMemoryStorage();
  const storage = Object.create(inner) as Storage & { arm(): void };
  let armed = false;
  const archive = async (at: DocRef) => {
    if (!armed) return;
    armed = false;
    const stored = await inner.getDocRecord(at);
    if (stored) await inner.putDocRecord({ ...stored, ...ARCHIVED });
  };
  storage.arm = () => (armed = true);
  storage.getDocRecord = async (at) => {
    const read = await inner.getDocRecord(at);
    await archive(at);
    return read;
  };
  storage.putDocRecord = async (rec, lines) => {
    await archive(rec);
    return inner.putDocRecord(rec, lines);
  };
  storage.updateDocRecord = async (at, change) => {
    await archive(at);
    return inner.updateDocRecord(at, change);
  };
  return storage;
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('a record written beside a change, with an archive landing meanwhile', () => {
  it('keeps the archive when the lines and record of an offer that changed nothing are stored', async () => {
    const storage = archivingStorage();
    server = await startTestServer({}, { storage });
    const { registry } = server.sync;
    await registry.getDoc(ref);
    const record = (await storage.getDocRecord(ref))!;
    const renamed = { ...record, title: 'Plan 2026', updatedAt: '2026-02-02T08:00:00.000Z' };
    const line = { workspace: WS, doc: ref.doc, memberId: 'm-coord', action: 'rename', bytes: 0, detail: `"${record.title}" → "Plan 2026"` };
    storage.arm();
    expect(await registry.submit(ref, new Uint8Array([0, 0]), { memberId: 'm-coord', principal: null }, [line], renamed)).toEqual({ ok: true });
    expect(await storage.getDocRecord(ref)).toEqual({ ...renamed, ...ARCHIVED });
  });

  it('keeps the archive when the record follows the document’s title', async () => {
    const storage = archivingStorage();
    await storage.putWorkspace({ id: WS, name: 'Testregion', createdAt: ARCHIVED.archivedAt });
    const stored: DocRecord = { ...ref, kind: 'activity-plan', title: 'Plan 2025', ownerUnit: 'clinic-a', createdAt: ARCHIVED.archivedAt, updatedAt: ARCHIVED.archivedAt };
    await storage.putDocRecord(stored);
    let record = stored;
    const room = { title: 'Plan 2026', record, recordChanged: (next: DocRecord) => (record = next) };
    storage.arm();
    expect(await followTitle(room, storage, Promise.resolve(), () => new Date('2026-02-02T08:00:00.000Z'), pino({ level: 'silent' }), 'm-a', room.title)).toBe(true);
    expect(await storage.getDocRecord(ref)).toMatchObject({ title: 'Plan 2026', ...ARCHIVED });
    expect(record).toMatchObject({ title: 'Plan 2026', ...ARCHIVED });
    expect((await storage.listAudit(WS, 10)).filter((l) => l.action === 'rename').map((l) => l.detail)).toEqual(['"Plan 2025" → "Plan 2026"']);
  });
});
