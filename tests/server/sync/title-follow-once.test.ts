/**
 * The record follows a document's title once per change. Each follow (`followTitle`, the repair at
 * load) read the stored record and wrote it with its `rename` line when the titles differed: two
 * follows of the same room close together (two renames taken in a row, a load's repair beside a
 * rename's follow) both read the record before either wrote, so the one change was written and
 * audited twice (two lines `"A" → "B"`). Now a room's title writes run one at a time: the second
 * reads what the first wrote and writes nothing.
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { DocRecord } from '../../../server/storage/storage.js';
import { followTitle, TitleRepairs } from '../../../server/sync/title-follow.js';

const AT = '2026-03-02T09:00:00.000Z';
const WS = 'hbi-test';

describe('followTitle', () => {
  it('writes one rename line when several follows of a room run at once', async () => {
    const storage = createMemoryStorage();
    await storage.putWorkspace({ id: WS, name: 'Testregion', createdAt: AT });
    const stored: DocRecord = { workspace: WS, doc: 'plan-a', kind: 'activity-plan', title: 'Plan 2025', ownerUnit: 'vc-a', createdAt: AT, updatedAt: AT };
    await storage.putDocRecord(stored);
    let record = stored;
    // The room as the follows see it: the document titled anew, its record not yet followed.
    const room = {
      title: 'Plan 2026',
      get record() {
        return record;
      },
      recordChanged(next: DocRecord) {
        record = next;
      },
    };
    const logger = pino({ level: 'silent' });
    const clock = () => new Date(AT);
    const repairs = new TitleRepairs(storage, clock, logger);
    await Promise.all([
      followTitle(room, storage, Promise.resolve(), clock, logger, 'm-a', room.title),
      followTitle(room, storage, Promise.resolve(), clock, logger, 'm-b', room.title),
      repairs.repair(room),
    ]);
    const lines = (await storage.listAudit(WS, 100)).filter((l) => l.action === 'rename');
    expect(lines.map((l) => l.detail)).toEqual(['"Plan 2025" → "Plan 2026"']);
    expect([(await storage.getDocRecord(stored))?.title, record.title]).toEqual(['Plan 2026', 'Plan 2026']);
  });
});
